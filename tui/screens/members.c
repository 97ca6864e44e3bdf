/*
 * screen_members: the members' machines of a shared council, and the
 * newcomers who ask to join (opened with m from the conflicts screen).
 * a admits the newcomer chosen once the fingerprint they read out is typed
 * and matches the one their request shows: a member who has not heard it
 * cannot let them in by a key alone. Only a member with the power may
 * (sync/policy.h); the others are told so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"
#include "tui/app/tui.h"

/* The columns of a name, so that the fingerprints line up. */
#define NAME_COLS 18

struct mscreen {
	struct sync_request_list asking; /* first: what can be done here */
	struct sync_member_list members;
	struct listnav nav;
	int height;
};

static int rows_of(const struct mscreen *s)
{
	return (int)(s->asking.n + s->members.n);
}

/* By name, this machine first among a person's: the same on every start
 * (keys recorded in the same second have no order of their own). */
static int by_name(const void *a, const void *b)
{
	const struct sync_member *x = a, *y = b;
	int c = strcmp(x->person, y->person);
	return c ? c : (int)y->me - (int)x->me;
}

static int members_load(struct app *app, void *self)
{
	struct mscreen *s = self;
	struct err e;
	sync_request_list_release(&s->asking);
	sync_member_list_release(&s->members);
	if (sync_requests(app->st, &s->asking, &e) || sync_members(app->st, &s->members, &e)) {
		app_error(app, &e);
		return -1;
	}
	if (s->members.n)
		qsort(s->members.v, s->members.n, sizeof *s->members.v, by_name);
	listnav_fit(&s->nav, rows_of(s), s->height ? s->height : 10);
	return 0;
}

static void members_draw(struct app *app, void *self)
{
	struct mscreen *s = self;
	char line[1024];
	/* TRANSLATORS: machines of members, newcomers asking to join */
	snprintf(line, sizeof line, _("Members: %zu machines · %zu asking to join"), s->members.n, s->asking.n);
	draw_header(app, 1, line);
	int top = 2;
	s->height = app->rows - top - 1;
	if (s->height < 1)
		s->height = 1;
	listnav_fit(&s->nav, rows_of(s), s->height);
	for (int i = s->nav.top; i < rows_of(s) && i - s->nav.top < s->height; i++) {
		struct strbuf row = { 0 };
		enum color c = C_NORMAL;
		if (i < (int)s->asking.n) {
			const struct sync_request *r = &s->asking.v[i];
			sb_addpad(&row, r->name, NAME_COLS);
			sb_addf(&row, " %s  %s", r->fingerprint,
				r->machines ? _("asks to join; this name already has a machine") : _("asks to join"));
			c = C_WARN;
		} else {
			const struct sync_member *m = &s->members.v[i - s->asking.n];
			sb_addpad(&row, m->person, NAME_COLS);
			sb_addf(&row, " %s", m->fingerprint);
			if (m->revoked)
				sb_addf(&row, "  %s", _("removed"));
			if (m->me)
				sb_addf(&row, "  %s", _("this machine"));
			c = m->revoked ? C_DIM : C_NORMAL;
		}
		draw_row(app, top + i - s->nav.top, row.buf, i == s->nav.sel, c);
		sb_release(&row);
	}
}

static bool members_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct mscreen *s = self;
	(void)ch;
	if (listnav_key(&s->nav, a, rows_of(s), s->height))
		return true;
	if (a != ACT_ADMIT)
		return false;
	if (s->nav.sel >= (int)s->asking.n) {
		app_message(app, false, "%s", _("nobody chosen asks to join: choose a line 'asks to join'"));
		return true;
	}
	const struct sync_request *r = &s->asking.v[s->nav.sel];
	char typed[64] = "", label[512];
	snprintf(label, sizeof label, _("The fingerprint %s reads out to you:"), r->name);
	if (!prompt_line(app, label, typed, sizeof typed, NULL, 0) || !typed[0])
		return true;
	if (!identity_fingerprint_begins(r->fingerprint, typed, 4)) {
		app_message(app, true, _("%s does not begin the fingerprint of this request: do not admit it"), typed);
		return true;
	}
	char fp[IDENTITY_FP_SIZE], *as = NULL;
	struct err e;
	snprintf(fp, sizeof fp, "%s", r->fingerprint);
	if (sync_admit(app->st, NULL, fp, NULL, &as, &e)) {
		app_error(app, &e);
		return true;
	}
	app_message(app, false, _("admitted %s: their machine reads the council at its next sync"), as);
	free(as);
	members_load(app, s);
	return true;
}

static void members_close(struct app *app, void *self)
{
	(void)app;
	struct mscreen *s = self;
	sync_request_list_release(&s->asking);
	sync_member_list_release(&s->members);
	free(s);
}

const struct screen_ops screen_members = {
	.id = SCREEN_MEMBERS,
	.open = members_load,
	.draw = members_draw,
	.key = members_key,
	.close = members_close,
};

void open_members(struct app *app)
{
	app_push(app, &screen_members, xcalloc(1, sizeof(struct mscreen)));
}
