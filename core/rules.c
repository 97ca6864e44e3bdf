#include "core/rules.h"

#include <string.h>
#include <strings.h>

const char *const rules_roles[] = {
	"ordförande", "vice ordförande", "sekreterare", "ledamot", "ersättare", "adjungerad",
};
const int rules_role_count = (int)ARRAY_SIZE(rules_roles);

static const struct {
	const char *name, *role;
} role_names[] = {
	{ "ordförande", "ordförande" },
	{ "ordf", "ordförande" },
	{ "chair", "ordförande" },
	{ "vice ordförande", "vice ordförande" },
	{ "vice-ordförande", "vice ordförande" },
	{ "vice_ordförande", "vice ordförande" },
	{ "vice chair", "vice ordförande" },
	{ "vice-chair", "vice ordförande" },
	{ "sekreterare", "sekreterare" },
	{ "secretary", "sekreterare" },
	{ "ledamot", "ledamot" },
	{ "member", "ledamot" },
	{ "ersättare", "ersättare" },
	{ "substitute", "ersättare" },
	{ "adjungerad", "adjungerad" },
	{ "co-opted", "adjungerad" },
	{ "gäst", "gäst" },
	{ "guest", "gäst" },
};

/* Lower-cases ASCII and the Swedish capitals Å Ä Ö (UTF-8). */
static void fold(const char *s, char *out, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; s[i] && j + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xc3 && s[i + 1] && j + 2 < n) {
			unsigned char d = (unsigned char)s[i + 1];
			if (d == 0x85 || d == 0x84 || d == 0x96)
				d += 0x20; /* Å Ä Ö → å ä ö */
			out[j++] = (char)c;
			out[j++] = (char)d;
			i++;
			continue;
		}
		out[j++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[j] = '\0';
}

/* Longer than the longest role word, folded. */
#define ROLE_WORD_SIZE 64

const char *rules_role_parse(const char *s, bool at_meeting)
{
	char f[ROLE_WORD_SIZE];
	if (!s)
		return NULL;
	fold(s, f, sizeof f);
	for (size_t i = 0; i < ARRAY_SIZE(role_names); i++)
		if (!strcmp(f, role_names[i].name)) {
			if (!at_meeting && !strcmp(role_names[i].role, "gäst"))
				return NULL;
			return role_names[i].role;
		}
	return NULL;
}

const char *rules_role_list(bool at_meeting)
{
	return at_meeting ? "ordförande, vice ordförande, sekreterare, ledamot, ersättare, adjungerad, gäst"
			  : "ordförande, vice ordförande, sekreterare, ledamot, ersättare, adjungerad";
}

int rules_answer_parse(const char *s)
{
	static const char *const yes[] = { "yes", "y", "ja", "j" }, *const no[] = { "no", "n", "nej" };
	for (size_t i = 0; s && i < ARRAY_SIZE(yes); i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (size_t i = 0; s && i < ARRAY_SIZE(no); i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

bool rules_proposal_status_valid(const char *s)
{
	static const char *const ok[] = { "new", "screened", "in preparation", "decided", "rejected" };
	for (size_t i = 0; s && i < ARRAY_SIZE(ok); i++)
		if (!strcmp(s, ok[i]))
			return true;
	return false;
}

bool rules_role_decides(const char *role)
{
	return role && (!strcmp(role, "ordförande") || !strcmp(role, "vice ordförande") ||
			!strcmp(role, "ledamot"));
}

static const char *const statuses[] = { "planned", "open", "closed", "adjusted" };

static int status_index(const char *s)
{
	for (int i = 0; s && i < (int)ARRAY_SIZE(statuses); i++)
		if (!strcmp(s, statuses[i]))
			return i;
	return -1;
}

bool rules_meeting_status_valid(const char *s)
{
	return status_index(s) >= 0;
}

bool rules_meeting_transition(const char *from, const char *to)
{
	int a = status_index(from), b = status_index(to);
	return a >= 0 && b == a + 1;
}

bool rules_meeting_editable(const char *status)
{
	return status && strcmp(status, "adjusted") != 0;
}

bool rules_action_status_valid(const char *s)
{
	return s && (!strcmp(s, "planned") || !strcmp(s, "ongoing") || !strcmp(s, "done") ||
		     !strcmp(s, "cancelled"));
}

bool rules_item_kind_valid(const char *s)
{
	return s && (!strcmp(s, "standard") || !strcmp(s, "case") || !strcmp(s, "information"));
}

bool rules_attendee_decides(const struct attendee *a, int pos)
{
	if (a->absent)
		return false;
	if (!rules_role_decides(a->role) && !(a->for_id[0] && !strcmp(a->role, "ersättare")))
		return false;
	if (pos > 0 && a->from_item > 0 && pos < a->from_item)
		return false;
	if (pos > 0 && a->to_item > 0 && pos > a->to_item)
		return false;
	return true;
}

static bool conflicted(const struct conflict_list *c, const char *person_id)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->v[i].person_id, person_id))
			return true;
	return false;
}

void rules_quorum(const struct member_list *members, const struct attendee_list *att,
		  const struct conflict_list *conflicts, int pos, struct quorum *q)
{
	memset(q, 0, sizeof *q);
	for (size_t i = 0; i < members->n; i++) {
		if (!rules_role_decides(members->v[i].role))
			continue;
		/* a person with two memberships holds one seat */
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= rules_role_decides(members->v[j].role) &&
				!strcmp(members->v[j].person_id, members->v[i].person_id);
		q->seats += !seen;
	}
	q->known = att->n > 0;
	for (size_t i = 0; i < att->n; i++)
		if (rules_attendee_decides(&att->v[i], pos) &&
		    !conflicted(conflicts, att->v[i].person_id))
			q->present++;
	q->ok = q->known && q->present * 2 > q->seats;
}

bool rules_takes_part(const struct attendee_list *att, const struct conflict_list *conflicts,
		      int pos, const char *person_id)
{
	if (conflicted(conflicts, person_id))
		return false;
	if (att->n == 0)
		return true; /* no attendance recorded: only jäv can be checked */
	for (size_t i = 0; i < att->n; i++)
		if (!strcmp(att->v[i].person_id, person_id))
			return rules_attendee_decides(&att->v[i], pos);
	return false;
}

bool rules_role_has_power(const char *role)
{
	static const char *const powers[] = { "ordförande", "vice ordförande", "sekreterare" };
	for (size_t i = 0; i < sizeof powers / sizeof *powers; i++)
		if (role && !strcmp(role, powers[i]))
			return true;
	return false;
}
