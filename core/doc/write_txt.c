/*
 * doc_txt: a document as plain text for e-mail, wrapped at 72 columns
 * (terminal columns of UTF-8 text, not bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/payload.h"
#include "core/doc/doc.h"

#define WIDTH 72

/* Appends `n` copies of the character c. */
static void repeat(struct strbuf *out, const char *c, int n)
{
	for (int i = 0; i < n; i++)
		sb_adds(out, c);
}

/*
 * Appends text wrapped to `width` columns. The first line starts after
 * `first` columns already used on the current line; following lines are
 * indented by `indent` spaces. Newlines in text end a line; a blank line
 * stays blank.
 */
static void wrap(struct strbuf *out, const char *text, int first, int indent, int width)
{
	int col = first;
	bool line_empty = true;
	const char *p = text;
	while (*p) {
		if (*p == '\n') {
			sb_addc(out, '\n');
			p++;
			if (*p && *p != '\n')
				repeat(out, " ", indent);
			col = indent;
			line_empty = true;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t n = strcspn(p, " \n");
		char *word = xmalloc(n + 1);
		memcpy(word, p, n);
		word[n] = '\0';
		int w = text_width(word);
		if (!line_empty && col + 1 + w > width) {
			sb_addc(out, '\n');
			repeat(out, " ", indent);
			col = indent;
			line_empty = true;
		}
		if (!line_empty) {
			sb_addc(out, ' ');
			col++;
		}
		sb_add(out, word, n);
		col += w;
		line_empty = false;
		free(word);
		p += n;
	}
	if (p == text || p[-1] != '\n')
		sb_addc(out, '\n');
}

/* Left and right text on one line of WIDTH columns. */
static void two_sides(struct strbuf *out, const char *left, const char *right)
{
	int pad = WIDTH - text_width(left) - text_width(right);
	sb_adds(out, left);
	repeat(out, " ", pad > 1 ? pad : 1);
	sb_adds(out, right);
	sb_addc(out, '\n');
}

static int label_width(const struct doc_block *b)
{
	int w = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		int lw = text_width(b->rows[i].label);
		if (lw > w)
			w = lw;
	}
	return w + 2 > 28 ? 28 : w + 2;
}

static void fields(struct strbuf *out, const struct doc_block *b)
{
	int lw = label_width(b);
	if (b->style == DOC_BOX) {
		repeat(out, "-", WIDTH);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < b->nrows; i++) {
		const struct doc_row *r = &b->rows[i];
		int w = text_width(r->label);
		sb_adds(out, r->label);
		if (w + 1 > lw) {
			sb_addc(out, '\n');
			w = 0;
		}
		repeat(out, " ", lw - w);
		wrap(out, r->value, lw, lw, WIDTH);
		if (r->note) {
			repeat(out, " ", lw);
			wrap(out, r->note, lw, lw, WIDTH);
		}
	}
	if (b->style == DOC_BOX) {
		repeat(out, "-", WIDTH);
		sb_addc(out, '\n');
	}
}

static void signatures(struct strbuf *out, const struct doc_block *b)
{
	int lw = label_width(b);
	for (size_t i = 0; i < b->nrows; i++) {
		const struct doc_row *r = &b->rows[i];
		sb_addc(out, '\n');
		sb_adds(out, r->label);
		int w = text_width(r->label);
		if (w + 1 > lw) {
			sb_addc(out, '\n');
			w = 0;
		}
		repeat(out, " ", lw - w);
		repeat(out, "_", 36);
		sb_addc(out, '\n');
		repeat(out, " ", lw);
		wrap(out, r->value, lw, lw, WIDTH);
		if (r->note) {
			repeat(out, " ", lw);
			wrap(out, r->note, lw, lw, WIDTH);
		}
	}
}

static void chart(struct strbuf *out, const struct doc_chart *c)
{
	double max = 0;
	for (int i = 0; i < c->n; i++)
		if (c->values[i] > max)
			max = c->values[i];
	if (c->title)
		wrap(out, c->title, 0, 0, WIDTH);
	for (int i = 0; i < c->n; i++) {
		int bar = max > 0 ? (int)(c->values[i] / max * 40 + 0.5) : 0;
		sb_addf(out, "  %d  %10g  ", c->years[i], c->values[i]);
		repeat(out, "#", bar);
		sb_addc(out, '\n');
	}
}

void doc_write_txt(const struct doc *d, struct strbuf *out)
{
	if (d->draft) {
		sb_addf(out, "*** %s ***\n", d->draft);
	}
	repeat(out, "=", WIDTH);
	sb_addc(out, '\n');
	two_sides(out, d->issuer ? d->issuer : "", d->kind ? d->kind : "");
	two_sides(out, d->issuer_sub ? d->issuer_sub : "", d->date_label ? d->date_label : "");
	two_sides(out, "", d->date ? d->date : "");
	repeat(out, "=", WIDTH);
	sb_addc(out, '\n');
	for (size_t i = 0; i < d->nb; i++) {
		const struct doc_block *b = &d->b[i];
		switch (b->kind) {
		case DOC_HEADING:
			sb_addc(out, '\n');
			wrap(out, b->text, 0, 0, WIDTH);
			repeat(out, b->level == 1 ? "-" : ".",
			       text_width(b->text) > WIDTH ? WIDTH : text_width(b->text));
			sb_addc(out, '\n');
			break;
		case DOC_SUBHEAD:
			sb_addc(out, '\n');
			wrap(out, b->text, 0, 0, WIDTH);
			break;
		case DOC_TEXT:
			/* the decision follows "X beslutar" without a blank line */
			if (i && d->b[i - 1].kind != DOC_SUBHEAD && b->style != DOC_EMPH)
				sb_addc(out, '\n');
			wrap(out, b->text, 0, 0, WIDTH);
			break;
		case DOC_FIELDS:
			sb_addc(out, '\n');
			fields(out, b);
			break;
		case DOC_SIGNATURES:
			signatures(out, b);
			break;
		case DOC_AGENDA:
			for (size_t k = 0; k < b->nrows; k++) {
				const struct doc_row *r = &b->rows[k];
				sb_addf(out, "%5s  ", r->label);
				wrap(out, r->value, 7, 7, WIDTH);
				if (r->note) {
					repeat(out, " ", 7);
					wrap(out, r->note, 7, 7, WIDTH);
				}
			}
			break;
		case DOC_LIST:
			for (size_t k = 0; k < b->items.n; k++) {
				sb_adds(out, "  - ");
				wrap(out, b->items.v[k], 4, 4, WIDTH);
			}
			break;
		case DOC_CHART:
			sb_addc(out, '\n');
			chart(out, &b->chart);
			break;
		}
	}
	if (d->draft)
		sb_addf(out, "\n*** %s ***\n", d->draft);
	if (d->sigdata) {
		/* what `gavel verify FILE` checks */
		sb_adds(out, "\n" ARMOR_BEGIN "\n");
		for (const char *p = d->sigdata; *p; p += strlen(p) < 64 ? strlen(p) : 64)
			sb_addf(out, "%.64s\n", p);
		sb_adds(out, ARMOR_END "\n");
	}
}
