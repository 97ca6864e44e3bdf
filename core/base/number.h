/*
 * number: numbers typed as text.
 */
#ifndef GAVEL_BASE_NUMBER_H
#define GAVEL_BASE_NUMBER_H

#include <stdbool.h>

/* True if s is a whole decimal number in [min, max]; stores it in *out. */
bool parse_int(const char *s, long min, long max, long *out);

#endif
