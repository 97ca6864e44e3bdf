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
#include "core/status.h"
#include "store/replica.h"
#include "store/signature.h"

#define SIG_HEX (2 * IDENTITY_SIG_LEN)

static int find_paragraph(const struct meeting_view *v, int paragraph, const struct item **it,
			  struct err *e)
{
	*it = NULL;
	for (size_t i = 0; i < v->items.n; i++)
		if (v->items.v[i].decision && v->items.v[i].decision->para == paragraph)
			*it = &v->items.v[i];
	if (!*it) {
		char *name = meeting_name(&v->m);
		error(e, E_NO_PARAGRAPH, name, paragraph);
		free(name);
		return -1;
	}
	return 0;
}

/* May the signers be named for this scope: the protocol of a closed
 * meeting, or a paragraph of an open or closed one not yet adjusted? */
static int check_signable(const struct record *pd, const struct item *it, int paragraph,
			  const char *name, struct err *e)
{
	const struct meeting *m = &pd->v.m;
	if (!strcmp(m->status, "adjusted"))
		return error(e, E_ALREADY_ADJUSTED, name);
	if (paragraph && !strcmp(m->status, "planned"))
		return error(e, E_NOT_OPENED, name);
	if (!paragraph && strcmp(m->status, "closed"))
		return error(e, E_ADJUST_NOT_CLOSED, name, status_name(OF_MEETING, m->status));
	if (it && adjust_complete(&pd->adj, it->pos))
		return error(e, E_PARA_ADJUSTED, paragraph);
	return 0;
}

/* Each of by attended the meeting. */
static int check_attended(struct store *st, const struct record *pd, const struct person_ref *by,
			  size_t nby, const char *name, struct err *e)
{
	for (size_t i = 0; i < nby; i++) {
		bool present = false;
		for (size_t j = 0; j < pd->v.att.n; j++)
			present |= !strcmp(pd->v.att.v[j].person_id, by[i].id) && !pd->v.att.v[j].absent;
		if (present)
			continue;
		struct person p = { 0 };
		int rc = store_person_get(st, by[i].id, &p, e);
		if (rc == 1)
			error(e, E_UNKNOWN_PERSON, by[i].id);
		else if (rc == 0)
			error(e, E_DID_NOT_ATTEND, p.name, name);
		person_release(&p);
		return -1;
	}
	return 0;
}

int adjust_sign(struct store *st, const char *meeting_id, const struct person_ref *by, size_t nby,
		int paragraph, bool on_paper, struct strbuf *report, struct err *e)
{
	struct record pd;
	struct identity id;
	bool have_id = false;
	const struct item *it = NULL;
	char *name = NULL, *scope = NULL;
	int rc = -1;

	if (on_paper) {
		if (paragraph)
			return error(e, E_PAPER_PARAGRAPH);
		struct meeting m;
		if (meeting_adjust(st, meeting_id, by, nby, e) || meeting_get(st, meeting_id, &m, e))
			return -1;
		name = meeting_name(&m);
		sb_addf(report, _("%s is adjusted on paper: the minutes are locked\n"), name);
		free(name);
		meeting_release(&m);
		return 0;
	}
	if (record_load(st, meeting_id, &pd, e))
		return -1;
	name = meeting_name(&pd.v.m);
	if (paragraph && find_paragraph(&pd.v, paragraph, &it, e))
		goto out;
	int named = 0;
	for (size_t i = 0; i < pd.adj.n; i++)
		named += pd.adj.v[i].pos == (it ? it->pos : 0);
	if (!nby && !named) {
		error(e, E_NO_SIGNERS);
		goto out;
	}
	if (check_signable(&pd, it, paragraph, name, e) || check_attended(st, &pd, by, nby, name, e))
		goto out;
	scope = xstrdup(it ? it->id : "");
	int pos = it ? it->pos : 0;
	for (size_t i = 0; i < nby; i++)
		if (store_signer_add(st, meeting_id, scope, by[i].id, e) ||
		    (!it && store_adjuster_add(st, meeting_id, by[i].id, e)))
			goto out;
	/* the named signers are part of what is signed: load again (it, a
	 * pointer into pd, is not used after this) */
	it = NULL;
	record_release(&pd);
	if (record_load(st, meeting_id, &pd, e))
		goto out_unloaded;

	/* this machine's key: made for the person who owns the database if
	 * they are a signer and have none yet */
	int r = identity_load(st, &id, e);
	if (r < 0)
		goto out;
	have_id = r == 0;
	char owner[ID_LEN + 1] = "";
	if (!have_id) {
		if (council_whoami(st, owner, e))
			goto out;
		for (size_t i = 0; owner[0] && i < pd.adj.n && !have_id; i++) {
			if (pd.adj.v[i].pos != pos || strcmp(pd.adj.v[i].person_id, owner))
				continue;
			if (identity_ensure(st, owner, &id, e))
				goto out;
			have_id = true;
		}
	}
	bool signer = false;
	if (have_id) {
		struct person me = { 0 };
		if (store_person_get(st, id.person_id, &me, e) < 0)
			goto out;
		for (size_t i = 0; i < pd.adj.n; i++)
			signer |= pd.adj.v[i].pos == pos && !strcmp(pd.adj.v[i].person_id, id.person_id);
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
			r = store_signature_set(st, meeting_id, scope, id.person_id, key, hex, now, form.buf, e);
			sb_release(&form);
			if (r) {
				person_release(&me);
				goto out;
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
	if (record_load(st, meeting_id, &pd, e))
		goto out_unloaded;
	if (adjust_complete(&pd.adj, pos)) {
		char today[DATE_SIZE];
		clock_today(today);
		if (!paragraph && store_meeting_set_status(st, meeting_id, "adjusted", "adjusted", today, e))
			goto out;
		/* the numbers signed stay: those that gave way become claims */
		if (paragraph && replica_numbers_pin(st, meeting_id, scope, e))
			goto out;
		if (paragraph)
			sb_addf(report, _("§ %d is adjusted at once: it is locked\n"), paragraph);
		else
			sb_addf(report, _("%s is adjusted: the minutes are locked\n"), name);
	} else {
		for (size_t i = 0; i < pd.adj.n; i++) {
			const struct adjust_sig *s = &pd.adj.v[i];
			if (s->pos != pos || s->valid)
				continue;
			if (!s->sig) {
				struct strbuf extra = { 0 };
				if (paragraph)
					sb_addf(&extra, " --paragraph %d", paragraph);
				sb_addf(report, _("waiting for %s, who signs on their own machine: gavel adjust %s%s --by \"%s\"\n"),
					s->name, name, extra.buf ? extra.buf : "", s->name);
				sb_release(&extra);
			} else {
				sb_addf(report, _("%s's signature does not hold: %s\n"), s->name, s->problem);
			}
		}
	}
	rc = 0;
out:
	record_release(&pd);
out_unloaded:
	free(scope);
	free(name);
	if (have_id)
		identity_release(&id);
	return rc;
}

int adjust_verify_meeting(struct store *st, const char *meeting_id, struct strbuf *report,
			  struct err *e)
{
	struct record pd;
	struct strbuf problems = { 0 };
	if (record_load(st, meeting_id, &pd, e))
		return -1;
	char *name = meeting_name(&pd.v.m);
	int rc = 0;
	sb_addf(report, "%s: %s\n", name,
		!strcmp(pd.v.m.status, "adjusted") ? _("adjusted") : _("not adjusted"));
	bool any = false;
	for (size_t i = 0; i < pd.adj.n; i++)
		any |= pd.adj.v[i].sig != NULL;
	if (!any && !strcmp(pd.v.m.status, "adjusted")) {
		sb_addf(report, _("adjusted on paper by %zu people: no digital signatures to check\n"),
			pd.v.adjusters.n);
	} else if (!any) {
		rc = error(e, E_NO_SIGNATURES, name);
	} else if (adjust_state_report(&pd.v, &pd.adj, report, &problems)) {
		rc = error(e, E_SIGNATURES_FAIL, name, problems.buf);
	}
	free(name);
	sb_release(&problems);
	record_release(&pd);
	return rc;
}
