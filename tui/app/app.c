/*
 * app: the main loop of the interface: the screen stack, input (with
 * bracketed paste), resize, signals, and the title and status lines.
 *
 * Nothing typed is lost: the loop wakes four times a second to let the top
 * screen save (tick), and SIGTERM or SIGHUP only set a flag that makes the
 * loop save every screen and leave cleanly.
 */
#include <assert.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"
#include "tui/app/headless.h"
#include "tui/app/tui.h"

#define MIN_COLS 40
#define MIN_ROWS 12

static volatile sig_atomic_t got_signal;

bool app_read_only(struct app *app)
{
	if (sync_may_write_minutes(app->st))
		return false;
	app_refuse(app, E_READ_ONLY);
	return true;
}

void open_every_decision(struct app *app)
{
	open_decisions(app, NULL);
}

void open_every_action(struct app *app)
{
	open_actions(app, NULL);
}

#define SCREEN_ROW(id, key, on, title, help, man, of, open) \
	[SCREEN_##id] = { key, on, title, help, man, SCREEN_##of, open },
const struct screen_info screen_infos[SCREEN_COUNT] = { SCREEN_INFO(SCREEN_ROW) };

static void on_signal(int sig)
{
	got_signal = sig;
}

void app_push(struct app *app, const struct screen_ops *ops, void *self)
{
	if (app->depth >= MAX_SCREENS) {
		if (ops->close)
			ops->close(app, self);
		return;
	}
	app->stack[app->depth].ops = ops;
	app->stack[app->depth].self = self;
	app->depth++;
	if (ops->open && ops->open(app, self) < 0) {
		app->depth--;
		if (ops->close)
			ops->close(app, self);
	}
}

void app_pop(struct app *app)
{
	if (app->depth == 0)
		return;
	app->depth--;
	const struct screen_ops *ops = app->stack[app->depth].ops;
	void *self = app->stack[app->depth].self;
	if (ops->save)
		ops->save(app, self);
	if (ops->close)
		ops->close(app, self);
	/* the screen below shows fresh data */
	if (app->depth > 0) {
		const struct screen_ops *below = app->stack[app->depth - 1].ops;
		if (below->open)
			below->open(app, app->stack[app->depth - 1].self);
	}
}

void app_message(struct app *app, bool is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = is_error;
}

void app_error(struct app *app, const struct err *e)
{
	app_message(app, true, "%s", e->msg);
}

enum screen_id app_where(const struct app *app)
{
	assert(app->depth > 0);
	const struct screen_ops *top = app->stack[app->depth - 1].ops;
	return top->mode ? top->mode(app->stack[app->depth - 1].self) : top->id;
}

bool app_tx_begin(struct app *app)
{
	struct err e;
	if (store_begin(app->st, &e)) {
		app_error(app, &e);
		return false;
	}
	return true;
}

bool app_tx_end(struct app *app, int rc, struct err *e)
{
	struct err ce;
	if (rc) {
		store_rollback(app->st);
		app_error(app, e);
		return false;
	}
	if (store_commit(app->st, &ce)) {
		app_error(app, &ce);
		return false;
	}
	return true;
}

void app_goto(struct app *app, enum screen_id s)
{
	assert((int)s < SCREEN_TOP_COUNT);
	while (app->depth > 1)
		app_pop(app);
	if (screen_infos[s].open)
		screen_infos[s].open(app);
}

static void save_all(struct app *app)
{
	for (int i = app->depth - 1; i >= 0; i--)
		if (app->stack[i].ops->save)
			app->stack[i].ops->save(app, app->stack[i].self);
}

/* The room for a tab: its key and its title. */
#define TAB_SIZE 64

/* The tabs of the top-level screens in the title line, "1 Home  2 Meetings
 * …", from x0 to the right edge; false (nothing drawn) if they do not fit. */
static bool draw_tabs(struct app *app, int x0)
{
	char tabs[SCREEN_TOP_COUNT][TAB_SIZE];
	int width = 0;
	for (int s = 0; s < SCREEN_TOP_COUNT; s++) {
		snprintf(tabs[s], sizeof tabs[s], "%c %s", screen_infos[s].key, _(screen_infos[s].title));
		width += text_width(tabs[s]) + 2;
	}
	if (app->cols - x0 - 4 <= width)
		return false;
	for (int s = 0, x = app->cols - width; s < SCREEN_TOP_COUNT; s++)
		x += draw_text(0, x, tabs[s], text_width(tabs[s])) + 2;
	return true;
}

static void draw_frame(struct app *app)
{
	/* title line */
	draw_color(app, C_TITLE, true);
	draw_fill(0, 0, app->cols);
	int x = draw_text(0, 1, app->council, app->cols / 2);
	for (int i = 1; i < app->depth; i++) {
		x += draw_text(0, 1 + x, " › ", 3);
		x += draw_text(0, 1 + x, _(screen_infos[app->stack[i].ops->id].title), app->cols - x - 2);
	}
	/* the sync state, else the top-level screens and their keys, where
	 * there is room */
	if (app->sync_line[0] && app->cols - x - 4 > text_width(app->sync_line) + 2) {
		int sw = text_width(app->sync_line);
		draw_text(0, app->cols - sw - 1, app->sync_line, sw);
	} else if (app->stack[0].ops == &screen_home) {
		draw_tabs(app, x);
	}
	draw_color(app, C_TITLE, false);
	/* status line: a message, or the keys */
	int y = app->rows - 1;
	enum color c = app->message[0] && app->message_is_error ? C_ERROR : C_STATUS;
	draw_color(app, c, true);
	draw_fill(y, 0, app->cols);
	draw_text(y, 1, app->message[0] ? app->message : keys_hint(app_where(app), app->cols - 2), app->cols - 2);
	draw_color(app, c, false);
}

static void draw_too_small(struct app *app)
{
	erase();
	const char *msg = _("terminal too small: gavel needs 40×12");
	draw_text(0, 0, msg, app->cols);
	draw_text(1 < app->rows ? 1 : 0, 0, _("enlarge it, or press q"), app->cols);
}

static void redraw(struct app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	if (app->cols < MIN_COLS || app->rows < MIN_ROWS) {
		draw_too_small(app);
		refresh();
		return;
	}
	erase();
	const struct screen_ops *top = app->stack[app->depth - 1].ops;
	app->cursor_y = app->cursor_x = -1;
	top->draw(app, app->stack[app->depth - 1].self);
	draw_frame(app);
	/* the cursor where the screen wants it (after the frame moved it) */
	if (app->cursor_y >= 0) {
		move(app->cursor_y, app->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

bool app_hangup(void)
{
	return got_signal != 0 || headless_ended();
}

/*
 * Reads one key. A bracketed paste (ESC [ 200 ~ … ESC [ 201 ~) arrives as
 * KEY_PASTE with its text in app->paste, however large.
 */
int app_read_key(struct app *app)
{
	if (headless_on())
		return headless_key();
	int ch = getch();
	if (ch == ERR) {
		/* a terminal that went away (its window closed, the connection
		 * lost) reads as no key forever: take it as SIGHUP */
		struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
		if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
			got_signal = SIGHUP;
	}
	if (ch != 27)
		return ch;
	/* an escape sequence curses did not know: is it a paste? */
	static const char start[] = "[200~";
	int buf[8], n = 0;
	nodelay(stdscr, TRUE);
	while (n < 5) {
		int c = getch();
		if (c == ERR || c != start[n]) {
			if (c != ERR)
				buf[n++] = c;
			break;
		}
		buf[n++] = c;
	}
	if (n == 5) {
		static const char end[] = "\x1b[201~";
		size_t matched = 0;
		sb_reset(&app->paste);
		timeout(1000);
		for (;;) {
			int c = getch();
			if (c == ERR)
				break; /* the terminal stopped mid-paste: keep what came */
			if ((char)c == end[matched]) {
				if (++matched == sizeof end - 1)
					break;
				continue;
			}
			if (matched)
				sb_add(&app->paste, end, matched);
			matched = (char)c == end[0] ? 1 : 0;
			if (!matched)
				sb_addc(&app->paste, (char)c);
		}
		timeout(250);
		return KEY_PASTE;
	}
	/* not a paste: give the bytes back, newest last */
	for (int i = n - 1; i >= 0; i--)
		ungetch(buf[i]);
	timeout(250);
	if (n == 0)
		return 27;
	/* Alt-key or an unknown sequence: report plain Esc only if alone */
	return 27;
}

static void setup_colors(struct app *app)
{
	const char *no = getenv("NO_COLOR");
	app->color = has_colors() && !(no && *no);
	if (!app->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(C_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_DIM, COLOR_WHITE, -1);
	init_pair(C_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(C_OK, COLOR_GREEN, -1);
	init_pair(C_WARN, COLOR_YELLOW, -1);
	init_pair(C_STATUS, COLOR_BLACK, COLOR_WHITE);
	init_pair(C_HEADER, COLOR_CYAN, -1);
}

bool tui_headless(void)
{
	const char *size = getenv("GAVEL_HEADLESS");
	return size && *size;
}

/* Starts curses on the terminal, or on the headless screen; -1 with e. */
static int start_curses(bool headless, struct err *e)
{
	if (headless)
		return headless_start(e);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!initscr()) {
		const char *term = getenv("TERM");
		return error(e, E_TERMINAL, term && *term ? term : "?");
	}
	return 0;
}

/* Reads what the main loop reads before it starts: the council's name (the
 * welcome screen when there is none). False with e on a database error. */
static bool read_council(struct app *app, bool *welcome, struct err *e)
{
	char *name = NULL;
	int rc = store_council_get(app->st, &name, e);
	*welcome = rc == 1;
	snprintf(app->council, sizeof app->council, "%s", rc == 0 ? name : "gavel");
	free(name);
	return rc >= 0;
}

/* Hands a key to the top screen, else does what every screen does. */
static void handle_key(struct app *app, int ch)
{
	const struct screen_ops *top = app->stack[app->depth - 1].ops;
	void *self = app->stack[app->depth - 1].self;
	enum screen_id where = app_where(app);
	enum key_action a = keys_action(ch, screen_infos[where].on);
	if (top->key && top->key(app, self, ch, a)) {
		/* a steady typist never lets the wait for a key time out:
		 * the autosave's clock is checked after every key as well */
		if (app->depth > 0 && app->stack[app->depth - 1].ops == top && app->stack[app->depth - 1].self == self &&
		    top->tick)
			top->tick(app, self);
		return;
	}
	int go = act_go_screen(a);
	if (a == ACT_HELP)
		open_help(app, where);
	else if (a == ACT_SEARCH)
		open_search(app);
	else if (go >= 0)
		app_goto(app, (enum screen_id)go);
	else if (a == ACT_SYNC) {
		save_all(app);
		if (tui_sync(app, false) && app->depth > 0 && app->stack[app->depth - 1].ops->open)
			app->stack[app->depth - 1].ops->open(app, app->stack[app->depth - 1].self);
	} else if (a == ACT_QUIT)
		app->quit = true;
	else if (a == ACT_BACK)
		app_pop(app);
}

int tui_run(struct store *st)
{
	struct app app = { .st = st };
	struct err e;
	bool welcome, headless = tui_headless();
	if (!read_council(&app, &welcome, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		return error_exit_status(e.code);
	}
	clock_today(app.today);

	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (start_curses(headless, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		return error_exit_status(e.code);
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(250);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	setup_colors(&app);
	if (!headless) {
		printf("\033[?2004h"); /* bracketed paste on */
		fflush(stdout);
	}

	/* a shared council syncs at start and at quit */
	if (!welcome) {
		tui_sync(&app, true);
		sync_line_update(&app);
	}
	app_push(&app, welcome ? &screen_welcome : &screen_home, NULL);
	while (app.depth > 0 && !app.quit && !app_hangup()) {
		redraw(&app);
		int ch = app_read_key(&app);
		if (app_hangup())
			break;
		if (ch == ERR) {
			const struct screen_ops *top = app.stack[app.depth - 1].ops;
			if (top->tick)
				top->tick(&app, app.stack[app.depth - 1].self);
			continue;
		}
		if (ch == KEY_RESIZE)
			continue; /* redrawn at the top of the loop */
		app.message[0] = '\0';
		if (app.cols < MIN_COLS || app.rows < MIN_ROWS) {
			/* too small to show a screen: only q, which quits */
			if (ch == 'q') {
				save_all(&app);
				app.quit = true;
			}
			continue;
		}
		handle_key(&app, ch);
	}
	save_all(&app);
	if (!app_hangup() && app.stack[0].ops != &screen_welcome)
		tui_sync(&app, true);
	while (app.depth > 0) {
		app.depth--;
		if (app.stack[app.depth].ops->close)
			app.stack[app.depth].ops->close(&app, app.stack[app.depth].self);
	}
	if (headless) {
		headless_stop();
	} else {
		printf("\033[?2004l");
		fflush(stdout);
		endwin();
	}
	sb_release(&app.paste);
	return 0;
}
