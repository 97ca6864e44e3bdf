/*
 * headless: curses draws into its virtual screen on a terminal that
 * writes to /dev/null; the keys come from a script and the screen is read
 * back cell by cell (see headless.h).
 */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/base/base.h"
#include "tui/app/headless.h"

/* The terminal the virtual screen stands for: its size is ours; its kind
 * only decides how curses would write, so any of these does. */
static const char *const term_names[] = { "xterm-256color", "xterm", "vt100" };
#define MIN_SIZE 1
#define MAX_SIZE 1000
#define NAME_MAX_LEN 64

enum event_kind { EV_KEY, EV_DUMP, EV_RESIZE, EV_TICK };

struct event {
	enum event_kind kind;
	int key;                  /* EV_KEY */
	char name[NAME_MAX_LEN];  /* EV_DUMP */
	int cols, rows;           /* EV_RESIZE */
};

static struct {
	SCREEN *screen;
	FILE *out, *in;
	struct event *events;
	size_t n, alloc, next;
	bool ended;
} hl;

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Enter", '\r' }, { "Esc", 27 }, { "Tab", '\t' }, { "Space", ' ' }, { "BS", 127 },
	{ "Del", KEY_DC }, { "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "Home", KEY_HOME }, { "End", KEY_END }, { "PgUp", KEY_PPAGE },
	{ "PgDn", KEY_NPAGE }, { "F1", KEY_F(1) }, { "C-Left", 545 }, { "C-Right", 560 }, { "lt", '<' },
};

static struct event *add(enum event_kind kind)
{
	ALLOC_GROW(hl.events, hl.n + 1, hl.alloc);
	struct event *ev = &hl.events[hl.n++];
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	return ev;
}

static bool parse_size(const char *s, int *cols, int *rows)
{
	char *end;
	long c = strtol(s, &end, 10);
	if (end == s || *end != 'x')
		return false;
	const char *r0 = end + 1;
	long r = strtol(r0, &end, 10);
	if (end == r0 || *end || c < MIN_SIZE || r < MIN_SIZE || c > MAX_SIZE || r > MAX_SIZE)
		return false;
	*cols = (int)c;
	*rows = (int)r;
	return true;
}

/* One <...> of the script, its text between the brackets. */
static int parse_named(const char *t, struct err *e)
{
	if (!strncmp(t, "dump ", 5) && t[5] && strlen(t + 5) < NAME_MAX_LEN) {
		memcpy(add(EV_DUMP)->name, t + 5, strlen(t + 5) + 1);
		return 0;
	}
	if (!strncmp(t, "resize ", 7)) {
		struct event *ev = add(EV_RESIZE);
		if (parse_size(t + 7, &ev->cols, &ev->rows))
			return 0;
		return error(e, E_HEADLESS_SIZE, t + 7);
	}
	if (!strcmp(t, "tick")) {
		add(EV_TICK);
		return 0;
	}
	if (t[0] == 'C' && t[1] == '-' && t[2] >= 'a' && t[2] <= 'z' && !t[3]) {
		add(EV_KEY)->key = t[2] & 0x1f;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(named); i++)
		if (!strcmp(t, named[i].name)) {
			add(EV_KEY)->key = named[i].key;
			return 0;
		}
	return error(e, E_HEADLESS_KEY, t);
}

int headless_script(const char *script, struct err *e)
{
	hl.n = hl.next = 0;
	hl.ended = false;
	for (const char *p = script ? script : ""; *p;) {
		if (*p == '\n') {
			p++;
		} else if (*p == '<') {
			const char *close = strchr(p, '>');
			char t[NAME_MAX_LEN + 16];
			if (!close || (size_t)(close - p - 1) >= sizeof t)
				return error(e, E_HEADLESS_KEY, p + 1);
			snprintf(t, sizeof t, "%.*s", (int)(close - p - 1), p + 1);
			if (parse_named(t, e))
				return -1;
			p = close + 1;
		} else {
			add(EV_KEY)->key = (unsigned char)*p++;
		}
	}
	return 0;
}

int headless_start_at(int cols, int rows, const char *script, struct err *e)
{
	if (headless_script(script, e))
		return -1;
	hl.out = fopen("/dev/null", "w");
	hl.in = fopen("/dev/null", "r");
	if (!hl.out || !hl.in) {
		headless_stop();
		return error(e, E_TERMINAL, "/dev/null");
	}
	for (size_t i = 0; i < ARRAY_SIZE(term_names) && !hl.screen; i++)
		hl.screen = newterm(term_names[i], hl.out, hl.in);
	if (!hl.screen) {
		headless_stop();
		return error(e, E_TERMINAL, term_names[0]);
	}
	set_term(hl.screen);
	resize_term(rows, cols);
	return 0;
}

int headless_start(struct err *e)
{
	const char *size = getenv("GAVEL_HEADLESS");
	int cols, rows;
	if (!size || !parse_size(size, &cols, &rows))
		return error(e, E_HEADLESS_SIZE, size ? size : "");
	return headless_start_at(cols, rows, getenv("GAVEL_SCRIPT"), e);
}

void headless_stop(void)
{
	if (hl.screen) {
		endwin();
		delscreen(hl.screen);
	}
	if (hl.out)
		fclose(hl.out);
	if (hl.in)
		fclose(hl.in);
	free(hl.events);
	memset(&hl, 0, sizeof hl);
}

bool headless_on(void)
{
	return hl.screen != NULL;
}

bool headless_ended(void)
{
	return hl.ended;
}

int headless_key(void)
{
	while (hl.next < hl.n) {
		const struct event *ev = &hl.events[hl.next++];
		switch (ev->kind) {
		case EV_KEY:
			return ev->key;
		case EV_TICK:
			return ERR;
		case EV_RESIZE:
			resize_term(ev->rows, ev->cols);
			return KEY_RESIZE;
		case EV_DUMP:
			headless_dump(stdout, ev->name);
			break;
		}
	}
	hl.ended = true;
	return ERR;
}

/* The character curses shows for a line-drawing cell (ACS_HLINE is 'q'
 * with A_ALTCHARSET in the cell). */
static wchar_t line_drawing(wchar_t c)
{
	static const struct {
		char acs;
		wchar_t shown;
	} map[] = {
		{ 'q', L'─' }, { 'x', L'│' }, { 'l', L'┌' }, { 'k', L'┐' }, { 'm', L'└' }, { 'j', L'┘' },
		{ 't', L'├' }, { 'u', L'┤' }, { 'v', L'┴' }, { 'w', L'┬' }, { 'n', L'┼' }, { '~', L'·' },
	};
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].acs == c)
			return map[i].shown;
	return c;
}

void headless_dump(FILE *f, const char *name)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	struct strbuf line = { 0 };
	fprintf(f, "=== %s\n", name);
	for (int y = 0; y < rows; y++) {
		sb_reset(&line);
		for (int x = 0; x < cols; x++) {
			cchar_t cell;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t attrs = 0;
			short pair;
			if (mvwin_wch(stdscr, y, x, &cell) == ERR || getcchar(&cell, wch, &attrs, &pair, NULL) == ERR ||
			    !wch[0])
				wch[0] = L' ';
			if (attrs & A_ALTCHARSET)
				wch[0] = line_drawing(wch[0]);
			for (int k = 0; k < CCHARW_MAX && wch[k]; k++) {
				char mb[MB_LEN_MAX];
				mbstate_t ps = { 0 };
				size_t n = wcrtomb(mb, wch[k], &ps);
				if (n != (size_t)-1)
					sb_add(&line, mb, n);
			}
			/* a wide character fills the cells after it */
			int w = wcwidth(wch[0]);
			if (w > 1)
				x += w - 1;
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(f, "%s\n", line.len ? line.buf : "");
	}
	sb_release(&line);
	fflush(f);
}
