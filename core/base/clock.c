#include "core/base/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

/* "YYYY-MM-DDTHH:MM:SSZ" as UTC seconds; false if it is not one. */
static bool parse_utc(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char z = 0;
	int n = 0;
	if (!s || strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &z, &n) != 7 ||
	    n != 20 || z != 'Z')
		return false;
	int y = tm.tm_year, m = tm.tm_mon, d = tm.tm_mday;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm back;
	gmtime_r(&t, &back);
	/* timegm normalises 2026-02-30 into March: refuse what moved */
	if (back.tm_year + 1900 != y || back.tm_mon + 1 != m || back.tm_mday != d || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 59)
		return false;
	*out = t;
	return true;
}

/* "YYYY-MM-DD" as noon local time; false if it is not a date. */
static bool parse_day(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int n = 0;
	if (!s || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10)
		return false;
	int y = tm.tm_year, m = tm.tm_mon, d = tm.tm_mday;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_year + 1900 != y || tm.tm_mon + 1 != m || tm.tm_mday != d)
		return false;
	*out = t;
	return true;
}

/* The time the environment sets, if it sets one. */
static bool fixed(time_t *t)
{
	return parse_utc(getenv("GAVEL_NOW"), t) || parse_day(getenv("GAVEL_TODAY"), t);
}

time_t clock_now(void)
{
	time_t t;
	return fixed(&t) ? t : time(NULL);
}

static void format(const char *fmt, bool utc, char *out, size_t size)
{
	time_t t = clock_now();
	struct tm tm;
	if (utc)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	strftime(out, size, fmt, &tm);
}

void clock_utc(char out[CLOCK_UTC_SIZE])
{
	format("%Y-%m-%dT%H:%M:%SZ", true, out, CLOCK_UTC_SIZE);
}

void clock_today(char out[DATE_SIZE])
{
	format("%Y-%m-%d", false, out, DATE_SIZE);
}

void clock_hhmm(char out[HHMM_SIZE])
{
	format("%H:%M", false, out, HHMM_SIZE);
}

void clock_ics(char out[CLOCK_ICS_SIZE])
{
	format("%Y%m%dT%H%M%SZ", true, out, CLOCK_ICS_SIZE);
}

time_t clock_system(void)
{
	/* the kernel's own reading, past any library that stands in for the
	 * C library's clock (libfaketime in the tests): file times are the
	 * kernel's, and they are what this is compared with */
	struct timespec ts;
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts) == 0)
		return ts.tv_sec;
	return time(NULL);
}

long long clock_now_ms(void)
{
	time_t t;
	if (fixed(&t))
		return (long long)t * 1000;
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
