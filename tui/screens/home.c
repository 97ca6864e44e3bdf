/*
 * screen_home: where gavel opens. The next meeting of each body and the
 * latest ones (Enter opens one), overdue actions, and the goals at a glance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action.h"
#include "core/council.h"
#include "core/limits.h"
#include "core/status.h"
#include "tui/app/tui.h"

struct home {
	struct meeting_list next, recent;
	struct action_list overdue, mine;
	char me[256]; /* "" until who am I is set */
	struct goal_list goals;
	int sel; /* index into next, then recent */
	int nsel;
};

static struct home home_state;

static void home_release(struct home *h)
{
	meeting_list_release(&h->next);
	meeting_list_release(&h->recent);
	action_list_release(&h->overdue);
	action_list_release(&h->mine);
	goal_list_release(&h->goals);
}

static int home_open(struct app *app, void *self)
{
	(void)self;
	struct home *h = &home_state;
	struct err e;
	struct meeting_list all = { 0 };
	struct action_query q = { .overdue = true };
	home_release(h);
	if (store_meeting_next(app->st, app->today, &h->next, &e) ||
	    store_meeting_list(app->st, NULL, 0, &all, &e) || action_list(app->st, &q, &h->overdue, &e) ||
	    store_goal_list(app->st, &h->goals, &e)) {
		app_error(app, &e);
		meeting_list_release(&all);
		return 0;
	}
	/* my open actions, when this database knows whose it is */
	char me[ID_LEN + 1] = "";
	h->me[0] = '\0';
	if (council_whoami(app->st, me, &e))
		app_error(app, &e);
	else if (me[0]) {
		struct person p = { 0 };
		struct action_filter f = { .owner_person_id = me };
		struct action_list all_mine = { 0 };
		int rc = store_person_get(app->st, me, &p, &e);
		if (rc == 0)
			snprintf(h->me, sizeof h->me, "%s", p.name);
		else if (rc < 0)
			app_error(app, &e);
		person_release(&p);
		if (store_action_list(app->st, &f, &all_mine, &e))
			app_error(app, &e);
		else
			for (size_t i = 0; i < all_mine.n; i++)
				if (!strcmp(all_mine.v[i].status, "planned") || !strcmp(all_mine.v[i].status, "ongoing")) {
					*action_list_push(&h->mine) = all_mine.v[i];
					memset(&all_mine.v[i], 0, sizeof all_mine.v[i]);
				}
		action_list_release(&all_mine);
	}
	/* the five latest meetings before today, newest first */
	for (size_t i = all.n; i-- > 0 && h->recent.n < 5;) {
		if (strcmp(all.v[i].date, app->today) >= 0)
			continue;
		struct meeting *m = meeting_list_push(&h->recent);
		*m = all.v[i];
		memset(&all.v[i], 0, sizeof all.v[i]);
	}
	meeting_list_release(&all);
	h->nsel = (int)(h->next.n + h->recent.n);
	if (h->sel >= h->nsel)
		h->sel = h->nsel ? h->nsel - 1 : 0;
	return 0;
}

static const struct meeting *selected(struct home *h)
{
	if (h->sel < (int)h->next.n)
		return &h->next.v[h->sel];
	if (h->sel - (int)h->next.n < (int)h->recent.n)
		return &h->recent.v[h->sel - h->next.n];
	return NULL;
}

static int draw_meetings(struct app *app, struct home *h, int y, const struct meeting_list *l,
			 int first)
{
	for (size_t i = 0; i < l->n && y < app->rows - 2; i++, y++) {
		const struct meeting *m = &l->v[i];
		bool sel = first + (int)i == h->sel;
		char line[512];
		snprintf(line, sizeof line, " %s  %-10s %-5s  %s — %s", sel ? "›" : " ", m->date,
			 m->start ? m->start : "", m->body_name, status_name(OF_MEETING, m->status));
		if (sel)
			draw_color(app, C_SELECTED, true);
		draw_fill(y, 0, app->cols);
		draw_text(y, 1, line, app->cols - 2);
		if (sel)
			draw_color(app, C_SELECTED, false);
	}
	return y;
}

static void header(struct app *app, int y, const char *text)
{
	draw_color(app, C_HEADER, true);
	draw_text(y, 1, text, app->cols - 2);
	draw_color(app, C_HEADER, false);
}

static void home_draw(struct app *app, void *self)
{
	(void)self;
	struct home *h = &home_state;
	int y = 2;
	header(app, y++, _("Next meetings"));
	if (!h->next.n)
		draw_text(y++, 3, _("none planned"), app->cols - 4);
	y = draw_meetings(app, h, y, &h->next, 0);
	y++;
	if (y < app->rows - 2)
		header(app, y++, _("Latest meetings"));
	y = draw_meetings(app, h, y, &h->recent, (int)h->next.n);
	y++;
	if (y < app->rows - 2) {
		char title[512];
		if (h->me[0])
			snprintf(title, sizeof title, _("My open actions, %s (%zu)"), h->me, h->mine.n);
		else
			snprintf(title, sizeof title, "%s", _("My open actions: press w to say who you are"));
		header(app, y++, title);
	}
	for (size_t i = 0; i < h->mine.n && y < app->rows - 2 && i < 5; i++, y++) {
		const struct action *a = &h->mine.v[i];
		char line[512];
		bool late = a->due && strcmp(a->due, app->today) < 0;
		snprintf(line, sizeof line, "   %-10s %s", a->due ? a->due : "", a->title);
		draw_color(app, late ? C_WARN : C_NORMAL, true);
		draw_text(y, 1, line, app->cols - 2);
		draw_color(app, late ? C_WARN : C_NORMAL, false);
	}
	y++;
	if (y < app->rows - 2) {
		char title[128];
		snprintf(title, sizeof title, _("Overdue actions (%zu)"), h->overdue.n);
		header(app, y++, title);
	}
	for (size_t i = 0; i < h->overdue.n && y < app->rows - 2; i++, y++) {
		const struct action *a = &h->overdue.v[i];
		char line[512];
		snprintf(line, sizeof line, "   %s  %s — %s", a->due, a->title, a->owner ? a->owner : "");
		draw_color(app, C_WARN, true);
		draw_text(y, 1, line, app->cols - 2);
		draw_color(app, C_WARN, false);
	}
	y++;
	if (y < app->rows - 2)
		header(app, y++, _("Goals: actions done / open / overdue"));
	for (size_t i = 0; i < h->goals.n && y < app->rows - 2; i++) {
		const struct goal *g = &h->goals.v[i];
		if (!g->parent_code)
			continue;
		char line[512];
		int total = g->actions_done + g->actions_open + g->actions_overdue;
		snprintf(line, sizeof line, "   %-5s %d/%d/%d  %s%s", g->code, g->actions_done, g->actions_open,
			 g->actions_overdue, g->title, g->priority ? " *" : "");
		draw_text(y, 1, line, app->cols - 2);
		(void)total;
		y++;
	}
}

static bool home_key(struct app *app, void *self, int ch, enum key_action a)
{
	(void)self;
	(void)ch;
	struct home *h = &home_state;
	switch (a) {
	case ACT_UP:
		if (h->sel > 0)
			h->sel--;
		return true;
	case ACT_DOWN:
		if (h->sel + 1 < h->nsel)
			h->sel++;
		return true;
	case ACT_TOP:
		h->sel = 0;
		return true;
	case ACT_BOTTOM:
		h->sel = h->nsel ? h->nsel - 1 : 0;
		return true;
	case ACT_WHOAMI: {
		struct strvec names = { 0 };
		struct err e;
		char buf[256];
		snprintf(buf, sizeof buf, "%.255s", h->me);
		if (store_person_names(app->st, &names, &e)) {
			app_error(app, &e);
			strvec_release(&names);
			return true;
		}
		bool ok = prompt_line(app, _("Who are you? (Tab completes)"), buf, sizeof buf,
				      (const char *const *)names.v, (int)names.n);
		strvec_release(&names);
		char id[ID_LEN + 1];
		if (ok && buf[0] && council_person_resolve(app->st, buf, id, &e)) {
			app_message(app, true, "%s", e.msg);
			return true;
		}
		if (ok && buf[0] && app_tx_begin(app) &&
		    app_tx_end(app, council_whoami_set(app->st, id, &e), &e)) {
			app_message(app, false, _("this database belongs to %s"), buf);
			home_open(app, self);
		}
		return true;
	}
	case ACT_ENTER:
	case ACT_MEETINGS: {
		const struct meeting *m = selected(h);
		if (m) {
			char ref[MEETING_NAME_SIZE];
			snprintf(ref, sizeof ref, "%s/%s", m->body_short, m->date);
			open_meeting(app, ref);
		}
		return true;
	}
	default:
		return false;
	}
}

static void home_close(struct app *app, void *self)
{
	(void)app;
	(void)self;
	home_release(&home_state);
}

const struct screen_ops screen_home = {
	.id = SCREEN_HOME,
	.open = home_open,
	.draw = home_draw,
	.key = home_key,
	.close = home_close,
};
