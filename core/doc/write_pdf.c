/*
 * doc_pdf: a document as an A4 PDF, typeset with pango on cairo.
 *
 * Fonts come through fontconfig: DejaVu Serif for the text, DejaVu Sans
 * for headings and labels (Debian's fonts-dejavu-core). Every page has the
 * same head: the body and council on the left, the kind of document and
 * its date on the right, "Sida 2 (5)" in the corner; a draft has its mark
 * across every page. Protocols have the adjusters' initial boxes at the
 * foot of every page, as paper protocols do.
 *
 * The document is laid out twice: a first pass only counts the pages (so
 * that every page can say how many there are), the second draws. Text is
 * placed line by line, so that a long note breaks between pages.
 */
#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc/doc.h"
#include "core/limits.h"

#define PAGE_W 595.276
#define PAGE_H 841.890
#define LEFT 70.0
#define RIGHT (PAGE_W - 57.0)
#define TOP 118.0
#define BOTTOM (PAGE_H - 92.0)
#define TEXT_W (RIGHT - LEFT)

struct pdf {
	const struct doc *d;
	cairo_t *cr;
	PangoContext *ctx; /* one for all layouts: making one per layout is slow */
	PangoFontDescription *fonts[6];
	/* the layouts of the counting pass, reused by the drawing pass, which
	 * asks for the same ones in the same order (all but the page numbers) */
	struct cached {
		PangoLayout *l;
		int f;
		double size, width;
		char *text;
	} *cache;
	size_t ncache, acache, calls;
	bool dry;      /* counting pages only */
	int page, pages;
	double y;
	bool fresh;    /* nothing placed on this page yet */
};

enum font { SERIF, SERIF_BOLD, SANS, SANS_BOLD, SANS_SMALL, HEAD_BIG };

static PangoLayout *make_layout(struct pdf *p, enum font f, double size, const char *text,
				double width);

static PangoLayout *layout(struct pdf *p, enum font f, double size, const char *text, double width)
{
	size_t i = p->calls++;
	if (!p->dry && i < p->ncache) {
		struct cached *c = &p->cache[i];
		if (c->f == (int)f && c->size == size && c->width == width && !strcmp(c->text, text))
			return g_object_ref(c->l);
	}
	PangoLayout *l = make_layout(p, f, size, text, width);
	if (p->dry) {
		ALLOC_GROW(p->cache, p->ncache + 1, p->acache);
		p->cache[p->ncache++] = (struct cached){ g_object_ref(l), (int)f, size, width,
							 xstrdup(text) };
	}
	return l;
}

static PangoLayout *make_layout(struct pdf *p, enum font f, double size, const char *text,
				double width)
{
	static const char *const family[] = { "DejaVu Serif", "DejaVu Serif", "DejaVu Sans",
					      "DejaVu Sans", "DejaVu Sans", "DejaVu Sans" };
	if (!p->fonts[f]) {
		p->fonts[f] = pango_font_description_new();
		pango_font_description_set_family(p->fonts[f], family[f]);
		if (f == SERIF_BOLD || f == SANS_BOLD || f == HEAD_BIG)
			pango_font_description_set_weight(p->fonts[f], PANGO_WEIGHT_BOLD);
	}
	PangoLayout *l = pango_layout_new(p->ctx);
	pango_font_description_set_absolute_size(p->fonts[f], size * PANGO_SCALE);
	pango_layout_set_font_description(l, p->fonts[f]);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	/* no hyphens: a word broken at the margin would read differently */
	static PangoAttrList *attrs;
	if (!attrs) {
		attrs = pango_attr_list_new();
		pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	}
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double width_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void grey(struct pdf *p, double g)
{
	cairo_set_source_rgb(p->cr, g, g, g);
}

/* Draws a layout at x, y (top left) unless counting. */
static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
	if (p->dry)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Shows and frees a one-off layout; returns its height. */
static double put(struct pdf *p, enum font f, double size, const char *text, double x, double y,
		  double width, double g)
{
	PangoLayout *l = layout(p, f, size, text, width);
	double h = height(l);
	grey(p, g);
	show(p, l, x, y);
	g_object_unref(l);
	return h;
}

static void page_head(struct pdf *p)
{
	const struct doc *d = p->d;
	if (d->draft) {
		/* the draft mark across the page, under the text */
		PangoLayout *l = layout(p, HEAD_BIG, 44, d->draft, 0);
		if (!p->dry) {
			cairo_save(p->cr);
			cairo_translate(p->cr, PAGE_W / 2, PAGE_H / 2);
			cairo_rotate(p->cr, -0.9);
			cairo_set_source_rgba(p->cr, 0.75, 0.05, 0.05, 0.13);
			cairo_move_to(p->cr, -width_of(l) / 2, -height(l) / 2);
			pango_cairo_show_layout(p->cr, l);
			cairo_restore(p->cr);
		}
		g_object_unref(l);
	}
	double y = 40;
	double h = put(p, SANS_BOLD, 12, d->issuer ? d->issuer : "", LEFT, y, 250, 0);
	if (d->issuer_sub)
		put(p, SANS, 8.5, d->issuer_sub, LEFT, y + h + 1, 250, 0.3);
	double col = LEFT + 290;
	h = put(p, SANS_BOLD, 12, d->kind ? d->kind : "", col, y, 160, 0);
	if (d->date) {
		char *line = xasprintf("%s %s", d->date_label ? d->date_label : "", d->date);
		put(p, SANS, 8.5, line, col, y + h + 1, 170, 0.3);
		free(line);
	}
	char *pageno = xasprintf(doc_tr(d, N_("Page %d (%d)")), p->page, p->pages);
	PangoLayout *l = layout(p, SANS, 8.5, pageno, 0);
	free(pageno);
	grey(p, 0.3);
	show(p, l, RIGHT - width_of(l), y + 2);
	g_object_unref(l);
	if (d->draft) {
		l = layout(p, SANS_BOLD, 8.5, d->draft, 0);
		cairo_set_source_rgb(p->cr, 0.7, 0.05, 0.05);
		show(p, l, RIGHT - width_of(l), y + 40);
		g_object_unref(l);
	}
	if (!p->dry) {
		grey(p, 0);
		cairo_set_line_width(p->cr, 1.2);
		cairo_move_to(p->cr, LEFT, TOP - 26);
		cairo_line_to(p->cr, RIGHT, TOP - 26);
		cairo_stroke(p->cr);
	}
}

/* The adjusters' initial boxes at the foot of a protocol's page. */
static void page_foot(struct pdf *p)
{
	/* the layouts are made in both passes, so that the drawing pass finds
	 * them in the same order as the counting pass made them */
	if (!p->d->initials)
		return;
	double y = PAGE_H - 62;
	put(p, SANS, 7, doc_tr(p->d, N_("Adjusters' initials")), LEFT, y - 11, 0, 0.4);
	put(p, SANS, 7, doc_tr(p->d, N_("Extract certified")), RIGHT - 150, y - 11, 0, 0.4);
	if (p->dry)
		return;
	cairo_set_line_width(p->cr, 0.6);
	grey(p, 0.45);
	for (int i = 0; i < 3; i++)
		cairo_rectangle(p->cr, LEFT + i * 52, y, 46, 24);
	cairo_rectangle(p->cr, RIGHT - 150, y, 150, 24);
	cairo_stroke(p->cr);
}

static void new_page(struct pdf *p)
{
	if (p->page) {
		page_foot(p);
		if (!p->dry)
			cairo_show_page(p->cr);
	}
	p->page++;
	page_head(p);
	p->y = TOP;
	p->fresh = true;
}

/* Makes room for h points, starting a new page if they do not fit. */
static void need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && !p->fresh)
		new_page(p);
}

static void space(struct pdf *p, double h)
{
	if (!p->fresh)
		p->y += h;
}

/* Places a layout line by line from p->y at x, breaking pages between
 * lines. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double lh = (double)r.height / PANGO_SCALE;
		double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
			      (double)r.y / PANGO_SCALE;
		need(p, lh);
		if (!p->dry) {
			cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, p->y + base);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += lh;
		p->fresh = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Running text: paragraphs separated by blank lines. */
static void text(struct pdf *p, const struct doc_block *b)
{
	enum font f = SERIF;
	double size = 10, x = LEFT, g = 0;
	if (b->style == DOC_EMPH) {
		x = LEFT + 16;
	} else if (b->style == DOC_SMALL) {
		f = SANS;
		size = 8.5;
		g = 0.25;
	}
	const char *s = b->text;
	bool first = true;
	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *para = xmalloc(n + 1);
		memcpy(para, s, n);
		para[n] = '\0';
		if (!first)
			space(p, 5);
		first = false;
		PangoLayout *l = layout(p, f, size, para, RIGHT - x);
		pango_layout_set_spacing(l, (int)(1.5 * PANGO_SCALE));
		grey(p, g);
		flow(p, l, x);
		g_object_unref(l);
		free(para);
		s += n;
		while (*s == '\n')
			s++;
	}
}

static double label_col(struct pdf *p, const struct doc_block *b)
{
	double w = 0;
	for (size_t i = 0; i < b->nrows; i++) {
		PangoLayout *l = layout(p, SANS, 8.5, b->rows[i].label, 0);
		if (width_of(l) > w)
			w = width_of(l);
		g_object_unref(l);
	}
	w += 14;
	return w > 150 ? 150 : w;
}

static void fields(struct pdf *p, const struct doc_block *b)
{
	double lw = label_col(p, b), pad = b->style == DOC_BOX ? 8 : 0;
	double top = p->y, total = 0;
	if (b->style == DOC_BOX) {
		/* a box is not split: measure it first */
		for (size_t i = 0; i < b->nrows; i++) {
			PangoLayout *l = layout(p, SERIF, 10, b->rows[i].value, TEXT_W - lw - 2 * pad);
			total += height(l) + 3;
			g_object_unref(l);
		}
		need(p, total + 2 * pad);
		top = p->y;
		p->y += pad;
	}
	for (size_t i = 0; i < b->nrows; i++) {
		const struct doc_row *r = &b->rows[i];
		PangoLayout *v = layout(p, SERIF, 10, r->value, TEXT_W - lw - 2 * pad);
		PangoLayout *lab = layout(p, SANS, 8.5, r->label, lw - 10);
		PangoLayoutIter *it = pango_layout_get_iter(v);
		double first_line = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		pango_layout_iter_free(it);
		need(p, first_line + 4);
		/* the label's baseline on the value's first baseline */
		double lbase = (double)pango_layout_get_baseline(lab) / PANGO_SCALE;
		grey(p, 0.3);
		show(p, lab, LEFT + pad, p->y + first_line - lbase);
		grey(p, 0);
		flow(p, v, LEFT + pad + lw);
		if (r->note) {
			PangoLayout *n = layout(p, SANS, 7.5, r->note, TEXT_W - lw - 2 * pad);
			grey(p, 0.3);
			flow(p, n, LEFT + pad + lw);
			g_object_unref(n);
		}
		p->y += 3;
		g_object_unref(v);
		g_object_unref(lab);
	}
	if (b->style == DOC_BOX && !p->dry) {
		p->y += pad - 3;
		grey(p, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_rectangle(p->cr, LEFT, top, TEXT_W, p->y - top);
		cairo_stroke(p->cr);
	} else if (b->style == DOC_BOX) {
		p->y += pad - 3;
	}
}

/* Signature lines in two columns; a row of two is never split. */
static void signatures(struct pdf *p, const struct doc_block *b)
{
	const double colw = 215, gap = 30, lineh = 30;
	for (size_t i = 0; i < b->nrows; i += 2) {
		double h[2] = { 0, 0 };
		for (size_t k = i; k < i + 2 && k < b->nrows; k++) {
			PangoLayout *n = b->rows[k].note ? layout(p, SANS, 7, b->rows[k].note, colw) : NULL;
			h[k - i] = 11 + lineh + 14 + (n ? height(n) + 2 : 0);
			if (n)
				g_object_unref(n);
		}
		need(p, (h[0] > h[1] ? h[0] : h[1]) + 10);
		space(p, 8);
		double y0 = p->y;
		for (size_t k = i; k < i + 2 && k < b->nrows; k++) {
			const struct doc_row *r = &b->rows[k];
			double x = LEFT + (double)(k - i) * (colw + gap), y = y0;
			y += put(p, SANS, 8.5, r->label, x, y, colw, 0.3);
			y += lineh;
			if (!p->dry) {
				grey(p, 0);
				cairo_set_line_width(p->cr, 0.7);
				cairo_move_to(p->cr, x, y);
				cairo_line_to(p->cr, x + colw, y);
				cairo_stroke(p->cr);
			}
			y += 2;
			y += put(p, SERIF, 10, r->value, x, y, colw, 0);
			if (r->note)
				put(p, SANS, 7, r->note, x, y + 1, colw, 0.3);
		}
		p->y = y0 + (h[0] > h[1] ? h[0] : h[1]);
		p->fresh = false;
	}
}

static void agenda(struct pdf *p, const struct doc_block *b)
{
	for (size_t i = 0; i < b->nrows; i++) {
		const struct doc_row *r = &b->rows[i];
		PangoLayout *v = layout(p, SERIF, 10.5, r->value, TEXT_W - 26);
		PangoLayout *num = layout(p, SANS_BOLD, 10, r->label, 0);
		space(p, 5);
		need(p, height(v) > 40 ? 16 : height(v));
		grey(p, 0);
		show(p, num, LEFT + 16 - width_of(num), p->y + 0.8);
		flow(p, v, LEFT + 26);
		if (r->note) {
			PangoLayout *n = layout(p, SANS, 8.5, r->note, TEXT_W - 26);
			grey(p, 0.3);
			flow(p, n, LEFT + 26);
			g_object_unref(n);
		}
		g_object_unref(v);
		g_object_unref(num);
	}
}

static void list(struct pdf *p, const struct doc_block *b)
{
	for (size_t i = 0; i < b->items.n; i++) {
		PangoLayout *v = layout(p, SERIF, 10, b->items.v[i], TEXT_W - 14);
		space(p, 2);
		need(p, 14);
		grey(p, 0);
		put(p, SERIF, 10, "•", LEFT + 3, p->y, 0, 0);
		flow(p, v, LEFT + 14);
		g_object_unref(v);
	}
}

/* A bar chart of the readings, the latest year dark. */
static void chart(struct pdf *p, const struct doc_block *b)
{
	const struct doc_chart *c = &b->chart;
	const double w = 330, h = 120, label = 12;
	double max = 0;
	for (int i = 0; i < c->n; i++)
		if (c->values[i] > max)
			max = c->values[i];
	need(p, h + 2 * label + 20);
	space(p, 6);
	double x0 = LEFT + 16, base = p->y + label + h;
	double slot = c->n ? w / c->n : w, bw = slot * 0.6 > 40 ? 40 : slot * 0.6;
	for (int i = 0; i < c->n; i++) {
		double bh = max > 0 ? c->values[i] / max * h : 0;
		double x = x0 + i * slot + (slot - bw) / 2;
		char num[NUMBER_TEXT_SIZE];
		if (!p->dry) {
			if (i == c->n - 1)
				cairo_set_source_rgb(p->cr, 0.12, 0.37, 0.55);
			else
				cairo_set_source_rgb(p->cr, 0.56, 0.70, 0.80);
			cairo_rectangle(p->cr, x, base - bh, bw, bh);
			cairo_fill(p->cr);
		}
		snprintf(num, sizeof num, "%g", c->values[i]);
		PangoLayout *l = layout(p, SANS, 7.5, num, 0);
		grey(p, 0.1);
		show(p, l, x + bw / 2 - width_of(l) / 2, base - bh - height(l) - 1);
		g_object_unref(l);
		snprintf(num, sizeof num, "%d", c->years[i]);
		l = layout(p, SANS, 7.5, num, 0);
		grey(p, 0.3);
		show(p, l, x + bw / 2 - width_of(l) / 2, base + 2);
		g_object_unref(l);
	}
	if (!p->dry) {
		grey(p, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_move_to(p->cr, x0, base);
		cairo_line_to(p->cr, x0 + w, base);
		cairo_stroke(p->cr);
	}
	p->y = base + label + 2;
	if (c->title)
		p->y += put(p, SANS, 8, c->title, x0, p->y, w, 0.3);
	p->fresh = false;
}

static void blocks(struct pdf *p)
{
	const struct doc *d = p->d;
	new_page(p);
	for (size_t i = 0; i < d->nb; i++) {
		const struct doc_block *b = &d->b[i];
		PangoLayout *l;
		switch (b->kind) {
		case DOC_HEADING:
			if (b->new_page && !p->fresh)
				new_page(p);
			space(p, b->level == 1 ? 16 : 12);
			l = layout(p, SANS_BOLD, b->level == 1 ? 12 : 10.5, b->text, TEXT_W);
			/* a heading keeps some of what follows on its page */
			need(p, height(l) + (b->keep ? 60 : 30));
			grey(p, 0);
			flow(p, l, LEFT);
			p->y += 4;
			g_object_unref(l);
			break;
		case DOC_SUBHEAD:
			space(p, 8);
			l = layout(p, SANS_BOLD, 9.5, b->text, TEXT_W);
			need(p, height(l) + 26);
			grey(p, 0);
			flow(p, l, LEFT);
			p->y += 2;
			g_object_unref(l);
			break;
		case DOC_TEXT:
			space(p, i && d->b[i - 1].kind == DOC_SUBHEAD ? 0 : b->style == DOC_EMPH ? 2 : 6);
			text(p, b);
			break;
		case DOC_FIELDS:
			space(p, 6);
			fields(p, b);
			break;
		case DOC_SIGNATURES:
			signatures(p, b);
			break;
		case DOC_AGENDA:
			agenda(p, b);
			break;
		case DOC_LIST:
			space(p, 4);
			list(p, b);
			break;
		case DOC_CHART:
			chart(p, b);
			break;
		}
	}
	page_foot(p);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's stream writer: the PDF's bytes into a strbuf */
static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int len)
{
	sb_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int doc_write_pdf(const struct doc *d, struct strbuf *out, struct err *e)
{
	struct pdf p = { .d = d, .dry = true };

	/* pass 1: count the pages */
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(discard, NULL, PAGE_W, PAGE_H);
	p.cr = cairo_create(s);
	p.ctx = pango_cairo_create_context(p.cr);
	blocks(&p);
	g_object_unref(p.ctx);
	cairo_destroy(p.cr);
	cairo_surface_destroy(s);
	p.calls = 0;

	/* pass 2: draw */
	p.pages = p.page;
	p.page = 0;
	p.dry = false;
	s = cairo_pdf_surface_create_for_stream(collect, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, d->issuer ? d->issuer : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "gavel");
	/* the document's own date, so that the same document makes the same
	 * bytes (gavel verify compares them) */
	if (d->date && date_valid(d->date)) {
		char when[sizeof "YYYY-MM-DDT00:00:00"];
		snprintf(when, sizeof when, "%sT00:00:00", d->date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	if (d->sigdata) {
		/* what `gavel verify FILE` checks */
		char *kw = xasprintf("gavel-adjustment:%s", d->sigdata);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, kw);
		free(kw);
	}
	p.cr = cairo_create(s);
	p.ctx = pango_cairo_create_context(p.cr);
	blocks(&p);
	g_object_unref(p.ctx);
	for (size_t i = 0; i < ARRAY_SIZE(p.fonts); i++)
		if (p.fonts[i])
			pango_font_description_free(p.fonts[i]);
	for (size_t i = 0; i < p.ncache; i++) {
		g_object_unref(p.cache[i].l);
		free(p.cache[i].text);
	}
	free(p.cache);
	cairo_status_t status = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (status != CAIRO_STATUS_SUCCESS)
		return error(e, E_IO, "PDF", cairo_status_to_string(status));
	return 0;
}
