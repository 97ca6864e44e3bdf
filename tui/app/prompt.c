/* widgets: the one-line prompt with name completion, and the help screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app/tui.h"

/* Removes the last UTF-8 character of buf. */
static void pop_char(char *buf)
{
	size_t n = strlen(buf);
	while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	buf[n] = '\0';
}

/* How a candidate matches the typed text: 2 at its start, 1 at the start
 * of a later word ("berg" in "Anna Bergström"), 0 not at all. */
static int match_rank(const char *cand, const char *typed_folded)
{
	char *c = text_fold(cand);
	size_t tl = strlen(typed_folded);
	int rank = !strncmp(c, typed_folded, tl) ? 2 : 0;
	for (char *sp = strchr(c, ' '); !rank && sp; sp = strchr(sp + 1, ' '))
		rank = !strncmp(sp + 1, typed_folded, tl) ? 1 : 0;
	free(c);
	return rank;
}

/*
 * Completes buf with the next candidate: Tab again cycles. Names that start
 * with what was typed come first, then names with a later word that does.
 * An untouched prefilled answer cycles through every candidate.
 */
static void complete_word(char *buf, size_t size, const char *const *cands, int n, int *cycle,
			  char *typed, size_t typed_size, bool untouched)
{
	if (*cycle < 0 && untouched) {
		typed[0] = '\0';
		for (int i = 0; i < n; i++)
			if (!strcmp(cands[i], buf))
				*cycle = i;
	} else if (*cycle < 0) {
		snprintf(typed, typed_size, "%s", buf);
	}
	char *t = text_fold(typed);
	int *order = xcalloc((size_t)n, sizeof *order), m = 0;
	for (int rank = 2; rank >= 1; rank--)
		for (int i = 0; i < n; i++)
			if (match_rank(cands[i], t) == rank)
				order[m++] = i;
	free(t);
	if (m > 0) {
		*cycle = (*cycle + 1) % m;
		snprintf(buf, size, "%s", cands[order[*cycle]]);
	}
	free(order);
}

bool prompt_line(struct app *app, const char *label, char *buf, size_t size,
		 const char *const *complete, int ncomplete)
{
	int cycle = -1;
	char typed[256] = "";
	bool ok = false, untouched = true;
	curs_set(1);
	for (;;) {
		int y = app->rows - 1;
		draw_color(app, C_STATUS, true);
		draw_fill(y, 0, app->cols);
		int x = draw_text(y, 1, label, app->cols / 2) + 2;
		/* show the end of the text if it is long */
		const char *shown = buf;
		while (text_width(shown) > app->cols - x - 2 && *shown)
			shown++;
		int w = draw_text(y, x, shown, app->cols - x - 1);
		draw_color(app, C_STATUS, false);
		move(y, x + w);
		refresh();
		int ch = app_read_key(app);
		if (app_hangup())
			break; /* Esc: the caller changes nothing */
		if (ch == ERR || ch == KEY_RESIZE) {
			if (ch == KEY_RESIZE) {
				getmaxyx(stdscr, app->rows, app->cols);
				erase();
			}
			continue;
		}
		if (ch == 27) {
			break;
		} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
			ok = true;
			break;
		} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
			pop_char(buf);
			cycle = -1;
			untouched = false;
		} else if (ch == ('u' & 0x1f)) {
			buf[0] = '\0';
			cycle = -1;
			untouched = false;
		} else if (ch == '\t' && complete && ncomplete > 0) {
			complete_word(buf, size, complete, ncomplete, &cycle, typed, sizeof typed, untouched);
		} else if (ch == KEY_PASTE) {
			size_t n = strlen(buf);
			for (size_t i = 0; i < app->paste.len && n + 1 < size; i++)
				if (app->paste.buf[i] != '\n' && app->paste.buf[i] != '\r')
					buf[n++] = app->paste.buf[i];
			buf[n] = '\0';
			cycle = -1;
			untouched = false;
		} else if (ch >= 0x20 && ch < 0x100 && ch != 0x7f) {
			size_t n = strlen(buf);
			if (n + 1 < size) {
				buf[n] = (char)ch;
				buf[n + 1] = '\0';
			}
			cycle = -1;
			untouched = false;
		}
	}
	curs_set(0);
	/* a partial UTF-8 character at the end (full buffer) is dropped */
	if (!text_valid(buf))
		pop_char(buf);
	return ok;
}

/* ---- help: the keys of the screen below, from the key table ---- */
struct help {
	enum screen_id of; /* the screen whose keys are shown */
	int scroll;
	int lines; /* as many as the last draw had */
};

/* Draws the rows of the key table where `on` applies from line y (some
 * maybe above or below the screen); returns the line after them. */
static int help_rows(struct app *app, int y, unsigned on)
{
	for (int i = 0; i < keydef_count; i++) {
		const struct keydef *k = &keydefs[i];
		if (!(k->on & on))
			continue;
		if (y >= 1 && y < app->rows - 1) {
			draw_text(y, 4, keys_label(k), 14);
			draw_text(y, 20, _(k->help), app->cols - 22);
		}
		y++;
	}
	return y;
}

static void help_heading(struct app *app, int y, const char *text)
{
	if (y >= 1 && y < app->rows - 1)
		draw_header(app, y, text);
}

static void help_draw(struct app *app, void *self)
{
	struct help *h = self;
	int y0 = 2 - h->scroll, y = y0;
	help_heading(app, y, _("Keys of this screen"));
	y = help_rows(app, y + 2, screen_infos[h->of].on);
	/* and of its modes, each under its title */
	for (int s = 0; s < SCREEN_COUNT; s++) {
		if (screen_infos[s].of != h->of || s == (int)h->of)
			continue;
		help_heading(app, y + 1, _(screen_infos[s].title));
		y = help_rows(app, y + 3, screen_infos[s].on);
	}
	h->lines = y - y0;
}

static bool help_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct help *h = self;
	int page = app->rows - 3, last = h->lines > page ? h->lines - page : 0;
	(void)ch;
	switch (a) {
	case ACT_DOWN: h->scroll++; break;
	case ACT_PAGE_DOWN: h->scroll += page; break;
	case ACT_UP: h->scroll--; break;
	case ACT_PAGE_UP: h->scroll -= page; break;
	case ACT_TOP: h->scroll = 0; break;
	case ACT_BOTTOM: h->scroll = last; break;
	case ACT_BACK:
		app_pop(app);
		return true;
	default:
		return false;
	}
	if (h->scroll > last)
		h->scroll = last;
	if (h->scroll < 0)
		h->scroll = 0;
	return true;
}

static void help_close(struct app *app, void *self)
{
	(void)app;
	free(self);
}

const struct screen_ops screen_help = {
	.id = SCREEN_HELP,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
};

void open_help(struct app *app, enum screen_id s)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->of = screen_infos[s].of;
	app_push(app, &screen_help, h);
}
