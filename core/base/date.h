/*
 * date: calendar dates "YYYY-MM-DD" and clock times "HH:MM" as text.
 */
#ifndef GAVEL_BASE_DATE_H
#define GAVEL_BASE_DATE_H

#include <stdbool.h>

/* "YYYY-MM-DD" and its NUL. */
#define DATE_SIZE 11
/* "HH:MM" and its NUL. */
#define HHMM_SIZE 6

/* True if s is a real calendar date "YYYY-MM-DD" (1900..2999). */
bool date_valid(const char *s);
/* True if s is "HH:MM", 00:00..23:59. */
bool time_valid(const char *s);
/* The year of a valid date. */
int date_year(const char *date);
/* out = date + days (days may be negative); date must be valid. */
void date_add_days(const char *date, int days, char out[DATE_SIZE]);

#endif
