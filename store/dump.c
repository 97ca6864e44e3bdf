/*
 * dump: every row of the council's content (the tables of store/content.h),
 * in a stable order, for the canonical JSON of `gavel dump`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/content.h"
#include "store/db.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Room for a double as %.17g: sign, 17 digits, point, exponent. */
#define REAL_TEXT_SIZE 32

/* The shortest text that reads back as the same double (17 digits always do). */
static void format_real(double v, char buf[REAL_TEXT_SIZE])
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, REAL_TEXT_SIZE, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static int dump_table(struct store *st, const char *table, const struct dump_cb *cb,
		      struct err *e)
{
	struct strvec cols = { 0 };
	struct strbuf sql = { 0 };
	int rc = -1;
	bool has_id = false;

	sqlite3_stmt *s = db_query(st, e, "SELECT name FROM pragma_table_info(?)", "s", table);
	if (!s)
		goto out;
	while ((rc = db_step(st, s, e)) == 1) {
		const char *c = (const char *)sqlite3_column_text(s, 0);
		has_id |= !strcmp(c, "id");
		strvec_push(&cols, c);
	}
	if (rc < 0)
		goto out;
	qsort(cols.v, cols.n, sizeof *cols.v, cmp_str);

	sb_adds(&sql, "SELECT ");
	for (size_t i = 0; i < cols.n; i++)
		sb_addf(&sql, "%s\"%s\"", i ? ", " : "", cols.v[i]);
	sb_addf(&sql, " FROM \"%s\" ORDER BY ", table);
	if (has_id)
		sb_adds(&sql, "id");
	else
		for (size_t i = 0; i < cols.n; i++)
			sb_addf(&sql, "%s%zu", i ? ", " : "", i + 1);
	rc = -1;
	if (!(s = db_query_text(st, e, sql.buf, "")))
		goto out;
	cb->table(cb->ctx, table);
	while ((rc = db_step(st, s, e)) == 1) {
		cb->row_begin(cb->ctx);
		for (size_t i = 0; i < cols.n; i++) {
			char num[REAL_TEXT_SIZE];
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
	if (rc == 0)
		cb->table_end(cb->ctx);
out:
	strvec_release(&cols);
	sb_release(&sql);
	return rc < 0 ? -1 : 0;
}

int store_dump(struct store *st, const struct dump_cb *cb, struct err *e)
{
	struct strvec tables = { 0 };
	int rc = store_content_tables(st, &tables, e);
	for (size_t i = 0; i < tables.n && !rc; i++)
		rc = dump_table(st, tables.v[i], cb, e);
	strvec_release(&tables);
	return rc;
}
