/*
 * schema: the forward migrations. Migration i upgrades user_version i to
 * i + 1. Never edit one that has shipped; add a new one.
 */
#include "store/db.h"

#define STAMP "id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL, author TEXT NOT NULL"

/* The search index's triggers for kind K of table T (see migration 8 → 9):
 * an insert or an update of the columns in OF indexes the row with TITLE
 * and BODY, or, while a sync applies changes, only notes it. */
#define LATER "(SELECT index_later FROM sync_state)"
#define INDEX_OUT(K) \
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = " #K " AND src = old.rowid);" \
	" DELETE FROM search_map WHERE kind = " #K " AND src = old.rowid;"
#define INDEX_IN(K, TITLE, BODY) \
	" INSERT INTO search_map(kind, src, fts) VALUES (" #K ", new.rowid," \
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));" \
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map" \
	" WHERE kind = " #K " AND src = new.rowid), " TITLE ", " BODY ", " #K ");"
#define NOTE_LATER(K) " INSERT OR IGNORE INTO search_later(kind, src) VALUES (" #K ", new.rowid);"
#define SEARCH_TRIGGERS(T, K, OF, TITLE, BODY) \
	"DROP TRIGGER " #T "_ai; DROP TRIGGER " #T "_au;" \
	"CREATE TRIGGER " #T "_ai AFTER INSERT ON " #T " WHEN NOT " LATER " BEGIN" \
	INDEX_IN(K, TITLE, BODY) " END;" \
	"CREATE TRIGGER " #T "_au AFTER UPDATE " OF " ON " #T " WHEN NOT " LATER " BEGIN" \
	INDEX_OUT(K) INDEX_IN(K, TITLE, BODY) " END;" \
	"CREATE TRIGGER " #T "_ai_later AFTER INSERT ON " #T " WHEN " LATER " BEGIN" NOTE_LATER(K) " END;" \
	"CREATE TRIGGER " #T "_au_later AFTER UPDATE " OF " ON " #T " WHEN " LATER " BEGIN" NOTE_LATER(K) " END;"

const char *const store_migrations[] = {
	/* 0 → 1: the council, its people, meetings, decisions, actions, goals. */
	"CREATE TABLE local(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE council(" STAMP ", name TEXT NOT NULL);"
	"CREATE TABLE body(" STAMP ", short TEXT NOT NULL UNIQUE, name TEXT NOT NULL);"
	"CREATE TABLE org(" STAMP ", name TEXT NOT NULL UNIQUE COLLATE NOCASE);"
	"CREATE TABLE person(" STAMP ", name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	" org_id TEXT REFERENCES org(id), email TEXT);"
	"CREATE TABLE membership(" STAMP ", body_id TEXT NOT NULL REFERENCES body(id),"
	" person_id TEXT NOT NULL REFERENCES person(id), role TEXT NOT NULL CHECK(role IN"
	" ('ordförande','vice ordförande','sekreterare','ledamot','ersättare','adjungerad')),"
	" from_date TEXT, to_date TEXT);"
	"CREATE INDEX membership_body ON membership(body_id);"
	"CREATE TABLE meeting(" STAMP ", body_id TEXT NOT NULL REFERENCES body(id),"
	" date TEXT NOT NULL, start_time TEXT, end_time TEXT, place TEXT,"
	" status TEXT NOT NULL DEFAULT 'planned' CHECK(status IN ('planned','open','closed','adjusted')),"
	" opened_at TEXT, closed_at TEXT, adjusted_at TEXT, UNIQUE(body_id, date));"
	"CREATE INDEX meeting_date ON meeting(date);"
	"CREATE TABLE attendance(" STAMP ", meeting_id TEXT NOT NULL REFERENCES meeting(id),"
	" person_id TEXT NOT NULL REFERENCES person(id), role TEXT NOT NULL,"
	" for_id TEXT REFERENCES person(id), absent INTEGER NOT NULL DEFAULT 0,"
	" from_item INTEGER NOT NULL DEFAULT 0, to_item INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(meeting_id, person_id));"
	"CREATE TABLE item(" STAMP ", meeting_id TEXT NOT NULL REFERENCES meeting(id),"
	" pos INTEGER NOT NULL, title TEXT NOT NULL,"
	" kind TEXT NOT NULL DEFAULT 'case' CHECK(kind IN ('standard','case','information')),"
	" presenter_id TEXT REFERENCES person(id), notes TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open','postponed','done')),"
	" UNIQUE(meeting_id, pos));"
	"CREATE TABLE paper(" STAMP ", item_id TEXT NOT NULL REFERENCES item(id), name TEXT NOT NULL);"
	"CREATE INDEX paper_item ON paper(item_id);"
	"CREATE TABLE conflict(" STAMP ", item_id TEXT NOT NULL REFERENCES item(id),"
	" person_id TEXT NOT NULL REFERENCES person(id), UNIQUE(item_id, person_id));"
	"CREATE TABLE para_counter(body_id TEXT NOT NULL REFERENCES body(id), year INTEGER NOT NULL,"
	" last INTEGER NOT NULL, PRIMARY KEY(body_id, year));"
	"CREATE TABLE decision(" STAMP ", item_id TEXT NOT NULL UNIQUE REFERENCES item(id),"
	" body_id TEXT NOT NULL REFERENCES body(id), year INTEGER NOT NULL, para INTEGER NOT NULL,"
	" text TEXT NOT NULL, yes INTEGER, no INTEGER, abstain INTEGER,"
	" quorum TEXT NOT NULL CHECK(quorum IN ('yes','no','unknown')), UNIQUE(body_id, year, para));"
	"CREATE TABLE vote(" STAMP ", decision_id TEXT NOT NULL REFERENCES decision(id),"
	" person_id TEXT NOT NULL REFERENCES person(id),"
	" vote TEXT NOT NULL CHECK(vote IN ('yes','no','abstain')), UNIQUE(decision_id, person_id));"
	"CREATE TABLE dissent(" STAMP ", decision_id TEXT NOT NULL REFERENCES decision(id),"
	" person_id TEXT NOT NULL REFERENCES person(id), motivation TEXT,"
	" UNIQUE(decision_id, person_id));"
	"CREATE TABLE adjuster(" STAMP ", meeting_id TEXT NOT NULL REFERENCES meeting(id),"
	" person_id TEXT NOT NULL REFERENCES person(id), UNIQUE(meeting_id, person_id));"
	"CREATE TABLE goal(" STAMP ", code TEXT NOT NULL UNIQUE, parent_id TEXT REFERENCES goal(id),"
	" title TEXT NOT NULL, task TEXT, local_resp TEXT, regional_resp TEXT, national_resp TEXT,"
	" indicator TEXT, timeline TEXT, priority INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE reading(" STAMP ", goal_id TEXT NOT NULL REFERENCES goal(id),"
	" year INTEGER NOT NULL, value REAL NOT NULL, comment TEXT, UNIQUE(goal_id, year));"
	"CREATE TABLE action(" STAMP ", title TEXT NOT NULL, description TEXT,"
	" owner_person_id TEXT REFERENCES person(id), owner_org_id TEXT REFERENCES org(id),"
	" due TEXT, status TEXT NOT NULL DEFAULT 'planned'"
	" CHECK(status IN ('planned','ongoing','done','cancelled')),"
	" decision_id TEXT REFERENCES decision(id), goal_id TEXT REFERENCES goal(id),"
	" CHECK(owner_person_id IS NOT NULL OR owner_org_id IS NOT NULL));"
	"CREATE INDEX action_due ON action(due);"
	"CREATE INDEX action_goal ON action(goal_id);"
	"CREATE TABLE action_note(" STAMP ", action_id TEXT NOT NULL REFERENCES action(id),"
	" date TEXT NOT NULL, author_id TEXT REFERENCES person(id), text TEXT NOT NULL);"
	"CREATE INDEX action_note_action ON action_note(action_id);",

	/* 1 → 2: the suggestion box and its screening questions. */
	"CREATE TABLE question(" STAMP ", pos INTEGER NOT NULL UNIQUE, text TEXT NOT NULL);"
	"CREATE TABLE proposal(" STAMP ", title TEXT NOT NULL, text TEXT,"
	" by_id TEXT REFERENCES person(id), date TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'new' CHECK(status IN"
	" ('new','screened','in preparation','decided','rejected')));"
	"CREATE TABLE answer(" STAMP ", proposal_id TEXT NOT NULL REFERENCES proposal(id),"
	" question_id TEXT NOT NULL REFERENCES question(id), yes INTEGER NOT NULL,"
	" UNIQUE(proposal_id, question_id));",

	/*
	 * 2 → 3: full-text search. One FTS5 index over notes, decisions,
	 * actions, goals and proposals. unicode61 folds case (Å = å) but keeps
	 * å, ä, ö apart from a and o. Every query word is a prefix, so prefix
	 * indexes for 2 to 12 letters keep them fast (they cost about as much
	 * space again as the index itself).
	 * search_map ties each indexed row (kind, source rowid) to its index
	 * rowid, which grows with every write, so the index's rowid order is
	 * the order of last change (see store/search.c).
	 */
	"CREATE VIRTUAL TABLE search USING fts5(title, body, kind UNINDEXED,"
	" tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4 5 6 7 8 9 10 11 12');"
	"CREATE TABLE search_map(kind INTEGER NOT NULL, src INTEGER NOT NULL,"
	" fts INTEGER NOT NULL UNIQUE, PRIMARY KEY(kind, src)) WITHOUT ROWID;"
	/* kind 1: item */
	"CREATE TRIGGER item_ai AFTER INSERT ON item BEGIN"
	" INSERT INTO search_map(kind, src, fts) VALUES (1, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 1 AND src = new.rowid), new.title, new.notes, 1);"
	" END;"
	"CREATE TRIGGER item_au AFTER UPDATE OF title, notes ON item BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 1 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 1 AND src = old.rowid;"
	" INSERT INTO search_map(kind, src, fts) VALUES (1, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 1 AND src = new.rowid), new.title, new.notes, 1);"
	" END;"
	"CREATE TRIGGER item_ad AFTER DELETE ON item BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 1 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 1 AND src = old.rowid;"
	" END;"
	/* kind 2: decision */
	"CREATE TRIGGER decision_ai AFTER INSERT ON decision BEGIN"
	" INSERT INTO search_map(kind, src, fts) VALUES (2, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 2 AND src = new.rowid), (SELECT title FROM item WHERE id = new.item_id), new.text, 2);"
	" END;"
	"CREATE TRIGGER decision_au AFTER UPDATE OF text ON decision BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 2 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 2 AND src = old.rowid;"
	" INSERT INTO search_map(kind, src, fts) VALUES (2, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 2 AND src = new.rowid), (SELECT title FROM item WHERE id = new.item_id), new.text, 2);"
	" END;"
	"CREATE TRIGGER decision_ad AFTER DELETE ON decision BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 2 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 2 AND src = old.rowid;"
	" END;"
	/* kind 3: action */
	"CREATE TRIGGER action_ai AFTER INSERT ON action BEGIN"
	" INSERT INTO search_map(kind, src, fts) VALUES (3, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 3 AND src = new.rowid), new.title, coalesce(new.description, '') || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM action_note WHERE action_id = new.id), ''), 3);"
	" END;"
	"CREATE TRIGGER action_au AFTER UPDATE OF title, description ON action BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 3 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 3 AND src = old.rowid;"
	" INSERT INTO search_map(kind, src, fts) VALUES (3, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 3 AND src = new.rowid), new.title, coalesce(new.description, '') || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM action_note WHERE action_id = new.id), ''), 3);"
	" END;"
	"CREATE TRIGGER action_ad AFTER DELETE ON action BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 3 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 3 AND src = old.rowid;"
	" END;"
	/* kind 4: goal */
	"CREATE TRIGGER goal_ai AFTER INSERT ON goal BEGIN"
	" INSERT INTO search_map(kind, src, fts) VALUES (4, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 4 AND src = new.rowid), new.code || ' ' || new.title, coalesce(new.task, '') || char(10) || coalesce(new.local_resp, '') || char(10) || coalesce(new.regional_resp, '') || char(10) || coalesce(new.national_resp, '') || char(10) || coalesce(new.indicator, '') || char(10) || coalesce(new.timeline, ''), 4);"
	" END;"
	"CREATE TRIGGER goal_au AFTER UPDATE ON goal BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 4 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 4 AND src = old.rowid;"
	" INSERT INTO search_map(kind, src, fts) VALUES (4, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 4 AND src = new.rowid), new.code || ' ' || new.title, coalesce(new.task, '') || char(10) || coalesce(new.local_resp, '') || char(10) || coalesce(new.regional_resp, '') || char(10) || coalesce(new.national_resp, '') || char(10) || coalesce(new.indicator, '') || char(10) || coalesce(new.timeline, ''), 4);"
	" END;"
	"CREATE TRIGGER goal_ad AFTER DELETE ON goal BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 4 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 4 AND src = old.rowid;"
	" END;"
	/* kind 5: proposal */
	"CREATE TRIGGER proposal_ai AFTER INSERT ON proposal BEGIN"
	" INSERT INTO search_map(kind, src, fts) VALUES (5, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 5 AND src = new.rowid), new.title, coalesce(new.text, ''), 5);"
	" END;"
	"CREATE TRIGGER proposal_au AFTER UPDATE OF title, text ON proposal BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 5 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 5 AND src = old.rowid;"
	" INSERT INTO search_map(kind, src, fts) VALUES (5, new.rowid,"
	" (SELECT coalesce(max(fts), 0) + 1 FROM search_map));"
	" INSERT INTO search(rowid, title, body, kind) VALUES ((SELECT fts FROM search_map"
	" WHERE kind = 5 AND src = new.rowid), new.title, coalesce(new.text, ''), 5);"
	" END;"
	"CREATE TRIGGER proposal_ad AFTER DELETE ON proposal BEGIN"
	" DELETE FROM search WHERE rowid = (SELECT fts FROM search_map WHERE kind = 5 AND src = old.rowid);"
	" DELETE FROM search_map WHERE kind = 5 AND src = old.rowid;"
	" END;"
	"CREATE TRIGGER action_note_ai AFTER INSERT ON action_note BEGIN"
	" UPDATE action SET description = description WHERE id = new.action_id; END;"
	/* index what earlier versions already hold, oldest first */
	"INSERT INTO search_map(kind, src, fts) SELECT 1, rowid,"
	" (SELECT coalesce(max(fts), 0) FROM search_map) + row_number() OVER (ORDER BY created, rowid) FROM item;"
	"INSERT INTO search(rowid, title, body, kind) SELECT m.fts, t.title, t.notes, 1"
	" FROM item t JOIN search_map m ON m.kind = 1 AND m.src = t.rowid;"
	"INSERT INTO search_map(kind, src, fts) SELECT 2, rowid,"
	" (SELECT coalesce(max(fts), 0) FROM search_map) + row_number() OVER (ORDER BY created, rowid) FROM decision;"
	"INSERT INTO search(rowid, title, body, kind) SELECT m.fts, (SELECT title FROM item WHERE id = t.item_id), t.text, 2"
	" FROM decision t JOIN search_map m ON m.kind = 2 AND m.src = t.rowid;"
	"INSERT INTO search_map(kind, src, fts) SELECT 3, rowid,"
	" (SELECT coalesce(max(fts), 0) FROM search_map) + row_number() OVER (ORDER BY created, rowid) FROM action;"
	"INSERT INTO search(rowid, title, body, kind) SELECT m.fts, t.title, coalesce(t.description, '') || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM action_note WHERE action_id = t.id), ''), 3"
	" FROM action t JOIN search_map m ON m.kind = 3 AND m.src = t.rowid;"
	"INSERT INTO search_map(kind, src, fts) SELECT 4, rowid,"
	" (SELECT coalesce(max(fts), 0) FROM search_map) + row_number() OVER (ORDER BY created, rowid) FROM goal;"
	"INSERT INTO search(rowid, title, body, kind) SELECT m.fts, t.code || ' ' || t.title, coalesce(t.task, '') || char(10) || coalesce(t.local_resp, '') || char(10) || coalesce(t.regional_resp, '') || char(10) || coalesce(t.national_resp, '') || char(10) || coalesce(t.indicator, '') || char(10) || coalesce(t.timeline, ''), 4"
	" FROM goal t JOIN search_map m ON m.kind = 4 AND m.src = t.rowid;"
	"INSERT INTO search_map(kind, src, fts) SELECT 5, rowid,"
	" (SELECT coalesce(max(fts), 0) FROM search_map) + row_number() OVER (ORDER BY created, rowid) FROM proposal;"
	"INSERT INTO search(rowid, title, body, kind) SELECT m.fts, t.title, coalesce(t.text, ''), 5"
	" FROM proposal t JOIN search_map m ON m.kind = 5 AND m.src = t.rowid;",

	/*
	 * 3 → 4: indexes for the review screens. item_agenda covers an
	 * agenda's numbers and titles, so that lists of decisions never read
	 * the items' notes; actions are found by their decision, and counted
	 * per goal and status without reading them.
	 */
	"CREATE INDEX item_agenda ON item(meeting_id, pos, id, title);"
	"CREATE INDEX action_decision ON action(decision_id);"
	"CREATE INDEX action_goal_status ON action(goal_id, status, due);"
	"CREATE INDEX goal_parent ON goal(parent_id);",

	/*
	 * 4 → 5: the public keys of the members' machines (core/identity.h).
	 * Council content: they travel by sync so that anyone can verify who
	 * signed what. `actor` is the machine's actor id (the author of the
	 * rows it writes); `revoked` is set when the member is removed.
	 */
	"CREATE TABLE member_key(" STAMP ", person_id TEXT NOT NULL REFERENCES person(id),"
	" public_key TEXT NOT NULL UNIQUE, actor TEXT NOT NULL, revoked TEXT);"
	"CREATE INDEX member_key_person ON member_key(person_id);",

	/*
	 * 5 → 6: the adjustment signatures (store/signature.h). scope "" is
	 * the whole protocol, an item's id one paragraph adjusted at once;
	 * content is the canonical form that was signed, so that a change
	 * made after signing can be named.
	 */
	"CREATE TABLE adjust_signer(" STAMP ", meeting_id TEXT NOT NULL REFERENCES meeting(id),"
	" scope TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES person(id),"
	" UNIQUE(meeting_id, scope, person_id));"
	"CREATE TABLE signature(" STAMP ", meeting_id TEXT NOT NULL REFERENCES meeting(id),"
	" scope TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES person(id),"
	" public_key TEXT NOT NULL, signature TEXT NOT NULL, signed_at TEXT NOT NULL,"
	" content TEXT NOT NULL, UNIQUE(meeting_id, scope, person_id));"
	"CREATE INDEX adjust_signer_scope ON adjust_signer(scope);",

	/*
	 * 6 → 7: change capture and the merge's bookkeeping (store/replica.h).
	 * sync_state: the hybrid logical clock and whether writes are captured.
	 * sync_dirty: rows changed here since the last export (a mask of their
	 * changed columns; -1 a new row, -2 deleted). sync_ver: the version
	 * (clock, writer, file) of each field's current value; sync_head: the
	 * other concurrent versions (open conflicts); sync_hist: every value a
	 * field ever had, by version. sync_file: the files applied, with what
	 * their writer had seen. sync_alias: rows merged into another with the
	 * same natural key; sync_claim: numbers (§, item) that gave way in a
	 * clash. The triggers are made from the schema when the database is
	 * opened (store/replica/capture.c), so that later columns are captured too.
	 */
	"CREATE TABLE sync_state(id INTEGER PRIMARY KEY CHECK(id = 1), hlc INTEGER NOT NULL DEFAULT 0,"
	" capture INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO sync_state(id) VALUES (1);"
	"CREATE TABLE sync_dirty(tbl TEXT NOT NULL, row TEXT NOT NULL, mask INTEGER NOT NULL,"
	" hlc INTEGER NOT NULL, first INTEGER NOT NULL, PRIMARY KEY(tbl, row)) WITHOUT ROWID;"
	"CREATE TABLE sync_ver(tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,"
	" hlc INTEGER NOT NULL, writer TEXT NOT NULL, seq INTEGER NOT NULL,"
	" PRIMARY KEY(tbl, row, col)) WITHOUT ROWID;"
	"CREATE TABLE sync_head(tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,"
	" hlc INTEGER NOT NULL, writer TEXT NOT NULL, seq INTEGER NOT NULL,"
	" PRIMARY KEY(tbl, row, col, hlc, writer)) WITHOUT ROWID;"
	"CREATE TABLE sync_hist(tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,"
	" hlc INTEGER NOT NULL, writer TEXT NOT NULL, value, PRIMARY KEY(tbl, row, col, hlc, writer)) WITHOUT ROWID;"
	"CREATE TABLE sync_file(writer TEXT NOT NULL, seq INTEGER NOT NULL, frontier TEXT NOT NULL,"
	" changes INTEGER NOT NULL, applied TEXT NOT NULL, PRIMARY KEY(writer, seq)) WITHOUT ROWID;"
	"CREATE TABLE sync_alias(tbl TEXT NOT NULL, row TEXT NOT NULL, target TEXT NOT NULL,"
	" PRIMARY KEY(tbl, row)) WITHOUT ROWID;"
	"CREATE TABLE sync_claim(tbl TEXT NOT NULL, row TEXT NOT NULL, col TEXT NOT NULL,"
	" value INTEGER NOT NULL, PRIMARY KEY(tbl, row, col)) WITHOUT ROWID;",

	/*
	 * 7 → 8: sync_front: per writer, the highest file number applied with
	 * every one before it, kept by replica_file_add, so that a sync knows
	 * where each writer stands without going through every file the
	 * council ever applied.
	 */
	"CREATE TABLE sync_front(writer TEXT PRIMARY KEY, upto INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO sync_front(writer, upto) SELECT writer, max(seq) FROM (SELECT writer, seq,"
	" seq - row_number() OVER (PARTITION BY writer ORDER BY seq) AS gap FROM sync_file)"
	" WHERE gap = 0 GROUP BY writer;",

	/*
	 * 8 → 9: while a sync applies other machines' changes
	 * (sync_state.index_later), the search triggers only note the rows in
	 * search_later, and the index takes them in at the end, all rows of a
	 * kind in one statement (store_search_later). FTS5 writes its pending
	 * terms to disk at the start of every statement of a transaction, so
	 * indexing row by row cost a merge more than everything else together.
	 */
	"ALTER TABLE sync_state ADD COLUMN index_later INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE search_later(kind INTEGER NOT NULL, src INTEGER NOT NULL,"
	" PRIMARY KEY(kind, src)) WITHOUT ROWID;"
	SEARCH_TRIGGERS(item, 1, "OF title, notes", "new.title", "new.notes")
	SEARCH_TRIGGERS(decision, 2, "OF text", "(SELECT title FROM item WHERE id = new.item_id)", "new.text")
	SEARCH_TRIGGERS(action, 3, "OF title, description", "new.title",
			"coalesce(new.description, '') || coalesce((SELECT char(10) || group_concat(text, char(10))"
			" FROM action_note WHERE action_id = new.id), '')")
	SEARCH_TRIGGERS(goal, 4, "", "new.code || ' ' || new.title",
			"coalesce(new.task, '') || char(10) || coalesce(new.local_resp, '') || char(10) ||"
			" coalesce(new.regional_resp, '') || char(10) || coalesce(new.national_resp, '') || char(10) ||"
			" coalesce(new.indicator, '') || char(10) || coalesce(new.timeline, '')")
	SEARCH_TRIGGERS(proposal, 5, "OF title, text", "new.title", "coalesce(new.text, '')"),

	/*
	 * 9 → 10: a machine's key may be vouched for by another key of the
	 * same person (a copied database, core/identity.h): "PUBLIC SIGNATURE",
	 * the older key and its signature of the new one. A key with no vouch
	 * was admitted by a member with the power, or is the founder's.
	 */
	"ALTER TABLE member_key ADD COLUMN vouch TEXT;",

	/*
	 * 10 → 11: a removal's cut-off: the number of the machine's last file
	 * the member who removed it had taken. Every copy refuses the removed
	 * machine's files after it, whatever order they arrive in (NULL: a
	 * removal of before, which cut nothing off).
	 */
	"ALTER TABLE member_key ADD COLUMN cutoff INTEGER;",

	/*
	 * 11 → 12: the files this machine wrote to the folder, byte for byte
	 * (sync_sent, never exchanged), so that it puts back one that goes
	 * missing or is damaged there, the same file under the same number
	 * (sync/repair.c).
	 */
	("CREATE TABLE sync_sent(writer TEXT NOT NULL, seq INTEGER NOT NULL, bytes BLOB NOT NULL,"
	 " PRIMARY KEY(writer, seq)) WITHOUT ROWID;"),

	/*
	 * 12 → 13: the guard (store/replica/guard.c): whether this machine has
	 * the power over the council's minutes and plans, and its person, as
	 * the sync last found them (sync_guard_refresh). Until it looks, the
	 * machine is taken to have it (a council of one machine has).
	 */
	("ALTER TABLE sync_state ADD COLUMN power INTEGER NOT NULL DEFAULT 1;"
	 "ALTER TABLE sync_state ADD COLUMN person TEXT;"),
};

const int store_migration_count = (int)(sizeof store_migrations / sizeof store_migrations[0]);
