/*
 * invite: the kallelse and its calendar event.
 */
#include "core/doc/invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/council.h"
#include "core/limits.h"
#include "core/meeting.h"
#include "core/rules.h"

#define T(s) doc_tr(d, s)

static const char *role_en(const char *role)
{
	static const char *const sv[] = { "ordförande", "vice ordförande", "sekreterare", "ledamot",
					  "ersättare", "adjungerad" };
	static const char *const en[] = { N_("chair"), N_("vice-chair"), N_("secretary"), N_("member"),
					  N_("substitute"), N_("co-opted") };
	for (size_t i = 0; i < ARRAY_SIZE(sv); i++)
		if (!strcmp(role, sv[i]))
			return en[i];
	return role;
}

/* The first member in role, or NULL. */
static const struct member *member_in(const struct member_list *l, const char *role)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].role, role))
			return &l->v[i];
	return NULL;
}

/* "Föredragande: X · Handlingar: a, b" or NULL (caller frees). */
static char *item_note(const struct doc *d, const struct item *it)
{
	struct strbuf sb = { 0 };
	if (it->presenter)
		sb_addf(&sb, "%s: %s", T(N_("Presenter")), it->presenter);
	if (it->papers.n) {
		sb_addf(&sb, "%s%s: ", sb.len ? " · " : "", T(N_("Papers")));
		for (size_t k = 0; k < it->papers.n; k++)
			sb_addf(&sb, "%s%s", k ? ", " : "", it->papers.v[k]);
	}
	return sb.len ? sb_detach(&sb) : NULL;
}

int invite_build(struct store *st, const char *meeting_id, const char *lang, struct doc *d,
		 struct err *e)
{
	struct meeting_view v;
	struct member_list members = { 0 };
	struct strbuf sb = { 0 }, subs = { 0 };
	char *council = NULL;

	doc_init(d, lang ? lang : "sv");
	if (lang && !doc_lang_valid(lang))
		return error(e, E_DOC_LANG, lang);
	if (meeting_view_load(st, meeting_id, &v, e))
		return -1;
	if (store_membership_list(st, v.m.body_id, v.m.date, &members, e) ||
	    council_name(st, &council, e)) {
		meeting_view_release(&v);
		member_list_release(&members);
		return -1;
	}
	d->kind = xstrdup(T(N_("INVITATION")));
	d->issuer = xstrdup(v.m.body_name);
	d->issuer_sub = council;
	d->date_label = xstrdup(T(N_("Meeting date")));
	d->date = xstrdup(v.m.date);
	d->title = xasprintf("%s, %s %s", T(N_("Invitation")), v.m.body_name, v.m.date);

	struct doc_block *b = doc_fields(d);
	const char *place = v.m.place ? v.m.place : "–";
	if (v.m.start && v.m.end)
		sb_addf(&sb, T(N_("%s, %s, %s–%s")), place, v.m.date, v.m.start, v.m.end);
	else if (v.m.start)
		sb_addf(&sb, T(N_("%s, %s, %s")), place, v.m.date, v.m.start);
	else
		sb_addf(&sb, "%s, %s", place, v.m.date);
	doc_row(b, T(N_("Place and time")), sb.buf, NULL);
	sb_reset(&sb);
	for (size_t i = 0; i < members.n; i++) {
		const struct member *m = &members.v[i];
		if (!strcmp(m->role, "ersättare")) {
			sb_addf(&subs, "%s%s", subs.len ? "\n" : "", m->name);
			continue;
		}
		sb_addf(&sb, "%s%s, %s", sb.len ? "\n" : "", m->name,
			strcmp(d->lang, "sv") ? T(role_en(m->role)) : m->role);
	}
	doc_row(b, T(N_("Invited")), sb.len ? sb.buf : "–", NULL);
	if (subs.len)
		doc_row(b, T(N_("Substitutes")), subs.buf, NULL);

	doc_subhead(d, T(N_("Agenda")));
	b = doc_agenda(d);
	for (size_t i = 0; i < v.items.n; i++) {
		const struct item *it = &v.items.v[i];
		if (!strcmp(it->status, "postponed"))
			continue;
		char num[NUMBER_TEXT_SIZE];
		char *note = item_note(d, it);
		snprintf(num, sizeof num, "%d", it->pos);
		doc_row(b, num, it->title, note);
		free(note);
	}
	const struct member *sec = member_in(&members, "sekreterare");
	if (sec) {
		struct person p = { 0 };
		if (store_person_get(st, sec->person_id, &p, e) == 0) {
			char *who = p.email ? xasprintf("%s, %s", p.name, p.email) : xstrdup(p.name);
			sb_reset(&sb);
			sb_addf(&sb, T(N_("Please report any absence to %s.")), who);
			doc_text(d, DOC_NORMAL, sb.buf);
			free(who);
		}
		person_release(&p);
	}
	const struct member *chair = member_in(&members, "ordförande");
	if (chair) {
		b = doc_fields(d);
		doc_row(b, T(N_("Chair")), chair->name, NULL);
	}
	sb_release(&sb);
	sb_release(&subs);
	member_list_release(&members);
	meeting_view_release(&v);
	return 0;
}

/* ---- iCalendar ---- */

/* Appends one content line, escaped (RFC 5545 3.3.11) and folded at 75
 * octets without splitting a UTF-8 character. */
static void ics_line(struct strbuf *out, const char *name, const char *value, bool escape)
{
	struct strbuf line = { 0 };
	sb_adds(&line, name);
	for (const char *p = value; escape && *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',')
			sb_addc(&line, '\\');
		if (*p == '\n')
			sb_adds(&line, "\\n");
		else
			sb_addc(&line, *p);
	}
	if (!escape)
		sb_adds(&line, value);
	size_t col = 0;
	for (size_t i = 0; i < line.len;) {
		size_t n = 1;
		unsigned char c = (unsigned char)line.buf[i];
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (col + n > 75) {
			sb_adds(out, "\r\n ");
			col = 1;
		}
		sb_add(out, line.buf + i, n);
		col += n;
		i += n;
	}
	sb_adds(out, "\r\n");
	sb_release(&line);
}

/* "YYYYMMDDTHHMMSS" and its NUL. */
#define ICS_TIME_SIZE sizeof "YYYYMMDDTHHMMSS"

/* "2026-12-07" and "09:30" to "20261207T093000"; time NULL: "20261207". */
static void ics_time(const char *date, const char *time, char out[ICS_TIME_SIZE])
{
	snprintf(out, ICS_TIME_SIZE, "%.4s%.2s%.2s", date, date + 5, date + 8);
	if (time)
		snprintf(out + 8, ICS_TIME_SIZE - 8, "T%.2s%.2s00", time, time + 3);
}

int invite_ics(struct store *st, const char *meeting_id, const char *lang, const char *dtstamp,
	       struct strbuf *out, struct err *e)
{
	struct doc dd;
	struct doc *d = &dd;
	struct meeting_view v;
	struct member_list members = { 0 };
	char t[ICS_TIME_SIZE], stamp[CLOCK_ICS_SIZE];

	doc_init(d, lang ? lang : "sv");
	if (meeting_view_load(st, meeting_id, &v, e))
		return -1;
	if (store_membership_list(st, v.m.body_id, v.m.date, &members, e)) {
		meeting_view_release(&v);
		return -1;
	}
	if (!dtstamp) {
		clock_ics(stamp);
		dtstamp = stamp;
	}
	sb_adds(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gavel//gavel 0.1//EN\r\n"
		     "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n");
	char *uid = xasprintf("%s@gavel", v.m.id);
	ics_line(out, "UID:", uid, false);
	free(uid);
	ics_line(out, "DTSTAMP:", dtstamp, false);
	if (v.m.start) {
		ics_time(v.m.date, v.m.start, t);
		ics_line(out, "DTSTART:", t, false);
		if (v.m.end) {
			ics_time(v.m.date, v.m.end, t);
			ics_line(out, "DTEND:", t, false);
		} else {
			ics_line(out, "DURATION:", "PT2H", false);
		}
	} else {
		char next[DATE_SIZE];
		ics_time(v.m.date, NULL, t);
		ics_line(out, "DTSTART;VALUE=DATE:", t, false);
		date_add_days(v.m.date, 1, next);
		ics_time(next, NULL, t);
		ics_line(out, "DTEND;VALUE=DATE:", t, false);
	}
	struct strbuf sb = { 0 };
	sb_addf(&sb, "%s: %s", v.m.body_name, T(N_("meeting")));
	ics_line(out, "SUMMARY:", sb.buf, true);
	if (v.m.place)
		ics_line(out, "LOCATION:", v.m.place, true);
	sb_reset(&sb);
	sb_addf(&sb, "%s\n", T(N_("Agenda")));
	for (size_t i = 0; i < v.items.n; i++) {
		const struct item *it = &v.items.v[i];
		if (strcmp(it->status, "postponed"))
			sb_addf(&sb, "%d. %s\n", it->pos, it->title);
	}
	ics_line(out, "DESCRIPTION:", sb.buf, true);
	for (size_t i = 0; i < members.n; i++) {
		struct person p = { 0 };
		const struct member *m = &members.v[i];
		if (store_person_get(st, m->person_id, &p, e)) {
			person_release(&p);
			sb_release(&sb);
			member_list_release(&members);
			meeting_view_release(&v);
			return -1;
		}
		if (p.email && !strpbrk(p.name, "\";:")) {
			char *mailto = xasprintf("mailto:%s", p.email);
			char *name = xasprintf("%s;CN=\"%s\"%s:", !strcmp(m->role, "ordförande") ? "ORGANIZER" : "ATTENDEE",
					       p.name,
					       !strcmp(m->role, "ordförande") ? ""
					       : !strcmp(m->role, "ersättare") ? ";ROLE=OPT-PARTICIPANT"
					       : ";ROLE=REQ-PARTICIPANT");
			ics_line(out, name, mailto, false);
			free(name);
			free(mailto);
		}
		person_release(&p);
	}
	sb_adds(out, "END:VEVENT\r\nEND:VCALENDAR\r\n");
	sb_release(&sb);
	member_list_release(&members);
	meeting_view_release(&v);
	doc_release(d);
	return 0;
}

int invite_export(struct store *st, const char *meeting_id, enum doc_format f, const char *lang,
		  const char *path, struct err *e)
{
	if (f == DOC_FMT_ICS) {
		struct strbuf sb = { 0 };
		int rc = invite_ics(st, meeting_id, lang, NULL, &sb, e);
		if (!rc)
			rc = doc_write_file(path, sb.buf, sb.len, e);
		sb_release(&sb);
		return rc;
	}
	struct doc d;
	int rc = invite_build(st, meeting_id, lang, &d, e);
	if (!rc)
		rc = doc_save(&d, f, path, e);
	doc_release(&d);
	return rc;
}

char *invite_file_name(const struct meeting *m, enum doc_format f, const char *lang)
{
	bool en = lang && !strcmp(lang, "en");
	char *base = xasprintf("%s-%s", m->body_short, m->date);
	char *name = xasprintf("%s-%s.%s", base, en ? "invitation" : "kallelse", doc_format_ext(f));
	free(base);
	return name;
}
