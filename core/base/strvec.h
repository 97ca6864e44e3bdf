/*
 * strvec: a growable list of owned strings.
 */
#ifndef GAVEL_BASE_STRVEC_H
#define GAVEL_BASE_STRVEC_H

#include <stddef.h>

struct strvec {
	char **v;
	size_t n, alloc;
};
/* Appends a copy of s. */
void strvec_push(struct strvec *sv, const char *s);
/* Frees every string and the list; sv may be reused. */
void strvec_release(struct strvec *sv);

#endif
