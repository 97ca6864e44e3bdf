/* bundle: the folder's file format; see bundle.h and docs/sync-format.md. */
#include "sync/bundle.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- big-endian integers ---- */

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (24 - 8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (56 - 8 * i));
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void why_set(char why[BUNDLE_WHY], const char *msg)
{
	if (why)
		snprintf(why, BUNDLE_WHY, "%s", msg);
}

/* ---- the frame ---- */

int bundle_parse(const unsigned char *buf, size_t len, struct bundle *b, char why[BUNDLE_WHY])
{
	memset(b, 0, sizeof *b);
	if (len < 8 || memcmp(buf, BUNDLE_MAGIC, 8)) {
		/* a file cut before its magic is still being written */
		if (len < 8 && !memcmp(buf, BUNDLE_MAGIC, len)) {
			why_set(why, _("truncated (still being copied?)"));
			return BUNDLE_TRUNCATED;
		}
		why_set(why, _("not a gavel sync file"));
		return -1;
	}
	if (len < 11) {
		why_set(why, _("truncated (still being copied?)"));
		return BUNDLE_TRUNCATED;
	}
	b->version = get16(buf + 8);
	if (b->version > BUNDLE_VERSION) {
		why_set(why, _("written by a newer gavel (format version too new); upgrade gavel to read it"));
		return BUNDLE_NEWER;
	}
	if (b->version < 1) {
		why_set(why, _("unknown format version"));
		return -1;
	}
	if (len < BUNDLE_HEADER) {
		why_set(why, _("truncated (still being copied?)"));
		return BUNDLE_TRUNCATED;
	}
	b->kind = buf[10];
	if (b->kind < BUNDLE_CHANGES || b->kind > BUNDLE_REKEY || buf[11] != 0) {
		why_set(why, _("unknown kind of file"));
		return -1;
	}
	memcpy(b->council, buf + 12, BUNDLE_COUNCIL_LEN);
	memcpy(b->writer_pk, buf + 28, IDENTITY_PK_LEN);
	sodium_bin2hex(b->writer, sizeof b->writer, buf + 60, 16);
	b->seq = get64(buf + 76);
	b->epoch = get32(buf + 84);
	uint64_t ext = get32(buf + 88);
	b->nonce = buf + 92;
	uint64_t body = get64(buf + 116);
	if (b->seq == 0 || ext > BUNDLE_MAX || body > BUNDLE_MAX ||
	    body < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		why_set(why, _("damaged header"));
		return -1;
	}
	uint64_t total = BUNDLE_HEADER + ext + body + crypto_sign_BYTES;
	if (len < total) {
		why_set(why, _("truncated (still being copied?)"));
		return BUNDLE_TRUNCATED;
	}
	if (len > total) {
		why_set(why, _("damaged: longer than its header says"));
		return -1;
	}
	b->ext = buf + BUNDLE_HEADER;
	b->ext_len = (size_t)ext;
	b->body = b->ext + ext;
	b->body_len = (size_t)body;
	b->aad_len = BUNDLE_HEADER + (size_t)ext;
	b->signed_len = b->aad_len + (size_t)body;
	b->sig = buf + b->signed_len;
	return 0;
}

bool bundle_verify(const struct bundle *b)
{
	const unsigned char *start = b->ext - BUNDLE_HEADER;
	return crypto_sign_verify_detached(b->sig, start, b->signed_len, b->writer_pk) == 0;
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
		why_set(why, _("cannot be decrypted with the council key (damaged, or another council's)"));
		return -1;
	}
	size_t unpadded;
	if (sodium_unpad(&unpadded, plain, (size_t)n, BUNDLE_PAD)) {
		free(plain);
		why_set(why, _("damaged padding"));
		return -1;
	}
	*out = plain;
	*out_len = unpadded;
	return 0;
}

void bundle_seal(const struct bundle *b, const unsigned char *ext, size_t ext_len,
		 const unsigned char *plain, size_t plain_len, const unsigned char key[BUNDLE_KEY_LEN],
		 const struct identity *id, unsigned char **out, size_t *out_len)
{
	size_t padded_max = plain_len + BUNDLE_PAD, padded;
	unsigned char *pad = xmalloc(padded_max);
	memcpy(pad, plain, plain_len);
	if (sodium_pad(&padded, pad, plain_len, BUNDLE_PAD, padded_max))
		abort();
	size_t body = padded + crypto_aead_xchacha20poly1305_ietf_ABYTES;
	size_t total = BUNDLE_HEADER + ext_len + body + crypto_sign_BYTES;
	unsigned char *f = xcalloc(1, total);
	memcpy(f, BUNDLE_MAGIC, 8);
	put16(f + 8, BUNDLE_VERSION);
	f[10] = (unsigned char)b->kind;
	memcpy(f + 12, b->council, BUNDLE_COUNCIL_LEN);
	memcpy(f + 28, id->pk, IDENTITY_PK_LEN);
	size_t bin;
	sodium_hex2bin(f + 60, 16, id->actor, ID_LEN, NULL, &bin, NULL);
	put64(f + 76, b->seq);
	put32(f + 84, b->epoch);
	put32(f + 88, (uint32_t)ext_len);
	randombytes_buf(f + 92, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	put64(f + 116, body);
	if (ext_len)
		memcpy(f + BUNDLE_HEADER, ext, ext_len);
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(f + BUNDLE_HEADER + ext_len, &clen, pad, padded, f,
						   BUNDLE_HEADER + ext_len, NULL, f + 92, key);
	sodium_memzero(pad, padded_max);
	free(pad);
	crypto_sign_detached(f + total - crypto_sign_BYTES, NULL, f, total - crypto_sign_BYTES, id->sk);
	*out = f;
	*out_len = total;
}

void bundle_name(const char *writer, uint64_t seq, char out[64])
{
	snprintf(out, 64, "%s-%08llu.gavel", writer, (unsigned long long)seq);
}

bool bundle_name_parse(const char *name, char writer[ID_LEN + 1], uint64_t *seq)
{
	size_t n = strlen(name);
	if (n != ID_LEN + 1 + 8 + 6 || strspn(name, "0123456789abcdef") != ID_LEN || name[ID_LEN] != '-' ||
	    strspn(name + ID_LEN + 1, "0123456789") != 8 || strcmp(name + ID_LEN + 9, ".gavel"))
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
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 64;
		b->v = xrealloc(b->v, b->alloc * sizeof *b->v);
	}
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
	unsigned char p[4];
	put32(p, v);
	add_bytes(sb, p, 4);
}

static void add_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char p[8];
	put64(p, v);
	add_bytes(sb, p, 8);
}

static void add_str8(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	if (n > 255)
		n = 255;
	add_u8(sb, (unsigned)n);
	add_bytes(sb, s, n);
}

static void add_actor(struct strbuf *sb, const char *hex)
{
	unsigned char bin[16] = { 0 };
	size_t n;
	sodium_hex2bin(bin, sizeof bin, hex, strlen(hex), NULL, &n, NULL);
	add_bytes(sb, bin, 16);
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
				memcpy(&bits, &v->d, 8);
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
	const unsigned char *p = take(r, 8);
	return p ? get64(p) : 0;
}

static uint32_t take32(struct reader *r)
{
	const unsigned char *p = take(r, 4);
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
	if (r.bad || nf > 100000 || (size_t)(r.end - r.p) < (size_t)nf * 24)
		goto bad;
	b->front = xcalloc(nf ? nf : 1, sizeof *b->front);
	for (uint32_t i = 0; i < nf; i++) {
		const unsigned char *a = take(&r, 16);
		if (!a)
			goto bad;
		sodium_bin2hex(b->front[i].writer, sizeof b->front[i].writer, a, 16);
		b->front[i].seq = (long long)(take64(&r) & INT64_MAX);
		b->nfront++;
	}
	uint32_t n = take32(&r);
	if (r.bad || (size_t)(r.end - r.p) / 13 < n)
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
		if (r.bad || nc > 62)
			goto bad;
		c->cols = xcalloc(nc ? nc : 1, sizeof *c->cols);
		c->vals = xcalloc(nc ? nc : 1, sizeof *c->vals);
		for (unsigned k = 0; k < nc; k++) {
			char name[64];
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
				memcpy(&v->d, &bits, 8);
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
	why_set(why, _("damaged content"));
	return -1;
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
			if (b->nfront == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				b->front = xrealloc(b->front, alloc * sizeof *b->front);
			}
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
