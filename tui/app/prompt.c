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
	unsigned on;
	int scroll;
};

static void help_draw(struct app *app, void *self)
{
	struct help *h = self;
	int y = 2 - h->scroll;
	draw_color(app, C_HEADER, true);
	if (y >= 1)
		draw_text(y, 2, _("Keys of this screen"), app->cols - 4);
	draw_color(app, C_HEADER, false);
	y += 2;
	for (int i = 0; i < keydef_count; i++) {
		const struct keydef *k = &keydefs[i];
		if (!(k->on & h->on))
			continue;
		if (y >= 1 && y < app->rows - 1) {
			draw_text(y, 4, k->name, 14);
			draw_text(y, 20, _(k->help), app->cols - 22);
		}
		y++;
	}
}

static bool help_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct help *h = self;
	(void)app;
	if (a == ACT_DOWN || a == ACT_PAGE_DOWN) {
		h->scroll += a == ACT_DOWN ? 1 : 10;
		return true;
	}
	if (a == ACT_UP || a == ACT_PAGE_UP) {
		h->scroll -= a == ACT_UP ? 1 : 10;
		if (h->scroll < 0)
			h->scroll = 0;
		return true;
	}
	if (a == ACT_BACK || a == ACT_QUIT || a == ACT_HELP || ch == 'q') {
		app_pop(app);
		return true;
	}
	return false;
}

static void help_close(struct app *app, void *self)
{
	(void)app;
	free(self);
}

const struct screen_ops screen_help = {
	.name = N_("Help"),
	.on = ON_LIST,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	.hint = N_("↑↓ scroll  q back"),
};

void open_help(struct app *app, unsigned on)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->on = on;
	app_push(app, &screen_help, h);
}
