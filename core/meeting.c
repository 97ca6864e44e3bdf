#include "core/meeting.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "core/limits.h"
#include "core/status.h"
#include "store/lookup.h"

int meeting_resolve(struct store *st, const char *name, struct meeting *m, struct err *e)
{
	char body_id[ID_LEN + 1], body[BODY_SHORT_MAX + 1];
	const char *slash = name ? strchr(name, '/') : NULL;
	memset(m, 0, sizeof *m);
	bool next = slash && !strcmp(slash + 1, "next"), last = slash && !strcmp(slash + 1, "last");
	if (!slash || (size_t)(slash - name) >= sizeof body || !(date_valid(slash + 1) || next || last))
		return error(e, E_BAD_MEETING_NAME, name ? name : "");
	memcpy(body, name, (size_t)(slash - name));
	body[slash - name] = '\0';
	if (council_body_resolve(st, body, body_id, e))
		return -1;
	char today[DATE_SIZE];
	clock_today(today);
	int rc = next || last ? store_meeting_near(st, body_id, today, next, m, e)
			      : store_meeting_find(st, body_id, slash + 1, m, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_MEETING, name);
	return rc;
}

int meeting_get(struct store *st, const char *meeting_id, struct meeting *m, struct err *e)
{
	memset(m, 0, sizeof *m);
	int rc = store_meeting_get(st, meeting_id, m, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_MEETING, meeting_id);
	return rc;
}

char *meeting_name(const struct meeting *m)
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
		return error(e, E_BAD_TIME, what, t);
	return 0;
}

/* The person's name for a message (the caller frees it); E_UNKNOWN_PERSON
 * if there is no such person. */
static int person_name(struct store *st, const char *person_id, char **name, struct err *e)
{
	struct person p = { 0 };
	int rc = store_person_get(st, person_id, &p, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_PERSON, person_id);
	if (rc)
		return -1;
	*name = p.name;
	p.name = NULL;
	person_release(&p);
	return 0;
}

/* Sets e to code with the person's name as its first argument and the
 * int `n` (if the message has one) after it; returns -1. */
static int refuse_person(struct store *st, const char *person_id, enum err_code code, int n,
			 struct err *e)
{
	char *name = NULL;
	if (person_name(st, person_id, &name, e))
		return -1;
	error(e, code, name, n);
	free(name);
	return -1;
}

int meeting_add(struct store *st, const char *body_id, const struct meeting_plan *plan,
		char id[ID_LEN + 1], struct err *e)
{
	struct meeting m;
	if (!date_valid(plan->date))
		return error(e, E_BAD_DATE, _("date"), plan->date ? plan->date : "");
	if (check_time(_("start time"), plan->start, e) || check_time(_("end time"), plan->end, e) ||
	    check_text(_("place"), plan->place, TITLE_MAX_BYTES, false, e))
		return -1;
	if (plan->start && plan->end && strcmp(plan->end, plan->start) < 0)
		return error(e, E_ENDS_BEFORE_START, _("the meeting"), plan->end, plan->start);
	int rc = store_meeting_find(st, body_id, plan->date, &m, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		char *name = meeting_name(&m);
		error(e, E_MEETING_EXISTS, name);
		free(name);
		meeting_release(&m);
		return -1;
	}
	if (store_meeting_add(st, body_id, plan->date, plan->start, plan->end, plan->place, e) ||
	    store_meeting_find(st, body_id, plan->date, &m, e))
		return -1;
	memcpy(id, m.id, ID_LEN + 1);
	meeting_release(&m);
	return 0;
}

static int transition(struct store *st, const char *meeting_id, const char *to, const char *field,
		      const char *at, struct err *e)
{
	struct meeting m;
	char now[HHMM_SIZE];
	if (check_time(_("time"), at, e) || meeting_get(st, meeting_id, &m, e))
		return -1;
	int rc = 0;
	if (!rules_meeting_transition(m.status, to)) {
		char *name = meeting_name(&m);
		if (!strcmp(m.status, "adjusted"))
			rc = error(e, E_LOCKED, name);
		else if (!strcmp(m.status, to))
			rc = error(e, E_MEETING_ALREADY, name, status_name(OF_MEETING, to));
		else
			rc = error(e, E_MEETING_TRANSITION, name, status_name(OF_MEETING, m.status),
				   status_name(OF_MEETING, to));
		free(name);
	}
	if (!rc) {
		clock_hhmm(now);
		rc = store_meeting_set_status(st, m.id, to, field, at ? at : now, e);
	}
	meeting_release(&m);
	return rc;
}

int meeting_open(struct store *st, const char *meeting_id, const char *at, struct err *e)
{
	return transition(st, meeting_id, "open", "opened", at, e);
}

int meeting_close(struct store *st, const char *meeting_id, const char *at, struct err *e)
{
	return transition(st, meeting_id, "closed", "closed", at, e);
}

/* An item number in 0..ITEMS_MAX (0: none), or E_BAD_ITEM_NUMBER. */
static int check_item_number(int n, struct err *e)
{
	char s[NUMBER_TEXT_SIZE];
	if (n >= 0 && n <= ITEMS_MAX)
		return 0;
	snprintf(s, sizeof s, "%d", n);
	return error(e, E_BAD_ITEM_NUMBER, s);
}

/* Checks a substitute: for_id an absent decision-making member of the
 * body, served by nobody else, the substitute present. */
static int check_substitute(struct store *st, const struct attend_input *in,
			    const struct member_list *members, const struct attendee_list *att,
			    struct err *e)
{
	if (!strcmp(in->for_id, in->person_id))
		return refuse_person(st, in->person_id, E_SERVES_SELF, 0, e);
	bool decides = false;
	for (size_t i = 0; i < members->n; i++)
		decides |= !strcmp(members->v[i].person_id, in->for_id) &&
			   rules_role_decides(members->v[i].role);
	if (!decides)
		return refuse_person(st, in->for_id, E_NOT_DECISION_MAKER, 0, e);
	for (size_t i = 0; i < att->n; i++) {
		if (!strcmp(att->v[i].person_id, in->for_id) && !att->v[i].absent)
			return error(e, E_MEMBER_PRESENT, att->v[i].name);
		if (!strcmp(att->v[i].for_id, in->for_id) && strcmp(att->v[i].person_id, in->person_id))
			return error(e, E_ALREADY_SERVED, att->v[i].name, att->v[i].for_name);
	}
	if (in->absent)
		return error(e, E_ABSENT_SUBSTITUTE);
	return 0;
}

int meeting_attend(struct store *st, const char *meeting_id, const struct attend_input *in,
		   struct err *e)
{
	struct meeting m;
	struct member_list members = { 0 };
	struct attendee_list att = { 0 };
	struct attendee a = { 0 };
	struct person p = { 0 };
	int rc = -1;

	if (check_item_number(in->from_item, e) || check_item_number(in->to_item, e))
		return -1;
	if (in->from_item && in->to_item && in->to_item < in->from_item)
		return error(e, E_LEFT_BEFORE_CAME, in->to_item, in->from_item);
	if (meeting_get(st, meeting_id, &m, e))
		return -1;
	if (check_editable(&m, e))
		goto out;
	int found = store_person_get(st, in->person_id, &p, e);
	if (found) {
		if (found == 1)
			error(e, E_UNKNOWN_PERSON, in->person_id);
		goto out;
	}
	memcpy(a.person_id, in->person_id, ID_LEN + 1);
	if (store_membership_list(st, m.body_id, m.date, &members, e) ||
	    store_attend_list(st, m.id, &att, e))
		goto out;
	const char *role = NULL;
	if (in->role) {
		role = rules_role_parse(in->role, true);
		if (!role) {
			error(e, E_UNKNOWN_ROLE, in->role, rules_role_list(true));
			goto out;
		}
	} else {
		for (size_t i = 0; i < members.n && !role; i++)
			if (!strcmp(members.v[i].person_id, a.person_id))
				role = members.v[i].role;
		if (!role)
			role = "gäst";
	}
	if (in->for_id && in->for_id[0]) {
		if (check_substitute(st, in, &members, &att, e))
			goto out;
		memcpy(a.for_id, in->for_id, ID_LEN + 1);
		role = "ersättare";
	}
	if (!in->absent && !a.for_id[0]) {
		/* a member marked present while their substitute serves */
		for (size_t i = 0; i < att.n; i++)
			if (!strcmp(att.v[i].for_id, a.person_id)) {
				error(e, E_SUBSTITUTE_SERVES, att.v[i].name, p.name);
				goto out;
			}
	}
	a.role = (char *)role;
	a.absent = in->absent;
	a.from_item = in->from_item;
	a.to_item = in->to_item;
	rc = store_attend_set(st, m.id, &a, e);
out:
	person_release(&p);
	meeting_release(&m);
	member_list_release(&members);
	attendee_list_release(&att);
	return rc;
}

int meeting_item_add(struct store *st, const char *meeting_id, const struct item_input *in,
		     int *pos, struct err *e)
{
	struct meeting m;
	char item_id[ID_LEN + 1];
	int rc = -1;
	if (in->kind && !rules_item_kind_valid(in->kind))
		return error(e, E_BAD_KIND, in->kind);
	if (check_text(_("title"), in->title, TITLE_MAX_BYTES, true, e))
		return -1;
	for (size_t i = 0; i < in->npapers; i++)
		if (check_text(_("paper"), in->papers[i], TITLE_MAX_BYTES, true, e))
			return -1;
	if (meeting_get(st, meeting_id, &m, e))
		return -1;
	if (check_editable(&m, e))
		goto out;
	if (in->presenter_id) {
		char *name = NULL;
		if (person_name(st, in->presenter_id, &name, e))
			goto out;
		free(name);
	}
	if (store_item_add(st, m.id, in->title, in->kind ? in->kind : "case", in->presenter_id, pos, e))
		goto out;
	if (in->npapers && store_item_id(st, m.id, *pos, item_id, e))
		goto out;
	for (size_t i = 0; i < in->npapers; i++)
		if (store_item_paper_add(st, item_id, in->papers[i], e))
			goto out;
	rc = 0;
out:
	meeting_release(&m);
	return rc;
}

/*
 * Where the item stands, refused unless its minutes may still change: the
 * meeting is not adjusted and the item's paragraph was not adjusted at
 * once. One statement. s is released on refusal.
 */
static int item_editable(struct store *st, const char *item_id, struct item_state *s, struct err *e)
{
	int rc = store_item_state(st, item_id, s, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_ITEM, item_id);
	if (rc)
		return -1;
	assert(!strcmp(s->id, item_id));
	if (rules_meeting_editable(s->meeting_status) && !s->adjusted_at_once)
		return 0;
	char *name = xasprintf("%s/%s", s->body_short, s->date);
	if (!rules_meeting_editable(s->meeting_status))
		error(e, E_LOCKED, name);
	else
		error(e, E_ITEM_LOCKED, s->pos, name);
	free(name);
	item_state_release(s);
	return -1;
}

int meeting_item_postpone(struct store *st, const char *item_id, struct err *e)
{
	struct item_state s;
	if (item_editable(st, item_id, &s, e))
		return -1;
	int rc;
	if (s.decision_id[0])
		rc = error(e, E_ITEM_DECIDED, s.pos, s.para);
	else
		rc = store_item_set_status(st, s.id, "postponed", e);
	item_state_release(&s);
	return rc;
}

int meeting_item_move(struct store *st, const char *item_id, int to, struct err *e)
{
	struct item_state s;
	struct item_list items = { 0 };
	char place[NUMBER_TEXT_SIZE];
	snprintf(place, sizeof place, "%d", to);
	if (to < 1 || to > ITEMS_MAX)
		return error(e, E_BAD_ITEM_NUMBER, place);
	if (item_editable(st, item_id, &s, e))
		return -1;
	int rc = store_item_list(st, s.meeting_id, &items, e);
	if (!rc && to > (int)items.n)
		rc = error(e, E_NO_PLACE, to, items.n);
	if (!rc)
		rc = store_item_move(st, s.meeting_id, s.pos, to, e);
	item_list_release(&items);
	item_state_release(&s);
	return rc;
}

int meeting_note(struct store *st, const char *item_id, const char *text, struct err *e)
{
	struct item_state s;
	if (check_text(_("note"), text, NOTE_MAX_BYTES, true, e) || item_editable(st, item_id, &s, e))
		return -1;
	int rc = store_item_note_append(st, s.id, text, e);
	item_state_release(&s);
	return rc;
}

int meeting_notes_set(struct store *st, const char *item_id, const char *text, struct err *e)
{
	struct item_state s;
	if (check_text(_("note"), text, NOTE_MAX_BYTES, false, e) || item_editable(st, item_id, &s, e))
		return -1;
	int rc = store_item_notes_set(st, s.id, text ? text : "", e);
	item_state_release(&s);
	return rc;
}

static const char *const vote_words[VOTE_CHOICES] = { "yes", "no", "abstain" };
/* The choices as a message names them. */
static const char *const vote_names[VOTE_CHOICES] = { N_("yes"), N_("no"), N_("abstain") };

const char *vote_choice_word(enum vote_choice v)
{
	assert(v >= VOTE_YES && v < VOTE_CHOICES);
	return vote_words[v];
}

const char *vote_choice_name(enum vote_choice v)
{
	assert(v >= VOTE_YES && v < VOTE_CHOICES);
	return _(vote_names[v]);
}

/* Adds the jäv of in to the item's conflicts, each person once. */
static int add_conflicts(struct store *st, const struct decide_input *in, struct item *it,
			 struct err *e)
{
	for (size_t i = 0; i < in->nconflicts; i++) {
		const char *pid = in->conflicts[i].id;
		bool dup = false;
		for (size_t j = 0; j < it->conflicts.n; j++)
			dup |= !strcmp(it->conflicts.v[j].person_id, pid);
		if (dup)
			continue;
		char *name = NULL;
		if (person_name(st, pid, &name, e))
			return -1;
		struct conflict *c = conflict_list_push(&it->conflicts);
		memcpy(c->person_id, pid, ID_LEN + 1);
		c->name = name;
	}
	return 0;
}

/* The counts of the decision (d->yes, no, abstain; -1: not counted) from
 * the given counts and the named votes, checked against those present. */
static int count_votes(struct store *st, const struct decide_input *in, const struct attendee_list *att,
		       const struct item *it, const struct quorum *q, struct decision *d, struct err *e)
{
	int named[VOTE_CHOICES] = { 0 };
	for (size_t i = 0; i < in->nvotes; i++) {
		const struct vote_input *v = &in->votes[i];
		assert(v->choice >= VOTE_YES && v->choice < VOTE_CHOICES);
		if (!rules_takes_part(att, &it->conflicts, it->pos, v->person_id))
			return refuse_person(st, v->person_id, E_VOTE_NO_PART, it->pos, e);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->votes[j].person_id, v->person_id))
				return refuse_person(st, v->person_id, E_VOTES_TWICE, 0, e);
		named[v->choice]++;
	}
	int *counts[VOTE_CHOICES] = { &d->yes, &d->no, &d->abstain };
	for (int k = 0; k < VOTE_CHOICES; k++) {
		*counts[k] = in->counted ? in->counts[k] : in->nvotes > 0 ? named[k] : -1;
		if (in->counted && named[k] > in->counts[k])
			return error(e, E_NAMED_BEYOND_COUNT, named[k], vote_choice_name((enum vote_choice)k),
				     in->counts[k]);
	}
	if (in->counted || in->nvotes > 0) {
		int total = d->yes + d->no + d->abstain;
		if (q->known && total > q->present)
			return error(e, E_VOTES_BEYOND_PRESENT, total, q->present, it->pos);
	}
	return 0;
}

/* Reservations only from those who took part, each once. */
static int check_dissents(struct store *st, const struct decide_input *in,
			  const struct attendee_list *att, const struct item *it, struct err *e)
{
	for (size_t i = 0; i < in->ndissents; i++) {
		const struct dissent_input *r = &in->dissents[i];
		if (!rules_takes_part(att, &it->conflicts, it->pos, r->person_id))
			return refuse_person(st, r->person_id, E_DISSENT_NO_PART, it->pos, e);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->dissents[j].person_id, r->person_id))
				return refuse_person(st, r->person_id, E_DISSENTS_TWICE, 0, e);
		if (check_text(_("motivation"), r->motivation, MOTIVATION_MAX_BYTES, false, e))
			return -1;
	}
	return 0;
}

int meeting_decide(struct store *st, const char *item_id, const struct decide_input *in,
		   struct decide_result *out, struct err *e)
{
	struct item_state s;
	struct item it = { 0 };
	struct member_list members = { 0 };
	struct attendee_list att = { 0 };
	struct decision d = { 0 };
	char did[ID_LEN + 1];
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (check_text(_("decision"), in->text, TEXT_MAX_BYTES, true, e))
		return -1;
	for (int k = 0; in->counted && k < VOTE_CHOICES; k++)
		if (in->counts[k] < 0 || in->counts[k] > VOTES_MAX) {
			char n[NUMBER_TEXT_SIZE];
			snprintf(n, sizeof n, "%d", in->counts[k]);
			return error(e, E_BAD_COUNT, vote_choice_name((enum vote_choice)k), n);
		}
	if (item_editable(st, item_id, &s, e))
		return -1;
	char *name = xasprintf("%s/%s", s.body_short, s.date);
	if (!strcmp(s.meeting_status, "planned")) {
		error(e, E_NOT_OPENED, name);
		goto out;
	}
	if (s.decision_id[0]) {
		error(e, E_ITEM_DECIDED, s.pos, s.para);
		goto out;
	}
	if (!strcmp(s.status, "postponed")) {
		error(e, E_ITEM_POSTPONED, s.pos);
		goto out;
	}
	int found = store_item_find(st, s.meeting_id, s.pos, &it, e);
	if (found) {
		if (found == 1)
			error(e, E_UNKNOWN_ITEM, item_id);
		goto out;
	}
	if (store_membership_list(st, s.body_id, s.date, &members, e) ||
	    store_attend_list(st, s.meeting_id, &att, e))
		goto out;

	/* Conflicts of interest first: those people take no part in the item. */
	if (add_conflicts(st, in, &it, e))
		goto out;
	rules_quorum(&members, &att, &it.conflicts, it.pos, &out->quorum);
	if (count_votes(st, in, &att, &it, &out->quorum, &d, e) || check_dissents(st, in, &att, &it, e))
		goto out;

	/* Everything is valid: take the number and write. */
	d.year = date_year(s.date);
	d.text = (char *)in->text;
	d.quorum = (char *)(!out->quorum.known ? "unknown" : out->quorum.ok ? "yes" : "no");
	rc = store_para_next(st, s.body_id, d.year, &d.para, e);
	for (size_t i = 0; !rc && i < it.conflicts.n; i++)
		rc = store_conflict_add(st, it.id, it.conflicts.v[i].person_id, e);
	if (!rc)
		rc = store_decision_add(st, it.id, s.body_id, &d, did, e);
	for (size_t i = 0; !rc && i < in->nvotes; i++)
		rc = store_vote_add(st, did, in->votes[i].person_id, vote_choice_word(in->votes[i].choice), e);
	for (size_t i = 0; !rc && i < in->ndissents; i++) {
		const char *why = in->dissents[i].motivation;
		rc = store_dissent_add(st, did, in->dissents[i].person_id, why && *why ? why : NULL, e);
	}
	if (!rc)
		rc = store_item_set_status(st, it.id, "done", e);
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
	free(name);
	member_list_release(&members);
	attendee_list_release(&att);
	item_release(&it);
	item_state_release(&s);
	return rc;
}

int meeting_adjust(struct store *st, const char *meeting_id, const struct person_ref *by,
		   size_t nby, struct err *e)
{
	struct meeting m;
	struct attendee_list att = { 0 };
	int rc = -1;
	if (nby < 1)
		return error(e, E_NO_SIGNERS);
	if (meeting_get(st, meeting_id, &m, e))
		return -1;
	char *name = meeting_name(&m);
	if (!strcmp(m.status, "adjusted")) {
		error(e, E_ALREADY_ADJUSTED, name);
		goto out;
	}
	if (strcmp(m.status, "closed")) {
		error(e, E_ADJUST_NOT_CLOSED, name, status_name(OF_MEETING, m.status));
		goto out;
	}
	if (store_attend_list(st, m.id, &att, e))
		goto out;
	for (size_t i = 0; i < nby; i++) {
		bool present = false;
		for (size_t j = 0; j < att.n; j++)
			present |= !strcmp(att.v[j].person_id, by[i].id) && !att.v[j].absent;
		if (!present) {
			char *who = NULL;
			if (!person_name(st, by[i].id, &who, e))
				error(e, E_DID_NOT_ATTEND, who, name);
			free(who);
			goto out;
		}
	}
	char today[DATE_SIZE];
	clock_today(today);
	rc = 0;
	for (size_t i = 0; !rc && i < nby; i++)
		rc = store_adjuster_add(st, m.id, by[i].id, e);
	if (!rc)
		rc = store_meeting_set_status(st, m.id, "adjusted", "adjusted", today, e);
out:
	free(name);
	attendee_list_release(&att);
	meeting_release(&m);
	return rc;
}

int meeting_view_load(struct store *st, const char *meeting_id, struct meeting_view *v,
		      struct err *e)
{
	struct member_list members = { 0 };
	memset(v, 0, sizeof *v);
	if (meeting_get(st, meeting_id, &v->m, e))
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
	assert(v->para_first <= v->para_last && (v->para_first > 0) == (v->para_last > 0));
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
