/* cmd_proposal: the suggestion box: screening questions and proposals
 * (see cmd.h). */
#include <stdlib.h>

#include "core/council.h"
#include "core/prepare.h"
#include "core/status.h"
#include "tui/cli/cmd.h"
#include "tui/cli/parse.h"
#include "tui/cli/print.h"

int cmd_question_add(struct ctx *c)
{
	return council_question_add(c->st, c->argv[0], c->e);
}

int cmd_question_list(struct ctx *c)
{
	struct strvec ids = { 0 }, texts = { 0 };
	int rc = store_question_list(c->st, &ids, &texts, c->e);
	if (!rc)
		print_questions(&texts, c->json, c->out);
	strvec_release(&ids);
	strvec_release(&texts);
	return rc;
}

int cmd_proposal_add(struct ctx *c)
{
	char id[ID_LEN + 1], by[ID_LEN + 1];
	const char *who = opt_value(c, "by");
	if (who && council_person_resolve(c->st, who, by, c->e))
		return -1;
	if (council_proposal_add(c->st, c->argv[0], opt_value(c, "text"), who ? by : NULL, opt_value(c, "date"),
				 id, c->e))
		return -1;
	sb_addf(c->out, "%.8s\n", id);
	return 0;
}

int cmd_proposal_screen(struct ctx *c)
{
	const char *status;
	char id[ID_LEN + 1];
	bool *answers = NULL;
	int rc = council_proposal_resolve(c->st, c->argv[0], id, c->e);
	if (!rc)
		rc = parse_answers(c->argv + 1, (size_t)c->argc - 1, &answers, c->e);
	if (!rc)
		rc = council_proposal_screen(c->st, id, answers, (size_t)c->argc - 1, &status, c->e);
	if (!rc)
		sb_addf(c->out, "%s\n", status_name(OF_PROPOSAL, status));
	free(answers);
	return rc;
}

int cmd_proposal_set(struct ctx *c)
{
	char id[ID_LEN + 1];
	if (council_proposal_resolve(c->st, c->argv[0], id, c->e))
		return -1;
	return council_proposal_set_status(c->st, id, opt_value(c, "status"), c->e);
}

int cmd_proposal_list(struct ctx *c)
{
	struct proposal_list l = { 0 };
	int rc = store_proposal_list(c->st, NULL, &l, c->e);
	if (!rc)
		print_proposal_list(&l, c->json, c->out);
	proposal_list_release(&l);
	return rc;
}

int cmd_proposal_agenda(struct ctx *c)
{
	char id[ID_LEN + 1];
	struct meeting m;
	int pos;
	if (council_proposal_resolve(c->st, c->argv[0], id, c->e) || meeting_resolve(c->st, c->argv[1], &m, c->e))
		return -1;
	int rc = prepare_proposal_to_agenda(c->st, id, m.id, &pos, c->e);
	if (!rc) {
		char *name = meeting_name(&m);
		sb_addf(c->out, _("on the agenda of %s as item %d\n"), name, pos);
		free(name);
	}
	meeting_release(&m);
	return rc;
}
