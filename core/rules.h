/*
 * rules: the council's rules as pure functions over plain data.
 *
 * Roles, the meeting life cycle, who is a decision-maker at an item, and
 * quorum (beslutsförhet). No database here: the services in meeting.c load
 * the data and ask these functions.
 */
#ifndef GAVEL_RULES_H
#define GAVEL_RULES_H

#include <stdbool.h>

#include "store/model.h"

/* Membership roles, in Swedish as stored: ordförande, vice ordförande,
 * sekreterare, ledamot, ersättare, adjungerad. At a meeting also gäst. */
extern const char *const rules_roles[];
extern const int rules_role_count;

/*
 * The stored role for what a user typed: a Swedish role in any case, or its
 * English name (chair, vice-chair, secretary, member, substitute, co-opted,
 * guest). NULL if unknown. `at_meeting` also allows gäst/guest.
 */
const char *rules_role_parse(const char *s, bool at_meeting);

/*
 * Does a membership in this role give the power over the council's
 * members: to admit and remove them, change the council's key and the
 * memberships themselves (ordförande, vice ordförande, sekreterare)? The
 * member who shared the council has the power too (sync/policy.c). A
 * membership's dates do not count, so that every copy judges alike
 * whatever its clock says: a role is given up by ending it as a row.
 */
bool rules_role_has_power(const char *role);

/* The stored roles as a list for a message ("ordförande, …"), with gäst
 * when `at_meeting`. */
const char *rules_role_list(bool at_meeting);

/* Ordförande, vice ordförande and ledamot decide; the others do not. */
bool rules_role_decides(const char *role);

/* Meeting statuses in order: planned, open, closed, adjusted. */
bool rules_meeting_status_valid(const char *s);
/* Can a meeting move from `from` to `to`? */
bool rules_meeting_transition(const char *from, const char *to);
/* May the minutes (notes, attendance, items, decisions) still change? */
bool rules_meeting_editable(const char *status);

bool rules_action_status_valid(const char *s);
/* new, screened, in preparation, decided, rejected. */
bool rules_proposal_status_valid(const char *s);
/* A screening answer as typed: 1 for yes (yes, y, ja, j), 0 for no (no,
 * n, nej), -1 for anything else. */
int rules_answer_parse(const char *s);
bool rules_item_kind_valid(const char *s);

/* Is this attendee a decision-maker present at item `pos` (0: the meeting
 * as a whole)? Conflicts are not considered here. */
bool rules_attendee_decides(const struct attendee *a, int pos);

struct quorum {
	int seats;   /* decision-making members of the body on the day */
	int present; /* decision-makers present (members or serving substitutes) */
	bool known;  /* attendance has been recorded */
	bool ok;     /* present * 2 > seats */
};

/*
 * Quorum of a meeting for item `pos` (0: the meeting as a whole), with the
 * body's members on the day, the attendance and the item's conflicts (jäv:
 * those people are not counted present for the item).
 */
void rules_quorum(const struct member_list *members, const struct attendee_list *att,
		  const struct conflict_list *conflicts, int pos, struct quorum *q);

/* Is person a decision-maker present for item pos and without conflict? */
bool rules_takes_part(const struct attendee_list *att, const struct conflict_list *conflicts,
		      int pos, const char *person_id);

#endif
