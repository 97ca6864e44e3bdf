/*
 * state: who is named to sign a meeting's protocol and its paragraphs, and
 * whether each signature holds.
 *
 * A signature row keeps the canonical form that was signed beside the
 * signature. Checking a signature therefore tells three cases apart: it
 * holds for the protocol as it is; it holds for what was signed but the
 * protocol has changed since (and the difference can be named, item by
 * item); or it holds for nothing (forged or damaged).
 */
#include "core/adjust/state.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/canonical.h"
#include "core/identity.h"
#include "store/signature.h"

#define SIG_HEX (2 * IDENTITY_SIG_LEN)

void adjust_state_release(struct adjust_state *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].name);
		free(a->v[i].key);
		free(a->v[i].sig);
		free(a->v[i].signed_at);
		free(a->v[i].problem);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

struct adjust_sig *adjust_state_push(struct adjust_state *a)
{
	ALLOC_GROW(a->v, a->n + 1, a->alloc);
	memset(&a->v[a->n], 0, sizeof a->v[0]);
	return &a->v[a->n++];
}

bool adjust_complete(const struct adjust_state *a, int pos)
{
	bool any = false;
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].pos != pos)
			continue;
		if (!a->v[i].valid)
			return false;
		any = true;
	}
	return any;
}

static const struct item *item_at(const struct meeting_view *v, int pos)
{
	for (size_t i = 0; i < v->items.n; i++)
		if (v->items.v[i].pos == pos)
			return &v->items.v[i];
	return NULL;
}

bool adjust_scope_form(const struct meeting_view *v, const char *council, const char *secretary,
		       int pos, struct strbuf *out)
{
	const struct item *it = NULL;
	if (pos && !(it = item_at(v, pos)))
		return false;
	canonical_write(v, council, pos ? NULL : secretary, it, out);
	return true;
}

bool adjust_sig_holds(const char *key, const char *sig, const char *text, size_t len)
{
	unsigned char pk[IDENTITY_PK_LEN], s[IDENTITY_SIG_LEN];
	size_t n;
	if (!key || !sig || !identity_key_parse(key, pk) || strlen(sig) != SIG_HEX ||
	    sodium_hex2bin(s, sizeof s, sig, SIG_HEX, NULL, &n, NULL) || n != sizeof s)
		return false;
	return identity_verify(pk, text, len, s);
}

/* The blocks of a canonical form: the head (everything before the first
 * item), then one per item, keyed by its "item\tN" line. */
static void describe_changes(const char *was, const char *now, struct strbuf *out)
{
	const char *texts[2] = { was, now };
	struct strvec keys[2] = { { 0 }, { 0 } }, blocks[2] = { { 0 }, { 0 } };
	for (int k = 0; k < 2; k++) {
		const char *p = texts[k];
		struct strbuf b = { 0 };
		char *key = xstrdup("");
		while (*p) {
			size_t len = strcspn(p, "\n");
			if (!strncmp(p, "item\t", 5)) {
				strvec_push(&keys[k], key);
				strvec_push(&blocks[k], b.buf ? b.buf : "");
				sb_reset(&b);
				free(key);
				size_t kl = strcspn(p + 5, "\t");
				key = xasprintf("%.*s", (int)kl, p + 5);
			}
			sb_add(&b, p, len);
			sb_addc(&b, '\n');
			p += len + (p[len] == '\n');
		}
		strvec_push(&keys[k], key);
		strvec_push(&blocks[k], b.buf ? b.buf : "");
		free(key);
		sb_release(&b);
	}
	int n = 0;
	for (size_t i = 0; i < keys[0].n; i++) {
		size_t j = 0;
		while (j < keys[1].n && strcmp(keys[0].v[i], keys[1].v[j]))
			j++;
		const char *what = NULL;
		if (j == keys[1].n)
			what = i ? _("item %s removed") : _("the head and attendance");
		else if (strcmp(blocks[0].v[i], blocks[1].v[j]))
			what = i ? _("item %s changed") : _("the head and attendance changed");
		if (what) {
			sb_adds(out, n++ ? ", " : "");
			sb_addf(out, what, keys[0].v[i]);
		}
	}
	for (size_t j = 1; j < keys[1].n; j++) {
		size_t i = 1;
		while (i < keys[0].n && strcmp(keys[0].v[i], keys[1].v[j]))
			i++;
		if (i == keys[0].n) {
			sb_adds(out, n++ ? ", " : "");
			sb_addf(out, _("item %s added"), keys[1].v[j]);
		}
	}
	for (int k = 0; k < 2; k++) {
		strvec_release(&keys[k]);
		strvec_release(&blocks[k]);
	}
}

int adjust_state_load(struct store *st, const struct meeting_view *v, const char *council,
		      const char *secretary, struct adjust_state *out, struct err *e)
{
	struct signature_list l = { 0 };
	memset(out, 0, sizeof *out);
	if (store_signature_list(st, v->m.id, &l, e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < l.n && !rc; i++) {
		const struct signature *g = &l.v[i];
		struct adjust_sig *s = adjust_state_push(out);
		s->name = xstrdup(g->name);
		memcpy(s->person_id, g->person_id, sizeof s->person_id);
		s->pos = 0;
		for (size_t k = 0; g->scope[0] && k < v->items.n; k++)
			if (!strcmp(v->items.v[k].id, g->scope))
				s->pos = v->items.v[k].pos;
		if (!g->sig)
			continue;
		s->key = xstrdup(g->key);
		s->sig = xstrdup(g->sig);
		s->signed_at = xstrdup(g->signed_at);
		struct strbuf now = { 0 };
		bool exists = !g->scope[0] || s->pos;
		if (exists)
			adjust_scope_form(v, council, secretary, s->pos, &now);
		unsigned char pk[IDENTITY_PK_LEN];
		char owner[ID_LEN + 1] = "";
		bool revoked = false;
		int r = identity_key_parse(g->key, pk) ? identity_key_person(st, pk, owner, &revoked, e) : 1;
		if (r < 0) {
			rc = -1;
		} else if (r == 1 || strcmp(owner, g->person_id) || revoked) {
			s->problem = xasprintf(_("the key is not a member key of %s"), g->name);
		} else if (!adjust_sig_holds(g->key, g->sig, g->content, strlen(g->content))) {
			s->problem = xstrdup(_("the signature is forged or damaged"));
		} else if (!exists || strcmp(g->content, now.buf)) {
			struct strbuf what = { 0 };
			describe_changes(g->content, exists ? now.buf : "", &what);
			s->problem = xasprintf(_("the protocol was changed after signing (%s)"),
					       what.len ? what.buf : _("the paragraph removed"));
			sb_release(&what);
		} else {
			s->valid = true;
		}
		sb_release(&now);
	}
	signature_list_release(&l);
	return rc;
}

static void report_state(const struct adjust_state *a, int pos, struct strbuf *out)
{
	for (size_t i = 0; i < a->n; i++) {
		const struct adjust_sig *s = &a->v[i];
		if (s->pos != pos)
			continue;
		sb_adds(out, "  ");
		sb_addpad(out, s->name, 24);
		sb_addc(out, ' ');
		if (!s->sig) {
			sb_addf(out, "%s\n", _("not signed yet"));
			continue;
		}
		unsigned char pk[IDENTITY_PK_LEN];
		char fp[IDENTITY_FP_SIZE] = "?";
		if (identity_key_parse(s->key, pk))
			identity_fingerprint(pk, fp);
		sb_addf(out, _("signed %s with key %s: %s\n"), s->signed_at, fp,
			s->valid ? _("valid") : s->problem ? s->problem : _("INVALID"));
	}
}

int adjust_state_report(const struct meeting_view *v, const struct adjust_state *a,
		      struct strbuf *out, struct strbuf *problems)
{
	int bad = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < a->n; i++) {
			const struct adjust_sig *s = &a->v[i];
			bool first = true;
			for (size_t k = 0; k < i; k++)
				first &= a->v[k].pos != s->pos;
			if (pass == 0 && first) {
				if (s->pos) {
					const struct item *it = item_at(v, s->pos);
					sb_addf(out, _("§ %d, adjusted at once:\n"),
						it && it->decision ? it->decision->para : 0);
				} else {
					sb_addf(out, "%s\n", _("the protocol:"));
				}
				report_state(a, s->pos, out);
			}
			if (pass == 1 && s->sig && !s->valid) {
				sb_addf(problems, "%s%s: %s", bad ? "; " : "", s->name,
					s->problem ? s->problem : _("the signature does not hold"));
				bad++;
			}
		}
	}
	return bad;
}
