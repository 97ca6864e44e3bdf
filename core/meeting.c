#include "core/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "core/status.h"
#include "store/signature.h"

int meeting_resolve(struct store *st, const char *ref, struct meeting *m, struct err *e)
{
	char body_id[ID_LEN + 1], body[64];
	const char *slash = ref ? strchr(ref, '/') : NULL;
	memset(m, 0, sizeof *m);
	if (!slash || (size_t)(slash - ref) >= sizeof body || !date_valid(slash + 1))
		return errorf(e, E_INVALID, _("invalid meeting: %s (expected BODY/YYYY-MM-DD)"),
			      ref ? ref : "");
	memcpy(body, ref, (size_t)(slash - ref));
	body[slash - ref] = '\0';
	if (council_body_resolve(st, body, body_id, e))
		return -1;
	int rc = store_meeting_find(st, body_id, slash + 1, m, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_MEETING, ref);
	return rc;
}

int meeting_decision_resolve(struct store *st, const char *ref, char id[ID_LEN + 1],
			     struct err *e)
{
	char body[64], body_id[ID_LEN + 1];
	long year, para;
	const char *a = ref ? strchr(ref, '/') : NULL;
	const char *b = a ? strchr(a + 1, '/') : NULL;
	char ybuf[8];
	/* BODY/DATE/ITEM: the decision of that item of that meeting */
	if (a && b && b - a - 1 == 10 && a[5] == '-') {
		char mref[96];
		struct meeting m;
		struct item it = { 0 };
		long pos;
		if ((size_t)(b - ref) >= sizeof mref || !parse_int(b + 1, 1, 10000, &pos))
			return errorf(e, E_INVALID, _("invalid decision: %s (expected BODY/YEAR/N or BODY/DATE/ITEM)"), ref);
		memcpy(mref, ref, (size_t)(b - ref));
		mref[b - ref] = '\0';
		if (meeting_resolve(st, mref, &m, e))
			return -1;
		int rc = store_item_find(st, m.id, (int)pos, &it, e);
		meeting_release(&m);
		if (rc == 0 && it.decision)
			memcpy(id, it.decision->id, ID_LEN + 1);
		else if (rc >= 0)
			rc = errorf(e, E_UNKNOWN_DECISION, _("unknown decision: %s has no decision at item %ld"), mref, pos);
		item_release(&it);
		return rc;
	}
	if (!a || !b || (size_t)(a - ref) >= sizeof body || (size_t)(b - a - 1) >= sizeof ybuf)
		return errorf(e, E_INVALID, _("invalid decision: %s (expected BODY/YEAR/N)"), ref ? ref : "");
	memcpy(body, ref, (size_t)(a - ref));
	body[a - ref] = '\0';
	memcpy(ybuf, a + 1, (size_t)(b - a - 1));
	ybuf[b - a - 1] = '\0';
	if (!parse_int(ybuf, 1900, 2999, &year) || !parse_int(b + 1, 1, 100000, &para))
		return errorf(e, E_INVALID, _("invalid decision: %s (expected BODY/YEAR/N)"), ref);
	if (council_body_resolve(st, body, body_id, e))
		return -1;
	int rc = store_decision_find(st, body_id, (int)year, (int)para, id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_DECISION, ref);
	return rc;
}

static char *meeting_name(const struct meeting *m)
{
	return xasprintf("%s/%s", m->body_short, m->date);
}

/* Refuses changes to an adjusted meeting. */
static int check_editable(const struct meeting *m, struct err *e)
{
	if (rules_meeting_editable(m->status))
		return 0;
	char *name = meeting_name(m);
	error(e, E_LOCKED, name);
	free(name);
	return -1;
}

static int check_time(const char *what, const char *t, struct err *e)
{
	if (t && !time_valid(t))
		return errorf(e, E_INVALID, _("invalid %s: %s (expected HH:MM)"), what, t);
	return 0;
}

int meeting_add(struct store *st, const char *body, const char *date, const char *time,
		const char *end, const char *place, char **name, struct err *e)
{
	char body_id[ID_LEN + 1];
	struct meeting m;
	if (!date_valid(date))
		return errorf(e, E_INVALID, _("invalid date: %s (expected YYYY-MM-DD)"), date ? date : "");
	if (check_time(_("start time"), time, e) || check_time(_("end time"), end, e) ||
	    check_text(_("place"), place, 500, false, e))
		return -1;
	if (time && end && strcmp(end, time) < 0)
		return errorf(e, E_INVALID, _("the meeting ends (%s) before it starts (%s)"), end, time);
	if (council_body_resolve(st, body, body_id, e))
		return -1;
	int rc = store_meeting_find(st, body_id, date, &m, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		meeting_release(&m);
		return errorf(e, E_EXISTS, _("meeting %s/%s already exists"), body, date);
	}
	if (store_meeting_add(st, body_id, date, time, end, place, e))
		return -1;
	*name = xasprintf("%s/%s", body, date);
	return 0;
}

static int transition(struct store *st, const char *ref, const char *to, const char *field,
		      const char *at, struct err *e)
{
	struct meeting m;
	char now[6];
	if (check_time(_("time"), at, e) || meeting_resolve(st, ref, &m, e))
		return -1;
	int rc = 0;
	if (!rules_meeting_transition(m.status, to)) {
		if (!strcmp(m.status, "adjusted"))
			rc = error(e, E_LOCKED, ref);
		else if (!strcmp(m.status, to))
			rc = errorf(e, E_RULE, _("meeting %s is already %s"), ref, status_name(OF_MEETING, to));
		else
			rc = errorf(e, E_RULE, _("meeting %s is %s and cannot become %s"), ref,
				    status_name(OF_MEETING, m.status), status_name(OF_MEETING, to));
	}
	if (!rc) {
		clock_hhmm(now);
		rc = store_meeting_set_status(st, m.id, to, field, at ? at : now, e);
	}
	meeting_release(&m);
	return rc;
}

int meeting_open(struct store *st, const char *ref, const char *at, struct err *e)
{
	return transition(st, ref, "open", "opened", at, e);
}

int meeting_close(struct store *st, const char *ref, const char *at, struct err *e)
{
	return transition(st, ref, "closed", "closed", at, e);
}

static int parse_item(const char *s, long *pos, struct err *e)
{
	if (!parse_int(s, 1, 10000, pos))
		return errorf(e, E_INVALID, _("invalid item number: %s"), s ? s : "");
	return 0;
}

int meeting_attend(struct store *st, const char *ref, const struct attend_input *in,
		   struct err *e)
{
	struct meeting m;
	struct member_list members = { 0 };
	struct attendee_list att = { 0 };
	struct attendee a = { 0 };
	long from = 0, to = 0;
	int rc = -1;

	if (meeting_resolve(st, ref, &m, e))
		return -1;
	if (check_editable(&m, e) || council_person_resolve(st, in->person, a.person_id, e))
		goto out;
	if ((in->from_item && parse_item(in->from_item, &from, e)) ||
	    (in->to_item && parse_item(in->to_item, &to, e)))
		goto out;
	if (from && to && to < from) {
		errorf(e, E_INVALID, _("left after item %ld but came at item %ld"), to, from);
		goto out;
	}
	if (store_membership_list(st, m.body_id, m.date, &members, e) ||
	    store_attend_list(st, m.id, &att, e))
		goto out;
	const char *role = NULL;
	if (in->role) {
		role = rules_role_parse(in->role, true);
		if (!role) {
			errorf(e, E_INVALID, _("unknown role: %s"), in->role);
			goto out;
		}
	} else {
		for (size_t i = 0; i < members.n && !role; i++)
			if (!strcmp(members.v[i].person_id, a.person_id))
				role = members.v[i].role;
		if (!role)
			role = "gäst";
	}
	if (in->for_person) {
		if (council_person_resolve(st, in->for_person, a.for_id, e))
			goto out;
		if (!strcmp(a.for_id, a.person_id)) {
			errorf(e, E_RULE, _("%s cannot serve for themselves"), in->person);
			goto out;
		}
		bool decides = false;
		for (size_t i = 0; i < members.n; i++)
			decides |= !strcmp(members.v[i].person_id, a.for_id) &&
				   rules_role_decides(members.v[i].role);
		if (!decides) {
			errorf(e, E_RULE, _("%s is not a decision-making member of this body"), in->for_person);
			goto out;
		}
		for (size_t i = 0; i < att.n; i++) {
			if (!strcmp(att.v[i].person_id, a.for_id) && !att.v[i].absent) {
				errorf(e, E_RULE, _("%s is present; a substitute serves only for an absent member"),
				       in->for_person);
				goto out;
			}
			if (!strcmp(att.v[i].for_id, a.for_id) && strcmp(att.v[i].person_id, a.person_id)) {
				errorf(e, E_RULE, _("%s already serves for %s"), att.v[i].name, in->for_person);
				goto out;
			}
		}
		if (in->absent) {
			errorf(e, E_RULE, _("an absent person cannot serve for another"));
			goto out;
		}
		role = "ersättare";
	}
	if (!in->absent && !a.for_id[0]) {
		/* a member marked present while their substitute serves */
		for (size_t i = 0; i < att.n; i++)
			if (!strcmp(att.v[i].for_id, a.person_id)) {
				errorf(e, E_RULE, _("%s serves for %s; change that first"), att.v[i].name,
				       in->person);
				goto out;
			}
	}
	a.role = (char *)role;
	a.absent = in->absent;
	a.from_item = (int)from;
	a.to_item = (int)to;
	rc = store_attend_set(st, m.id, &a, e);
out:
	meeting_release(&m);
	member_list_release(&members);
	attendee_list_release(&att);
	return rc;
}

int meeting_item_add(struct store *st, const char *ref, const char *title, const char *kind,
		     const char *presenter, char **papers, int npapers, int *pos, struct err *e)
{
	struct meeting m;
	struct item it = { 0 };
	char pid[ID_LEN + 1];
	int rc = -1;
	if (kind && !rules_item_kind_valid(kind))
		return errorf(e, E_INVALID, _("invalid kind: %s (standard, case or information)"), kind);
	if (check_text(_("title"), title, 500, true, e))
		return -1;
	for (int i = 0; i < npapers; i++)
		if (check_text(_("paper"), papers[i], 500, true, e))
			return -1;
	if (meeting_resolve(st, ref, &m, e))
		return -1;
	if (check_editable(&m, e) || (presenter && council_person_resolve(st, presenter, pid, e)))
		goto out;
	if (store_item_add(st, m.id, title, kind ? kind : "case", presenter ? pid : NULL, pos, e) ||
	    store_item_find(st, m.id, *pos, &it, e))
		goto out;
	for (int i = 0; i < npapers; i++)
		if (store_item_paper_add(st, it.id, papers[i], e))
			goto out;
	rc = 0;
out:
	item_release(&it);
	meeting_release(&m);
	return rc;
}

/* The meeting (editable) and its item, or -1. */
static int load_item(struct store *st, const char *ref, const char *item, struct meeting *m,
		     struct item *it, struct err *e)
{
	long pos;
	memset(it, 0, sizeof *it);
	if (parse_item(item, &pos, e) || meeting_resolve(st, ref, m, e))
		return -1;
	int rc = check_editable(m, e);
	if (!rc) {
		rc = store_item_find(st, m->id, (int)pos, it, e);
		if (rc == 1)
			rc = errorf(e, E_UNKNOWN_ITEM, _("unknown item: %s has no item %ld"), ref, pos);
	}
	bool locked = false;
	if (!rc && !(rc = store_item_adjusted(st, it->id, &locked, e)) && locked)
		rc = errorf(e, E_LOCKED, _("item %ld of %s was adjusted at once (omedelbar justering) and is locked"),
			    pos, ref);
	if (rc) {
		meeting_release(m);
		item_release(it);
		memset(it, 0, sizeof *it);
		return -1;
	}
	return 0;
}

int meeting_item_postpone(struct store *st, const char *ref, const char *item, struct err *e)
{
	struct meeting m;
	struct item it;
	if (load_item(st, ref, item, &m, &it, e))
		return -1;
	int rc;
	if (it.decision)
		rc = errorf(e, E_RULE, _("item %d already has a decision (§ %d) and cannot be postponed"),
			    it.pos, it.decision->para);
	else
		rc = store_item_set_status(st, it.id, "postponed", e);
	item_release(&it);
	meeting_release(&m);
	return rc;
}

int meeting_item_move(struct store *st, const char *ref, const char *item, const char *to,
		      struct err *e)
{
	struct meeting m;
	struct item it;
	struct item_list items = { 0 };
	long dest;
	if (parse_item(to, &dest, e) || load_item(st, ref, item, &m, &it, e))
		return -1;
	int rc = store_item_list(st, m.id, &items, e);
	if (!rc && dest > (long)items.n)
		rc = errorf(e, E_INVALID, _("no place %ld on the agenda: it has %zu items"), dest, items.n);
	if (!rc)
		rc = store_item_move(st, m.id, it.pos, (int)dest, e);
	item_list_release(&items);
	item_release(&it);
	meeting_release(&m);
	return rc;
}

int meeting_note(struct store *st, const char *ref, const char *item, const char *text,
		 struct err *e)
{
	struct meeting m;
	struct item it;
	if (check_text(_("note"), text, 10 * 1024 * 1024, true, e) || load_item(st, ref, item, &m, &it, e))
		return -1;
	int rc = store_item_note_append(st, it.id, text, e);
	item_release(&it);
	meeting_release(&m);
	return rc;
}

int meeting_notes_set(struct store *st, const char *ref, const char *item, const char *text,
		      struct err *e)
{
	struct meeting m;
	struct item it;
	if (check_text(_("note"), text, 10 * 1024 * 1024, false, e) || load_item(st, ref, item, &m, &it, e))
		return -1;
	int rc = store_item_notes_set(st, it.id, text ? text : "", e);
	item_release(&it);
	meeting_release(&m);
	return rc;
}

static int parse_count(const char *what, const char *s, int *out, struct err *e)
{
	long v;
	*out = -1;
	if (!s)
		return 0;
	if (!parse_int(s, 0, 100000, &v))
		return errorf(e, E_INVALID, _("invalid number of %s votes: %s"), what, s);
	*out = (int)v;
	return 0;
}

/* Splits "NAME:REST" at the first colon; rest is NULL when none. */
static char *split_colon(const char *s, const char **rest)
{
	const char *c = strchr(s, ':');
	*rest = c ? c + 1 : NULL;
	return c ? strndup(s, (size_t)(c - s)) : xstrdup(s);
}

int meeting_decide(struct store *st, const char *ref, const char *item,
		   const struct decide_input *in, struct decide_result *out, struct err *e)
{
	struct meeting m;
	struct item it;
	struct member_list members = { 0 };
	struct attendee_list att = { 0 };
	struct decision d = { 0 };
	char did[ID_LEN + 1];
	char (*voters)[ID_LEN + 1] = NULL, (*dissenters)[ID_LEN + 1] = NULL;
	const char **vote_kinds = NULL, **motivations = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (check_text(_("decision"), in->text, 1000000, true, e))
		return -1;
	if (parse_count(_("yes"), in->yes, &d.yes, e) || parse_count(_("no"), in->no, &d.no, e) ||
	    parse_count(_("abstain"), in->abstain, &d.abstain, e))
		return -1;
	if (load_item(st, ref, item, &m, &it, e))
		return -1;
	if (!strcmp(m.status, "planned")) {
		errorf(e, E_RULE, _("meeting %s has not been opened; open it with 'gavel meeting open %s'"),
		       ref, ref);
		goto out;
	}
	if (it.decision) {
		errorf(e, E_RULE, _("item %d already has a decision (§ %d)"), it.pos, it.decision->para);
		goto out;
	}
	if (!strcmp(it.status, "postponed")) {
		errorf(e, E_RULE, _("item %d is postponed"), it.pos);
		goto out;
	}
	if (store_membership_list(st, m.body_id, m.date, &members, e) ||
	    store_attend_list(st, m.id, &att, e))
		goto out;

	/* Conflicts of interest first: those people take no part in the item. */
	for (int i = 0; i < in->nconflicts; i++) {
		char pid[ID_LEN + 1];
		if (council_person_resolve(st, in->conflicts[i], pid, e))
			goto out;
		bool dup = false;
		for (size_t j = 0; j < it.conflicts.n; j++)
			dup |= !strcmp(it.conflicts.v[j].person_id, pid);
		if (!dup) {
			struct conflict *c = conflict_list_push(&it.conflicts);
			memcpy(c->person_id, pid, sizeof pid);
			c->name = xstrdup(in->conflicts[i]);
		}
	}

	rules_quorum(&members, &att, &it.conflicts, it.pos, &out->quorum);

	/* Votes by name. */
	voters = xcalloc((size_t)in->nvotes + 1, sizeof *voters);
	vote_kinds = xcalloc((size_t)in->nvotes + 1, sizeof *vote_kinds);
	int named[3] = { 0, 0, 0 };
	for (int i = 0; i < in->nvotes; i++) {
		const char *kind;
		char *name = split_colon(in->votes[i], &kind);
		static const char *const kinds[] = { "yes", "no", "abstain" };
		static const char *const sv[] = { "ja", "nej", "avstår" };
		int k = -1;
		for (int j = 0; kind && j < 3; j++)
			if (!strcmp(kind, kinds[j]) || !strcmp(kind, sv[j]))
				k = j;
		if (k < 0) {
			errorf(e, E_INVALID, _("invalid vote: %s (expected PERSON:yes, PERSON:no or PERSON:abstain)"),
			       in->votes[i]);
			free(name);
			goto out;
		}
		rc = council_person_resolve(st, name, voters[i], e);
		if (!rc && !rules_takes_part(&att, &it.conflicts, it.pos, voters[i]))
			rc = errorf(e, E_RULE, _("%s takes no part in item %d (absent, not a decision-maker, or jäv) and cannot vote"),
				    name, it.pos);
		for (int j = 0; !rc && j < i; j++)
			if (!strcmp(voters[j], voters[i]))
				rc = errorf(e, E_RULE, _("%s votes twice"), name);
		free(name);
		if (rc)
			goto out;
		rc = -1;
		vote_kinds[i] = kinds[k];
		named[k]++;
	}
	int *counts[3] = { &d.yes, &d.no, &d.abstain };
	bool any_count = d.yes >= 0 || d.no >= 0 || d.abstain >= 0;
	for (int k = 0; k < 3; k++) {
		if (any_count && *counts[k] < 0)
			*counts[k] = 0;
		if (!any_count && in->nvotes > 0)
			*counts[k] = named[k];
		if (*counts[k] >= 0 && named[k] > *counts[k]) {
			errorf(e, E_RULE, _("%d named %s votes but a count of %d"), named[k],
			       k == 0 ? _("yes") : k == 1 ? _("no") : _("abstain"), *counts[k]);
			goto out;
		}
	}
	if (any_count || in->nvotes > 0) {
		int total = d.yes + d.no + d.abstain;
		if (out->quorum.known && total > out->quorum.present) {
			errorf(e, E_RULE, _("%d votes counted but only %d decision-makers take part in item %d"),
			       total, out->quorum.present, it.pos);
			goto out;
		}
	}

	/* Dissents: only from someone who took part in the decision. */
	dissenters = xcalloc((size_t)in->ndissents + 1, sizeof *dissenters);
	motivations = xcalloc((size_t)in->ndissents + 1, sizeof *motivations);
	char **dnames = xcalloc((size_t)in->ndissents + 1, sizeof *dnames);
	for (int i = 0; i < in->ndissents; i++) {
		dnames[i] = split_colon(in->dissents[i], &motivations[i]);
		int r = council_person_resolve(st, dnames[i], dissenters[i], e);
		if (!r && !rules_takes_part(&att, &it.conflicts, it.pos, dissenters[i]))
			r = errorf(e, E_RULE, _("%s did not take part in the decision on item %d and cannot enter a reservation"),
				   dnames[i], it.pos);
		for (int j = 0; !r && j < i; j++)
			if (!strcmp(dissenters[j], dissenters[i]))
				r = errorf(e, E_RULE, _("%s enters a reservation twice"), dnames[i]);
		if (!r && motivations[i] && check_text(_("motivation"), motivations[i], 100000, false, e))
			r = -1;
		if (r) {
			for (int j = 0; j <= i; j++)
				free(dnames[j]);
			free(dnames);
			goto out;
		}
	}

	/* Everything is valid: take the number and write. */
	d.year = date_year(m.date);
	d.text = (char *)in->text;
	d.quorum = (char *)(!out->quorum.known ? "unknown" : out->quorum.ok ? "yes" : "no");
	rc = store_para_next(st, m.body_id, d.year, &d.para, e);
	for (size_t i = 0; !rc && i < it.conflicts.n; i++)
		rc = store_conflict_add(st, it.id, it.conflicts.v[i].person_id, e);
	if (!rc)
		rc = store_decision_add(st, it.id, m.body_id, &d, did, e);
	for (int i = 0; !rc && i < in->nvotes; i++)
		rc = store_vote_add(st, did, voters[i], vote_kinds[i], e);
	for (int i = 0; !rc && i < in->ndissents; i++)
		rc = store_dissent_add(st, did, dissenters[i],
				       motivations[i] && *motivations[i] ? motivations[i] : NULL, e);
	if (!rc)
		rc = store_item_set_status(st, it.id, "done", e);
	for (int i = 0; i < in->ndissents; i++)
		free(dnames[i]);
	free(dnames);
	if (rc)
		goto out;
	out->para = d.para;
	out->year = d.year;
	if (!out->quorum.known)
		snprintf(out->warning, sizeof out->warning,
			 _("no attendance recorded: quorum unknown; the decision is marked"));
	else if (!out->quorum.ok)
		snprintf(out->warning, sizeof out->warning,
			 _("not quorate: %d of %d members take part; the decision is marked"),
			 out->quorum.present, out->quorum.seats);
out:
	free(voters);
	free(vote_kinds);
	free(dissenters);
	free(motivations);
	member_list_release(&members);
	attendee_list_release(&att);
	item_release(&it);
	meeting_release(&m);
	return rc;
}

int meeting_adjust(struct store *st, const char *ref, char **by, int nby, struct err *e)
{
	struct meeting m;
	struct attendee_list att = { 0 };
	int rc = -1;
	if (nby < 1)
		return errorf(e, E_USAGE, _("name who adjusts the minutes with --by PERSON"));
	if (meeting_resolve(st, ref, &m, e))
		return -1;
	if (!strcmp(m.status, "adjusted")) {
		errorf(e, E_RULE, _("meeting %s is already adjusted"), ref);
		goto out;
	}
	if (strcmp(m.status, "closed")) {
		errorf(e, E_RULE, _("meeting %s is %s; close it before adjusting"), ref,
		       status_name(OF_MEETING, m.status));
		goto out;
	}
	if (store_attend_list(st, m.id, &att, e))
		goto out;
	char (*ids)[ID_LEN + 1] = xcalloc((size_t)nby, sizeof *ids);
	for (int i = 0; i < nby; i++) {
		int r = council_person_resolve(st, by[i], ids[i], e);
		bool present = false;
		for (size_t j = 0; !r && j < att.n; j++)
			present |= !strcmp(att.v[j].person_id, ids[i]) && !att.v[j].absent;
		if (!r && !present)
			r = errorf(e, E_RULE, _("%s did not attend meeting %s and cannot adjust its minutes"),
				   by[i], ref);
		if (r) {
			free(ids);
			goto out;
		}
	}
	char today[DATE_SIZE];
	clock_today(today);
	rc = 0;
	for (int i = 0; !rc && i < nby; i++)
		rc = store_adjuster_add(st, m.id, ids[i], e);
	free(ids);
	if (!rc)
		rc = store_meeting_set_status(st, m.id, "adjusted", "adjusted", today, e);
out:
	attendee_list_release(&att);
	meeting_release(&m);
	return rc;
}

int meeting_view_load(struct store *st, const char *ref, struct meeting_view *v, struct err *e)
{
	struct member_list members = { 0 };
	memset(v, 0, sizeof *v);
	if (meeting_resolve(st, ref, &v->m, e))
		return -1;
	if (store_attend_list(st, v->m.id, &v->att, e) || store_item_list(st, v->m.id, &v->items, e) ||
	    store_adjuster_list(st, v->m.id, &v->adjusters, e) ||
	    store_membership_list(st, v->m.body_id, v->m.date, &members, e)) {
		member_list_release(&members);
		meeting_view_release(v);
		return -1;
	}
	rules_quorum(&members, &v->att, NULL, 0, &v->quorum);
	member_list_release(&members);
	for (size_t i = 0; i < v->items.n; i++) {
		const struct decision *d = v->items.v[i].decision;
		if (!d)
			continue;
		if (!v->para_first || d->para < v->para_first)
			v->para_first = d->para;
		if (d->para > v->para_last)
			v->para_last = d->para;
	}
	return 0;
}

void meeting_view_release(struct meeting_view *v)
{
	meeting_release(&v->m);
	attendee_list_release(&v->att);
	item_list_release(&v->items);
	strvec_release(&v->adjusters);
	memset(v, 0, sizeof *v);
}
