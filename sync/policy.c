/* policy: what a member's file may change (policy.h). */
#include "sync/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/identity.h"
#include "core/rules.h"
#include "store/content.h"
#include "store/keys.h"
#include "sync/record.h"
#include "store/replica.h"
#include "sync/settings.h"
#include "sync/merge_ctx.h"

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

int policy_founder(struct store *st, unsigned char pk[IDENTITY_PK_LEN], struct err *e)
{
	char *hex = NULL;
	if (store_local_get(st, SETTING_FOUNDER, &hex, e))
		return -1;
	if (!hex) {
		/* a council shared before the setting: the key of the machine
		 * that wrote the council's own row */
		char found[KEY_HEX_LEN + 1];
		int rc = store_founder_key(st, found, e);
		if (rc)
			return rc;
		hex = xstrdup(found);
	}
	bool ok = identity_key_parse(hex, pk);
	free(hex);
	return ok ? 0 : 1;
}

int policy_power(struct store *st, const unsigned char pk[IDENTITY_PK_LEN], const char *actor, bool *power,
		 struct err *e)
{
	char hex[2 * IDENTITY_PK_LEN + 1];
	unsigned char founder[IDENTITY_PK_LEN];
	struct member_key k = { 0 }, f = { 0 };
	*power = false;
	int frc = policy_founder(st, founder, e);
	if (frc < 0)
		return -1;
	identity_key_hex(pk, hex);
	int rc = store_member_key_find(st, hex, &k, e);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* the founder's first file records its key: its power comes first */
		*power = frc == 0 && !memcmp(pk, founder, IDENTITY_PK_LEN);
		return 0;
	}
	if (strcmp(k.actor, actor) || k.revoked) {
		member_key_release(&k);
		return 0;
	}
	if (frc == 0) {
		char fhex[2 * IDENTITY_PK_LEN + 1];
		identity_key_hex(founder, fhex);
		int r = store_member_key_find(st, fhex, &f, e);
		if (r < 0) {
			member_key_release(&k);
			return -1;
		}
		/* the founder's person, on any machine of theirs */
		*power = r == 0 && !f.revoked && !strcmp(f.person_id, k.person_id);
		member_key_release(&f);
	}
	struct strvec roles = { 0 };
	if (!*power && store_person_roles(st, k.person_id, &roles, e)) {
		member_key_release(&k);
		return -1;
	}
	for (size_t i = 0; i < roles.n && !*power; i++)
		*power = rules_role_has_power(roles.v[i]);
	strvec_release(&roles);
	member_key_release(&k);
	return 0;
}

/* A new key row that its own machine records: the founder's, or a copy's
 * vouched for by the same person's key still in the council. */
static int own_key_allowed(struct store *st, const struct change *c, const unsigned char writer_pk[IDENTITY_PK_LEN],
			   const char *writer, bool *ok, struct err *e)
{
	unsigned char founder[IDENTITY_PK_LEN], older[IDENTITY_PK_LEN];
	*ok = false;
	int frc = policy_founder(st, founder, e);
	if (frc < 0)
		return -1;
	if (frc == 0 && !memcmp(founder, writer_pk, IDENTITY_PK_LEN)) {
		*ok = true;
		return 0;
	}
	const struct rval *vouch = change_val(c, "vouch"), *person = change_val(c, "person_id");
	if (!vouch || vouch->type != RV_TEXT || !person || person->type != RV_TEXT ||
	    !identity_vouch_check(vouch->s, writer_pk, writer, older))
		return 0;
	char hex[2 * IDENTITY_PK_LEN + 1];
	struct member_key k = { 0 };
	identity_key_hex(older, hex);
	int rc = store_member_key_find(st, hex, &k, e);
	*ok = rc == 0 && !k.revoked && !strcmp(k.person_id, person->s);
	member_key_release(&k);
	return rc < 0 ? -1 : 0;
}

/* One change of member_key by the writer of b: 0 kept, 1 refused. */
static int member_key_change(struct store *st, const struct rtable *t, const struct bundle *b,
			     const struct change *c, bool power, struct err *why, struct err *e)
{
	if (c->op != CHANGE_UPSERT)
		return refuse(why, E_POLICY_KEY_DELETED);
	char pk[2 * IDENTITY_PK_LEN + 1];
	identity_key_hex(b->writer_pk, pk);
	if (!replica_row_exists(st, t, c->row)) {
		if (store_error(st, e))
			return -1;
		bool own = is_text(change_val(c, "public_key"), pk) && is_text(change_val(c, "actor"), b->writer);
		if (!own)
			return power ? 0 : refuse(why, E_POLICY_NO_POWER);
		bool ok;
		if (own_key_allowed(st, c, b->writer_pk, b->writer, &ok, e))
			return -1;
		return ok || power ? 0 : refuse(why, E_POLICY_OTHERS_KEY);
	}
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = replica_row_get(st, t, c->row, vals, e);
	for (int k = 0; k < c->ncols && rc == 0; k++) {
		int ci = replica_col(t, c->cols[k]);
		if (ci < 0)
			continue;
		const char *col = c->cols[k];
		if (!strcmp(col, "person_id") || !strcmp(col, "public_key") || !strcmp(col, "actor") ||
		    !strcmp(col, "vouch")) {
			if (!rval_equal(&vals[ci], &c->vals[k]))
				rc = refuse(why, E_POLICY_KEY_CHANGED);
		} else if (!strcmp(col, "revoked") && !is_unset(&vals[ci]) && is_unset(&c->vals[k])) {
			rc = refuse(why, E_POLICY_UNREVOKE);
		} else if (!strcmp(col, "revoked") && is_unset(&vals[ci]) && !is_unset(&c->vals[k]) && !power) {
			rc = refuse(why, E_POLICY_NO_POWER);
		} else if (!strcmp(col, "cutoff") && !rval_equal(&vals[ci], &c->vals[k])) {
			/* a removal's cut-off is set with it, and stays */
			if (vals[ci].type != RV_NULL)
				rc = refuse(why, E_POLICY_UNREVOKE);
			else if (!power)
				rc = refuse(why, E_POLICY_NO_POWER);
		}
	}
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc < 0 ? -1 : rc;
}

/* Had the file's writer seen the meeting adjusted (a version of its status
 * "adjusted", current or concurrent, in the file's past)? */
static int seen_adjusted(struct store *st, const struct merge_file *f, const char *meeting, bool *seen,
			 struct err *e)
{
	struct rver cur, *heads = NULL;
	size_t n = 0;
	*seen = false;
	int rc = replica_ver_get(st, "meeting", meeting, "status", &cur, e);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (replica_heads(st, "meeting", meeting, "status", &heads, &n, e))
		return -1;
	for (size_t i = 0; i <= n && !*seen && !rc; i++) {
		const struct rver *v = i == 0 ? &cur : &heads[i - 1];
		struct rval val = { 0 };
		if (!merge_in_past(f, v))
			continue;
		rc = replica_hist_get(st, "meeting", meeting, "status", v->hlc, v->writer, &val, e);
		if (rc == 0)
			*seen = is_text(&val, "adjusted");
		rc = rc < 0 ? -1 : 0;
		rval_release(&val);
	}
	free(heads);
	return rc;
}

/* The writer of a file as the council knows it: its power (asked once)
 * and its person (NULL: none). */
struct writer {
	const struct bundle *b;
	bool asked, power;
	char person[ROW_KEY_MAX];
};

static int writer_power(struct store *st, struct writer *w, struct err *e)
{
	if (w->asked)
		return 0;
	w->asked = true;
	struct member_key k = { 0 };
	char pk[2 * IDENTITY_PK_LEN + 1];
	identity_key_hex(w->b->writer_pk, pk);
	int rc = store_member_key_find(st, pk, &k, e);
	if (rc < 0)
		return -1;
	if (rc == 0 && !k.revoked && !strcmp(k.actor, w->b->writer))
		snprintf(w->person, sizeof w->person, "%s", k.person_id);
	member_key_release(&k);
	return policy_power(st, w->b->writer_pk, w->b->writer, &w->power, e);
}

/* Is col one of the NULL-terminated list? */
static bool among(const char *col, const char *const *list)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(col, list[i]))
			return true;
	return false;
}

/* A row's values (t->ncols into vals): the row's, or for a row deleted
 * here the last version of each field, so that a change of it is judged
 * alike whether it arrives before or after the delete. 1 if there is
 * neither. */
static int row_values(struct store *st, const struct rtable *t, const char *row, struct rval *vals,
		      struct err *e)
{
	int rc = replica_row_get(st, t, row, vals, e);
	if (rc != 1)
		return rc;
	if (!replica_has_versions(st, t->name, row))
		return store_error(st, e) ? -1 : 1;
	for (int ci = 0; ci < t->ncols; ci++) {
		struct rver v;
		int r = replica_ver_get(st, t->name, row, t->cols[ci], &v, e);
		if (r == 0)
			r = replica_hist_get(st, t->name, row, t->cols[ci], v.hlc, v.writer, &vals[ci], e);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* Does an upsert of a row known here change a column not in `allowed`
 * (the bookkeeping of every write aside)? 1 yes, 0 no, -1 on failure;
 * the row's values in vals (t->ncols, the caller releases them). */
static int changes_more(struct store *st, const struct rtable *t, const struct change *c,
			const char *const *allowed, struct rval *vals, struct err *e)
{
	static const char *const bookkeeping[] = { "updated", "author", NULL };
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	int rc = row_values(st, t, c->row, vals, e);
	if (rc)
		return rc < 0 ? -1 : 0;
	for (int k = 0; k < c->ncols; k++) {
		int ci = replica_col(t, c->cols[k]);
		if (ci < 0 || among(c->cols[k], bookkeeping) || among(c->cols[k], allowed))
			continue;
		if (!rval_equal(&vals[ci], &c->vals[k]))
			return 1;
	}
	return 0;
}

/* The value of column col after the change: the change's, or the row's. */
static const struct rval *after(const struct rtable *t, const struct change *c, const struct rval *vals,
				const char *col)
{
	const struct rval *v = change_val(c, col);
	int ci = replica_col(t, col);
	return v ? v : ci >= 0 ? &vals[ci] : NULL;
}

/* Is the writer's person a named adjuster of the meeting? */
static int named_adjuster(struct store *st, const char *meeting, const char *person, bool *named, struct err *e)
{
	const struct rtable *t = replica_table(st, "adjuster");
	struct strvec rows = { 0 };
	*named = false;
	if (!t || !*person)
		return store_error(st, e) ? -1 : 0;
	if (replica_children(st, t, "meeting_id", meeting, &rows, e))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < rows.n && !*named && !rc; i++) {
		char who[ROW_KEY_MAX];
		rc = record_column(st, "adjuster", rows.v[i], "person_id", who, e);
		*named = rc == 0 && !strcmp(who, person);
		rc = rc < 0 ? -1 : 0;
	}
	strvec_release(&rows);
	return rc;
}

/* Why a change of a table the power keeps is refused. */
static enum err_code record_code(const char *tbl)
{
	const struct table_info *info = store_table_info(tbl);
	if (!strcmp(tbl, "membership"))
		return E_POLICY_ROLES;
	if (!strcmp(tbl, "person"))
		return E_POLICY_PEOPLE;
	return info && info->right == RIGHT_ADD ? E_POLICY_ADDED : E_POLICY_RECORD;
}

/* The rights of store/content.h for an upsert of an existing row by a
 * writer without the power: 0 kept, 1 refused. */
static int change_allowed(struct store *st, const struct rtable *t, enum table_right right, const struct change *c,
			  struct writer *w, struct err *why, struct err *e)
{
	static const char *const status[] = { "status", NULL };
	static const char *const signing[] = { "public_key", "signature", "signed_at", "content", NULL };
	static const char *const adjusting[] = { "status", "adjusted_at", NULL };
	const char *const *allowed = right == RIGHT_PROGRESS ? status
				   : right == RIGHT_SIGN   ? signing
				   : right == RIGHT_MEETING ? adjusting
							    : NULL;
	struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
	int rc = changes_more(st, t, c, NULL, vals, e);
	if (rc == 1) {
		/* it changes something: only within what the right allows */
		rc = allowed ? changes_more(st, t, c, allowed, vals, e) : 1;
		enum err_code code = right == RIGHT_PROGRESS ? E_POLICY_ACTION
				   : right == RIGHT_SIGN     ? E_POLICY_SIGN
							     : record_code(t->name);
		if (rc == 0 && right == RIGHT_PROGRESS)
			rc = is_text(after(t, c, vals, "owner_person_id"), w->person) ? 0 : 1;
		else if (rc == 0 && right == RIGHT_SIGN)
			rc = is_text(after(t, c, vals, "person_id"), w->person) ? 0 : 1;
		else if (rc == 0 && right == RIGHT_MEETING) {
			/* a named adjuster marks it adjusted once every signer
			 * named has signed: the signatures are in the file's past */
			bool named = false, all = false;
			rc = !is_text(after(t, c, vals, "status"), "adjusted") ? 1
			   : named_adjuster(st, c->row, w->person, &named, e) ? -1
			   : !named ? 1
			   : record_signed(st, c->row, "", NULL, NULL, &all, e) ? -1
			   : all ? 0 : 1;
		}
		if (rc == 1)
			refuse(why, code);
	}
	for (int k = 0; k < t->ncols; k++)
		rval_release(&vals[k]);
	free(vals);
	return rc;
}

/* One change against the rights of store/content.h: 0 kept, 1 refused. */
static int right_check(struct store *st, const struct change *given, struct writer *w, struct err *why,
		       struct err *e)
{
	const struct table_info *info = store_table_info(given->tbl);
	const struct rtable *t = replica_table(st, given->tbl);
	if (!info || info->kind != TABLE_CONTENT || info->right == RIGHT_KEYS || !t)
		return store_error(st, e) ? -1 : 0; /* not content: the merge refuses it */
	/* a row merged away into another: the merge applies the change to
	 * that one, and so it is judged */
	struct change alias = *given;
	const struct change *c = given;
	char target[ROW_KEY_MAX];
	int arc = replica_aliases_any(st) ? replica_alias_get(st, given->tbl, given->row, target, e) : 1;
	if (arc < 0)
		return -1;
	if (arc == 0) {
		snprintf(alias.row, sizeof alias.row, "%s", target);
		c = &alias;
	}
	bool exists = false;
	/* when a known row was made, and by whom, is not a member's to
	 * rewrite: it says who may delete it */
	if (c->op == CHANGE_UPSERT && change_val(c, "created")) {
		bool known = replica_row_exists(st, t, c->row) || replica_has_versions(st, c->tbl, c->row);
		if (store_error(st, e))
			return -1;
		if (known)
			return refuse(why, E_POLICY_CREATED);
	}
	if (c->op == CHANGE_DELETE) {
		/* nobody deletes what another machine made (a row here, or one
		 * deleted here: known) */
		char creator[ID_LEN + 1];
		exists = replica_row_exists(st, t, c->row) || replica_has_versions(st, c->tbl, c->row);
		if (store_error(st, e))
			return -1;
		if (!exists)
			return 0;
		int rc = replica_row_creator(st, c->tbl, c->row, creator, e);
		if (rc < 0)
			return -1;
		if (rc == 1 || strcmp(creator, w->b->writer))
			return refuse(why, E_POLICY_DELETE);
	}
	if (writer_power(st, w, e))
		return -1;
	if (w->power)
		return 0;
	exists = exists || replica_row_exists(st, t, c->row) || replica_has_versions(st, c->tbl, c->row);
	if (store_error(st, e))
		return -1;
	bool adds = info->right == RIGHT_ADD || info->right == RIGHT_SIGN;
	if (c->op == CHANGE_DELETE)
		return adds ? 0 : refuse(why, record_code(c->tbl));
	if (!exists) {
		if (info->right == RIGHT_SIGN && !is_text(change_val(c, "person_id"), w->person))
			return refuse(why, E_POLICY_SIGN);
		if (adds)
			return 0;
		return refuse(why, info->right == RIGHT_PROGRESS ? E_POLICY_ACTION : record_code(c->tbl));
	}
	return change_allowed(st, t, info->right, c, w, why, e);
}

/* Is a version in the past of the file (ctx)? */
static bool in_past(const void *ctx, const struct rver *v)
{
	return merge_in_past(ctx, v);
}

/* Had the file's writer seen the paragraph of an item adjusted at once
 * (every signer named for it had signed, each signature in the file's
 * past)? */
static int seen_at_once(struct store *st, const struct merge_file *f, const char *item, bool *seen, struct err *e)
{
	char meeting[ROW_KEY_MAX];
	*seen = false;
	int rc = record_column(st, "item", item, "meeting_id", meeting, e);
	return rc ? (rc < 0 ? -1 : 0) : record_signed(st, meeting, item, in_past, f, seen, e);
}

int policy_check(struct store *st, const struct bundle *b, const struct merge_file *f, const struct batch *batch,
		 struct err *why, struct err *e)
{
	/* an adjusted meeting's record: the meeting of each change, asked once */
	char last[ROW_KEY_MAX] = "";
	bool last_locked = false;
	for (size_t i = 0; i < batch->n; i++) {
		char meeting[ROW_KEY_MAX];
		if (record_meeting(st, &batch->v[i], meeting, e))
			return -1;
		if (!*meeting)
			continue;
		if (strcmp(meeting, last)) {
			snprintf(last, sizeof last, "%s", meeting);
			if (seen_adjusted(st, f, meeting, &last_locked, e))
				return -1;
		}
		if (last_locked)
			return refuse(why, E_POLICY_ADJUSTED);
	}
	/* a paragraph adjusted at once: the item of each change, asked once */
	char last_item[ROW_KEY_MAX] = "";
	bool item_locked = false;
	for (size_t i = 0; i < batch->n; i++) {
		char item[ROW_KEY_MAX];
		if (record_up(st, &batch->v[i], "item", item, e))
			return -1;
		if (!*item)
			continue;
		if (strcmp(item, last_item)) {
			snprintf(last_item, sizeof last_item, "%s", item);
			if (seen_at_once(st, f, item, &item_locked, e))
				return -1;
		}
		if (!item_locked)
			continue;
		/* its place on the agenda moves with the others' (a move, an
		 * item added before it): that alone changes nothing signed */
		const struct change *c = &batch->v[i];
		const struct rtable *t = replica_table(st, c->tbl);
		if (t && c->op == CHANGE_UPSERT && !strcmp(c->tbl, "item")) {
			static const char *const place[] = { "pos", NULL };
			struct rval *vals = xcalloc((size_t)t->ncols, sizeof *vals);
			int more = changes_more(st, t, c, place, vals, e);
			for (int k = 0; k < t->ncols; k++)
				rval_release(&vals[k]);
			free(vals);
			if (more < 0)
				return -1;
			if (more == 0)
				continue;
		}
		return refuse(why, E_POLICY_PARAGRAPH);
	}

	/* the members' keys, by rules of their own */
	const struct rtable *keys = replica_table(st, "member_key");
	if (!keys)
		return store_error(st, e) ? -1 : 0;
	struct writer w = { .b = b };
	for (size_t i = 0; i < batch->n; i++) {
		const struct change *c = &batch->v[i];
		int rc;
		if (!strcmp(c->tbl, "member_key")) {
			if (writer_power(st, &w, e))
				return -1;
			rc = member_key_change(st, keys, b, c, w.power, why, e);
		} else {
			rc = right_check(st, c, &w, why, e);
		}
		if (rc)
			return rc;
	}
	return 0;
}
