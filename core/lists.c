/* review: the models of the review screens. */
#include "core/lists.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"

/* The most years a row of block characters shows. */
#define SPARK_YEARS_MAX 200

int lists_decisions(struct store *st, const struct decisions_query *q,
		     struct decision_row_list *out, int *total, struct err *e)
{
	struct decision_filter f = { 0 };
	char body[ID_LEN + 1], goal[ID_LEN + 1];
	if (q->body && *q->body) {
		if (council_body_resolve(st, q->body, body, e))
			return -1;
		f.body_id = body;
	}
	if (q->year && *q->year) {
		char *end;
		long y = strtol(q->year, &end, 10);
		if (*end || strlen(q->year) != 4 || y < YEAR_MIN || y > YEAR_MAX)
			return error(e, E_BAD_YEAR, q->year);
		f.year = (int)y;
	}
	if (q->goal && *q->goal) {
		if (council_goal_resolve(st, q->goal, goal, e))
			return -1;
		f.goal_id = goal;
	}
	f.text = q->text;
	f.offset = q->offset;
	f.limit = q->limit;
	if (total) {
		*total = -1;
		if (!(q->text && *q->text) && store_decision_count(st, &f, total, e))
			return -1;
	}
	return store_decision_list(st, &f, out, e);
}

/* Compares goal codes number by number: 1 < 1.2 < 1.10 < 2. */
static int code_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* The code of the goal's top-level ancestor (goals nest one level). */
static const char *root_code(const struct goal *g)
{
	return g->parent_code ? g->parent_code : g->code;
}

static int goal_cmp(const void *pa, const void *pb)
{
	const struct goal *a = pa, *b = pb;
	int c = code_cmp(root_code(a), root_code(b));
	if (c)
		return c;
	if (!a->parent_code != !b->parent_code)
		return a->parent_code ? 1 : -1; /* the parent first */
	return code_cmp(a->code, b->code);
}

void lists_goals_tree(struct goal_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, goal_cmp);
}

void lists_bar(int done, int open, int overdue, int width, int out[3])
{
	int part[3] = { done, open, overdue }, total = done + open + overdue;
	out[0] = out[1] = out[2] = 0;
	if (total <= 0 || width <= 0)
		return;
	int used = 0;
	for (int i = 0; i < 3; i++) {
		out[i] = (int)((long)part[i] * width / total);
		if (part[i] && !out[i])
			out[i] = 1;
		used += out[i];
	}
	/* give the rounding's remainder to the largest part, or take from it */
	while (used != width) {
		assert(out[0] >= 0 && out[1] >= 0 && out[2] >= 0);
		int big = 0;
		for (int i = 1; i < 3; i++)
			if (out[i] > out[big])
				big = i;
		if (used < width) {
			out[big]++;
			used++;
		} else if (out[big] > 1) {
			out[big]--;
			used--;
		} else {
			break; /* fewer columns than non-zero parts */
		}
	}
}

void lists_spark(const struct reading_list *r, struct strbuf *out)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	if (!r->n)
		return;
	int y0 = r->v[0].year, y1 = r->v[0].year;
	double lo = r->v[0].value, hi = r->v[0].value;
	for (size_t i = 1; i < r->n; i++) {
		if (r->v[i].year < y0)
			y0 = r->v[i].year;
		if (r->v[i].year > y1)
			y1 = r->v[i].year;
		if (r->v[i].value < lo)
			lo = r->v[i].value;
		if (r->v[i].value > hi)
			hi = r->v[i].value;
	}
	if (y1 - y0 > SPARK_YEARS_MAX)
		y0 = y1 - SPARK_YEARS_MAX; /* a chart, not a history book */
	for (int y = y0; y <= y1; y++) {
		const struct reading *found = NULL;
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].year == y)
				found = &r->v[i];
		if (!found) {
			sb_adds(out, " ");
			continue;
		}
		int level = hi > lo ? (int)((found->value - lo) / (hi - lo) * 7.0 + 0.5) : 7;
		sb_adds(out, blocks[level < 0 ? 0 : level > 7 ? 7 : level]);
	}
}

const char *lists_order_name(enum action_order o)
{
	switch (o) {
	case ORDER_OWNER:
		return N_("by owner");
	case ORDER_STATUS:
		return N_("by status");
	default:
		return N_("by due date");
	}
}

bool lists_overdue(const struct action *a, const char *today)
{
	return a->due && strcmp(a->due, today) < 0 &&
	       (!strcmp(a->status, "planned") || !strcmp(a->status, "ongoing"));
}

static const char *sort_today;
static enum action_order sort_order;

static int status_rank(const struct action *a)
{
	if (lists_overdue(a, sort_today))
		return 0;
	static const char *const order[] = { "ongoing", "planned", "done", "cancelled" };
	for (int i = 0; i < 4; i++)
		if (!strcmp(a->status, order[i]))
			return i + 1;
	return 5;
}

static int due_cmp(const struct action *a, const struct action *b)
{
	if (!a->due != !b->due)
		return a->due ? -1 : 1;
	int c = a->due ? strcmp(a->due, b->due) : 0;
	return c ? c : strcmp(a->title, b->title);
}

static int action_cmp(const void *pa, const void *pb)
{
	const struct action *a = pa, *b = pb;
	int c = 0;
	if (sort_order == ORDER_OWNER) {
		char *fa = text_fold(a->owner ? a->owner : ""), *fb = text_fold(b->owner ? b->owner : "");
		c = strcmp(fa, fb);
		free(fa);
		free(fb);
	} else if (sort_order == ORDER_STATUS) {
		c = status_rank(a) - status_rank(b);
	}
	if (!c)
		c = due_cmp(a, b);
	return c ? c : strcmp(a->id, b->id);
}

void lists_actions_sort(struct action_list *l, enum action_order o, const char *today)
{
	assert(o >= ORDER_DUE && o < ORDER_COUNT);
	sort_today = today;
	sort_order = o;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, action_cmp);
}

const char *lists_action_group(const struct action *a, enum action_order o, const char *today)
{
	if (o == ORDER_OWNER)
		return a->owner ? a->owner : "";
	if (o == ORDER_STATUS) {
		if (lists_overdue(a, today))
			return "overdue";
		return a->status;
	}
	(void)today;
	static char month[sizeof "YYYY-MM"];
	if (!a->due)
		return N_("no due date");
	snprintf(month, sizeof month, "%.7s", a->due);
	return month;
}

void lists_goals_rollup(struct goal_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct goal *p = &l->v[i];
		if (p->parent_code)
			continue;
		for (size_t k = 0; k < l->n; k++) {
			const struct goal *c = &l->v[k];
			if (c->parent_code && !strcmp(c->parent_code, p->code)) {
				p->actions_done += c->actions_done;
				p->actions_open += c->actions_open;
				p->actions_overdue += c->actions_overdue;
			}
		}
	}
}
