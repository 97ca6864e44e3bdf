/* parse: the command line's words into ids and typed values (see parse.h). */
#include "tui/cli/parse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"
#include "core/rules.h"
#include "store/lookup.h"

int parse_item_number(const char *s, int *n, struct err *e)
{
	long v;
	if (!parse_int(s, 1, ITEMS_MAX, &v))
		return error(e, E_BAD_ITEM_NUMBER, s ? s : "");
	*n = (int)v;
	return 0;
}

int parse_item(struct store *st, const struct meeting *m, const char *s, char id[ID_LEN + 1],
	       struct err *e)
{
	int pos = 0;
	if (parse_item_number(s, &pos, e))
		return -1;
	int rc = store_item_id(st, m->id, pos, id, e);
	if (rc == 1) {
		char *name = meeting_name(m);
		error(e, E_NO_ITEM, name, pos);
		free(name);
		return -1;
	}
	return rc;
}

int parse_meeting_item(struct store *st, const char *meeting, const char *item, struct meeting *m,
		       char id[ID_LEN + 1], struct err *e)
{
	int pos = 0;
	/* the item's number is checked before the meeting is looked up */
	if (parse_item_number(item, &pos, e) || meeting_resolve(st, meeting, m, e))
		return -1;
	if (parse_item(st, m, item, id, e)) {
		meeting_release(m);
		return -1;
	}
	return 0;
}

/* BODY/DATE/ITEM: the decision of that item of that meeting. */
static int decision_of_item(struct store *st, const char *s, const char *last_slash,
			    char id[ID_LEN + 1], struct err *e)
{
	char *meeting = strndup(s, (size_t)(last_slash - s));
	struct meeting m;
	struct item_state is;
	char item[ID_LEN + 1];
	int rc = parse_meeting_item(st, meeting, last_slash + 1, &m, item, e);
	if (rc) {
		free(meeting);
		return -1;
	}
	rc = store_item_state(st, item, &is, e);
	if (rc == 0 && is.decision_id[0])
		memcpy(id, is.decision_id, ID_LEN + 1);
	else if (rc >= 0)
		rc = error(e, E_NO_DECISION_AT, meeting, rc == 0 ? is.pos : 0);
	item_state_release(&is);
	meeting_release(&m);
	free(meeting);
	return rc;
}

int parse_decision(struct store *st, const char *s, char id[ID_LEN + 1], struct err *e)
{
	const char *a = s ? strchr(s, '/') : NULL;
	const char *b = a ? strchr(a + 1, '/') : NULL;
	if (!a || !b || strchr(b + 1, '/'))
		return error(e, E_BAD_DECISION_NAME, s ? s : "");
	if (b - a - 1 == DATE_SIZE - 1)
		return decision_of_item(st, s, b, id, e);
	char body[BODY_SHORT_MAX + 1], year[sizeof "YYYY"], body_id[ID_LEN + 1];
	long y, para;
	if ((size_t)(a - s) >= sizeof body || (size_t)(b - a - 1) >= sizeof year)
		return error(e, E_BAD_DECISION_NAME, s);
	memcpy(body, s, (size_t)(a - s));
	body[a - s] = '\0';
	memcpy(year, a + 1, (size_t)(b - a - 1));
	year[b - a - 1] = '\0';
	if (!parse_int(year, YEAR_MIN, YEAR_MAX, &y) || !parse_int(b + 1, 1, PARA_MAX, &para))
		return error(e, E_BAD_DECISION_NAME, s);
	if (council_body_resolve(st, body, body_id, e))
		return -1;
	int rc = store_decision_find(st, body_id, (int)y, (int)para, id, e);
	if (rc == 1)
		return error(e, E_UNKNOWN_DECISION, s);
	return rc;
}

int parse_people(struct store *st, char *const *names, size_t n, struct person_ref **out,
		 struct err *e)
{
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++)
		if (council_person_resolve(st, names[i], (*out)[i].id, e)) {
			free(*out);
			*out = NULL;
			return -1;
		}
	return 0;
}

/* Splits "NAME:REST" at the first colon: the name (the caller frees it)
 * and *rest, NULL when there is no colon. */
static char *split_colon(const char *s, const char **rest)
{
	const char *c = strchr(s, ':');
	*rest = c ? c + 1 : NULL;
	return c ? strndup(s, (size_t)(c - s)) : xstrdup(s);
}

/* The Swedish words of the choices, in the order of enum vote_choice; the
 * English ones are the stored words (vote_choice_word). */
static const char *const vote_words_sv[VOTE_CHOICES] = { "ja", "nej", "avstår" };

int parse_votes(struct store *st, char *const *s, size_t n, struct vote_input **out,
		struct err *e)
{
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		const char *word;
		char *name = split_colon(s[i], &word);
		int choice = -1;
		for (int k = 0; word && k < VOTE_CHOICES; k++)
			if (!strcmp(word, vote_choice_word((enum vote_choice)k)) || !strcmp(word, vote_words_sv[k]))
				choice = k;
		int rc = choice < 0 ? error(e, E_BAD_VOTE, s[i])
				    : council_person_resolve(st, name, (*out)[i].person_id, e);
		free(name);
		if (rc) {
			free(*out);
			*out = NULL;
			return -1;
		}
		(*out)[i].choice = (enum vote_choice)choice;
	}
	return 0;
}

int parse_dissents(struct store *st, char *const *s, size_t n, struct dissent_input **out,
		   struct err *e)
{
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		char *name = split_colon(s[i], &(*out)[i].motivation);
		int rc = council_person_resolve(st, name, (*out)[i].person_id, e);
		free(name);
		if (rc) {
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

int parse_count(enum vote_choice choice, const char *s, int *n, struct err *e)
{
	long v;
	if (!parse_int(s, 0, VOTES_MAX, &v))
		return error(e, E_BAD_COUNT, vote_choice_name(choice), s ? s : "");
	*n = (int)v;
	return 0;
}

int parse_year(const char *s, int *year, struct err *e)
{
	long v;
	if (!s || strlen(s) != 4 || !parse_int(s, YEAR_MIN, YEAR_MAX, &v))
		return error(e, E_BAD_YEAR, s ? s : "");
	*year = (int)v;
	return 0;
}

int parse_paragraph(const char *s, int *para, struct err *e)
{
	long v;
	if (!parse_int(s, 1, PARA_MAX, &v))
		return error(e, E_BAD_PARAGRAPH, s ? s : "");
	*para = (int)v;
	return 0;
}

int parse_value(const char *s, double *v, struct err *e)
{
	char *end;
	double d = s ? strtod(s, &end) : 0;
	if (!s || !*s || *end || !isfinite(d))
		return error(e, E_BAD_VALUE, s ? s : "");
	*v = d;
	return 0;
}

int parse_limit(const char *s, int min, int max, int *n, struct err *e)
{
	long v;
	if (!parse_int(s, min, max, &v))
		return error(e, E_BAD_LIMIT, s ? s : "");
	*n = (int)v;
	return 0;
}

int parse_answers(char *const *s, size_t n, bool **out, struct err *e)
{
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		int yes = rules_answer_parse(s[i]);
		if (yes < 0) {
			free(*out);
			*out = NULL;
			return error(e, E_BAD_ANSWER, s[i]);
		}
		(*out)[i] = yes == 1;
	}
	return 0;
}

int parse_choice(const char *s, const struct offers *o, bool *chosen, struct err *e)
{
	if (!strcmp(s, "all")) {
		for (size_t i = 0; i < o->n; i++)
			chosen[i] = true;
		return 0;
	}
	char *copy = xstrdup(s), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
		long n;
		if (!parse_int(t, 1, (long)o->n, &n))
			rc = error(e, E_BAD_CHOICE, t, o->n);
		else
			chosen[n - 1] = true;
	}
	free(copy);
	return rc;
}
