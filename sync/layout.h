/*
 * layout: where the files lie in the shared folder (docs/sync-format.md).
 *
 * A writer's file number SEQ lies at WRITER/BUCKET/NAME below the folder:
 * WRITER its actor id, BUCKET = SEQ / 1000 in five digits, NAME the file's
 * name (bundle_name). A folder made before this layout holds the files
 * flat at its top; readers take those too. Listing a directory costs in
 * proportion to its entries, so a sync that looks only at the directories
 * that changed stays as fast however long the history.
 *
 * Names beginning with a dot (temporary files, Syncthing's .stfolder) are
 * never listed; directories whose names are not of the form above are
 * passed over.
 */
#ifndef GAVEL_SYNC_LAYOUT_H
#define GAVEL_SYNC_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/model.h"

#define LAYOUT_BUCKET 1000 /* files in a bucket */
#define LAYOUT_PATH_MAX 128

/* The path of a writer's file number seq, relative to the folder. */
void layout_path(const char *writer, uint64_t seq, char out[LAYOUT_PATH_MAX]);

/*
 * Makes the directories of `rel` (a path relative to dir, as layout_path
 * gives) below dir, those already there left as they are, each new one
 * synced into its parent. 0, or -1 with errno set.
 */
int layout_mkdirs(const char *dir, const char *rel);

/* The depth of the directories: the folder, a writer's, a bucket. */
enum { LAYOUT_TOP, LAYOUT_WRITER, LAYOUT_BUCKET_DIR };

/*
 * Lists one directory of the folder at the given depth: the names of its
 * subdirectories of the form that depth holds (writers at the top, buckets
 * in a writer's; none in a bucket) onto *dirs, every other name onto
 * *files (names beginning with a dot left out). 0, or -1 with errno set.
 */
int layout_list(const char *path, int depth, struct strvec *files, struct strvec *dirs);

/* Every file in the folder (flat at the top, or in a writer's bucket), as
 * paths relative to dir, in no particular order. 0, or -1 with errno set
 * when dir cannot be listed (a subdirectory that cannot is passed over). */
int layout_walk(const char *dir, struct strvec *paths);

/* The file name at the end of a relative path. */
const char *layout_base(const char *rel);

#endif
