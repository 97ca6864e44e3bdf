/*
 * screen_meeting: the meeting as the secretary runs it. The agenda on the
 * left (number, §, status), the selected item on the right: its notes in a
 * live editor, its decision, votes, reservations and jäv.
 *
 * The notes are saved within a second of typing (tick), on every move to
 * another item, on leaving, on quit and on SIGTERM/SIGHUP. An adjusted
 * meeting is shown read-only and refuses edits with a message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/action.h"
#include "core/base/file.h"
#include "core/council.h"
#include "core/limits.h"
#include "core/meeting.h"
#include "core/status.h"
#include "sync/sync.h"
#include "tui/app/tui.h"
#include "tui/editor/editor.h"

struct mscreen {
	char ref[MEETING_NAME_SIZE];
	struct meeting_view v;
	int sel;           /* selected item index */
	bool notes_focus;  /* typing in the notes */
	struct editor *ed; /* the selected item's notes */
	int ed_item;       /* the item (pos) the editor holds */
	int scroll;        /* first visual line shown */
	double last_edit;  /* monotonic seconds of the last unsaved change */
	char utf8[4];      /* a character arriving byte by byte */
	int utf8_len, utf8_need;
	struct action_list actions; /* born from the selected item's decision */
	int actions_item;           /* the item they belong to */
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static bool locked(const struct mscreen *s)
{
	return !strcmp(s->v.m.status, "adjusted");
}

static struct item *cur_item(struct mscreen *s)
{
	return s->v.items.n ? &s->v.items.v[s->sel] : NULL;
}

/* Saves the editor's text to its item if it changed. */
static void save_notes(struct app *app, struct mscreen *s)
{
	struct err e;
	const char *item = NULL;
	if (!s->ed || !editor_dirty(s->ed) || locked(s))
		return;
	for (size_t i = 0; i < s->v.items.n; i++)
		if (s->v.items.v[i].pos == s->ed_item)
			item = s->v.items.v[i].id;
	if (!item || !app_tx_begin(app))
		return;
	if (app_tx_end(app, meeting_notes_set(app->st, item, editor_text(s->ed), &e), &e))
		editor_mark_saved(s->ed);
}

/* The actions born from the selected item's decision. */
static void load_actions(struct app *app, struct mscreen *s)
{
	struct item *it = cur_item(s);
	struct err e;
	action_list_release(&s->actions);
	s->actions_item = it ? it->pos : 0;
	if (!it || !it->decision)
		return;
	struct action_filter f = { .decision_id = it->decision->id };
	if (store_action_list(app->st, &f, &s->actions, &e))
		app_message(app, true, "%s", e.msg);
}

/* Puts the selected item's notes in the editor. */
static void load_editor(struct mscreen *s)
{
	struct item *it = cur_item(s);
	if (s->ed && it && s->ed_item == it->pos)
		return;
	editor_free(s->ed);
	s->ed = NULL;
	s->scroll = 0;
	if (!it)
		return;
	s->ed = editor_new(it->notes);
	s->ed_item = it->pos;
}

static int meeting_open_screen(struct app *app, void *self)
{
	struct mscreen *s = self;
	struct err e;
	save_notes(app, s);
	int keep = s->sel;
	meeting_view_release(&s->v);
	struct meeting m;
	int rc = meeting_resolve(app->st, s->ref, &m, &e);
	if (!rc) {
		rc = meeting_view_load(app->st, m.id, &s->v, &e);
		meeting_release(&m);
	}
	if (rc) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	s->sel = keep < (int)s->v.items.n ? keep : 0;
	load_actions(app, s);
	/* keep unsaved typing; otherwise show what the database holds */
	if (s->ed && !editor_dirty(s->ed)) {
		editor_free(s->ed);
		s->ed = NULL;
	}
	load_editor(s);
	return 0;
}

static void draw_agenda(struct app *app, struct mscreen *s, int top, int width, int height)
{
	int first = s->sel >= height ? s->sel - height + 1 : 0;
	for (int i = first; i < (int)s->v.items.n && i - first < height; i++) {
		const struct item *it = &s->v.items.v[i];
		char line[512], para[16] = "";
		if (it->decision)
			snprintf(para, sizeof para, "§%d", it->decision->para);
		snprintf(line, sizeof line, "%2d %-4s %s%s", it->pos, para, it->title,
			 !strcmp(it->status, "postponed") ? _(" (postponed)") : "");
		bool sel = i == s->sel;
		if (sel)
			draw_color(app, s->notes_focus ? C_HEADER : C_SELECTED, true);
		draw_fill(top + i - first, 0, width);
		draw_text(top + i - first, 1, line, width - 1);
		if (sel)
			draw_color(app, s->notes_focus ? C_HEADER : C_SELECTED, false);
	}
}

/* The item's decision, votes, reservations and jäv; returns rows used. */
static int draw_decision(struct app *app, const struct item *it, int y, int x, int width, int max)
{
	int y0 = y;
	char line[1024];
	for (size_t k = 0; k < it->conflicts.n && y - y0 < max; k++) {
		snprintf(line, sizeof line, _("Jäv: %s took no part"), it->conflicts.v[k].name);
		draw_text(y++, x, line, width);
	}
	const struct decision *d = it->decision;
	if (!d)
		return y - y0;
	draw_color(app, C_OK, true);
	snprintf(line, sizeof line, _("§ %d  Decision: %s"), d->para, d->text);
	draw_text(y++, x, line, width);
	draw_color(app, C_OK, false);
	if (d->yes >= 0 && y - y0 < max) {
		snprintf(line, sizeof line, _("Vote: %d yes, %d no, %d abstain"), d->yes, d->no, d->abstain);
		draw_text(y++, x, line, width);
	}
	for (size_t k = 0; k < d->dissents.n && y - y0 < max; k++) {
		snprintf(line, sizeof line, _("Reservation: %s%s%s"), d->dissents.v[k].name,
			 d->dissents.v[k].motivation ? " — " : "",
			 d->dissents.v[k].motivation ? d->dissents.v[k].motivation : "");
		draw_text(y++, x, line, width);
	}
	if (strcmp(d->quorum, "yes") && y - y0 < max) {
		draw_color(app, C_WARN, true);
		draw_text(y++, x, !strcmp(d->quorum, "no") ? _("Decided without quorum") :
			  _("Decided before attendance was recorded"), width);
		draw_color(app, C_WARN, false);
	}
	return y - y0;
}

static void meeting_draw(struct app *app, void *self)
{
	struct mscreen *s = self;
	const struct meeting *m = &s->v.m;
	char line[1024];
	snprintf(line, sizeof line, "%s %s %s%s%s · %s", m->body_name, m->date, m->start ? m->start : "",
		 m->place ? " · " : "", m->place ? m->place : "", status_name(OF_MEETING, m->status));
	if (s->v.quorum.known) {
		size_t n = strlen(line);
		snprintf(line + n, sizeof line - n, _(" · quorum %s (%d of %d)"),
			 s->v.quorum.ok ? _("yes") : _("NO"), s->v.quorum.present, s->v.quorum.seats);
	}
	draw_color(app, locked(s) ? C_WARN : C_HEADER, true);
	draw_text(1, 1, line, app->cols - 2);
	draw_color(app, locked(s) ? C_WARN : C_HEADER, false);

	int top = 2, height = app->rows - top - 1;
	int left = app->cols * 2 / 5;
	if (left > 48)
		left = 48;
	draw_agenda(app, s, top, left, height);
	draw_vline(top, left, height);
	int x = left + 2, width = app->cols - x - 1;
	struct item *it = cur_item(s);
	if (!it) {
		draw_text(top, x, _("No items yet: press + to add one."), width);
		return;
	}
	int y = top;
	draw_color(app, C_TITLE, true);
	snprintf(line, sizeof line, "%d. %s", it->pos, it->title);
	draw_text(y++, x, line, width);
	draw_color(app, C_TITLE, false);
	if (it->presenter || it->papers.n) {
		snprintf(line, sizeof line, "%s%s", it->presenter ? it->presenter : "",
			 it->papers.n ? "  📄 " : "");
		for (size_t k = 0; k < it->papers.n; k++) {
			size_t n = strlen(line);
			snprintf(line + n, sizeof line - n, "%s%s", k ? ", " : "", it->papers.v[k]);
		}
		draw_color(app, C_DIM, true);
		draw_text(y++, x, line, width);
		draw_color(app, C_DIM, false);
	}
	/* the decision below the notes, the notes take the rest */
	int dec_rows = (int)it->conflicts.n + (it->decision ? 3 + (int)it->decision->dissents.n : 0) +
		       (int)s->actions.n;
	if (dec_rows > height / 3)
		dec_rows = height / 3;
	int notes_rows = top + height - y - dec_rows - 1;
	if (notes_rows < 1)
		notes_rows = 1;
	draw_hline(y, x, width);
	draw_text(y, x + 1, s->notes_focus ? _(" Notes (typing; Esc leaves) ") : _(" Notes (Tab to type) "),
		  width - 2);
	y++;
	if (s->ed) {
		const struct editor_line *lines;
		editor_set_size(s->ed, width, notes_rows);
		size_t n = editor_lines(s->ed, &lines);
		int crow, ccol;
		editor_cursor_pos(s->ed, &crow, &ccol);
		if (crow < s->scroll)
			s->scroll = crow;
		if (crow >= s->scroll + notes_rows)
			s->scroll = crow - notes_rows + 1;
		const char *text = editor_text(s->ed);
		for (int r = 0; r < notes_rows && s->scroll + r < (int)n; r++) {
			const struct editor_line *l = &lines[s->scroll + r];
			draw_textn(y + r, x, text + l->start, l->end - l->start, width);
		}
		int used = 0;
		if (it->decision || it->conflicts.n)
			used = draw_decision(app, it, y + notes_rows, x, width, dec_rows);
		for (size_t k = 0; k < s->actions.n && used < dec_rows; k++, used++) {
			const struct action *ac = &s->actions.v[k];
			snprintf(line, sizeof line, _("Action: %s — %s, due %s (%s)"), ac->title,
				 ac->owner ? ac->owner : "", ac->due ? ac->due : "–", status_name(OF_ACTION, ac->status));
			draw_text(y + notes_rows + used, x, line, width);
		}
		if (s->notes_focus) {
			app->cursor_y = y + crow - s->scroll;
			app->cursor_x = x + ccol;
		}
	}
}

/* Moves the selection, saving the notes of the item being left. */
static void select_item(struct app *app, struct mscreen *s, int sel)
{
	if (sel < 0 || sel >= (int)s->v.items.n || sel == s->sel)
		return;
	save_notes(app, s);
	s->sel = sel;
	load_editor(s);
	load_actions(app, s);
}

static void refuse_locked(struct app *app, struct mscreen *s)
{
	app_refuse(app, E_LOCKED, s->ref);
}

static void do_decide(struct app *app, struct mscreen *s)
{
	struct item *it = cur_item(s);
	char text[2048] = "att ", votes[64] = "", who[256] = "", why[1024] = "";
	if (!it)
		return;
	save_notes(app, s);
	if (!prompt_line(app, _("Decision:"), text, sizeof text, NULL, 0))
		return;
	const char **names = xcalloc(s->v.att.n + 1, sizeof *names);
	for (size_t i = 0; i < s->v.att.n; i++)
		names[i] = s->v.att.v[i].name;
	char jav[256] = "";
	bool ok = prompt_line(app, _("Jäv: who took no part (Enter: none, Tab completes):"), jav, sizeof jav,
			      names, (int)s->v.att.n) &&
		  prompt_line(app, _("Votes yes no abstain (Enter: no vote):"), votes, sizeof votes, NULL, 0) &&
		  prompt_line(app, _("Reservation by (Enter: none, Tab completes):"), who, sizeof who, names,
			      (int)s->v.att.n);
	free(names);
	if (!ok)
		return;
	if (who[0] && !prompt_line(app, _("Motivation (optional):"), why, sizeof why, NULL, 0))
		return;

	struct decide_input in = { .text = text };
	struct dissent_input dissent = { .motivation = why };
	struct person_ref conflict;
	struct err e;
	if (votes[0]) {
		int *c = in.counts;
		if (sscanf(votes, "%d %d %d", &c[VOTE_YES], &c[VOTE_NO], &c[VOTE_ABSTAIN]) < 2) {
			app_refuse(app, E_BAD_VOTES, votes);
			return;
		}
		in.counted = true;
	}
	if ((who[0] && council_person_resolve(app->st, who, dissent.person_id, &e)) ||
	    (jav[0] && council_person_resolve(app->st, jav, conflict.id, &e))) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	if (who[0]) {
		in.dissents = &dissent;
		in.ndissents = 1;
	}
	if (jav[0]) {
		in.conflicts = &conflict;
		in.nconflicts = 1;
	}
	struct decide_result r;
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, meeting_decide(app->st, it->id, &in, &r, &e), &e)) {
		if (r.warning[0])
			app_message(app, false, _("§ %d recorded. %s"), r.para, r.warning);
		else
			app_message(app, false, _("§ %d recorded."), r.para);
		meeting_open_screen(app, s);
	}
}

/* An action from the item: title, owner, due date, goal; linked to the
 * item's decision when it has one. */
static void do_new_action(struct app *app, struct mscreen *s)
{
	struct item *it = cur_item(s);
	char title[512] = "", owner[256] = "", due[32] = "", goal[32] = "", goal_id[ID_LEN + 1];
	struct strvec owners = { 0 }, codes = { 0 };
	struct goal_list goals = { 0 };
	struct err e;
	if (!it)
		return;
	save_notes(app, s);
	if (store_person_names(app->st, &owners, &e) || store_org_names(app->st, &owners, &e) ||
	    store_goal_list(app->st, &goals, &e)) {
		app_error(app, &e);
		strvec_release(&owners);
		goal_list_release(&goals);
		return;
	}
	for (size_t i = 0; i < goals.n; i++)
		strvec_push(&codes, goals.v[i].code);
	goal_list_release(&goals);
	bool ok = prompt_line(app, _("Action:"), title, sizeof title, NULL, 0) && title[0] &&
		  prompt_line(app, _("Owner, a person or organisation (Tab completes):"), owner, sizeof owner,
			      (const char *const *)owners.v, (int)owners.n) &&
		  prompt_line(app, _("Due date YYYY-MM-DD (Enter: none):"), due, sizeof due, NULL, 0) &&
		  prompt_line(app, _("Goal, e.g. 1.2 (Enter: none, Tab completes):"), goal, sizeof goal,
			      (const char *const *)codes.v, (int)codes.n);
	strvec_release(&owners);
	strvec_release(&codes);
	if (!ok)
		return;
	struct action_input in = { .title = title, .due = due[0] ? due : NULL,
				   .decision_id = it->decision ? it->decision->id : NULL,
				   .goal_id = goal[0] ? goal_id : NULL };
	if (action_owner_resolve(app->st, owner, &in.owner, &e) ||
	    (goal[0] && council_goal_resolve(app->st, goal, goal_id, &e))) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	char id[ID_LEN + 1];
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, action_add(app->st, &in, id, &e), &e)) {
		app_message(app, false, _("action %.8s added"), id);
		load_actions(app, s);
	}
}

static void do_add_item(struct app *app, struct mscreen *s)
{
	char title[512] = "";
	if (!prompt_line(app, _("New item:"), title, sizeof title, NULL, 0) || !title[0])
		return;
	struct err e;
	int pos;
	if (!app_tx_begin(app))
		return;
	struct item_input in = { .title = title, .kind = "case" };
	if (app_tx_end(app, meeting_item_add(app->st, s->v.m.id, &in, &pos, &e), &e)) {
		meeting_open_screen(app, s);
		select_item(app, s, (int)s->v.items.n - 1);
		app_message(app, false, _("item %d added"), pos);
	}
}

static void simple(struct app *app, struct mscreen *s, int (*fn)(struct store *, const char *, const char *,
								 struct err *), const char *done)
{
	struct err e;
	save_notes(app, s);
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, fn(app->st, s->v.m.id, NULL, &e), &e)) {
		app_message(app, false, "%s", done);
		meeting_open_screen(app, s);
	}
}

static void do_postpone(struct app *app, struct mscreen *s)
{
	struct item *it = cur_item(s);
	struct err e;
	if (!it)
		return;
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, meeting_item_postpone(app->st, it->id, &e), &e)) {
		app_message(app, false, _("item %d postponed"), it->pos);
		meeting_open_screen(app, s);
	}
}

/* Moves the selected item one place up (-1) or down (+1). */
static void do_move(struct app *app, struct mscreen *s, int delta)
{
	struct item *it = cur_item(s);
	if (!it)
		return;
	int to = it->pos + delta;
	if (to < 1 || to > (int)s->v.items.n)
		return;
	struct err e;
	save_notes(app, s);
	if (!app_tx_begin(app))
		return;
	if (app_tx_end(app, meeting_item_move(app->st, it->id, to, &e), &e)) {
		s->sel = to - 1;
		/* the editor follows its item to the new number */
		editor_free(s->ed);
		s->ed = NULL;
		meeting_open_screen(app, s);
		app_message(app, false, _("item moved to place %d"), to);
	}
}

/* Writes all of text to fd; -1 with e naming path when it cannot. */
static int write_all(int fd, const char *path, const char *text, struct err *e)
{
	for (size_t len = strlen(text); len > 0;) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error(e, E_IO, path, strerror(errno));
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Opens $VISUAL or $EDITOR (vi) on the notes; what it saves replaces
 * them, as one change that undo takes back. */
static void external_editor(struct app *app, struct mscreen *s)
{
	char path[] = "/tmp/gavel-notes-XXXXXX";
	struct err e;
	if (!s->ed)
		return;
	int fd = mkstemp(path);
	if (fd < 0) {
		app_refuse(app, E_IO, path, strerror(errno));
		return;
	}
	int rc = write_all(fd, path, editor_text(s->ed), &e);
	if (close(fd) && !rc)
		rc = error(&e, E_IO, path, strerror(errno));
	if (rc) {
		app_error(app, &e);
		unlink(path);
		return;
	}
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	def_prog_mode();
	endwin();
	char *cmd = xasprintf("%s '%s'", ed, path);
	int status = system(cmd);
	free(cmd);
	reset_prog_mode();
	refresh();
	struct strbuf sb = { 0 };
	if (status != 0) {
		app_refuse(app, E_EDITOR_FAILED, ed);
	} else if (file_read(path, &sb, &e)) {
		app_error(app, &e);
	} else {
		while (sb.len && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
		editor_set_cursor(s->ed, 0);
		/* replace all as one undoable change */
		while (editor_len(s->ed))
			editor_delete(s->ed);
		editor_insert(s->ed, sb.buf ? sb.buf : "", sb.len);
		save_notes(app, s);
	}
	sb_release(&sb);
	unlink(path);
}

/* Typing in the notes: a for the keys of the table (the notes' rows), the
 * rest typed as text. Returns true if the key was used. */
static bool notes_key(struct app *app, struct mscreen *s, int ch, enum key_action a)
{
	if (a == ACT_BACK || a == ACT_TAB) {
		save_notes(app, s);
		s->notes_focus = false;
		return true;
	}
	if (locked(s)) {
		refuse_locked(app, s);
		return true;
	}
	struct editor *ed = s->ed;
	bool changed = true;
	switch (a) {
	case ACT_LEFT: editor_move(ed, ED_LEFT); changed = false; break;
	case ACT_RIGHT: editor_move(ed, ED_RIGHT); changed = false; break;
	case ACT_UP: editor_move(ed, ED_UP); changed = false; break;
	case ACT_DOWN: editor_move(ed, ED_DOWN); changed = false; break;
	case ACT_LINE_START: editor_move(ed, ED_HOME); changed = false; break;
	case ACT_LINE_END: editor_move(ed, ED_END); changed = false; break;
	case ACT_PAGE_UP: editor_move(ed, ED_PAGE_UP); changed = false; break;
	case ACT_PAGE_DOWN: editor_move(ed, ED_PAGE_DOWN); changed = false; break;
	case ACT_WORD_LEFT: editor_move(ed, ED_WORD_LEFT); changed = false; break;
	case ACT_WORD_RIGHT: editor_move(ed, ED_WORD_RIGHT); changed = false; break;
	case ACT_DELETE_BACK: editor_backspace(ed); break;
	case ACT_DELETE: editor_delete(ed); break;
	case ACT_DELETE_WORD: editor_delete_word_back(ed); break;
	case ACT_NEWLINE: editor_insert(ed, "\n", 1); break;
	case ACT_PASTE: editor_insert(ed, app->paste.buf ? app->paste.buf : "", app->paste.len); break;
	case ACT_UNDO: editor_undo(ed); break;
	case ACT_REDO: editor_redo(ed); break;
	case ACT_EDITOR: external_editor(app, s); break;
	default:
		/* text: ASCII, or UTF-8 arriving a byte at a time */
		if (ch >= 0x20 && ch < 0x7f) {
			char c = (char)ch;
			editor_insert(ed, &c, 1);
		} else if (ch >= 0xc0 && ch < 0xf8) {
			s->utf8[0] = (char)ch;
			s->utf8_len = 1;
			s->utf8_need = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2;
			changed = false;
		} else if (ch >= 0x80 && ch < 0xc0 && s->utf8_len) {
			s->utf8[s->utf8_len++] = (char)ch;
			if (s->utf8_len == s->utf8_need) {
				editor_insert(ed, s->utf8, (size_t)s->utf8_len);
				s->utf8_len = 0;
			} else {
				changed = false;
			}
		} else {
			return false;
		}
	}
	if (changed && editor_dirty(ed) && s->last_edit == 0)
		s->last_edit = now_s();
	return true;
}

static bool meeting_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct mscreen *s = self;
	if (s->notes_focus && s->ed)
		return notes_key(app, s, ch, a);
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK && ev.y >= 2)
			select_item(app, s, ev.y - 2);
		return true;
	}
	bool edits = a == ACT_DECIDE || a == ACT_ADD_ITEM || a == ACT_POSTPONE || a == ACT_OPEN_MEETING ||
		     a == ACT_CLOSE_MEETING || a == ACT_ATTENDANCE || a == ACT_MOVE_UP || a == ACT_MOVE_DOWN ||
		     a == ACT_PREPARE;
	if (edits && locked(s) && a != ACT_ATTENDANCE) {
		refuse_locked(app, s);
		return true;
	}
	/* a member without the power reads the minutes: nothing to type that
	 * would be refused once typed */
	bool writes = edits || a == ACT_TAB || a == ACT_ENTER || a == ACT_EDITOR || a == ACT_NEW_ACTION;
	if (writes && !locked(s) && !sync_may_write_minutes(app->st)) {
		app_refuse(app, E_READ_ONLY);
		return true;
	}
	switch (a) {
	case ACT_UP: select_item(app, s, s->sel - 1); return true;
	case ACT_DOWN: select_item(app, s, s->sel + 1); return true;
	case ACT_TOP: select_item(app, s, 0); return true;
	case ACT_BOTTOM: select_item(app, s, (int)s->v.items.n - 1); return true;
	case ACT_TAB:
	case ACT_ENTER:
		if (locked(s)) {
			refuse_locked(app, s);
			return true;
		}
		if (s->ed)
			s->notes_focus = true;
		return true;
	case ACT_EDITOR:
		if (locked(s))
			refuse_locked(app, s);
		else if (s->ed)
			external_editor(app, s);
		return true;
	case ACT_DECIDE: do_decide(app, s); return true;
	case ACT_ADD_ITEM: do_add_item(app, s); return true;
	case ACT_NEW_ACTION: do_new_action(app, s); return true;
	case ACT_POSTPONE: do_postpone(app, s); return true;
	case ACT_OPEN_MEETING: simple(app, s, meeting_open, _("the meeting is open")); return true;
	case ACT_CLOSE_MEETING: simple(app, s, meeting_close, _("the meeting is closed")); return true;
	case ACT_ATTENDANCE: save_notes(app, s); open_attendance(app, s->ref); return true;
	case ACT_MOVE_UP: do_move(app, s, -1); return true;
	case ACT_MOVE_DOWN: do_move(app, s, +1); return true;
	case ACT_PREPARE: save_notes(app, s); open_prepare(app, s->ref); return true;
	case ACT_EXPORT: save_notes(app, s); docs_export(app, s->ref, 0); return true;
	case ACT_INVITE: save_notes(app, s); docs_invite(app, s->ref); return true;
	case ACT_EXTRACT: {
		struct item *it = cur_item(s);
		if (!it || !it->decision)
			app_refuse(app, E_ITEM_NO_PARAGRAPH, it ? it->pos : 0);
		else
			docs_export(app, s->ref, it->decision->para);
		return true;
	}
	case ACT_ADJUST: {
		struct item *it = cur_item(s);
		struct strvec names = { 0 };
		struct err e;
		save_notes(app, s);
		if (store_person_names(app->st, &names, &e)) {
			app_error(app, &e);
			strvec_release(&names);
			return true;
		}
		/* in an open meeting: this paragraph at once (omedelbar justering) */
		int para = !strcmp(s->v.m.status, "open") && it && it->decision ? it->decision->para : 0;
		if (docs_adjust(app, s->ref, para, &s->v.adjusters, &names)) {
			char msg[sizeof app->message];
			snprintf(msg, sizeof msg, "%s", app->message);
			meeting_open_screen(app, s);
			app_message(app, false, "%s", msg);
		}
		strvec_release(&names);
		return true;
	}
	default: return false;
	}
}

static void meeting_tick(struct app *app, void *self)
{
	struct mscreen *s = self;
	/* within a second of typing: save after half a second of the first
	 * unsaved change, so a steady typist is saved twice a second */
	if (s->ed && editor_dirty(s->ed) && s->last_edit && now_s() - s->last_edit >= 0.5) {
		save_notes(app, s);
		s->last_edit = 0;
	}
}

static enum screen_id meeting_mode(void *self)
{
	const struct mscreen *s = self;
	return s->notes_focus && s->ed ? SCREEN_NOTES : SCREEN_MEETING;
}

static void meeting_save(struct app *app, void *self)
{
	save_notes(app, self);
}

static void meeting_close_screen(struct app *app, void *self)
{
	(void)app;
	struct mscreen *s = self;
	editor_free(s->ed);
	meeting_view_release(&s->v);
	action_list_release(&s->actions);
	free(s);
}

const struct screen_ops screen_meeting = {
	.id = SCREEN_MEETING,
	.open = meeting_open_screen,
	.draw = meeting_draw,
	.key = meeting_key,
	.save = meeting_save,
	.tick = meeting_tick,
	.close = meeting_close_screen,
	.mode = meeting_mode,
};

void open_meeting_at(struct app *app, const char *ref, int item)
{
	struct mscreen *s = xcalloc(1, sizeof *s);
	snprintf(s->ref, sizeof s->ref, "%s", ref);
	s->sel = item > 0 ? item - 1 : 0;
	app_push(app, &screen_meeting, s);
}

void open_meeting(struct app *app, const char *ref)
{
	open_meeting_at(app, ref, 1);
}
