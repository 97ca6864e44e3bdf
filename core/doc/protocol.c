/*
 * protocol: the meeting's protocol and extracts as a document.
 *
 * The order follows a Swedish municipal protocol: the first part is the
 * header, the signature block and (once adjusted) the notice of
 * adjustment; then come the paragraphs in agenda order.
 */
#include "core/doc/protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/payload.h"
#include "core/council.h"
#include "core/identity.h"
#include "core/meeting.h"
#include "core/rules.h"

#define T(s) doc_tr(d, s)

/* The role's word in the document's language (roles are stored in Swedish). */
static const char *role_word(const struct doc *d, const char *role)
{
	static const struct {
		const char *sv, *en;
	} roles[] = {
		{ "ordförande", N_("chair") },	       { "vice ordförande", N_("vice-chair") },
		{ "sekreterare", N_("secretary") },    { "ledamot", N_("member") },
		{ "ersättare", N_("substitute") },     { "adjungerad", N_("co-opted") },
		{ "gäst", N_("guest") },
	};
	for (size_t i = 0; role && i < ARRAY_SIZE(roles); i++)
		if (!strcmp(role, roles[i].sv))
			return T(roles[i].en);
	return role ? role : "";
}

/* "Name, role (to item 6)" */
static void person_line(const struct doc *d, struct strbuf *sb, const struct attendee *a,
			const char *role)
{
	if (sb->len)
		sb_addc(sb, '\n');
	sb_adds(sb, a->name);
	if (role)
		sb_addf(sb, ", %s", role);
	if (a->from_item && a->to_item) {
		sb_addc(sb, ' ');
		sb_addf(sb, T("(items %d–%d)"), a->from_item, a->to_item);
	} else if (a->from_item) {
		sb_addc(sb, ' ');
		sb_addf(sb, T("(from item %d)"), a->from_item);
	} else if (a->to_item) {
		sb_addc(sb, ' ');
		sb_addf(sb, T("(to item %d)"), a->to_item);
	}
}

/* The person present in role (first found), or NULL. */
static const struct attendee *present_in_role(const struct meeting_view *v, const char *role)
{
	for (size_t i = 0; i < v->att.n; i++)
		if (!v->att.v[i].absent && !strcmp(v->att.v[i].role, role) && !v->att.v[i].for_id[0])
			return &v->att.v[i];
	return NULL;
}

struct people {
	const char *chair, *secretary;
};

static void find_people(const struct record *pd, struct people *p)
{
	const struct attendee *a = present_in_role(&pd->v, "ordförande");
	if (!a)
		a = present_in_role(&pd->v, "vice ordförande");
	p->chair = a ? a->name : NULL;
	p->secretary = pd->secretary;
}

/* The note under a signer's name: when and with which key, or why the
 * signature does not hold. */
static char *sig_note(const struct doc *d, const struct adjust_sig *s)
{
	if (!s->sig)
		return xstrdup(T(N_("Not signed yet")));
	if (!s->valid)
		return xstrdup(T(N_("INVALID SIGNATURE: the protocol was changed after signing")));
	unsigned char pk[IDENTITY_PK_LEN];
	char fp[IDENTITY_FP_SIZE] = "";
	if (identity_key_parse(s->key, pk))
		identity_fingerprint(pk, fp);
	char date[sizeof "YYYY-MM-DD HH:MM"];
	snprintf(date, sizeof date, "%.10s %.5s", s->signed_at, s->signed_at + 11);
	/* the key on a line of its own, so that its fingerprint, read out
	 * group by group, is not broken across two lines */
	return xasprintf(T(N_("Signed %s,\nkey %s")), date, fp);
}

static const struct adjust_sig *find_sig(const struct adjust_state *a, int pos, const char *name)
{
	for (size_t i = 0; name && i < a->n; i++)
		if (a->v[i].pos == pos && !strcmp(a->v[i].name, name))
			return &a->v[i];
	return NULL;
}

static void place_time(struct doc *d, const struct meeting *m, struct strbuf *sb)
{
	const char *from = m->opened ? m->opened : m->start;
	const char *to = m->opened ? m->closed : m->end;
	const char *place = m->place ? m->place : "–";
	if (from && to)
		sb_addf(sb, T("%s, %s, %s–%s"), place, m->date, from, to);
	else if (from)
		sb_addf(sb, T("%s, %s, %s"), place, m->date, from);
	else
		sb_addf(sb, "%s, %s", place, m->date);
}

/* The header fields: place and time, who took part, secretary, adjusters,
 * adjustment and paragraphs. */
static void header(struct doc *d, const struct meeting_view *v, const struct people *p,
		   int paragraph)
{
	struct doc_block *b = doc_fields(d);
	struct strbuf sb = { 0 }, subs = { 0 }, others = { 0 }, absent = { 0 };

	place_time(d, &v->m, &sb);
	doc_row(b, T("Place and time"), sb.buf, NULL);
	sb_reset(&sb);
	for (size_t i = 0; i < v->att.n; i++) {
		const struct attendee *a = &v->att.v[i];
		if (a->absent) {
			if (rules_role_decides(a->role))
				person_line(d, &absent, a, role_word(d, a->role));
		} else if (a->for_id[0]) {
			char *line = xasprintf(T("%s for %s"), a->name, a->for_name ? a->for_name : "");
			struct attendee copy = *a;
			copy.name = line;
			person_line(d, &subs, &copy, NULL);
			free(line);
		} else if (rules_role_decides(a->role)) {
			person_line(d, &sb, a, role_word(d, a->role));
		} else if (!p->secretary || strcmp(a->name, p->secretary)) {
			person_line(d, &others, a, role_word(d, a->role));
		}
	}
	doc_row(b, T("Decision-makers"), sb.len ? sb.buf : "–", NULL);
	if (subs.len)
		doc_row(b, T("Serving substitutes"), subs.buf, NULL);
	if (others.len)
		doc_row(b, T("Others present"), others.buf, NULL);
	if (absent.len)
		doc_row(b, T("Absent"), absent.buf, NULL);
	doc_row(b, T("Secretary"), p->secretary ? p->secretary : "–", NULL);

	sb_reset(&sb);
	for (size_t i = 0; i < v->adjusters.n; i++) {
		if (p->chair && !strcmp(v->adjusters.v[i], p->chair))
			continue;
		if (sb.len)
			sb_addc(&sb, '\n');
		sb_adds(&sb, v->adjusters.v[i]);
	}
	doc_row(b, T("Adjusters"), sb.len ? sb.buf : "–", NULL);
	doc_row(b, T("Adjusted"), v->m.adjusted ? v->m.adjusted : T("Not adjusted"), NULL);
	sb_reset(&sb);
	if (paragraph)
		sb_addf(&sb, "§ %d", paragraph);
	else if (v->para_first && v->para_first != v->para_last)
		sb_addf(&sb, "§§ %d–%d", v->para_first, v->para_last);
	else if (v->para_first)
		sb_addf(&sb, "§ %d", v->para_first);
	else
		sb_adds(&sb, "–");
	doc_row(b, T("Paragraphs"), sb.buf, NULL);
	sb_release(&sb);
	sb_release(&subs);
	sb_release(&others);
	sb_release(&absent);
}

static void signatures(struct doc *d, const struct record *pd, const struct people *p)
{
	const struct meeting_view *v = &pd->v;
	doc_subhead(d, T("Signatures"));
	struct doc_block *b = doc_signatures(d);
	doc_row(b, T("Secretary"), p->secretary ? p->secretary : "", NULL);
	const struct adjust_sig *s = find_sig(&pd->adj, 0, p->chair);
	char *note = s ? sig_note(d, s) : NULL;
	doc_row(b, T("Chair"), p->chair ? p->chair : "", note);
	free(note);
	int n = 0;
	for (size_t i = 0; i < v->adjusters.n; i++) {
		if (p->chair && !strcmp(v->adjusters.v[i], p->chair))
			continue;
		s = find_sig(&pd->adj, 0, v->adjusters.v[i]);
		note = s ? sig_note(d, s) : NULL;
		doc_row(b, T("Adjuster"), v->adjusters.v[i], note);
		free(note);
		n++;
	}
	if (!n)
		doc_row(b, T("Adjuster"), "", NULL);
}

/* A paragraph adjusted at once: who signed it, or why it does not hold. */
static void immediate(struct doc *d, const struct record *pd, const struct item *it)
{
	const struct adjust_state *a = &pd->adj;
	const char *last = NULL;
	bool any = false;
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].pos != it->pos)
			continue;
		any = true;
		if (a->v[i].signed_at && (!last || strcmp(a->v[i].signed_at, last) > 0))
			last = a->v[i].signed_at;
	}
	if (!any)
		return;
	struct strbuf sb = { 0 };
	if (adjust_complete(a, it->pos)) {
		char date[DATE_SIZE];
		snprintf(date, sizeof date, "%.10s", last);
		sb_addf(&sb, T(N_("Paragraph adjusted immediately on %s.")), date);
		doc_text(d, DOC_NORMAL, sb.buf);
	}
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].pos != it->pos)
			continue;
		char *note = sig_note(d, &a->v[i]);
		sb_reset(&sb);
		sb_addf(&sb, "%s: %s", a->v[i].name, note);
		doc_text(d, DOC_SMALL, sb.buf);
		free(note);
	}
	sb_release(&sb);
}

/* The notice (anslag) of an adjusted protocol: three weeks from adjustment. */
static void notice(struct doc *d, const struct meeting_view *v)
{
	char down[DATE_SIZE];
	if (!v->m.adjusted || !date_valid(v->m.adjusted))
		return;
	date_add_days(v->m.adjusted, 21, down);
	doc_subhead(d, T("Notice of adjustment"));
	doc_text(d, DOC_NORMAL, T("The adjustment has been announced by notice."));
	struct doc_block *b = doc_fields(d);
	b->style = DOC_BOX;
	doc_row(b, T("Body"), v->m.body_name, NULL);
	doc_row(b, T("Meeting date"), v->m.date, NULL);
	doc_row(b, T("Notice posted"), v->m.adjusted, NULL);
	doc_row(b, T("Notice removed"), down, NULL);
}

static void paragraph_block(struct doc *d, const struct record *pd, const struct item *it)
{
	const struct meeting_view *v = &pd->v;
	const struct decision *dc = it->decision;
	char *title = dc ? xasprintf("§ %d %s", dc->para, it->title) : xstrdup(it->title);
	struct strbuf sb = { 0 };
	doc_heading(d, 1, title)->keep = true;
	free(title);
	if (it->presenter || it->papers.n) {
		struct doc_block *b = doc_fields(d);
		if (it->presenter)
			doc_row(b, T("Presenter"), it->presenter, NULL);
		for (size_t k = 0; k < it->papers.n; k++)
			sb_addf(&sb, "%s%s", k ? "\n" : "", it->papers.v[k]);
		if (it->papers.n)
			doc_row(b, T("Papers"), sb.buf, NULL);
		sb_reset(&sb);
	}
	if (it->notes && *it->notes)
		doc_text(d, DOC_NORMAL, it->notes);
	for (size_t k = 0; k < it->conflicts.n; k++) {
		sb_reset(&sb);
		sb_addf(&sb, T("%s declared a conflict of interest and took no part in the item."),
			it->conflicts.v[k].name);
		doc_text(d, DOC_NORMAL, sb.buf);
	}
	if (!dc) {
		if (!strcmp(it->status, "postponed"))
			doc_text(d, DOC_NORMAL, T("The item was postponed to a later meeting."));
		sb_release(&sb);
		return;
	}
	doc_subhead(d, T("Decision"));
	if (!strncmp(dc->text, "att ", 4)) {
		sb_reset(&sb);
		sb_addf(&sb, T("%s decides"), v->m.body_name);
		doc_text(d, DOC_NORMAL, sb.buf);
	}
	doc_text(d, DOC_EMPH, dc->text);
	if (dc->yes >= 0) {
		doc_subhead(d, T("Vote"));
		sb_reset(&sb);
		sb_addf(&sb, T("%d yes, %d no, %d abstaining"), dc->yes, dc->no, dc->abstain);
		doc_text(d, DOC_NORMAL, sb.buf);
	}
	if (dc->votes.n) {
		struct strbuf names = { 0 };
		for (size_t k = 0; k < dc->votes.n; k++)
			sb_addf(&names, "%s%s %s", k ? ", " : "", dc->votes.v[k].name,
				T(dc->votes.v[k].vote));
		sb_reset(&sb);
		sb_addf(&sb, T("Votes by name: %s"), names.buf);
		doc_text(d, DOC_SMALL, sb.buf);
		sb_release(&names);
	}
	for (size_t k = 0; k < dc->dissents.n; k++) {
		if (!k)
			doc_subhead(d, T("Reservation"));
		sb_reset(&sb);
		sb_addf(&sb, T("%s enters a reservation against the decision."), dc->dissents.v[k].name);
		if (dc->dissents.v[k].motivation) {
			sb_adds(&sb, " ");
			sb_addf(&sb, T("Motivation: %s"), dc->dissents.v[k].motivation);
		}
		doc_text(d, DOC_NORMAL, sb.buf);
	}
	if (!strcmp(dc->quorum, "no"))
		doc_text(d, DOC_SMALL, T("The decision was taken without a quorum."));
	else if (!strcmp(dc->quorum, "unknown"))
		doc_text(d, DOC_SMALL, T("The decision was taken before attendance was recorded."));
	immediate(d, pd, it);
	sb_release(&sb);
}

int protocol_doc(const struct record *pd, int paragraph, const char *lang,
		 enum doc_format format, struct doc *d, struct err *e)
{
	const struct meeting_view *v = &pd->v;
	const struct item *only = NULL;
	struct people p = { 0 };

	doc_init(d, lang ? lang : "sv");
	if (lang && !doc_lang_valid(lang))
		return error(e, E_DOC_LANG, lang);
	if (paragraph) {
		for (size_t i = 0; i < v->items.n; i++)
			if (v->items.v[i].decision && v->items.v[i].decision->para == paragraph)
				only = &v->items.v[i];
		if (!only) {
			char *name = meeting_name(&v->m);
			error(e, E_NO_PARAGRAPH, name, paragraph);
			free(name);
			return -1;
		}
	}
	find_people(pd, &p);

	d->kind = xstrdup(T(paragraph ? N_("PROTOCOL EXTRACT") : N_("PROTOCOL")));
	d->issuer = xstrdup(v->m.body_name);
	d->issuer_sub = xstrdup(pd->council);
	d->date_label = xstrdup(T(N_("Meeting date")));
	d->date = xstrdup(v->m.date);
	d->running = xasprintf("%s, %s %s", v->m.body_name,
			       T(paragraph ? N_("Protocol extract") : N_("Protocol")), v->m.date);
	d->title = paragraph ? xasprintf("%s § %d, %s %s", T(N_("Protocol extract")), paragraph,
					 v->m.body_name, v->m.date)
			     : xasprintf("%s, %s %s", T(N_("Protocol")), v->m.body_name, v->m.date);
	d->initials = !paragraph;
	bool adjusted = !strcmp(v->m.status, "adjusted") ||
			(only && adjust_complete(&pd->adj, only->pos));
	if (!adjusted)
		d->draft = xstrdup(T(N_("DRAFT – NOT ADJUSTED")));
	for (size_t i = 0; i < pd->adj.n; i++)
		if (pd->adj.v[i].sig) {
			d->sigdata = adjust_payload(v, pd->council, pd->secretary, &pd->adj, paragraph,
						    d->lang, doc_format_ext(format));
			break;
		}

	header(d, v, &p, paragraph);
	if (paragraph) {
		paragraph_block(d, pd, only);
		struct doc_block *b = doc_signatures(d);
		doc_row(b, T(N_("Certified extract")), p.secretary ? p.secretary : "", NULL);
	} else {
		signatures(d, pd, &p);
		notice(d, v);
		for (size_t i = 0; i < v->items.n; i++)
			paragraph_block(d, pd, &v->items.v[i]);
	}
	return 0;
}

int protocol_build(struct store *st, const char *meeting_id, int paragraph, const char *lang,
		   enum doc_format format, struct doc *d, struct err *e)
{
	struct record pd;
	doc_init(d, lang ? lang : "sv");
	if (record_load(st, meeting_id, &pd, e))
		return -1;
	doc_release(d);
	int rc = protocol_doc(&pd, paragraph, lang, format, d, e);
	record_release(&pd);
	return rc;
}

int protocol_export(struct store *st, const char *meeting_id, int paragraph, enum doc_format f,
		    const char *lang, const char *path, struct err *e)
{
	struct doc d;
	if (f == DOC_FMT_ICS)
		return error(e, E_PROTOCOL_ICS);
	if (protocol_build(st, meeting_id, paragraph, lang, f, &d, e)) {
		doc_release(&d);
		return -1;
	}
	int rc = doc_save(&d, f, path, e);
	doc_release(&d);
	return rc;
}

char *protocol_file_name(const struct meeting *m, int paragraph, enum doc_format f, const char *lang)
{
	bool en = lang && !strcmp(lang, "en");
	char *base = xasprintf("%s-%s", m->body_short, m->date);
	char *name = paragraph ? xasprintf("%s-%s-%d.%s", base, en ? "extract" : "utdrag", paragraph,
					   doc_format_ext(f))
			       : xasprintf("%s-%s.%s", base, en ? "protocol" : "protokoll", doc_format_ext(f));
	free(base);
	return name;
}
