#include "core/status.h"

#include <assert.h>
#include <string.h>

#include "core/base/base.h"

const char *status_name(enum status_of of, const char *s)
{
	static const struct {
		enum status_of of;
		const char *key, *name;
	} names[] = {
		{ OF_MEETING, "planned", NC_("meeting status", "planned") },
		{ OF_MEETING, "open", NC_("meeting status", "open") },
		{ OF_MEETING, "closed", NC_("meeting status", "closed") },
		{ OF_MEETING, "adjusted", NC_("meeting status", "adjusted") },
		{ OF_ITEM, "open", NC_("item status", "open") },
		{ OF_ITEM, "postponed", NC_("item status", "postponed") },
		{ OF_ITEM, "done", NC_("item status", "done") },
		{ OF_ITEM_KIND, "standard", NC_("item kind", "standard") },
		{ OF_ITEM_KIND, "case", NC_("item kind", "case") },
		{ OF_ITEM_KIND, "information", NC_("item kind", "information") },
		{ OF_ACTION, "planned", NC_("action status", "planned") },
		{ OF_ACTION, "ongoing", NC_("action status", "ongoing") },
		{ OF_ACTION, "done", NC_("action status", "done") },
		{ OF_ACTION, "cancelled", NC_("action status", "cancelled") },
		{ OF_ACTION, "overdue", NC_("action status", "overdue") },
		{ OF_PROPOSAL, "new", NC_("proposal status", "new") },
		{ OF_PROPOSAL, "screened", NC_("proposal status", "screened") },
		{ OF_PROPOSAL, "in preparation", NC_("proposal status", "in preparation") },
		{ OF_PROPOSAL, "decided", NC_("proposal status", "decided") },
		{ OF_PROPOSAL, "rejected", NC_("proposal status", "rejected") },
		{ OF_HIT, "item", NC_("search hit", "item") },
		{ OF_HIT, "decision", NC_("search hit", "decision") },
		{ OF_HIT, "action", NC_("search hit", "action") },
		{ OF_HIT, "goal", NC_("search hit", "goal") },
		{ OF_HIT, "proposal", NC_("search hit", "proposal") },
	};
	assert(of >= OF_MEETING && of <= OF_HIT);
	for (size_t i = 0; s && i < ARRAY_SIZE(names); i++)
		if (names[i].of == of && !strcmp(s, names[i].key))
			return P_(names[i].name);
	return s ? s : "";
}
