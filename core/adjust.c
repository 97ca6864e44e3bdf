/*
 * adjust: signing the minutes, checking the signatures, and the data an
 * exported document carries for `gavel verify FILE`.
 *
 * A signature row keeps the canonical form that was signed beside the
 * signature. Checking a signature therefore tells three cases apart: it
 * holds for the protocol as it is; it holds for what was signed but the
 * protocol has changed since (and the difference can be named, item by
 * item); or it holds for nothing (forged or damaged).
 */
#include "core/adjust.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/canonical.h"
#include "core/council.h"
#include "core/protocol.h"
#include "store/signature.h"
#include "sync/identity.h"

#define SIG_HEX (2 * IDENTITY_SIG_LEN)
#define ARMOR_BEGIN "-----BEGIN GAVEL ADJUSTMENT-----"
#define ARMOR_END "-----END GAVEL ADJUSTMENT-----"

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

static struct adjust_sig *state_push(struct adjust_state *a)
{
	a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
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

/* The canonical form of scope pos (0: the protocol); false if the item is gone. */
static bool scope_form(const struct meeting_view *v, const char *council, const char *secretary,
		       int pos, struct strbuf *out)
{
	const struct item *it = NULL;
	if (pos && !(it = item_at(v, pos)))
		return false;
	canonical_write(v, council, pos ? NULL : secretary, it, out);
	return true;
}

static bool sig_holds(const char *key, const char *sig, const char *text, size_t len)
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
		struct adjust_sig *s = state_push(out);
		s->name = xstrdup(g->name);
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
			scope_form(v, council, secretary, s->pos, &now);
		unsigned char pk[IDENTITY_PK_LEN];
		char owner[ID_LEN + 1] = "";
		bool revoked = false;
		int r = identity_key_parse(g->key, pk) ? identity_key_person(st, pk, owner, &revoked, e) : 1;
		if (r < 0) {
			rc = -1;
		} else if (r == 1 || strcmp(owner, g->person_id) || revoked) {
			s->problem = xasprintf(_("the key is not a member key of %s"), g->name);
		} else if (!sig_holds(g->key, g->sig, g->content, strlen(g->content))) {
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

/* ---- signing ---- */

static int find_paragraph(const struct meeting_view *v, int paragraph, const struct item **it,
			  struct err *e)
{
	*it = NULL;
	for (size_t i = 0; i < v->items.n; i++)
		if (v->items.v[i].decision && v->items.v[i].decision->para == paragraph)
			*it = &v->items.v[i];
	if (!*it)
		return errorf(e, E_UNKNOWN_DECISION, _("meeting %s/%s has no § %d"), v->m.body_short,
			      v->m.date, paragraph);
	return 0;
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

int adjust_sign(struct store *st, const char *ref, char **by, int nby, int paragraph,
		bool on_paper, struct strbuf *report, struct err *e)
{
	struct protocol_data pd;
	struct identity id;
	bool have_id = false;
	const struct item *it = NULL;
	char (*ids)[ID_LEN + 1] = NULL;
	int rc = -1;

	if (on_paper) {
		if (paragraph)
			return errorf(e, E_USAGE, _("--on-paper adjusts the whole protocol, not one paragraph"));
		if (meeting_adjust(st, ref, by, nby, e))
			return -1;
		sb_addf(report, _("%s is adjusted on paper: the minutes are locked\n"), ref);
		return 0;
	}
	if (protocol_load(st, ref, &pd, e))
		return -1;
	const struct meeting *m = &pd.v.m;
	if (paragraph && find_paragraph(&pd.v, paragraph, &it, e))
		goto out;
	int named = 0;
	for (size_t i = 0; i < pd.adj.n; i++)
		named += pd.adj.v[i].pos == (it ? it->pos : 0);
	if (!nby && !named) {
		errorf(e, E_USAGE, _("name who adjusts the minutes with --by PERSON"));
		goto out;
	}
	if (!strcmp(m->status, "adjusted")) {
		errorf(e, E_RULE, _("meeting %s is already adjusted"), ref);
		goto out;
	}
	if (paragraph ? !strcmp(m->status, "planned") : strcmp(m->status, "closed")) {
		errorf(e, E_RULE, paragraph ? _("meeting %s has not been opened") : _("meeting %s is %s; close it before adjusting"),
		       ref, m->status);
		goto out;
	}
	if (it && adjust_complete(&pd.adj, it->pos)) {
		errorf(e, E_RULE, _("§ %d is already adjusted"), paragraph);
		goto out;
	}
	ids = xcalloc((size_t)nby + 1, sizeof *ids);
	for (int i = 0; i < nby; i++) {
		if (council_person_resolve(st, by[i], ids[i], e))
			goto out;
		bool present = false;
		for (size_t j = 0; j < pd.v.att.n; j++)
			present |= !strcmp(pd.v.att.v[j].person_id, ids[i]) && !pd.v.att.v[j].absent;
		if (!present) {
			errorf(e, E_RULE, _("%s did not attend meeting %s and cannot adjust its minutes"), by[i], ref);
			goto out;
		}
	}
	char meeting_id[ID_LEN + 1];
	snprintf(meeting_id, sizeof meeting_id, "%s", m->id);
	const char *scope = it ? it->id : "";
	char *scope_copy = xstrdup(scope);
	int pos = it ? it->pos : 0;
	for (int i = 0; i < nby; i++) {
		if (store_signer_add(st, meeting_id, scope_copy, ids[i], e) ||
		    (!it && store_adjuster_add(st, meeting_id, ids[i], e))) {
			free(scope_copy);
			goto out;
		}
	}
	/* the named signers are part of what is signed: load again (it, a
	 * pointer into pd, is not used after this) */
	it = NULL;
	protocol_data_release(&pd);
	if (protocol_load(st, ref, &pd, e)) {
		free(scope_copy);
		return free(ids), -1;
	}

	/* this machine's key: made for the person who owns the database if
	 * they are a signer and have none yet */
	int r = identity_load(st, &id, e);
	if (r < 0)
		goto out_scope;
	have_id = r == 0;
	char owner[ID_LEN + 1] = "";
	if (!have_id) {
		if (council_whoami(st, owner, e))
			goto out_scope;
		for (size_t i = 0; owner[0] && i < pd.adj.n && !have_id; i++) {
			if (pd.adj.v[i].pos != pos)
				continue;
			char pid[ID_LEN + 1];
			if (council_person_resolve(st, pd.adj.v[i].name, pid, e))
				goto out_scope;
			if (!strcmp(pid, owner)) {
				if (identity_ensure(st, owner, &id, e))
					goto out_scope;
				have_id = true;
			}
		}
	}
	bool signer = false;
	if (have_id) {
		struct person me = { 0 };
		if (store_person_get(st, id.person_id, &me, e) < 0)
			goto out_scope;
		for (size_t i = 0; i < pd.adj.n; i++)
			signer |= pd.adj.v[i].pos == pos && me.name && !strcmp(pd.adj.v[i].name, me.name);
		if (signer) {
			struct strbuf form = { 0 };
			unsigned char sig[IDENTITY_SIG_LEN];
			char hex[SIG_HEX + 1], key[2 * IDENTITY_PK_LEN + 1], now[21], fp[IDENTITY_FP_SIZE];
			scope_form(&pd.v, pd.council, pd.secretary, pos, &form);
			identity_sign(&id, form.buf, form.len, sig);
			sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
			identity_key_hex(id.pk, key);
			identity_fingerprint(id.pk, fp);
			util_now(now);
			r = store_signature_set(st, meeting_id, scope_copy, id.person_id, key, hex, now,
						form.buf, e);
			sb_release(&form);
			if (r) {
				person_release(&me);
				goto out_scope;
			}
			sb_addf(report, _("signed by %s with key %s\n"), me.name, fp);
		} else {
			sb_addf(report, _("this machine's key belongs to %s, who is not among the signers\n"),
				me.name ? me.name : id.person_id);
		}
		person_release(&me);
	} else {
		sb_addf(report, "%s\n", _("this machine has no signing key; say who you are with 'gavel whoami PERSON'"));
	}

	protocol_data_release(&pd);
	if (protocol_load(st, ref, &pd, e))
		goto out_scope_noload;
	if (adjust_complete(&pd.adj, pos)) {
		char today[11];
		util_today(today);
		if (!paragraph && store_meeting_set_status(st, meeting_id, "adjusted", "adjusted", today, e))
			goto out_scope;
		if (paragraph)
			sb_addf(report, _("§ %d is adjusted at once: it is locked\n"), paragraph);
		else
			sb_addf(report, _("%s is adjusted: the minutes are locked\n"), ref);
	} else {
		for (size_t i = 0; i < pd.adj.n; i++) {
			const struct adjust_sig *s = &pd.adj.v[i];
			if (s->pos != pos || s->valid)
				continue;
			if (!s->sig)
			{
				char extra[32] = "";
				if (paragraph)
					snprintf(extra, sizeof extra, " --paragraph %d", paragraph);
				sb_addf(report, _("waiting for %s, who signs on their own machine: gavel adjust %s%s --by \"%s\"\n"),
					s->name, ref, extra, s->name);
			}
			else
				sb_addf(report, _("%s's signature does not hold: %s\n"), s->name, s->problem);
		}
	}
	rc = 0;
out_scope:
	protocol_data_release(&pd);
out_scope_noload:
	free(scope_copy);
	free(ids);
	if (have_id)
		identity_release(&id);
	return rc;
out:
	protocol_data_release(&pd);
	free(ids);
	return rc;
}

/* ---- verification ---- */

/* The report's lines for every scope; counts the signatures that do not
 * hold and gathers why in problems. */
static int report_all(const struct meeting_view *v, const struct adjust_state *a,
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

int adjust_verify_meeting(struct store *st, const char *ref, struct strbuf *report,
			  struct err *e)
{
	struct protocol_data pd;
	struct strbuf problems = { 0 };
	if (protocol_load(st, ref, &pd, e))
		return -1;
	int rc = 0;
	sb_addf(report, "%s: %s\n", ref,
		!strcmp(pd.v.m.status, "adjusted") ? _("adjusted") : _("not adjusted"));
	bool any = false;
	for (size_t i = 0; i < pd.adj.n; i++)
		any |= pd.adj.v[i].sig != NULL;
	if (!any && !strcmp(pd.v.m.status, "adjusted")) {
		sb_addf(report, _("adjusted on paper by %zu people: no digital signatures to check\n"),
			pd.v.adjusters.n);
	} else if (!any) {
		rc = errorf(e, E_RULE, _("meeting %s has no adjustment signatures"), ref);
	} else if (report_all(&pd.v, &pd.adj, report, &problems)) {
		rc = errorf(e, E_RULE, _("the signatures of %s do not hold: %s"), ref, problems.buf);
	}
	sb_release(&problems);
	protocol_data_release(&pd);
	return rc;
}

static char *b64(const void *data, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(n);
	sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

/* Decodes base64, ignoring white space and PDF string line breaks; NULL
 * if it is not base64. */
static char *unb64(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t n;
	if (sodium_base642bin((unsigned char *)out, len, s, len, " \t\r\n\\", &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL)) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

char *adjust_payload(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct adjust_state *a, int paragraph, const char *lang,
		     const char *format)
{
	struct strbuf sb = { 0 }, form = { 0 };
	sb_adds(&sb, "gavel-adjustment\t1\nformat");
	canonical_field(&sb, format);
	sb_adds(&sb, "\nlang");
	canonical_field(&sb, lang);
	sb_addf(&sb, "\nparagraph\t%d\nstatus", paragraph);
	canonical_field(&sb, v->m.status);
	sb_adds(&sb, "\nadjusted");
	canonical_field(&sb, v->m.adjusted);
	sb_addc(&sb, '\n');
	for (size_t i = 0; i < a->n; i++) {
		sb_addf(&sb, "signature\t%d", a->v[i].pos);
		canonical_field(&sb, a->v[i].name);
		canonical_field(&sb, a->v[i].key);
		canonical_field(&sb, a->v[i].signed_at);
		canonical_field(&sb, a->v[i].sig);
		sb_addc(&sb, '\n');
	}
	canonical_write(v, council, secretary, NULL, &form);
	char *f = b64(form.buf, form.len);
	sb_addf(&sb, "canonical\t%s\n", f);
	free(f);
	char *out = b64(sb.buf, sb.len);
	sb_release(&sb);
	sb_release(&form);
	return out;
}

/* The payload a file carries (base64 text, caller frees), or NULL. */
static char *find_payload(const char *buf, size_t len)
{
	const char *b = NULL, *end = NULL;
	if (len > 4 && !memcmp(buf, "PK\3\4", 4)) {
		/* an OpenDocument file: meta.xml is stored uncompressed */
		static const char key[] = "<!-- gavel-adjustment";
		for (size_t i = 0; !b && i + sizeof key - 1 <= len; i++)
			if (buf[i] == '<' && !memcmp(buf + i, key, sizeof key - 1))
				b = buf + i;
		if (b) {
			b += sizeof key - 1;
			for (const char *q = b; !end && q + 3 <= buf + len; q++)
				if (!memcmp(q, "-->", 3))
					end = q;
		}
	} else if (len > 4 && !memcmp(buf, "%PDF", 4)) {
		static const char key[] = "/Keywords (gavel-adjustment:";
		for (size_t i = 0; !b && i + sizeof key - 1 <= len; i++)
			if (buf[i] == '/' && !memcmp(buf + i, key, sizeof key - 1))
				b = buf + i;
		if (b) {
			b += sizeof key - 1;
			end = memchr(b, ')', len - (size_t)(b - buf));
		}
	} else if ((b = strstr(buf, ARMOR_BEGIN))) {
		b += strlen(ARMOR_BEGIN);
		end = strstr(b, ARMOR_END);
	} else if ((b = strstr(buf, "<!-- gavel-adjustment"))) {
		b += strlen("<!-- gavel-adjustment");
		end = strstr(b, "-->");
	}
	return b && end ? unb64(b, (size_t)(end - b)) : NULL;
}

static int read_file(const char *path, struct strbuf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return error(e, E_IO, path, strerror(errno));
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(out, buf, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		return error(e, E_IO, path, strerror(errno));
	if (!out->buf)
		sb_adds(out, "");
	return 0;
}

/* Rebuilds the document in format f and compares it with the file's bytes
 * (an OpenDocument file: with the parts inside its zip). */
static int same_document(const struct protocol_data *pd, int paragraph, const char *lang,
			 enum doc_format f, const char *path, const struct strbuf *file, bool *same,
			 struct err *e)
{
	struct doc d;
	struct strbuf again = { 0 };
	int rc = protocol_doc(pd, paragraph, lang, f, &d, e);
	if (!rc && f == DOC_FMT_PDF) {
		char tmp[] = "/tmp/gavel-verify-XXXXXX";
		int fd = mkstemp(tmp);
		if (fd < 0) {
			rc = error(e, E_IO, tmp, strerror(errno));
		} else {
			close(fd);
			rc = doc_write_pdf(&d, tmp, e);
			if (!rc)
				rc = read_file(tmp, &again, e);
			unlink(tmp);
		}
	} else if (!rc && f == DOC_FMT_TXT) {
		doc_write_txt(&d, &again);
	} else if (!rc && f == DOC_FMT_MD) {
		doc_write_md(&d, &again);
	} else if (!rc && f == DOC_FMT_HTML) {
		doc_write_html(&d, &again);
	} else if (!rc && f == DOC_FMT_ODT) {
		rc = doc_odt_same(&d, path, same, e);
		sb_release(&again);
		doc_release(&d);
		return rc;
	} else if (!rc) {
		rc = errorf(e, E_INVALID, _("gavel cannot check a %s document"), doc_format_ext(f));
	}
	*same = !rc && again.len == file->len && !memcmp(again.buf, file->buf, file->len);
	sb_release(&again);
	doc_release(&d);
	return rc;
}

int adjust_verify_file(const char *path, struct strbuf *report, struct err *e)
{
	struct strbuf file = { 0 }, problems = { 0 };
	struct protocol_data pd;
	char *payload = NULL, *lang = NULL, *format = NULL, *canon = NULL;
	int paragraph = 0, rc = -1;
	bool head = false;

	memset(&pd, 0, sizeof pd);
	if (read_file(path, &file, e))
		return -1;
	payload = find_payload(file.buf, file.len);
	if (!payload) {
		errorf(e, E_RULE, _("%s carries no adjustment signatures"), path);
		goto out;
	}
	char *status = NULL, *adjusted = NULL;
	for (const char *p = payload; *p;) {
		size_t len = strcspn(p, "\n");
		char *f[8] = { 0 };
		int n = canonical_split(p, len, f, 8);
		const char *tag = n && f[0] ? f[0] : "";
		if (!strcmp(tag, "gavel-adjustment") && n == 2 && f[1] && !strcmp(f[1], "1"))
			head = true;
		else if (!strcmp(tag, "format") && n == 2 && f[1] && !format)
			format = xstrdup(f[1]);
		else if (!strcmp(tag, "lang") && n == 2 && f[1] && !lang)
			lang = xstrdup(f[1]);
		else if (!strcmp(tag, "paragraph") && n == 2 && f[1])
			paragraph = atoi(f[1]);
		else if (!strcmp(tag, "status") && n == 2 && f[1] && !status)
			status = xstrdup(f[1]);
		else if (!strcmp(tag, "adjusted") && n == 2 && !adjusted)
			adjusted = xstrdup_or_null(f[1]);
		else if (!strcmp(tag, "canonical") && n == 2 && f[1] && !canon)
			canon = unb64(f[1], strlen(f[1]));
		else if (!strcmp(tag, "signature") && n == 6 && f[2]) {
			struct adjust_sig *s = state_push(&pd.adj);
			s->pos = atoi(f[1] ? f[1] : "0");
			s->name = xstrdup(f[2]);
			s->key = xstrdup_or_null(f[3]);
			s->signed_at = xstrdup_or_null(f[4]);
			s->sig = xstrdup_or_null(f[5]);
		}
		for (int i = 0; i < n; i++)
			free(f[i]);
		p += len + (p[len] == '\n');
	}
	int fmt = doc_format_parse(format);
	if (!head || !canon || fmt < 0 || !doc_lang_valid(lang) || !status ||
	    canonical_read(canon, &pd.v, &pd.council, &pd.secretary, e)) {
		free(status);
		free(adjusted);
		errorf(e, E_INVALID, _("the adjustment data carried by %s is damaged"), path);
		goto out;
	}
	free(pd.v.m.status);
	pd.v.m.status = status;
	pd.v.m.adjusted = adjusted;
	for (size_t i = 0; i < pd.adj.n; i++) {
		struct adjust_sig *s = &pd.adj.v[i];
		struct strbuf form = { 0 };
		if (!s->sig)
			continue;
		if (scope_form(&pd.v, pd.council, pd.secretary, s->pos, &form))
			s->valid = sig_holds(s->key, s->sig, form.buf, form.len);
		if (!s->valid)
			s->problem = xstrdup(_("the signature does not hold for the protocol the file carries"));
		sb_release(&form);
	}
	bool same = false;
	if (same_document(&pd, paragraph, lang, (enum doc_format)fmt, path, &file, &same, e))
		goto out;
	sb_addf(report, "%s: %s, %s %s", path,
		paragraph ? _("protocol extract") : _("protocol"), pd.v.m.body_name, pd.v.m.date);
	if (paragraph)
		sb_addf(report, ", § %d", paragraph);
	sb_addc(report, '\n');
	int bad = report_all(&pd.v, &pd.adj, report, &problems);
	if (!same) {
		errorf(e, E_RULE, _("%s has been changed: it is not the document its signatures were exported with%s%s"),
		       path, bad ? "; " : "", bad ? problems.buf : "");
		goto out;
	}
	if (bad) {
		errorf(e, E_RULE, _("the signatures in %s do not hold: %s"), path, problems.buf);
		goto out;
	}
	sb_addf(report, "%s\n", _("the document is unchanged since it was exported, and every signature holds"));
	rc = 0;
out:
	free(payload);
	free(lang);
	free(format);
	free(canon);
	protocol_data_release(&pd);
	sb_release(&file);
	sb_release(&problems);
	return rc;
}
