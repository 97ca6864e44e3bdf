/*
 * editor: the notes editor's text.
 *
 * The text is one contiguous UTF-8 buffer. Inserting at the cursor moves
 * the rest of the text with memmove: for a 50 KB note that is a few
 * microseconds, and a 1 MB paste is one move, so no gap buffer is needed
 * and editor_text is free.
 *
 * Wrapping is computed lazily: a change marks the layout stale, and the
 * next call that needs visual lines wraps the text (words move whole to the
 * next line when they fit; longer words are broken). After one change only
 * the lines around it are wrapped again (see layout): the lines before them
 * stay, and once a new line starts where an old one did past the change,
 * the rest are the old ones moved by the change's length. So a keystroke in
 * a 50 KB note, even one long paragraph, costs a few lines' wrapping.
 *
 * Undo keeps a list of edits (insert or delete of some bytes at a position,
 * with the cursor before). An edit joins the previous one when it continues
 * it: typing a letter right after the last typed letter of the same word,
 * or another backspace right before the last one. Undo replays edits
 * backwards; a new edit clears what could be redone.
 */
#include "tui/editor/editor.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/base/base.h"

struct edit {
	bool insert;  /* else a deletion */
	size_t pos;   /* where the bytes were inserted or deleted */
	char *bytes;
	size_t n;
	size_t cursor; /* the cursor before the edit */
};

struct editor {
	struct strbuf text;
	size_t cursor;
	int width, height;
	int goal_col; /* for UP/DOWN; -1 when unset */
	struct editor_line *lines;
	size_t nlines, alines;
	bool stale;
	/* the one change since the last layout, when there was only one:
	 * at byte `change_at`, the text grew by `change_len` (negative: shrank) */
	int changes;
	size_t change_at;
	long change_len;
	struct edit *undo;
	size_t nundo, aundo, nredo; /* edits [nundo, nundo + nredo) can be redone */
	size_t saved_at;            /* nundo when last saved; (size_t)-1: never equal */
	bool joinable;              /* the last edit may be continued */
};

struct editor *editor_new(const char *text)
{
	struct editor *ed = xcalloc(1, sizeof *ed);
	sb_adds(&ed->text, text ? text : "");
	ed->width = 80;
	ed->height = 20;
	ed->goal_col = -1;
	ed->stale = true;
	return ed;
}

void editor_free(struct editor *ed)
{
	if (!ed)
		return;
	for (size_t i = 0; i < ed->nundo + ed->nredo; i++)
		free(ed->undo[i].bytes);
	free(ed->undo);
	free(ed->lines);
	sb_release(&ed->text);
	free(ed);
}

const char *editor_text(struct editor *ed)
{
	return ed->text.buf ? ed->text.buf : "";
}

size_t editor_len(const struct editor *ed)
{
	return ed->text.len;
}

size_t editor_cursor(const struct editor *ed)
{
	return ed->cursor;
}

static bool is_cont(const struct editor *ed, size_t i)
{
	return i < ed->text.len && ((unsigned char)ed->text.buf[i] & 0xc0) == 0x80;
}

void editor_set_cursor(struct editor *ed, size_t byte)
{
	if (byte > ed->text.len)
		byte = ed->text.len;
	while (byte > 0 && is_cont(ed, byte))
		byte--;
	ed->cursor = byte;
	ed->goal_col = -1;
	ed->joinable = false;
}

static size_t next_char(const struct editor *ed, size_t i)
{
	if (i >= ed->text.len)
		return ed->text.len;
	i++;
	while (is_cont(ed, i))
		i++;
	return i;
}

static size_t prev_char(const struct editor *ed, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_cont(ed, i))
		i--;
	return i;
}

/* Raw changes of the text, recorded by the callers. */
static void raw_insert(struct editor *ed, size_t pos, const char *s, size_t n)
{
	sb_add(&ed->text, s, n); /* grow by n */
	memmove(ed->text.buf + pos + n, ed->text.buf + pos, ed->text.len - n - pos);
	memcpy(ed->text.buf + pos, s, n);
	ed->stale = true;
	ed->changes++;
	ed->change_at = pos;
	ed->change_len = (long)n;
}

static void raw_delete(struct editor *ed, size_t pos, size_t n)
{
	memmove(ed->text.buf + pos, ed->text.buf + pos + n, ed->text.len - pos - n);
	ed->text.len -= n;
	ed->text.buf[ed->text.len] = '\0';
	ed->stale = true;
	ed->changes++;
	ed->change_at = pos;
	ed->change_len = -(long)n;
}

static bool word_byte(const char *s, size_t len, size_t i)
{
	unsigned cp;
	utf8_decode(s + i, &cp);
	(void)len;
	return (cp < 0x80 && (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9'))) ||
	       (cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !(cp >= 0x2000 && cp <= 0x2bff) &&
		!(cp >= 0x3000 && cp <= 0x303f));
}

/* Records an edit, joining it to the last one when it continues it. */
static void record(struct editor *ed, bool insert, size_t pos, const char *bytes, size_t n,
		   size_t cursor)
{
	for (size_t i = ed->nundo; i < ed->nundo + ed->nredo; i++)
		free(ed->undo[i].bytes);
	ed->nredo = 0;
	if (ed->saved_at > ed->nundo)
		ed->saved_at = (size_t)-1;
	struct edit *last = ed->nundo ? &ed->undo[ed->nundo - 1] : NULL;
	bool word = n > 0 && word_byte(bytes, n, 0);
	if (ed->joinable && last && ed->saved_at != ed->nundo && last->insert == insert && word && n <= 4) {
		if (insert && last->pos + last->n == pos) {
			last->bytes = xrealloc(last->bytes, last->n + n);
			memcpy(last->bytes + last->n, bytes, n);
			last->n += n;
			return;
		}
		if (!insert && pos + n == last->pos) { /* backspace run */
			char *b = xmalloc(last->n + n);
			memcpy(b, bytes, n);
			memcpy(b + n, last->bytes, last->n);
			free(last->bytes);
			last->bytes = b;
			last->n += n;
			last->pos = pos;
			return;
		}
	}
	ALLOC_GROW(ed->undo, ed->nundo + 1, ed->aundo);
	struct edit *x = &ed->undo[ed->nundo++];
	x->insert = insert;
	x->pos = pos;
	x->bytes = xmalloc(n ? n : 1);
	memcpy(x->bytes, bytes, n);
	x->n = n;
	x->cursor = cursor;
	ed->joinable = word && n <= 4;
}

void editor_insert(struct editor *ed, const char *s, size_t n)
{
	struct strbuf clean = { 0 };
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			sb_addc(&clean, '\n');
			i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			if (c >= 0x20 || c == '\n' || c == '\t')
				if (c != 0x7f)
					sb_addc(&clean, (char)c);
			i++;
			continue;
		}
		/* validate one sequence within the n bytes */
		char tmp[5] = { 0 };
		size_t k = 0;
		for (; k < 4 && i + k < n; k++)
			tmp[k] = s[i + k];
		unsigned cp;
		int len = utf8_decode(tmp, &cp);
		char one[5] = { 0 };
		memcpy(one, s + i, (size_t)len);
		if (cp == 0xfffd && len == 1) {
			sb_adds(&clean, "\xef\xbf\xbd");
		} else if (!text_valid(one)) {
			sb_adds(&clean, "\xef\xbf\xbd");
		} else {
			sb_add(&clean, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	if (clean.len) {
		size_t before = ed->cursor;
		bool join = ed->joinable;
		raw_insert(ed, ed->cursor, clean.buf, clean.len);
		ed->joinable = join && clean.len <= 4;
		record(ed, true, before, clean.buf, clean.len, before);
		ed->cursor = before + clean.len;
	}
	ed->goal_col = -1;
	sb_release(&clean);
}

static void delete_range(struct editor *ed, size_t from, size_t to, bool joinable)
{
	if (to <= from)
		return;
	size_t cursor = ed->cursor;
	char *copy = xmalloc(to - from);
	memcpy(copy, ed->text.buf + from, to - from);
	raw_delete(ed, from, to - from);
	bool j = ed->joinable && joinable;
	ed->joinable = j;
	record(ed, false, from, copy, to - from, cursor);
	ed->joinable = joinable;
	free(copy);
	ed->cursor = from;
	ed->goal_col = -1;
}

void editor_backspace(struct editor *ed)
{
	delete_range(ed, prev_char(ed, ed->cursor), ed->cursor, true);
}

void editor_delete(struct editor *ed)
{
	ed->joinable = false;
	delete_range(ed, ed->cursor, next_char(ed, ed->cursor), false);
}

static size_t word_left(const struct editor *ed, size_t i)
{
	while (i > 0 && !word_byte(ed->text.buf, ed->text.len, prev_char(ed, i)))
		i = prev_char(ed, i);
	while (i > 0 && word_byte(ed->text.buf, ed->text.len, prev_char(ed, i)))
		i = prev_char(ed, i);
	return i;
}

static size_t word_right(const struct editor *ed, size_t i)
{
	while (i < ed->text.len && !word_byte(ed->text.buf, ed->text.len, i))
		i = next_char(ed, i);
	while (i < ed->text.len && word_byte(ed->text.buf, ed->text.len, i))
		i = next_char(ed, i);
	return i;
}

void editor_delete_word_back(struct editor *ed)
{
	ed->joinable = false;
	delete_range(ed, word_left(ed, ed->cursor), ed->cursor, false);
}

static int char_width(unsigned cp)
{
	if (cp == '\t')
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static void push_line(struct editor_line **lines, size_t *n, size_t *alloc, size_t start, size_t end)
{
	ALLOC_GROW(*lines, *n + 1, *alloc);
	(*lines)[*n].start = start;
	(*lines)[*n].end = end;
	++*n;
}

/*
 * Wraps the text from byte `start` (the start of a line) into `lines`
 * (appending). With `old` given, stops at the first line that starts after
 * `resync` where an old line started (at its old place, before the change
 * moved it by `shift`), and appends the old lines from there, moved.
 */
static void wrap_from(struct editor *ed, size_t start, struct editor_line **lines, size_t *n,
		      size_t *alloc, const struct editor_line *old, size_t nold, size_t resync, long shift)
{
	const char *t = editor_text(ed);
	size_t len = ed->text.len, k = 0;
	for (;;) {
		/* past the change, a line that starts where an old one did wraps
		 * as it did (a line depends only on the text from its start) */
		if (old && start > resync) {
			size_t was = (size_t)((long)start - shift);
			while (k < nold && old[k].start < was)
				k++;
			if (k < nold && old[k].start == was) {
				for (; k < nold; k++)
					push_line(lines, n, alloc, (size_t)((long)old[k].start + shift),
						  (size_t)((long)old[k].end + shift));
				return;
			}
		}
		/* one visual line from start */
		size_t i = start, brk = (size_t)-1;
		int col = 0;
		while (i < len && t[i] != '\n') {
			unsigned cp;
			int nb = utf8_decode(t + i, &cp);
			int w = char_width(cp);
			if (col + w > ed->width && i > start)
				break;
			col += w;
			i += (size_t)nb;
			if (cp == ' ')
				brk = i; /* may break after a space */
		}
		size_t end = i, next = i;
		if (i < len && t[i] != '\n') {
			if (brk != (size_t)-1 && brk > start) /* wrap at the last space */
				end = next = brk;
		} else if (i < len) {
			next = i + 1; /* after the newline */
		}
		push_line(lines, n, alloc, start, end);
		if (i >= len && next >= len)
			return;
		start = next;
		if (start >= len) { /* text ends with a newline: an empty last line */
			if (t[len - 1] == '\n')
				push_line(lines, n, alloc, len, len);
			return;
		}
	}
}

/* The last line that starts at or before pos (of the lines as they are,
 * old ones while layout works). */
static size_t line_at_or_before(const struct editor *ed, size_t pos)
{
	size_t lo = 0, hi = ed->nlines - 1;
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		if (ed->lines[mid].start <= pos)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/*
 * Wraps the text into visual lines: after one change, again from two lines
 * before it until the lines meet the old ones again, else all of it.
 *
 * Why two lines: a line's break depends only on the text from its start up
 * to the first character that no longer fits. The next line holds every
 * character the scan read before that one (they fit even after this line's
 * first character, and hold no space it could break at), so that character
 * is at most the first of the line after next: it is exactly that when the
 * next line was cut short by a wide character that did not fit ("xyz漢" in
 * 4 columns). A change in line k can thus move the breaks of lines k - 1
 * and k - 2, never an earlier one. A paragraph's start stays a line start.
 */
static void layout(struct editor *ed)
{
	if (!ed->stale)
		return;
	if (ed->changes == 1 && ed->nlines > 0 && ed->text.len > 0) {
		const char *t = editor_text(ed);
		/* the paragraph of the change: its start is before the change,
		 * where nothing moved */
		size_t para = ed->change_at;
		while (para > 0 && t[para - 1] != '\n')
			para--;
		size_t k = line_at_or_before(ed, para);
		if (ed->lines[k].start == para) {
			size_t at = line_at_or_before(ed, ed->change_at);
			if (at >= k + 2) /* else from the paragraph's start */
				k = at - 2;
			para = ed->lines[k].start;
			/* room for the old lines and a few more: one allocation a key */
			size_t n = k, alloc = ed->nlines + 64;
			struct editor_line *lines = xmalloc(alloc * sizeof *lines);
			memcpy(lines, ed->lines, k * sizeof *lines);
			size_t resync = ed->change_at + (ed->change_len > 0 ? (size_t)ed->change_len : 0);
			wrap_from(ed, para, &lines, &n, &alloc, ed->lines + k, ed->nlines - k, resync,
				  ed->change_len);
			free(ed->lines);
			ed->lines = lines;
			ed->nlines = n;
			ed->alines = alloc;
			ed->stale = false;
			ed->changes = 0;
			return;
		}
	}
	ed->nlines = 0;
	wrap_from(ed, 0, &ed->lines, &ed->nlines, &ed->alines, NULL, 0, 0, 0);
	ed->stale = false;
	ed->changes = 0;
}

size_t editor_lines(struct editor *ed, const struct editor_line **lines)
{
	layout(ed);
	*lines = ed->lines;
	return ed->nlines;
}

void editor_set_size(struct editor *ed, int width, int height)
{
	if (width < 1)
		width = 1;
	if (height < 1)
		height = 1;
	if (width != ed->width) {
		ed->stale = true;
		ed->changes = 2; /* every line again */
	}
	ed->width = width;
	ed->height = height;
}

/* The visual row of byte offset pos: the last line starting at or before it
 * (a cursor at the end of a wrapped line belongs to the next line). */
static size_t row_of(struct editor *ed, size_t pos)
{
	layout(ed);
	return line_at_or_before(ed, pos);
}

static int col_of(struct editor *ed, size_t row, size_t pos)
{
	const char *t = editor_text(ed);
	int col = 0;
	for (size_t i = ed->lines[row].start; i < pos && i < ed->lines[row].end;) {
		unsigned cp;
		i += (size_t)utf8_decode(t + i, &cp);
		col += char_width(cp);
	}
	return col;
}

/* The byte in a row closest to column col. */
static size_t pos_at(struct editor *ed, size_t row, int col)
{
	const char *t = editor_text(ed);
	size_t i = ed->lines[row].start;
	int c = 0;
	while (i < ed->lines[row].end) {
		unsigned cp;
		int n = utf8_decode(t + i, &cp);
		int w = char_width(cp);
		if (c + w > col)
			break;
		c += w;
		i += (size_t)n;
	}
	return i;
}

void editor_cursor_pos(struct editor *ed, int *row, int *col)
{
	size_t r = row_of(ed, ed->cursor);
	*row = (int)r;
	*col = col_of(ed, r, ed->cursor);
}

static void move_rows(struct editor *ed, long delta)
{
	size_t r = row_of(ed, ed->cursor);
	if (ed->goal_col < 0)
		ed->goal_col = col_of(ed, r, ed->cursor);
	long target = (long)r + delta;
	if (target < 0)
		target = 0;
	if (target >= (long)ed->nlines)
		target = (long)ed->nlines - 1;
	int goal = ed->goal_col;
	ed->cursor = pos_at(ed, (size_t)target, goal);
	ed->goal_col = goal;
}

void editor_move(struct editor *ed, enum editor_move m)
{
	size_t r;
	ed->joinable = false;
	switch (m) {
	case ED_LEFT: ed->cursor = prev_char(ed, ed->cursor); break;
	case ED_RIGHT: ed->cursor = next_char(ed, ed->cursor); break;
	case ED_WORD_LEFT: ed->cursor = word_left(ed, ed->cursor); break;
	case ED_WORD_RIGHT: ed->cursor = word_right(ed, ed->cursor); break;
	case ED_HOME: r = row_of(ed, ed->cursor); ed->cursor = ed->lines[r].start; break;
	case ED_END: r = row_of(ed, ed->cursor); ed->cursor = ed->lines[r].end; break;
	case ED_UP: move_rows(ed, -1); return;
	case ED_DOWN: move_rows(ed, 1); return;
	case ED_PAGE_UP: move_rows(ed, -ed->height); return;
	case ED_PAGE_DOWN: move_rows(ed, ed->height); return;
	case ED_TOP: ed->cursor = 0; break;
	case ED_BOTTOM: ed->cursor = ed->text.len; break;
	}
	ed->goal_col = -1;
}

bool editor_undo(struct editor *ed)
{
	if (ed->nundo == 0)
		return false;
	struct edit *x = &ed->undo[--ed->nundo];
	ed->nredo++;
	if (x->insert)
		raw_delete(ed, x->pos, x->n);
	else
		raw_insert(ed, x->pos, x->bytes, x->n);
	ed->cursor = x->cursor;
	ed->joinable = false;
	ed->goal_col = -1;
	return true;
}

bool editor_redo(struct editor *ed)
{
	if (ed->nredo == 0)
		return false;
	struct edit *x = &ed->undo[ed->nundo++];
	ed->nredo--;
	if (x->insert) {
		raw_insert(ed, x->pos, x->bytes, x->n);
		ed->cursor = x->pos + x->n;
	} else {
		raw_delete(ed, x->pos, x->n);
		ed->cursor = x->pos;
	}
	ed->joinable = false;
	ed->goal_col = -1;
	return true;
}

bool editor_dirty(const struct editor *ed)
{
	return ed->saved_at != ed->nundo;
}

void editor_mark_saved(struct editor *ed)
{
	ed->saved_at = ed->nundo;
	ed->joinable = false;
}
