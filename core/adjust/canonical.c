/* canonical: writing and reading the signed form of a protocol. */
#include "core/adjust/canonical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void canonical_field(struct strbuf *out, const char *s)
{
	sb_addc(out, '\t');
	if (!s) {
		sb_adds(out, "\\0");
		return;
	}
	for (; *s; s++) {
		if (*s == '\\')
			sb_adds(out, "\\\\");
		else if (*s == '\t')
			sb_adds(out, "\\t");
		else if (*s == '\n')
			sb_adds(out, "\\n");
		else
			sb_addc(out, *s);
	}
}

static void num(struct strbuf *out, int n)
{
	sb_addf(out, "\t%d", n);
}

static void meeting_lines(const struct meeting_view *v, const char *council, struct strbuf *out)
{
	const struct meeting *m = &v->m;
	sb_adds(out, "council");
	canonical_field(out, council);
	sb_adds(out, "\nmeeting");
	canonical_field(out, m->body_short);
	canonical_field(out, m->body_name);
	canonical_field(out, m->date);
	canonical_field(out, m->start);
	canonical_field(out, m->end);
	canonical_field(out, m->place);
	canonical_field(out, m->opened);
	canonical_field(out, m->closed);
	sb_addc(out, '\n');
}

static void item_lines(const struct item *it, struct strbuf *out)
{
	sb_adds(out, "item");
	num(out, it->pos);
	canonical_field(out, it->title);
	canonical_field(out, it->kind);
	canonical_field(out, it->status);
	canonical_field(out, it->presenter);
	sb_adds(out, "\nnotes");
	canonical_field(out, it->notes ? it->notes : "");
	sb_addc(out, '\n');
	for (size_t k = 0; k < it->papers.n; k++) {
		sb_adds(out, "paper");
		canonical_field(out, it->papers.v[k]);
		sb_addc(out, '\n');
	}
	for (size_t k = 0; k < it->conflicts.n; k++) {
		sb_adds(out, "conflict");
		canonical_field(out, it->conflicts.v[k].name);
		sb_addc(out, '\n');
	}
	const struct decision *d = it->decision;
	if (!d)
		return;
	sb_adds(out, "decision");
	num(out, d->year);
	num(out, d->para);
	num(out, d->yes);
	num(out, d->no);
	num(out, d->abstain);
	canonical_field(out, d->quorum);
	canonical_field(out, d->text);
	sb_addc(out, '\n');
	for (size_t k = 0; k < d->votes.n; k++) {
		sb_adds(out, "vote");
		canonical_field(out, d->votes.v[k].name);
		canonical_field(out, d->votes.v[k].vote);
		sb_addc(out, '\n');
	}
	for (size_t k = 0; k < d->dissents.n; k++) {
		sb_adds(out, "dissent");
		canonical_field(out, d->dissents.v[k].name);
		canonical_field(out, d->dissents.v[k].motivation);
		sb_addc(out, '\n');
	}
}

void canonical_write(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct item *item, struct strbuf *out)
{
	if (item) {
		sb_adds(out, "gavel-paragraph\t1\n");
		meeting_lines(v, council, out);
		item_lines(item, out);
		return;
	}
	sb_adds(out, "gavel-protocol\t1\n");
	meeting_lines(v, council, out);
	sb_adds(out, "secretary");
	canonical_field(out, secretary);
	sb_addc(out, '\n');
	for (size_t i = 0; i < v->att.n; i++) {
		const struct attendee *a = &v->att.v[i];
		sb_adds(out, "attendee");
		canonical_field(out, a->name);
		canonical_field(out, a->org);
		canonical_field(out, a->role);
		canonical_field(out, a->for_name);
		num(out, a->absent);
		num(out, a->from_item);
		num(out, a->to_item);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < v->adjusters.n; i++) {
		sb_adds(out, "adjuster");
		canonical_field(out, v->adjusters.v[i]);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < v->items.n; i++)
		item_lines(&v->items.v[i], out);
}

/* Splits one line into unescaped fields (NULL for \0); returns the count. */
int canonical_split(const char *line, size_t len, char **f, int max)
{
	int n = 0;
	struct strbuf sb = { 0 };
	bool null = false;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || line[i] == '\t') {
			if (n < max)
				f[n++] = null ? NULL : xstrdup(sb.buf ? sb.buf : "");
			sb_reset(&sb);
			null = false;
			continue;
		}
		if (line[i] == '\\' && i + 1 < len) {
			char c = line[++i];
			if (c == '0')
				null = true;
			else
				sb_addc(&sb, c == 't' ? '\t' : c == 'n' ? '\n' : c);
			continue;
		}
		sb_addc(&sb, line[i]);
	}
	sb_release(&sb);
	return n;
}

static int int_of(const char *s)
{
	return s ? atoi(s) : 0;
}

/* Takes ownership of the string (NULL stays NULL). */
static char *take(char **f, int i)
{
	char *s = f[i];
	f[i] = NULL;
	return s;
}

int canonical_read(const char *text, struct meeting_view *v, char **council, char **secretary,
		   struct err *e)
{
	memset(v, 0, sizeof *v);
	*council = *secretary = NULL;
	struct item *it = NULL;
	const char *p = text;
	bool head = false, ok = true;
	while (*p && ok) {
		size_t len = strcspn(p, "\n");
		char *f[16] = { 0 };
		int n = canonical_split(p, len, f, (int)ARRAY_SIZE(f));
		const char *tag = n ? f[0] : "";
		if (!tag)
			ok = false;
		else if (!head)
			ok = head = !strcmp(tag, "gavel-protocol") && n == 2 && f[1] && !strcmp(f[1], "1");
		else if (!strcmp(tag, "council") && n == 2)
			*council = take(f, 1);
		else if (!strcmp(tag, "meeting") && n == 9) {
			v->m.body_short = take(f, 1);
			v->m.body_name = take(f, 2);
			v->m.date = take(f, 3);
			v->m.start = take(f, 4);
			v->m.end = take(f, 5);
			v->m.place = take(f, 6);
			v->m.opened = take(f, 7);
			v->m.closed = take(f, 8);
			v->m.status = xstrdup("closed");
		} else if (!strcmp(tag, "secretary") && n == 2) {
			*secretary = take(f, 1);
		} else if (!strcmp(tag, "attendee") && n == 8) {
			struct attendee *a = attendee_list_push(&v->att);
			a->name = take(f, 1);
			a->org = take(f, 2);
			a->role = take(f, 3);
			a->for_name = take(f, 4);
			if (a->for_name)
				snprintf(a->for_id, sizeof a->for_id, "%s", "x");
			a->absent = int_of(f[5]);
			a->from_item = int_of(f[6]);
			a->to_item = int_of(f[7]);
			ok = a->name && a->role;
		} else if (!strcmp(tag, "adjuster") && n == 2 && f[1]) {
			strvec_push(&v->adjusters, f[1]);
		} else if (!strcmp(tag, "item") && n == 6) {
			it = item_list_push(&v->items);
			it->pos = int_of(f[1]);
			it->title = take(f, 2);
			it->kind = take(f, 3);
			it->status = take(f, 4);
			it->presenter = take(f, 5);
			ok = it->title && it->kind && it->status;
		} else if (it && !strcmp(tag, "notes") && n == 2) {
			free(it->notes);
			it->notes = take(f, 1);
		} else if (it && !strcmp(tag, "paper") && n == 2 && f[1]) {
			strvec_push(&it->papers, f[1]);
		} else if (it && !strcmp(tag, "conflict") && n == 2 && f[1]) {
			conflict_list_push(&it->conflicts)->name = take(f, 1);
		} else if (it && !it->decision && !strcmp(tag, "decision") && n == 8 && f[6] && f[7]) {
			struct decision *d = xcalloc(1, sizeof *d);
			d->year = int_of(f[1]);
			d->para = int_of(f[2]);
			d->yes = int_of(f[3]);
			d->no = int_of(f[4]);
			d->abstain = int_of(f[5]);
			d->quorum = take(f, 6);
			d->text = take(f, 7);
			it->decision = d;
			if (!v->para_first || d->para < v->para_first)
				v->para_first = d->para;
			if (d->para > v->para_last)
				v->para_last = d->para;
		} else if (it && it->decision && !strcmp(tag, "vote") && n == 3 && f[1] && f[2]) {
			struct vote *vo = vote_list_push(&it->decision->votes);
			vo->name = take(f, 1);
			vo->vote = take(f, 2);
		} else if (it && it->decision && !strcmp(tag, "dissent") && n == 3 && f[1]) {
			struct dissent *d = dissent_list_push(&it->decision->dissents);
			d->name = take(f, 1);
			d->motivation = take(f, 2);
		} else {
			ok = false;
		}
		for (int i = 0; i < n; i++)
			free(f[i]);
		p += len + (p[len] == '\n');
	}
	if (!ok || !head || !v->m.date || !v->m.body_name || !*council) {
		meeting_view_release(v);
		free(*council);
		free(*secretary);
		*council = *secretary = NULL;
		return error(e, E_DAMAGED_PROTOCOL);
	}
	return 0;
}
