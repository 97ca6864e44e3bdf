/*
 * doc: the document model, its builders, the words of documents in each
 * language, and saving a document in a format.
 */
#include "core/doc/doc.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/file.h"

/*
 * The words of documents. English msgids (marked N_() where they are used,
 * so that xgettext finds them too) and their Swedish, in the forms that
 * Swedish councils use in protocols and invitations.
 */
static const struct term {
	const char *en, *sv;
} terms[] = {
	{ "%d yes, %d no, %d abstaining", "%d ja, %d nej, %d avstår" },
	{ "%s declared a conflict of interest and took no part in the item.",
	  "%s anmälde jäv och deltog inte i handläggningen av ärendet." },
	{ "%s decides", "%s beslutar" },
	{ "%s enters a reservation against the decision.", "%s reserverar sig mot beslutet." },
	{ "%s, %s, %s–%s", "%s, %s, kl.\u00a0%s–%s" },
	{ "%s, %s, %s", "%s, %s, kl.\u00a0%s" },
	{ "%s–%s", "kl.\u00a0%s–%s" },
	{ "(from item %d)", "(fr.o.m. punkt %d)" },
	{ "(to item %d)", "(t.o.m. punkt %d)" },
	{ "(items %d–%d)", "(punkt %d–%d)" },
	{ "Absent", "Frånvarande" },
	{ "Actions", "Åtgärder" },
	{ "Adjusted", "Justerat" },
	{ "Adjusted on %s.", "Justerat %s." },
	{ "Adjusters", "Justerare" },
	{ "Adjuster", "Justerare" },
	{ "Adjustment", "Justering" },
	{ "Adjusters' initials", "Justerandes signatur" },
	{ "Agenda", "Föredragningslista" },
	{ "Body", "Organ" },
	{ "Certified extract", "Rätt utdraget intygar" },
	{ "Chair", "Ordförande" },
	{ "Conflict of interest", "Jäv" },
	{ "Date", "Datum" },
	{ "Decision", "Beslut" },
	{ "Decision-makers", "Beslutande" },
	{ "Decisions of the year", "Årets beslut" },
	{ "DRAFT – NOT ADJUSTED", "UTKAST – EJ JUSTERAT" },
	{ "Extract certified", "Utdragsbestyrkande" },
	{ "Indicator", "Mätetal" },
	{ "INVITATION", "KALLELSE" },
	{ "Invited", "Kallade" },
	{ "Meeting", "Sammanträde" },
	{ "Meeting date", "Sammanträdesdatum" },
	{ "Members", "Ledamöter" },
	{ "Motivation: %s", "Motivering: %s" },
	{ "Not adjusted", "Ej justerat" },
	{ "INVALID SIGNATURE: the protocol was changed after signing",
	  "OGILTIG SIGNATUR: protokollet har ändrats efter signeringen" },
	{ "Not signed yet", "Ännu inte signerat" },
	{ "Notice of adjustment", "Anslag om justering" },
	{ "Notice posted", "Anslaget sätts upp" },
	{ "Notice removed", "Anslaget tas ned" },
	{ "Others present", "Övriga närvarande" },
	{ "Page %d (%d)", "Sida %d (%d)" },
	{ "Papers", "Handlingar" },
	{ "Paragraph adjusted immediately on %s.", "Paragrafen justerades omedelbart %s." },
	{ "Paragraphs", "Paragrafer" },
	{ "Place and time", "Plats och tid" },
	{ "Please report any absence to %s.", "Anmäl förhinder till %s." },
	{ "Presenter", "Föredragande" },
	{ "PROTOCOL", "PROTOKOLL" },
	{ "PROTOCOL EXTRACT", "PROTOKOLLSUTDRAG" },
	{ "Protocol", "Protokoll" },
	{ "Protocol extract", "Protokollsutdrag" },
	{ "Reservation", "Reservation" },
	{ "Secretary", "Sekreterare" },
	{ "Serving substitutes", "Tjänstgörande ersättare" },
	{ "Signatures", "Underskrifter" },
	{ "Signed %s,\nkey %s", "Signerat %s,\nnyckel %s" },
	{ "Substitutes", "Ersättare" },
	{ "The adjustment has been announced by notice.",
	  "Justeringen har tillkännagivits genom anslag." },
	{ "The decision was taken before attendance was recorded.",
	  "Beslutet fattades innan närvaron hade registrerats." },
	{ "The decision was taken without a quorum.",
	  "Beslutet fattades utan att beslutförhet förelåg." },
	{ "The item was postponed to a later meeting.",
	  "Ärendet sköts upp till ett senare sammanträde." },
	{ "Value", "Värde" },
	{ "Vote", "Omröstning" },
	{ "Votes by name: %s", "Röster: %s" },
	{ "Year", "År" },
	{ "abstain", "avstår" },
	{ "no", "nej" },
	{ "yes", "ja" },
	{ "%s for %s", "%s för %s" },
	{ "Invitation", "Kallelse" },
	{ "Done", "Klar" },
	{ "Ongoing", "Pågår" },
	{ "Overdue", "Försenad" },
	{ "Sub-goal", "Delmål" },
	{ "Goal", "Mål" },
	{ "Priority effort (kraftsamling)", "Kraftsamling" },
	{ "Task", "Uppgift" },
	{ "Regional responsibility", "Regionalt ansvar" },
	{ "Timeline", "Tidplan" },
	{ "due", "senast" },
	{ "GOALS FOLLOW-UP", "UPPFÖLJNING" },
	{ "Report to the steering group", "Rapport till styrgruppen" },
	{ "Goals follow-up", "Uppföljning av målen" },
	{ "Summary", "Sammanfattning" },
	{ "Goals", "Mål" },
	{ "Sub-goals", "Delmål" },
	{ "done", "klara" },
	{ "ongoing", "pågår" },
	{ "overdue", "försenade" },
	{ "%d of %d measured indicators rose, %d fell", "%d av %d mätta indikatorer steg, %d sjönk" },
	{ "Indicators", "Indikatorer" },
	{ "Priority efforts (kraftsamlingar)", "Kraftsamlingar" },
	{ "Latest indicator readings", "Senaste mätvärden" },
	{ "since", "sedan" },
	/* roles are stored in Swedish; their English for English documents */
	{ "chair", "ordförande" },
	{ "vice-chair", "vice ordförande" },
	{ "secretary", "sekreterare" },
	{ "member", "ledamot" },
	{ "meeting", "sammanträde" },
	{ "substitute", "ersättare" },
	{ "co-opted", "adjungerad" },
	{ "guest", "gäst" },
};

bool doc_lang_valid(const char *lang)
{
	return lang && (!strcmp(lang, "sv") || !strcmp(lang, "en"));
}

const char *doc_tr(const struct doc *d, const char *msgid)
{
	if (strcmp(d->lang, "sv"))
		return msgid;
	for (size_t i = 0; i < ARRAY_SIZE(terms); i++)
		if (!strcmp(terms[i].en, msgid))
			return terms[i].sv;
	return msgid;
}

static int txt_bytes(const struct doc *d, struct strbuf *out, struct err *e)
{
	(void)e;
	doc_write_txt(d, out);
	return 0;
}

static int md_bytes(const struct doc *d, struct strbuf *out, struct err *e)
{
	(void)e;
	doc_write_md(d, out);
	return 0;
}

static int html_bytes(const struct doc *d, struct strbuf *out, struct err *e)
{
	(void)e;
	doc_write_html(d, out);
	return 0;
}

/* Every format, named once; in the order of enum doc_format. */
static const struct doc_writer writers[DOC_FMT_COUNT] = {
	{ DOC_FMT_TXT, "txt", true, txt_bytes, NULL, NULL },
	{ DOC_FMT_MD, "md", true, md_bytes, NULL, NULL },
	{ DOC_FMT_HTML, "html", true, html_bytes, NULL, NULL },
	{ DOC_FMT_PDF, "pdf", false, doc_write_pdf, NULL, NULL },
	{ DOC_FMT_ODT, "odt", false, NULL, doc_write_odt, doc_odt_same },
	{ DOC_FMT_ICS, "ics", false, NULL, NULL, NULL },
};

const struct doc_writer *doc_writer(enum doc_format f)
{
	assert(f >= 0 && f < DOC_FMT_COUNT && writers[f].format == f);
	return writers[f].bytes || writers[f].file ? &writers[f] : NULL;
}

int doc_format_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(writers); i++)
		if (!strcmp(s, writers[i].ext))
			return (int)i;
	return -1;
}

const char *doc_format_ext(enum doc_format f)
{
	assert(f >= 0 && f < DOC_FMT_COUNT);
	return writers[f].ext;
}

void doc_init(struct doc *d, const char *lang)
{
	memset(d, 0, sizeof *d);
	snprintf(d->lang, sizeof d->lang, "%s", doc_lang_valid(lang) ? lang : "sv");
}

static void block_release(struct doc_block *b)
{
	free(b->text);
	for (size_t i = 0; i < b->nrows; i++) {
		free(b->rows[i].label);
		free(b->rows[i].value);
		free(b->rows[i].note);
	}
	free(b->rows);
	for (size_t i = 0; i < b->items.n; i++)
		free(b->items.v[i]);
	free(b->items.v);
	free(b->chart.title);
	free(b->chart.unit);
	free(b->chart.years);
	free(b->chart.values);
}

void doc_release(struct doc *d)
{
	for (size_t i = 0; i < d->nb; i++)
		block_release(&d->b[i]);
	free(d->b);
	free(d->kind);
	free(d->issuer);
	free(d->issuer_sub);
	free(d->date_label);
	free(d->date);
	free(d->running);
	free(d->draft);
	free(d->title);
	free(d->sigdata);
	memset(d, 0, sizeof *d);
}

static struct doc_block *push(struct doc *d, enum doc_block_kind kind)
{
	ALLOC_GROW(d->b, d->nb + 1, d->alloc);
	struct doc_block *b = &d->b[d->nb++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

struct doc_block *doc_heading(struct doc *d, int level, const char *text)
{
	struct doc_block *b = push(d, DOC_HEADING);
	b->level = level;
	b->text = xstrdup(text);
	return b;
}

struct doc_block *doc_subhead(struct doc *d, const char *text)
{
	struct doc_block *b = push(d, DOC_SUBHEAD);
	b->text = xstrdup(text);
	return b;
}

struct doc_block *doc_text(struct doc *d, enum doc_style style, const char *text)
{
	struct doc_block *b = push(d, DOC_TEXT);
	b->style = style;
	b->text = xstrdup(text);
	return b;
}

struct doc_block *doc_fields(struct doc *d)
{
	return push(d, DOC_FIELDS);
}

struct doc_block *doc_signatures(struct doc *d)
{
	return push(d, DOC_SIGNATURES);
}

struct doc_block *doc_agenda(struct doc *d)
{
	return push(d, DOC_AGENDA);
}

struct doc_block *doc_list(struct doc *d)
{
	return push(d, DOC_LIST);
}

struct doc_block *doc_chart(struct doc *d, const char *title, const char *unit)
{
	struct doc_block *b = push(d, DOC_CHART);
	b->chart.title = xstrdup_or_null(title);
	b->chart.unit = xstrdup_or_null(unit);
	return b;
}

void doc_row(struct doc_block *b, const char *label, const char *value, const char *note)
{
	ALLOC_GROW(b->rows, b->nrows + 1, b->arows);
	b->rows[b->nrows].label = xstrdup(label ? label : "");
	b->rows[b->nrows].value = xstrdup(value ? value : "");
	b->rows[b->nrows].note = xstrdup_or_null(note);
	b->nrows++;
}

void doc_list_add(struct doc_block *b, const char *line)
{
	ALLOC_GROW(b->items.v, b->items.n + 1, b->items.alloc);
	b->items.v[b->items.n++] = xstrdup(line);
}

void doc_chart_add(struct doc_block *b, int year, double value)
{
	struct doc_chart *c = &b->chart;
	ALLOC_GROW(c->years, (size_t)c->n + 1, c->ayears);
	ALLOC_GROW(c->values, (size_t)c->n + 1, c->avalues);
	c->years[c->n] = year;
	c->values[c->n] = value;
	c->n++;
}

int doc_write_file(const char *path, const char *data, size_t len, struct err *e)
{
	return file_write_atomic(path, data, len, 0644, FILE_REPLACE, e);
}

int doc_save(const struct doc *d, enum doc_format f, const char *path, struct err *e)
{
	const struct doc_writer *w = doc_writer(f);
	if (!w)
		return error(e, E_NO_FORM, doc_format_ext(f));
	if (w->file)
		return w->file(d, path, e);
	struct strbuf sb = { 0 };
	int rc = w->bytes(d, &sb, e);
	if (!rc)
		rc = doc_write_file(path, sb.buf ? sb.buf : "", sb.len, e);
	sb_release(&sb);
	return rc;
}

int doc_bytes(const struct doc *d, enum doc_format f, struct strbuf *out, struct err *e)
{
	const struct doc_writer *w = doc_writer(f);
	if (!w)
		return error(e, E_NO_FORM, doc_format_ext(f));
	if (w->bytes)
		return w->bytes(d, out, e);
	char tmp[] = "/tmp/gavel-doc-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		return error(e, E_IO, tmp, strerror(errno));
	close(fd);
	int rc = w->file(d, tmp, e);
	if (!rc)
		rc = file_read(tmp, out, e);
	unlink(tmp);
	return rc;
}

int doc_same(const struct doc *d, enum doc_format f, const char *path, bool *same, struct err *e)
{
	const struct doc_writer *w = doc_writer(f);
	*same = false;
	if (w && w->same)
		return w->same(d, path, same, e);
	struct strbuf again = { 0 }, file = { 0 };
	int rc = doc_bytes(d, f, &again, e);
	if (!rc)
		rc = file_read(path, &file, e);
	*same = !rc && again.len == file.len && !memcmp(again.buf, file.buf, file.len);
	sb_release(&again);
	sb_release(&file);
	return rc;
}
