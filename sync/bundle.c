/* bundle: the folder's file format; see bundle.h and docs/sync-format.md. */
#include "sync/bundle.h"

#include <assert.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/bytes.h"

/* Where the header's fields lie (docs/sync-format.md, "A file"). */
#define MAGIC_LEN 8
#define OFF_VERSION 8
#define OFF_KIND 10
#define OFF_RESERVED 11
#define OFF_COUNCIL 12
#define OFF_WRITER_PK 28
#define OFF_WRITER 60
#define OFF_SEQ 76
#define OFF_EPOCH 84
#define OFF_EXT_LEN 88
#define OFF_NONCE 92
#define OFF_BODY_LEN 116
_Static_assert(OFF_WRITER_PK == OFF_COUNCIL + BUNDLE_COUNCIL_LEN, "the header's council id");
_Static_assert(OFF_SEQ == OFF_WRITER + BUNDLE_ACTOR_LEN, "the header's actor id");
_Static_assert(OFF_BODY_LEN == OFF_NONCE + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "the header's nonce");
_Static_assert(BUNDLE_HEADER == OFF_BODY_LEN + 8, "the header's length");
_Static_assert(BUNDLE_KEY_LEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "the council key");

/* The batch body's limits: what a reader checks before it allocates. */
#define STR8_MAX 255        /* a str8 holds at most this many bytes */
#define FRONTIER_MAX 100000 /* writers in a frontier */
#define FRONTIER_ITEM (BUNDLE_ACTOR_LEN + 8)
#define CHANGE_MIN 13       /* the fewest bytes a change takes */

_Static_assert(BUNDLE_WHY == sizeof ((struct err *)0)->msg, "a reason holds an error's message");

int bundle_why(char why[BUNDLE_WHY], int rc, enum err_code code)
{
	struct err e;
	error(&e, code);
	if (why)
		snprintf(why, BUNDLE_WHY, "%s", e.msg);
	return rc;
}

/* ---- the frame ---- */

int bundle_parse(const unsigned char *buf, size_t len, struct bundle *b, char why[BUNDLE_WHY])
{
	memset(b, 0, sizeof *b);
	if (len < MAGIC_LEN || memcmp(buf, BUNDLE_MAGIC, MAGIC_LEN)) {
		/* a file cut before its magic is still being written */
		if (len < MAGIC_LEN && !memcmp(buf, BUNDLE_MAGIC, len))
			return bundle_why(why, BUNDLE_TRUNCATED, E_SYNC_TRUNCATED);
		return bundle_why(why, -1, E_SYNC_NOT_SYNC_FILE);
	}
	/* the version decides how the rest reads: it is looked at first */
	if (len < OFF_KIND + 1)
		return bundle_why(why, BUNDLE_TRUNCATED, E_SYNC_TRUNCATED);
	b->version = get16(buf + OFF_VERSION);
	if (b->version > BUNDLE_VERSION)
		return bundle_why(why, BUNDLE_NEWER, E_SYNC_FORMAT_NEWER);
	if (b->version < 1)
		return bundle_why(why, -1, E_SYNC_FORMAT_UNKNOWN);
	if (len < BUNDLE_HEADER)
		return bundle_why(why, BUNDLE_TRUNCATED, E_SYNC_TRUNCATED);
	b->kind = buf[OFF_KIND];
	if (b->kind < BUNDLE_CHANGES || b->kind > BUNDLE_ADMIT || buf[OFF_RESERVED] != 0)
		return bundle_why(why, -1, E_SYNC_KIND);
	memcpy(b->council, buf + OFF_COUNCIL, BUNDLE_COUNCIL_LEN);
	memcpy(b->writer_pk, buf + OFF_WRITER_PK, IDENTITY_PK_LEN);
	sodium_bin2hex(b->writer, sizeof b->writer, buf + OFF_WRITER, BUNDLE_ACTOR_LEN);
	b->seq = get64(buf + OFF_SEQ);
	b->epoch = get32(buf + OFF_EPOCH);
	uint64_t ext = get32(buf + OFF_EXT_LEN);
	b->nonce = buf + OFF_NONCE;
	uint64_t body = get64(buf + OFF_BODY_LEN);
	if (b->seq == 0 || ext > BUNDLE_MAX || body > BUNDLE_MAX ||
	    body < crypto_aead_xchacha20poly1305_ietf_ABYTES)
		return bundle_why(why, -1, E_SYNC_HEADER);
	uint64_t total = BUNDLE_HEADER + ext + body + crypto_sign_BYTES;
	if (len < total)
		return bundle_why(why, BUNDLE_TRUNCATED, E_SYNC_TRUNCATED);
	if (len > total)
		return bundle_why(why, -1, E_SYNC_TOO_LONG);
	b->ext = buf + BUNDLE_HEADER;
	b->ext_len = (size_t)ext;
	b->body = b->ext + ext;
	b->body_len = (size_t)body;
	b->aad_len = BUNDLE_HEADER + (size_t)ext;
	b->signed_len = b->aad_len + (size_t)body;
	b->sig = buf + b->signed_len;
	return 0;
}

bool bundle_is_council(const unsigned char *buf, size_t len, const unsigned char council[BUNDLE_COUNCIL_LEN])
{
	return len >= OFF_COUNCIL + BUNDLE_COUNCIL_LEN && !memcmp(buf, BUNDLE_MAGIC, MAGIC_LEN) &&
	       !memcmp(buf + OFF_COUNCIL, council, BUNDLE_COUNCIL_LEN);
}

bool bundle_verify(const struct bundle *b)
{
	const unsigned char *start = b->ext - BUNDLE_HEADER;
	return crypto_sign_verify_detached(b->sig, start, b->signed_len, b->writer_pk) == 0;
}

/* ---- the padding ----
 *
 * A body is padded as ISO/IEC 7816-4 has it: a byte 0x80, then zeros. How
 * many zeros is Padmé's choice (Nikitin et al., "Reducing Metadata Leakage
 * from Encrypted Files and Communication with PURBs", PETS 2019): a length L
 * with E = floor(log2 L) is rounded up to a multiple of 2^(E - S), S =
 * floor(log2 E) + 1, so that a padded length has at most S significant
 * bits and leaks O(log log L) bits of L rather than O(log L). The padding
 * costs at most 2^-S of the length: 6.25 % past BUNDLE_PAD, 3.1 % past
 * 64 KiB. Earlier versions padded to the next multiple of BUNDLE_PAD (with
 * libsodium's sodium_pad, the same marker), so a reader only looks for the
 * marker: the last non-zero byte.
 */

static unsigned log2_floor(uint64_t x)
{
	unsigned r = 0;
	while (x >>= 1)
		r++;
	return r;
}

/* The multiple of which Padmé makes a length of len bytes (len >= 2). */
static uint64_t padme_step(uint64_t len)
{
	unsigned e = log2_floor(len), s = log2_floor(e) + 1;
	return (uint64_t)1 << (e - s);
}

size_t bundle_padded_len(size_t plain_len)
{
	assert(plain_len < SIZE_MAX / 2); /* no rounding up overflows */
	uint64_t len = (uint64_t)plain_len + 1, mask; /* the body and its marker */
	if (len <= BUNDLE_PAD)
		return BUNDLE_PAD;
	mask = padme_step(len) - 1;
	return (size_t)((len + mask) & ~mask);
}

/*
 * The length of a padded body of n bytes before its padding. The scan goes
 * back over zeros to the last non-zero byte, which must be the marker, and
 * no further than any writer pads a body of n bytes: BUNDLE_PAD (the old
 * multiples of it, and every body padded up to it) or Padmé's step at n
 * (the step never shrinks as the length grows, so the step at the body's
 * own length bounds the padding a shorter plain body was given). The body
 * is authenticated before it is unpadded, so the scan need not take
 * constant time: only a holder of the key could have chosen its bytes.
 */
static int unpad(const unsigned char *buf, size_t n, size_t *out)
{
	uint64_t most = n >= 2 ? padme_step(n) : 0;
	if (most < BUNDLE_PAD)
		most = BUNDLE_PAD;
	if (most > n)
		most = n;
	for (size_t i = 1; i <= most; i++) {
		unsigned char c = buf[n - i];
		if (c == 0x80) {
			*out = n - i;
			return 0;
		}
		if (c)
			return -1;
	}
	return -1;
}

int bundle_open(const struct bundle *b, const unsigned char key[BUNDLE_KEY_LEN], unsigned char **out,
		size_t *out_len, char why[BUNDLE_WHY])
{
	const unsigned char *start = b->ext - BUNDLE_HEADER;
	unsigned long long n;
	unsigned char *plain = xmalloc(b->body_len);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &n, NULL, b->body, b->body_len, start, b->aad_len,
						       b->nonce, key)) {
		free(plain);
		return bundle_why(why, -1, E_SYNC_UNDECRYPTABLE);
	}
	size_t unpadded;
	if (unpad(plain, (size_t)n, &unpadded)) {
		sodium_memzero(plain, (size_t)n);
		free(plain);
		return bundle_why(why, -1, E_SYNC_PADDING);
	}
	*out = plain;
	*out_len = unpadded;
	return 0;
}

void bundle_seal(const struct bundle *b, const unsigned char *ext, size_t ext_len,
		 const unsigned char *plain, size_t plain_len, const unsigned char key[BUNDLE_KEY_LEN],
		 const struct identity *id, unsigned char **out, size_t *out_len)
{
	size_t padded = bundle_padded_len(plain_len);
	unsigned char *pad = xcalloc(1, padded); /* the zeros after the marker */
	if (plain_len)
		memcpy(pad, plain, plain_len);
	pad[plain_len] = 0x80;
	size_t body = padded + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	size_t total = BUNDLE_HEADER + ext_len + body + crypto_sign_BYTES;
	unsigned char *f = xcalloc(1, total);
	memcpy(f, BUNDLE_MAGIC, MAGIC_LEN);
	put16(f + OFF_VERSION, BUNDLE_VERSION);
	f[OFF_KIND] = (unsigned char)b->kind;
	memcpy(f + OFF_COUNCIL, b->council, BUNDLE_COUNCIL_LEN);
	memcpy(f + OFF_WRITER_PK, id->pk, IDENTITY_PK_LEN);
	size_t bin;
	sodium_hex2bin(f + OFF_WRITER, BUNDLE_ACTOR_LEN, id->actor, ID_LEN, NULL, &bin, NULL);
	put64(f + OFF_SEQ, b->seq);
	put32(f + OFF_EPOCH, b->epoch);
	put32(f + OFF_EXT_LEN, (uint32_t)ext_len);
	randombytes_buf(f + OFF_NONCE, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	put64(f + OFF_BODY_LEN, body);
	if (ext_len)
		memcpy(f + BUNDLE_HEADER, ext, ext_len);
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(f + BUNDLE_HEADER + ext_len, &clen, pad, padded, f,
						   BUNDLE_HEADER + ext_len, NULL, f + OFF_NONCE, key);
	sodium_memzero(pad, padded);
	free(pad);
	crypto_sign_detached(f + total - crypto_sign_BYTES, NULL, f, total - crypto_sign_BYTES, id->sk);
	*out = f;
	*out_len = total;
}

/* WRITER-SEQUENCE.gavel: the sequence in this many digits */
#define NAME_SEQ_DIGITS 8
#define NAME_EXT ".gavel"
_Static_assert(ID_LEN + 1 + NAME_SEQ_DIGITS + sizeof NAME_EXT <= BUNDLE_NAME_SIZE, "a file name");

void bundle_name(const char *writer, uint64_t seq, char out[BUNDLE_NAME_SIZE])
{
	snprintf(out, BUNDLE_NAME_SIZE, "%s-%0*llu" NAME_EXT, writer, NAME_SEQ_DIGITS, (unsigned long long)seq);
}

bool bundle_name_parse(const char *name, char writer[ID_LEN + 1], uint64_t *seq)
{
	size_t n = strlen(name);
	if (n != ID_LEN + 1 + NAME_SEQ_DIGITS + strlen(NAME_EXT) || strspn(name, "0123456789abcdef") != ID_LEN ||
	    name[ID_LEN] != '-' || strspn(name + ID_LEN + 1, "0123456789") != NAME_SEQ_DIGITS ||
	    strcmp(name + ID_LEN + 1 + NAME_SEQ_DIGITS, NAME_EXT))
		return false;
	memcpy(writer, name, ID_LEN);
	writer[ID_LEN] = '\0';
	*seq = strtoull(name + ID_LEN + 1, NULL, 10);
	return *seq > 0;
}

/* ---- the body of a batch ---- */

void batch_release(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct change *c = &b->v[i];
		for (int k = 0; k < c->ncols; k++) {
			free(c->cols[k]);
			rval_release(&c->vals[k]);
		}
		free(c->cols);
		free(c->vals);
	}
	free(b->v);
	free(b->front);
	memset(b, 0, sizeof *b);
}

struct change *batch_push(struct batch *b)
{
	ALLOC_GROW(b->v, b->n + 1, b->alloc);
	memset(&b->v[b->n], 0, sizeof b->v[0]);
	return &b->v[b->n++];
}

static void add_bytes(struct strbuf *sb, const void *p, size_t n)
{
	sb_add(sb, p, n);
}

static void add_u8(struct strbuf *sb, unsigned v)
{
	unsigned char c = (unsigned char)v;
	add_bytes(sb, &c, 1);
}

static void add_u32(struct strbuf *sb, uint32_t v)
{
	unsigned char p[sizeof v];
	put32(p, v);
	add_bytes(sb, p, sizeof p);
}

static void add_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char p[sizeof v];
	put64(p, v);
	add_bytes(sb, p, sizeof p);
}

static void add_str8(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	if (n > STR8_MAX)
		n = STR8_MAX;
	add_u8(sb, (unsigned)n);
	add_bytes(sb, s, n);
}

static void add_actor(struct strbuf *sb, const char *hex)
{
	unsigned char bin[BUNDLE_ACTOR_LEN] = { 0 };
	size_t n;
	sodium_hex2bin(bin, sizeof bin, hex, strlen(hex), NULL, &n, NULL);
	add_bytes(sb, bin, sizeof bin);
}

void batch_encode(const struct batch *b, unsigned char **out, size_t *len)
{
	struct strbuf sb = { 0 };
	add_u32(&sb, (uint32_t)b->schema);
	add_u64(&sb, (uint64_t)b->clock);
	add_u32(&sb, (uint32_t)b->nfront);
	for (size_t i = 0; i < b->nfront; i++) {
		add_actor(&sb, b->front[i].writer);
		add_u64(&sb, (uint64_t)b->front[i].seq);
	}
	add_u32(&sb, (uint32_t)b->n);
	for (size_t i = 0; i < b->n; i++) {
		const struct change *c = &b->v[i];
		add_u8(&sb, (unsigned)c->op);
		add_str8(&sb, c->tbl);
		add_str8(&sb, c->row);
		add_u64(&sb, (uint64_t)c->hlc);
		add_u8(&sb, (unsigned)c->ncols);
		for (int k = 0; k < c->ncols; k++) {
			const struct rval *v = &c->vals[k];
			add_str8(&sb, c->cols[k]);
			add_u8(&sb, (unsigned)v->type);
			if (v->type == RV_INT) {
				add_u64(&sb, (uint64_t)v->i);
			} else if (v->type == RV_REAL) {
				uint64_t bits;
				memcpy(&bits, &v->d, sizeof bits);
				add_u64(&sb, bits);
			} else if (v->type == RV_TEXT) {
				size_t n = strlen(v->s);
				add_u32(&sb, (uint32_t)n);
				add_bytes(&sb, v->s, n);
			}
		}
	}
	*len = sb.len;
	*out = (unsigned char *)sb_detach(&sb);
}

struct reader {
	const unsigned char *p, *end;
	bool bad;
};

static const unsigned char *take(struct reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *p = r->p;
	r->p += n;
	return p;
}

static uint64_t take64(struct reader *r)
{
	const unsigned char *p = take(r, sizeof(uint64_t));
	return p ? get64(p) : 0;
}

static uint32_t take32(struct reader *r)
{
	const unsigned char *p = take(r, sizeof(uint32_t));
	return p ? get32(p) : 0;
}

static unsigned take8(struct reader *r)
{
	const unsigned char *p = take(r, 1);
	return p ? *p : 0;
}

/* A short name: printable ASCII identifiers and row keys only. */
static bool take_name(struct reader *r, char *out, size_t size, const char *allowed)
{
	unsigned n = take8(r);
	const unsigned char *p = take(r, n);
	if (!p || n == 0 || n >= size)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return strspn(out, allowed) == n;
}

#define IDENT_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_"
#define KEY_CHARS "abcdefghijklmnopqrstuvwxyz0123456789_|-"

int batch_decode(const unsigned char *buf, size_t len, struct batch *b, char why[BUNDLE_WHY])
{
	struct reader r = { buf, buf + len, false };
	memset(b, 0, sizeof *b);
	b->schema = (int)take32(&r);
	b->clock = (long long)take64(&r);
	uint32_t nf = take32(&r);
	if (r.bad || nf > FRONTIER_MAX || (size_t)(r.end - r.p) < (size_t)nf * FRONTIER_ITEM)
		goto bad;
	b->front = xcalloc(nf ? nf : 1, sizeof *b->front);
	for (uint32_t i = 0; i < nf; i++) {
		const unsigned char *a = take(&r, BUNDLE_ACTOR_LEN);
		if (!a)
			goto bad;
		sodium_bin2hex(b->front[i].writer, sizeof b->front[i].writer, a, BUNDLE_ACTOR_LEN);
		b->front[i].seq = (long long)(take64(&r) & INT64_MAX);
		b->nfront++;
	}
	uint32_t n = take32(&r);
	if (r.bad || (size_t)(r.end - r.p) / CHANGE_MIN < n)
		goto bad;
	for (uint32_t i = 0; i < n; i++) {
		struct change *c = batch_push(b);
		c->op = (int)take8(&r);
		if (c->op != CHANGE_UPSERT && c->op != CHANGE_DELETE)
			goto bad;
		if (!take_name(&r, c->tbl, sizeof c->tbl, IDENT_CHARS) || !take_name(&r, c->row, sizeof c->row, KEY_CHARS))
			goto bad;
		c->hlc = (long long)(take64(&r) & INT64_MAX);
		unsigned nc = take8(&r);
		if (r.bad || nc > BATCH_COLS_MAX)
			goto bad;
		c->cols = xcalloc(nc ? nc : 1, sizeof *c->cols);
		c->vals = xcalloc(nc ? nc : 1, sizeof *c->vals);
		for (unsigned k = 0; k < nc; k++) {
			char name[BATCH_NAME_SIZE];
			if (!take_name(&r, name, sizeof name, IDENT_CHARS))
				goto bad;
			c->cols[k] = xstrdup(name);
			c->ncols++;
			struct rval *v = &c->vals[k];
			unsigned type = take8(&r);
			if (type == RV_NULL) {
				v->type = RV_NULL;
			} else if (type == RV_INT) {
				v->type = RV_INT;
				v->i = (long long)take64(&r);
			} else if (type == RV_REAL) {
				uint64_t bits = take64(&r);
				v->type = RV_REAL;
				memcpy(&v->d, &bits, sizeof bits);
			} else if (type == RV_TEXT) {
				uint32_t tl = take32(&r);
				const unsigned char *t = take(&r, tl);
				if (!t || memchr(t, 0, tl))
					goto bad;
				v->type = RV_TEXT;
				v->s = xmalloc(tl + 1);
				memcpy(v->s, t, tl);
				v->s[tl] = '\0';
			} else {
				goto bad;
			}
			if (r.bad)
				goto bad;
		}
	}
	if (r.p != r.end)
		goto bad;
	return 0;
bad:
	batch_release(b);
	return bundle_why(why, -1, E_SYNC_CONTENT);
}

void batch_frontier_parse(struct batch *b, const char *text)
{
	free(b->front);
	b->front = NULL;
	b->nfront = 0;
	size_t alloc = 0;
	const char *p = text;
	while (p && *p) {
		size_t n = strcspn(p, ",");
		if (n > ID_LEN && p[ID_LEN] == ':') {
			ALLOC_GROW(b->front, b->nfront + 1, alloc);
			struct frontier_item *f = &b->front[b->nfront++];
			memcpy(f->writer, p, ID_LEN);
			f->writer[ID_LEN] = '\0';
			f->seq = atoll(p + ID_LEN + 1);
		}
		p += n + (p[n] == ',');
	}
}

char *frontier_text(const struct frontier_item *v, size_t n)
{
	struct strbuf sb = { 0 };
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%s:%lld", i ? "," : "", v[i].writer, v[i].seq);
	return sb_detach(&sb);
}
