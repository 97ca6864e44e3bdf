#include "core/council.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/rules.h"

int check_text(const char *what, const char *s, size_t max, bool required, struct err *e)
{
	if (!s || !*s) {
		if (required)
			return error(e, E_EMPTY, what);
		return 0;
	}
	if (!text_valid(s))
		return error(e, E_BAD_TEXT, what);
	if (strlen(s) > max)
		return error(e, E_TOO_LONG, what, max);
	return 0;
}

int check_date(const char *what, const char *s, struct err *e)
{
	if (s && !date_valid(s))
		return error(e, E_BAD_DATE, what, s);
	return 0;
}

int council_init(struct store *st, const char *name, struct err *e)
{
	char *old = NULL;
	if (check_text(_("council name"), name, NAME_MAX_BYTES, true, e))
		return -1;
	int rc = store_council_get(st, &old, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		error(e, E_COUNCIL_EXISTS, old);
		free(old);
		return -1;
	}
	return store_council_add(st, name, e);
}

int council_name(struct store *st, char **name, struct err *e)
{
	int rc = store_council_get(st, name, e);
	if (rc == 1)
		return error(e, E_NO_COUNCIL, store_path(st));
	return rc;
}

int council_body_add(struct store *st, const char *short_name, const char *name, struct err *e)
{
	char id[ID_LEN + 1];
	size_t n = short_name ? strlen(short_name) : 0;
	if (n == 0 || n > BODY_SHORT_MAX || strspn(short_name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
		return error(e, E_BAD_BODY_SHORT, short_name ? short_name : "", BODY_SHORT_MAX);
	if (check_text(_("body name"), name, NAME_MAX_BYTES, true, e))
		return -1;
	int rc = store_body_find(st, short_name, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return error(e, E_BODY_EXISTS, short_name);
	return store_body_add(st, short_name, name, e);
}

int council_body_resolve(struct store *st, const char *short_name, char id[ID_LEN + 1],
			 struct err *e)
{
	int rc = store_body_find(st, short_name, id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_BODY, short_name);
	return rc;
}

int council_person_add(struct store *st, const char *name, const char *org, const char *email,
		       char id[ID_LEN + 1], struct err *e)
{
	char org_id[ID_LEN + 1], other[ID_LEN + 1];
	if (check_text(_("name"), name, NAME_MAX_BYTES, true, e) ||
	    check_text(_("organisation"), org, NAME_MAX_BYTES, false, e) ||
	    check_text(_("e-mail"), email, NAME_MAX_BYTES, false, e))
		return -1;
	/* ':' and '/' separate a name from what follows it on the command line */
	if (strchr(name, '\n') || strchr(name, ':') || strchr(name, '/'))
		return error(e, E_BAD_PERSON_NAME, name);
	if (email && *email) {
		const char *at = strchr(email, '@');
		if (!at || at == email || !strchr(at, '.') || strchr(email, ' '))
			return error(e, E_BAD_EMAIL, email);
	}
	int rc = store_person_find(st, name, other, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return error(e, E_PERSON_EXISTS, name);
	if (org && *org && store_org_ensure(st, org, org_id, e))
		return -1;
	return store_person_add(st, name, org && *org ? org_id : NULL, email && *email ? email : NULL, id, e);
}

int council_person_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_person_find(st, key ? key : "", id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_PERSON, key ? key : "");
	if (rc == 2)
		return error(e, E_AMBIGUOUS, key);
	return rc;
}

/* Refuses a person id that names nobody. */
static int check_person(struct store *st, const char *person_id, struct err *e)
{
	struct person p = { 0 };
	int rc = store_person_get(st, person_id ? person_id : "", &p, e);
	person_release(&p);
	if (rc == 1)
		return error(e, E_UNKNOWN_PERSON, person_id ? person_id : "");
	return rc;
}

int council_member_add(struct store *st, const char *body_id, const char *person_id,
		       const char *role, const char *from, const char *to, struct err *e)
{
	const char *r = rules_role_parse(role, false);
	if (!r)
		return error(e, E_UNKNOWN_ROLE, role ? role : "", rules_role_list(false));
	if (check_date(_("start date"), from, e) || check_date(_("end date"), to, e))
		return -1;
	if (from && to && strcmp(from, to) > 0)
		return error(e, E_ENDS_BEFORE_START, _("the membership"), to, from);
	if (check_person(st, person_id, e))
		return -1;
	return store_membership_add(st, body_id, person_id, r, from, to, e);
}

int council_whoami_set(struct store *st, const char *person_id, struct err *e)
{
	if (check_person(st, person_id, e))
		return -1;
	return store_local_set(st, "owner", person_id, e);
}

int council_whoami(struct store *st, char id[ID_LEN + 1], struct err *e)
{
	char *v = NULL;
	id[0] = '\0';
	if (store_local_get(st, "owner", &v, e))
		return -1;
	if (v)
		snprintf(id, ID_LEN + 1, "%s", v);
	free(v);
	return 0;
}

static bool goal_code_valid(const char *c)
{
	/* 1, 1.3, 1.3.2: numbers separated by single dots */
	if (!c || !*c || strlen(c) > GOAL_CODE_MAX)
		return false;
	bool digit = false;
	for (; *c; c++) {
		if (*c >= '0' && *c <= '9')
			digit = true;
		else if (*c == '.' && digit)
			digit = false;
		else
			return false;
	}
	return digit;
}

int council_goal_resolve(struct store *st, const char *code, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_goal_find(st, code ? code : "", id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_GOAL, code ? code : "");
	return rc;
}

int council_goal_add(struct store *st, const struct goal *g, struct err *e)
{
	char id[ID_LEN + 1];
	if (!goal_code_valid(g->code))
		return error(e, E_BAD_GOAL_CODE, g->code ? g->code : "");
	if (check_text(_("goal title"), g->title, TITLE_MAX_BYTES, true, e) ||
	    check_text(_("task"), g->task, GOAL_TEXT_MAX_BYTES, false, e) ||
	    check_text(_("local responsibility"), g->local, GOAL_TEXT_MAX_BYTES, false, e) ||
	    check_text(_("regional responsibility"), g->regional, GOAL_TEXT_MAX_BYTES, false, e) ||
	    check_text(_("national responsibility"), g->national, GOAL_TEXT_MAX_BYTES, false, e) ||
	    check_text(_("indicator"), g->indicator, GOAL_TEXT_MAX_BYTES, false, e) ||
	    check_text(_("timeline"), g->timeline, GOAL_TEXT_MAX_BYTES, false, e))
		return -1;
	int rc = store_goal_find(st, g->code, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return error(e, E_GOAL_EXISTS, g->code);
	if (g->parent_code) {
		if (council_goal_resolve(st, g->parent_code, id, e))
			return -1;
		size_t n = strlen(g->parent_code);
		if (strncmp(g->code, g->parent_code, n) != 0 || g->code[n] != '.')
			return error(e, E_GOAL_PARENT, g->code, g->parent_code);
	}
	return store_goal_add(st, g, e);
}

int council_goal_reading(struct store *st, const char *goal_id, int year, double value,
			 const char *comment, struct err *e)
{
	if (year < YEAR_MIN || year > YEAR_MAX) {
		char y[NUMBER_TEXT_SIZE];
		snprintf(y, sizeof y, "%d", year);
		return error(e, E_BAD_YEAR, y);
	}
	if (!isfinite(value))
		return error(e, E_BAD_VALUE, value > 0 ? "inf" : value < 0 ? "-inf" : "nan");
	if (check_text(_("comment"), comment, GOAL_TEXT_MAX_BYTES, false, e))
		return -1;
	return store_reading_set(st, goal_id, year, value, comment, e);
}

int council_question_add(struct store *st, const char *text, struct err *e)
{
	if (check_text(_("question"), text, QUESTION_MAX_BYTES, true, e))
		return -1;
	return store_question_add(st, text, e);
}

int council_proposal_add(struct store *st, const char *title, const char *text, const char *by_id,
			 const char *date, char id[ID_LEN + 1], struct err *e)
{
	char today[DATE_SIZE];
	if (check_text(_("title"), title, TITLE_MAX_BYTES, true, e) ||
	    check_text(_("text"), text, TEXT_MAX_BYTES, false, e) || check_date(_("date"), date, e))
		return -1;
	if (by_id && check_person(st, by_id, e))
		return -1;
	clock_today(today);
	return store_proposal_add(st, title, text, by_id, date ? date : today, id, e);
}

int council_proposal_resolve(struct store *st, const char *key, char id[ID_LEN + 1],
			     struct err *e)
{
	int rc = store_proposal_find(st, key ? key : "", id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_PROPOSAL, key ? key : "");
	if (rc == 2)
		return error(e, E_AMBIGUOUS, key);
	return rc;
}

int council_proposal_screen(struct store *st, const char *proposal_id, const bool *answers,
			    size_t n, const char **status_out, struct err *e)
{
	struct strvec qids = { 0 }, qtexts = { 0 };
	char id[ID_LEN + 1];
	int rc = -1;
	bool all_yes = true;
	if (council_proposal_resolve(st, proposal_id, id, e) || store_question_list(st, &qids, &qtexts, e))
		goto out;
	if (qids.n == 0) {
		error(e, E_NO_QUESTIONS);
		goto out;
	}
	if (n != qids.n) {
		error(e, E_ANSWER_COUNT, qids.n, n);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		all_yes &= answers[i];
		if (store_proposal_answer(st, id, qids.v[i], answers[i], e))
			goto out;
	}
	*status_out = all_yes ? "screened" : "rejected";
	rc = store_proposal_set_status(st, id, *status_out, e);
out:
	strvec_release(&qids);
	strvec_release(&qtexts);
	return rc;
}

int council_proposal_set_status(struct store *st, const char *proposal_id, const char *status,
				struct err *e)
{
	char id[ID_LEN + 1];
	if (!rules_proposal_status_valid(status))
		return error(e, E_BAD_PROPOSAL_STATUS, status ? status : "");
	if (council_proposal_resolve(st, proposal_id, id, e))
		return -1;
	return store_proposal_set_status(st, id, status, e);
}
