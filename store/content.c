/* content: the list of the schema's tables and what each holds. */
#include "store/content.h"

#include <string.h>

#include "store/db.h"

const struct table_info store_tables[] = {
	{ "action", TABLE_CONTENT, RIGHT_PROGRESS },
	{ "action_note", TABLE_CONTENT, RIGHT_ADD },
	{ "adjust_signer", TABLE_CONTENT, RIGHT_POWER },
	{ "adjuster", TABLE_CONTENT, RIGHT_POWER },
	{ "answer", TABLE_CONTENT, RIGHT_POWER },
	{ "attendance", TABLE_CONTENT, RIGHT_POWER },
	{ "body", TABLE_CONTENT, RIGHT_POWER },
	{ "conflict", TABLE_CONTENT, RIGHT_POWER },
	{ "council", TABLE_CONTENT, RIGHT_POWER },
	{ "decision", TABLE_CONTENT, RIGHT_POWER },
	{ "dissent", TABLE_CONTENT, RIGHT_POWER },
	{ "goal", TABLE_CONTENT, RIGHT_POWER },
	{ "item", TABLE_CONTENT, RIGHT_POWER },
	{ "local", TABLE_LOCAL, RIGHT_NONE },
	{ "meeting", TABLE_CONTENT, RIGHT_MEETING },
	{ "member_key", TABLE_CONTENT, RIGHT_KEYS },
	{ "membership", TABLE_CONTENT, RIGHT_POWER },
	{ "org", TABLE_CONTENT, RIGHT_ADD },
	{ "paper", TABLE_CONTENT, RIGHT_POWER },
	/* derived from the decisions (replica_counters_fix), and still
	 * content: a copy numbers its next § from it */
	{ "para_counter", TABLE_CONTENT, RIGHT_POWER },
	{ "person", TABLE_CONTENT, RIGHT_ADD },
	{ "proposal", TABLE_CONTENT, RIGHT_ADD },
	{ "question", TABLE_CONTENT, RIGHT_POWER },
	{ "reading", TABLE_CONTENT, RIGHT_POWER },
	{ "search", TABLE_SEARCH, RIGHT_NONE },
	/* the tables FTS5 keeps the index of `search` in */
	{ "search_config", TABLE_SEARCH, RIGHT_NONE },
	{ "search_content", TABLE_SEARCH, RIGHT_NONE },
	{ "search_data", TABLE_SEARCH, RIGHT_NONE },
	{ "search_docsize", TABLE_SEARCH, RIGHT_NONE },
	{ "search_idx", TABLE_SEARCH, RIGHT_NONE },
	{ "search_later", TABLE_SEARCH, RIGHT_NONE },
	{ "search_map", TABLE_SEARCH, RIGHT_NONE },
	{ "signature", TABLE_CONTENT, RIGHT_SIGN },
	{ "sync_alias", TABLE_SYNC, RIGHT_NONE },
	{ "sync_claim", TABLE_SYNC, RIGHT_NONE },
	{ "sync_dirty", TABLE_SYNC, RIGHT_NONE },
	{ "sync_file", TABLE_SYNC, RIGHT_NONE },
	{ "sync_front", TABLE_SYNC, RIGHT_NONE },
	{ "sync_head", TABLE_SYNC, RIGHT_NONE },
	{ "sync_hist", TABLE_SYNC, RIGHT_NONE },
	{ "sync_sent", TABLE_SYNC, RIGHT_NONE },
	{ "sync_state", TABLE_SYNC, RIGHT_NONE },
	{ "sync_ver", TABLE_SYNC, RIGHT_NONE },
	{ "vote", TABLE_CONTENT, RIGHT_POWER },
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
