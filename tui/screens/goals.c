/*
 * screen_goals: the goals and sub-goals as a tree. Each row has a bar of
 * the goal's actions (█ done, ░ open, ▓ overdue) and its indicator's
 * readings as a chart over the years; below, the selected goal's task,
 * responsibilities, indicator, readings, and the decisions and actions
 * linked to it. Enter lists its decisions, a its actions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lists.h"
#include "core/status.h"
#include "tui/app/tui.h"

struct gscreen {
	struct goal_list goals;
	struct listnav nav;
	int height;
	int linked_for; /* the goal (index) whose links are loaded, -1 none */
	struct decision_row_list decisions;
	struct action_list actions;
};

static int goals_load(struct app *app, void *self)
{
	struct gscreen *s = self;
	struct err e;
	goal_list_release(&s->goals);
	if (store_goal_list(app->st, &s->goals, &e)) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	lists_goals_rollup(&s->goals);
	lists_goals_tree(&s->goals);
	s->linked_for = -1;
	listnav_fit(&s->nav, (int)s->goals.n, s->height ? s->height : 10);
	return 0;
}

static void load_links(struct app *app, struct gscreen *s)
{
	if (s->linked_for == s->nav.sel || !s->goals.n)
		return;
	struct err e;
	decision_row_list_release(&s->decisions);
	action_list_release(&s->actions);
	s->linked_for = s->nav.sel;
	const struct goal *g = &s->goals.v[s->nav.sel];
	struct decision_filter df = { .goal_id = g->id };
	struct action_filter af = { .goal_id = g->id, .limit = 50 };
	if (store_decision_list(app->st, &df, &s->decisions, &e) ||
	    store_action_list(app->st, &af, &s->actions, &e))
		app_message(app, true, "%s", e.msg);
}

/* The bar: done, open and overdue in their colours and shapes. */
static int draw_bar(struct app *app, int y, int x, const struct goal *g, int width)
{
	int w[3];
	static const char *const shape[3] = { "█", "░", "▓" };
	static const enum color col[3] = { C_OK, C_DIM, C_ERROR };
	lists_bar(g->actions_done, g->actions_open, g->actions_overdue, width, w);
	move(y, x);
	int used = 0;
	for (int p = 0; p < 3; p++) {
		draw_color(app, col[p], true);
		for (int i = 0; i < w[p]; i++)
			addstr(shape[p]);
		draw_color(app, col[p], false);
		used += w[p];
	}
	for (; used < width; used++)
		addstr("·");
	return width;
}

static void goals_draw(struct app *app, void *self)
{
	struct gscreen *s = self;
	char line[2048];
	draw_header(app, 1, _("Goals: actions █ done ░ open ▓ overdue · indicator over the years · * priority effort"));
	int top = 2, detail = app->rows >= 24 ? (app->rows - 3) / 2 : 3;
	s->height = app->rows - top - 1 - detail;
	if (s->height < 2)
		s->height = 2;
	listnav_fit(&s->nav, (int)s->goals.n, s->height);
	load_links(app, s);
	int bar = app->cols >= 80 ? 16 : 8;
	for (int i = s->nav.top; i < (int)s->goals.n && i - s->nav.top < s->height; i++) {
		const struct goal *g = &s->goals.v[i];
		int y = top + i - s->nav.top;
		bool sel = i == s->nav.sel;
		struct strbuf spark = { 0 };
		lists_spark(&g->readings, &spark);
		snprintf(line, sizeof line, "%s%-5s", g->parent_code ? "  " : "", g->code);
		draw_row(app, y, line, sel, g->parent_code ? C_NORMAL : C_TITLE);
		int x = 10;
		if (x + bar + 2 < app->cols) {
			draw_bar(app, y, x, g, bar);
			x += bar + 1;
		}
		char counts[48];
		snprintf(counts, sizeof counts, "%d/%d/%d", g->actions_done, g->actions_open, g->actions_overdue);
		struct strbuf row = { 0 };
		sb_addpad(&row, counts, 9);
		sb_addpad(&row, spark.buf ? spark.buf : "", 12);
		sb_addf(&row, "%s%s", g->title, g->priority ? " *" : "");
		snprintf(line, sizeof line, "%s", row.buf);
		sb_release(&row);
		if (sel)
			draw_color(app, C_SELECTED, true);
		draw_text(y, x, line, app->cols - x - 1);
		if (sel)
			draw_color(app, C_SELECTED, false);
		sb_release(&spark);
	}
	if (!s->goals.n) {
		draw_text(top, 3, _("no goals yet: gavel goal add CODE TITLE"), app->cols - 4);
		return;
	}
	/* the selected goal */
	int y = top + s->height, end = app->rows - 1, w = app->cols - 4;
	draw_hline(y++, 0, app->cols);
	const struct goal *g = &s->goals.v[s->nav.sel];
	const struct {
		const char *label, *value;
	} fields[] = {
		{ N_("Task"), g->task }, { N_("Local responsibility"), g->local },
		{ N_("Regional responsibility"), g->regional }, { N_("National responsibility"), g->national },
		{ N_("Indicator"), g->indicator }, { N_("Timeline"), g->timeline },
	};
	snprintf(line, sizeof line, "%s %s%s", g->code, g->title, g->priority ? _("  (priority effort)") : "");
	draw_color(app, C_TITLE, true);
	if (y < end)
		draw_text(y++, 2, line, w);
	draw_color(app, C_TITLE, false);
	for (size_t i = 0; i < ARRAY_SIZE(fields) && y < end; i++) {
		if (!fields[i].value)
			continue;
		snprintf(line, sizeof line, "%s: %s", _(fields[i].label), fields[i].value);
		draw_text(y++, 2, line, w);
	}
	if (g->readings.n && y < end) {
		struct strbuf sb = { 0 };
		sb_adds(&sb, _("Readings:"));
		for (size_t i = 0; i < g->readings.n; i++)
			sb_addf(&sb, "  %d: %g", g->readings.v[i].year, g->readings.v[i].value);
		draw_text(y++, 2, sb.buf, w);
		sb_release(&sb);
	}
	if (y < end) {
		snprintf(line, sizeof line, _("Decisions (%zu, Enter lists them):"), s->decisions.n);
		draw_header(app, y++, line);
	}
	for (size_t i = 0; i < s->decisions.n && y < end - 1 - (s->actions.n ? 1 : 0); i++) {
		const struct decision_row *d = &s->decisions.v[i];
		snprintf(line, sizeof line, "%s %s § %d %s", d->body_short, d->date, d->para, d->title);
		draw_text(y++, 3, line, w - 1);
	}
	if (y < end) {
		snprintf(line, sizeof line, _("Actions (%d, a lists them):"),
			 g->actions_done + g->actions_open + g->actions_overdue);
		draw_header(app, y++, line);
	}
	for (size_t i = 0; i < s->actions.n && y < end; i++) {
		const struct action *a = &s->actions.v[i];
		bool late = lists_overdue(a, app->today);
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s  ", a->due ? a->due : "          ");
		sb_addpad(&sb, status_name(OF_ACTION, a->status), 9);
		sb_addf(&sb, " %s — %s", a->title, a->owner ? a->owner : "");
		draw_color(app, late ? C_WARN : C_NORMAL, true);
		draw_text(y++, 3, sb.buf, w - 1);
		draw_color(app, late ? C_WARN : C_NORMAL, false);
		sb_release(&sb);
	}
}

static bool goals_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct gscreen *s = self;
	(void)ch;
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && listnav_click(&s->nav, ev.y, 2, (int)s->goals.n))
			a = ACT_ENTER;
		else
			return true;
	}
	if (listnav_key(&s->nav, a, (int)s->goals.n, s->height))
		return true;
	if (a == ACT_REPORT) {
		docs_report(app);
		return true;
	}
	if (!s->goals.n || (a != ACT_ENTER && a != ACT_GOAL_ACTIONS))
		return false;
	const char *code = s->goals.v[s->nav.sel].code;
	char buf[64];
	snprintf(buf, sizeof buf, "%s", code);
	if (a == ACT_ENTER)
		open_decisions(app, buf);
	else
		open_actions(app, buf);
	return true;
}

static void goals_close(struct app *app, void *self)
{
	(void)app;
	struct gscreen *s = self;
	goal_list_release(&s->goals);
	decision_row_list_release(&s->decisions);
	action_list_release(&s->actions);
	free(s);
}

const struct screen_ops screen_goals = {
	.id = SCREEN_GOALS,
	.open = goals_load,
	.draw = goals_draw,
	.key = goals_key,
	.close = goals_close,
};

void open_goals(struct app *app)
{
	struct gscreen *s = xcalloc(1, sizeof *s);
	s->linked_for = -1;
	app_push(app, &screen_goals, s);
}
