/*
 * screen_actions: what must be done, ordered by due date, owner or status
 * (o), everyone's or mine (m), overdue ones highlighted. s changes the
 * status and n adds a dated progress note, in place; below the list the
 * selected action's description and notes. Enter opens the meeting whose
 * decision it was born from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action.h"
#include "core/council.h"
#include "core/limits.h"
#include "core/lists.h"
#include "core/meeting.h"
#include "core/status.h"
#include "sync/sync.h"
#include "tui/app/tui.h"

struct ascreen {
	struct action_list actions;
	enum action_order order;
	bool mine;
	char goal[32]; /* "" or the goal (with its sub-goals) */
	struct listnav nav;
	int height;
	int notes_for; /* the action whose notes are loaded, -1 none */
};

static int actions_load(struct app *app, void *self)
{
	struct ascreen *s = self;
	struct err e;
	char me[ID_LEN + 1] = "", gid[ID_LEN + 1];
	struct action_filter f = { 0 };
	if (s->mine) {
		if (council_whoami(app->st, me, &e)) {
			app_error(app, &e);
			s->mine = false;
		} else if (!me[0]) {
			app_refuse(app, E_WHOAMI_UNSET);
			s->mine = false;
		} else {
			f.owner_person_id = me;
		}
	}
	int found = s->goal[0] ? store_goal_find(app->st, s->goal, gid, &e) : 0;
	if (found) {
		if (found > 0)
			error(&e, E_UNKNOWN_GOAL, s->goal);
		app_error(app, &e);
		return -1;
	}
	if (s->goal[0])
		f.goal_id = gid;
	struct action_list l = { 0 };
	if (store_action_list(app->st, &f, &l, &e)) {
		app_message(app, true, "%s", e.msg);
		action_list_release(&l);
		return -1;
	}
	/* keep the selected action selected */
	char keep[ID_LEN + 1] = "";
	if (s->actions.n)
		memcpy(keep, s->actions.v[s->nav.sel].id, sizeof keep);
	action_list_release(&s->actions);
	s->actions = l;
	lists_actions_sort(&s->actions, s->order, app->today);
	s->notes_for = -1;
	for (size_t i = 0; keep[0] && i < s->actions.n; i++)
		if (!strcmp(s->actions.v[i].id, keep))
			s->nav.sel = (int)i;
	listnav_fit(&s->nav, (int)s->actions.n, s->height ? s->height : 10);
	return 0;
}

static void actions_draw(struct app *app, void *self)
{
	struct ascreen *s = self;
	char line[2048];
	size_t late = 0;
	for (size_t i = 0; i < s->actions.n; i++)
		late += lists_overdue(&s->actions.v[i], app->today);
	snprintf(line, sizeof line, _("Actions, %s%s%s: %zu, %zu overdue · %s"), s->mine ? _("mine") : _("everyone's"),
		 s->goal[0] ? _(" · goal ") : "", s->goal, s->actions.n, late, _(lists_order_name(s->order)));
	draw_header(app, 1, line);
	int top = 2, detail = app->rows >= 20 ? 6 : 2;
	s->height = app->rows - top - 1 - detail - 1;
	if (s->height < 1)
		s->height = 1;
	listnav_fit(&s->nav, (int)s->actions.n, s->height);
	if (!s->actions.n)
		draw_text(top, 3, _("no actions"), app->cols - 4);
	char prev[256] = ""; /* the group of the row above (the group is a static buffer) */
	if (s->nav.top > 0)
		snprintf(prev, sizeof prev, "%s", lists_action_group(&s->actions.v[s->nav.top - 1], s->order, app->today));
	int gw = s->order == ORDER_OWNER ? 22 : s->order == ORDER_STATUS ? 12 : 8;
	for (int i = s->nav.top; i < (int)s->actions.n && i - s->nav.top < s->height; i++) {
		const struct action *a = &s->actions.v[i];
		const char *group = lists_action_group(a, s->order, app->today);
		bool first = i == s->nav.top ? !prev[0] || strcmp(prev, group) : strcmp(prev, group) != 0;
		snprintf(prev, sizeof prev, "%s", group);
		struct strbuf sb = { 0 };
		const char *heading = s->order == ORDER_STATUS ? status_name(OF_ACTION, group)
				      : s->order == ORDER_DUE && !a->due ? _(group) : group;
		sb_addpad(&sb, first ? heading : "", gw);
		sb_addf(&sb, " %-10s ", a->due ? a->due : "");
		sb_addpad(&sb, status_name(OF_ACTION, a->status), 10);
		sb_addf(&sb, " %s", a->title);
		if (s->order != ORDER_OWNER)
			sb_addf(&sb, " — %s", a->owner ? a->owner : "");
		if (a->goal_code)
			sb_addf(&sb, "  [%s]", a->goal_code);
		bool overdue = lists_overdue(a, app->today);
		draw_row(app, top + i - s->nav.top, sb.buf, i == s->nav.sel,
			 overdue ? C_WARN : !strcmp(a->status, "done") || !strcmp(a->status, "cancelled") ? C_DIM : C_NORMAL);
		sb_release(&sb);
	}
	if (!s->actions.n)
		return;
	int y = top + s->height, end = app->rows - 1, w = app->cols - 4;
	draw_hline(y++, 0, app->cols);
	struct action *a = &s->actions.v[s->nav.sel];
	snprintf(line, sizeof line, "%.8s  %s — %s%s%s%s%s", a->id, a->title, a->owner ? a->owner : "",
		 a->decision_ref ? _(" · decision ") : "", a->decision_ref ? a->decision_ref : "",
		 a->goal_code ? _(" · goal ") : "", a->goal_code ? a->goal_code : "");
	draw_color(app, C_TITLE, true);
	draw_text(y++, 2, line, w);
	draw_color(app, C_TITLE, false);
	if (a->description && y < end)
		draw_text(y++, 2, a->description, w);
	/* the latest notes, newest last (loaded for the selected action only) */
	if (s->notes_for != s->nav.sel) {
		struct err e;
		s->notes_for = s->nav.sel;
		action_note_list_release(&s->actions.v[s->nav.sel].notes);
		if (store_action_notes(app->st, a->id, &s->actions.v[s->nav.sel].notes, &e))
			app_message(app, true, "%s", e.msg);
	}
	size_t room = (size_t)(end - y), first = a->notes.n > room ? a->notes.n - room : 0;
	for (size_t i = first; i < a->notes.n && y < end; i++) {
		const struct action_note *n = &a->notes.v[i];
		snprintf(line, sizeof line, "%s %s: %s", n->date, n->author ? n->author : "", n->text);
		draw_text(y++, 2, line, w);
	}
}

static const char *const statuses[] = { "planned", "ongoing", "done", "cancelled" };

/* The stored status for what was typed: a status as the interface shows
 * it (any case), else the text as it is (the stored names work too). */
static const char *typed_status(const char *typed)
{
	const char *found = typed;
	char *t = text_fold(typed);
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++) {
		char *name = text_fold(status_name(OF_ACTION, statuses[i]));
		if (!strcmp(t, name))
			found = statuses[i];
		free(name);
	}
	free(t);
	return found;
}

static void do_status(struct app *app, struct ascreen *s)
{
	const struct action *a = &s->actions.v[s->nav.sel];
	const char *names[ARRAY_SIZE(statuses)];
	char me[ID_LEN + 1] = "";
	struct err we;
	if (!sync_may_write_minutes(app->st) && (council_whoami(app->st, me, &we) || strcmp(me, a->owner_person_id))) {
		app_refuse(app, E_NOT_YOUR_ACTION);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		names[i] = status_name(OF_ACTION, statuses[i]);
	char buf[64];
	snprintf(buf, sizeof buf, "%s", status_name(OF_ACTION, a->status));
	if (!prompt_line(app, _("Status: planned, ongoing, done, cancelled (Tab cycles):"), buf, sizeof buf,
			 names, (int)ARRAY_SIZE(names)))
		return;
	const char *status = typed_status(buf);
	struct err e;
	char id[ID_LEN + 1];
	memcpy(id, a->id, sizeof id);
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, action_update(app->st, id, status, NULL, NULL, NULL, &e), &e)) {
		app_message(app, false, _("action %.8s is %s"), id, status_name(OF_ACTION, status));
		actions_load(app, s);
	}
}

static void do_note(struct app *app, struct ascreen *s)
{
	char buf[2048] = "", id[ID_LEN + 1];
	memcpy(id, s->actions.v[s->nav.sel].id, sizeof id);
	if (!prompt_line(app, _("Progress note:"), buf, sizeof buf, NULL, 0) || !buf[0])
		return;
	struct err e;
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, action_update(app->st, id, NULL, buf, NULL, NULL, &e), &e)) {
		app_message(app, false, _("note added to action %.8s"), id);
		actions_load(app, s);
	}
}

/* Opens the meeting where the action's decision was made. */
static void open_decision(struct app *app, const struct action *a)
{
	if (!a->decision_ref) {
		app_refuse(app, E_NO_DECISION, a->id);
		return;
	}
	char body[64], year[8];
	int para = 0;
	if (sscanf(a->decision_ref, "%63[^/]/%7[^/]/%d", body, year, &para) != 3)
		return;
	struct decisions_query q = { .body = body, .year = year };
	struct decision_row_list l = { 0 };
	struct err e;
	if (lists_decisions(app->st, &q, &l, NULL, &e)) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].para == para) {
			char ref[MEETING_NAME_SIZE];
			snprintf(ref, sizeof ref, "%s/%s", l.v[i].body_short, l.v[i].date);
			open_meeting_at(app, ref, l.v[i].item);
			break;
		}
	decision_row_list_release(&l);
}

static bool actions_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct ascreen *s = self;
	(void)ch;
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && listnav_click(&s->nav, ev.y, 2, (int)s->actions.n))
			a = ACT_ENTER;
		else
			return true;
	}
	if (listnav_key(&s->nav, a, (int)s->actions.n, s->height))
		return true;
	switch (a) {
	case ACT_ORDER:
		s->order = (s->order + 1) % ORDER_COUNT;
		actions_load(app, s);
		return true;
	case ACT_MINE:
		s->mine = !s->mine;
		s->nav.sel = 0;
		actions_load(app, s);
		return true;
	case ACT_FILTER_CLEAR:
		s->mine = false;
		s->goal[0] = '\0';
		actions_load(app, s);
		return true;
	case ACT_STATUS:
	case ACT_NOTE:
	case ACT_ENTER:
		if (!s->actions.n)
			return true;
		if (a == ACT_STATUS)
			do_status(app, s);
		else if (a == ACT_NOTE)
			do_note(app, s);
		else
			open_decision(app, &s->actions.v[s->nav.sel]);
		return true;
	default:
		return false;
	}
}

static void actions_close(struct app *app, void *self)
{
	(void)app;
	struct ascreen *s = self;
	action_list_release(&s->actions);
	free(s);
}

const struct screen_ops screen_actions = {
	.id = SCREEN_ACTIONS,
	.open = actions_load,
	.draw = actions_draw,
	.key = actions_key,
	.close = actions_close,
};

void open_actions(struct app *app, const char *goal)
{
	struct ascreen *s = xcalloc(1, sizeof *s);
	if (goal)
		snprintf(s->goal, sizeof s->goal, "%s", goal);
	s->notes_for = -1;
	app_push(app, &screen_actions, s);
}
