/*
 * bench_tui: the terminal interface's figures.
 *
 * first_screen_ms and key_cpu_us run the real gavel in a pseudo-terminal,
 * as a person would: start to the first full home screen; then a recorded
 * typing session of 10,000 keys (letters, å ä ö, spaces, backspaces, arrow
 * keys, Enter, Home/End) into a 50 KB note, paced like fast typing, with
 * the CPU time the process spent on them read from /proc. Each key is sent
 * when the screen has answered the one before (as a typist sees it), so
 * every key is handled and drawn, never skipped as typeahead. rss_mb is its
 * peak resident memory. screen_open_ms loads and draws each screen in this
 * process (curses writing to /dev/null) and reports the slowest.
 */
#define _GNU_SOURCE
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/bench.h"
#include "tui/app/tui.h"

struct child {
	pid_t pid;
	int fd;
	struct strbuf out; /* everything it wrote */
};

static void spawn(struct child *c, const char *gavel, const char *db, char *const *args)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	memset(c, 0, sizeof *c);
	c->pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (c->pid < 0) {
		perror("forkpty");
		exit(1);
	}
	if (c->pid == 0) {
		setenv("GAVEL_DB", db, 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("ESCDELAY", "25", 1);
		unsetenv("LANGUAGE");
		unsetenv("EDITOR");
		char *argv[8] = { (char *)gavel };
		for (int i = 0; args && args[i] && i < 6; i++)
			argv[i + 1] = args[i];
		execv(gavel, argv);
		_exit(127);
	}
	fcntl(c->fd, F_SETFL, O_NONBLOCK);
}

/* Reads what is there, waiting up to ms for the first byte and then until
 * `quiet` ms pass with nothing more. */
static void drain_quiet(struct child *c, int ms, int quiet)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	char buf[65536];
	while (poll(&p, 1, ms) > 0) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		sb_add(&c->out, buf, (size_t)n);
		ms = quiet;
	}
}

static void drain(struct child *c, int ms)
{
	drain_quiet(c, ms, 0);
}

/* Waits until `text` has been written (since offset `from`); -1 on timeout. */
static int wait_text(struct child *c, size_t from, const char *text, int timeout_ms)
{
	double end = bench_now_ms() + timeout_ms;
	while (bench_now_ms() < end) {
		drain(c, 5);
		if (c->out.len > from && memmem(c->out.buf + from, c->out.len - from, text, strlen(text)))
			return 0;
	}
	return -1;
}

static void send_keys(struct child *c, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(c->fd, s, n);
		if (w < 0 && errno == EAGAIN) {
			drain(c, 1);
			continue;
		}
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* The process's user + system CPU seconds, from /proc. */
static double cpu_s(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	/* after the name: state, then fields 4..13, then utime (14) and stime (15) */
	if (p)
		sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st);
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Peak resident memory in MB, from /proc. */
static double peak_rss_mb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	double mb = 0;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			mb = atof(line + 6) / 1024.0;
	if (f)
		fclose(f);
	return mb;
}

static void finish(struct child *c)
{
	int status;
	for (int i = 0; i < 3000; i++) {
		drain(c, 10);
		if (waitpid(c->pid, &status, WNOHANG) == c->pid)
			goto done;
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &status, 0);
	fprintf(stderr, "bench: gavel did not quit and was killed\n");
done:
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		fprintf(stderr, "bench: gavel died of signal %d\n", WTERMSIG(status));
	else if (WIFEXITED(status) && WEXITSTATUS(status))
		fprintf(stderr, "bench: gavel exited with %d\n", WEXITSTATUS(status));
	if (getenv("BENCH_DEBUG")) {
		FILE *f = fopen("/tmp/bench_out.bin", "w");
		fwrite(c->out.buf, 1, c->out.len, f);
		fclose(f);
	}
	close(c->fd);
	sb_release(&c->out);
}

/*
 * A recorded typing session: mostly words with Swedish letters and spaces,
 * a backspace now and then, arrow keys, a new paragraph, Home and End.
 * Ends with the word "slutord" so that the bench can check it was kept.
 */
static void typing_session(struct strbuf *keys, int n, int *count)
{
	static const char *const words[] = { "beslut", "åtgärd", "mål", "därför", "kommunerna", "öppna",
					     "e-legitimation", "förslaget", "ärendet", "bredband" };
	unsigned r = 12345;
	*count = 0;
	while (*count < n - 8) {
		r = r * 1103515245 + 12345;
		unsigned k = (r >> 16) % 100;
		if (k < 80) {
			const char *w = words[(r >> 8) % 10];
			for (const char *p = w; *p && *count < n - 8;) {
				unsigned cp;
				int len = utf8_decode(p, &cp);
				sb_add(keys, p, (size_t)len);
				p += len;
				++*count;
			}
			sb_addc(keys, ' ');
		} else if (k < 88) {
			sb_addc(keys, 0x7f); /* backspace */
		} else if (k < 92) {
			sb_adds(keys, k & 1 ? "\033OD" : "\033OC"); /* left, right (xterm keypad mode) */
		} else if (k < 95) {
			sb_adds(keys, k & 1 ? "\033OA" : "\033OB"); /* up, down */
		} else if (k < 97) {
			sb_addc(keys, '\r');
		} else {
			sb_adds(keys, k & 1 ? "\033OH" : "\033OF"); /* Home, End */
		}
		++*count;
	}
	sb_adds(keys, "\033OF slutord");
	*count += 8;
}

/* Types the session into the notes of the item open in c; CPU µs per key. */
static double replay(struct child *c, int *nkeys)
{
	struct strbuf keys = { 0 };
	typing_session(&keys, 10000, nkeys);
	double before = cpu_s(c->pid);
	/* one key at a time, the next when the screen has answered */
	size_t i = 0;
	while (i < keys.len) {
		size_t len = 1;
		if (keys.buf[i] == '\033')
			len = 3;
		else if (((unsigned char)keys.buf[i] & 0xe0) == 0xc0)
			len = 2;
		send_keys(c, keys.buf + i, len);
		i += len;
		/* its whole answer (a key that changes nothing waits 20 ms) */
		drain_quiet(c, 20, 2);
	}
	/* until it has drawn the last key and saved (the caller checks the
	 * text is in the database) */
	drain(c, 1500);
	double cpu = cpu_s(c->pid) - before;
	sb_release(&keys);
	return cpu * 1e6 / *nkeys;
}

/* Median of n values (sorts them). */
static double median(double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && v[k] < v[k - 1]; k--) {
			double t = v[k];
			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	return v[n / 2];
}

void bench_tui_process(const char *gavel, const char *db, void (*set_notes)(size_t bytes),
		       bool (*notes_have)(const char *word))
{
	enum { STARTS = 11 };
	double first[STARTS], base[STARTS];
	for (int r = 0; r < STARTS; r++) {
		struct child c;
		double t = bench_now_ms();
		spawn(&c, gavel, db, NULL);
		if (wait_text(&c, 0, "Enter open", 10000))
			bench_die("the home screen did not appear");
		first[r] = bench_now_ms() - t;
		send_keys(&c, "q", 1);
		finish(&c);
		/* baseline: the same program started and ended without a screen */
		char *args[] = { "--version", NULL };
		t = bench_now_ms();
		spawn(&c, gavel, db, args);
		wait_text(&c, 0, "gavel", 10000);
		base[r] = bench_now_ms() - t;
		finish(&c);
	}
	bench_report("first_screen_ms", median(first, STARTS), "ms");
	bench_report("baseline_process_start_ms", median(base, STARTS), "ms");

	/* the typing session, into the 50 KB note and into an empty one */
	double per_key[2][3];
	double rss = 0;
	for (int which = 0; which < 2; which++)
		for (int r = 0; r < (which ? 1 : 3); r++) {
			struct child c;
			int nkeys;
			set_notes(which == 0 ? 50 * 1024 : 0);
			spawn(&c, gavel, db, NULL);
			if (wait_text(&c, 0, "Enter open", 10000))
				bench_die("no home screen");
			size_t mark = c.out.len;
			send_keys(&c, "\r", 1); /* the next meeting */
			if (wait_text(&c, mark, "Tab to type", 10000))
				bench_die("no meeting screen");
			mark = c.out.len;
			send_keys(&c, "\t", 1);
			if (wait_text(&c, mark, "\033[?25h", 10000)) /* the cursor shows: typing */
				bench_die("no notes editor");
			per_key[which][r] = replay(&c, &nkeys);
			if (which == 0 && peak_rss_mb(c.pid) > rss)
				rss = peak_rss_mb(c.pid);
			send_keys(&c, "\033", 1);
			drain(&c, 200);
			send_keys(&c, "qq", 2);
			finish(&c);
			/* what was typed is kept: the figure is of real work */
			if (!notes_have("slutord"))
				bench_die("the typed text was not saved");
		}
	bench_report("key_cpu_us", median(per_key[0], 3), "us");
	bench_report("baseline_key_cpu_us_empty_note", per_key[1][0], "us");
	bench_report("rss_mb", rss, "MB");
}

/* ---- screens loaded and drawn in this process ---- */

static double time_screen(struct app *app, void (*open)(struct app *, const char *), const char *arg)
{
	double v[21];
	for (int r = 0; r < 21; r++) {
		double t = bench_now_ms();
		int depth = app->depth;
		open(app, arg);
		if (app->depth == depth)
			bench_die("a screen did not open");
		erase();
		app->stack[app->depth - 1].ops->draw(app, app->stack[app->depth - 1].self);
		refresh();
		v[r] = bench_now_ms() - t;
		app_pop(app);
	}
	return median(v, 21);
}

static void open_home(struct app *app, const char *arg)
{
	(void)arg;
	app_push(app, &screen_home, NULL);
}
static void open_meetings_(struct app *app, const char *arg)
{
	(void)arg;
	open_meetings(app);
}
static void open_goals_(struct app *app, const char *arg)
{
	(void)arg;
	open_goals(app);
}
static void open_proposals_(struct app *app, const char *arg)
{
	(void)arg;
	open_proposals(app);
}

void bench_tui_screens(struct store *st, const char *next_meeting)
{
	setenv("LINES", "30", 1);
	setenv("COLUMNS", "100", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr)
		bench_die("newterm");
	set_term(scr);
	struct app app = { .st = st, .rows = LINES, .cols = COLS };
	clock_today(app.today);
	struct {
		const char *name;
		void (*open)(struct app *, const char *);
		const char *arg;
	} screens[] = {
		{ "home", open_home, NULL },
		{ "meeting", open_meeting, next_meeting },
		{ "attendance", open_attendance, next_meeting },
		{ "prepare", open_prepare, next_meeting },
		{ "meetings", open_meetings_, NULL },
		{ "decisions", open_decisions, NULL },
		{ "goals", open_goals_, NULL },
		{ "actions", open_actions, NULL },
		{ "proposals", open_proposals_, NULL },
	};
	double worst = 0;
	const char *worst_name = "";
	app_push(&app, &screen_home, NULL); /* as in the program: home below */
	for (size_t i = 0; i < ARRAY_SIZE(screens); i++) {
		double ms = time_screen(&app, screens[i].open, screens[i].arg);
		char name[64];
		snprintf(name, sizeof name, "screen_open_%s_ms", screens[i].name);
		bench_report(name, ms, "ms");
		if (ms > worst) {
			worst = ms;
			worst_name = screens[i].name;
		}
	}
	app_pop(&app);
	/* baseline: erasing and drawing an empty screen */
	double v[21];
	for (int r = 0; r < 21; r++) {
		double t = bench_now_ms();
		erase();
		refresh();
		v[r] = bench_now_ms() - t;
	}
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	printf("slowest screen: %s\n", worst_name);
	bench_report("screen_open_ms", worst, "ms");
	bench_report("baseline_empty_redraw_ms", median(v, 21), "ms");
}
