/*
 * screen_proposals: the suggestion box. Each proposal with its status and,
 * below, its text and the screening checklist (every question, answered
 * yes, no, or not yet). s screens it question by question; A puts a
 * proposal whose every answer is yes on a coming meeting's agenda.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "core/limits.h"
#include "core/meeting.h"
#include "core/prepare.h"
#include "core/rules.h"
#include "core/status.h"
#include "tui/app/tui.h"

struct pscreen {
	struct proposal_list props;
	struct strvec qids, questions;
	struct listnav nav;
	int height;
};

static int proposals_load(struct app *app, void *self)
{
	struct pscreen *s = self;
	struct err e;
	proposal_list_release(&s->props);
	strvec_release(&s->qids);
	strvec_release(&s->questions);
	if (store_proposal_list(app->st, NULL, &s->props, &e) ||
	    store_question_list(app->st, &s->qids, &s->questions, &e)) {
		app_message(app, true, "%s", e.msg);
		return -1;
	}
	listnav_fit(&s->nav, (int)s->props.n, s->height ? s->height : 10);
	return 0;
}

static void proposals_draw(struct app *app, void *self)
{
	struct pscreen *s = self;
	char line[2048];
	snprintf(line, sizeof line, _("Suggestion box: %zu proposals, %zu screening questions"), s->props.n,
		 s->questions.n);
	draw_header(app, 1, line);
	int top = 2, detail = (int)s->questions.n + 4;
	if (detail > (app->rows - 3) / 2)
		detail = (app->rows - 3) / 2;
	s->height = app->rows - top - 1 - detail - 1;
	if (s->height < 1)
		s->height = 1;
	listnav_fit(&s->nav, (int)s->props.n, s->height);
	if (!s->props.n)
		draw_text(top, 3, _("the suggestion box is empty"), app->cols - 4);
	for (int i = s->nav.top; i < (int)s->props.n && i - s->nav.top < s->height; i++) {
		const struct proposal *p = &s->props.v[i];
		struct strbuf sb = { 0 };
		sb_addf(&sb, "%s  ", p->date);
		sb_addpad(&sb, status_name(OF_PROPOSAL, p->status), 16);
		sb_addf(&sb, " %s — %s", p->title, p->by ? p->by : "");
		bool ready = prepare_proposal_ready(p, s->questions.n) && !strcmp(p->status, "screened");
		draw_row(app, top + i - s->nav.top, sb.buf, i == s->nav.sel,
			 ready ? C_OK : !strcmp(p->status, "rejected") ? C_DIM : C_NORMAL);
		sb_release(&sb);
	}
	if (!s->props.n)
		return;
	int y = top + s->height, end = app->rows - 1, w = app->cols - 4;
	draw_hline(y++, 0, app->cols);
	const struct proposal *p = &s->props.v[s->nav.sel];
	if (p->text && y < end)
		draw_text(y++, 2, p->text, w);
	for (size_t q = 0; q < s->questions.n && y < end; q++) {
		const char *mark = "[ ]";
		enum color c = C_DIM;
		for (size_t k = 0; k < p->answers.n; k++)
			if (!strcmp(p->answers.v[k].question, s->questions.v[q])) {
				mark = p->answers.v[k].yes ? _("[yes]") : _("[no] ");
				c = p->answers.v[k].yes ? C_OK : C_WARN;
			}
		snprintf(line, sizeof line, "%-6s %s", mark, s->questions.v[q]);
		draw_color(app, c, true);
		draw_text(y++, 2, line, w);
		draw_color(app, c, false);
	}
}

/* Screening: one yes/no question after another; Esc changes nothing. */
static void do_screen(struct app *app, struct pscreen *s)
{
	const struct proposal *p = &s->props.v[s->nav.sel];
	if (app_read_only(app))
		return;
	if (!s->questions.n) {
		app_refuse(app, E_NO_QUESTIONS);
		return;
	}
	/* the answers as the interface says them; "yes" and "no" work too */
	const char *const yn[] = { _("yes"), _("no") };
	bool *answers = xcalloc(s->questions.n + 1, sizeof *answers);
	bool ok = true;
	struct err e;
	for (size_t q = 0; q < s->questions.n && ok; q++) {
		char label[1024], buf[16] = "";
		snprintf(label, sizeof label, _("%zu/%zu (yes/no) %s"), q + 1, s->questions.n, s->questions.v[q]);
		ok = prompt_line(app, label, buf, sizeof buf, yn, 2);
		char *typed = text_fold(buf), *yes = text_fold(yn[0]), *no = text_fold(yn[1]);
		int a = !strcmp(typed, yes) ? 1 : !strcmp(typed, no) ? 0 : rules_answer_parse(buf);
		free(typed);
		free(yes);
		free(no);
		if (ok && a < 0) {
			error(&e, E_BAD_ANSWER, buf);
			app_message(app, true, "%s", e.msg);
			ok = false;
		}
		answers[q] = a == 1;
	}
	const char *status;
	char id[ID_LEN + 1];
	memcpy(id, p->id, sizeof id);
	if (ok && app_tx_begin(app) &&
	    app_tx_end(app, council_proposal_screen(app->st, id, answers, s->questions.n, &status, &e), &e)) {
		app_message(app, false, _("proposal %.8s: %s"), id, status_name(OF_PROPOSAL, status));
		proposals_load(app, s);
	}
	free(answers);
}

/* The names of the coming meetings, for completion. */
static void coming_meetings(struct app *app, struct strvec *out)
{
	struct meeting_list l = { 0 };
	struct err e;
	if (store_meeting_list(app->st, NULL, 0, &l, &e))
		app_error(app, &e);
	else
		for (size_t i = 0; i < l.n; i++)
			if (strcmp(l.v[i].date, app->today) >= 0 &&
			    (!strcmp(l.v[i].status, "planned") || !strcmp(l.v[i].status, "open"))) {
				char ref[MEETING_NAME_SIZE];
				snprintf(ref, sizeof ref, "%s/%s", l.v[i].body_short, l.v[i].date);
				strvec_push(out, ref);
			}
	meeting_list_release(&l);
}

static void do_to_agenda(struct app *app, struct pscreen *s)
{
	const struct proposal *p = &s->props.v[s->nav.sel];
	struct strvec refs = { 0 };
	if (app_read_only(app))
		return;
	coming_meetings(app, &refs);
	char ref[128] = "", id[ID_LEN + 1];
	if (refs.n)
		snprintf(ref, sizeof ref, "%s", refs.v[0]);
	memcpy(id, p->id, sizeof id);
	bool ok = prompt_line(app, _("On the agenda of (Tab: the coming meetings):"), ref, sizeof ref,
			      (const char *const *)refs.v, (int)refs.n);
	strvec_release(&refs);
	struct err e;
	struct meeting m;
	int pos;
	if (!ok || !ref[0])
		return;
	if (meeting_resolve(app->st, ref, &m, &e)) {
		app_message(app, true, "%s", e.msg);
		return;
	}
	if (app_tx_begin(app) && app_tx_end(app, prepare_proposal_to_agenda(app->st, id, m.id, &pos, &e), &e)) {
		app_message(app, false, _("on the agenda of %s as item %d"), ref, pos);
		proposals_load(app, s);
	}
	meeting_release(&m);
}

static bool proposals_key(struct app *app, void *self, int ch, enum key_action a)
{
	struct pscreen *s = self;
	(void)ch;
	if (a == ACT_CLICK) {
		MEVENT ev;
		if (getmouse(&ev) == OK)
			listnav_click(&s->nav, ev.y, 2, (int)s->props.n);
		return true;
	}
	if (listnav_key(&s->nav, a, (int)s->props.n, s->height))
		return true;
	if (!s->props.n || (a != ACT_SCREEN && a != ACT_TO_AGENDA))
		return false;
	if (a == ACT_SCREEN)
		do_screen(app, s);
	else
		do_to_agenda(app, s);
	return true;
}

static void proposals_close(struct app *app, void *self)
{
	(void)app;
	struct pscreen *s = self;
	proposal_list_release(&s->props);
	strvec_release(&s->qids);
	strvec_release(&s->questions);
	free(s);
}

const struct screen_ops screen_proposals = {
	.id = SCREEN_PROPOSALS,
	.open = proposals_load,
	.draw = proposals_draw,
	.key = proposals_key,
	.close = proposals_close,
};

void open_proposals(struct app *app)
{
	app_push(app, &screen_proposals, xcalloc(1, sizeof(struct pscreen)));
}
