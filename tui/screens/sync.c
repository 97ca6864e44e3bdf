/*
 * screen_sync: sync from the interface and the conflicts screen. S syncs
 * with the council's shared folder (also at start and at quit, when the
 * council is shared); the title line tells the last sync and the open
 * conflicts. The conflicts screen shows each field two members changed at
 * the same time, both values and who wrote them; c keeps the current
 * value, o the other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"
#include "tui/app/tui.h"

void sync_line_update(struct app *app)
{
	struct sync_status s = { 0 };
	struct err e;
	app->sync_line[0] = '\0';
	if (sync_status(app->st, &s, &e))
		app_error(app, &e);
	if (!s.shared) {
		sync_status_release(&s);
		return;
	}
	char when[16] = "";
	if (s.last && strlen(s.last) >= 16)
		snprintf(when, sizeof when, "%.5s", s.last + 11); /* HH:MM UTC */
	if (s.conflicts)
		/* TRANSLATORS: the time, the number of conflicts, the key of the conflicts screen */
		snprintf(app->sync_line, sizeof app->sync_line,
			 ngettext("synced %s UTC · %ld conflict (%s)", "synced %s UTC · %ld conflicts (%s)",
				  (unsigned long)s.conflicts),
			 when[0] ? when : _("never"), s.conflicts, keys_first(ACT_GO(SCREEN_CONFLICTS), ON_HOME));
	else
		snprintf(app->sync_line, sizeof app->sync_line, _("synced %s UTC"), when[0] ? when : _("never"));
	sync_status_release(&s);
}

bool tui_sync(struct app *app, bool quiet)
{
	struct sync_status st = { 0 };
	struct sync_summary sum = { 0 };
	struct err e;
	if (sync_status(app->st, &st, &e)) {
		sync_status_release(&st);
		app_error(app, &e);
		return false;
	}
	bool shared = st.shared;
	sync_status_release(&st);
	if (!shared) {
		if (!quiet)
			app_refuse(app, E_NOT_SHARED);
		return false;
	}
	int rc = sync_run(app->st, NULL, &sum, &e);
	if (rc)
		app_message(app, true, "%s", e.msg);
	else if (!quiet || sum.received || sum.conflicts_new || sum.refused)
		app_message(app, sum.refused > 0, _("synced: %ld changes sent, %ld received, %ld new conflicts%s%s"),
			    sum.sent, sum.received, sum.conflicts_new, sum.notes.n ? " · " : "",
			    sum.notes.n ? sum.notes.v[0] : "");
	sync_summary_release(&sum);
	sync_line_update(app);
	return rc == 0;
}

struct cscreen {
	struct sync_conflict_list list;
	struct listnav nav;
	int height;
};

static int conflicts_load(struct app *app, void *self)
{
	struct cscreen *s = self;
	struct err e;
	sync_conflict_list_release(&s->list);
	if (sync_conflicts(app->st, &s->list, &e)) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	listnav_fit(&s->nav, (int)s->list.n, s->height ? s->height : 10);
	return 0;
}

static void conflicts_draw(struct app *app, void *self)
{
	struct cscreen *s = self;
	char line[2048];
	snprintf(line, sizeof line,
		 ngettext("Conflicts: %zu field changed by two members at the same time",
			  "Conflicts: %zu fields changed by two members at the same time", (unsigned long)s->list.n),
		 s->list.n);
	draw_header(app, 1, line);
	int top = 2, detail = 7;
	s->height = app->rows - top - 1 - detail - 1;
	if (s->height < 1)
		s->height = 1;
	listnav_fit(&s->nav, (int)s->list.n, s->height);
	if (!s->list.n)
		draw_text(top, 3, _("no conflicts"), app->cols - 4);
	for (int i = s->nav.top; i < (int)s->list.n && i - s->nav.top < s->height; i++) {
		const struct sync_conflict *c = &s->list.v[i];
		snprintf(line, sizeof line, "%.8s  %s · %s", c->id, c->what, c->field);
		draw_row(app, top + i - s->nav.top, line, i == s->nav.sel, C_WARN);
	}
	if (!s->list.n)
		return;
	const struct sync_conflict *c = &s->list.v[s->nav.sel];
	int y = top + s->height, w = app->cols - 4;
	draw_hline(y++, 0, app->cols);
	/* TRANSLATORS: the key that keeps this value, who wrote it, when */
	snprintf(line, sizeof line, _("%s current, by %s at %s:"), keys_first(ACT_KEEP_CURRENT, ON_CONFLICTS),
		 c->current_by ? c->current_by : "?",
		 c->current_when ? c->current_when : "?");
	draw_header(app, y++, line);
	draw_text(y++, 3, c->current ? c->current : _("(no value)"), w);
	/* TRANSLATORS: the key that keeps this value, who wrote it, when */
	snprintf(line, sizeof line, _("%s other, by %s at %s:"), keys_first(ACT_KEEP_OTHER, ON_CONFLICTS),
		 c->other_by ? c->other_by : "?",
		 c->other_when ? c->other_when : "?");
	draw_header(app, y++, line);
	draw_text(y++, 3, c->other ? c->other : _("(no value)"), w);
}

static bool conflicts_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct cscreen *s = self;
	(void)ch;
	if (listnav_key(&s->nav, a, (int)s->list.n, s->height))
		return true;
	if (a == ACT_MEMBERS) {
		open_members(app);
		return true;
	}
	if (a != ACT_KEEP_CURRENT && a != ACT_KEEP_OTHER)
		return false;
	if (!s->list.n)
		return true; /* nothing left to settle */
	struct err e;
	char id[17];
	snprintf(id, sizeof id, "%s", s->list.v[s->nav.sel].id);
	if (app_tx_begin(app) &&
	    app_tx_end(app, sync_conflict_resolve(app->st, id, a == ACT_KEEP_CURRENT ? "current" : "other", &e), &e)) {
		app_message(app, false, _("conflict %.8s settled: it travels at the next sync"), id);
		conflicts_load(app, s);
		sync_line_update(app);
	}
	return true;
}

static void conflicts_close(struct app *app, void *self)
{
	(void)app;
	struct cscreen *s = self;
	sync_conflict_list_release(&s->list);
	free(s);
}

const struct screen_ops screen_conflicts = {
	.id = SCREEN_CONFLICTS,
	.open = conflicts_load,
	.draw = conflicts_draw,
	.key = conflicts_key,
	.close = conflicts_close,
};

void open_conflicts(struct app *app)
{
	app_push(app, &screen_conflicts, xcalloc(1, sizeof(struct cscreen)));
}
