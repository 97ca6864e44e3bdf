/* model: freeing the rows and lists of model.h. */
#include "store/model.h"

#include <stdlib.h>
#include <string.h>

void body_release(struct body *b)
{
	free(b->short_name);
	free(b->name);
}
LIST_IMPL(body)

void person_release(struct person *p)
{
	free(p->name);
	free(p->org);
	free(p->email);
}

void member_release(struct member *m)
{
	free(m->name);
	free(m->org);
	free(m->role);
	free(m->from);
	free(m->to);
}
LIST_IMPL(member)

void reading_release(struct reading *r)
{
	free(r->comment);
}
LIST_IMPL(reading)

void goal_release(struct goal *g)
{
	free(g->code);
	free(g->parent_code);
	free(g->title);
	free(g->task);
	free(g->local);
	free(g->regional);
	free(g->national);
	free(g->indicator);
	free(g->timeline);
	reading_list_release(&g->readings);
}
LIST_IMPL(goal)

void meeting_release(struct meeting *m)
{
	free(m->body_short);
	free(m->body_name);
	free(m->date);
	free(m->start);
	free(m->end);
	free(m->place);
	free(m->status);
	free(m->opened);
	free(m->closed);
	free(m->adjusted);
}
LIST_IMPL(meeting)

void attendee_release(struct attendee *a)
{
	free(a->name);
	free(a->org);
	free(a->role);
	free(a->for_name);
}
LIST_IMPL(attendee)

void vote_release(struct vote *v)
{
	free(v->name);
	free(v->vote);
}
LIST_IMPL(vote)

void dissent_release(struct dissent *d)
{
	free(d->name);
	free(d->motivation);
}
LIST_IMPL(dissent)

void decision_release(struct decision *d)
{
	free(d->text);
	free(d->quorum);
	vote_list_release(&d->votes);
	dissent_list_release(&d->dissents);
}

void conflict_release(struct conflict *c)
{
	free(c->name);
}
LIST_IMPL(conflict)

void item_release(struct item *it)
{
	free(it->title);
	free(it->kind);
	free(it->presenter);
	free(it->notes);
	free(it->status);
	strvec_release(&it->papers);
	conflict_list_release(&it->conflicts);
	if (it->decision) {
		decision_release(it->decision);
		free(it->decision);
	}
}
LIST_IMPL(item)

void action_note_release(struct action_note *n)
{
	free(n->date);
	free(n->author);
	free(n->text);
}
LIST_IMPL(action_note)

void action_release(struct action *a)
{
	free(a->title);
	free(a->description);
	free(a->owner);
	free(a->due);
	free(a->status);
	free(a->decision_ref);
	free(a->goal_code);
	action_note_list_release(&a->notes);
}
LIST_IMPL(action)

void answer_release(struct answer *a)
{
	free(a->question);
}
LIST_IMPL(answer)

void proposal_release(struct proposal *p)
{
	free(p->title);
	free(p->text);
	free(p->by);
	free(p->date);
	free(p->status);
	answer_list_release(&p->answers);
}
LIST_IMPL(proposal)

void hit_release(struct hit *h)
{
	free(h->kind);
	free(h->ref);
	free(h->title);
	free(h->snippet);
	free(h->meeting);
}
LIST_IMPL(hit)

void decision_row_release(struct decision_row *d)
{
	free(d->body_short);
	free(d->date);
	free(d->title);
	free(d->text);
}
LIST_IMPL(decision_row)
