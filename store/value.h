/*
 * value: one field's value as SQLite holds it (NULL, integer, real or
 * text), for rows whose columns are known only at run time: the replica's
 * (store/replica.h) and the statements that bind them (store/db.h, 'v').
 */
#ifndef GAVEL_STORE_VALUE_H
#define GAVEL_STORE_VALUE_H

#include <stdbool.h>

enum rval_type { RV_NULL, RV_INT, RV_REAL, RV_TEXT };
struct rval {
	enum rval_type type;
	long long i;
	double d;
	char *s; /* RV_TEXT: owned, NUL-terminated */
};
/* Frees the text and clears v to RV_NULL. */
void rval_release(struct rval *v);
/* Same type and value (two NaNs are equal). */
bool rval_equal(const struct rval *a, const struct rval *b);
/* dst becomes a copy of src with its own text. */
void rval_copy(struct rval *dst, const struct rval *src);

#endif
