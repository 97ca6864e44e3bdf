#include "core/action.h"

#include <string.h>

#include "core/council.h"
#include "core/meeting.h"
#include "core/rules.h"

/* A person first, then an organisation. */
static int owner_resolve(struct store *st, const char *who, char person[ID_LEN + 1],
			 char org[ID_LEN + 1], struct err *e)
{
	person[0] = org[0] = '\0';
	int rc = store_person_find(st, who ? who : "", person, e);
	if (rc == 0 || rc < 0)
		return rc;
	person[0] = '\0';
	if (rc == 2)
		return error(e, E_AMBIGUOUS, who);
	rc = store_org_find(st, who ? who : "", org, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_OWNER, who ? who : "");
	return rc;
}

int action_add(struct store *st, const struct action_input *in, char id[ID_LEN + 1],
	       struct err *e)
{
	struct action a = { 0 };
	if (check_text(_("title"), in->title, 500, true, e) ||
	    check_text(_("description"), in->description, 1000000, false, e) ||
	    check_date(_("due date"), in->due, e))
		return -1;
	if (!in->owner || !*in->owner)
		return errorf(e, E_USAGE, _("an action needs an owner: --owner PERSON or ORGANISATION"));
	if (owner_resolve(st, in->owner, a.owner_person_id, a.owner_org_id, e))
		return -1;
	if (in->decision && meeting_decision_resolve(st, in->decision, a.decision_id, e))
		return -1;
	if (in->goal) {
		int rc = store_goal_find(st, in->goal, a.goal_id, e);
		if (rc)
			return rc < 0 ? -1 : error(e, E_UNKNOWN_GOAL, in->goal);
	}
	a.title = (char *)in->title;
	a.description = (char *)in->description;
	a.due = (char *)in->due;
	return store_action_add(st, &a, id, e);
}

int action_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_action_find(st, key ? key : "", id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_ACTION, key ? key : "");
	if (rc == 2)
		return error(e, E_AMBIGUOUS, key);
	return rc;
}

int action_update(struct store *st, const char *key, const char *status, const char *note,
		  const char *by, const char *date, struct err *e)
{
	char id[ID_LEN + 1], author[ID_LEN + 1], today[DATE_SIZE];
	if (status && !rules_action_status_valid(status))
		return errorf(e, E_INVALID, _("invalid status: %s (planned, ongoing, done or cancelled)"),
			      status);
	if (!status && !note)
		return errorf(e, E_USAGE, _("nothing to change: give --status S and/or --note TEXT"));
	if (check_text(_("note"), note, 1000000, note != NULL, e) || check_date(_("date"), date, e))
		return -1;
	if (action_resolve(st, key, id, e))
		return -1;
	if (by) {
		if (council_person_resolve(st, by, author, e))
			return -1;
	} else if (council_whoami(st, author, e)) {
		return -1;
	}
	if (status && store_action_set_status(st, id, status, e))
		return -1;
	clock_today(today);
	if (note && store_action_note_add(st, id, date ? date : today, author, note, e))
		return -1;
	return 0;
}

int action_list(struct store *st, const struct action_query *q, struct action_list *out,
		struct err *e)
{
	struct action_filter f = { 0 };
	char person[ID_LEN + 1], org[ID_LEN + 1], today[DATE_SIZE];
	if (q->status && !rules_action_status_valid(q->status))
		return errorf(e, E_INVALID, _("invalid status: %s (planned, ongoing, done or cancelled)"),
			      q->status);
	if (q->owner) {
		if (owner_resolve(st, q->owner, person, org, e))
			return -1;
		f.owner_person_id = person[0] ? person : NULL;
		f.owner_org_id = org[0] ? org : NULL;
	}
	clock_today(today);
	f.status = q->status;
	f.overdue_before = q->overdue ? today : NULL;
	f.notes = q->notes;
	return store_action_list(st, &f, out, e);
}
