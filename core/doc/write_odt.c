/*
 * doc_odt: a document as OpenDocument text (.odt), for a secretary who
 * post-edits the protocol in an office suite.
 *
 * The file is a zip (libzip) of four XML parts: content.xml (the blocks),
 * styles.xml (named paragraph styles, so that an edit keeps the look; the
 * A4 page with the head of every page: body, kind of document, date,
 * "Sida 2 (5)", the draft mark; the adjusters' initial boxes at the foot),
 * meta.xml (title, language, and the adjustment data that `gavel verify`
 * checks) and the manifest. The mimetype entry comes first and is stored
 * uncompressed, as the format requires; meta.xml is stored uncompressed
 * too, so that its adjustment data can be found in the file's bytes.
 *
 * Every part is a function of the doc alone, and the entries carry a fixed
 * time: the same doc makes the same parts, which is what doc_odt_same
 * compares when verifying a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/doc/doc.h"
#include "core/limits.h"

/* A fixed entry time (2000-01-01), so that a file depends on its doc only. */
#define ENTRY_TIME 946728000

enum part { P_MIMETYPE, P_MANIFEST, P_META, P_STYLES, P_CONTENT, NPARTS };

static const char *const part_name[NPARTS] = {
	"mimetype", "META-INF/manifest.xml", "meta.xml", "styles.xml", "content.xml",
};

static const char mimetype[] = "application/vnd.oasis.opendocument.text";

static const char ns[] =
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
	" office:version=\"1.3\"";

/*
 * Escapes text for XML character data in a paragraph: the five markup
 * characters, a newline as a line break, a tab as a tab, runs of spaces
 * kept (ODF collapses them otherwise), and the control characters XML
 * cannot hold dropped.
 */
static void esc(struct strbuf *out, const char *s)
{
	bool space_before = true; /* a space at the start would collapse */
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ') {
			int n = 0;
			while (p[n] == ' ')
				n++;
			int kept = space_before ? n : n - 1; /* spaces ODF would collapse */
			if (!space_before)
				sb_addc(out, ' ');
			if (kept == 1)
				sb_adds(out, "<text:s/>");
			else if (kept > 1)
				sb_addf(out, "<text:s text:c=\"%d\"/>", kept);
			p += n - 1;
			space_before = true;
			continue;
		}
		space_before = false;
		switch (c) {
		case '&': sb_adds(out, "&amp;"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\n':
			sb_adds(out, "<text:line-break/>");
			space_before = true;
			break;
		case '\t': sb_adds(out, "<text:tab/>"); break;
		default:
			if (c >= 0x20 || c == '\r')
				sb_addc(out, (char)c);
		}
	}
}

/* Escapes text for an attribute or metadata: no markup inside. */
static void esc_plain(struct strbuf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': sb_adds(out, "&amp;"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		default:
			if (c >= 0x20 || c == '\n' || c == '\t')
				sb_addc(out, (char)c);
		}
	}
}

static void para(struct strbuf *out, const char *style, const char *text)
{
	sb_addf(out, "<text:p text:style-name=\"%s\">", style);
	esc(out, text);
	sb_adds(out, "</text:p>\n");
}

/* Running text: blank lines separate paragraphs. */
static void paras(struct strbuf *out, const char *style, const char *text)
{
	const char *p = text;
	if (!*p)
		para(out, style, "");
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *one = xmalloc(n + 1);
		memcpy(one, p, n);
		one[n] = '\0';
		para(out, style, one);
		free(one);
		p += n;
		while (*p == '\n')
			p++;
	}
}

/* "Sida %d (%d)" with the page number and page count as fields. */
static void page_number(struct strbuf *out, const struct doc *d)
{
	const char *f = doc_tr(d, N_("Page %d (%d)"));
	int k = 0;
	for (const char *p = f; *p; p++) {
		if (p[0] == '%' && p[1] == 'd') {
			sb_adds(out, k++ ? "<text:page-count>1</text:page-count>"
				       : "<text:page-number text:select-page=\"current\">1</text:page-number>");
			p++;
		} else {
			char one[2] = { *p, '\0' };
			esc(out, one);
		}
	}
}

/* The head of every page: body and kind on one line, council and date on
 * the next, the page number right; the draft mark under them. */
static void page_head(struct strbuf *out, const struct doc *d)
{
	sb_adds(out, "<style:header>\n<text:p text:style-name=\"Head\"><text:span text:style-name=\"HeadBig\">");
	esc(out, d->issuer ? d->issuer : "");
	sb_adds(out, "</text:span><text:tab/><text:span text:style-name=\"HeadBig\">");
	esc(out, d->kind ? d->kind : "");
	sb_adds(out, "</text:span><text:tab/>");
	page_number(out, d);
	sb_adds(out, "</text:p>\n<text:p text:style-name=\"HeadLast\">");
	esc(out, d->issuer_sub ? d->issuer_sub : "");
	sb_adds(out, "<text:tab/>");
	if (d->date) {
		esc(out, d->date_label ? d->date_label : "");
		sb_adds(out, " ");
		esc(out, d->date);
	}
	sb_adds(out, "</text:p>\n");
	if (d->draft)
		para(out, "DraftMark", d->draft);
	sb_adds(out, "</style:header>\n");
}

/* The adjusters' initial boxes at the foot of a protocol's page. */
static void page_foot(struct strbuf *out, const struct doc *d)
{
	if (!d->initials)
		return;
	sb_adds(out, "<style:footer>\n<table:table table:name=\"Initials\" table:style-name=\"Initials\">\n"
		     "<table:table-column table:style-name=\"InitialsBox\" table:number-columns-repeated=\"3\"/>\n"
		     "<table:table-column table:style-name=\"InitialsGap\"/>\n"
		     "<table:table-column table:style-name=\"InitialsCert\"/>\n<table:table-row>"
		     "<table:table-cell table:number-columns-spanned=\"3\">");
	para(out, "FootLabel", doc_tr(d, N_("Adjusters' initials")));
	sb_adds(out, "</table:table-cell><table:covered-table-cell/><table:covered-table-cell/>"
		     "<table:table-cell><text:p text:style-name=\"FootLabel\"/></table:table-cell>"
		     "<table:table-cell>");
	para(out, "FootLabel", doc_tr(d, N_("Extract certified")));
	sb_adds(out, "</table:table-cell></table:table-row>\n<table:table-row>");
	for (int i = 0; i < 3; i++)
		sb_adds(out, "<table:table-cell table:style-name=\"Box\"><text:p text:style-name=\"BoxLine\"/>"
			     "</table:table-cell>");
	sb_adds(out, "<table:table-cell><text:p text:style-name=\"BoxLine\"/></table:table-cell>"
		     "<table:table-cell table:style-name=\"Box\"><text:p text:style-name=\"BoxLine\"/>"
		     "</table:table-cell></table:table-row>\n</table:table>\n</style:footer>\n");
}

static void write_styles(struct strbuf *out, const struct doc *d)
{
	sb_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles%s>\n", ns);
	sb_adds(out,
		"<office:font-face-decls>"
		"<style:font-face style:name=\"DejaVu Serif\" svg:font-family=\"'DejaVu Serif'\""
		" style:font-family-generic=\"roman\"/>"
		"<style:font-face style:name=\"DejaVu Sans\" svg:font-family=\"'DejaVu Sans'\""
		" style:font-family-generic=\"swiss\"/>"
		"</office:font-face-decls>\n<office:styles>\n");
	sb_addf(out,
		"<style:default-style style:family=\"paragraph\"><style:paragraph-properties"
		" fo:hyphenation-ladder-count=\"no-limit\"/><style:text-properties"
		" style:font-name=\"DejaVu Serif\" fo:font-size=\"10.5pt\" fo:language=\"%s\""
		" fo:country=\"%s\"/></style:default-style>\n",
		d->lang, strcmp(d->lang, "sv") ? "GB" : "SE");
	static const char styles[] =
		"<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
		"<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\""
		" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
		"<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.2cm\""
		" fo:line-height=\"125%\"/></style:style>\n"
		"<style:style style:name=\"Heading\" style:family=\"paragraph\""
		" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"text\">"
		"<style:paragraph-properties fo:keep-with-next=\"always\"/><style:text-properties"
		" style:font-name=\"DejaVu Sans\" fo:font-weight=\"bold\"/></style:style>\n"
		"<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\""
		" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"1\""
		" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.55cm\""
		" fo:margin-bottom=\"0.15cm\" fo:padding-bottom=\"0.05cm\" fo:border-bottom=\"0.5pt solid #999999\"/>"
		"<style:text-properties fo:font-size=\"12pt\"/></style:style>\n"
		"<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\""
		" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"2\""
		" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.4cm\""
		" fo:margin-bottom=\"0.1cm\"/><style:text-properties fo:font-size=\"11pt\"/></style:style>\n"
		"<style:style style:name=\"Subhead\" style:family=\"paragraph\""
		" style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\">"
		"<style:paragraph-properties fo:margin-top=\"0.25cm\" fo:margin-bottom=\"0.05cm\"/>"
		"<style:text-properties fo:font-size=\"10pt\"/></style:style>\n"
		"<style:style style:name=\"Decision\" style:family=\"paragraph\""
		" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties fo:margin-left=\"0.8cm\"/>"
		"<style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
		"<style:style style:name=\"Small\" style:family=\"paragraph\""
		" style:parent-style-name=\"Text_20_body\"><style:text-properties fo:font-size=\"9pt\""
		" fo:color=\"#333333\"/></style:style>\n"
		"<style:style style:name=\"Boxed\" style:family=\"paragraph\""
		" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties fo:padding=\"0.15cm\""
		" fo:border=\"1pt solid #111111\" fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.3cm\"/></style:style>\n"
		"<style:style style:name=\"Label\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:text-properties style:font-name=\"DejaVu Sans\" fo:font-size=\"9pt\""
		" fo:color=\"#444444\"/></style:style>\n"
		"<style:style style:name=\"Value\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"/>\n"
		"<style:style style:name=\"Note\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:text-properties fo:font-size=\"8.5pt\" fo:color=\"#333333\"/></style:style>\n"
		"<style:style style:name=\"SigLine\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:paragraph-properties fo:margin-top=\"0.9cm\" fo:margin-right=\"0.8cm\""
		" fo:border-bottom=\"0.8pt solid #111111\"/></style:style>\n"
		"<style:style style:name=\"List_20_item\" style:display-name=\"List item\" style:family=\"paragraph\""
		" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties fo:margin-bottom=\"0.05cm\"/>"
		"</style:style>\n"
		"<style:style style:name=\"Caption\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:paragraph-properties fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.3cm\"/>"
		"<style:text-properties style:font-name=\"DejaVu Sans\" fo:font-size=\"9pt\""
		" fo:color=\"#444444\"/></style:style>\n"
		"<style:style style:name=\"Head\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:paragraph-properties><style:tab-stops>"
		"<style:tab-stop style:position=\"9.2cm\"/>"
		"<style:tab-stop style:position=\"16.5cm\" style:type=\"right\"/>"
		"</style:tab-stops></style:paragraph-properties><style:text-properties"
		" style:font-name=\"DejaVu Sans\" fo:font-size=\"8.5pt\" fo:color=\"#4d4d4d\"/></style:style>\n"
		"<style:style style:name=\"HeadLast\" style:family=\"paragraph\" style:parent-style-name=\"Head\">"
		"<style:paragraph-properties fo:padding-bottom=\"0.15cm\" fo:border-bottom=\"1.2pt solid #000000\"/>"
		"</style:style>\n"
		"<style:style style:name=\"HeadBig\" style:family=\"text\"><style:text-properties"
		" fo:font-size=\"12pt\" fo:font-weight=\"bold\" fo:color=\"#000000\"/></style:style>\n"
		"<style:style style:name=\"DraftMark\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:paragraph-properties fo:text-align=\"end\" fo:margin-top=\"0.1cm\"/><style:text-properties"
		" style:font-name=\"DejaVu Sans\" fo:font-size=\"8.5pt\" fo:font-weight=\"bold\""
		" fo:color=\"#b30d0d\"/></style:style>\n"
		"<style:style style:name=\"FootLabel\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:text-properties style:font-name=\"DejaVu Sans\" fo:font-size=\"7pt\""
		" fo:color=\"#666666\"/></style:style>\n"
		"<style:style style:name=\"BoxLine\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
		"<style:paragraph-properties fo:line-height=\"0.75cm\"/></style:style>\n"
		"</office:styles>\n"
		"<office:automatic-styles>\n"
		"<style:page-layout style:name=\"A4\"><style:page-layout-properties fo:page-width=\"21cm\""
		" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" fo:margin-top=\"1.4cm\""
		" fo:margin-bottom=\"1.2cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2cm\"/>"
		"<style:header-style><style:header-footer-properties fo:min-height=\"0cm\""
		" fo:margin-bottom=\"0.8cm\"/></style:header-style>"
		"<style:footer-style><style:header-footer-properties fo:min-height=\"0cm\""
		" fo:margin-top=\"0.5cm\"/></style:footer-style></style:page-layout>\n"
		"<style:style style:name=\"Initials\" style:family=\"table\"><style:table-properties"
		" style:width=\"16.5cm\" table:align=\"left\"/></style:style>\n"
		"<style:style style:name=\"InitialsBox\" style:family=\"table-column\">"
		"<style:table-column-properties style:column-width=\"1.8cm\"/></style:style>\n"
		"<style:style style:name=\"InitialsGap\" style:family=\"table-column\">"
		"<style:table-column-properties style:column-width=\"7.2cm\"/></style:style>\n"
		"<style:style style:name=\"InitialsCert\" style:family=\"table-column\">"
		"<style:table-column-properties style:column-width=\"3.9cm\"/></style:style>\n"
		"<style:style style:name=\"Box\" style:family=\"table-cell\"><style:table-cell-properties"
		" fo:border=\"0.6pt solid #737373\"/></style:style>\n"
		"</office:automatic-styles>\n";
	sb_adds(out, styles);
	sb_adds(out, "<office:master-styles>\n<style:master-page style:name=\"Standard\""
		     " style:page-layout-name=\"A4\">\n");
	page_head(out, d);
	page_foot(out, d);
	sb_adds(out, "</style:master-page>\n</office:master-styles>\n</office:document-styles>\n");
}

/* A table of label and value rows. */
static void fields(struct strbuf *out, const struct doc_block *b, int n)
{
	sb_addf(out, "<table:table table:name=\"Fields%d\" table:style-name=\"%s\">\n"
		     "<table:table-column table:style-name=\"LabelCol\"/>"
		     "<table:table-column table:style-name=\"ValueCol\"/>\n",
		n, b->style == DOC_BOX ? "FieldsBox" : "Fields");
	for (size_t k = 0; k < b->nrows; k++) {
		const struct doc_row *r = &b->rows[k];
		sb_adds(out, "<table:table-row><table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
		para(out, "Label", r->label);
		sb_adds(out, "</table:table-cell><table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
		para(out, "Value", r->value);
		if (r->note)
			para(out, "Note", r->note);
		sb_adds(out, "</table:table-cell></table:table-row>\n");
	}
	sb_adds(out, "</table:table>\n");
}

/* Signature lines, two to a row: role, the line to sign on, name, note. */
static void signatures(struct strbuf *out, const struct doc_block *b, int n)
{
	sb_addf(out, "<table:table table:name=\"Signatures%d\" table:style-name=\"Fields\">\n"
		     "<table:table-column table:style-name=\"SigCol\" table:number-columns-repeated=\"2\"/>\n",
		n);
	for (size_t k = 0; k < b->nrows; k += 2) {
		sb_adds(out, "<table:table-row>");
		for (size_t j = k; j < k + 2; j++) {
			sb_adds(out, "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
			if (j < b->nrows) {
				const struct doc_row *r = &b->rows[j];
				para(out, "Label", r->label);
				sb_adds(out, "<text:p text:style-name=\"SigLine\"/>\n");
				para(out, "Value", r->value);
				if (r->note)
					para(out, "Note", r->note);
			} else {
				sb_adds(out, "<text:p text:style-name=\"Value\"/>");
			}
			sb_adds(out, "</table:table-cell>");
		}
		sb_adds(out, "</table:table-row>\n");
	}
	sb_adds(out, "</table:table>\n");
}

/* The agenda: number, title and note. */
static void agenda(struct strbuf *out, const struct doc_block *b, int n)
{
	sb_addf(out, "<table:table table:name=\"Agenda%d\" table:style-name=\"Fields\">\n"
		     "<table:table-column table:style-name=\"NumberCol\"/>"
		     "<table:table-column table:style-name=\"TitleCol\"/>\n",
		n);
	for (size_t k = 0; k < b->nrows; k++) {
		const struct doc_row *r = &b->rows[k];
		sb_adds(out, "<table:table-row><table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
		char *num = xasprintf("%s.", r->label);
		para(out, "Value", num);
		free(num);
		sb_adds(out, "</table:table-cell><table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
		para(out, "Value", r->value);
		if (r->note)
			para(out, "Note", r->note);
		sb_adds(out, "</table:table-cell></table:table-row>\n");
	}
	sb_adds(out, "</table:table>\n");
}

/* A chart's series as a table of years and values, with its title. */
static void chart(struct strbuf *out, const struct doc_chart *c, int n)
{
	sb_addf(out, "<table:table table:name=\"Chart%d\" table:style-name=\"Series\">\n"
		     "<table:table-column table:style-name=\"SeriesCol\" table:number-columns-repeated=\"%d\"/>\n",
		n, c->n > 0 ? c->n : 1);
	for (int row = 0; row < 2; row++) {
		sb_adds(out, "<table:table-row>");
		for (int i = 0; i < c->n; i++) {
			char v[NUMBER_TEXT_SIZE];
			if (row == 0)
				snprintf(v, sizeof v, "%d", c->years[i]);
			else
				snprintf(v, sizeof v, "%g", c->values[i]);
			sb_addf(out, "<table:table-cell table:style-name=\"SeriesCell\" office:value-type=\"string\">"
				     "<text:p text:style-name=\"%s\">%s</text:p></table:table-cell>",
				row == 0 ? "Label" : "Value", v);
		}
		if (!c->n)
			sb_adds(out, "<table:table-cell><text:p text:style-name=\"Value\"/></table:table-cell>");
		sb_adds(out, "</table:table-row>\n");
	}
	sb_adds(out, "</table:table>\n");
	if (c->title) {
		char *t = c->unit ? xasprintf("%s (%s)", c->title, c->unit) : xstrdup(c->title);
		para(out, "Caption", t);
		free(t);
	}
}

static const char content_styles[] =
	"<office:automatic-styles>\n"
	"<style:style style:name=\"H1Page\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_1\">"
	"<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
	"<style:style style:name=\"H2Page\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\">"
	"<style:paragraph-properties fo:break-before=\"page\"/></style:style>\n"
	"<style:style style:name=\"Fields\" style:family=\"table\"><style:table-properties"
	" style:width=\"16.5cm\" table:align=\"left\" fo:margin-top=\"0.15cm\" fo:margin-bottom=\"0.3cm\"/>"
	"</style:style>\n"
	"<style:style style:name=\"FieldsBox\" style:family=\"table\"><style:table-properties"
	" style:width=\"16.5cm\" table:align=\"left\" fo:margin-top=\"0.15cm\" fo:margin-bottom=\"0.3cm\""
	" table:border-model=\"collapsing\"/></style:style>\n"
	"<style:style style:name=\"Series\" style:family=\"table\"><style:table-properties"
	" style:width=\"16.5cm\" table:align=\"left\" fo:margin-top=\"0.15cm\"/></style:style>\n"
	"<style:style style:name=\"LabelCol\" style:family=\"table-column\">"
	"<style:table-column-properties style:column-width=\"4.6cm\"/></style:style>\n"
	"<style:style style:name=\"ValueCol\" style:family=\"table-column\">"
	"<style:table-column-properties style:column-width=\"11.9cm\"/></style:style>\n"
	"<style:style style:name=\"SigCol\" style:family=\"table-column\">"
	"<style:table-column-properties style:column-width=\"8.25cm\"/></style:style>\n"
	"<style:style style:name=\"NumberCol\" style:family=\"table-column\">"
	"<style:table-column-properties style:column-width=\"1.2cm\"/></style:style>\n"
	"<style:style style:name=\"TitleCol\" style:family=\"table-column\">"
	"<style:table-column-properties style:column-width=\"15.3cm\"/></style:style>\n"
	"<style:style style:name=\"SeriesCol\" style:family=\"table-column\"/>\n"
	"<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties"
	" fo:padding-top=\"0.05cm\" fo:padding-bottom=\"0.05cm\" fo:padding-left=\"0cm\""
	" fo:padding-right=\"0.2cm\" fo:border=\"none\"/></style:style>\n"
	"<style:style style:name=\"SeriesCell\" style:family=\"table-cell\"><style:table-cell-properties"
	" fo:padding=\"0.05cm\" fo:border-bottom=\"0.5pt solid #999999\"/></style:style>\n"
	"<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\""
	" text:bullet-char=\"•\"><style:list-level-properties"
	" text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment"
	" text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"0.6cm\" fo:text-indent=\"-0.4cm\""
	" fo:margin-left=\"0.6cm\"/></style:list-level-properties></text:list-level-style-bullet>"
	"</text:list-style>\n"
	"</office:automatic-styles>\n";

static void write_content(struct strbuf *out, const struct doc *d)
{
	sb_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content%s>\n", ns);
	sb_adds(out, content_styles);
	sb_adds(out, "<office:body>\n<office:text>\n");
	if (!d->nb)
		para(out, "Text_20_body", "");
	int tables = 0;
	for (size_t i = 0; i < d->nb; i++) {
		const struct doc_block *b = &d->b[i];
		const char *style;
		switch (b->kind) {
		case DOC_HEADING:
			if (b->level == 1)
				style = b->new_page ? "H1Page" : "Heading_20_1";
			else
				style = b->new_page ? "H2Page" : "Heading_20_2";
			sb_addf(out, "<text:h text:style-name=\"%s\" text:outline-level=\"%d\">", style,
				b->level == 1 ? 1 : 2);
			esc(out, b->text);
			sb_adds(out, "</text:h>\n");
			break;
		case DOC_SUBHEAD:
			para(out, "Subhead", b->text);
			break;
		case DOC_TEXT:
			style = b->style == DOC_EMPH    ? "Decision"
				: b->style == DOC_SMALL ? "Small"
				: b->style == DOC_BOX   ? "Boxed"
							: "Text_20_body";
			paras(out, style, b->text);
			break;
		case DOC_FIELDS:
			fields(out, b, ++tables);
			break;
		case DOC_SIGNATURES:
			signatures(out, b, ++tables);
			break;
		case DOC_AGENDA:
			agenda(out, b, ++tables);
			break;
		case DOC_LIST:
			sb_adds(out, "<text:list text:style-name=\"Bullets\">\n");
			for (size_t k = 0; k < b->items.n; k++) {
				sb_adds(out, "<text:list-item>");
				para(out, "List_20_item", b->items.v[k]);
				sb_adds(out, "</text:list-item>\n");
			}
			sb_adds(out, "</text:list>\n");
			break;
		case DOC_CHART:
			chart(out, &b->chart, ++tables);
			break;
		}
	}
	sb_adds(out, "</office:text>\n</office:body>\n</office:document-content>\n");
}

static void write_meta(struct strbuf *out, const struct doc *d)
{
	sb_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta%s>\n<office:meta>\n"
		     "<meta:generator>gavel</meta:generator>\n<dc:title>",
		ns);
	esc_plain(out, d->title ? d->title : "");
	sb_addf(out, "</dc:title>\n<dc:language>%s</dc:language>\n</office:meta>\n", d->lang);
	if (d->sigdata) {
		/* what `gavel verify FILE` checks, in a comment */
		sb_adds(out, "<!-- gavel-adjustment\n");
		for (const char *p = d->sigdata; *p; p += strlen(p) < 64 ? strlen(p) : 64)
			sb_addf(out, "%.64s\n", p);
		sb_adds(out, "-->\n");
	}
	sb_adds(out, "</office:document-meta>\n");
}

static void write_manifest(struct strbuf *out)
{
	sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
		     " manifest:version=\"1.3\">\n"
		     " <manifest:file-entry manifest:full-path=\"/\""
		     " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
		     " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
		     " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
		     " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
		     "</manifest:manifest>\n");
}

/* Every part of the file, made from the doc. */
static void make_parts(const struct doc *d, struct strbuf parts[NPARTS])
{
	sb_adds(&parts[P_MIMETYPE], mimetype);
	write_manifest(&parts[P_MANIFEST]);
	write_meta(&parts[P_META], d);
	write_styles(&parts[P_STYLES], d);
	write_content(&parts[P_CONTENT], d);
}

static void release_parts(struct strbuf parts[NPARTS])
{
	for (int i = 0; i < NPARTS; i++)
		sb_release(&parts[i]);
}

static int zip_fail(zip_t *z, const char *path, struct err *e)
{
	int rc = error(e, E_IO, path, zip_strerror(z));
	zip_discard(z);
	return rc;
}

int doc_write_odt(const struct doc *d, const char *path, struct err *e)
{
	struct strbuf parts[NPARTS] = { 0 };
	make_parts(d, parts);
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		int rc = error(e, E_IO, path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		release_parts(parts);
		return rc;
	}
	for (int i = 0; i < NPARTS; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].buf, parts[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(z, part_name[i], s, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			if (s)
				zip_source_free(s);
			int rc = zip_fail(z, path, e);
			release_parts(parts);
			return rc;
		}
		bool store = i == P_MIMETYPE || i == P_META;
		if (zip_set_file_compression(z, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) ||
		    zip_file_set_mtime(z, (zip_uint64_t)idx, ENTRY_TIME, 0)) {
			int rc = zip_fail(z, path, e);
			release_parts(parts);
			return rc;
		}
	}
	/* libzip writes a temporary file and renames it into place */
	int rc = 0;
	if (zip_close(z))
		rc = zip_fail(z, path, e);
	release_parts(parts);
	return rc;
}

int doc_odt_same(const struct doc *d, const char *path, bool *same, struct err *e)
{
	int zerr = 0;
	*same = false;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z)
		return error(e, E_NOT_ODT, path);
	struct strbuf parts[NPARTS] = { 0 };
	make_parts(d, parts);
	bool ok = zip_get_num_entries(z, 0) == NPARTS;
	for (int i = 0; ok && i < NPARTS; i++) {
		zip_stat_t st;
		ok = !zip_stat(z, part_name[i], 0, &st) && (st.valid & ZIP_STAT_SIZE) && st.size == parts[i].len;
		zip_file_t *f = ok ? zip_fopen(z, part_name[i], 0) : NULL;
		ok = f != NULL;
		if (ok) {
			char *buf = xmalloc(parts[i].len + 1);
			ok = zip_fread(f, buf, parts[i].len) == (zip_int64_t)parts[i].len &&
			     !memcmp(buf, parts[i].buf, parts[i].len);
			free(buf);
			zip_fclose(f);
		}
	}
	*same = ok;
	zip_discard(z);
	release_parts(parts);
	return 0;
}
