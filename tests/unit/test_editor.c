/* Unit tests of the notes editor: UTF-8 editing, moves, wrap, undo. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "tui/editor/editor.h"

static void type(struct editor *ed, const char *s)
{
	/* one character at a time, as a typist */
	for (size_t i = 0; s[i];) {
		unsigned cp;
		int n = utf8_decode(s + i, &cp);
		editor_insert(ed, s + i, (size_t)n);
		i += (size_t)n;
	}
}

START_TEST(insert_delete_utf8)
{
	struct editor *ed = editor_new("");
	type(ed, "Åsa är här 日本 e\xcc\x81 😀");
	ck_assert_str_eq(editor_text(ed), "Åsa är här 日本 e\xcc\x81 😀");
	editor_backspace(ed); /* the emoji, all four bytes */
	ck_assert_str_eq(editor_text(ed), "Åsa är här 日本 e\xcc\x81 ");
	editor_move(ed, ED_TOP);
	editor_delete(ed); /* Å */
	ck_assert_str_eq(editor_text(ed), "sa är här 日本 e\xcc\x81 ");
	editor_set_cursor(ed, 4); /* inside ä: moved back to its start */
	ck_assert_int_eq((int)editor_cursor(ed), 3);
	editor_move(ed, ED_RIGHT);
	ck_assert_int_eq((int)editor_cursor(ed), 5);
	editor_free(ed);
}
END_TEST

START_TEST(clean_input)
{
	struct editor *ed = editor_new(NULL);
	const char *in = "a\r\nb\rc\x07\x01" "d\xff";
	editor_insert(ed, in, strlen(in));
	ck_assert_str_eq(editor_text(ed), "a\nb\ncd\xef\xbf\xbd");
	editor_free(ed);
}
END_TEST

START_TEST(word_moves)
{
	struct editor *ed = editor_new("Beslut om öppna data, e-legitimation.");
	editor_move(ed, ED_WORD_RIGHT);
	ck_assert_int_eq((int)editor_cursor(ed), 6);
	editor_move(ed, ED_WORD_RIGHT);
	editor_move(ed, ED_WORD_RIGHT);
	ck_assert_str_eq(editor_text(ed) + editor_cursor(ed), " data, e-legitimation.");
	editor_move(ed, ED_BOTTOM);
	editor_move(ed, ED_WORD_LEFT);
	ck_assert_str_eq(editor_text(ed) + editor_cursor(ed), "legitimation.");
	editor_delete_word_back(ed); /* "e-" */
	ck_assert_str_eq(editor_text(ed), "Beslut om öppna data, legitimation.");
	editor_delete_word_back(ed); /* "data, " */
	ck_assert_str_eq(editor_text(ed), "Beslut om öppna legitimation.");
	editor_free(ed);
}
END_TEST

static void check_lines(struct editor *ed, const char *const *want, size_t n)
{
	const struct editor_line *l;
	size_t got = editor_lines(ed, &l);
	ck_assert_int_eq((int)got, (int)n);
	for (size_t i = 0; i < n; i++) {
		size_t len = l[i].end - l[i].start;
		ck_assert_msg(strlen(want[i]) == len && !memcmp(editor_text(ed) + l[i].start, want[i], len),
			      "line %zu: [%.*s] want [%s]", i, (int)len, editor_text(ed) + l[i].start, want[i]);
	}
}

START_TEST(wrap)
{
	struct editor *ed = editor_new("Rådet beslutade att gå vidare\nmed planen.\n");
	editor_set_size(ed, 10, 5);
	const char *w10[] = { "Rådet ", "beslutade ", "att gå ", "vidare", "med ", "planen.", "" };
	check_lines(ed, w10, 7);
	editor_set_size(ed, 80, 5);
	const char *w80[] = { "Rådet beslutade att gå vidare", "med planen.", "" };
	check_lines(ed, w80, 3);
	editor_free(ed);
	ed = editor_new("bredbandsutbyggnaden");
	editor_set_size(ed, 8, 5); /* a word longer than the width is broken */
	const char *wl[] = { "bredband", "sutbyggn", "aden" };
	check_lines(ed, wl, 3);
	editor_set_size(ed, 1, 5);
	const struct editor_line *l;
	ck_assert_int_eq((int)editor_lines(ed, &l), 20);
	editor_free(ed);
	ed = editor_new("日本語日本");
	editor_set_size(ed, 5, 5); /* two columns each */
	const char *wj[] = { "日本", "語日", "本" };
	check_lines(ed, wj, 3);
	editor_free(ed);
	ed = editor_new("");
	ck_assert_int_eq((int)editor_lines(ed, &l), 1);
	editor_free(ed);
}
END_TEST

START_TEST(vertical_moves)
{
	struct editor *ed = editor_new("Första raden är lång\nkort\nTredje raden är också lång");
	editor_set_size(ed, 80, 2);
	editor_set_cursor(ed, strlen("Första raden är l")); /* column 17 */
	int row, col;
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 17);
	editor_move(ed, ED_DOWN);
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq(row, 1);
	ck_assert_int_eq(col, 4); /* end of "kort" */
	editor_move(ed, ED_DOWN);
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq(row, 2);
	ck_assert_int_eq(col, 17); /* the goal column is kept */
	editor_move(ed, ED_HOME);
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq(col, 0);
	editor_move(ed, ED_END);
	ck_assert_int_eq((int)editor_cursor(ed), (int)editor_len(ed));
	editor_move(ed, ED_PAGE_UP);
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq(row, 0);
	/* resize keeps the cursor on its byte */
	size_t at = editor_cursor(ed);
	editor_set_size(ed, 7, 2);
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_eq((int)editor_cursor(ed), (int)at);
	editor_free(ed);
}
END_TEST

START_TEST(undo_redo)
{
	struct editor *ed = editor_new("");
	type(ed, "Hej på er");
	ck_assert(editor_dirty(ed));
	editor_undo(ed); /* "er" */
	ck_assert_str_eq(editor_text(ed), "Hej på ");
	editor_undo(ed);
	editor_undo(ed);
	editor_undo(ed);
	editor_undo(ed);
	ck_assert_str_eq(editor_text(ed), "");
	ck_assert(!editor_undo(ed));
	ck_assert(!editor_dirty(ed));
	editor_redo(ed);
	editor_redo(ed);
	ck_assert_str_eq(editor_text(ed), "Hej ");
	editor_mark_saved(ed);
	ck_assert(!editor_dirty(ed));
	editor_insert(ed, "klistrat in en hel mening.", 26); /* a paste is one step */
	ck_assert(editor_dirty(ed));
	ck_assert(!editor_redo(ed)); /* a new edit clears redo */
	editor_undo(ed);
	ck_assert_str_eq(editor_text(ed), "Hej ");
	ck_assert_int_eq((int)editor_cursor(ed), 4);
	ck_assert(!editor_dirty(ed));
	type(ed, "då");
	editor_backspace(ed);
	editor_backspace(ed);
	ck_assert_str_eq(editor_text(ed), "Hej ");
	editor_undo(ed); /* the run of backspaces */
	ck_assert_str_eq(editor_text(ed), "Hej då");
	editor_free(ed);
}
END_TEST

START_TEST(big_paste)
{
	size_t n = 1024 * 1024;
	char *big = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = "Åtgärd för e-legitimation och öppna data. "[i % 40];
	big[n] = '\0';
	/* cut at a character boundary */
	while (n && ((unsigned char)big[n] & 0xc0) == 0x80)
		big[--n] = '\0';
	struct editor *ed = editor_new("Före: ");
	editor_move(ed, ED_BOTTOM);
	editor_insert(ed, big, strlen(big));
	const struct editor_line *l;
	editor_set_size(ed, 80, 24);
	ck_assert_int_gt((int)editor_lines(ed, &l), 10000);
	int row, col;
	editor_cursor_pos(ed, &row, &col);
	ck_assert_int_gt(row, 10000);
	ck_assert(text_valid(editor_text(ed)));
	ck_assert_int_eq((int)editor_len(ed), (int)strlen("Före: ") + (int)strlen(big));
	ck_assert(!memcmp(editor_text(ed) + strlen("Före: "), big, strlen(big)));
	free(big);
	editor_free(ed);
}
END_TEST

/* The lines of the text wrapped from scratch at width w. */
static void fresh_lines(const char *text, int w, struct editor_line **out, size_t *n)
{
	struct editor *f = editor_new(text);
	const struct editor_line *l;
	editor_set_size(f, w, 10);
	*n = editor_lines(f, &l);
	*out = xmalloc(*n * sizeof **out);
	memcpy(*out, l, *n * sizeof **out);
	editor_free(f);
}

START_TEST(wrap_after_each_change)
{
	/* after every change the kept and moved lines equal a fresh wrap */
	static const char *const pieces[] = { "a", "å", " ", "\n", "ord ", "längre ord här ", "漢字",
					      "\n\n", "e-legitimation", "x y z ", "bredbandsutbyggnadsprojektet",
					      "  " };
	enum { NPIECES = sizeof pieces / sizeof *pieces };
	/* paragraphs, and one long paragraph that wraps over many lines */
	struct strbuf one = { 0 };
	for (int i = 0; i < 60; i++)
		sb_adds(&one, i % 7 ? "ord i ett långt stycke " : "bredbandsutbyggnadsprojektet ");
	const char *const starts[] = {
		"Första stycket om bredband.\nAndra stycket, lite längre, om e-legitimation i kommunerna.\n\nTredje.",
		one.buf,
	};
	unsigned r = 7;
	for (size_t st = 0; st < sizeof starts / sizeof *starts; st++)
	for (int w = 1; w <= 40; w += 3) {
		struct editor *ed = editor_new(starts[st]);
		editor_set_size(ed, w, 10);
		const struct editor_line *l;
		editor_lines(ed, &l);
		for (int step = 0; step < 1000; step++) {
			r = r * 1103515245 + 12345;
			size_t len = editor_len(ed), nl = editor_lines(ed, &l);
			/* anywhere, or at a line's start or end, where breaks move */
			if ((r >> 12) % 3 == 0 && nl)
				editor_set_cursor(ed, (r >> 14) % 2 ? l[(r >> 16) % nl].start : l[(r >> 16) % nl].end);
			else
				editor_set_cursor(ed, len ? (r >> 8) % (len + 1) : 0);
			unsigned op = (r >> 20) % 10;
			if (op < 6) {
				const char *p = pieces[(r >> 4) % NPIECES];
				editor_insert(ed, p, strlen(p));
			} else if (op < 8) {
				editor_backspace(ed);
			} else if (op < 9) {
				editor_delete(ed);
			} else {
				editor_undo(ed);
			}
			size_t n = editor_lines(ed, &l), fn;
			struct editor_line *f;
			fresh_lines(editor_text(ed), w, &f, &fn);
			/* one assertion a step: each one is a message to Check's parent */
			size_t i = 0;
			while (i < n && i < fn && l[i].start == f[i].start && l[i].end == f[i].end)
				i++;
			ck_assert_msg(n == fn && i == n, "width %d, step %d: %zu lines, %zu fresh, first differs at %zu",
				      w, step, n, fn, i);
			free(f);
		}
		editor_free(ed);
	}
	sb_release(&one);
}
END_TEST

/*
 * Every text of up to five characters from a small alphabet that holds the
 * hard cases (a space, a newline, a wide character, a combining accent, a
 * letter), at every width from 1 to 6, with every single edit at every
 * place: typing each character, backspace, delete. After each, the lines
 * equal a fresh wrap.
 */
START_TEST(wrap_every_small_edit)
{
	static const char *const alpha[] = { "a", " ", "\n", "漢", "\xcc\x81" };
	enum { NA = sizeof alpha / sizeof *alpha, LEN = 5 };
	long cases = 0, bad = 0;
	char first[160] = "";
	for (int len = 0; len <= LEN; len++) {
		int total = 1;
		for (int i = 0; i < len; i++)
			total *= NA;
		for (int code = 0; code < total; code++) {
			char text[32] = "";
			size_t at[LEN + 1], nat = 0;
			at[nat++] = 0;
			for (int i = 0, c = code; i < len; i++, c /= NA) {
				strcat(text, alpha[c % NA]);
				at[nat++] = strlen(text);
			}
			for (int w = 1; w <= 6; w++)
				for (size_t p = 0; p < nat; p++)
					for (int op = 0; op < NA + 2; op++) {
						struct editor *ed = editor_new(text);
						const struct editor_line *l;
						editor_set_size(ed, w, 10);
						editor_lines(ed, &l);
						editor_set_cursor(ed, at[p]);
						if (op < NA)
							editor_insert(ed, alpha[op], strlen(alpha[op]));
						else if (op == NA)
							editor_backspace(ed);
						else
							editor_delete(ed);
						size_t n = editor_lines(ed, &l), fn, i = 0;
						struct editor_line *f;
						fresh_lines(editor_text(ed), w, &f, &fn);
						while (i < n && i < fn && l[i].start == f[i].start && l[i].end == f[i].end)
							i++;
						cases++;
						if ((n != fn || i != n) && !bad++)
							snprintf(first, sizeof first, "text of %d characters, code %d, width %d, place %zu, edit %d",
								 len, code, w, p, op);
						free(f);
						editor_free(ed);
					}
		}
	}
	ck_assert_msg(bad == 0, "%ld of %ld edits wrapped unlike a fresh wrap; first: %s", bad, cases, first);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { insert_delete_utf8, clean_input, word_moves, wrap, vertical_moves,
				       undo_redo, big_paste, wrap_after_each_change, wrap_every_small_edit };
	return run_suite("editor", tests, sizeof tests / sizeof *tests);
}
