/*
 * screen_search: full-text search from anywhere (/). Hits are ranked, each
 * with its context; Enter on a note or a decision opens its meeting at the
 * item, and / searches again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "tui/app/tui.h"

struct sscreen {
	char query[512];
	struct hit_list hits;
	int sel;
};

static int search_open(struct app *app, void *self)
{
	struct sscreen *s = self;
	struct err e;
	hit_list_release(&s->hits);
	if (store_search(app->st, s->query, 100, &s->hits, &e)) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	if (s->sel >= (int)s->hits.n)
		s->sel = 0;
	if (!s->hits.n)
		app_message(app, false, _("no matches for %s"), s->query);
	return 0;
}

static void search_draw(struct app *app, void *self)
{
	struct sscreen *s = self;
	char line[1024];
	snprintf(line, sizeof line, _("Search: %s — %zu hits"), s->query, s->hits.n);
	draw_color(app, C_HEADER, true);
	draw_text(1, 1, line, app->cols - 2);
	draw_color(app, C_HEADER, false);
	int per = 2, height = (app->rows - 3) / per;
	int first = s->sel >= height ? s->sel - height + 1 : 0;
	for (int i = first; i < (int)s->hits.n && i - first < height; i++) {
		const struct hit *h = &s->hits.v[i];
		int y = 2 + (i - first) * per;
		bool sel = i == s->sel;
		struct strbuf sb = { 0 };
		sb_addpad(&sb, status_name(OF_HIT, h->kind), 8);
		sb_addf(&sb, " %-22s %s", h->ref, h->title ? h->title : "");
		if (sel)
			draw_color(app, C_SELECTED, true);
		draw_fill(y, 0, app->cols);
		draw_text(y, 1, sb.buf, app->cols - 2);
		sb_release(&sb);
		if (sel)
			draw_color(app, C_SELECTED, false);
		draw_color(app, C_DIM, true);
		draw_text(y + 1, 10, h->snippet ? h->snippet : "", app->cols - 11);
		draw_color(app, C_DIM, false);
	}
}

static bool search_key(struct app *app, void *self, int ch, enum key_action a)
{
	(void)ch;
	struct sscreen *s = self;
	switch (a) {
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return true;
	case ACT_DOWN:
		if (s->sel + 1 < (int)s->hits.n)
			s->sel++;
		return true;
	case ACT_TOP:
		s->sel = 0;
		return true;
	case ACT_BOTTOM:
		s->sel = s->hits.n ? (int)s->hits.n - 1 : 0;
		return true;
	case ACT_SEARCH:
		if (prompt_line(app, _("Search:"), s->query, sizeof s->query, NULL, 0) && s->query[0]) {
			s->sel = 0;
			search_open(app, s);
		}
		return true;
	case ACT_ENTER: {
		if (!s->hits.n)
			return true;
		const struct hit *h = &s->hits.v[s->sel];
		if (h->meeting)
			open_meeting_at(app, h->meeting, h->item);
		else
			app_message(app, false, "%s %s: %s", status_name(OF_HIT, h->kind), h->ref, h->snippet ? h->snippet : "");
		return true;
	}
	default:
		return false;
	}
}

static void search_close(struct app *app, void *self)
{
	(void)app;
	struct sscreen *s = self;
	hit_list_release(&s->hits);
	free(s);
}

const struct screen_ops screen_search = {
	.id = SCREEN_SEARCH,
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.close = search_close,
};

void open_search(struct app *app)
{
	struct sscreen *s = xcalloc(1, sizeof *s);
	if (!prompt_line(app, _("Search:"), s->query, sizeof s->query, NULL, 0) || !s->query[0]) {
		free(s);
		return;
	}
	app_push(app, &screen_search, s);
}
