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
/* Prints "NAME: VALUE UNIT" and keeps it for bench/last.json. */
void bench_report(const char *name, double value, const char *unit);

/* The interface's figures: first_screen_ms, key_cpu_us and rss_mb from
 * the real program in a pseudo-terminal on db; set_notes(bytes) gives the
 * next meetings' first items notes of that size before each typing run. */
void bench_tui_process(const char *gavel, const char *db, void (*set_notes)(size_t bytes),
		       bool (*notes_have)(const char *word));
/* screen_open_ms: every screen loaded and drawn; the slowest. */
void bench_tui_screens(struct store *st, const char *next_meeting);

#endif
