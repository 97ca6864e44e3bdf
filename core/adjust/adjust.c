/*
 * adjust: naming the signers of the minutes, signing them with this
 * machine's key, locking them once every signer has signed, and `gavel
 * verify MEETING`.
 */
#include "core/adjust/adjust.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/canonical.h"
#include "core/adjust/record.h"
#include "core/council.h"
#include "core/identity.h"
#include "store/signature.h"

#define SIG_HEX (2 * IDENTITY_SIG_LEN)

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

int adjust_sign(struct store *st, const char *ref, char **by, int nby, int paragraph,
		bool on_paper, struct strbuf *report, struct err *e)
{
	struct record pd;
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
	if (record_load(st, ref, &pd, e))
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
	record_release(&pd);
	if (record_load(st, ref, &pd, e)) {
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
			char hex[SIG_HEX + 1], key[2 * IDENTITY_PK_LEN + 1], now[CLOCK_UTC_SIZE], fp[IDENTITY_FP_SIZE];
			adjust_scope_form(&pd.v, pd.council, pd.secretary, pos, &form);
			identity_sign(&id, form.buf, form.len, sig);
			sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
			identity_key_hex(id.pk, key);
			identity_fingerprint(id.pk, fp);
			clock_utc(now);
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

	record_release(&pd);
	if (record_load(st, ref, &pd, e))
		goto out_scope_noload;
	if (adjust_complete(&pd.adj, pos)) {
		char today[DATE_SIZE];
		clock_today(today);
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
	record_release(&pd);
out_scope_noload:
	free(scope_copy);
	free(ids);
	if (have_id)
		identity_release(&id);
	return rc;
out:
	record_release(&pd);
	free(ids);
	return rc;
}

int adjust_verify_meeting(struct store *st, const char *ref, struct strbuf *report,
			  struct err *e)
{
	struct record pd;
	struct strbuf problems = { 0 };
	if (record_load(st, ref, &pd, e))
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
	} else if (adjust_state_report(&pd.v, &pd.adj, report, &problems)) {
		rc = errorf(e, E_RULE, _("the signatures of %s do not hold: %s"), ref, problems.buf);
	}
	sb_release(&problems);
	record_release(&pd);
	return rc;
}
