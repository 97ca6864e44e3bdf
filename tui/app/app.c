/*
 * app: the main loop of the interface: the screen stack, input (with
 * bracketed paste), resize, signals, and the title and status lines.
 *
 * Nothing typed is lost: the loop wakes four times a second to let the top
 * screen save (tick), and SIGTERM or SIGHUP only set a flag that makes the
 * loop save every screen and leave cleanly.
 */
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "tui/app/tui.h"

#define MIN_COLS 40
#define MIN_ROWS 12

static volatile sig_atomic_t got_signal;

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

bool app_tx_begin(struct app *app)
{
	struct err e;
	if (store_begin(app->st, &e)) {
		app_message(app, true, "%s", e.msg);
		return false;
	}
	return true;
}

bool app_tx_end(struct app *app, int rc, struct err *e)
{
	struct err ce;
	if (rc) {
		store_rollback(app->st);
		app_message(app, true, "%s", e->msg);
		return false;
	}
	if (store_commit(app->st, &ce)) {
		app_message(app, true, "%s", ce.msg);
		return false;
	}
	return true;
}

void app_goto(struct app *app, enum key_action a)
{
	while (app->depth > 1)
		app_pop(app);
	switch (a) {
	case ACT_GO_MEETINGS: open_meetings(app); break;
	case ACT_GO_DECISIONS: open_decisions(app, NULL); break;
	case ACT_GO_GOALS: open_goals(app); break;
	case ACT_GO_ACTIONS: open_actions(app, NULL); break;
	case ACT_GO_PROPOSALS: open_proposals(app); break;
	case ACT_GO_CONFLICTS: open_conflicts(app); break;
	default: break;
	}
}

static void save_all(struct app *app)
{
	for (int i = app->depth - 1; i >= 0; i--)
		if (app->stack[i].ops->save)
			app->stack[i].ops->save(app, app->stack[i].self);
}

static void draw_frame(struct app *app)
{
	const struct screen_ops *top = app->stack[app->depth - 1].ops;
	/* title line */
	draw_color(app, C_TITLE, true);
	draw_fill(0, 0, app->cols);
	int x = draw_text(0, 1, app->council, app->cols / 2);
	for (int i = 1; i < app->depth; i++) {
		x += draw_text(0, 1 + x, " › ", 3);
		x += draw_text(0, 1 + x, _(app->stack[i].ops->name), app->cols - x - 2);
	}
	/* the top-level screens and their keys, where there is room */
	static const char *const tabs[] = { N_("1 Home"), N_("2 Meetings"), N_("3 Decisions"),
					    N_("4 Goals"), N_("5 Actions"), N_("6 Proposals") };
	int tw = 0;
	for (size_t i = 0; i < ARRAY_SIZE(tabs); i++)
		tw += text_width(_(tabs[i])) + 2;
	if (app->sync_line[0] && app->cols - x - 4 > text_width(app->sync_line) + 2) {
		int sw = text_width(app->sync_line);
		draw_text(0, app->cols - sw - 1, app->sync_line, sw);
		tw = app->cols; /* the tabs give way */
	}
	if (app->cols - x - 4 > tw && app->stack[0].ops == &screen_home)
		for (size_t i = 0, tx = (size_t)(app->cols - tw); i < ARRAY_SIZE(tabs); i++)
			tx += (size_t)draw_text(0, (int)tx, _(tabs[i]), text_width(_(tabs[i]))) + 2;
	draw_color(app, C_TITLE, false);
	/* status line: a message, or the keys */
	int y = app->rows - 1;
	draw_color(app, app->message[0] && app->message_is_error ? C_ERROR : C_STATUS, true);
	draw_fill(y, 0, app->cols);
	draw_text(y, 1, app->message[0] ? app->message : _(top->hint), app->cols - 2);
	draw_color(app, app->message[0] && app->message_is_error ? C_ERROR : C_STATUS, false);
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

/*
 * Reads one key. A bracketed paste (ESC [ 200 ~ … ESC [ 201 ~) arrives as
 * KEY_PASTE with its text in app->paste, however large.
 */
bool app_hangup(void)
{
	return got_signal != 0;
}

int app_read_key(struct app *app)
{
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

int tui_run(struct store *st)
{
	struct app app = { .st = st };
	struct err e;
	char *name = NULL;
	bool welcome = council_name(st, &name, &e) != 0;
	if (!welcome) {
		snprintf(app.council, sizeof app.council, "%s", name);
		free(name);
	} else {
		snprintf(app.council, sizeof app.council, "gavel");
	}
	clock_today(app.today);

	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!initscr()) {
		fprintf(stderr, "gavel: %s\n", _("cannot start the terminal interface"));
		return 1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(250);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	setup_colors(&app);
	printf("\033[?2004h"); /* bracketed paste on */
	fflush(stdout);

	/* a shared council syncs at start and at quit */
	if (!welcome) {
		tui_sync(&app, true);
		sync_line_update(&app);
	}
	app_push(&app, welcome ? &screen_welcome : &screen_home, NULL);
	while (app.depth > 0 && !app.quit) {
		if (got_signal)
			break;
		redraw(&app);
		int ch = app_read_key(&app);
		if (got_signal)
			break;
		struct app_screen {
			const struct screen_ops *ops;
			void *self;
		} top = { app.stack[app.depth - 1].ops, app.stack[app.depth - 1].self };
		if (ch == ERR) {
			if (top.ops->tick)
				top.ops->tick(&app, top.self);
			continue;
		}
		if (ch == KEY_RESIZE)
			continue; /* redrawn at the top of the loop */
		app.message[0] = '\0';
		if (app.cols < MIN_COLS || app.rows < MIN_ROWS) {
			if (ch == 'q') {
				if (top.ops->save)
					top.ops->save(&app, top.self);
				app.quit = true;
			}
			continue;
		}
		enum key_action a = keys_action(ch, top.ops->on);
		if (top.ops->key && top.ops->key(&app, top.self, ch, a)) {
			/* a steady typist never lets the wait for a key time out:
			 * the autosave's clock is checked after every key as well */
			if (app.depth > 0 && app.stack[app.depth - 1].ops == top.ops &&
			    app.stack[app.depth - 1].self == top.self && top.ops->tick)
				top.ops->tick(&app, top.self);
			continue;
		}
		if (a == ACT_HELP)
			open_help(&app, top.ops->on);
		else if (a == ACT_SEARCH)
			open_search(&app);
		else if ((a >= ACT_GO_HOME && a <= ACT_GO_PROPOSALS) || a == ACT_GO_CONFLICTS)
			app_goto(&app, a);
		else if (a == ACT_SYNC) {
			save_all(&app);
			if (tui_sync(&app, false) && app.depth > 0 && app.stack[app.depth - 1].ops->open)
				app.stack[app.depth - 1].ops->open(&app, app.stack[app.depth - 1].self);
		}
		else if (a == ACT_QUIT)
			app.quit = true;
		else if (a == ACT_BACK)
			app_pop(&app);
	}
	save_all(&app);
	if (!got_signal && app.stack[0].ops != &screen_welcome)
		tui_sync(&app, true);
	while (app.depth > 0) {
		app.depth--;
		if (app.stack[app.depth].ops->close)
			app.stack[app.depth].ops->close(&app, app.stack[app.depth].self);
	}
	printf("\033[?2004l");
	fflush(stdout);
	endwin();
	sb_release(&app.paste);
	return 0;
}
