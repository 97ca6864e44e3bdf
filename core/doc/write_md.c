/*
 * doc_md: a document as Markdown that pandoc and CommonMark read: ATX
 * headings, backslash line breaks, pipe tables for charts, every
 * character that Markdown would take as markup escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc/doc.h"

/* Appends text with Markdown's special characters escaped; a newline
 * becomes a hard line break. */
static void esc(struct strbuf *out, const char *s)
{
	bool line_start = true;
	for (const char *p = s; *p; p++) {
		if (*p == '\n') {
			/* a blank line stays a paragraph break */
			if (p[1] == '\n') {
				sb_adds(out, "\n\n");
				while (p[1] == '\n')
					p++;
			} else {
				sb_adds(out, "\\\n");
			}
			line_start = true;
			continue;
		}
		if (line_start) {
			/* "1. ", "- ", "+ ", "> " and "#" at a line's start are markup */
			const char *q = p;
			while (*q >= '0' && *q <= '9')
				q++;
			if (q > p && (*q == '.' || *q == ')')) {
				sb_add(out, p, (size_t)(q - p));
				sb_addc(out, '\\');
				p = q;
				sb_addc(out, *p);
				line_start = false;
				continue;
			}
			if (strchr("#-+>=", *p))
				sb_addc(out, '\\');
			line_start = *p == ' ';
		}
		if (strchr("\\`*_[]<>|~$&", *p))
			sb_addc(out, '\\');
		sb_addc(out, *p);
	}
}

static void fields(const struct doc *d, struct strbuf *out, const struct doc_block *b)
{
	(void)d;
	for (size_t i = 0; i < b->nrows; i++) {
		const struct doc_row *r = &b->rows[i];
		if (b->style == DOC_BOX)
			sb_adds(out, "> ");
		sb_adds(out, "**");
		esc(out, r->label);
		sb_adds(out, ":**");
		sb_adds(out, strchr(r->value, '\n') ? "\\\n" : " ");
		struct strbuf v = { 0 };
		esc(&v, r->value);
		/* in a box, every line of the value stays in the quote */
		for (const char *p = v.buf ? v.buf : ""; *p; p++) {
			sb_addc(out, *p);
			if (*p == '\n' && b->style == DOC_BOX)
				sb_adds(out, "> ");
		}
		sb_release(&v);
		if (r->note) {
			sb_adds(out, "\\\n");
			esc(out, r->note);
		}
		sb_adds(out, b->style == DOC_BOX && i + 1 < b->nrows ? "\n>\n" : "\n\n");
	}
}

static void chart(const struct doc *d, struct strbuf *out, const struct doc_chart *c)
{
	if (c->title) {
		sb_adds(out, "*");
		esc(out, c->title);
		sb_adds(out, "*\n\n");
	}
	sb_addf(out, "| %s | %s |\n|---:|---:|\n", doc_tr(d, N_("Year")), doc_tr(d, N_("Value")));
	for (int i = 0; i < c->n; i++)
		sb_addf(out, "| %d | %g |\n", c->years[i], c->values[i]);
	sb_addc(out, '\n');
}

void doc_write_md(const struct doc *d, struct strbuf *out)
{
	if (d->draft)
		sb_addf(out, "**%s**\n\n", d->draft);
	sb_adds(out, "# ");
	esc(out, d->kind ? d->kind : "");
	sb_adds(out, "\n\n**");
	esc(out, d->issuer ? d->issuer : "");
	sb_adds(out, "**");
	if (d->issuer_sub) {
		sb_adds(out, "\\\n");
		esc(out, d->issuer_sub);
	}
	if (d->date) {
		sb_adds(out, "\\\n");
		esc(out, d->date_label ? d->date_label : "");
		sb_adds(out, ": ");
		esc(out, d->date);
	}
	sb_adds(out, "\n\n");
	for (size_t i = 0; i < d->nb; i++) {
		const struct doc_block *b = &d->b[i];
		switch (b->kind) {
		case DOC_HEADING:
			sb_adds(out, b->level == 1 ? "## " : "### ");
			esc(out, b->text);
			sb_adds(out, "\n\n");
			break;
		case DOC_SUBHEAD:
			sb_adds(out, "**");
			esc(out, b->text);
			sb_adds(out, "**\n\n");
			break;
		case DOC_TEXT:
			if (b->style == DOC_EMPH) {
				/* the decision: a quote, paragraph by paragraph */
				struct strbuf t = { 0 };
				esc(&t, b->text);
				sb_adds(out, "> ");
				for (const char *p = t.buf ? t.buf : ""; *p; p++) {
					sb_addc(out, *p);
					if (*p == '\n')
						sb_adds(out, p[1] == '\n' ? ">" : "> ");
				}
				sb_adds(out, "\n\n");
				sb_release(&t);
			} else if (b->style == DOC_SMALL) {
				sb_adds(out, "*");
				esc(out, b->text);
				sb_adds(out, "*\n\n");
			} else {
				esc(out, b->text);
				sb_adds(out, "\n\n");
			}
			break;
		case DOC_FIELDS:
			fields(d, out, b);
			break;
		case DOC_SIGNATURES:
			for (size_t k = 0; k < b->nrows; k++) {
				const struct doc_row *r = &b->rows[k];
				esc(out, r->label);
				sb_adds(out, "\\\n\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\\n");
				esc(out, r->value);
				if (r->note) {
					sb_adds(out, "\\\n*");
					esc(out, r->note);
					sb_adds(out, "*");
				}
				sb_adds(out, "\n\n");
			}
			break;
		case DOC_AGENDA:
			for (size_t k = 0; k < b->nrows; k++) {
				const struct doc_row *r = &b->rows[k];
				sb_addf(out, "%s. ", r->label);
				esc(out, r->value);
				if (r->note) {
					sb_adds(out, "\\\n   ");
					esc(out, r->note);
				}
				sb_addc(out, '\n');
			}
			sb_addc(out, '\n');
			break;
		case DOC_LIST:
			for (size_t k = 0; k < b->items.n; k++) {
				sb_adds(out, "- ");
				esc(out, b->items.v[k]);
				sb_addc(out, '\n');
			}
			sb_addc(out, '\n');
			break;
		case DOC_CHART:
			chart(d, out, &b->chart);
			break;
		}
	}
	if (d->draft)
		sb_addf(out, "**%s**\n", d->draft);
	if (d->sigdata) {
		/* what `gavel verify FILE` checks, in a comment */
		sb_adds(out, "\n<!-- gavel-adjustment\n");
		for (const char *p = d->sigdata; *p; p += strlen(p) < 64 ? strlen(p) : 64)
			sb_addf(out, "%.64s\n", p);
		sb_adds(out, "-->\n");
	}
}
