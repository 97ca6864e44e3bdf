/*
 * screen_meetings: the meetings of a year, of every body or one (b); < and
 * > page through the years. Enter opens a meeting (an adjusted one is
 * read-only), P prepares a planned meeting's agenda.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/status.h"
#include "tui/app/tui.h"

struct mlist {
	struct meeting_list meetings;
	struct body_list bodies;
	int body;  /* -1: every body, else an index into bodies */
	int year;  /* 0: every year */
	struct listnav nav;
	int height;
};

static int meetings_load(struct app *app, void *self)
{
	struct mlist *s = self;
	struct err e;
	meeting_list_release(&s->meetings);
	body_list_release(&s->bodies);
	if (store_body_list(app->st, &s->bodies, &e) ||
	    store_meeting_list(app->st, s->body >= 0 && s->body < (int)s->bodies.n ? s->bodies.v[s->body].id : NULL,
			       s->year, &s->meetings, &e)) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	if (s->body >= (int)s->bodies.n)
		s->body = -1;
	listnav_fit(&s->nav, (int)s->meetings.n, s->height ? s->height : 10);
	return 0;
}

static void meetings_draw(struct app *app, void *self)
{
	struct mlist *s = self;
	char line[1024], year[16];
	snprintf(year, sizeof year, "%d", s->year);
	snprintf(line, sizeof line, _("Meetings %s · %s · %zu"), s->year ? year : _("every year"),
		 s->body >= 0 ? s->bodies.v[s->body].name : _("every body"), s->meetings.n);
	draw_header(app, 1, line);
	int top = 2;
	s->height = app->rows - top - 1;
	listnav_fit(&s->nav, (int)s->meetings.n, s->height);
	if (!s->meetings.n)
		draw_text(top, 3, _("no meetings: < and > change the year, b the body"), app->cols - 4);
	for (int i = s->nav.top; i < (int)s->meetings.n && i - s->nav.top < s->height; i++) {
		const struct meeting *m = &s->meetings.v[i];
		bool adjusted = !strcmp(m->status, "adjusted");
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s  %-5s  %-10s ", m->date, m->start ? m->start : "", m->body_short);
		sb_addpad(&sb, status_name(OF_MEETING, m->status), 10);
		sb_addf(&sb, " %s%s", m->place ? m->place : "", adjusted ? _("  (locked)") : "");
		draw_row(app, top + i - s->nav.top, sb.buf, i == s->nav.sel,
			 adjusted ? C_DIM : strcmp(m->date, app->today) >= 0 ? C_OK : C_NORMAL);
		sb_release(&sb);
	}
}

static const struct meeting *selected(struct mlist *s)
{
	return s->meetings.n ? &s->meetings.v[s->nav.sel] : NULL;
}

static void meeting_ref(const struct meeting *m, char *ref, size_t size)
{
	snprintf(ref, size, "%s/%s", m->body_short, m->date);
}

static bool meetings_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct mlist *s = self;
	(void)ch;
	char ref[MEETING_NAME_SIZE];
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && listnav_click(&s->nav, ev.y, 2, (int)s->meetings.n))
			a = ACT_ENTER;
		else
			return true;
	}
	if (listnav_key(&s->nav, a, (int)s->meetings.n, s->height))
		return true;
	switch (a) {
	case ACT_ENTER:
	case ACT_PREPARE:
		if (!selected(s))
			return true;
		meeting_ref(selected(s), ref, sizeof ref);
		if (a == ACT_ENTER)
			open_meeting(app, ref);
		else if (!app_read_only(app))
			open_prepare(app, ref);
		return true;
	case ACT_FILTER_BODY:
		s->body = s->body + 1 < (int)s->bodies.n ? s->body + 1 : -1;
		s->nav.sel = 0;
		meetings_load(app, s);
		return true;
	case ACT_PREV_YEAR:
	case ACT_NEXT_YEAR:
		if (!s->year)
			s->year = atoi(app->today);
		s->year += a == ACT_NEXT_YEAR ? 1 : -1;
		s->nav.sel = 0;
		meetings_load(app, s);
		return true;
	case ACT_FILTER_YEAR: {
		char buf[16] = "";
		if (!prompt_line(app, _("Year (empty: every year):"), buf, sizeof buf, NULL, 0))
			return true;
		char *end;
		long y = strtol(buf, &end, 10);
		if (buf[0] && (*end || y < 1900 || y > 2999)) {
			app_refuse(app, E_BAD_YEAR, buf);
			return true;
		}
		s->year = buf[0] ? (int)y : 0;
		s->nav.sel = 0;
		meetings_load(app, s);
		return true;
	}
	default:
		return false;
	}
}

static void meetings_close(struct app *app, void *self)
{
	(void)app;
	struct mlist *s = self;
	meeting_list_release(&s->meetings);
	body_list_release(&s->bodies);
	free(s);
}

const struct screen_ops screen_meetings = {
	.id = SCREEN_MEETINGS,
	.open = meetings_load,
	.draw = meetings_draw,
	.key = meetings_key,
	.close = meetings_close,
};

void open_meetings(struct app *app)
{
	struct mlist *s = xcalloc(1, sizeof *s);
	s->body = -1;
	s->year = atoi(app->today);
	app_push(app, &screen_meetings, s);
	/* start at the first meeting from today on */
	for (size_t i = 0; app->depth && app->stack[app->depth - 1].self == s && i < s->meetings.n; i++)
		if (strcmp(s->meetings.v[i].date, app->today) >= 0) {
			s->nav.sel = (int)i;
			break;
		}
}
