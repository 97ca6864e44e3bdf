/*
 * dump: every row of the council's content, in a stable order, for the
 * canonical JSON of `gavel dump`. Local settings and the search index are
 * not content and are left out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shortest text that reads back as the same double. */
static void format_real(double v, char buf[32])
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static int dump_table(struct store *st, const char *table, const struct dump_cb *cb,
		      struct err *e)
{
	struct strvec cols = { 0 };
	struct strbuf sql = { 0 };
	sqlite3_stmt *s;
	int rc = -1;
	bool has_id = false;

	sb_addf(&sql, "SELECT name FROM pragma_table_info('%s')", table);
	if (sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL))
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(s, 0);
		has_id |= !strcmp(c, "id");
		strvec_push(&cols, c);
	}
	sqlite3_finalize(s);
	qsort(cols.v, cols.n, sizeof *cols.v, cmp_str);

	sb_reset(&sql);
	sb_adds(&sql, "SELECT ");
	for (size_t i = 0; i < cols.n; i++)
		sb_addf(&sql, "%s\"%s\"", i ? ", " : "", cols.v[i]);
	sb_addf(&sql, " FROM \"%s\" ORDER BY ", table);
	if (has_id)
		sb_adds(&sql, "id");
	else
		for (size_t i = 0; i < cols.n; i++)
			sb_addf(&sql, "%s%zu", i ? ", " : "", i + 1);
	if (sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL))
		goto out;
	cb->table(cb->ctx, table);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cb->row_begin(cb->ctx);
		for (size_t i = 0; i < cols.n; i++) {
			char num[32];
			switch (sqlite3_column_type(s, (int)i)) {
			case SQLITE_NULL:
				cb->field(cb->ctx, cols.v[i], NULL, false);
				break;
			case SQLITE_INTEGER:
				snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(s, (int)i));
				cb->field(cb->ctx, cols.v[i], num, true);
				break;
			case SQLITE_FLOAT:
				format_real(sqlite3_column_double(s, (int)i), num);
				cb->field(cb->ctx, cols.v[i], num, true);
				break;
			default:
				cb->field(cb->ctx, cols.v[i], (const char *)sqlite3_column_text(s, (int)i), false);
			}
		}
		cb->row_end(cb->ctx);
	}
	sqlite3_finalize(s);
	cb->table_end(cb->ctx);
	rc = rc == SQLITE_DONE ? 0 : -1;
out:
	if (rc)
		db_error(st, e);
	strvec_release(&cols);
	sb_release(&sql);
	return rc;
}

int store_dump(struct store *st, const struct dump_cb *cb, struct err *e)
{
	struct strvec tables = { 0 };
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
			       " AND name NOT LIKE 'search%' AND name NOT LIKE 'sync\\_%' ESCAPE '\\'"
			       " AND name <> 'local' ORDER BY name",
			       -1, &s, NULL))
		return db_error(st, e);
	while (sqlite3_step(s) == SQLITE_ROW)
		strvec_push(&tables, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	int rc = 0;
	for (size_t i = 0; i < tables.n && !rc; i++)
		rc = dump_table(st, tables.v[i], cb, e);
	strvec_release(&tables);
	return rc;
}
