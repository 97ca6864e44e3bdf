/*
 * guard: the triggers that refuse a local write the council's rules do
 * not allow this machine (store/content.h, enum table_right), so that no
 * copy records what every other copy would refuse (sync/policy.c checks
 * the same rules on each member's file).
 *
 * They fire only while writes are captured (a shared council) and this
 * machine lacks the power: sync_state.power and sync_state.person, which
 * the sync keeps up to date (sync_guard_refresh). The guard may be
 * stricter than the merge's check, never looser. AFTER triggers, so that
 * an INSERT ... ON CONFLICT DO NOTHING that writes nothing is not refused.
 */
#include <string.h>

#include "store/content.h"
#include "store/replica/internal.h"

#define GUARD_ON "(SELECT capture AND NOT power FROM sync_state)"
#define GUARD_PERSON "(SELECT person FROM sync_state)"
#define GUARD_RAISE " BEGIN SELECT RAISE(ABORT, '" STORE_GUARD_REFUSED "'); END;"

/* Columns every write sets: a change of them alone changes nothing. */
static bool bookkeeping(const char *col)
{
	return !strcmp(col, "updated") || !strcmp(col, "author");
}

/* "(old.a IS NOT new.a OR ...)" over the columns of t but the bookkeeping
 * and those in `allowed` (NULL-terminated); "0" if there are none. */
static void changed_expr(const struct rtable *t, const char *const *allowed, struct strbuf *sql)
{
	bool any = false;
	for (int c = 0; c < t->ncols; c++) {
		bool skip = bookkeeping(t->cols[c]);
		for (size_t a = 0; allowed && allowed[a] && !skip; a++)
			skip = !strcmp(allowed[a], t->cols[c]);
		if (skip)
			continue;
		sb_addf(sql, "%sold.\"%s\" IS NOT new.\"%s\"", any ? " OR " : "(", t->cols[c], t->cols[c]);
		any = true;
	}
	sb_adds(sql, any ? ")" : "0");
}

static void insert_guard(const struct rtable *t, const char *unless, struct strbuf *sql)
{
	sb_addf(sql, "CREATE TRIGGER \"sync_%s_gi\" AFTER INSERT ON \"%s\" WHEN " GUARD_ON "%s%s" GUARD_RAISE,
		t->name, t->name, unless ? " AND NOT " : "", unless ? unless : "");
}

/* "(old.a IS NOT new.a OR ...)" over the columns in `only`. */
static void changed_only(const char *const *only, struct strbuf *sql)
{
	for (size_t a = 0; only[a]; a++)
		sb_addf(sql, "%sold.\"%s\" IS NOT new.\"%s\"", a ? " OR " : "(", only[a], only[a]);
	sb_adds(sql, only[0] ? ")" : "0");
}

/* An update is refused if it changes a column not in `allowed`, or one in
 * `allowed` while `unless` (given) does not hold; one that changes nothing
 * (a search index's touch) is let be. */
static void update_guard(const struct rtable *t, const char *const *allowed, const char *unless,
			 struct strbuf *sql)
{
	sb_addf(sql, "CREATE TRIGGER \"sync_%s_gu\" AFTER UPDATE ON \"%s\" WHEN " GUARD_ON " AND (", t->name,
		t->name);
	changed_expr(t, allowed, sql);
	if (unless && allowed) {
		sb_adds(sql, " OR (");
		changed_only(allowed, sql);
		sb_addf(sql, " AND NOT %s)", unless);
	}
	sb_adds(sql, ")" GUARD_RAISE);
}

void guard_triggers(const struct rtable *t, struct strbuf *sql)
{
	const struct table_info *info = store_table_info(t->name);
	if (!info || info->kind != TABLE_CONTENT)
		return;
	switch (info->right) {
	case RIGHT_POWER:
		insert_guard(t, NULL, sql);
		update_guard(t, NULL, NULL, sql);
		break;
	case RIGHT_ADD:
		update_guard(t, NULL, NULL, sql);
		break;
	case RIGHT_PROGRESS: {
		static const char *const status[] = { "status", NULL };
		insert_guard(t, NULL, sql);
		update_guard(t, status, "(new.owner_person_id IS " GUARD_PERSON ")", sql);
		break;
	}
	case RIGHT_SIGN:
		insert_guard(t, "(new.person_id IS " GUARD_PERSON ")", sql);
		update_guard(t, (const char *const[]){ "public_key", "signature", "signed_at", "content", NULL },
			     "(new.person_id IS " GUARD_PERSON ")", sql);
		break;
	case RIGHT_MEETING: {
		static const char *const adjusted[] = { "status", "adjusted_at", NULL };
		insert_guard(t, NULL, sql);
		update_guard(t, adjusted,
			     "(new.status = 'adjusted' AND EXISTS (SELECT 1 FROM adjuster a"
			     " WHERE a.meeting_id = new.id AND a.person_id = " GUARD_PERSON ")"
			     " AND EXISTS (SELECT 1 FROM adjust_signer s WHERE s.meeting_id = new.id AND s.scope = '')"
			     " AND NOT EXISTS (SELECT 1 FROM adjust_signer s WHERE s.meeting_id = new.id AND s.scope = ''"
			     " AND NOT EXISTS (SELECT 1 FROM signature g WHERE g.meeting_id = s.meeting_id"
			     " AND g.scope = '' AND g.person_id = s.person_id)))",
			     sql);
		break;
	}
	case RIGHT_NONE:
	case RIGHT_KEYS:
		break; /* checked before writing (sync/members.c, sync/admit.c) */
	}
}
