/* cmd_sync: the shared folder's commands: share, join, sync, conflicts,
 * members and the passphrase (see cmd.h and sync/sync.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "core/base/json.h"
#include "core/council.h"
#include "core/passphrase.h"
#include "sync/sync.h"
#include "tui/cli/cmd.h"

/* The shortest new passphrase, in characters. */
#define PASS_MIN 8
/* The longest line read from the terminal or a passphrase file. */
#define LINE_MAX_BYTES 1024

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
	char buf[LINE_MAX_BYTES];
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

/* A new passphrase hard enough to guess, with the council's own words
 * (its name's) taken as known. */
static int strong_enough(struct store *st, const char *p, struct err *e)
{
	char *name = NULL;
	struct strvec words = { 0 };
	struct err ne;
	if (st && council_name(st, &name, &ne) == 0 && name) {
		strvec_push(&words, name);
		for (char *save = NULL, *w = strtok_r(name, " -/,.", &save); w; w = strtok_r(NULL, " -/,.", &save))
			strvec_push(&words, w);
	}
	free(name);
	int rc = passphrase_check(p, (const char *const *)words.v, words.n, e);
	strvec_release(&words);
	return rc;
}

/* The passphrase (caller frees): file, environment, or the terminal. A new
 * one (twice: asked twice at the terminal) must be strong enough. */
static char *passphrase(struct store *st, const char *file, bool twice, struct err *e)
{
	char *p = NULL;
	if (file) {
		FILE *f = fopen(file, "r");
		char buf[LINE_MAX_BYTES];
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
			error(e, E_NO_TERMINAL);
			return NULL;
		}
		if (twice) {
			char *again = ask(_("The same again: "), true);
			if (!again || strcmp(again, p)) {
				free(again);
				free(p);
				error(e, E_PASSPHRASES_DIFFER);
				return NULL;
			}
			free(again);
		}
	}
	if (!p || !*p) {
		free(p);
		error(e, E_PASSPHRASE_EMPTY);
		return NULL;
	}
	if (twice && text_width(p) < PASS_MIN) {
		free(p);
		error(e, E_PASSPHRASE_SHORT, PASS_MIN);
		return NULL;
	}
	if (twice && strong_enough(st, p, e)) {
		free(p);
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
		error(e, E_NO_PERSON_AS);
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
		json_kv_bool(&j, "waiting_admission", s->waiting_admission);
		json_kv_bool(&j, "admitted", s->admitted);
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
	} else if (s->waiting_admission) {
		struct err why;
		error(&why, E_SYNC_NOT_ADMITTED, s->fingerprint);
		sb_addf(out, "%s\n", why.msg);
	} else {
		if (s->admitted)
			sb_addf(out, "%s\n", _("admitted: this machine now reads and writes the council"));
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

int cmd_share(struct ctx *c)
{
	struct sync_summary s = { 0 };
	char *who = person_arg(opt_value(c, "as"), c->e);
	if (!who)
		return -1;
	char *pass = passphrase(c->st, opt_value(c, "passphrase-file"), true, c->e);
	if (!pass) {
		free(who);
		return -1;
	}
	int rc = sync_share(c->st, c->argv[0], who, pass, &s, c->e);
	wipe_free(pass);
	if (!rc)
		sb_addf(c->out, _("shared the council through %s as %s; %ld changes written\n"), c->argv[0], who, s.sent);
	free(who);
	sync_summary_release(&s);
	return rc;
}

int cmd_join(const char *db_path, const char *dir, const char *as, const char *file, const char *council_fp)
{
	struct err e;
	error_clear(&e);
	char *who = person_arg(as, &e), *pass = who ? passphrase(NULL, file, false, &e) : NULL;
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
	if (!who || !pass || sync_join(db_path, dir, who, pass, council_fp, &st, &s, &e)) {
		fprintf(stderr, "gavel: %s\n", e.msg);
		status = error_exit_status(e.code ? e.code : E_IO);
	} else {
		printf(_("asked to join the council in %s as %s; the database is %s\n"), dir, who, db_path);
		printf(_("the council's fingerprint: %s%s\n"), s.council_fingerprint,
		       council_fp ? _(" (as given)") : _(" (compare it with the one the chair gives; --council checks it)"));
		printf(_("this machine's fingerprint: %s\n"), s.fingerprint);
		printf("%s\n", _("Read it out to a member who may admit you (the chair or the secretary); once they have "
				  "run 'gavel members admit', 'gavel sync' here reads the council."));
		if (s.passphrase_older)
			fprintf(stderr, "gavel: %s\n",
				_("the folder holds a newer invitation this passphrase does not open: if nobody admits you, ask for the new passphrase"));
		for (size_t i = 0; i < s.notes.n; i++)
			fprintf(stderr, "gavel: %s\n", s.notes.v[i]);
	}
	wipe_free(pass);
	free(who);
	sync_summary_release(&s);
	store_close(st);
	return status;
}

int cmd_sync(struct ctx *c)
{
	struct sync_summary s = { 0 };
	int rc = sync_run(c->st, c->argc ? c->argv[0] : NULL, &s, c->e);
	if (!rc)
		print_summary(&s, c->json, c->out);
	sync_summary_release(&s);
	return rc;
}

int cmd_conflicts(struct ctx *c)
{
	struct sync_conflict_list l = { 0 };
	if (sync_conflicts(c->st, &l, c->e))
		return -1;
	if (c->json) {
		struct json j;
		json_init(&j, c->out);
		json_arr_begin(&j);
		for (size_t i = 0; i < l.n; i++) {
			const struct sync_conflict *k = &l.v[i];
			json_obj_begin(&j);
			json_kv_str(&j, "id", k->id);
			json_kv_str(&j, "what", k->what);
			json_kv_str(&j, "field", k->field);
			json_kv_str(&j, "current", k->current);
			json_kv_str(&j, "current_by", k->current_by);
			json_kv_str(&j, "current_when", k->current_when);
			json_kv_str(&j, "other", k->other);
			json_kv_str(&j, "other_by", k->other_by);
			json_kv_str(&j, "other_when", k->other_when);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(c->out, '\n');
	} else if (!l.n) {
		sb_addf(c->out, "%s\n", _("no open conflicts"));
	}
	for (size_t i = 0; !c->json && i < l.n; i++) {
		const struct sync_conflict *k = &l.v[i];
		sb_addf(c->out, "%s  %s, %s\n", k->id, k->what, !strcmp(k->field, "-") ? _("deleted and changed") : k->field);
		sb_addf(c->out, _("    current: %s  (%s, %s)\n"), k->current ? k->current : "-", k->current_by, k->current_when);
		sb_addf(c->out, _("    other:   %s  (%s, %s)\n"), k->other ? k->other : "-", k->other_by, k->other_when);
	}
	if (!c->json && l.n)
		sb_addf(c->out, "%s\n", _("Keep one with 'gavel conflicts resolve ID current|other'."));
	sync_conflict_list_release(&l);
	return 0;
}

int cmd_conflicts_resolve(struct ctx *c)
{
	if (store_begin(c->st, c->e))
		return -1;
	if (sync_conflict_resolve(c->st, c->argv[0], c->argv[1], c->e)) {
		store_rollback(c->st);
		return -1;
	}
	if (store_commit(c->st, c->e))
		return -1;
	sb_addf(c->out, "%s\n", _("resolved; the choice goes to the others at the next sync"));
	return 0;
}

int cmd_members(struct ctx *c)
{
	struct sync_member_list l = { 0 };
	struct sync_request_list r = { 0 };
	if (sync_members(c->st, &l, c->e))
		return -1;
	if (sync_requests(c->st, &r, c->e)) {
		sync_member_list_release(&l);
		return -1;
	}
	if (c->json) {
		struct json j;
		json_init(&j, c->out);
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
		for (size_t i = 0; i < r.n; i++) {
			json_obj_begin(&j);
			json_kv_str(&j, "person", r.v[i].name);
			json_kv_str(&j, "fingerprint", r.v[i].fingerprint);
			json_kv_bool(&j, "asks_to_join", true);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		sb_addc(c->out, '\n');
	}
	char cfp[IDENTITY_FP_SIZE];
	int frc = c->json ? 1 : sync_council_fingerprint(c->st, cfp, c->e);
	if (frc < 0) {
		sync_member_list_release(&l);
		sync_request_list_release(&r);
		return -1;
	}
	if (frc == 0)
		sb_addf(c->out, _("The council's fingerprint (give it with the passphrase): %s\n"), cfp);
	for (size_t i = 0; !c->json && i < l.n; i++) {
		sb_addpad(c->out, l.v[i].person, 24);
		sb_addf(c->out, " %s  %4ld files", l.v[i].fingerprint, l.v[i].files);
		if (l.v[i].revoked)
			sb_addf(c->out, _("  removed %s"), l.v[i].revoked);
		if (l.v[i].me)
			sb_addf(c->out, "  %s", _("(this machine)"));
		sb_addc(c->out, '\n');
	}
	if (!c->json && r.n)
		sb_addf(c->out, "%s\n", _("Asking to join (compare the fingerprint with theirs, then 'gavel members admit NAME'):"));
	for (size_t i = 0; !c->json && i < r.n; i++) {
		sb_addpad(c->out, r.v[i].name, 24);
		sb_addf(c->out, " %s", r.v[i].fingerprint);
		if (r.v[i].machines)
			sb_addf(c->out, "  %s", _("(this name already has a machine: a new one of theirs, or someone else using it; ask them)"));
		sb_addc(c->out, '\n');
	}
	sync_member_list_release(&l);
	sync_request_list_release(&r);
	return 0;
}

int cmd_members_admit(struct ctx *c)
{
	char *as = NULL;
	struct sync_summary s = { 0 };
	/* the folder read first: a request left a moment ago is there */
	int rc = sync_run(c->st, NULL, &s, c->e);
	sync_summary_release(&s);
	if (rc || sync_admit(c->st, NULL, c->argv[0], opt_value(c, "as"), &as, c->e))
		return -1;
	sb_addf(c->out, _("admitted %s; their machine reads the council at its next sync\n"), as);
	free(as);
	return 0;
}

int cmd_members_remove(struct ctx *c)
{
	char *pass = passphrase(c->st, opt_value(c, "passphrase-file"), true, c->e);
	if (!pass)
		return -1;
	int rc = sync_member_remove(c->st, c->argv[0], pass, c->e);
	wipe_free(pass);
	if (rc)
		return -1;
	struct sync_summary s = { 0 };
	rc = sync_run(c->st, NULL, &s, c->e);
	sync_summary_release(&s);
	if (!rc)
		sb_addf(c->out, _("removed %s: a new council key is in use; give the remaining members' new machines the new passphrase\n"),
			c->argv[0]);
	return rc;
}

int cmd_passphrase(struct ctx *c)
{
	char *pass = passphrase(c->st, opt_value(c, "passphrase-file"), true, c->e);
	if (!pass)
		return -1;
	int rc = sync_passphrase(c->st, pass, c->e);
	wipe_free(pass);
	if (rc)
		return -1;
	struct sync_summary s = { 0 };
	rc = sync_run(c->st, NULL, &s, c->e);
	sync_summary_release(&s);
	if (!rc)
		sb_addf(c->out, "%s\n", _("the passphrase is changed, and with it the council key"));
	return rc;
}

/* The report of a check or a repair, ending with whether the folder is
 * whole (a report, not a refusal: it is printed either way). */
static int check_report(struct ctx *c, bool repair)
{
	struct sync_check k;
	if (sync_check(c->st, repair, &k, c->e))
		return -1;
	sb_addf(c->out, _("the folder holds %ld council files; of this machine's, %ld missing and %ld damaged\n"), k.files,
		k.own_missing, k.own_damaged);
	if (repair)
		sb_addf(c->out, _("put back %ld of this machine's files\n"), k.put_back);
	for (size_t i = 0; i < k.lines.n; i++)
		sb_addf(c->out, "%s\n", k.lines.v[i]);
	bool whole = (repair ? k.own_missing + k.own_damaged == k.put_back : !k.own_missing && !k.own_damaged) &&
		     !k.others_missing && !k.waiting;
	if (whole) {
		sb_addf(c->out, "%s\n", _("the folder is whole"));
	} else {
		struct err why;
		error(&why, E_SYNC_NOT_WHOLE);
		sb_addf(c->out, "%s\n", why.msg);
	}
	sync_check_release(&k);
	return 0;
}

int cmd_check(struct ctx *c)
{
	return check_report(c, false);
}

int cmd_repair(struct ctx *c)
{
	return check_report(c, true);
}
