/* value: a field's value compared, copied, freed. */
#include "store/value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/alloc.h"

void rval_release(struct rval *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}

bool rval_equal(const struct rval *a, const struct rval *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case RV_NULL:
		return true;
	case RV_INT:
		return a->i == b->i;
	case RV_REAL:
		return a->d == b->d || (isnan(a->d) && isnan(b->d));
	case RV_TEXT:
		return !strcmp(a->s, b->s);
	}
	return false;
}

void rval_copy(struct rval *dst, const struct rval *src)
{
	*dst = *src;
	dst->s = src->type == RV_TEXT ? xstrdup(src->s) : NULL;
}
