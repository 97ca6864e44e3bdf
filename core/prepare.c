/* prepare: building a meeting's agenda from what is waiting for it. */
#include "core/prepare.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/meeting.h"
#include "core/rules.h"
#include "core/status.h"

/* The standard items, in the council's own words (protocols are Swedish). */
static const char *const opening_items[] = {
	"Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Föregående protokoll",
};
static const char closing_item[] = "Mötets avslutande";
#define ACTION_PREFIX "Uppföljning: "

void offers_release(struct offers *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].title);
		free(o->v[i].detail);
	}
	free(o->v);
	memset(o, 0, sizeof *o);
}

static struct offer *offer_push(struct offers *o, enum offer_kind kind, const char *title)
{
	ALLOC_GROW(o->v, o->n + 1, o->alloc);
	struct offer *f = &o->v[o->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->title = xstrdup(title);
	return f;
}

/* True if two titles are the same, case and å/Å folded. */
static bool same_title(const char *a, const char *b)
{
	char *fa = text_fold(a), *fb = text_fold(b);
	bool same = !strcmp(fa, fb);
	free(fa);
	free(fb);
	return same;
}

/* The agenda's titles, folded once. */
static void fold_titles(const struct item_list *items, struct strvec *out)
{
	for (size_t i = 0; i < items->n; i++) {
		char *f = text_fold(items->v[i].title);
		strvec_push(out, f);
		free(f);
	}
}

/* True if the (folded) agenda has an item with this title. */
static bool on_agenda(const struct strvec *folded, const char *title)
{
	char *t = text_fold(title);
	bool found = false;
	for (size_t i = 0; i < folded->n && !found; i++)
		found = !strcmp(folded->v[i], t);
	free(t);
	return found;
}

/* The meeting, editable and not yet closed, and its agenda. */
static int load_agenda(struct store *st, const char *meeting_id, struct meeting *m,
		       struct item_list *items, struct err *e)
{
	if (meeting_get(st, meeting_id, m, e))
		return -1;
	if (strcmp(m->status, "planned") && strcmp(m->status, "open")) {
		char *name = meeting_name(m);
		error(e, E_AGENDA_CLOSED, name, status_name(OF_MEETING, m->status));
		free(name);
		meeting_release(m);
		return -1;
	}
	if (store_item_list(st, m->id, items, e)) {
		meeting_release(m);
		return -1;
	}
	return 0;
}

int prepare_offers(struct store *st, const char *meeting_id, struct offers *out, struct err *e)
{
	struct meeting m;
	struct item_list items = { 0 };
	struct proposal_list props = { 0 };
	struct action_list acts = { 0 };
	struct strvec qids = { 0 }, qtexts = { 0 }, agenda = { 0 };
	int rc = -1;
	if (load_agenda(st, meeting_id, &m, &items, e))
		return -1;
	fold_titles(&items, &agenda);
	for (size_t i = 0; i < ARRAY_SIZE(opening_items); i++)
		offer_push(out, OFFER_OPENING, opening_items[i])->on_agenda = on_agenda(&agenda, opening_items[i]);
	if (store_proposal_list(st, "screened", &props, e) || store_question_list(st, &qids, &qtexts, e))
		goto out;
	for (size_t i = 0; i < props.n; i++) {
		const struct proposal *p = &props.v[i];
		if (strcmp(p->status, "screened") || !prepare_proposal_ready(p, qids.n))
			continue;
		struct offer *f = offer_push(out, OFFER_PROPOSAL, p->title);
		memcpy(f->id, p->id, sizeof f->id);
		f->detail = xasprintf(_("proposal by %s, %s"), p->by ? p->by : "?", p->date);
		f->on_agenda = on_agenda(&agenda, p->title);
	}
	/* open actions due by the meeting's day */
	struct action_filter af = { .due_by = m.date };
	if (store_action_list(st, &af, &acts, e))
		goto out;
	for (size_t i = 0; i < acts.n; i++) {
		const struct action *a = &acts.v[i];
		if (!a->due || strcmp(a->due, m.date) > 0 ||
		    (strcmp(a->status, "planned") && strcmp(a->status, "ongoing")))
			continue;
		char *title = xasprintf(ACTION_PREFIX "%s", a->title);
		struct offer *f = offer_push(out, OFFER_ACTION, title);
		free(title);
		memcpy(f->id, a->id, sizeof f->id);
		memcpy(f->presenter, a->owner_person_id, sizeof f->presenter);
		f->detail = xasprintf(_("action of %s, due %s"), a->owner ? a->owner : "?", a->due);
		f->on_agenda = on_agenda(&agenda, f->title);
	}
	offer_push(out, OFFER_CLOSING, closing_item)->on_agenda = on_agenda(&agenda, closing_item);
	rc = 0;
out:
	strvec_release(&agenda);
	strvec_release(&qids);
	strvec_release(&qtexts);
	proposal_list_release(&props);
	action_list_release(&acts);
	item_list_release(&items);
	meeting_release(&m);
	return rc;
}

/*
 * Where items go on the agenda as it is now: *closing gets the closing
 * item's number (0: none), *opening_after the number of the last opening
 * item that comes before opening item `k` in the conventional order
 * (0: none, so it goes first).
 */
static int agenda_places(struct store *st, const char *meeting_id, size_t k, int *closing,
			 int *opening_after, struct err *e)
{
	struct item_list items = { 0 };
	*closing = *opening_after = 0;
	if (store_item_list(st, meeting_id, &items, e))
		return -1;
	for (size_t i = 0; i < items.n; i++) {
		if (same_title(items.v[i].title, closing_item))
			*closing = items.v[i].pos;
		for (size_t j = 0; j < k && j < ARRAY_SIZE(opening_items); j++)
			if (same_title(items.v[i].title, opening_items[j]) && items.v[i].pos > *opening_after)
				*opening_after = items.v[i].pos;
	}
	item_list_release(&items);
	return 0;
}

/* The index of an opening item's title in the conventional order. */
static size_t opening_index(const char *title)
{
	for (size_t j = 0; j < ARRAY_SIZE(opening_items); j++)
		if (same_title(title, opening_items[j]))
			return j;
	return 0;
}

/* Adds an item and moves it to `to` (0: leave it last). */
static int add_item_at(struct store *st, const struct meeting *m, const char *title, const char *kind,
		       const char *presenter, int to, int *pos, struct err *e)
{
	struct item_input in = { .title = title, .kind = kind, .presenter_id = presenter[0] ? presenter : NULL };
	if (meeting_item_add(st, m->id, &in, pos, e))
		return -1;
	if (to && to != *pos) {
		if (store_item_move(st, m->id, *pos, to, e))
			return -1;
		*pos = to;
	}
	return 0;
}

int prepare_apply(struct store *st, const char *meeting_id, const struct offers *o,
		  const bool *chosen, int *added, struct err *e)
{
	struct meeting m;
	struct item_list items = { 0 };
	int pos, closing, after;
	*added = 0;
	if (load_agenda(st, meeting_id, &m, &items, e))
		return -1;
	item_list_release(&items);
	int rc = -1;
	for (size_t i = 0; i < o->n; i++) {
		const struct offer *f = &o->v[i];
		if (!chosen[i] || f->on_agenda)
			continue;
		/* a proposal or an action offered names the row it comes from */
		assert(f->kind == OFFER_OPENING || f->kind == OFFER_CLOSING || f->id[0]);
		if (agenda_places(st, m.id, opening_index(f->title), &closing, &after, e))
			goto out;
		switch (f->kind) {
		case OFFER_OPENING:
			if (add_item_at(st, &m, f->title, "standard", "", after + 1, &pos, e))
				goto out;
			break;
		case OFFER_PROPOSAL:
			if (add_item_at(st, &m, f->title, "case", "", closing, &pos, e) ||
			    store_proposal_set_status(st, f->id, "in preparation", e))
				goto out;
			break;
		case OFFER_ACTION:
			if (add_item_at(st, &m, f->title, "information", f->presenter, closing, &pos, e))
				goto out;
			break;
		case OFFER_CLOSING:
			if (add_item_at(st, &m, f->title, "standard", "", 0, &pos, e))
				goto out;
			break;
		}
		++*added;
	}
	rc = 0;
out:
	meeting_release(&m);
	return rc;
}

bool prepare_proposal_ready(const struct proposal *p, size_t nquestions)
{
	if (!nquestions || p->answers.n < nquestions)
		return false;
	for (size_t i = 0; i < p->answers.n; i++)
		if (!p->answers.v[i].yes)
			return false;
	return true;
}

int prepare_proposal_to_agenda(struct store *st, const char *proposal_id, const char *meeting_id,
			       int *pos, struct err *e)
{
	char id[ID_LEN + 1];
	struct offers o = { 0 };
	if (council_proposal_resolve(st, proposal_id, id, e) || prepare_offers(st, meeting_id, &o, e))
		return -1;
	int rc = -1;
	for (size_t i = 0; i < o.n; i++) {
		if (o.v[i].kind != OFFER_PROPOSAL || strcmp(o.v[i].id, id))
			continue;
		if (o.v[i].on_agenda) {
			struct meeting m;
			if (!meeting_get(st, meeting_id, &m, e)) {
				char *name = meeting_name(&m);
				error(e, E_ON_AGENDA, o.v[i].title, name);
				free(name);
				meeting_release(&m);
			}
			goto out;
		}
		bool *chosen = xcalloc(o.n, sizeof *chosen);
		int added;
		chosen[i] = true;
		rc = prepare_apply(st, meeting_id, &o, chosen, &added, e);
		free(chosen);
		if (!rc) {
			/* its number: the item before the closing one, or the last */
			struct item_list items = { 0 };
			rc = store_item_list(st, meeting_id, &items, e);
			for (size_t k = 0; !rc && k < items.n; k++)
				if (!strcmp(items.v[k].title, o.v[i].title))
					*pos = items.v[k].pos;
			item_list_release(&items);
		}
		goto out;
	}
	error(e, E_PROPOSAL_NOT_READY, id);
out:
	offers_release(&o);
	return rc;
}
