/* cli_sync: the sync commands of the command line (see cli_sync.h). */
#include "tui/cli/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "core/base/json.h"
#include "sync/sync.h"

#define PASS_MIN 8

/* Reads a line from the terminal, without echo when secret. */
static char *ask(const char *prompt, bool secret)
{
	FILE *tty = fopen("/dev/tty", "r+");
	if (!tty)
		return NULL;
	struct termios old, quiet;
	bool restore = false;
	fputs(prompt, tty);
	fflush(tty);
	if (secret && tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fileno(tty), TCSAFLUSH, &quiet) == 0;
	}
	char buf[1024];
	char *line = fgets(buf, sizeof buf, tty) ? xstrdup(buf) : NULL;
	if (restore) {
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fputc('\n', tty);
	}
	fclose(tty);
	memset(buf, 0, sizeof buf);
	if (line)
		line[strcspn(line, "\r\n")] = '\0';
	return line;
}

/* The passphrase (caller frees): file, environment, or the terminal. */
static char *passphrase(const char *file, bool twice, struct err *e)
{
	char *p = NULL;
	if (file) {
		FILE *f = fopen(file, "r");
		char buf[1024];
		if (!f) {
			error(e, E_IO, file, strerror(errno));
			return NULL;
		}
		if (fgets(buf, sizeof buf, f))
			p = xstrdup(buf);
		fclose(f);
		memset(buf, 0, sizeof buf);
		if (p)
			p[strcspn(p, "\r\n")] = '\0';
	} else if (getenv("GAVEL_PASSPHRASE")) {
		p = xstrdup(getenv("GAVEL_PASSPHRASE"));
	} else {
		p = ask(twice ? _("New passphrase for the council: ") : _("The council's passphrase: "), true);
		if (!p) {
			errorf(e, E_USAGE, _("no terminal to ask the passphrase on; use --passphrase-file FILE or GAVEL_PASSPHRASE"));
			return NULL;
		}
		if (twice) {
			char *again = ask(_("The same again: "), true);
			if (!again || strcmp(again, p)) {
				free(again);
				free(p);
				errorf(e, E_INVALID, _("the two passphrases differ"));
				return NULL;
			}
			free(again);
		}
	}
	if (!p || !*p) {
		free(p);
		errorf(e, E_INVALID, _("the passphrase is empty"));
		return NULL;
	}
	if (twice && text_width(p) < PASS_MIN) {
		free(p);
		errorf(e, E_INVALID, _("the passphrase is too short (at least %d characters)"), PASS_MIN);
		return NULL;
	}
	return p;
}

static void wipe_free(char *p)
{
	if (p) {
		volatile char *v = p;
		while (*v)
			*v++ = '\0';
	}
	free(p);
}

static char *person_arg(const char *as, struct err *e)
{
	if (as && *as)
		return xstrdup(as);
	char *p = ask(_("Who are you (your name in the council)? "), false);
	if (!p || !*p) {
		free(p);
		errorf(e, E_USAGE, _("say who this machine belongs to with --as PERSON"));
		return NULL;
	}
	return p;
}

static void print_summary(const struct sync_summary *s, bool json, struct strbuf *out)
{
	if (json) {
		struct json j;
		json_init(&j, out);
		json_obj_begin(&j);
		json_kv_int(&j, "sent", s->sent);
		json_kv_int(&j, "received", s->received);
		json_kv_int(&j, "files", s->files);
		json_kv_int(&j, "conflicts_new", s->conflicts_new);
		json_kv_int(&j, "conflicts_open", s->conflicts_open);
		json_kv_int(&j, "waiting", s->waiting);
		json_kv_int(&j, "refused", s->refused);
		json_kv_bool(&j, "renewed", s->renewed);
		json_key(&j, "from");
		json_arr_begin(&j);
		for (size_t i = 0; i < s->from.n; i++)
			json_str(&j, s->from.v[i]);
		json_arr_end(&j);
		json_key(&j, "notes");
		json_arr_begin(&j);
		for (size_t i = 0; i < s->notes.n; i++)
			json_str(&j, s->notes.v[i]);
		json_arr_end(&j);
		json_obj_end(&j);
		sb_addc(out, '\n');
	} else {
		sb_addf(out, _("sent %ld changes, received %ld\n"), s->sent, s->received);
		for (size_t i = 0; i < s->from.n; i++)
			sb_addf(out, "  %s\n", s->from.v[i]);
		if (s->conflicts_new)
			sb_addf(out, _("%ld new conflicts\n"), s->conflicts_new);
		if (s->conflicts_open)
			sb_addf(out, _("%ld open conflicts: see 'gavel conflicts'\n"), s->conflicts_open);
	}
	for (size_t i = 0; i < s->notes.n; i++)
		fprintf(stderr, "gavel: %s\n", s->notes.v[i]);
}

int cli_sync_share(struct cli_sync_args *a)
{
	struct sync_summary s = { 0 };
	char *who = person_arg(a->as, a->e);
	if (!who)
		return -1;
	char *pass = passphrase(a->passphrase_file, true, a->e);
	if (!pass) {
		free(who);
		return -1;
	}
	int rc = sync_share(a->st, a->argv[0], who, pass, &s, a->e);
	wipe_free(pass);
	if (!rc)
		sb_addf(a->out, _("shared the council through %s as %s; %ld changes written\n"), a->argv[0], who, s.sent);
	free(who);
	sync_summary_release(&s);
	return rc;
}

int cli_sync_join(const char *db_path, int argc, char **argv)
{
	const char *as = NULL, *file = NULL, *dir = NULL;
	struct err e;
	error_clear(&e);
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--as") && i + 1 < argc)
			as = argv[++i];
		else if (!strncmp(argv[i], "--as=", 5))
			as = argv[i] + 5;
		else if (!strcmp(argv[i], "--passphrase-file") && i + 1 < argc)
			file = argv[++i];
		else if (!strncmp(argv[i], "--passphrase-file=", 18))
			file = argv[i] + 18;
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "gavel: %s\n", _("usage: gavel join DIR --as PERSON [--passphrase-file FILE]"));
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "gavel: %s\n", _("usage: gavel join DIR --as PERSON [--passphrase-file FILE]"));
		return 2;
	}
	char *who = person_arg(as, &e), *pass = who ? passphrase(file, false, &e) : NULL;
	struct sync_summary s = { 0 };
	struct store *st = NULL;
	int status = 0;
	/* the database's folder, as `init` makes it */
	char *parent = xstrdup(db_path), *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		mkdir(parent, 0700);
	}
	free(parent);
	if (!who || !pass || sync_join(db_path, dir, who, pass, &st, &s, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		status = error_exit_status(e.code ? e.code : E_IO);
	} else {
		printf(_("joined the council in %s as %s: %ld changes received; the database is %s\n"), dir, who,
		       s.received, db_path);
		for (size_t i = 0; i < s.notes.n; i++)
			fprintf(stderr, "gavel: %s\n", s.notes.v[i]);
	}
	wipe_free(pass);
	free(who);
	sync_summary_release(&s);
	store_close(st);
	return status;
}

int cli_sync_run(struct cli_sync_args *a)
{
	struct sync_summary s = { 0 };
	int rc = sync_run(a->st, a->argc ? a->argv[0] : NULL, &s, a->e);
	if (!rc)
		print_summary(&s, a->json, a->out);
	sync_summary_release(&s);
	return rc;
}

int cli_sync_conflicts(struct cli_sync_args *a)
{
	struct sync_conflict_list l = { 0 };
	if (sync_conflicts(a->st, &l, a->e))
		return -1;
	if (a->json) {
		struct json j;
		json_init(&j, a->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l.n; i++) {
			const struct sync_conflict *c = &l.v[i];
			json_obj_begin(&j);
			json_kv_str(&j, "id", c->id);
			json_kv_str(&j, "what", c->what);
			json_kv_str(&j, "field", c->field);
			json_kv_str(&j, "current", c->current);
			json_kv_str(&j, "current_by", c->current_by);
			json_kv_str(&j, "current_when", c->current_when);
			json_kv_str(&j, "other", c->other);
			json_kv_str(&j, "other_by", c->other_by);
			json_kv_str(&j, "other_when", c->other_when);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(a->out, '\n');
	} else if (!l.n) {
		sb_addf(a->out, "%s\n", _("no open conflicts"));
	}
	for (size_t i = 0; !a->json && i < l.n; i++) {
		const struct sync_conflict *c = &l.v[i];
		sb_addf(a->out, "%s  %s, %s\n", c->id, c->what, !strcmp(c->field, "-") ? _("deleted and changed") : c->field);
		sb_addf(a->out, _("    current: %s  (%s, %s)\n"), c->current ? c->current : "-", c->current_by, c->current_when);
		sb_addf(a->out, _("    other:   %s  (%s, %s)\n"), c->other ? c->other : "-", c->other_by, c->other_when);
	}
	if (!a->json && l.n)
		sb_addf(a->out, "%s\n", _("Keep one with 'gavel conflicts resolve ID current|other'."));
	sync_conflict_list_release(&l);
	return 0;
}

int cli_sync_resolve(struct cli_sync_args *a)
{
	if (store_begin(a->st, a->e))
		return -1;
	if (sync_conflict_resolve(a->st, a->argv[0], a->argv[1], a->e)) {
		store_rollback(a->st);
		return -1;
	}
	if (store_commit(a->st, a->e))
		return -1;
	sb_addf(a->out, "%s\n", _("resolved; the choice goes to the others at the next sync"));
	return 0;
}

int cli_sync_members(struct cli_sync_args *a)
{
	struct sync_member_list l = { 0 };
	if (sync_members(a->st, &l, a->e))
		return -1;
	if (a->json) {
		struct json j;
		json_init(&j, a->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l.n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "person", l.v[i].person);
			json_kv_str(&j, "fingerprint", l.v[i].fingerprint);
			json_kv_int(&j, "files", l.v[i].files);
			json_kv_str(&j, "last", l.v[i].last);
			json_kv_str(&j, "removed", l.v[i].revoked);
			json_kv_bool(&j, "this_machine", l.v[i].me);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(a->out, '\n');
	}
	for (size_t i = 0; !a->json && i < l.n; i++) {
		sb_addpad(a->out, l.v[i].person, 24);
		sb_addf(a->out, " %s  %4ld files", l.v[i].fingerprint, l.v[i].files);
		if (l.v[i].revoked)
			sb_addf(a->out, _("  removed %s"), l.v[i].revoked);
		if (l.v[i].me)
			sb_addf(a->out, "  %s", _("(this machine)"));
		sb_addc(a->out, '\n');
	}
	sync_member_list_release(&l);
	return 0;
}

int cli_sync_remove(struct cli_sync_args *a)
{
	char *pass = passphrase(a->passphrase_file, true, a->e);
	if (!pass)
		return -1;
	int rc = sync_member_remove(a->st, a->argv[0], pass, a->e);
	wipe_free(pass);
	if (rc)
		return -1;
	struct sync_summary s = { 0 };
	rc = sync_run(a->st, NULL, &s, a->e);
	sync_summary_release(&s);
	if (!rc)
		sb_addf(a->out, _("removed %s: a new council key is in use; give the remaining members' new machines the new passphrase\n"),
			a->argv[0]);
	return rc;
}

int cli_sync_passphrase(struct cli_sync_args *a)
{
	char *pass = passphrase(a->passphrase_file, true, a->e);
	if (!pass)
		return -1;
	int rc = sync_passphrase(a->st, pass, a->e);
	wipe_free(pass);
	if (rc)
		return -1;
	struct sync_summary s = { 0 };
	rc = sync_run(a->st, NULL, &s, a->e);
	sync_summary_release(&s);
	if (!rc)
		sb_addf(a->out, "%s\n", _("the passphrase is changed, and with it the council key"));
	return rc;
}
