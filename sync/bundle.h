/*
 * bundle: the files of the shared folder, byte by byte (docs/sync-format.md).
 *
 * Every file has a clear header naming the council, the writer (public key
 * and actor id), the writer's sequence number, the key epoch and the kind;
 * then a clear, authenticated extension (kind-specific); then the body,
 * encrypted with XChaCha20-Poly1305 (the header and extension are its
 * associated data, so a file's identity cannot be changed); then an Ed25519
 * signature of everything before it by the writer. Readers check the
 * signature before they decrypt. A file shorter than its header says is
 * reported as truncated (a sync tool may still be copying it).
 *
 * Parsing never trusts a length: every function here takes arbitrary bytes
 * and either fills its output or returns -1 with a one-line reason in `why`.
 */
#ifndef GAVEL_SYNC_BUNDLE_H
#define GAVEL_SYNC_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/identity.h"
#include "store/replica.h"

/* Version 2 marks the files of joining by admission (kinds 4 and 5, a keys
 * file holding an invitation): a gavel that knows only version 1 then asks
 * to be upgraded instead of refusing them. Version 1 files read the same. */
#define BUNDLE_VERSION 2
#define BUNDLE_MAGIC "GAVELSYN"
#define BUNDLE_HEADER 124
#define BUNDLE_COUNCIL_LEN 16
#define BUNDLE_ACTOR_LEN (ID_LEN / 2) /* an actor id's bytes */
#define BUNDLE_KEY_LEN 32 /* crypto_aead_xchacha20poly1305_ietf_KEYBYTES */
#define BUNDLE_PAD 4096 /* no padded body is shorter: short bodies all look alike */
#define BUNDLE_MAX (256u << 20) /* no file is larger than 256 MB */
#define BUNDLE_WHY 512 /* a reason, as long as an error's message (struct err) */
#define BUNDLE_NAME_SIZE 64 /* a file's name and its NUL */

enum bundle_kind {
	BUNDLE_CHANGES = 1, /* a batch of changes, under the council key of its epoch */
	BUNDLE_KEYS = 2,    /* the council keys, under a key made from the passphrase */
	BUNDLE_REKEY = 3,   /* a new council key, sealed to each member's machine */
	BUNDLE_REQUEST = 4, /* a newcomer asks to join, under the request key (keyring.h) */
	BUNDLE_ADMIT = 5,   /* a member admits a newcomer: the keys sealed to it */
};

struct bundle {
	int version;
	int kind;
	unsigned char council[BUNDLE_COUNCIL_LEN];
	unsigned char writer_pk[IDENTITY_PK_LEN];
	char writer[ID_LEN + 1]; /* actor id, hex */
	uint64_t seq;
	uint32_t epoch;
	const unsigned char *ext; /* into the parsed buffer */
	size_t ext_len;
	const unsigned char *nonce, *body;
	size_t body_len;
	const unsigned char *sig;
	size_t signed_len; /* bytes covered by the signature */
	size_t aad_len;    /* bytes of associated data */
};

/* Result of bundle_parse besides 0: */
#define BUNDLE_TRUNCATED 1 /* shorter than it says: maybe still being copied */
#define BUNDLE_NEWER 2     /* a format version this build does not know */

/* Sets why (when not NULL) to the message of an error code (a reason a
 * file is refused, E_SYNC_...); returns rc. */
int bundle_why(char why[BUNDLE_WHY], int rc, enum err_code code);

/* Parses the frame of a file (nothing is verified or decrypted yet). */
int bundle_parse(const unsigned char *buf, size_t len, struct bundle *b, char why[BUNDLE_WHY]);
/* Do the first len bytes of a file begin as a file of this council? */
bool bundle_is_council(const unsigned char *buf, size_t len, const unsigned char council[BUNDLE_COUNCIL_LEN]);
/* Checks the writer's signature. */
bool bundle_verify(const struct bundle *b);
/*
 * The length a plain body of plain_len bytes is padded to before it is
 * encrypted: Padmé (docs/sync-format.md, "Padding") of the body with its
 * 0x80 marker, plain_len + 1 bytes, and never less than BUNDLE_PAD.
 */
size_t bundle_padded_len(size_t plain_len);
/* Decrypts and unpads the body with key; *out (caller frees) and *out_len.
 * Reads bodies padded by bundle_seal and those padded to a multiple of
 * BUNDLE_PAD by earlier versions; a body without its marker, or with more
 * padding than either gives, is refused (E_SYNC_PADDING). */
int bundle_open(const struct bundle *b, const unsigned char key[BUNDLE_KEY_LEN], unsigned char **out,
		size_t *out_len, char why[BUNDLE_WHY]);

/*
 * Writes a whole file: header fields from b (version, kind, council,
 * writer, seq, epoch), ext, the plaintext padded and encrypted with key,
 * signed by id. *out (caller frees).
 */
void bundle_seal(const struct bundle *b, const unsigned char *ext, size_t ext_len,
		 const unsigned char *plain, size_t plain_len, const unsigned char key[BUNDLE_KEY_LEN],
		 const struct identity *id, unsigned char **out, size_t *out_len);

/* The file name of a writer's file number seq, and back. */
void bundle_name(const char *writer, uint64_t seq, char out[BUNDLE_NAME_SIZE]);
bool bundle_name_parse(const char *name, char writer[ID_LEN + 1], uint64_t *seq);

/* ---- the body of a batch of changes ---- */

enum { CHANGE_UPSERT = 1, CHANGE_DELETE = 2 };
#define BATCH_NAME_SIZE 64 /* a table's or column's name and its NUL */
#define BATCH_COLS_MAX 62  /* columns of a change (a dirty mask has 64 bits) */
struct change {
	int op;
	char tbl[BATCH_NAME_SIZE];
	char row[ROW_KEY_MAX];
	long long hlc;
	int ncols;
	char **cols;
	struct rval *vals;
};
struct frontier_item {
	char writer[ID_LEN + 1];
	long long seq;
};
struct batch {
	int schema;        /* the writer's schema version */
	long long clock;   /* the writer's clock when it wrote the file */
	size_t nfront;
	struct frontier_item *front; /* what the writer had applied, per writer */
	size_t n, alloc;
	struct change *v;
};
/* Frees the changes and the frontier; b is left empty, to be reused. */
void batch_release(struct batch *b);
/* Appends a zeroed change (owned by b) and returns it. */
struct change *batch_push(struct batch *b);
/* The body of a CHANGES file for b, in *out (caller frees) and *len.
 * Names longer than a str8 are cut at its 255 bytes. */
void batch_encode(const struct batch *b, unsigned char **out, size_t *len);
/* Decodes a body (any bytes) into b; -1 with the reason (E_SYNC_CONTENT)
 * when it is not one whole, well-formed batch, b then empty. */
int batch_decode(const unsigned char *buf, size_t len, struct batch *b, char why[BUNDLE_WHY]);

/* Frontiers as text ("writer:seq,..." as store/replica.h keeps them):
 * b's frontier replaced by the items of text (those not of that form
 * passed over), and the text of n items (caller frees). */
void batch_frontier_parse(struct batch *b, const char *text);
char *frontier_text(const struct frontier_item *v, size_t n);

#endif
