/*
 * alloc: memory that never comes back NULL.
 *
 * The x* allocators abort the program with one line on out-of-memory, so
 * no caller needs a check; sizes are checked for overflow before they are
 * multiplied. ALLOC_GROW is the one way a growing array grows.
 */
#ifndef GAVEL_BASE_ALLOC_H
#define GAVEL_BASE_ALLOC_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
/* count * n zeroed bytes; aborts when the product overflows. */
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
/* Resizes p to count * n bytes; aborts when the product overflows. */
void *xreallocarray(void *p, size_t count, size_t n);
char *xstrdup(const char *s);
/* Like xstrdup, but NULL stays NULL. */
char *xstrdup_or_null(const char *s);
/* printf into a freshly allocated string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The capacity to grow to so that `need` elements fit: at least double,
 * at least 8; aborts on overflow. */
size_t alloc_grow_size(size_t alloc, size_t need);

/*
 * Makes the array p (of `alloc` elements) hold at least `need` elements,
 * doubling its capacity; p and alloc are lvalues (git's ALLOC_GROW).
 */
#define ALLOC_GROW(p, need, alloc) \
	do { \
		if ((need) > (alloc)) { \
			(alloc) = alloc_grow_size((alloc), (need)); \
			(p) = xreallocarray((p), (alloc), sizeof *(p)); \
		} \
	} while (0)

#endif
