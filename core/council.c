#include "core/council.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"

int check_text(const char *what, const char *s, size_t max, bool required, struct err *e)
{
	if (!s || !*s) {
		if (required)
			return errorf(e, E_INVALID, _("%s must not be empty"), what);
		return 0;
	}
	if (!text_valid(s))
		return errorf(e, E_INVALID, _("%s holds invalid UTF-8 or a control character"), what);
	if (strlen(s) > max)
		return errorf(e, E_INVALID, _("%s is too long (at most %zu bytes)"), what, max);
	return 0;
}

int check_date(const char *what, const char *s, struct err *e)
{
	if (s && !date_valid(s))
		return errorf(e, E_INVALID, _("invalid %s: %s (expected a date YYYY-MM-DD)"), what, s);
	return 0;
}

int council_init(struct store *st, const char *name, struct err *e)
{
	char *old = NULL;
	if (check_text(_("council name"), name, 200, true, e))
		return -1;
	int rc = store_council_get(st, &old, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		errorf(e, E_EXISTS, _("this database already holds the council %s"), old);
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
	if (n == 0 || n > 32 || strspn(short_name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n)
		return errorf(e, E_INVALID,
			      _("invalid short name of a body: '%s' (use 1-32 of a-z, 0-9, - and _)"),
			      short_name ? short_name : "");
	if (check_text(_("body name"), name, 200, true, e))
		return -1;
	int rc = store_body_find(st, short_name, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return errorf(e, E_EXISTS, _("body %s already exists"), short_name);
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
	if (check_text(_("name"), name, 200, true, e) || check_text(_("organisation"), org, 200, false, e) ||
	    check_text(_("e-mail"), email, 200, false, e))
		return -1;
	if (strchr(name, '\n') || strchr(name, ':') || strchr(name, '/'))
		return errorf(e, E_INVALID, _("a name may not hold a newline, ':' or '/': %s"), name);
	if (email && *email) {
		const char *at = strchr(email, '@');
		if (!at || at == email || !strchr(at, '.') || strchr(email, ' '))
			return errorf(e, E_INVALID, _("invalid e-mail address: %s"), email);
	}
	int rc = store_person_find(st, name, other, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return errorf(e, E_EXISTS, _("a person named %s already exists"), name);
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

int council_member_add(struct store *st, const char *body, const char *person, const char *role,
		       const char *from, const char *to, struct err *e)
{
	char body_id[ID_LEN + 1], person_id[ID_LEN + 1];
	const char *r = rules_role_parse(role, false);
	if (!r)
		return errorf(e, E_INVALID,
			      _("unknown role: %s (ordförande, vice ordförande, sekreterare, ledamot, ersättare, adjungerad)"),
			      role ? role : "");
	if (check_date(_("start date"), from, e) || check_date(_("end date"), to, e))
		return -1;
	if (from && to && strcmp(from, to) > 0)
		return errorf(e, E_INVALID, _("the membership ends (%s) before it starts (%s)"), to, from);
	if (council_body_resolve(st, body, body_id, e) || council_person_resolve(st, person, person_id, e))
		return -1;
	return store_membership_add(st, body_id, person_id, r, from, to, e);
}

int council_whoami_set(struct store *st, const char *person, struct err *e)
{
	char id[ID_LEN + 1];
	if (council_person_resolve(st, person, id, e))
		return -1;
	return store_local_set(st, "owner", id, e);
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
	if (!c || !*c || strlen(c) > 16)
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

int council_goal_add(struct store *st, const struct goal *g, struct err *e)
{
	char id[ID_LEN + 1];
	if (!goal_code_valid(g->code))
		return errorf(e, E_INVALID, _("invalid goal code: %s (use numbers like 1 or 1.3)"),
			      g->code ? g->code : "");
	if (check_text(_("goal title"), g->title, 500, true, e) ||
	    check_text(_("task"), g->task, 10000, false, e) ||
	    check_text(_("local responsibility"), g->local, 10000, false, e) ||
	    check_text(_("regional responsibility"), g->regional, 10000, false, e) ||
	    check_text(_("national responsibility"), g->national, 10000, false, e) ||
	    check_text(_("indicator"), g->indicator, 10000, false, e) ||
	    check_text(_("timeline"), g->timeline, 10000, false, e))
		return -1;
	int rc = store_goal_find(st, g->code, id, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return errorf(e, E_EXISTS, _("goal %s already exists"), g->code);
	if (g->parent_code) {
		rc = store_goal_find(st, g->parent_code, id, e);
		if (rc)
			return rc < 0 ? -1 : error(e, E_UNKNOWN_GOAL, g->parent_code);
		size_t n = strlen(g->parent_code);
		if (strncmp(g->code, g->parent_code, n) != 0 || g->code[n] != '.')
			return errorf(e, E_INVALID, _("sub-goal %s does not belong under goal %s"),
				      g->code, g->parent_code);
	}
	return store_goal_add(st, g, e);
}

int council_goal_reading(struct store *st, const char *code, const char *year, const char *value,
			 const char *comment, struct err *e)
{
	char id[ID_LEN + 1];
	long y;
	if (!parse_int(year, 1900, 2999, &y))
		return errorf(e, E_INVALID, _("invalid year: %s"), year ? year : "");
	char *end;
	double v = value ? strtod(value, &end) : 0;
	if (!value || !*value || *end || !isfinite(v))
		return errorf(e, E_INVALID, _("invalid value: %s (expected a number such as 87.5)"),
			      value ? value : "");
	if (check_text(_("comment"), comment, 10000, false, e))
		return -1;
	int rc = store_goal_find(st, code, id, e);
	if (rc)
		return rc < 0 ? -1 : error(e, E_UNKNOWN_GOAL, code);
	return store_reading_set(st, id, (int)y, v, comment, e);
}

int council_question_add(struct store *st, const char *text, struct err *e)
{
	if (check_text(_("question"), text, 2000, true, e))
		return -1;
	return store_question_add(st, text, e);
}

int council_proposal_add(struct store *st, const char *title, const char *text, const char *by,
			 const char *date, char id[ID_LEN + 1], struct err *e)
{
	char by_id[ID_LEN + 1], today[DATE_SIZE];
	if (check_text(_("title"), title, 500, true, e) || check_text(_("text"), text, 1000000, false, e) ||
	    check_date(_("date"), date, e))
		return -1;
	if (by && council_person_resolve(st, by, by_id, e))
		return -1;
	clock_today(today);
	return store_proposal_add(st, title, text, by ? by_id : NULL, date ? date : today, id, e);
}

static int proposal_resolve(struct store *st, const char *key, char id[ID_LEN + 1], struct err *e)
{
	int rc = store_proposal_find(st, key ? key : "", id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_PROPOSAL, key ? key : "");
	if (rc == 2)
		return error(e, E_AMBIGUOUS, key);
	return rc;
}

static int parse_yes(const char *s)
{
	static const char *const yes[] = { "yes", "y", "ja", "j" }, *const no[] = { "no", "n", "nej" };
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

int council_proposal_screen(struct store *st, const char *key, char **answers, int n,
			    const char **status_out, struct err *e)
{
	char id[ID_LEN + 1];
	struct strvec qids = { 0 }, qtexts = { 0 };
	int rc = -1;
	bool all_yes = true;
	if (proposal_resolve(st, key, id, e) || store_question_list(st, &qids, &qtexts, e))
		goto out;
	if (qids.n == 0) {
		errorf(e, E_RULE, _("there are no screening questions; add them with 'gavel question add'"));
		goto out;
	}
	if ((size_t)n != qids.n) {
		errorf(e, E_INVALID, _("expected %zu answers (one per screening question), got %d"), qids.n, n);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		int y = parse_yes(answers[i]);
		if (y < 0) {
			errorf(e, E_INVALID, _("invalid answer: %s (yes or no)"), answers[i]);
			goto out;
		}
		all_yes &= y == 1;
		if (store_proposal_answer(st, id, qids.v[i], y == 1, e))
			goto out;
	}
	*status_out = all_yes ? "screened" : "rejected";
	rc = store_proposal_set_status(st, id, *status_out, e);
out:
	strvec_release(&qids);
	strvec_release(&qtexts);
	return rc;
}

int council_proposal_set_status(struct store *st, const char *key, const char *status,
				struct err *e)
{
	static const char *const ok[] = { "new", "screened", "in preparation", "decided", "rejected" };
	char id[ID_LEN + 1];
	bool valid = false;
	for (size_t i = 0; status && i < ARRAY_SIZE(ok); i++)
		valid |= !strcmp(status, ok[i]);
	if (!valid)
		return errorf(e, E_INVALID,
			      _("invalid status: %s (new, screened, in preparation, decided, rejected)"),
			      status ? status : "");
	if (proposal_resolve(st, key, id, e))
		return -1;
	return store_proposal_set_status(st, id, status, e);
}
