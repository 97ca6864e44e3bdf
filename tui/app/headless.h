/*
 * headless: the interface without a terminal, for tests that see the
 * whole screen (tig's TIG_NO_DISPLAY and TIG_SCRIPT).
 *
 *   GAVEL_HEADLESS=COLSxROWS  the interface draws into curses' own copy of a
 *                            screen that size and writes nothing to a
 *                            terminal; it runs with standard input and
 *                            output anything (a pipe, a file)
 *   GAVEL_SCRIPT=KEYS         the keys it reads instead of a keyboard's
 *
 * KEYS are typed as they stand (a letter, å as its UTF-8 bytes, a space);
 * newlines are left out, so a script may be written on several lines.
 * <Name> is a named key: <Enter> <Esc> <Tab> <Space> <BS> <Del> <Up>
 * <Down> <Left> <Right> <Home> <End> <PgUp> <PgDn> <F1> <C-Left> <C-Right>,
 * <C-x> (Ctrl and a letter) and <lt> (a "<"). Three are not keys:
 *
 *   <dump NAME>   prints "=== NAME" and the screen, as text, one line a row
 *                 with its trailing spaces cut, to standard output
 *   <resize CxR>  the screen becomes C columns by R rows (the interface
 *                 reads it as a terminal's resize)
 *   <tick>        a wait for a key that times out (when the interface
 *                 saves what was typed)
 *
 * When the keys run out, the interface ends as when its terminal closes:
 * it saves everything and leaves. Colours and attributes are not in the
 * text; the line-drawing characters are (─ │).
 */
#ifndef GAVEL_TUI_HEADLESS_H
#define GAVEL_TUI_HEADLESS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/base/error.h"

/* Starts the headless screen at the size GAVEL_HEADLESS gives, with the
 * keys of GAVEL_SCRIPT (none if unset); -1 with e when either is not
 * valid or curses cannot make the screen. */
int headless_start(struct err *e);
/* Starts it at cols x rows with the keys of script (the unit tests). */
int headless_start_at(int cols, int rows, const char *script, struct err *e);
/* Replaces the keys still to come with those of script; -1 with e. */
int headless_script(const char *script, struct err *e);
/* Ends the headless screen and frees what it holds. */
void headless_stop(void);
/* True while the headless screen runs. */
bool headless_on(void);
/* The next key of the script, after printing the dumps and doing the
 * resizes that come before it; ERR for a <tick> and once the keys have run
 * out (then headless_ended() is true). */
int headless_key(void);
/* True once the keys have run out. */
bool headless_ended(void);
/* Prints the screen as text under "=== name" (see above). */
void headless_dump(FILE *f, const char *name);

#endif
