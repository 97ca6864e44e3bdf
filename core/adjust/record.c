#include "core/adjust/record.h"

#include <stdlib.h>
#include <string.h>

#include "core/council.h"

/* The secretary present (not as anyone's substitute), or NULL. */
static const struct attendee *secretary_present(const struct meeting_view *v)
{
	for (size_t i = 0; i < v->att.n; i++)
		if (!v->att.v[i].absent && !strcmp(v->att.v[i].role, "sekreterare") && !v->att.v[i].for_id[0])
			return &v->att.v[i];
	return NULL;
}

void record_release(struct record *pd)
{
	meeting_view_release(&pd->v);
	free(pd->council);
	free(pd->secretary);
	adjust_state_release(&pd->adj);
	memset(pd, 0, sizeof *pd);
}

int record_load(struct store *st, const char *meeting_id, struct record *pd, struct err *e)
{
	struct member_list members = { 0 };
	memset(pd, 0, sizeof *pd);
	if (meeting_view_load(st, meeting_id, &pd->v, e))
		return -1;
	int rc = -1;
	if (store_membership_list(st, pd->v.m.body_id, pd->v.m.date, &members, e) ||
	    council_name(st, &pd->council, e))
		goto out;
	const struct attendee *a = secretary_present(&pd->v);
	if (a)
		pd->secretary = xstrdup(a->name);
	for (size_t i = 0; !pd->secretary && i < members.n; i++)
		if (!strcmp(members.v[i].role, "sekreterare"))
			pd->secretary = xstrdup(members.v[i].name);
	rc = adjust_state_load(st, &pd->v, pd->council, pd->secretary, &pd->adj, e);
out:
	member_list_release(&members);
	if (rc)
		record_release(pd);
	return rc;
}
