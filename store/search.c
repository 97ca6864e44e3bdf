/*
 * search: full-text search over notes, decisions, actions, goals and
 * proposals, through the FTS5 index kept by the triggers in schema.c.
 *
 * The user's words are not passed to FTS5 as syntax: each word becomes a
 * quoted prefix term ("beslut"* finds beslut, beslutet, besluten), a "quoted
 * phrase" stays an exact phrase, and all terms must match. So no input can
 * make a query fail.
 */
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define RANK_WINDOW "300"
/* The most words of a query whose matches are marked in the context. */
#define QUERY_WORDS_MAX 64
/* Room for one word of the text folded, to compare with the query's; a
 * longer word is not marked. */
#define WORD_FOLD_SIZE 256

enum { KIND_ITEM = 1, KIND_DECISION, KIND_ACTION, KIND_GOAL, KIND_PROPOSAL };

/* The words of a query, folded, for marking the matches in the context. */
struct terms {
	struct strvec words;
	bool prefix[QUERY_WORDS_MAX];
};

/* Appends one term, quoted for FTS5; `prefix` adds the * operator. */
static void add_term(struct strbuf *q, struct terms *t, const char *w, size_t n, bool prefix)
{
	/* the term's words as the tokenizer sees them; in a phrase only the
	 * last word is a prefix */
	char *copy = strndup(w, n), *f = text_fold(copy);
	size_t first = t->words.n;
	for (char *tok = strtok(f, " -.,;:!?()'/\t\n\"*"); tok; tok = strtok(NULL, " -.,;:!?()'/\t\n\"*")) {
		if (t->words.n < QUERY_WORDS_MAX) {
			t->prefix[t->words.n] = false;
			strvec_push(&t->words, tok);
		}
	}
	if (t->words.n > first)
		t->prefix[t->words.n - 1] = prefix;
	free(copy);
	free(f);
	if (q->len)
		sb_addc(q, ' ');
	sb_addc(q, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			sb_addc(q, '"');
		sb_addc(q, w[i]);
	}
	sb_addc(q, '"');
	if (prefix)
		sb_addc(q, '*');
}

/* Does the text hold a letter or digit (FTS5 ignores the rest)? */
static bool has_token(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

static void build_query(const char *in, struct strbuf *q, struct terms *t)
{
	const char *p = in;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
			if (has_token(p + 1, n))
				add_term(q, t, p + 1, n, false);
			p += n + 1 + (end != NULL);
			continue;
		}
		size_t n = strcspn(p, " \t\n\"");
		size_t w = n;
		while (w && p[w - 1] == '*')
			w--;
		if (has_token(p, w))
			add_term(q, t, p, w, true);
		p += n;
	}
}

/* Is the character at p part of a word (as unicode61 sees it, nearly)? */
static int word_char(const char *p, bool *is_word)
{
	unsigned cp;
	int n = utf8_decode(p, &cp);
	*is_word = (cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10)) ||
		   (cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !(cp >= 0x2000 && cp <= 0x2bff) &&
		    !(cp >= 0x3000 && cp <= 0x303f) && cp != 0xfeff);
	return n;
}

static bool term_match(const struct terms *t, const char *word, size_t n)
{
	char f[WORD_FOLD_SIZE];
	if (!text_fold_into(word, n, f, sizeof f))
		return false;
	bool hit = false;
	for (size_t i = 0; i < t->words.n && !hit; i++) {
		size_t len = strlen(t->words.v[i]);
		hit = t->prefix[i] ? !strncmp(f, t->words.v[i], len) : !strcmp(f, t->words.v[i]);
	}
	return hit;
}

/*
 * The context of a hit: about CONTEXT_WORDS words of text around the first
 * match, with every matching word between [ and ], and … where cut.
 */
#define CONTEXT_WORDS 14
static char *context(const char *text, const struct terms *t)
{
	struct {
		size_t start, end;
		bool hit;
	} *w = NULL;
	size_t n = 0, alloc = 0, first = (size_t)-1;
	const char *p = text;
	while (*p) {
		bool is_word;
		int len = word_char(p, &is_word);
		if (!is_word) {
			p += len;
			continue;
		}
		size_t start = (size_t)(p - text);
		while (*p && (len = word_char(p, &is_word)) && is_word)
			p += len;
		ALLOC_GROW(w, n + 1, alloc);
		w[n].start = start;
		w[n].end = (size_t)(p - text);
		w[n].hit = term_match(t, text + start, w[n].end - start);
		if (w[n].hit && first == (size_t)-1)
			first = n;
		n++;
		/* enough words after the first match */
		if (first != (size_t)-1 && n >= first + CONTEXT_WORDS)
			break;
	}
	struct strbuf sb = { 0 };
	if (n == 0) {
		free(w);
		return sb_detach(&sb);
	}
	size_t from = first == (size_t)-1 || first < 4 ? 0 : first - 4;
	size_t to = from + CONTEXT_WORDS < n ? from + CONTEXT_WORDS : n;
	if (from > 0)
		sb_adds(&sb, "…");
	size_t pos = w[from].start;
	for (size_t i = from; i < to; i++) {
		sb_add(&sb, text + pos, w[i].start - pos);
		if (w[i].hit)
			sb_addc(&sb, '[');
		sb_add(&sb, text + w[i].start, w[i].end - w[i].start);
		if (w[i].hit)
			sb_addc(&sb, ']');
		pos = w[i].end;
	}
	if (text[pos])
		sb_adds(&sb, "…");
	free(w);
	return sb_detach(&sb);
}

static int hit_ref(struct store *st, struct hit *h, int kind, sqlite3_int64 src, struct err *e)
{
	char *ref = NULL;
	int rc;
	if (kind == KIND_ITEM || kind == KIND_DECISION) {
		/* the reference, and the meeting and item to open, in one look */
		sqlite3_stmt *s = db_query(st, e,
					   kind == KIND_ITEM
						   ? "SELECT b.short || '/' || m.date || ' ' || i.pos, b.short || '/' || m.date,"
						     " i.pos FROM item i JOIN meeting m ON m.id = i.meeting_id"
						     " JOIN body b ON b.id = m.body_id WHERE i.rowid = ?"
						   : "SELECT db.short || '/' || d.year || '/' || d.para, b.short || '/' || m.date,"
						     " i.pos FROM decision d JOIN body db ON db.id = d.body_id"
						     " JOIN item i ON i.id = d.item_id JOIN meeting m ON m.id = i.meeting_id"
						     " JOIN body b ON b.id = m.body_id WHERE d.rowid = ?",
					   "I", src);
		if (!s)
			return -1;
		h->kind = xstrdup(kind == KIND_ITEM ? "item" : "decision");
		rc = db_step(st, s, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			ref = col_text(s, 0);
			h->meeting = col_text(s, 1);
			h->item = sqlite3_column_int(s, 2);
			db_done(s);
		}
		h->ref = ref ? ref : xstrdup("?");
		return 0;
	}
	switch (kind) {
	case KIND_ACTION:
		rc = db_text(st, e, &ref, "SELECT substr(id, 1, 8) FROM action WHERE rowid = ?", "I", src);
		h->kind = xstrdup("action");
		break;
	case KIND_GOAL:
		rc = db_text(st, e, &ref, "SELECT code FROM goal WHERE rowid = ?", "I", src);
		h->kind = xstrdup("goal");
		break;
	default:
		rc = db_text(st, e, &ref, "SELECT substr(id, 1, 8) FROM proposal WHERE rowid = ?", "I", src);
		h->kind = xstrdup("proposal");
		break;
	}
	if (rc < 0)
		return -1;
	h->ref = ref ? ref : xstrdup("?");
	return 0;
}

int store_search(struct store *st, const char *query, int limit, struct hit_list *out,
		 struct err *e)
{
	struct strbuf q = { 0 };
	struct terms t = { 0 };
	build_query(query, &q, &t);
	if (!q.len) {
		sb_release(&q);
		strvec_release(&t.words);
		return 0;
	}
	/*
	 * Rank with bm25, a title match weighing four times a body match, and
	 * make context snippets for the final hits only. bm25 costs about a
	 * microsecond a match, so a query that matches more than RANK_WINDOW
	 * rows ("och", "kommun") ranks the RANK_WINDOW most recently written
	 * of them: FTS5 walks its rowids newest first and stops. Below that
	 * the ranking is exact; above it, the time stays flat however large
	 * the archive grows, and the newest minutes are the likeliest wanted.
	 */
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT rowid, r FROM (SELECT rowid, bm25(search, 4.0, 1.0) AS r"
				   " FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT " RANK_WINDOW ")"
				   " ORDER BY r, rowid DESC LIMIT ?2",
				   "si", q.buf, limit);
	if (!s) {
		sb_release(&q);
		strvec_release(&t.words);
		return -1;
	}
	int rc;
	sqlite3_int64 *rowids = NULL;
	size_t n = 0, alloc = 0;
	while ((rc = db_step(st, s, e)) == 1) {
		ALLOC_GROW(rowids, n + 1, alloc);
		rowids[n] = sqlite3_column_int64(s, 0);
		hit_list_push(out)->rank = sqlite3_column_double(s, 1);
		n++;
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct hit *h = &out->v[i];
		s = db_query(st, e, "SELECT title, body FROM search WHERE rowid = ?", "I", rowids[i]);
		if (!s) {
			rc = -1;
			break;
		}
		if ((rc = db_step(st, s, e)) == 1) {
			const char *title = (const char *)sqlite3_column_text(s, 0);
			const char *body = (const char *)sqlite3_column_text(s, 1);
			h->title = xstrdup_or_null(title);
			h->snippet = context(body ? body : "", &t);
			if (!h->snippet[0] && title) {
				free(h->snippet);
				h->snippet = context(title, &t);
			}
			db_done(s);
			rc = 0;
		}
		if (rc == 0) {
			s = db_query(st, e, "SELECT kind, src FROM search_map WHERE fts = ?", "I", rowids[i]);
			if (!s || (rc = db_step(st, s, e)) != 1) {
				if (s && rc == 0)
					error(e, E_SEARCH_INDEX, (long long)rowids[i]);
				rc = -1;
				break;
			}
			int kind = sqlite3_column_int(s, 0);
			sqlite3_int64 src = sqlite3_column_int64(s, 1);
			db_done(s);
			rc = hit_ref(st, h, kind, src, e);
		}
	}
	sb_release(&q);
	strvec_release(&t.words);
	free(rowids);
	return rc;
}

int store_search_later(struct store *st, bool later, struct err *e)
{
	if (later)
		return db_exec(st, e, "UPDATE sync_state SET index_later = 1", "");
	/*
	 * The noted rows' old entries out first, all of them, then each row
	 * updated in place so that the search triggers index it anew: FTS5
	 * writes its pending terms out whenever a row comes in below the one
	 * before, so deleting and inserting row after row would write them
	 * out for every row.
	 */
	return db_exec(st, e, "UPDATE sync_state SET index_later = 0", "") ||
	       db_exec(st, e,
		       "DELETE FROM search WHERE rowid IN (SELECT m.fts FROM search_map m JOIN search_later l"
		       " ON l.kind = m.kind AND l.src = m.src)",
		       "") ||
	       db_exec(st, e, "DELETE FROM search_map WHERE (kind, src) IN (SELECT kind, src FROM search_later)", "") ||
	       db_exec(st, e, "UPDATE item SET title = title WHERE rowid IN (SELECT src FROM search_later WHERE kind = 1)", "") ||
	       db_exec(st, e, "UPDATE decision SET text = text WHERE rowid IN (SELECT src FROM search_later WHERE kind = 2)", "") ||
	       db_exec(st, e, "UPDATE action SET title = title WHERE rowid IN (SELECT src FROM search_later WHERE kind = 3)", "") ||
	       db_exec(st, e, "UPDATE goal SET title = title WHERE rowid IN (SELECT src FROM search_later WHERE kind = 4)", "") ||
	       db_exec(st, e, "UPDATE proposal SET title = title WHERE rowid IN (SELECT src FROM search_later WHERE kind = 5)", "") ||
	       db_exec(st, e, "DELETE FROM search_later", "")
		       ? -1 : 0;
}
