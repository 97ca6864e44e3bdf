/*
 * screen_welcome: the first start, on a database with no council yet.
 * c creates a council (its name asked), d opens the demo council, and j
 * shows the way to join a council through its shared folder; the screen
 * lists these keys from the key table. A database that has asked to join
 * shows its fingerprint instead, and S looks for its admission.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/council.h"
#include "sync/sync.h"
#include "tui/app/tui.h"
#include "tui/cli/cli.h"
#include "tui/cli/demo.h"

/* Has this database asked to join a council (and waits)? Its fingerprint. */
static bool waiting(struct app *app, char fp[IDENTITY_FP_SIZE])
{
	bool w = false;
	struct err e;
	if (sync_waiting(app->st, &w, fp, &e))
		app_error(app, &e);
	return w;
}

static void welcome_draw(struct app *app, void *self)
{
	(void)self;
	static const char *const lines[] = {
		N_("Welcome to gavel: the minutes, decisions, actions and goals of a council."),
		"",
		N_("This database holds no council yet."),
		"",
	};
	char fp[IDENTITY_FP_SIZE];
	bool asked = waiting(app, fp);
	int y = 2;
	for (size_t i = 0; i < ARRAY_SIZE(lines) && y < app->rows - 1; i++, y++) {
		if (i == 0)
			draw_header(app, y, _(lines[i]));
		else if (i == 2 && asked)
			draw_text(y, 2, _("This machine has asked to join a council and waits to be admitted."), app->cols - 4);
		else
			draw_text(y, 2, lines[i][0] ? _(lines[i]) : "", app->cols - 4);
	}
	if (asked && y + 1 < app->rows - 1) {
		char line[512];
		/* TRANSLATORS: the machine's key's fingerprint */
		snprintf(line, sizeof line, _("Its fingerprint: %s"), fp);
		draw_text(y - 1, 2, line, app->cols - 4);
		draw_text(y++, 2, _("Read it out to the one who admits you (the chair or the secretary)."), app->cols - 4);
		y++;
	}
	/* what can be done here: the keys of the first start */
	for (int i = 0; i < keydef_count && y < app->rows - 1; i++) {
		const struct keydef *k = &keydefs[i];
		/* a database that asked waits for its council: nothing else here */
		bool for_waiting = k->action == ACT_SYNC || k->action == ACT_QUIT;
		if (!(k->on & ON_WELCOME) || k->action == ACT_HELP || (asked ? !for_waiting : k->action == ACT_SYNC))
			continue;
		char line[512];
		snprintf(line, sizeof line, "  %-3s %s", keys_label(k), _(k->help));
		draw_text(y++, 2, line, app->cols - 4);
	}
	draw_color(app, C_DIM, true);
	if (y + 1 < app->rows - 1)
		draw_text(y + 1, 2, store_path(app->st), app->cols - 4);
	draw_color(app, C_DIM, false);
}

/* The council exists now: home takes the welcome's place. */
static void start_home(struct app *app)
{
	char *name = NULL;
	struct err e;
	if (council_name(app->st, &name, &e) == 0)
		snprintf(app->council, sizeof app->council, "%s", name);
	else
		app_error(app, &e);
	free(name);
	app_pop(app);
	app_push(app, &screen_home, NULL);
}

static bool welcome_key(struct app *app, void *self, int ch, enum key_action a)
{
	(void)self;
	(void)ch;
	struct err e;
	char fp[IDENTITY_FP_SIZE];
	if ((a == ACT_CREATE || a == ACT_DEMO || a == ACT_JOIN) && waiting(app, fp)) {
		app_refuse(app, E_SYNC_NOT_ADMITTED, fp);
		return true;
	}
	switch (a) {
	case ACT_CREATE: {
		char name[256] = "";
		if (!prompt_line(app, _("The council's name:"), name, sizeof name, NULL, 0) || !name[0])
			return true;
		if (app_tx_begin(app) && app_tx_end(app, council_init(app->st, name, &e), &e)) {
			start_home(app);
			app_message(app, false, _("created the council %s: add bodies and people with gavel body add and gavel person add"),
				    name);
		}
		return true;
	}
	case ACT_DEMO:
		app_message(app, false, "%s", _("making the demo council…"));
		if (demo_run(app->st, cli_run, &e)) {
			app_message(app, true, "%s", e.msg);
			return true;
		}
		start_home(app);
		app_message(app, false, "%s", _("the demo council: press ? for the keys"));
		return true;
	case ACT_JOIN:
		app_message(app, false, "%s",
			    _("to join: gavel join DIR --as YOUR-NAME, with DIR the council's shared folder"));
		return true;
	case ACT_SYNC: {
		if (!waiting(app, fp)) {
			app_message(app, false, "%s",
				    _("to join: gavel join DIR --as YOUR-NAME, with DIR the council's shared folder"));
			return true;
		}
		struct sync_summary sum = { 0 };
		int rc = sync_run(app->st, NULL, &sum, &e);
		bool admitted = sum.admitted;
		sync_summary_release(&sum);
		if (rc) {
			app_error(app, &e);
		} else if (admitted) {
			start_home(app);
			sync_line_update(app);
			app_message(app, false, "%s", _("admitted: this machine now reads and writes the council"));
		} else {
			app_refuse(app, E_SYNC_NOT_ADMITTED, fp);
		}
		return true;
	}
	default:
		return false;
	}
}

const struct screen_ops screen_welcome = {
	.id = SCREEN_WELCOME,
	.draw = welcome_draw,
	.key = welcome_key,
};
