/*
 * screen_decisions: every decision of every meeting, newest first, with
 * the selected one's text below. Filters by body (b), year (y), goal (o)
 * and words (f) combine; x clears them. Enter opens the meeting at the
 * item, with its notes and actions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/lists.h"
#include "tui/app/tui.h"

struct dscreen {
	char body[64], year[16], goal[32], text[256];
	struct decision_row_list rows;
	int total;      /* -1: unknown (words are searched page by page) */
	bool more;      /* the last page was full: there may be more */
	struct listnav nav;
	int height;
};

#define PAGE 200

static int decisions_load(struct app *app, void *self)
{
	struct dscreen *s = self;
	struct err e;
	/* the first pages, as many as were shown before */
	int want = s->rows.n > PAGE ? (int)s->rows.n : PAGE;
	struct decisions_query q = { s->body, s->year, s->goal, s->text, 0, want };
	struct decision_row_list rows = { 0 };
	int total;
	if (lists_decisions(app->st, &q, &rows, &total, &e)) {
		app_message(app, true, "%s", e.msg);
		decision_row_list_release(&rows);
		return -1;
	}
	decision_row_list_release(&s->rows);
	s->rows = rows;
	s->total = total;
	s->more = (int)rows.n == want;
	listnav_fit(&s->nav, (int)s->rows.n, s->height ? s->height : 10);
	return 0;
}

/* Loads the next page when the selection nears the end of what is loaded. */
static void more(struct app *app, struct dscreen *s)
{
	if (!s->more || s->nav.sel + s->height < (int)s->rows.n)
		return;
	struct err e;
	struct decisions_query q = { s->body, s->year, s->goal, s->text, (int)s->rows.n, PAGE };
	size_t before = s->rows.n;
	if (lists_decisions(app->st, &q, &s->rows, NULL, &e)) {
		app_message(app, true, "%s", e.msg);
		s->more = false;
		return;
	}
	s->more = s->rows.n - before == PAGE;
}

static void decisions_draw(struct app *app, void *self)
{
	struct dscreen *s = self;
	char line[1024];
	if (s->total >= 0)
		snprintf(line, sizeof line, _("Decisions: %d"), s->total);
	else
		snprintf(line, sizeof line, _("Decisions: %zu%s"), s->rows.n, s->more ? "+" : "");
	if (s->body[0] || s->year[0] || s->goal[0] || s->text[0]) {
		size_t n = strlen(line);
		snprintf(line + n, sizeof line - n, _(" · filter:%s%s%s%s%s%s%s%s  (x clears)"),
			 s->body[0] ? " " : "", s->body, s->year[0] ? " " : "", s->year,
			 s->goal[0] ? _(" goal ") : "", s->goal, s->text[0] ? " " : "",
			 s->text[0] ? s->text : "");
	}
	draw_header(app, 1, line);
	int preview = app->rows >= 20 ? 5 : 2;
	int top = 2;
	s->height = app->rows - top - 1 - preview - 1;
	if (s->height < 1)
		s->height = 1;
	listnav_fit(&s->nav, (int)s->rows.n, s->height);
	if (!s->rows.n)
		draw_text(top, 3, _("no decisions match"), app->cols - 4);
	for (int i = s->nav.top; i < (int)s->rows.n && i - s->nav.top < s->height; i++) {
		const struct decision_row *d = &s->rows.v[i];
		snprintf(line, sizeof line, "%-9s %s  § %-3d %s", d->body_short, d->date, d->para, d->title);
		draw_row(app, top + i - s->nav.top, line, i == s->nav.sel, C_NORMAL);
	}
	if (!s->rows.n)
		return;
	/* the selected decision's text, wrapped */
	int y = top + s->height;
	draw_hline(y++, 0, app->cols);
	const struct decision_row *d = &s->rows.v[s->nav.sel];
	const char *t = d->text;
	int width = app->cols - 4;
	for (int r = 0; r < preview && *t; r++) {
		size_t n = 0, last_space = 0;
		int w = 0;
		while (t[n] && t[n] != '\n') {
			unsigned cp;
			int len = utf8_decode(t + n, &cp);
			if (w + 1 > width)
				break;
			if (cp == ' ')
				last_space = n;
			n += (size_t)len;
			w++;
		}
		if (t[n] && t[n] != '\n' && last_space)
			n = last_space;
		draw_textn(y + r, 2, t, n, width);
		t += n;
		while (*t == ' ' || *t == '\n')
			t++;
	}
}

/* Asks for one filter; Enter keeps it (empty clears), Esc changes nothing. */
static void ask(struct app *app, struct dscreen *s, const char *label, char *field, size_t size,
		const struct strvec *complete)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", field);
	if (!prompt_line(app, label, buf, sizeof buf < size ? sizeof buf : size,
			 complete ? (const char *const *)complete->v : NULL, complete ? (int)complete->n : 0))
		return;
	char old[256];
	snprintf(old, sizeof old, "%s", field);
	snprintf(field, size, "%s", buf);
	s->nav.sel = 0;
	if (decisions_load(app, s))
		snprintf(field, size, "%s", old); /* refused: the old filter stays */
}

static bool decisions_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct dscreen *s = self;
	(void)ch;
	struct strvec names = { 0 };
	struct err e;
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && listnav_click(&s->nav, ev.y, 2, (int)s->rows.n))
			a = ACT_ENTER;
		else
			return true;
	}
	if (a == ACT_BOTTOM || a == ACT_PAGE_DOWN || a == ACT_DOWN) {
		/* to the end means to the end of everything, not of what is loaded */
		while (a == ACT_BOTTOM && s->more) {
			s->nav.sel = (int)s->rows.n - 1;
			more(app, s);
		}
		listnav_key(&s->nav, a, (int)s->rows.n, s->height);
		more(app, s);
		return true;
	}
	if (listnav_key(&s->nav, a, (int)s->rows.n, s->height))
		return true;
	switch (a) {
	case ACT_ENTER: {
		if (!s->rows.n)
			return true;
		const struct decision_row *d = &s->rows.v[s->nav.sel];
		char ref[MEETING_NAME_SIZE];
		snprintf(ref, sizeof ref, "%s/%s", d->body_short, d->date);
		open_meeting_at(app, ref, d->item);
		return true;
	}
	case ACT_FILTER_BODY: {
		struct body_list bodies = { 0 };
		if (store_body_list(app->st, &bodies, &e)) {
			app_error(app, &e);
			body_list_release(&bodies);
			break;
		}
		for (size_t i = 0; i < bodies.n; i++)
			strvec_push(&names, bodies.v[i].short_name);
		body_list_release(&bodies);
		ask(app, s, _("Body (Tab completes, empty: every body):"), s->body, sizeof s->body, &names);
		break;
	}
	case ACT_FILTER_YEAR:
		ask(app, s, _("Year (empty: every year):"), s->year, sizeof s->year, NULL);
		break;
	case ACT_FILTER_GOAL: {
		struct goal_list goals = { 0 };
		if (store_goal_list(app->st, &goals, &e)) {
			app_error(app, &e);
			goal_list_release(&goals);
			break;
		}
		for (size_t i = 0; i < goals.n; i++)
			strvec_push(&names, goals.v[i].code);
		goal_list_release(&goals);
		ask(app, s, _("Goal, e.g. 1.2 (Tab completes, empty: every goal):"), s->goal, sizeof s->goal,
		    &names);
		break;
	}
	case ACT_FILTER_TEXT:
		ask(app, s, _("Words:"), s->text, sizeof s->text, NULL);
		break;
	case ACT_FILTER_CLEAR:
		s->body[0] = s->year[0] = s->goal[0] = s->text[0] = '\0';
		s->nav.sel = 0;
		decisions_load(app, s);
		break;
	default:
		return false;
	}
	strvec_release(&names);
	return true;
}

static void decisions_close(struct app *app, void *self)
{
	(void)app;
	struct dscreen *s = self;
	decision_row_list_release(&s->rows);
	free(s);
}

const struct screen_ops screen_decisions = {
	.id = SCREEN_DECISIONS,
	.open = decisions_load,
	.draw = decisions_draw,
	.key = decisions_key,
	.close = decisions_close,
};

void open_decisions(struct app *app, const char *goal)
{
	struct dscreen *s = xcalloc(1, sizeof *s);
	if (goal)
		snprintf(s->goal, sizeof s->goal, "%s", goal);
	app_push(app, &screen_decisions, s);
}
