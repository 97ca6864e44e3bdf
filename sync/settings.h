/*
 * settings: the names of the local settings the sync keeps (store_local_*:
 * this database's own, never exchanged). Internal to sync/; the reading of
 * the folder keeps its own (sync/folder.c).
 */
#ifndef GAVEL_SYNC_SETTINGS_H
#define GAVEL_SYNC_SETTINGS_H

#define SETTING_DIR "sync_dir"               /* the shared folder's real path */
#define SETTING_LAST "sync_last"             /* when the last sync completed (UTC) */
#define SETTING_REMOVED "sync_removed"       /* the REKEY file that left this machine out */
#define SETTING_FOUNDER "council_founder"   /* the founder's public key (sync/policy.h) */
#define SETTING_REQUEST "join_request/"      /* + actor: a request to join, "EPOCH KEY NAME" */
#define SETTING_ASKED "join_asked"           /* this machine asked to join: "WHEN" */
#define WAITING_FOR "sync_wait/"            /* + "WRITER-SEQ": a file waited for, since when */
#define SETTING_GENERATION "keys_generation" /* the newest passphrase wrap's generation */

#endif
