/* bench: shared by the benchmark's files. */
#ifndef GAVEL_BENCH_H
#define GAVEL_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* Monotonic milliseconds. */
double bench_now_ms(void);
/* Prints what failed (and the last error) and exits. */
void bench_die(const char *what) __attribute__((noreturn));
/* Prints "NAME: VALUE UNIT" and keeps a copy of it for bench/last.json;
 * name and unit may be reused by the caller. A name reported twice, too
 * long, or past the table's size ends the run with a message. */
void bench_report(const char *name, double value, const char *unit);
/* Pseudo-random numbers below n, the same each run. */
unsigned bench_rnd(unsigned n);
/* Swedish text of the minutes, about len bytes, into sb. */
void bench_text(struct strbuf *sb, size_t len);

/* The ids the services take, found as a command would find them; each
 * dies if there is none. A static buffer each, valid until the next call
 * of the same function. */
const char *bench_person(struct store *st, const char *name);
const char *bench_body(struct store *st, const char *short_name);
const char *bench_item(struct store *st, const char *meeting_id, int pos);
const char *bench_goal(struct store *st, const char *code);

/* The interface's figures: first_screen_ms, key_cpu_us and rss_mb from
 * the real program in a pseudo-terminal on db; set_notes(bytes) gives the
 * next meetings' first items notes of that size before each typing run. */
void bench_tui_process(const char *gavel, const char *db, void (*set_notes)(size_t bytes),
		       bool (*notes_have)(const char *word));
/* screen_open_ms: every screen loaded and drawn; the slowest. */
void bench_tui_screens(struct store *st, const char *next_meeting);

/* The sync figures on copies of the council at `council` (bench_sync.c);
 * reuse: keep what an earlier run made of the same council. */
void bench_sync(const char *council, const char *today, bool reuse, bool merge_only);

#endif
