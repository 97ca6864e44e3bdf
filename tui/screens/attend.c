/*
 * screen_attend: attendance in seconds. Every member of the body with their
 * role; Space marks present/absent; s sets a substitute to serve for the
 * selected absent member; + adds a guest; L records "left after item N"
 * (the keys: tui/app/keys.c, shown in the status line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"
#include "core/meeting.h"
#include "tui/app/tui.h"

struct row {
	char person_id[ID_LEN + 1];
	char person[256];
	char role[32];
	bool recorded, absent;
	char for_id[ID_LEN + 1];
	char for_name[256];
	int to_item;
};

struct ascreen {
	char ref[MEETING_NAME_SIZE];
	char meeting_id[ID_LEN + 1]; /* the meeting ref names, found on opening */
	struct row *rows;
	int n, sel;
	size_t arows;
	char **names; /* everyone in the council, for completion */
	int nnames;
};

static void add_row(struct ascreen *s, const char *person_id, const char *person, const char *role)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->rows[i].person_id, person_id))
			return;
	ALLOC_GROW(s->rows, (size_t)s->n + 1, s->arows);
	struct row *r = &s->rows[s->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->person_id, sizeof r->person_id, "%s", person_id);
	snprintf(r->person, sizeof r->person, "%s", person);
	snprintf(r->role, sizeof r->role, "%s", role);
}

static int attend_open(struct app *app, void *self)
{
	struct ascreen *s = self;
	struct meeting m;
	struct meeting_view v = { 0 };
	struct member_list members = { 0 };
	struct err e;
	int rc = meeting_resolve(app->st, s->ref, &m, &e);
	if (!rc) {
		memcpy(s->meeting_id, m.id, sizeof s->meeting_id);
		meeting_release(&m);
		rc = meeting_view_load(app->st, s->meeting_id, &v, &e) ||
		     store_membership_list(app->st, v.m.body_id, v.m.date, &members, &e);
	}
	if (rc) {
		meeting_view_release(&v);
		member_list_release(&members);
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	s->arows = 0;
	for (size_t i = 0; i < members.n; i++)
		add_row(s, members.v[i].person_id, members.v[i].name, members.v[i].role);
	for (size_t i = 0; i < v.att.n; i++) {
		const struct attendee *a = &v.att.v[i];
		add_row(s, a->person_id, a->name, a->role);
		for (int k = 0; k < s->n; k++) {
			struct row *r = &s->rows[k];
			if (strcmp(r->person_id, a->person_id))
				continue;
			r->recorded = true;
			r->absent = a->absent;
			snprintf(r->role, sizeof r->role, "%s", a->role);
			snprintf(r->for_id, sizeof r->for_id, "%s", a->for_id);
			snprintf(r->for_name, sizeof r->for_name, "%s", a->for_name ? a->for_name : "");
			r->to_item = a->to_item;
		}
	}
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
	member_list_release(&members);
	meeting_view_release(&v);
	return 0;
}

static void attend_draw(struct app *app, void *self)
{
	struct ascreen *s = self;
	char line[1024];
	draw_color(app, C_HEADER, true);
	snprintf(line, sizeof line, _("Attendance at %s"), s->ref);
	draw_text(1, 1, line, app->cols - 2);
	draw_color(app, C_HEADER, false);
	int height = app->rows - 3;
	int first = s->sel >= height ? s->sel - height + 1 : 0;
	for (int i = first; i < s->n && i - first < height; i++) {
		const struct row *r = &s->rows[i];
		const char *mark = !r->recorded ? "[ ]" : r->absent ? "[–]" : "[✓]";
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s ", mark);
		sb_addpad(&sb, r->person, 28);
		sb_addc(&sb, ' ');
		sb_addpad(&sb, r->role, 16);
		sb_addf(&sb, " %s%s%s", !r->recorded ? _("not recorded") : r->absent ? _("absent") : _("present"),
			r->for_name[0] ? _(", serving for ") : "", r->for_name);
		if (r->to_item)
			sb_addf(&sb, _(", left after item %d"), r->to_item);
		bool sel = i == s->sel;
		if (sel)
			draw_color(app, C_SELECTED, true);
		draw_fill(2 + i - first, 0, app->cols);
		draw_text(2 + i - first, 1, sb.buf, app->cols - 2);
		if (sel)
			draw_color(app, C_SELECTED, false);
		sb_release(&sb);
	}
}

static void set(struct app *app, struct ascreen *s, struct attend_input *in)
{
	struct err e;
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, meeting_attend(app->st, s->meeting_id, in, &e), &e))
		attend_open(app, s);
}

static bool attend_key(struct app *app, void *self, int ch, enum key_action a)
{
	(void)ch;
	struct ascreen *s = self;
	struct row *r = s->n ? &s->rows[s->sel] : NULL;
	switch (a) {
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return true;
	case ACT_DOWN:
		if (s->sel + 1 < s->n)
			s->sel++;
		return true;
	case ACT_TOP:
		s->sel = 0;
		return true;
	case ACT_BOTTOM:
		s->sel = s->n ? s->n - 1 : 0;
		return true;
	case ACT_TOGGLE: {
		if (!r)
			return true;
		struct attend_input in = { .person_id = r->person_id, .absent = r->recorded && !r->absent };
		if (!strcmp(r->role, "gäst") || !strcmp(r->role, "adjungerad") || !strcmp(r->role, "sekreterare"))
			in.role = r->role;
		if (r->for_id[0] && !in.absent)
			in.for_id = r->for_id;
		set(app, s, &in);
		return true;
	}
	case ACT_SUBSTITUTE: {
		char who[256] = "";
		if (!r)
			return true;
		if (!r->absent) {
			app_refuse(app, E_NOT_ABSENT, r->person);
			return true;
		}
		if (!prompt_line(app, _("Substitute serving for the selected member:"), who, sizeof who,
				 (const char *const *)s->names, s->nnames) || !who[0])
			return true;
		char id[ID_LEN + 1];
		struct err e;
		if (council_person_resolve(app->st, who, id, &e)) {
			app_message(app, true, "%s", e.msg);
			return true;
		}
		struct attend_input in = { .person_id = id, .for_id = r->person_id };
		set(app, s, &in);
		return true;
	}
	case ACT_GUEST: {
		char who[256] = "";
		if (!prompt_line(app, _("Guest (a person in the council):"), who, sizeof who,
				 (const char *const *)s->names, s->nnames) || !who[0])
			return true;
		char id[ID_LEN + 1];
		struct err e;
		if (council_person_resolve(app->st, who, id, &e)) {
			app_message(app, true, "%s", e.msg);
			return true;
		}
		struct attend_input in = { .person_id = id, .role = "gäst" };
		set(app, s, &in);
		return true;
	}
	case ACT_LEFT_AFTER: {
		char n[16] = "";
		if (!r || !prompt_line(app, _("Left after item number:"), n, sizeof n, NULL, 0) || !n[0])
			return true;
		long to;
		if (!parse_int(n, 1, ITEMS_MAX, &to)) {
			struct err e;
			error(&e, E_BAD_ITEM_NUMBER, n);
			app_message(app, true, "%s", e.msg);
			return true;
		}
		struct attend_input in = { .person_id = r->person_id, .to_item = (int)to };
		if (!strcmp(r->role, "gäst") || !strcmp(r->role, "adjungerad"))
			in.role = r->role;
		if (r->for_id[0])
			in.for_id = r->for_id;
		set(app, s, &in);
		return true;
	}
	default:
		return false;
	}
}

static void attend_close(struct app *app, void *self)
{
	(void)app;
	struct ascreen *s = self;
	for (int i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	free(s->rows);
	free(s);
}

const struct screen_ops screen_attend = {
	.id = SCREEN_ATTEND,
	.open = attend_open,
	.draw = attend_draw,
	.key = attend_key,
	.close = attend_close,
};

void open_attendance(struct app *app, const char *ref)
{
	struct ascreen *s = xcalloc(1, sizeof *s);
	struct strvec names = { 0 };
	struct err e;
	snprintf(s->ref, sizeof s->ref, "%s", ref);
	if (store_person_names(app->st, &names, &e)) {
		app_error(app, &e);
		strvec_release(&names);
		free(s);
		return;
	}
	s->names = names.v;
	s->nnames = (int)names.n;
	app_push(app, &screen_attend, s);
}
