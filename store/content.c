/* content: the list of the schema's tables and what each holds. */
#include "store/content.h"

#include <string.h>

#include "store/db.h"

const struct table_info store_tables[] = {
	{ "action", TABLE_CONTENT },
	{ "action_note", TABLE_CONTENT },
	{ "adjust_signer", TABLE_CONTENT },
	{ "adjuster", TABLE_CONTENT },
	{ "answer", TABLE_CONTENT },
	{ "attendance", TABLE_CONTENT },
	{ "body", TABLE_CONTENT },
	{ "conflict", TABLE_CONTENT },
	{ "council", TABLE_CONTENT },
	{ "decision", TABLE_CONTENT },
	{ "dissent", TABLE_CONTENT },
	{ "goal", TABLE_CONTENT },
	{ "item", TABLE_CONTENT },
	{ "local", TABLE_LOCAL },
	{ "meeting", TABLE_CONTENT },
	{ "member_key", TABLE_CONTENT },
	{ "membership", TABLE_CONTENT },
	{ "org", TABLE_CONTENT },
	{ "paper", TABLE_CONTENT },
	/* derived from the decisions (replica_counters_fix), and still
	 * content: a copy numbers its next § from it */
	{ "para_counter", TABLE_CONTENT },
	{ "person", TABLE_CONTENT },
	{ "proposal", TABLE_CONTENT },
	{ "question", TABLE_CONTENT },
	{ "reading", TABLE_CONTENT },
	{ "search", TABLE_SEARCH },
	/* the tables FTS5 keeps the index of `search` in */
	{ "search_config", TABLE_SEARCH },
	{ "search_content", TABLE_SEARCH },
	{ "search_data", TABLE_SEARCH },
	{ "search_docsize", TABLE_SEARCH },
	{ "search_idx", TABLE_SEARCH },
	{ "search_later", TABLE_SEARCH },
	{ "search_map", TABLE_SEARCH },
	{ "signature", TABLE_CONTENT },
	{ "sync_alias", TABLE_SYNC },
	{ "sync_claim", TABLE_SYNC },
	{ "sync_dirty", TABLE_SYNC },
	{ "sync_file", TABLE_SYNC },
	{ "sync_front", TABLE_SYNC },
	{ "sync_head", TABLE_SYNC },
	{ "sync_hist", TABLE_SYNC },
	{ "sync_sent", TABLE_SYNC },
	{ "sync_state", TABLE_SYNC },
	{ "sync_ver", TABLE_SYNC },
	{ "vote", TABLE_CONTENT },
};
const size_t store_table_count = ARRAY_SIZE(store_tables);

const struct table_info *store_table_info(const char *name)
{
	for (size_t i = 0; i < store_table_count; i++)
		if (!strcmp(store_tables[i].name, name))
			return &store_tables[i];
	return NULL;
}

int store_content_tables(struct store *st, struct strvec *out, struct err *e)
{
	sqlite3_stmt *s = db_query(st, e,
				   "SELECT name FROM sqlite_schema WHERE type = 'table'"
				   " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
				   "");
	int rc;
	if (!s)
		return -1;
	while ((rc = db_step(st, s, e)) == 1) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		const struct table_info *t = store_table_info(name);
		if (t && t->kind == TABLE_CONTENT)
			strvec_push(out, name);
	}
	return rc < 0 ? -1 : 0;
}
