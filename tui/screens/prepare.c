/*
 * screen_prepare: the chair prepares a meeting's agenda. The standard
 * opening and closing items, the screened proposals and the actions due
 * by the meeting's day are offered, each chosen unless it is on the
 * agenda already; Space leaves one out or takes it back, A puts the
 * chosen ones on the agenda in the conventional order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/meeting.h"
#include "core/prepare.h"
#include "tui/app/tui.h"

struct prep {
	char ref[MEETING_NAME_SIZE];
	char meeting_id[ID_LEN + 1]; /* the meeting ref names, found on loading */
	struct offers offers;
	bool *chosen;
	struct listnav nav;
	int height;
};

static int prepare_load(struct app *app, void *self)
{
	struct prep *s = self;
	struct err e;
	struct offers o = { 0 };
	struct meeting m;
	int rc = meeting_resolve(app->st, s->ref, &m, &e);
	if (!rc) {
		memcpy(s->meeting_id, m.id, sizeof s->meeting_id);
		meeting_release(&m);
		rc = prepare_offers(app->st, s->meeting_id, &o, &e);
	}
	if (rc) {
		app_message(app, true, "%s", e.msg);
		offers_release(&o);
		return -1;
	}
	offers_release(&s->offers);
	free(s->chosen);
	s->offers = o;
	s->chosen = xcalloc(o.n ? o.n : 1, sizeof *s->chosen);
	for (size_t i = 0; i < o.n; i++)
		s->chosen[i] = !o.v[i].on_agenda;
	listnav_fit(&s->nav, (int)o.n, s->height ? s->height : 10);
	return 0;
}

static const char *kind_name(enum offer_kind k)
{
	static const char *const names[] = { N_("opening"), N_("proposal"), N_("action"), N_("closing") };
	return _(names[k]);
}

static void prepare_draw(struct app *app, void *self)
{
	struct prep *s = self;
	char line[2048];
	size_t n = 0;
	for (size_t i = 0; i < s->offers.n; i++)
		n += s->chosen[i] && !s->offers.v[i].on_agenda;
	snprintf(line, sizeof line, _("Agenda of %s: %zu chosen to add · [=] already on the agenda"), s->ref, n);
	draw_header(app, 1, line);
	int top = 2;
	s->height = app->rows - top - 1;
	listnav_fit(&s->nav, (int)s->offers.n, s->height);
	for (int i = s->nav.top; i < (int)s->offers.n && i - s->nav.top < s->height; i++) {
		const struct offer *f = &s->offers.v[i];
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s ", f->on_agenda ? "[=]" : s->chosen[i] ? "[x]" : "[ ]");
		sb_addpad(&sb, kind_name(f->kind), 9);
		sb_addf(&sb, " %s", f->title);
		if (f->detail)
			sb_addf(&sb, " — %s", f->detail);
		draw_row(app, top + i - s->nav.top, sb.buf, i == s->nav.sel, f->on_agenda ? C_DIM : C_NORMAL);
		sb_release(&sb);
	}
}

static void apply(struct app *app, struct prep *s)
{
	struct err e;
	int added = 0;
	if (app_read_only(app) || !app_tx_begin(app))
		return;
	if (app_tx_end(app, prepare_apply(app->st, s->meeting_id, &s->offers, s->chosen, &added, &e), &e)) {
		char ref[MEETING_NAME_SIZE];
		snprintf(ref, sizeof ref, "%s", s->ref);
		app_pop(app);
		app_message(app, false, ngettext("%d item added to the agenda of %s", "%d items added to the agenda of %s", (unsigned long)added), added, ref);
	}
}

static bool prepare_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct prep *s = self;
	(void)ch;
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && listnav_click(&s->nav, ev.y, 2, (int)s->offers.n))
			a = ACT_TOGGLE;
		else
			return true;
	}
	if (listnav_key(&s->nav, a, (int)s->offers.n, s->height))
		return true;
	switch (a) {
	case ACT_TOGGLE:
		if (s->offers.n && !s->offers.v[s->nav.sel].on_agenda)
			s->chosen[s->nav.sel] = !s->chosen[s->nav.sel];
		else if (s->offers.n)
			app_refuse(app, E_OFFER_ON_AGENDA, s->offers.v[s->nav.sel].title);
		if (s->nav.sel + 1 < (int)s->offers.n)
			s->nav.sel++;
		return true;
	case ACT_APPLY:
		apply(app, s);
		return true;
	default:
		return false;
	}
}

static void prepare_close(struct app *app, void *self)
{
	(void)app;
	struct prep *s = self;
	offers_release(&s->offers);
	free(s->chosen);
	free(s);
}

const struct screen_ops screen_prepare = {
	.id = SCREEN_PREPARE,
	.open = prepare_load,
	.draw = prepare_draw,
	.key = prepare_key,
	.close = prepare_close,
};

void open_prepare(struct app *app, const char *ref)
{
	struct prep *s = xcalloc(1, sizeof *s);
	snprintf(s->ref, sizeof s->ref, "%s", ref);
	app_push(app, &screen_prepare, s);
}
