/*
 * Unit tests of the files of the shared folder, byte by byte
 * (sync/bundle.c, docs/sync-format.md): the frame sealed and parsed back
 * with every field, of each kind; its padding (Padmé, and the old multiples
 * of 4096 bytes still read); truncated, oversized,
 * damaged and forged files refused with their reasons; the file names;
 * the batch of changes encoded and decoded with every field and type, and
 * damaged batches refused; the frontier as text.
 */
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <sodium.h>
#include <stdint.h>

#include "helpers.h"
#include "sync/bundle.h"

/* Offsets of the header's fields, as docs/sync-format.md gives them (the
 * test reads the document, not the code). */
#define T_VERSION 8
#define T_KIND 10
#define T_RESERVED 11
#define T_COUNCIL 12
#define T_WRITER_PK 28
#define T_WRITER 60
#define T_SEQ 76
#define T_EPOCH 84
#define T_EXT_LEN 88
#define T_NONCE 92
#define T_BODY_LEN 116
#define T_HEADER 124
#define T_SIG 64
#define T_TAG 16

/* A writer with a key of its own. */
static void writer(struct identity *id)
{
	unsigned char actor[BUNDLE_ACTOR_LEN];
	memset(id, 0, sizeof *id);
	crypto_sign_keypair(id->pk, id->sk);
	randombytes_buf(actor, sizeof actor);
	sodium_bin2hex(id->actor, sizeof id->actor, actor, sizeof actor);
}

/* The message of an error code, as a reason. */
static const char *reason(enum err_code code)
{
	static char why[BUNDLE_WHY];
	bundle_why(why, -1, code);
	return why;
}

struct sealed {
	struct identity id;
	unsigned char council[BUNDLE_COUNCIL_LEN], key[BUNDLE_KEY_LEN];
	unsigned char *file;
	size_t len;
};

static void seal(struct sealed *s, int kind, uint64_t seq, uint32_t epoch, const void *ext, size_t ext_len,
		 const void *plain, size_t plain_len)
{
	writer(&s->id);
	randombytes_buf(s->council, sizeof s->council);
	crypto_aead_xchacha20poly1305_ietf_keygen(s->key);
	struct bundle b = { .kind = kind, .seq = seq, .epoch = epoch };
	memcpy(b.council, s->council, sizeof b.council);
	bundle_seal(&b, ext, ext_len, plain, plain_len, s->key, &s->id, &s->file, &s->len);
}

static uint64_t be(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be(unsigned char *p, int n, uint64_t v)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

/* Every field of a sealed file, parsed back and as the document lays it out. */
START_TEST(frame_round_trip)
{
	static const int kinds[] = { BUNDLE_CHANGES, BUNDLE_KEYS, BUNDLE_REKEY, BUNDLE_REQUEST, BUNDLE_ADMIT };
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		struct sealed s;
		const char ext[] = "extension in the clear", plain[] = "Beslut: bredbandet byggs ut i Dalsland.";
		seal(&s, kinds[k], 4242 + k, 7, ext, sizeof ext, plain, sizeof plain);
		struct bundle b;
		char why[BUNDLE_WHY] = "";
		ck_assert_int_eq(bundle_parse(s.file, s.len, &b, why), 0);
		ck_assert_int_eq(b.version, BUNDLE_VERSION);
		ck_assert_int_eq(b.kind, kinds[k]);
		ck_assert_mem_eq(b.council, s.council, BUNDLE_COUNCIL_LEN);
		ck_assert_mem_eq(b.writer_pk, s.id.pk, IDENTITY_PK_LEN);
		ck_assert_str_eq(b.writer, s.id.actor);
		ck_assert_uint_eq(b.seq, 4242 + k);
		ck_assert_uint_eq(b.epoch, 7);
		ck_assert_uint_eq(b.ext_len, sizeof ext);
		ck_assert_mem_eq(b.ext, ext, sizeof ext);
		ck_assert_uint_eq(b.aad_len, T_HEADER + sizeof ext);
		ck_assert_uint_eq(b.signed_len, b.aad_len + b.body_len);
		ck_assert_uint_eq(s.len, b.signed_len + T_SIG);
		/* the layout of docs/sync-format.md */
		ck_assert_mem_eq(s.file, BUNDLE_MAGIC, 8);
		ck_assert_uint_eq(be(s.file + T_VERSION, 2), 2);
		/* a file of format version 1 reads the same */
		put_be(s.file + T_VERSION, 2, 1);
		ck_assert_int_eq(bundle_parse(s.file, s.len, &b, why), 0);
		ck_assert_int_eq(b.version, 1);
		put_be(s.file + T_VERSION, 2, BUNDLE_VERSION);
		ck_assert_uint_eq(s.file[T_KIND], (unsigned)kinds[k]);
		ck_assert_uint_eq(s.file[T_RESERVED], 0);
		ck_assert_mem_eq(s.file + T_COUNCIL, s.council, BUNDLE_COUNCIL_LEN);
		ck_assert_mem_eq(s.file + T_WRITER_PK, s.id.pk, IDENTITY_PK_LEN);
		char hex[ID_LEN + 1];
		sodium_bin2hex(hex, sizeof hex, s.file + T_WRITER, BUNDLE_ACTOR_LEN);
		ck_assert_str_eq(hex, s.id.actor);
		ck_assert_uint_eq(be(s.file + T_SEQ, 8), 4242 + k);
		ck_assert_uint_eq(be(s.file + T_EPOCH, 4), 7);
		ck_assert_uint_eq(be(s.file + T_EXT_LEN, 4), sizeof ext);
		ck_assert_ptr_eq(b.nonce, s.file + T_NONCE);
		ck_assert_uint_eq(be(s.file + T_BODY_LEN, 8), b.body_len);
		ck_assert_ptr_eq(b.body, s.file + T_HEADER + sizeof ext);
		ck_assert_ptr_eq(b.sig, s.file + s.len - T_SIG);
		/* signed by the writer, opened with the key */
		ck_assert(bundle_verify(&b));
		unsigned char *out = NULL;
		size_t out_len = 0;
		ck_assert_int_eq(bundle_open(&b, s.key, &out, &out_len, why), 0);
		ck_assert_uint_eq(out_len, sizeof plain);
		ck_assert_mem_eq(out, plain, sizeof plain);
		free(out);
		ck_assert(bundle_is_council(s.file, T_HEADER, s.council));
		unsigned char other[BUNDLE_COUNCIL_LEN];
		randombytes_buf(other, sizeof other);
		ck_assert(!bundle_is_council(s.file, T_HEADER, other));
		ck_assert(!bundle_is_council(s.file, T_COUNCIL + 1, s.council));
		free(s.file);
	}
}
END_TEST

/* Padmé as the paper gives it (Nikitin et al., PETS 2019), for the body
 * and its 0x80 marker, never less than 4096 bytes: written from
 * docs/sync-format.md, not from the code. */
static size_t padme_of(size_t plain_len)
{
	uint64_t len = (uint64_t)plain_len + 1;
	if (len <= 4096)
		return 4096;
	int e = 63 - __builtin_clzll(len);
	int s = (31 - __builtin_clz((unsigned)e)) + 1;
	int last_bits = e - s;
	uint64_t bit_mask = (UINT64_C(1) << last_bits) - 1;
	return (size_t)((len + bit_mask) & ~bit_mask);
}

/* Seals plain into a CHANGES file, parses it and opens it again: the
 * padded length (the body less its tag) and the plain body back. */
static size_t sealed_padded(const unsigned char *plain, size_t plain_len)
{
	struct sealed s;
	seal(&s, BUNDLE_CHANGES, 1, 1, NULL, 0, plain, plain_len);
	struct bundle b;
	char why[BUNDLE_WHY];
	unsigned char *out;
	size_t len;
	ck_assert_int_eq(bundle_parse(s.file, s.len, &b, why), 0);
	ck_assert_uint_eq(b.ext_len, 0);
	ck_assert_msg(bundle_open(&b, s.key, &out, &len, why) == 0, "%zu bytes: %s", plain_len, why);
	ck_assert_uint_eq(len, plain_len);
	ck_assert(len == 0 || !memcmp(out, plain, len));
	free(out);
	free(s.file);
	return b.body_len - T_TAG;
}

/* The plain body is padded by Padmé and never to less than 4096 bytes, so
 * that the size of a file does not tell a short text from a long one and
 * tells a large one's only roughly; every size opens again. */
START_TEST(frame_padding)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 3 * 4096 + 17, 65535, 100000, 10u << 20 };
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i];
		unsigned char *plain = xcalloc(n + 1, 1);
		randombytes_buf(plain, n);
		size_t padded = sealed_padded(plain, n);
		ck_assert_uint_eq(padded, padme_of(n));
		ck_assert_uint_eq(padded, bundle_padded_len(n));
		ck_assert_uint_ge(padded, BUNDLE_PAD);
		ck_assert_uint_gt(padded, n); /* room for the marker */
		free(plain);
	}
	/* the values themselves, as the paper's formula gives them */
	ck_assert_uint_eq(bundle_padded_len(0), 4096);
	ck_assert_uint_eq(bundle_padded_len(4095), 4096);
	ck_assert_uint_eq(bundle_padded_len(4096), 4352);   /* 4097 up to 256 bytes */
	ck_assert_uint_eq(bundle_padded_len(100000), 100352); /* 2048 bytes */
	ck_assert_uint_eq(bundle_padded_len(10u << 20), 10747904); /* 256 KiB: more than 4096 */
	/* a body whose zeros only end in a text of all zeros still opens */
	unsigned char *zeros = xcalloc(100000, 1);
	ck_assert_uint_eq(sealed_padded(zeros, 100000), 100352);
	free(zeros);
	/* every length up to 70 000 and about each power of two to 256 MB:
	 * the formula, at least 4096, room for the marker, within 6.25 % of
	 * the body past 4096 bytes, and longer bodies never padded shorter */
	size_t before = 0;
	for (size_t n = 0; n <= 70000; n++) {
		size_t p = bundle_padded_len(n);
		ck_assert_uint_eq(p, padme_of(n));
		ck_assert(p >= BUNDLE_PAD && p > n && p >= before);
		ck_assert(n < BUNDLE_PAD || 16 * (p - n - 1) <= n + 1);
		before = p;
	}
	for (int k = 13; k <= 28; k++)
		for (int d = -2; d <= 2; d++) {
			size_t n = ((size_t)1 << k) + (size_t)d, p = bundle_padded_len(n);
			ck_assert_uint_eq(p, padme_of(n));
			ck_assert(p > n && 16 * (p - n - 1) <= n + 1);
		}
}
END_TEST

/* Seals a file around a body padded by the test itself: the header and
 * extension of s, the body encrypted under s's key and signed by s's
 * writer, as docs/sync-format.md lays it out. */
static void reseal(struct sealed *s, const unsigned char *padded, size_t padded_len)
{
	size_t aad = T_HEADER + (size_t)be(s->file + T_EXT_LEN, 4);
	size_t len = aad + padded_len + T_TAG + T_SIG;
	unsigned char *f = xmalloc(len);
	memcpy(f, s->file, aad);
	put_be(f + T_BODY_LEN, 8, padded_len + T_TAG);
	randombytes_buf(f + T_NONCE, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(f + aad, &clen, padded, padded_len, f, aad, NULL, f + T_NONCE,
						   s->key);
	crypto_sign_detached(f + len - T_SIG, NULL, f, len - T_SIG, s->id.sk);
	free(s->file);
	s->file = f;
	s->len = len;
}

/* Opens s with its key: bundle_open's result, the body in *out. */
static int open_sealed(const struct sealed *s, unsigned char **out, size_t *len, char why[BUNDLE_WHY])
{
	struct bundle b;
	ck_assert_int_eq(bundle_parse(s->file, s->len, &b, why), 0);
	ck_assert(bundle_verify(&b));
	*out = NULL;
	return bundle_open(&b, s->key, out, len, why);
}

/* Files written before Padmé, their bodies padded with sodium_pad to the
 * next multiple of 4096 bytes, still open. */
START_TEST(frame_old_padding)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 3 * 4096 + 17, 100000 };
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i], max = n + 4096, padded;
		unsigned char *body = xcalloc(max, 1), *out;
		randombytes_buf(body, n);
		ck_assert_int_eq(sodium_pad(&padded, body, n, 4096, max), 0);
		ck_assert_uint_eq(padded % 4096, 0);
		struct sealed s;
		seal(&s, BUNDLE_CHANGES, 1, 1, "x", 1, "", 0);
		reseal(&s, body, padded);
		size_t len;
		char why[BUNDLE_WHY] = "";
		ck_assert_msg(open_sealed(&s, &out, &len, why) == 0, "%zu bytes: %s", n, why);
		ck_assert_uint_eq(len, n);
		ck_assert(n == 0 || !memcmp(out, body, n));
		free(out);
		free(body);
		free(s.file);
	}
}
END_TEST

/* A body without its marker, or with more zeros after it than any writer
 * pads with, is refused as damaged padding. */
START_TEST(frame_padding_refused)
{
	const struct {
		const char *what;
		size_t data, len; /* random bytes, then zeros to len */
		int marker;       /* where the marker is (from the end), -1 none */
		unsigned char last; /* the last data byte, when set */
	} cases[] = {
		{ "a body with its marker removed", 100, 4096, -1, 0x41 },
		{ "a large body with its marker removed", 100000, 100352, -1, 0x41 },
		{ "a body of zeros", 0, 4096, -1, 0 },
		{ "an empty body", 0, 0, -1, 0 },
		{ "another byte in the marker's place", 100, 4096, -1, 0x81 },
		{ "the marker further back than 4096 bytes in a short body", 1, 8194, 8193, 0 },
		{ "the marker further back than Padmé's step", 1000, 100352, 99352, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned char *body = xcalloc(cases[i].len + 1, 1), *out;
		randombytes_buf(body, cases[i].data);
		if (cases[i].data && cases[i].marker < 0)
			body[cases[i].data - 1] = cases[i].last;
		if (cases[i].marker > 0)
			body[cases[i].len - (size_t)cases[i].marker] = 0x80;
		struct sealed s;
		seal(&s, BUNDLE_CHANGES, 1, 1, NULL, 0, "", 0);
		reseal(&s, body, cases[i].len);
		size_t len;
		char why[BUNDLE_WHY] = "";
		ck_assert_msg(open_sealed(&s, &out, &len, why) == -1, "%s opens", cases[i].what);
		ck_assert_str_eq(why, reason(E_SYNC_PADDING));
		ck_assert_ptr_null(out);
		/* with the marker in place it opens (the cases with data) */
		if (cases[i].data && cases[i].marker < 0) {
			body[cases[i].data] = 0x80;
			reseal(&s, body, cases[i].len);
			ck_assert_msg(open_sealed(&s, &out, &len, why) == 0, "%s, marked: %s", cases[i].what, why);
			ck_assert_uint_eq(len, cases[i].data);
			free(out);
		}
		free(body);
		free(s.file);
	}
}
END_TEST

/* Every prefix of a file is truncated (a sync tool may still be copying
 * it), and says so. */
START_TEST(frame_truncated)
{
	struct sealed s;
	seal(&s, BUNDLE_KEYS, 3, 1, "x", 1, "body", 4);
	for (size_t len = 0; len < s.len; len++) {
		struct bundle b;
		char why[BUNDLE_WHY] = "";
		ck_assert_msg(bundle_parse(s.file, len, &b, why) == BUNDLE_TRUNCATED, "prefix of %zu bytes", len);
		ck_assert_str_eq(why, reason(E_SYNC_TRUNCATED));
	}
	free(s.file);
}
END_TEST

/* Parses a changed copy of a file: its result and reason. */
static int parse_changed(const struct sealed *s, size_t extra, void (*change)(unsigned char *, size_t *),
			 char why[BUNDLE_WHY], bool *verifies)
{
	size_t len = s->len + extra;
	unsigned char *f = xcalloc(len, 1);
	memcpy(f, s->file, s->len);
	change(f, &len);
	struct bundle b;
	int rc = bundle_parse(f, len, &b, why);
	*verifies = rc == 0 && bundle_verify(&b);
	free(f);
	return rc;
}

static void longer(unsigned char *f, size_t *len)
{
	(void)f;
	(void)len; /* the byte past the end is there: one too many */
}
static void ext_too_long(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_EXT_LEN, 4, (uint64_t)BUNDLE_MAX + 1);
}
static void body_too_long(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_BODY_LEN, 8, UINT64_MAX);
}
static void body_too_short(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_BODY_LEN, 8, T_TAG - 1);
}
static void seq_zero(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_SEQ, 8, 0);
}
static void newer(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_VERSION, 2, BUNDLE_VERSION + 1);
}
static void version_zero(unsigned char *f, size_t *len)
{
	(void)len;
	put_be(f + T_VERSION, 2, 0);
}
static void kind_unknown(unsigned char *f, size_t *len)
{
	(void)len;
	f[T_KIND] = BUNDLE_ADMIT + 1;
}
static void reserved_set(unsigned char *f, size_t *len)
{
	(void)len;
	f[T_RESERVED] = 1;
}
static void not_magic(unsigned char *f, size_t *len)
{
	(void)len;
	f[0] = 'g';
}
static void flip_body(unsigned char *f, size_t *len)
{
	f[*len - T_SIG - 1] ^= 0x10;
}
static void flip_seq(unsigned char *f, size_t *len)
{
	(void)len;
	f[T_SEQ + 7] ^= 0x01;
}
static void flip_council(unsigned char *f, size_t *len)
{
	(void)len;
	f[T_COUNCIL] ^= 0x80;
}
static void flip_signature(unsigned char *f, size_t *len)
{
	f[*len - 1] ^= 0x01;
}

/* Oversized, damaged and forged files are refused, each with its reason;
 * a file whose signature does not verify parses but is caught there. */
START_TEST(frame_refused)
{
	static const struct {
		void (*change)(unsigned char *, size_t *);
		size_t extra;
		int rc;
		enum err_code code;
	} cases[] = {
		{ longer, 1, -1, E_SYNC_TOO_LONG },
		{ ext_too_long, 0, -1, E_SYNC_HEADER },
		{ body_too_long, 0, -1, E_SYNC_HEADER },
		{ body_too_short, 0, -1, E_SYNC_HEADER },
		{ seq_zero, 0, -1, E_SYNC_HEADER },
		{ newer, 0, BUNDLE_NEWER, E_SYNC_FORMAT_NEWER },
		{ version_zero, 0, -1, E_SYNC_FORMAT_UNKNOWN },
		{ kind_unknown, 0, -1, E_SYNC_KIND },
		{ reserved_set, 0, -1, E_SYNC_KIND },
		{ not_magic, 0, -1, E_SYNC_NOT_SYNC_FILE },
	};
	struct sealed s;
	seal(&s, BUNDLE_CHANGES, 9, 2, NULL, 0, "changes", 7);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char why[BUNDLE_WHY] = "";
		bool verifies;
		ck_assert_int_eq(parse_changed(&s, cases[i].extra, cases[i].change, why, &verifies), cases[i].rc);
		ck_assert_str_eq(why, reason(cases[i].code));
	}
	/* forged or damaged: the frame is whole, the signature says no */
	void (*forged[])(unsigned char *, size_t *) = { flip_body, flip_seq, flip_council, flip_signature };
	for (size_t i = 0; i < ARRAY_SIZE(forged); i++) {
		char why[BUNDLE_WHY];
		bool verifies = true;
		ck_assert_int_eq(parse_changed(&s, 0, forged[i], why, &verifies), 0);
		ck_assert_msg(!verifies, "forgery %zu verifies", i);
	}
	/* signed by another key than the header names */
	struct identity other;
	writer(&other);
	unsigned char *f = xmalloc(s.len);
	memcpy(f, s.file, s.len);
	crypto_sign_detached(f + s.len - T_SIG, NULL, f, s.len - T_SIG, other.sk);
	struct bundle b;
	char why[BUNDLE_WHY];
	ck_assert_int_eq(bundle_parse(f, s.len, &b, why), 0);
	ck_assert(!bundle_verify(&b));
	free(f);
	/* another key cannot open the body; a body changed is caught by its tag */
	ck_assert_int_eq(bundle_parse(s.file, s.len, &b, why), 0);
	unsigned char wrong[BUNDLE_KEY_LEN], *out = NULL;
	size_t len;
	crypto_aead_xchacha20poly1305_ietf_keygen(wrong);
	ck_assert_int_eq(bundle_open(&b, wrong, &out, &len, why), -1);
	ck_assert_str_eq(why, reason(E_SYNC_UNDECRYPTABLE));
	ck_assert_ptr_null(out);
	s.file[T_HEADER + 3] ^= 0x01;
	ck_assert_int_eq(bundle_open(&b, s.key, &out, &len, why), -1);
	ck_assert_str_eq(why, reason(E_SYNC_UNDECRYPTABLE));
	/* the header is the body's associated data: a body under a changed
	 * header does not decrypt, whatever its signature */
	s.file[T_HEADER + 3] ^= 0x01;
	s.file[T_EPOCH + 3] ^= 0x01;
	ck_assert_int_eq(bundle_parse(s.file, s.len, &b, why), 0);
	ck_assert_int_eq(bundle_open(&b, s.key, &out, &len, why), -1);
	free(s.file);
}
END_TEST

START_TEST(file_names)
{
	char name[BUNDLE_NAME_SIZE], writer_id[ID_LEN + 1];
	uint64_t seq;
	const char *actor = "0123456789abcdef0123456789abcdef";
	bundle_name(actor, 1, name);
	ck_assert_str_eq(name, "0123456789abcdef0123456789abcdef-00000001.gavel");
	bundle_name(actor, 99999999, name);
	ck_assert(bundle_name_parse(name, writer_id, &seq));
	ck_assert_str_eq(writer_id, actor);
	ck_assert_uint_eq(seq, 99999999);
	static const char *const refused[] = {
		"0123456789abcdef0123456789abcdef-00000000.gavel", /* no file 0 */
		"0123456789ABCDEF0123456789abcdef-00000001.gavel", /* upper case */
		"0123456789abcdef0123456789abcde-00000001.gavel",  /* short writer */
		"0123456789abcdef0123456789abcdef-0000001.gavel",  /* short number */
		"0123456789abcdef0123456789abcdef-0000000x.gavel",
		"0123456789abcdef0123456789abcdef_00000001.gavel",
		"0123456789abcdef0123456789abcdef-00000001.gavel.tmp",
		"0123456789abcdef0123456789abcdef-00000001.sync-conflict-20261122-101010-ABCDEFG.gavel",
		".0123456789abcdef0123456789abcdef-00000001.gavel",
		"",
	};
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++)
		ck_assert_msg(!bundle_name_parse(refused[i], writer_id, &seq), "%s taken", refused[i]);
}
END_TEST

/* ---- the batch ---- */

static void add_col(struct change *c, const char *col, struct rval v)
{
	c->cols = xreallocarray(c->cols, (size_t)c->ncols + 1, sizeof *c->cols);
	c->vals = xreallocarray(c->vals, (size_t)c->ncols + 1, sizeof *c->vals);
	c->cols[c->ncols] = xstrdup(col);
	c->vals[c->ncols++] = v;
}

static struct change *add_change(struct batch *b, int op, const char *tbl, const char *row, long long hlc)
{
	struct change *c = batch_push(b);
	c->op = op;
	snprintf(c->tbl, sizeof c->tbl, "%s", tbl);
	snprintf(c->row, sizeof c->row, "%s", row);
	c->hlc = hlc;
	return c;
}

/* A batch with every field and every type of value. */
static void sample_batch(struct batch *b)
{
	memset(b, 0, sizeof *b);
	b->schema = 17;
	b->clock = (1790000000000LL << HLC_SHIFT) + 5;
	batch_frontier_parse(b, "0123456789abcdef0123456789abcdef:12,fedcba9876543210fedcba9876543210:9000000000");
	struct change *c = add_change(b, CHANGE_UPSERT, "decision", "aaaaaaaabbbbbbbbccccccccdddddddd", 42LL << HLC_SHIFT);
	add_col(c, "text", (struct rval){ .type = RV_TEXT, .s = xstrdup("Rådet beslutade enligt förslaget: §12 ✓") });
	add_col(c, "para", (struct rval){ .type = RV_INT, .i = -9000000000000LL });
	add_col(c, "big", (struct rval){ .type = RV_INT, .i = LLONG_MIN });
	add_col(c, "share", (struct rval){ .type = RV_REAL, .d = -0.125 });
	add_col(c, "tiny", (struct rval){ .type = RV_REAL, .d = DBL_MIN });
	add_col(c, "empty", (struct rval){ .type = RV_TEXT, .s = xstrdup("") });
	add_col(c, "gone", (struct rval){ .type = RV_NULL });
	add_change(b, CHANGE_DELETE, "vote", "aaaaaaaabbbbbbbbccccccccdddddddd|eeeeeeeeffffffff0000000011111111", 7);
	add_change(b, CHANGE_UPSERT, "person", "11111111222222223333333344444444", INT64_MAX);
}

static void same_batch(const struct batch *a, const struct batch *b)
{
	ck_assert_int_eq(a->schema, b->schema);
	ck_assert_int_eq(a->clock, b->clock);
	ck_assert_uint_eq(a->nfront, b->nfront);
	for (size_t i = 0; i < a->nfront; i++) {
		ck_assert_str_eq(a->front[i].writer, b->front[i].writer);
		ck_assert_int_eq(a->front[i].seq, b->front[i].seq);
	}
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct change *x = &a->v[i], *y = &b->v[i];
		ck_assert_int_eq(x->op, y->op);
		ck_assert_str_eq(x->tbl, y->tbl);
		ck_assert_str_eq(x->row, y->row);
		ck_assert_int_eq(x->hlc, y->hlc);
		ck_assert_int_eq(x->ncols, y->ncols);
		for (int k = 0; k < x->ncols; k++) {
			ck_assert_str_eq(x->cols[k], y->cols[k]);
			ck_assert_int_eq(x->vals[k].type, y->vals[k].type);
			ck_assert_int_eq(x->vals[k].i, y->vals[k].i);
			ck_assert_mem_eq(&x->vals[k].d, &y->vals[k].d, sizeof x->vals[k].d);
			if (x->vals[k].type == RV_TEXT)
				ck_assert_str_eq(x->vals[k].s, y->vals[k].s);
		}
	}
}

START_TEST(batch_round_trip)
{
	struct batch b, back;
	unsigned char *buf;
	size_t len;
	char why[BUNDLE_WHY];
	sample_batch(&b);
	ck_assert_uint_eq(b.nfront, 2);
	ck_assert_int_eq(b.front[1].seq, 9000000000LL);
	batch_encode(&b, &buf, &len);
	ck_assert_int_eq(batch_decode(buf, len, &back, why), 0);
	same_batch(&b, &back);
	/* the body as docs/sync-format.md lays it out */
	ck_assert_uint_eq(be(buf, 4), 17);
	ck_assert_uint_eq(be(buf + 4, 8), (uint64_t)b.clock);
	ck_assert_uint_eq(be(buf + 12, 4), 2);
	ck_assert_uint_eq(be(buf + 16 + 16, 8), 12);
	ck_assert_uint_eq(be(buf + 16 + 2 * 24, 4), 3);
	ck_assert_uint_eq(buf[16 + 2 * 24 + 4], CHANGE_UPSERT);
	ck_assert_uint_eq(buf[16 + 2 * 24 + 5], strlen("decision"));
	free(buf);
	batch_release(&back);
	/* and an empty batch */
	struct batch none = { 0 };
	batch_encode(&none, &buf, &len);
	ck_assert_uint_eq(len, 4 + 8 + 4 + 4);
	ck_assert_int_eq(batch_decode(buf, len, &back, why), 0);
	ck_assert_uint_eq(back.n + back.nfront, 0);
	free(buf);
	batch_release(&back);
	batch_release(&b);
}
END_TEST

/* Decodes bytes that must be refused: -1, the reason, nothing kept. */
static void refused_batch(const unsigned char *buf, size_t len, const char *what)
{
	struct batch b;
	char why[BUNDLE_WHY] = "";
	ck_assert_msg(batch_decode(buf, len, &b, why) == -1, "%s taken", what);
	ck_assert_str_eq(why, reason(E_SYNC_CONTENT));
	ck_assert_uint_eq(b.n + b.nfront, 0);
	ck_assert_ptr_null(b.v);
	ck_assert_ptr_null(b.front);
}

START_TEST(batch_refused)
{
	struct batch b;
	unsigned char *buf;
	size_t len;
	sample_batch(&b);
	batch_encode(&b, &buf, &len);
	batch_release(&b);
	/* truncated anywhere, or a byte too many */
	for (size_t n = 0; n < len; n++)
		refused_batch(buf, n, "a prefix");
	unsigned char *more = xcalloc(len + 1, 1);
	memcpy(more, buf, len);
	refused_batch(more, len + 1, "a byte too many");
	free(more);
	/* single fields out of their range */
	size_t change = 16 + 2 * 24 + 4, tbl = change + 1, row = tbl + 1 + strlen("decision");
	size_t ncols = row + 1 + 32 + 8, col = ncols + 1, type = col + 1 + strlen("text"), tlen = type + 1;
	const struct {
		const char *what;
		size_t at;
		unsigned char byte;
	} bad[] = {
		{ "an unknown operation", change, 3 },
		{ "an empty table name", tbl, 0 },
		{ "an upper-case table name", tbl + 1, 'D' },
		{ "a row key with a space", row + 1, ' ' },
		{ "63 columns", ncols, BATCH_COLS_MAX + 1 },
		{ "an upper-case column", col + 1, 'T' },
		{ "an unknown type", type, 9 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		unsigned char *copy = xmalloc(len);
		memcpy(copy, buf, len);
		copy[bad[i].at] = bad[i].byte;
		refused_batch(copy, len, bad[i].what);
		free(copy);
	}
	/* a text that holds a NUL, a text longer than the batch */
	unsigned char *copy = xmalloc(len);
	memcpy(copy, buf, len);
	copy[tlen + 4] = '\0';
	refused_batch(copy, len, "a NUL in a text");
	memcpy(copy, buf, len);
	put_be(copy + tlen, 4, UINT32_MAX);
	refused_batch(copy, len, "a text longer than the batch");
	/* counts larger than the bytes could hold are refused before anything
	 * is allocated for them */
	memcpy(copy, buf, len);
	put_be(copy + 12, 4, UINT32_MAX);
	refused_batch(copy, len, "a frontier of four billion writers");
	memcpy(copy, buf, len);
	put_be(copy + 16 + 2 * 24, 4, UINT32_MAX);
	refused_batch(copy, len, "four billion changes");
	free(copy);
	free(buf);
}
END_TEST

START_TEST(frontier_text_round_trip)
{
	struct batch b = { 0 };
	const char *text = "0123456789abcdef0123456789abcdef:12,fedcba9876543210fedcba9876543210:3";
	batch_frontier_parse(&b, text);
	ck_assert_uint_eq(b.nfront, 2);
	char *back = frontier_text(b.front, b.nfront);
	ck_assert_str_eq(back, text);
	free(back);
	/* items not of the form are passed over; parsing again replaces */
	batch_frontier_parse(&b, "short:1,,0123456789abcdef0123456789abcdef:5,0123456789abcdef0123456789abcdef");
	ck_assert_uint_eq(b.nfront, 1);
	ck_assert_int_eq(b.front[0].seq, 5);
	batch_frontier_parse(&b, NULL);
	ck_assert_uint_eq(b.nfront, 0);
	back = frontier_text(b.front, 0);
	ck_assert_str_eq(back, "");
	free(back);
	batch_release(&b);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (sodium_init() < 0)
		return 1;
	const TTest *const tests[] = {
		frame_round_trip, frame_padding, frame_old_padding, frame_padding_refused, frame_truncated,
		frame_refused, file_names,
		batch_round_trip, batch_refused, frontier_text_round_trip,
	};
	return run_suite("bundle", tests, ARRAY_SIZE(tests));
}
