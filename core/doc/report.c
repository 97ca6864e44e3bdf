/* report: the yearly follow-up of the goals. */
#include "core/doc/report.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"
#include "core/lists.h"

#define T(s) doc_tr(d, s)

enum { A_DONE, A_ONGOING, A_OVERDUE, A_KINDS };

/* Which of done, ongoing and overdue an action is at the end of the year
 * (`ref`), or -1 if it does not belong in the year's report: cancelled,
 * or done with a due date in an earlier year. */
static int action_kind(const struct action *a, int year, const char *ref)
{
	char start[DATE_SIZE];
	snprintf(start, sizeof start, "%04d-01-01", year);
	if (!strcmp(a->status, "cancelled"))
		return -1;
	if (!strcmp(a->status, "done"))
		return !a->due || strcmp(a->due, start) >= 0 ? A_DONE : -1;
	return a->due && strcmp(a->due, ref) < 0 ? A_OVERDUE : A_ONGOING;
}

static const char *const kind_word[A_KINDS] = { N_("Done"), N_("Ongoing"), N_("Overdue") };

/* The readings up to the year, as a chart. */
static void chart(struct doc *d, const struct goal *g, int year)
{
	int n = 0;
	for (size_t k = 0; k < g->readings.n; k++)
		n += g->readings.v[k].year <= year;
	if (!n)
		return;
	struct doc_block *b = doc_chart(d, g->indicator, NULL);
	for (size_t k = 0; k < g->readings.n; k++)
		if (g->readings.v[k].year <= year)
			doc_chart_add(b, g->readings.v[k].year, g->readings.v[k].value);
}

/* The last two readings up to the year: *last, *prev (-1: none). */
static void last_two(const struct goal *g, int year, int *last, int *prev)
{
	*last = *prev = -1;
	for (size_t k = 0; k < g->readings.n; k++) {
		if (g->readings.v[k].year > year)
			continue;
		if (*last < 0 || g->readings.v[k].year > g->readings.v[*last].year) {
			*prev = *last;
			*last = (int)k;
		} else if (*prev < 0 || g->readings.v[k].year > g->readings.v[*prev].year) {
			*prev = (int)k;
		}
	}
}

struct goal_part {
	struct decision_row_list decisions;
	int counts[A_KINDS];
};

static void goal_section(struct doc *d, const struct goal *g, const struct goal_part *part,
			 const struct action_list *actions, int year, const char *ref)
{
	bool sub = g->parent_code != NULL;
	struct strbuf sb = { 0 };
	sb_addf(&sb, "%s %s %s", sub ? T(N_("Sub-goal")) : T(N_("Goal")), g->code, g->title);
	struct doc_block *h = doc_heading(d, sub ? 2 : 1, sb.buf);
	h->keep = true;
	h->new_page = !sub; /* each goal on a page of its own, after the summary */
	if (g->priority)
		doc_text(d, DOC_EMPH, T(N_("Priority effort (kraftsamling)")));
	if (g->task || g->indicator || g->timeline || g->regional) {
		struct doc_block *b = doc_fields(d);
		if (g->task)
			doc_row(b, T(N_("Task")), g->task, NULL);
		if (g->regional)
			doc_row(b, T(N_("Regional responsibility")), g->regional, NULL);
		if (g->indicator)
			doc_row(b, T(N_("Indicator")), g->indicator, NULL);
		if (g->timeline)
			doc_row(b, T(N_("Timeline")), g->timeline, NULL);
	}
	chart(d, g, year);
	if (part->decisions.n) {
		doc_subhead(d, T(N_("Decisions of the year")));
		struct doc_block *b = doc_list(d);
		for (size_t i = 0; i < part->decisions.n; i++) {
			const struct decision_row *r = &part->decisions.v[i];
			sb_reset(&sb);
			sb_addf(&sb, "%s § %d (%s): %s – %s", r->body_short, r->para, r->date, r->title, r->text);
			doc_list_add(b, sb.buf);
		}
	}
	bool any = false;
	struct doc_block *b = NULL;
	for (size_t i = 0; i < actions->n; i++) {
		const struct action *a = &actions->v[i];
		int k = action_kind(a, year, ref);
		if (k < 0 || strcmp(a->goal_id, g->id))
			continue;
		if (!any) {
			doc_subhead(d, T(N_("Actions")));
			b = doc_list(d);
			any = true;
		}
		sb_reset(&sb);
		assert(k < A_KINDS);
		sb_addf(&sb, "%s: %s (%s", T(kind_word[k]), a->title, a->owner ? a->owner : "");
		if (a->due)
			sb_addf(&sb, ", %s %s", T(N_("due")), a->due);
		sb_adds(&sb, ")");
		doc_list_add(b, sb.buf);
	}
	sb_release(&sb);
}

int report_goals_build(struct store *st, int year, const char *lang, struct doc *d,
		       struct err *e)
{
	struct goal_list goals = { 0 };
	struct action_list actions = { 0 };
	struct decision_row_list all = { 0 };
	struct action_filter none = { 0 };
	struct decision_filter yf = { .year = year };
	struct goal_part *parts = NULL;
	char *council = NULL, today[DATE_SIZE], ref[DATE_SIZE];
	struct strbuf sb = { 0 };
	int rc = -1;

	doc_init(d, lang ? lang : "sv");
	if (lang && !doc_lang_valid(lang))
		return error(e, E_DOC_LANG, lang);
	if (year < YEAR_MIN || year > YEAR_MAX) {
		char y[NUMBER_TEXT_SIZE];
		snprintf(y, sizeof y, "%d", year);
		return error(e, E_BAD_YEAR, y);
	}
	clock_today(today);
	snprintf(ref, sizeof ref, "%d-12-31", year);
	if (strcmp(today, ref) < 0)
		memcpy(ref, today, sizeof ref);
	if (council_name(st, &council, e) || store_goal_list(st, &goals, e) ||
	    store_action_list(st, &none, &actions, e) || store_decision_list(st, &yf, &all, e))
		goto out;
	lists_goals_tree(&goals);
	parts = xcalloc(goals.n + 1, sizeof *parts);
	for (size_t i = 0; i < goals.n; i++) {
		struct decision_filter f = { .year = year, .goal_id = goals.v[i].id };
		if (store_decision_list(st, &f, &parts[i].decisions, e))
			goto out;
	}

	d->kind = xstrdup(T(N_("GOALS FOLLOW-UP")));
	d->issuer = council;
	council = NULL;
	d->issuer_sub = xstrdup(T(N_("Report to the steering group")));
	d->date_label = xstrdup(T(N_("Year")));
	d->date = xasprintf("%d", year);
	d->title = xasprintf("%s %d, %s", T(N_("Goals follow-up")), year, d->issuer);

	/* the summary */
	int counts[A_KINDS] = { 0 }, subs = 0, tops = 0, up = 0, down = 0, measured = 0;
	for (size_t i = 0; i < actions.n; i++) {
		int k = action_kind(&actions.v[i], year, ref);
		if (k >= 0 && actions.v[i].goal_id[0])
			counts[k]++;
	}
	doc_heading(d, 1, T(N_("Summary")));
	struct strbuf pl = { 0 }, il = { 0 };
	for (size_t i = 0; i < goals.n; i++) {
		const struct goal *g = &goals.v[i];
		if (!g->parent_code) {
			tops++;
			continue;
		}
		subs++;
		if (g->priority)
			sb_addf(&pl, "%s%s %s", pl.len ? "\n" : "", g->code, g->title);
		int last, prev;
		last_two(g, year, &last, &prev);
		if (last < 0)
			continue;
		measured++;
		const struct reading *l = &g->readings.v[last];
		sb_addf(&il, "%s%s: %g (%d)", il.len ? "\n" : "", g->code, l->value, l->year);
		if (prev >= 0) {
			const struct reading *p = &g->readings.v[prev];
			double diff = l->value - p->value;
			up += diff > 0;
			down += diff < 0;
			sb_addf(&il, ", %s%g %s %d", diff >= 0 ? "+" : "", diff, T(N_("since")), p->year);
		}
	}
	struct doc_block *b = doc_fields(d);
	sb_addf(&sb, "%d", tops);
	doc_row(b, T(N_("Goals")), sb.buf, NULL);
	sb_reset(&sb);
	sb_addf(&sb, "%d", subs);
	doc_row(b, T(N_("Sub-goals")), sb.buf, NULL);
	sb_reset(&sb);
	sb_addf(&sb, "%zu", all.n);
	doc_row(b, T(N_("Decisions of the year")), sb.buf, NULL);
	sb_reset(&sb);
	sb_addf(&sb, "%d %s, %d %s, %d %s", counts[A_DONE], T(N_("done")), counts[A_ONGOING],
		T(N_("ongoing")), counts[A_OVERDUE], T(N_("overdue")));
	doc_row(b, T(N_("Actions")), sb.buf, NULL);
	sb_reset(&sb);
	sb_addf(&sb, T(N_("%d of %d measured indicators rose, %d fell")), up, measured, down);
	doc_row(b, T(N_("Indicators")), sb.buf, NULL);
	if (pl.len) {
		doc_subhead(d, T(N_("Priority efforts (kraftsamlingar)")));
		doc_text(d, DOC_NORMAL, pl.buf);
	}
	if (il.len) {
		doc_subhead(d, T(N_("Latest indicator readings")));
		doc_text(d, DOC_NORMAL, il.buf);
	}
	sb_release(&pl);
	sb_release(&il);

	for (size_t i = 0; i < goals.n; i++)
		goal_section(d, &goals.v[i], &parts[i], &actions, year, ref);
	rc = 0;
out:
	for (size_t i = 0; parts && i < goals.n; i++)
		decision_row_list_release(&parts[i].decisions);
	free(parts);
	free(council);
	sb_release(&sb);
	goal_list_release(&goals);
	action_list_release(&actions);
	decision_row_list_release(&all);
	return rc;
}

int report_goals_export(struct store *st, int year, enum doc_format f, const char *lang,
			const char *path, struct err *e)
{
	struct doc d;
	if (f != DOC_FMT_PDF && f != DOC_FMT_HTML && f != DOC_FMT_MD)
		return error(e, E_NO_FORM, doc_format_ext(f));
	int rc = report_goals_build(st, year, lang, &d, e);
	if (!rc)
		rc = doc_save(&d, f, path, e);
	doc_release(&d);
	return rc;
}

char *report_file_name(int year, enum doc_format f, const char *lang)
{
	bool en = lang && !strcmp(lang, "en");
	return xasprintf("%s-%d.%s", en ? "goals-report" : "uppfoljning", year, doc_format_ext(f));
}
