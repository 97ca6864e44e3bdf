/* print: the text and JSON forms of what the command line shows (see
 * print.h). */
#include "tui/cli/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/json.h"
#include "core/lists.h"
#include "core/status.h"

static void json_meeting_fields(struct json *j, const struct meeting *m)
{
	char *name = meeting_name(m);
	json_kv_str(j, "meeting", name);
	free(name);
	json_kv_str(j, "body", m->body_short);
	json_kv_str(j, "body_name", m->body_name);
	json_kv_str(j, "date", m->date);
	json_kv_str(j, "time", m->start);
	json_kv_str(j, "end", m->end);
	json_kv_str(j, "place", m->place);
	json_kv_str(j, "status", m->status);
	json_kv_str(j, "opened", m->opened);
	json_kv_str(j, "closed", m->closed);
	json_kv_str(j, "adjusted", m->adjusted);
}

static void json_decision(struct json *j, const struct decision *d, const char *body)
{
	char *ref = xasprintf("%s/%d/%d", body, d->year, d->para);
	json_obj_begin(j);
	json_kv_str(j, "ref", ref);
	free(ref);
	json_kv_int(j, "paragraph", d->para);
	json_kv_str(j, "text", d->text);
	json_kv_str(j, "quorum", d->quorum);
	if (d->yes >= 0) {
		json_key(j, "votes");
		json_obj_begin(j);
		json_kv_int(j, "yes", d->yes);
		json_kv_int(j, "no", d->no);
		json_kv_int(j, "abstain", d->abstain);
		json_obj_end(j);
	}
	json_key(j, "votes_by_name");
	json_arr_begin(j);
	for (size_t i = 0; i < d->votes.n; i++) {
		json_obj_begin(j);
		json_kv_str(j, "person", d->votes.v[i].name);
		json_kv_str(j, "vote", d->votes.v[i].vote);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "dissents");
	json_arr_begin(j);
	for (size_t i = 0; i < d->dissents.n; i++) {
		json_obj_begin(j);
		json_kv_str(j, "person", d->dissents.v[i].name);
		json_kv_str(j, "motivation", d->dissents.v[i].motivation);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

static void meeting_json(const struct meeting_view *v, struct strbuf *out)
{
	struct json j;
	json_init(&j, out);
	json_obj_begin(&j);
	json_meeting_fields(&j, &v->m);
	json_key(&j, "quorum");
	json_obj_begin(&j);
	json_kv_bool(&j, "known", v->quorum.known);
	json_kv_bool(&j, "quorate", v->quorum.ok);
	json_kv_int(&j, "present", v->quorum.present);
	json_kv_int(&j, "seats", v->quorum.seats);
	json_obj_end(&j);
	json_key(&j, "attendance");
	json_arr_begin(&j);
	for (size_t i = 0; i < v->att.n; i++) {
		const struct attendee *a = &v->att.v[i];
		json_obj_begin(&j);
		json_kv_str(&j, "person", a->name);
		json_kv_str(&j, "organisation", a->org);
		json_kv_str(&j, "role", a->role);
		json_kv_str(&j, "for", a->for_name);
		json_kv_bool(&j, "absent", a->absent);
		json_kv_int(&j, "from_item", a->from_item);
		json_kv_int(&j, "to_item", a->to_item);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "adjusters");
	json_arr_begin(&j);
	for (size_t i = 0; i < v->adjusters.n; i++)
		json_str(&j, v->adjusters.v[i]);
	json_arr_end(&j);
	json_key(&j, "items");
	json_arr_begin(&j);
	for (size_t i = 0; i < v->items.n; i++) {
		const struct item *it = &v->items.v[i];
		json_obj_begin(&j);
		json_kv_int(&j, "number", it->pos);
		json_kv_str(&j, "title", it->title);
		json_kv_str(&j, "kind", it->kind);
		json_kv_str(&j, "status", it->status);
		json_kv_str(&j, "presenter", it->presenter);
		json_kv_str(&j, "notes", it->notes);
		json_key(&j, "papers");
		json_arr_begin(&j);
		for (size_t k = 0; k < it->papers.n; k++)
			json_str(&j, it->papers.v[k]);
		json_arr_end(&j);
		json_key(&j, "conflicts");
		json_arr_begin(&j);
		for (size_t k = 0; k < it->conflicts.n; k++)
			json_str(&j, it->conflicts.v[k].name);
		json_arr_end(&j);
		json_key(&j, "decision");
		if (it->decision)
			json_decision(&j, it->decision, v->m.body_short);
		else
			json_null(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	sb_addc(out, '\n');
}

/* Indents every line of text by `ind` spaces. */
static void indented(struct strbuf *out, const char *text, int ind)
{
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n");
		sb_addf(out, "%*s%.*s\n", n ? ind : 0, "", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

void print_meeting(const struct meeting_view *v, bool json, struct strbuf *out)
{
	if (json) {
		meeting_json(v, out);
		return;
	}
	const struct meeting *m = &v->m;
	sb_addf(out, "%s — %s %s", m->body_name, _("meeting"), m->date);
	if (m->start)
		sb_addf(out, " %s%s%s", m->start, m->end ? "–" : "", m->end ? m->end : "");
	sb_addf(out, "\n%s: %s/%s    %s: %s\n", _("Name"), m->body_short, m->date, _("Status"),
		status_name(OF_MEETING, m->status));
	if (m->place)
		sb_addf(out, "%s: %s\n", _("Place"), m->place);
	if (m->opened)
		sb_addf(out, "%s: %s", _("Opened"), m->opened);
	if (m->closed)
		sb_addf(out, "    %s: %s", _("Closed"), m->closed);
	if (m->opened)
		sb_addc(out, '\n');
	if (m->adjusted)
		sb_addf(out, "%s: %s\n", _("Adjusted"), m->adjusted);
	if (v->para_first)
		sb_addf(out, "%s: §§ %d–%d\n", _("Paragraphs"), v->para_first, v->para_last);
	if (!v->quorum.known)
		sb_addf(out, "%s: %s\n", _("Quorum"), _("unknown (no attendance recorded)"));
	else
		sb_addf(out, "%s: %s (%d %s %d)\n", _("Quorum"),
			v->quorum.ok ? _("yes, quorate") : _("NO, not quorate"), v->quorum.present,
			_("of"), v->quorum.seats);

	if (v->att.n) {
		sb_addf(out, "\n%s\n", _("Attendance"));
		for (size_t i = 0; i < v->att.n; i++) {
			const struct attendee *a = &v->att.v[i];
			sb_adds(out, "  ");
			sb_addpad(out, a->name, 28);
			sb_addc(out, ' ');
			sb_addpad(out, a->role, 16);
			if (a->absent)
				sb_addf(out, " %s", _("absent"));
			if (a->for_name)
				sb_addf(out, " %s %s", _("serving for"), a->for_name);
			if (a->from_item)
				sb_addf(out, " %s %d", _("from item"), a->from_item);
			if (a->to_item)
				sb_addf(out, " %s %d", _("left after item"), a->to_item);
			sb_addc(out, '\n');
		}
	}
	if (v->adjusters.n) {
		sb_addf(out, "\n%s:", _("Adjusted by"));
		for (size_t i = 0; i < v->adjusters.n; i++)
			sb_addf(out, "%s %s", i ? "," : "", v->adjusters.v[i]);
		sb_addc(out, '\n');
	}
	sb_addf(out, "\n%s\n", _("Agenda"));
	if (!v->items.n)
		sb_addf(out, "  %s\n", _("(no items)"));
	for (size_t i = 0; i < v->items.n; i++) {
		const struct item *it = &v->items.v[i];
		const struct decision *d = it->decision;
		sb_addf(out, "%3d. ", it->pos);
		if (d)
			sb_addf(out, "§ %d  ", d->para);
		sb_adds(out, it->title);
		if (strcmp(it->status, "open"))
			sb_addf(out, "  [%s]", status_name(OF_ITEM, it->status));
		if (it->presenter)
			sb_addf(out, "  (%s)", it->presenter);
		sb_addc(out, '\n');
		for (size_t k = 0; k < it->papers.n; k++)
			sb_addf(out, "       %s: %s\n", _("Paper"), it->papers.v[k]);
		if (it->notes && *it->notes)
			indented(out, it->notes, 7);
		for (size_t k = 0; k < it->conflicts.n; k++)
			sb_addf(out, "       %s: %s\n", _("Conflict of interest (jäv), took no part"),
				it->conflicts.v[k].name);
		if (!d)
			continue;
		sb_addf(out, "       %s:\n", _("Decision"));
		indented(out, d->text, 9);
		if (d->yes >= 0)
			sb_addf(out, "       %s: %d %s, %d %s, %d %s\n", _("Vote"), d->yes, _("yes"), d->no,
				_("no"), d->abstain, _("abstain"));
		for (size_t k = 0; k < d->votes.n; k++)
			sb_addf(out, "         %s: %s\n", d->votes.v[k].name, _(d->votes.v[k].vote));
		for (size_t k = 0; k < d->dissents.n; k++) {
			sb_addf(out, "       %s: %s", _("Reservation"), d->dissents.v[k].name);
			if (d->dissents.v[k].motivation)
				sb_addf(out, " — %s", d->dissents.v[k].motivation);
			sb_addc(out, '\n');
		}
		if (!strcmp(d->quorum, "no"))
			sb_addf(out, "       %s\n", _("Note: decided without quorum"));
		else if (!strcmp(d->quorum, "unknown"))
			sb_addf(out, "       %s\n", _("Note: decided before attendance was recorded"));
	}
}

void print_body_list(const struct body_list *l, bool json, struct strbuf *out)
{
	if (json) {
		struct json j;
		json_init(&j, out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l->n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "short", l->v[i].short_name);
			json_kv_str(&j, "name", l->v[i].name);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(out, '\n');
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		sb_addpad(out, l->v[i].short_name, 12);
		sb_addf(out, " %s\n", l->v[i].name);
	}
}

void print_member_list(const struct member_list *l, bool json, struct strbuf *out)
{
	if (json) {
		struct json j;
		json_init(&j, out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l->n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "person", l->v[i].name);
			json_kv_str(&j, "organisation", l->v[i].org);
			json_kv_str(&j, "role", l->v[i].role);
			json_kv_str(&j, "from", l->v[i].from);
			json_kv_str(&j, "to", l->v[i].to);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(out, '\n');
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		sb_addpad(out, l->v[i].name, 28);
		sb_addc(out, ' ');
		sb_addpad(out, l->v[i].role, 16);
		sb_addf(out, " %s\n", l->v[i].org ? l->v[i].org : "");
	}
}

void print_questions(const struct strvec *texts, bool json, struct strbuf *out)
{
	if (json) {
		struct json j;
		json_init(&j, out);
		json_arr_begin(&j);
		for (size_t i = 0; i < texts->n; i++)
			json_str(&j, texts->v[i]);
		json_arr_end(&j);
		sb_addc(out, '\n');
		return;
	}
	for (size_t i = 0; i < texts->n; i++)
		sb_addf(out, "%zu. %s\n", i + 1, texts->v[i]);
}

void print_meeting_list(const struct meeting_list *l, bool json, struct strbuf *out)
{
	if (json) {
		struct json j;
		json_init(&j, out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l->n; i++) {
			json_obj_begin(&j);
			json_meeting_fields(&j, &l->v[i]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(out, '\n');
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct meeting *m = &l->v[i];
		char *name = meeting_name(m);
		sb_addpad(out, name, 24);
		free(name);
		sb_addf(out, " %-5s ", m->start ? m->start : "");
		sb_addpad(out, status_name(OF_MEETING, m->status), 9);
		sb_addf(out, " %s\n", m->place ? m->place : "");
	}
}

void print_goal_list(const struct goal_list *l, bool json, struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct goal *g = &l->v[i];
		if (!json) {
			bool sub = g->parent_code != NULL;
			sb_addf(out, "%s%-5s %s%s\n", sub ? "  " : "", g->code, g->title,
				g->priority ? _("  [priority]") : "");
			if (g->indicator)
				sb_addf(out, "%s      %s: %s\n", sub ? "  " : "", _("Indicator"), g->indicator);
			if (g->readings.n) {
				sb_addf(out, "%s      %s:", sub ? "  " : "", _("Readings"));
				for (size_t k = 0; k < g->readings.n; k++)
					sb_addf(out, " %d=%g", g->readings.v[k].year, g->readings.v[k].value);
				sb_addc(out, '\n');
			}
			if (g->actions_done + g->actions_open + g->actions_overdue) {
				sb_addf(out, "%s      ", sub ? "  " : "");
				sb_addf(out, _("Actions: %d done, %d open, %d overdue"), g->actions_done,
					g->actions_open, g->actions_overdue);
				sb_addc(out, '\n');
			}
			continue;
		}
		json_obj_begin(&j);
		json_kv_str(&j, "code", g->code);
		json_kv_str(&j, "parent", g->parent_code);
		json_kv_str(&j, "title", g->title);
		json_kv_str(&j, "task", g->task);
		json_kv_str(&j, "local", g->local);
		json_kv_str(&j, "regional", g->regional);
		json_kv_str(&j, "national", g->national);
		json_kv_str(&j, "indicator", g->indicator);
		json_kv_str(&j, "timeline", g->timeline);
		json_kv_bool(&j, "priority", g->priority);
		json_key(&j, "readings");
		json_arr_begin(&j);
		for (size_t k = 0; k < g->readings.n; k++) {
			json_obj_begin(&j);
			json_kv_int(&j, "year", g->readings.v[k].year);
			json_key(&j, "value");
			json_num(&j, g->readings.v[k].value);
			json_kv_str(&j, "comment", g->readings.v[k].comment);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "actions");
		json_obj_begin(&j);
		json_kv_int(&j, "done", g->actions_done);
		json_kv_int(&j, "open", g->actions_open);
		json_kv_int(&j, "overdue", g->actions_overdue);
		json_obj_end(&j);
		json_obj_end(&j);
	}
	if (json) {
		json_arr_end(&j);
		sb_addc(out, '\n');
	}
}

void print_action_list(const struct action_list *l, const char *today, bool json,
			struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct action *a = &l->v[i];
		if (!json) {
			sb_addf(out, "%.8s  %-10s ", a->id, a->due ? a->due : "-");
			sb_addpad(out, status_name(OF_ACTION, a->status), 9);
			sb_addf(out, " %s%s\n", a->title, lists_overdue(a, today) ? _("  [OVERDUE]") : "");
			sb_addf(out, "          %s: %s", _("Owner"), a->owner ? a->owner : "");
			if (a->decision_ref)
				sb_addf(out, "  %s: %s", _("Decision"), a->decision_ref);
			if (a->goal_code)
				sb_addf(out, "  %s: %s", _("Goal"), a->goal_code);
			sb_addc(out, '\n');
			for (size_t k = 0; k < a->notes.n; k++)
				sb_addf(out, "          %s %s: %s\n", a->notes.v[k].date,
					a->notes.v[k].author ? a->notes.v[k].author : "", a->notes.v[k].text);
			continue;
		}
		json_obj_begin(&j);
		json_kv_str(&j, "id", a->id);
		json_kv_str(&j, "title", a->title);
		json_kv_str(&j, "description", a->description);
		json_kv_str(&j, "owner", a->owner);
		json_kv_str(&j, "owner_kind", a->owner_person_id[0] ? "person" : "organisation");
		json_kv_str(&j, "due", a->due);
		json_kv_str(&j, "status", a->status);
		json_kv_bool(&j, "overdue", lists_overdue(a, today));
		json_kv_str(&j, "decision", a->decision_ref);
		json_kv_str(&j, "goal", a->goal_code);
		json_key(&j, "notes");
		json_arr_begin(&j);
		for (size_t k = 0; k < a->notes.n; k++) {
			json_obj_begin(&j);
			json_kv_str(&j, "date", a->notes.v[k].date);
			json_kv_str(&j, "author", a->notes.v[k].author);
			json_kv_str(&j, "text", a->notes.v[k].text);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
	}
	if (json) {
		json_arr_end(&j);
		sb_addc(out, '\n');
	}
}

void print_proposal_list(const struct proposal_list *l, bool json, struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct proposal *p = &l->v[i];
		if (!json) {
			sb_addf(out, "%.8s  %s  ", p->id, p->date);
			sb_addpad(out, status_name(OF_PROPOSAL, p->status), 14);
			sb_addf(out, " %s\n", p->title);
			if (p->by)
				sb_addf(out, "          %s: %s\n", _("Submitted by"), p->by);
			for (size_t k = 0; k < p->answers.n; k++)
				sb_addf(out, "          [%s] %s\n", p->answers.v[k].yes ? _("yes") : _("no"),
					p->answers.v[k].question);
			continue;
		}
		json_obj_begin(&j);
		json_kv_str(&j, "id", p->id);
		json_kv_str(&j, "title", p->title);
		json_kv_str(&j, "text", p->text);
		json_kv_str(&j, "by", p->by);
		json_kv_str(&j, "date", p->date);
		json_kv_str(&j, "status", p->status);
		json_key(&j, "answers");
		json_arr_begin(&j);
		for (size_t k = 0; k < p->answers.n; k++) {
			json_obj_begin(&j);
			json_kv_str(&j, "question", p->answers.v[k].question);
			json_kv_bool(&j, "yes", p->answers.v[k].yes);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
	}
	if (json) {
		json_arr_end(&j);
		sb_addc(out, '\n');
	}
}

static const char *offer_kind_name(enum offer_kind k)
{
	static const char *const names[] = { N_("opening"), N_("proposal"), N_("action"), N_("closing") };
	return names[k];
}

void print_offers(const struct offers *o, bool json, struct strbuf *out)
{
	static const char *const keys[] = { "opening", "proposal", "action", "closing" };
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (size_t i = 0; i < o->n; i++) {
		const struct offer *f = &o->v[i];
		if (!json) {
			sb_addf(out, "%2zu  [%s] ", i + 1, f->on_agenda ? "x" : " ");
			sb_addpad(out, _(offer_kind_name(f->kind)), 9);
			sb_addf(out, " %s%s%s\n", f->title, f->detail ? " — " : "", f->detail ? f->detail : "");
			continue;
		}
		json_obj_begin(&j);
		json_kv_int(&j, "n", (long)i + 1);
		json_kv_str(&j, "kind", keys[f->kind]);
		json_kv_str(&j, "title", f->title);
		json_kv_str(&j, "detail", f->detail);
		json_kv_str(&j, "id", f->id[0] ? f->id : NULL);
		json_kv_bool(&j, "on_agenda", f->on_agenda);
		json_obj_end(&j);
	}
	if (json) {
		json_arr_end(&j);
		sb_addc(out, '\n');
	} else {
		sb_addf(out, _("[x] is on the agenda already; add with --add all or --add 1,3\n"));
	}
}

void print_decision_list(const struct decision_row_list *l, bool json, struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct decision_row *d = &l->v[i];
		if (!json) {
			sb_addf(out, "%-8s %s  § %-3d %s\n", d->body_short, d->date, d->para, d->title);
			continue;
		}
		json_obj_begin(&j);
		json_kv_str(&j, "body", d->body_short);
		json_kv_str(&j, "date", d->date);
		json_kv_int(&j, "year", d->year);
		json_kv_int(&j, "para", d->para);
		json_kv_int(&j, "item", d->item);
		json_kv_str(&j, "title", d->title);
		json_kv_str(&j, "text", d->text);
		json_obj_end(&j);
	}
	if (json) {
		json_arr_end(&j);
		sb_addc(out, '\n');
	}
}

void print_hits(const struct hit_list *l, bool json, struct strbuf *out)
{
	struct json j;
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l->n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "kind", l->v[i].kind);
			json_kv_str(&j, "ref", l->v[i].ref);
			json_kv_str(&j, "title", l->v[i].title);
			json_kv_str(&j, "context", l->v[i].snippet);
			json_key(&j, "rank");
			json_num(&j, l->v[i].rank);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(out, '\n');
		return;
	}
	if (!l->n)
		sb_addf(out, "%s\n", _("no matches"));
	for (size_t i = 0; i < l->n; i++) {
		const struct hit *h = &l->v[i];
		sb_addpad(out, status_name(OF_HIT, h->kind), 8);
		sb_addc(out, ' ');
		sb_addpad(out, h->ref, 22);
		sb_addf(out, " %s\n", h->title ? h->title : "");
		/* the context on one line */
		sb_adds(out, "         ");
		for (const char *p = h->snippet ? h->snippet : ""; *p; p++)
			sb_addc(out, *p == '\n' ? ' ' : *p);
		sb_addc(out, '\n');
	}
}

/* The dump: a JSON object of tables, each an array of row objects. */
struct dump_ctx {
	struct json j;
};

static void d_table(void *ctx, const char *table)
{
	struct dump_ctx *d = ctx;
	json_newline(&d->j);
	json_key(&d->j, table);
	json_arr_begin(&d->j);
}

static void d_row_begin(void *ctx)
{
	struct dump_ctx *d = ctx;
	if (!d->j.first[d->j.depth])
		sb_addc(d->j.sb, ',');
	d->j.first[d->j.depth] = true; /* the comma is written; don't write another */
	json_newline(&d->j);
	json_obj_begin(&d->j);
}

static void d_field(void *ctx, const char *col, const char *value, bool is_number)
{
	struct dump_ctx *d = ctx;
	json_key(&d->j, col);
	if (is_number)
		json_raw(&d->j, value);
	else
		json_str(&d->j, value);
}

static void d_row_end(void *ctx)
{
	struct dump_ctx *d = ctx;
	json_obj_end(&d->j);
	d->j.first[d->j.depth] = false;
}

static void d_table_end(void *ctx)
{
	struct dump_ctx *d = ctx;
	json_arr_end(&d->j);
}

int print_dump(struct store *st, struct strbuf *out, struct err *e)
{
	struct dump_ctx d;
	json_init(&d.j, out);
	json_obj_begin(&d.j);
	struct dump_cb cb = { d_table, d_row_begin, d_field, d_row_end, d_table_end, &d };
	if (store_dump(st, &cb, e))
		return -1;
	json_obj_end(&d.j);
	sb_addc(out, '\n');
	return 0;
}
