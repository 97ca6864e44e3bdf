/*
 * editor: the text of a multi-line editor (the minutes' notes): UTF-8
 * text, a cursor, soft wrap at a width in terminal columns, undo and redo.
 * No curses here: screens draw the visual lines it exposes.
 */
#ifndef GAVEL_EDITOR_H
#define GAVEL_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

struct editor;

/* A new editor holding a copy of text (NULL: empty). Never NULL. */
struct editor *editor_new(const char *text);
void editor_free(struct editor *ed);
/* The whole text, NUL-terminated UTF-8; valid until the next change. */
const char *editor_text(struct editor *ed);
/* Its length in bytes. */
size_t editor_len(const struct editor *ed);
/* The cursor: a byte offset, always on a character boundary. */
size_t editor_cursor(const struct editor *ed);
/* Moves the cursor, clamped to the text and back to a character boundary. */
void editor_set_cursor(struct editor *ed, size_t byte);
/*
 * Inserts n bytes at the cursor and moves the cursor after them. Invalid
 * UTF-8 becomes U+FFFD; NUL and control characters other than newline and
 * tab are dropped; \r\n and \r become \n.
 */
void editor_insert(struct editor *ed, const char *s, size_t n);
/* Deletes the character before / at the cursor. */
void editor_backspace(struct editor *ed);
void editor_delete(struct editor *ed);
/* Deletes back to the start of the previous word (Ctrl-W). */
void editor_delete_word_back(struct editor *ed);

enum editor_move { ED_LEFT, ED_RIGHT, ED_WORD_LEFT, ED_WORD_RIGHT, ED_HOME, ED_END, ED_UP, ED_DOWN,
		   ED_PAGE_UP, ED_PAGE_DOWN, ED_TOP, ED_BOTTOM };
/* Moves the cursor. HOME, END, UP, DOWN and the pages go by visual (wrapped)
 * lines; UP and DOWN keep the goal column across lines of other lengths. */
void editor_move(struct editor *ed, enum editor_move m);
/* The wrap width in columns and the page height in rows (each at least 1). */
void editor_set_size(struct editor *ed, int width, int height);

/* A visual line: the bytes [start, end) of the text, without its newline. */
struct editor_line {
	size_t start, end;
};
/* The visual lines (at least one); the array is the editor's, valid until
 * the next change or resize. */
size_t editor_lines(struct editor *ed, const struct editor_line **lines);
/* The cursor's visual row and display column. */
void editor_cursor_pos(struct editor *ed, int *row, int *col);

/* Undo and redo. Typing within a word is one step, a paste one step, a run
 * of deletions one step. False when there is nothing to undo or redo. */
bool editor_undo(struct editor *ed);
bool editor_redo(struct editor *ed);
/* Changed since editor_new or editor_mark_saved? */
bool editor_dirty(const struct editor *ed);
void editor_mark_saved(struct editor *ed);

#endif
