#include "core/action.h"

#include <stdio.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"
#include "core/rules.h"

int action_owner_resolve(struct store *st, const char *name, struct action_owner *out,
			 struct err *e)
{
	const char *who = name ? name : "";
	memset(out, 0, sizeof *out);
	int rc = store_person_find(st, who, out->person_id, e);
	if (rc == 0 || rc < 0)
		return rc;
	out->person_id[0] = '\0';
	if (rc == 2)
		return error(e, E_AMBIGUOUS, who);
	rc = store_org_find(st, who, out->org_id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_OWNER, who);
	return rc;
}

static int check_status(const char *status, struct err *e)
{
	if (status && !rules_action_status_valid(status))
		return error(e, E_BAD_ACTION_STATUS, status);
	return 0;
}

int action_add(struct store *st, const struct action_input *in, char id[ID_LEN + 1],
	       struct err *e)
{
	struct action a = { 0 };
	if (check_text(_("title"), in->title, TITLE_MAX_BYTES, true, e) ||
	    check_text(_("description"), in->description, TEXT_MAX_BYTES, false, e) ||
	    check_date(_("due date"), in->due, e))
		return -1;
	if (!in->owner.person_id[0] == !in->owner.org_id[0])
		return error(e, E_NO_OWNER);
	memcpy(a.owner_person_id, in->owner.person_id, ID_LEN + 1);
	memcpy(a.owner_org_id, in->owner.org_id, ID_LEN + 1);
	if (in->decision_id)
		snprintf(a.decision_id, sizeof a.decision_id, "%s", in->decision_id);
	if (in->goal_id)
		snprintf(a.goal_id, sizeof a.goal_id, "%s", in->goal_id);
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

int action_update(struct store *st, const char *action_id, const char *status, const char *note,
		  const char *author_id, const char *date, struct err *e)
{
	char id[ID_LEN + 1], author[ID_LEN + 1], today[DATE_SIZE];
	if (check_status(status, e))
		return -1;
	if (!status && !note)
		return error(e, E_NOTHING_TO_CHANGE);
	if (check_text(_("note"), note, TEXT_MAX_BYTES, note != NULL, e) || check_date(_("date"), date, e))
		return -1;
	if (action_resolve(st, action_id, id, e))
		return -1;
	if (author_id)
		snprintf(author, sizeof author, "%s", author_id);
	else if (council_whoami(st, author, e))
		return -1;
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
	char today[DATE_SIZE];
	if (check_status(q->status, e))
		return -1;
	if (q->owner) {
		f.owner_person_id = q->owner->person_id[0] ? q->owner->person_id : NULL;
		f.owner_org_id = q->owner->org_id[0] ? q->owner->org_id : NULL;
	}
	clock_today(today);
	f.status = q->status;
	f.overdue_before = q->overdue ? today : NULL;
	f.notes = q->notes;
	return store_action_list(st, &f, out, e);
}
