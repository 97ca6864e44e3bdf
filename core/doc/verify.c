/*
 * verify: `gavel verify FILE`: checks the signatures a document carries
 * and that the document is the one they sign, by rebuilding it from what
 * it carries and comparing byte for byte; needs no database.
 */
#include "core/doc/verify.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/adjust/canonical.h"
#include "core/adjust/payload.h"
#include "core/adjust/record.h"
#include "core/base/file.h"
#include "core/doc/protocol.h"

/* Rebuilds the document in format f and compares it with the file at path. */
static int same_document(const struct record *pd, int paragraph, const char *lang,
			 enum doc_format f, const char *path, bool *same, struct err *e)
{
	struct doc d;
	*same = false;
	if (!doc_writer(f))
		return error(e, E_CANNOT_VERIFY, doc_format_ext(f));
	int rc = protocol_doc(pd, paragraph, lang, f, &d, e);
	if (!rc)
		rc = doc_same(&d, f, path, same, e);
	doc_release(&d);
	return rc;
}

int verify_file(const char *path, struct strbuf *report, struct err *e)
{
	struct strbuf file = { 0 }, problems = { 0 };
	struct record pd;
	char *payload = NULL, *lang = NULL, *format = NULL, *canon = NULL;
	int paragraph = 0, rc = -1;
	bool head = false;

	memset(&pd, 0, sizeof pd);
	if (file_read(path, &file, e))
		return -1;
	payload = adjust_payload_find(file.buf, file.len);
	if (!payload) {
		error(e, E_FILE_UNSIGNED, path);
		goto out;
	}
	char *status = NULL, *adjusted = NULL;
	for (const char *p = payload; *p;) {
		size_t len = strcspn(p, "\n");
		char *f[8] = { 0 };
		int n = canonical_split(p, len, f, (int)ARRAY_SIZE(f));
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
			canon = adjust_unb64(f[1], strlen(f[1]));
		else if (!strcmp(tag, "signature") && n == 6 && f[2]) {
			struct adjust_sig *s = adjust_state_push(&pd.adj);
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
		error(e, E_DAMAGED_DATA, path);
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
		if (adjust_scope_form(&pd.v, pd.council, pd.secretary, s->pos, &form))
			s->valid = adjust_sig_holds(s->key, s->sig, form.buf, form.len);
		if (!s->valid)
			s->problem = xstrdup(_("the signature does not hold for the protocol the file carries"));
		sb_release(&form);
	}
	bool same = false;
	if (same_document(&pd, paragraph, lang, (enum doc_format)fmt, path, &same, e))
		goto out;
	sb_addf(report, "%s: %s, %s %s", path,
		paragraph ? _("protocol extract") : _("protocol"), pd.v.m.body_name, pd.v.m.date);
	if (paragraph)
		sb_addf(report, ", § %d", paragraph);
	sb_addc(report, '\n');
	int bad = adjust_state_report(&pd.v, &pd.adj, report, &problems);
	if (!same) {
		error(e, E_DOC_CHANGED, path, bad ? "; " : "", bad ? problems.buf : "");
		goto out;
	}
	if (bad) {
		error(e, E_SIGNATURES_FAIL, path, problems.buf);
		goto out;
	}
	sb_addf(report, "%s\n", _("the document is unchanged since it was exported, and every signature holds"));
	rc = 0;
out:
	free(payload);
	free(lang);
	free(format);
	free(canon);
	record_release(&pd);
	sb_release(&file);
	sb_release(&problems);
	return rc;
}
