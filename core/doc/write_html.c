/*
 * doc_html: a document as one standalone HTML file with print styles:
 * A4 pages, the draft mark on every printed page, charts as inline SVG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc/doc.h"

static void esc(struct strbuf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': sb_adds(out, "&amp;"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\n': sb_adds(out, "<br>\n"); break;
		default: sb_addc(out, *p);
		}
	}
}

/* Running text: blank lines separate <p> paragraphs. */
static void paras(struct strbuf *out, const char *cls, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = xmalloc(n + 1);
		memcpy(para, p, n);
		para[n] = '\0';
		sb_addf(out, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
		esc(out, para);
		sb_adds(out, "</p>\n");
		free(para);
		p += n;
		while (*p == '\n')
			p++;
	}
}

static const char style[] =
	"@page { size: A4; margin: 22mm 20mm 20mm 25mm; }\n"
	"body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; font-size: 10.5pt;"
	" line-height: 1.4; color: #111; max-width: 165mm; margin: 2em auto; padding: 0 1em; }\n"
	".top { display: flex; justify-content: space-between; border-bottom: 1.5pt solid #111;"
	" padding-bottom: .6em; margin-bottom: 1.2em; }\n"
	".issuer { font-size: 13pt; font-weight: bold; }\n"
	".sub { color: #444; }\n"
	".kind { text-align: right; font-size: 14pt; font-weight: bold; letter-spacing: .08em; }\n"
	".kind small { display: block; font-size: 9pt; font-weight: normal; letter-spacing: 0; }\n"
	"table.fields { border-collapse: collapse; margin: .6em 0 1em; }\n"
	"table.fields th { text-align: left; vertical-align: top; font-weight: normal; color: #444;"
	" padding: .15em 1.2em .15em 0; white-space: nowrap; }\n"
	"table.fields td { vertical-align: top; padding: .15em 0; }\n"
	".box { border: 1pt solid #111; padding: .4em .8em; }\n"
	"h2 { font-size: 12pt; border-bottom: .5pt solid #999; margin: 1.6em 0 .4em;"
	" page-break-after: avoid; break-after: avoid; }\n"
	".page { break-before: page; page-break-before: always; }\n"
	"h3 { font-size: 11pt; margin: 1.2em 0 .3em; page-break-after: avoid; }\n"
	".subhead { font-weight: bold; margin: .8em 0 .1em; page-break-after: avoid; }\n"
	".decision { margin: .2em 0 .2em 1.5em; font-weight: bold; }\n"
	".small { font-size: 9pt; color: #333; }\n"
	".sigs { display: flex; flex-wrap: wrap; gap: 1.5em 3em; margin: .8em 0 1.2em; }\n"
	".sig { width: 70mm; page-break-inside: avoid; }\n"
	".sig .label { color: #444; }\n"
	".sig .line { border-bottom: .8pt solid #111; height: 2.6em; }\n"
	".sig .note { font-size: 8pt; color: #333; }\n"
	"ol.agenda li { margin: .3em 0; }\n"
	".draft-banner { border: 1.5pt solid #b00; color: #b00; font-weight: bold;"
	" text-align: center; padding: .3em; margin-bottom: 1em; letter-spacing: .1em; }\n"
	".draft { display: none; }\n"
	"figure { margin: .6em 0; page-break-inside: avoid; }\n"
	"figcaption { font-size: 9pt; color: #444; }\n"
	"@media print {\n"
	"  body { margin: 0; max-width: none; padding: 0; }\n"
	"  .draft { display: block; position: fixed; top: 45%; left: 0; right: 0; text-align: center;"
	" transform: rotate(-35deg); font-size: 44pt; font-weight: bold; color: rgba(176,0,0,.16); }\n"
	"}\n";

/* A bar chart of the series as inline SVG. */
static void chart(struct strbuf *out, const struct doc_chart *c)
{
	const int w = 440, h = 170, left = 10, bottom = 24, top = 18;
	double max = 0;
	for (int i = 0; i < c->n; i++)
		if (c->values[i] > max)
			max = c->values[i];
	sb_addf(out, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		     " viewBox=\"0 0 %d %d\" role=\"img\">\n", w, h, w, h);
	sb_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111\" stroke-width=\"1\"/>\n",
		left, h - bottom, w - left, h - bottom);
	int slot = c->n ? (w - 2 * left) / c->n : 0;
	int bw = slot * 6 / 10 > 48 ? 48 : slot * 6 / 10;
	for (int i = 0; i < c->n; i++) {
		double frac = max > 0 ? c->values[i] / max : 0;
		int bh = (int)(frac * (h - bottom - top));
		int x = left + i * slot + (slot - bw) / 2;
		sb_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x,
			h - bottom - bh, bw, bh, i == c->n - 1 ? "#1f5f8b" : "#8fb3cc");
		sb_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%g</text>\n",
			x + bw / 2, h - bottom - bh - 4, c->values[i]);
		sb_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>\n",
			x + bw / 2, h - 8, c->years[i]);
	}
	sb_adds(out, "</svg>");
	if (c->title) {
		sb_adds(out, "<figcaption>");
		esc(out, c->title);
		sb_adds(out, "</figcaption>");
	}
	sb_adds(out, "</figure>\n");
}

void doc_write_html(const struct doc *d, struct strbuf *out)
{
	sb_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		d->lang);
	esc(out, d->title ? d->title : "");
	sb_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	if (d->draft) {
		sb_adds(out, "<div class=\"draft\" aria-hidden=\"true\">");
		esc(out, d->draft);
		sb_adds(out, "</div>\n<div class=\"draft-banner\">");
		esc(out, d->draft);
		sb_adds(out, "</div>\n");
	}
	sb_adds(out, "<div class=\"top\"><div><div class=\"issuer\">");
	esc(out, d->issuer ? d->issuer : "");
	sb_adds(out, "</div>");
	if (d->issuer_sub) {
		sb_adds(out, "<div class=\"sub\">");
		esc(out, d->issuer_sub);
		sb_adds(out, "</div>");
	}
	sb_adds(out, "</div>\n<div class=\"kind\">");
	esc(out, d->kind ? d->kind : "");
	if (d->date) {
		sb_adds(out, "<small>");
		esc(out, d->date_label ? d->date_label : "");
		sb_adds(out, " ");
		esc(out, d->date);
		sb_adds(out, "</small>");
	}
	sb_adds(out, "</div></div>\n");
	for (size_t i = 0; i < d->nb; i++) {
		const struct doc_block *b = &d->b[i];
		switch (b->kind) {
		case DOC_HEADING:
			if (b->new_page)
				sb_adds(out, b->level == 1 ? "<h2 class=\"page\">" : "<h3 class=\"page\">");
			else
				sb_adds(out, b->level == 1 ? "<h2>" : "<h3>");
			esc(out, b->text);
			sb_adds(out, b->level == 1 ? "</h2>\n" : "</h3>\n");
			break;
		case DOC_SUBHEAD:
			sb_adds(out, "<div class=\"subhead\">");
			esc(out, b->text);
			sb_adds(out, "</div>\n");
			break;
		case DOC_TEXT:
			paras(out, b->style == DOC_EMPH ? "decision" : b->style == DOC_SMALL ? "small" : NULL,
			      b->text);
			break;
		case DOC_FIELDS:
			sb_addf(out, "<table class=\"fields%s\">\n", b->style == DOC_BOX ? " box" : "");
			for (size_t k = 0; k < b->nrows; k++) {
				sb_adds(out, "<tr><th>");
				esc(out, b->rows[k].label);
				sb_adds(out, "</th><td>");
				esc(out, b->rows[k].value);
				if (b->rows[k].note) {
					sb_adds(out, "<br><span class=\"small\">");
					esc(out, b->rows[k].note);
					sb_adds(out, "</span>");
				}
				sb_adds(out, "</td></tr>\n");
			}
			sb_adds(out, "</table>\n");
			break;
		case DOC_SIGNATURES:
			sb_adds(out, "<div class=\"sigs\">\n");
			for (size_t k = 0; k < b->nrows; k++) {
				sb_adds(out, "<div class=\"sig\"><div class=\"label\">");
				esc(out, b->rows[k].label);
				sb_adds(out, "</div><div class=\"line\"></div><div>");
				esc(out, b->rows[k].value);
				sb_adds(out, "</div>");
				if (b->rows[k].note) {
					sb_adds(out, "<div class=\"note\">");
					esc(out, b->rows[k].note);
					sb_adds(out, "</div>");
				}
				sb_adds(out, "</div>\n");
			}
			sb_adds(out, "</div>\n");
			break;
		case DOC_AGENDA:
			sb_adds(out, "<ol class=\"agenda\">\n");
			for (size_t k = 0; k < b->nrows; k++) {
				sb_addf(out, "<li value=\"%s\">", b->rows[k].label);
				esc(out, b->rows[k].value);
				if (b->rows[k].note) {
					sb_adds(out, "<br><span class=\"small\">");
					esc(out, b->rows[k].note);
					sb_adds(out, "</span>");
				}
				sb_adds(out, "</li>\n");
			}
			sb_adds(out, "</ol>\n");
			break;
		case DOC_LIST:
			sb_adds(out, "<ul>\n");
			for (size_t k = 0; k < b->items.n; k++) {
				sb_adds(out, "<li>");
				esc(out, b->items.v[k]);
				sb_adds(out, "</li>\n");
			}
			sb_adds(out, "</ul>\n");
			break;
		case DOC_CHART:
			chart(out, &b->chart);
			break;
		}
	}
	if (d->draft) {
		sb_adds(out, "<div class=\"draft-banner\">");
		esc(out, d->draft);
		sb_adds(out, "</div>\n");
	}
	if (d->sigdata) {
		/* what `gavel verify FILE` checks, in a comment */
		sb_adds(out, "<!-- gavel-adjustment\n");
		for (const char *p = d->sigdata; *p; p += strlen(p) < 64 ? strlen(p) : 64)
			sb_addf(out, "%.64s\n", p);
		sb_adds(out, "-->\n");
	}
	sb_adds(out, "</body>\n</html>\n");
}
