/*
 * Unit tests of the key table and the screen table (tui/app/keys.c,
 * tui/app/screens.h): on every screen a key means one thing; every key a
 * status line shows is a key of that screen in the table and does what it
 * says there; every key a screen acts on is in the table, and every row of
 * the table for a screen is acted on (by the screen, or by the main loop
 * for the keys of every screen). The last two run the real screens on the
 * demo council, headless, pressing every key there is.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "tui/app/headless.h"
#include "tui/app/tui.h"
#include "tui/cli/cli.h"
#include "tui/cli/demo.h"

/* the actions the main loop does for a key the screen leaves (app.c) */
static bool main_loop_action(enum key_action a)
{
	return a == ACT_HELP || a == ACT_SEARCH || a == ACT_SYNC || a == ACT_QUIT || a == ACT_BACK ||
	       act_go_screen(a) >= 0;
}

static bool applies(const struct keydef *k, enum screen_id s)
{
	return (k->on & screen_infos[s].on) != 0;
}

static const char *key_text(int ch)
{
	static char buf[32];
	if (ch > ' ' && ch < 0x7f)
		snprintf(buf, sizeof buf, "'%c'", ch);
	else
		snprintf(buf, sizeof buf, "%d (%s)", ch, keyname(ch) ? keyname(ch) : "?");
	return buf;
}

START_TEST(one_meaning_a_screen)
{
	for (int s = 0; s < SCREEN_COUNT; s++)
		for (int i = 0; i < keydef_count; i++)
			for (int j = i + 1; j < keydef_count; j++) {
				const struct keydef *a = &keydefs[i], *b = &keydefs[j];
				if (!applies(a, s) || !applies(b, s))
					continue;
				for (size_t x = 0; x < ARRAY_SIZE(a->keys) && a->keys[x]; x++)
					for (size_t y = 0; y < ARRAY_SIZE(b->keys) && b->keys[y]; y++)
						ck_assert_msg(a->keys[x] != b->keys[y],
							      "on %s the key %s means \"%s\" and \"%s\"",
							      screen_infos[s].man, key_text(a->keys[x]), a->help, b->help);
			}
}
END_TEST

START_TEST(rows_well_formed)
{
	for (int i = 0; i < keydef_count; i++) {
		const struct keydef *k = &keydefs[i];
		ck_assert_msg(k->action != ACT_NONE && k->action < ACT_COUNT, "row %d: no action", i);
		ck_assert_msg(k->keys[0] != 0, "row %d (%s): no key", i, k->help);
		ck_assert_msg(k->help && k->help[0], "row %d: no help", i);
		ck_assert_msg(k->on != 0, "row %d (%s): applies nowhere", i, k->help);
		/* a row named by its key has one printable key */
		if (!k->name)
			ck_assert_msg(k->keys[0] > ' ' && k->keys[0] < 0x7f && !k->keys[1],
				      "row %d (%s) needs a name for its keys", i, k->help);
		/* the status line shows a row only where it applies */
		ck_assert_msg(!(k->hint_on & ~k->on), "row %d (%s): hinted where it does not apply", i, k->help);
		ck_assert_msg(!k->hint == !k->hint_on, "row %d (%s): a hint needs its screens and back", i, k->help);
		/* the notes take text: no command there may be a character */
		if (k->on & ON_NOTES)
			for (size_t x = 0; x < ARRAY_SIZE(k->keys) && k->keys[x]; x++)
				ck_assert_msg(k->keys[x] < ' ' || k->keys[x] == 0x7f || k->keys[x] > 0xff,
					      "the notes' key %s (%s) is a character someone types", key_text(k->keys[x]),
					      k->help);
	}
}
END_TEST

START_TEST(screens_named_once)
{
	for (int s = 0; s < SCREEN_COUNT; s++) {
		const struct screen_info *in = &screen_infos[s];
		ck_assert_msg(in->title && in->man && in->on, "screen %d lacks a title, section or bit", s);
		/* one bit a screen, and no two screens share one */
		ck_assert_msg((in->on & (in->on - 1)) == 0, "%s: more than one ON_* bit", in->man);
		for (int t = 0; t < s; t++)
			ck_assert_msg(!(screen_infos[t].on & in->on), "%s and %s share a bit", in->man,
				      screen_infos[t].man);
		bool top = s < SCREEN_TOP_COUNT;
		ck_assert_msg(top == (in->key != 0) && top == (in->help != NULL), "%s: a number key and help go together "
			      "with the top-level screens", in->man);
		ck_assert_msg(in->open || !top || s == SCREEN_HOME, "%s has no opener", in->man);
		ck_assert_msg(screen_infos[in->of].of == in->of, "%s: a mode of a mode", in->man);
	}
	/* the number keys: 1, 2, ... in order, each going to its screen from
	 * every screen but the notes and the first start */
	for (int s = 0; s < SCREEN_TOP_COUNT; s++) {
		ck_assert_int_eq(screen_infos[s].key, '1' + s);
		ck_assert_int_eq(act_go_screen(ACT_GO(s)), s);
		for (int w = 0; w < SCREEN_COUNT; w++) {
			enum key_action want = w == SCREEN_NOTES || w == SCREEN_WELCOME ? ACT_NONE : ACT_GO(s);
			ck_assert_msg(keys_action(screen_infos[s].key, screen_infos[w].on) == want,
				      "%c on %s does not go to %s", screen_infos[s].key, screen_infos[w].man,
				      screen_infos[s].man);
		}
	}
	ck_assert_int_eq(act_go_screen(ACT_BACK), -1);
}
END_TEST

START_TEST(conflicts_keys_say_what_they_do)
{
	/* 1 and 2 go home and to the meetings there too; c and o settle */
	ck_assert_int_eq(keys_action('1', ON_CONFLICTS), ACT_GO(SCREEN_HOME));
	ck_assert_int_eq(keys_action('2', ON_CONFLICTS), ACT_GO(SCREEN_MEETINGS));
	ck_assert_int_eq(keys_action('c', ON_CONFLICTS), ACT_KEEP_CURRENT);
	ck_assert_int_eq(keys_action('o', ON_CONFLICTS), ACT_KEEP_OTHER);
	ck_assert_str_eq(keys_first(ACT_KEEP_CURRENT, ON_CONFLICTS), "c");
	ck_assert_str_eq(keys_first(ACT_KEEP_OTHER, ON_CONFLICTS), "o");
	const char *hint = keys_hint(SCREEN_CONFLICTS, 200);
	ck_assert_msg(strstr(hint, "c keep current") && strstr(hint, "o keep other"), "hint: %s", hint);
	ck_assert_msg(!strstr(hint, "1 ") && !strstr(hint, "2 "), "hint: %s", hint);
}
END_TEST

/* The row on screen s whose first key is shown as name, or NULL. */
static const struct keydef *row_named(enum screen_id s, const char *name, size_t len)
{
	for (int i = 0; i < keydef_count; i++) {
		const struct keydef *k = &keydefs[i];
		const char *l = keys_label(k);
		size_t n = strcspn(l, ",");
		if (applies(k, s) && k->hint && (k->hint_on & screen_infos[s].on) && n == len && !strncmp(l, name, n))
			return k;
	}
	return NULL;
}

/* Checks that a shown key is a key of s in the table that does what the
 * word says; returns its row. */
static const struct keydef *shown_key(enum screen_id s, const char *name, size_t len, const char *word)
{
	const struct keydef *k = row_named(s, name, len);
	ck_assert_msg(k, "the status line of %s shows a key %.*s that is not in the table there",
		      screen_infos[s].man, (int)len, name);
	ck_assert_msg(!strcmp(P_(k->hint), word), "on %s %.*s shows \"%s\" for \"%s\"", screen_infos[s].man,
		      (int)len, name, word, P_(k->hint));
	/* the key does that there (no row before it takes it) */
	ck_assert_msg(keys_action(k->keys[0], screen_infos[s].on) == k->action, "on %s the shown %.*s does "
		      "something else", screen_infos[s].man, (int)len, name);
	return k;
}

/* Takes one item of a status line apart: "J K move", "1-7 screens",
 * "↑↓ choose", "Enter open"; every key checked with shown_key. */
static void check_item(enum screen_id s, const char *item, int *rows_shown)
{
	const char *sp = strchr(item, ' ');
	ck_assert_msg(sp, "status line item without a word: %s", item);
	/* the keys: names separated by spaces, up to the first that is not a key */
	const char *p = item;
	size_t keys_end = 0;
	for (const char *q = item; q && *q;) {
		const char *end = strchr(q, ' ');
		size_t n = end ? (size_t)(end - q) : strlen(q);
		bool range = n == 3 && q[1] == '-' && q[0] >= '0' && q[0] <= '9';
		unsigned cp;
		int len = utf8_decode(q, &cp);
		bool arrows = cp >= 0x2190 && cp <= 0x21ff;
		if (!range && !arrows && !row_named(s, q, n))
			break;
		keys_end = (size_t)(q - item) + n;
		q = end ? end + 1 : NULL;
		(void)len;
	}
	ck_assert_msg(keys_end > 0 && keys_end < strlen(item), "on %s no key in the item \"%s\"",
		      screen_infos[s].man, item);
	const char *word = item + keys_end + 1;
	for (p = item; p < item + keys_end;) {
		const char *end = strchr(p, ' ');
		if (!end || end > item + keys_end)
			end = item + keys_end;
		size_t n = (size_t)(end - p);
		if (n == 3 && p[1] == '-') {
			for (char c = p[0]; c <= p[2]; c++, ++*rows_shown)
				shown_key(s, &c, 1, word);
		} else {
			unsigned cp;
			int len = utf8_decode(p, &cp);
			if (cp >= 0x2190 && cp <= 0x21ff)
				for (const char *a = p; a < end; a += len, ++*rows_shown) {
					len = utf8_decode(a, &cp);
					shown_key(s, a, (size_t)len, word);
				}
			else {
				shown_key(s, p, n, word);
				++*rows_shown;
			}
		}
		p = end + 1;
	}
}

static void check_hint(enum screen_id s, int width, bool all)
{
	const char *hint = keys_hint(s, width);
	char *copy = xstrdup(hint);
	int items = 0, rows_shown = 0;
	ck_assert_msg(text_width(hint) <= width, "the status line of %s is wider than %d: %s", screen_infos[s].man,
		      width, hint);
	for (char *item = copy, *next; item && *item; item = next, items++) {
		next = strstr(item, "  ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		check_item(s, item, &rows_shown);
	}
	free(copy);
	/* help comes last wherever it is a key */
	if (keys_action('?', screen_infos[s].on) == ACT_HELP) {
		size_t n = strlen(hint), h = strlen(P_(NC_("key hint", "help")));
		ck_assert_msg(n > h && !strcmp(hint + n - h, P_(NC_("key hint", "help"))), "%s: help not last in %s",
			      screen_infos[s].man, hint);
	}
	if (!all)
		return;
	/* with room enough every hinted row is shown */
	int want = 0;
	for (int i = 0; i < keydef_count; i++)
		want += applies(&keydefs[i], s) && (keydefs[i].hint_on & screen_infos[s].on);
	ck_assert_msg(rows_shown == want, "%s shows %d of its %d hinted keys: %s", screen_infos[s].man, rows_shown,
		      want, hint);
}

START_TEST(hints_show_keys_of_the_table)
{
	static const int widths[] = { 38, 78, 118 };
	for (int lang = 0; lang < 2; lang++) {
		setenv("LANGUAGE", lang ? "sv" : "en", 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
		for (int s = 0; s < SCREEN_COUNT; s++) {
			for (size_t w = 0; w < ARRAY_SIZE(widths); w++)
				check_hint(s, widths[w], false);
			check_hint(s, 1000, true);
		}
	}
}
END_TEST

START_TEST(man_page_from_the_tables)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	keys_print_man(f);
	fclose(f);
	ck_assert_msg(strstr(text, ".SS Everywhere\n"), "%s", text);
	for (int s = 0; s < SCREEN_COUNT; s++) {
		char want[128];
		snprintf(want, sizeof want, ".SS %s\n", screen_infos[s].man);
		const char *at = strstr(text, want);
		bool has_own = false;
		for (int i = 0; i < keydef_count; i++) {
			bool everywhere = true;
			for (int t = 0; t < SCREEN_TOP_COUNT; t++)
				everywhere = everywhere && applies(&keydefs[i], t);
			has_own = has_own || (applies(&keydefs[i], s) && !everywhere);
		}
		ck_assert_msg(!has_own || (at && !strstr(at + 1, want)), "the man page lacks or repeats %s", want);
	}
	/* each go key once, with its screen's help */
	for (int s = 0; s < SCREEN_TOP_COUNT; s++) {
		char want[256];
		snprintf(want, sizeof want, ".TP\n.B %c\n%s\n", screen_infos[s].key, screen_infos[s].help);
		const char *at = strstr(text, want);
		ck_assert_msg(at && !strstr(at + 1, want), "the man page lacks or repeats %s", want);
	}
	free(text);
}
END_TEST

/* ---- the real screens, headless ---- */

static struct app app;
static char next_meeting[128];

static void redraw_top(void)
{
	erase();
	app.stack[app.depth - 1].ops->draw(&app, app.stack[app.depth - 1].self);
}

static void start(struct store *st)
{
	struct err e;
	ck_assert_msg(headless_start_at(100, 30, "", &e) == 0, "%s", e.msg);
	memset(&app, 0, sizeof app);
	app.st = st;
	app.rows = 30;
	app.cols = 100;
	clock_today(app.today);
	snprintf(app.council, sizeof app.council, "test");
}

static struct store *demo(const char *name)
{
	struct err e;
	struct store *st = test_open(name);
	ck_assert_msg(demo_run(st, cli_run, &e) == 0, "%s", e.msg);
	struct meeting_list next = { 0 };
	ck_assert_msg(store_meeting_next(st, "2000-01-01", &next, &e) == 0 && next.n, "no next meeting");
	snprintf(next_meeting, sizeof next_meeting, "%s/%s", next.v[0].body_short, next.v[0].date);
	meeting_list_release(&next);
	return st;
}

/* Puts screen s on top of home (or alone, for the first start). */
static void open_screen(enum screen_id s)
{
	struct err e;
	while (app.depth > 1)
		app_pop(&app);
	if (s == SCREEN_WELCOME) {
		while (app.depth > 0)
			app_pop(&app);
		app_push(&app, &screen_welcome, NULL);
		return;
	}
	if (!app.depth)
		app_push(&app, &screen_home, NULL);
	if ((int)s < SCREEN_TOP_COUNT) {
		app_goto(&app, s);
	} else if (s == SCREEN_MEETING || s == SCREEN_NOTES) {
		open_meeting(&app, next_meeting);
		if (s == SCREEN_NOTES) {
			redraw_top();
			ck_assert(app.stack[app.depth - 1].ops->key(&app, app.stack[app.depth - 1].self, '\t', ACT_TAB));
		}
	} else if (s == SCREEN_ATTEND) {
		open_attendance(&app, next_meeting);
	} else if (s == SCREEN_PREPARE) {
		open_prepare(&app, next_meeting);
	} else if (s == SCREEN_SEARCH) {
		ck_assert_msg(headless_script("e-legitimation<Enter>", &e) == 0, "%s", e.msg);
		open_search(&app);
	} else if (s == SCREEN_HELP) {
		open_help(&app, SCREEN_MEETINGS);
	} else if (s == SCREEN_MEMBERS) {
		open_members(&app);
	}
	ck_assert_msg(headless_script("", &e) == 0, "%s", e.msg);
	headless_key(); /* no keys left: every prompt gives up at once */
	ck_assert_msg(app.depth > 0 && app_where(&app) == s, "%s did not open: %s", screen_infos[s].man,
		      app.message);
	redraw_top();
}

/* Presses ch on screen s, handing over the action a; true if the screen
 * used it. Reopens s when the key left it. */
static bool press(enum screen_id s, int ch, enum key_action a)
{
	if (app.depth == 0 || app_where(&app) != s)
		open_screen(s);
	const struct screen_ops *ops = app.stack[app.depth - 1].ops;
	bool used = ops->key && ops->key(&app, app.stack[app.depth - 1].self, ch, a);
	app.message[0] = '\0';
	if (app.depth > 0 && app_where(&app) == s)
		redraw_top();
	return used;
}

static void every_key(enum screen_id s)
{
	bool done[ACT_COUNT] = { false };
	/* every key there is: characters, bytes of UTF-8, curses' keys and
	 * the extended ones beyond KEY_MAX the table names (Ctrl-←) */
	int last = KEY_PASTE;
	for (int i = 0; i < keydef_count; i++)
		for (size_t k = 0; k < ARRAY_SIZE(keydefs[i].keys); k++)
			last = keydefs[i].keys[k] > last ? keydefs[i].keys[k] : last;
	open_screen(s);
	for (int ch = 1; ch <= last; ch++) {
		if (ch == KEY_RESIZE)
			continue; /* the main loop's */
		bool text = s == SCREEN_NOTES && ((ch >= ' ' && ch < 0x7f) || (ch >= 0x80 && ch <= 0xff));
		/* a screen acts on the action of the key's row, never on the
		 * key itself: handed no action, it leaves every key but text */
		ck_assert_msg(!press(s, ch, ACT_NONE) || text, "%s acts on the key %s by itself, not as its row of "
			      "the key table says", screen_infos[s].man, key_text(ch));
		enum key_action a = keys_action(ch, screen_infos[s].on);
		if (press(s, ch, a) || main_loop_action(a))
			done[a] = true;
	}
	/* and what the table says a key does there, something does */
	for (int i = 0; i < keydef_count; i++)
		if (applies(&keydefs[i], s))
			ck_assert_msg(done[keydefs[i].action], "on %s nothing acts on %s (%s)", screen_infos[s].man,
				      keys_label(&keydefs[i]), keydefs[i].help);
}

START_TEST(screens_act_on_the_table_s_keys)
{
	/* Ctrl-E must not start a real editor */
	setenv("VISUAL", "true", 1);
	struct store *st = demo("keys.db");
	start(st);
	for (int s = 0; s < SCREEN_COUNT; s++)
		if (s != SCREEN_WELCOME)
			every_key(s);
	while (app.depth > 0)
		app_pop(&app);
	headless_stop();
	store_close(st);
}
END_TEST

START_TEST(first_start_acts_on_the_table_s_keys)
{
	struct store *st = test_open("fresh.db");
	start(st);
	every_key(SCREEN_WELCOME);
	while (app.depth > 0)
		app_pop(&app);
	headless_stop();
	store_close(st);
}
END_TEST

START_TEST(go_keys_open_their_screens)
{
	struct store *st = demo("go.db");
	start(st);
	app_push(&app, &screen_home, NULL);
	open_meeting(&app, next_meeting);
	for (int s = SCREEN_TOP_COUNT - 1; s >= 0; s--) {
		app_goto(&app, s);
		ck_assert_int_eq(app.depth, s == SCREEN_HOME ? 1 : 2);
		ck_assert_int_eq(app.stack[app.depth - 1].ops->id, s);
	}
	while (app.depth > 0)
		app_pop(&app);
	headless_stop();
	store_close(st);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *dir = getenv("GAVEL_LOCALEDIR");
	bindtextdomain("gavel", dir && *dir ? dir : "build/locale");
	bind_textdomain_codeset("gavel", "UTF-8");
	textdomain("gavel");
	const TTest *const tests[] = { one_meaning_a_screen, rows_well_formed, screens_named_once,
				       conflicts_keys_say_what_they_do, hints_show_keys_of_the_table,
				       man_page_from_the_tables, screens_act_on_the_table_s_keys,
				       first_start_acts_on_the_table_s_keys, go_keys_open_their_screens };
	return run_suite_timeout("keys", tests, ARRAY_SIZE(tests), 300);
}
