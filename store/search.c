/*
 * search: full-text search over notes, decisions, actions, goals and
 * proposals, through the FTS5 index kept by the triggers in schema.c.
 *
 * The user's words are not passed to FTS5 as syntax: each word becomes a
 * quoted prefix term ("beslut"* finds beslut, beslutet, besluten), a "quoted
 * phrase" stays an exact phrase, and all terms must match. So no input can
 * make a query fail.
 */
#include <string.h>

#include "store/db.h"

enum { KIND_ITEM = 1, KIND_DECISION, KIND_ACTION, KIND_GOAL, KIND_PROPOSAL };

/* Appends one term, quoted for FTS5; `prefix` adds the * operator. */
static void add_term(struct strbuf *q, const char *w, size_t n, bool prefix)
{
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

static void build_query(const char *in, struct strbuf *q)
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
				add_term(q, p + 1, n, false);
			p += n + 1 + (end != NULL);
			continue;
		}
		size_t n = strcspn(p, " \t\n\"");
		size_t w = n;
		while (w && p[w - 1] == '*')
			w--;
		if (has_token(p, w))
			add_term(q, p, w, true);
		p += n;
	}
}

static int hit_ref(struct store *st, struct hit *h, int kind, sqlite3_int64 src, struct err *e)
{
	char *ref = NULL;
	int rc;
	switch (kind) {
	case KIND_ITEM:
		rc = db_text(st, e, &ref,
			     "SELECT b.short || '/' || m.date || ' ' || i.pos FROM item i"
			     " JOIN meeting m ON m.id = i.meeting_id JOIN body b ON b.id = m.body_id"
			     " WHERE i.rowid = ?", "i", (int)src);
		h->kind = xstrdup("item");
		break;
	case KIND_DECISION:
		rc = db_text(st, e, &ref,
			     "SELECT b.short || '/' || d.year || '/' || d.para FROM decision d"
			     " JOIN body b ON b.id = d.body_id WHERE d.rowid = ?", "i", (int)src);
		h->kind = xstrdup("decision");
		break;
	case KIND_ACTION:
		rc = db_text(st, e, &ref, "SELECT substr(id, 1, 8) FROM action WHERE rowid = ?", "i", (int)src);
		h->kind = xstrdup("action");
		break;
	case KIND_GOAL:
		rc = db_text(st, e, &ref, "SELECT code FROM goal WHERE rowid = ?", "i", (int)src);
		h->kind = xstrdup("goal");
		break;
	default:
		rc = db_text(st, e, &ref, "SELECT substr(id, 1, 8) FROM proposal WHERE rowid = ?", "i", (int)src);
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
	build_query(query, &q);
	if (!q.len) {
		sb_release(&q);
		return 0;
	}
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT kind, rowid / 8, title, snippet(search, -1, '[', ']', '…', 12),"
				   " bm25(search, 4.0, 1.0) AS r FROM search WHERE search MATCH ?"
				   " ORDER BY r LIMIT ?",
				   "si", q.buf, limit);
	sb_release(&q);
	if (!s)
		return -1;
	int rc;
	struct {
		int kind;
		sqlite3_int64 src;
	} *keys = NULL;
	size_t nkeys = 0;
	while ((rc = db_step(st, s, e)) == 1) {
		struct hit *h = hit_list_push(out);
		keys = xrealloc(keys, (nkeys + 1) * sizeof *keys);
		keys[nkeys].kind = sqlite3_column_int(s, 0);
		keys[nkeys].src = sqlite3_column_int64(s, 1);
		nkeys++;
		h->title = col_text(s, 2);
		h->snippet = col_text(s, 3);
		h->rank = sqlite3_column_double(s, 4);
	}
	for (size_t i = 0; rc == 0 && i < nkeys; i++)
		if (hit_ref(st, &out->v[i], keys[i].kind, keys[i].src, e))
			rc = -1;
	free(keys);
	return rc;
}
