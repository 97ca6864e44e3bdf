/*
 * clock: the one clock of gavel.
 *
 * Every part that reads the time (today's date, a meeting's opening time,
 * a row's timestamps, a signature's time, the sync's logical clock) reads it
 * here, so that tests and demonstrations can set it:
 *
 *   GAVEL_NOW=YYYY-MM-DDTHH:MM:SSZ   the clock stands still at that UTC time
 *   GAVEL_TODAY=YYYY-MM-DD           the clock stands still at noon, local
 *                                    time, of that day
 *
 * GAVEL_NOW wins when both are set; a value that is not a valid time is
 * ignored. Without either, the clock is the system's.
 *
 * SQLite reads it too (store/vfs.c), so the sync's logical clock, made in
 * SQL by the change-capture triggers, stands still with it; that clock
 * still moves on by its counter.
 *
 * One reading is the kernel's own time whatever the environment says, and
 * never shown to a person: clock_system(), to compare with the times the
 * file system puts on files (the shared folder's "unchanged for two
 * seconds" rule).
 */
#ifndef GAVEL_CLOCK_H
#define GAVEL_CLOCK_H

#include <time.h>

#include "core/base/date.h"

/* "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define CLOCK_UTC_SIZE 21

/* Now, in seconds since the epoch. */
time_t clock_now(void);
/* Now in milliseconds since the epoch. */
long long clock_now_ms(void);
/* Now in UTC as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_utc(char out[CLOCK_UTC_SIZE]);
/* Today's date in local time, "YYYY-MM-DD". */
void clock_today(char out[DATE_SIZE]);
/* The local time of day, "HH:MM". */
void clock_hhmm(char out[HHMM_SIZE]);
/* "YYYYMMDDTHHMMSSZ" and its NUL. */
#define CLOCK_ICS_SIZE 17
/* Now in UTC in the compact form of iCalendar, "YYYYMMDDTHHMMSSZ". */
void clock_ics(char out[CLOCK_ICS_SIZE]);
/* The kernel's clock, only to compare with file times (see above). */
time_t clock_system(void);


#endif
