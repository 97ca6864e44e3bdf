/* Unit tests of core/doc: the table of writers and each writer's output of
 * one document holding every kind of block. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/base.h"
#include "core/base/file.h"
#include "core/doc/doc.h"
#include "helpers.h"

/* A document with every kind of block, and text that must be escaped. */
static void sample(struct doc *d, const char *decision)
{
	doc_init(d, "sv");
	d->kind = xstrdup("PROTOKOLL");
	d->issuer = xstrdup("Digitaliseringsrådet");
	d->date_label = xstrdup("Sammanträdesdatum");
	d->date = xstrdup("2026-11-23");
	d->title = xstrdup("Protokoll <2026-11-23> & mer");
	doc_heading(d, 1, "§ 14 Bredband i Dalsland");
	doc_subhead(d, "Beslut");
	doc_text(d, DOC_EMPH, decision);
	doc_text(d, DOC_NORMAL, "Första stycket.\n\nAndra stycket med <b>taggar</b> & *stjärnor* och _streck_.");
	doc_text(d, DOC_BOX, "Anslaget tas ned 2026-12-28");
	struct doc_block *f = doc_fields(d);
	doc_row(f, "Beslutande", "Maria Johansson\nPer Öhman", NULL);
	doc_row(f, "Plats och tid", "Regionens hus, Vänersborg", "kl. 09:30–12:00");
	struct doc_block *l = doc_list(d);
	doc_list_add(l, "Bilaga 1: PM.pdf");
	doc_list_add(l, "Bilaga 2: Karta");
	struct doc_block *a = doc_agenda(d);
	doc_row(a, "1", "Mötets öppnande", NULL);
	doc_row(a, "2", "Val av justerare", "Per Öhman");
	struct doc_block *s = doc_signatures(d);
	doc_row(s, "Ordförande", "Maria Johansson", NULL);
	doc_row(s, "Justerare", "Per Öhman", "Signerat 2026-11-23");
	struct doc_block *c = doc_chart(d, "Andel med bredband", "%");
	doc_chart_add(c, 2024, 81.5);
	doc_chart_add(c, 2025, 88);
}

static char *render(const struct doc *d, enum doc_format f)
{
	struct strbuf sb = { 0 };
	struct err e;
	ck_assert_msg(doc_bytes(d, f, &sb, &e) == 0, "%s: %s", doc_format_ext(f), e.msg);
	return sb_detach(&sb);
}

/* True if the words appear in text in this order. */
static bool in_order(const char *text, const char *const *words, size_t n)
{
	const char *p = text;
	for (size_t i = 0; i < n; i++) {
		const char *q = strstr(p, words[i]);
		if (!q)
			return false;
		p = q + strlen(words[i]);
	}
	return true;
}

START_TEST(every_format_named_once)
{
	for (int f = 0; f < DOC_FMT_COUNT; f++) {
		ck_assert_int_eq(doc_format_parse(doc_format_ext(f)), f);
		const struct doc_writer *w = doc_writer(f);
		if (f == DOC_FMT_ICS) {
			ck_assert_ptr_null(w);
			continue;
		}
		ck_assert_ptr_nonnull(w);
		ck_assert_int_eq(w->format, f);
		/* a document is written either to bytes or by its own file writer */
		ck_assert(!!w->bytes != !!w->file);
		ck_assert(!w->text || w->bytes);
	}
	ck_assert_int_eq(doc_format_parse("doc"), -1);
	ck_assert_int_eq(doc_format_parse(NULL), -1);
	ck_assert_int_eq(doc_format_parse("PDF"), -1);
	struct doc d;
	struct err e;
	sample(&d, "Rådet beslutar att godkänna förstudien.");
	ck_assert_int_eq(doc_save(&d, DOC_FMT_ICS, test_path("x.ics"), &e), -1);
	ck_assert_int_eq(e.code, E_NO_FORM);
	ck_assert_int_ne(access(test_path("x.ics"), F_OK), 0);
	doc_release(&d);
}
END_TEST

START_TEST(text_forms)
{
	struct doc d;
	sample(&d, "Rådet beslutar att godkänna förstudien.");
	static const char *const order[] = { "§ 14 Bredband i Dalsland",
					     "Beslut", "Rådet beslutar att godkänna förstudien.", "Första stycket.",
					     "Andra stycket", "Anslaget tas ned 2026-12-28", "Beslutande",
					     "Maria Johansson", "Per Öhman", "Bilaga 1: PM.pdf", "Mötets öppnande",
					     "Val av justerare", "Ordförande", "Justerare" };
	char *txt = render(&d, DOC_FMT_TXT), *md = render(&d, DOC_FMT_MD), *html = render(&d, DOC_FMT_HTML);
	ck_assert_msg(in_order(txt, order, ARRAY_SIZE(order)), "txt:\n%s", txt);
	ck_assert_msg(in_order(md, order, ARRAY_SIZE(order)), "md:\n%s", md);
	ck_assert_msg(in_order(html, order, ARRAY_SIZE(order)), "html:\n%s", html);
	/* what would be markup is escaped in each form */
	ck_assert_ptr_null(strstr(html, "<b>taggar</b>"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;b&gt;taggar&lt;/b&gt; &amp;"));
	ck_assert_ptr_null(strstr(md, " *stjärnor* "));
	ck_assert(text_valid(txt) && text_valid(md) && text_valid(html));
	for (const char *const *form = (const char *const[]){ txt, md, html, NULL }; *form; form++)
		ck_assert(strstr(*form, "PROTOKOLL") && strstr(*form, "Digitaliseringsrådet") &&
			  strstr(*form, "2026-11-23"));
	/* the same document makes the same bytes */
	char *again = render(&d, DOC_FMT_TXT);
	ck_assert_str_eq(txt, again);
	free(again);
	free(txt);
	free(md);
	free(html);
	doc_release(&d);
}
END_TEST

START_TEST(file_forms)
{
	struct doc d, other;
	struct err e;
	bool same;
	sample(&d, "Rådet beslutar att godkänna förstudien.");
	sample(&other, "Rådet beslutar att avslå förstudien.");
	/* the PDF: made in memory, the same bytes each time, and different for
	 * a different decision (the fonts are this machine's: only compared
	 * within one run) */
	struct strbuf a = { 0 }, b = { 0 }, c = { 0 };
	ck_assert_msg(doc_bytes(&d, DOC_FMT_PDF, &a, &e) == 0, "%s", e.msg);
	ck_assert_msg(doc_bytes(&d, DOC_FMT_PDF, &b, &e) == 0, "%s", e.msg);
	ck_assert_msg(doc_bytes(&other, DOC_FMT_PDF, &c, &e) == 0, "%s", e.msg);
	ck_assert(a.len > 1000 && !memcmp(a.buf, "%PDF-", 5));
	ck_assert(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
	ck_assert(a.len != c.len || memcmp(a.buf, c.buf, a.len));
	const char *pdf = test_path("p.pdf");
	ck_assert_msg(doc_save(&d, DOC_FMT_PDF, pdf, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(doc_same(&d, DOC_FMT_PDF, pdf, &same, &e), 0);
	ck_assert(same);
	ck_assert_int_eq(doc_same(&other, DOC_FMT_PDF, pdf, &same, &e), 0);
	ck_assert(!same);
	sb_release(&a);
	sb_release(&b);
	sb_release(&c);

	/* the ODT: its own file writer and comparison */
	const char *odt = test_path("p.odt");
	ck_assert_msg(doc_save(&d, DOC_FMT_ODT, odt, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(doc_same(&d, DOC_FMT_ODT, odt, &same, &e), 0);
	ck_assert(same);
	ck_assert_int_eq(doc_same(&other, DOC_FMT_ODT, odt, &same, &e), 0);
	ck_assert(!same);
	struct strbuf z = { 0 };
	ck_assert_msg(doc_bytes(&d, DOC_FMT_ODT, &z, &e) == 0, "%s", e.msg);
	ck_assert(z.len > 100 && !memcmp(z.buf, "PK\3\4", 4));
	sb_release(&z);

	/* a text form saved and compared */
	const char *md = test_path("p.md");
	ck_assert_int_eq(doc_save(&d, DOC_FMT_MD, md, &e), 0);
	ck_assert_int_eq(doc_same(&d, DOC_FMT_MD, md, &same, &e), 0);
	ck_assert(same);
	ck_assert_int_eq(doc_same(&other, DOC_FMT_MD, md, &same, &e), 0);
	ck_assert(!same);
	/* a file that is not there */
	ck_assert_int_eq(doc_same(&d, DOC_FMT_MD, test_path("saknas.md"), &same, &e), -1);
	ck_assert_int_eq(e.code, E_IO);
	ck_assert(!same);
	doc_release(&d);
	doc_release(&other);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const TTest *const tests[] = { every_format_named_once, text_forms, file_forms };
	return run_suite("doc", tests, ARRAY_SIZE(tests));
}
