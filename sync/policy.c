/* policy: what a member's file may change (policy.h). */
#include "sync/policy.h"

#include <stdlib.h>
#include <string.h>

#include "core/identity.h"
#include "store/replica.h"

/* The value of column col in a change, or NULL if it is not there. */
static const struct rval *change_val(const struct change *c, const char *col)
{
	for (int k = 0; k < c->ncols; k++)
		if (!strcmp(c->cols[k], col))
			return &c->vals[k];
	return NULL;
}

static bool is_text(const struct rval *v, const char *s)
{
	return v && v->type == RV_TEXT && !strcmp(v->s, s);
}

static bool is_unset(const struct rval *v)
{
	return !v || v->type == RV_NULL || (v->type == RV_TEXT && !*v->s);
}

/* Sets why to the refusal code; 1. */
static int refuse(struct err *why, enum err_code code)
{
	error(why, code);
	return 1;
}

/* One change of member_key by the writer of b: 0 kept, 1 refused. */
static int member_key_change(struct store *st, const struct rtable *t, const struct bundle *b,
			     const struct change *c, struct err *why, struct err *e)
{
	if (c->op != CHANGE_UPSERT)
		return refuse(why, E_POLICY_KEY_DELETED);
	char pk[2 * IDENTITY_PK_LEN + 1];
	identity_key_hex(b->writer_pk, pk);
	if (!replica_row_exists(st, t, c->row)) {
		if (store_error(st, e))
			return -1;
		/* a new key: only the writer's own */
		if (!is_text(change_val(c, "public_key"), pk) || !is_text(change_val(c, "actor"), b->writer))
			return refuse(why, E_POLICY_OTHERS_KEY);
		return 0;
	}
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(st, t, c->row, vals, e);
	for (int k = 0; k < c->ncols && rc == 0; k++) {
		int ci = replica_col(t, c->cols[k]);
		if (ci < 0)
			continue;
		const char *col = c->cols[k];
		if (!strcmp(col, "person_id") || !strcmp(col, "public_key") || !strcmp(col, "actor")) {
			if (!rval_equal(&vals[ci], &c->vals[k]))
				rc = refuse(why, E_POLICY_KEY_CHANGED);
		} else if (!strcmp(col, "revoked") && !is_unset(&vals[ci]) && is_unset(&c->vals[k])) {
			rc = refuse(why, E_POLICY_UNREVOKE);
		}
	}
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc < 0 ? -1 : rc;
}

int policy_check(struct store *st, const struct bundle *b, const struct batch *batch, struct err *why,
		 struct err *e)
{
	const struct rtable *keys = replica_table(st, "member_key");
	if (!keys)
		return store_error(st, e) ? -1 : 0;
	for (size_t i = 0; i < batch->n; i++) {
		const struct change *c = &batch->v[i];
		if (strcmp(c->tbl, "member_key"))
			continue;
		int rc = member_key_change(st, keys, b, c, why, e);
		if (rc)
			return rc;
	}
	return 0;
}
