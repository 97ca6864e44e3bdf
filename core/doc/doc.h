/*
 * doc: a document as a list of blocks, independent of its format.
 *
 * The protocol, its extract, the invitation and the yearly report are each
 * built as a `struct doc` (core/doc/protocol.c, core/doc/report.c); small writers
 * then turn the same doc into plain text, Markdown, HTML, PDF or ODT
 * (core/doc/write_*.c). A writer knows layout, never the council.
 *
 * Documents are written in the council's language, not the terminal's:
 * a Swedish council's protocol is Swedish whatever the secretary's locale.
 * Their fixed words are English msgids marked with N_() and translated by
 * doc_tr() from the table in core/doc.c, so every document is the same on
 * every machine.
 *
 * A doc owns every string in it; doc_release frees them.
 */
#ifndef GAVEL_DOC_H
#define GAVEL_DOC_H

#include <stdbool.h>

#include "core/base/base.h"
#include "core/base/error.h"

enum doc_block_kind {
	DOC_HEADING,    /* text; level 1 (a paragraph, a goal) or 2 (a sub-goal) */
	DOC_SUBHEAD,    /* a small run-in heading: "Beslut", "Reservation" */
	DOC_TEXT,       /* running text; blank lines separate paragraphs */
	DOC_FIELDS,     /* label and value rows; a value may hold several lines */
	DOC_LIST,       /* bulleted lines (items) */
	DOC_SIGNATURES, /* signature lines: label (role), value (name), note */
	DOC_CHART,      /* a series of values by year */
	DOC_AGENDA,     /* numbered lines: label (number), value (title), note */
};

enum doc_style {
	DOC_NORMAL,
	DOC_EMPH,  /* the decision itself */
	DOC_SMALL, /* remarks: a vote by name, a quorum note */
	DOC_BOX,   /* a framed notice: the anslag, the draft mark */
};

struct doc_row {
	char *label, *value, *note; /* note may be NULL */
};

struct doc_chart {
	char *title, *unit; /* unit may be NULL */
	int n;
	size_t ayears, avalues;
	int *years;
	double *values;
};

struct doc_block {
	enum doc_block_kind kind;
	int level;
	enum doc_style style;
	char *text;
	struct doc_row *rows; /* DOC_FIELDS, DOC_SIGNATURES, DOC_AGENDA */
	size_t nrows, arows;
	struct strvec_items {
		char **v;
		size_t n, alloc;
	} items;              /* DOC_LIST */
	struct doc_chart chart;
	bool keep;            /* start on a new page if it would be split (pdf) */
	bool new_page;        /* start on a new page (pdf, printed html) */
};

struct doc {
	char lang[3];     /* "sv" or "en" */
	char *kind;       /* "PROTOKOLL", "PROTOKOLLSUTDRAG", "KALLELSE", "UPPFÖLJNING" */
	char *issuer;     /* the body, first line of the document */
	char *issuer_sub; /* the council, or NULL */
	char *date_label; /* "Sammanträdesdatum" */
	char *date;
	char *running;    /* the page header of every page after the first */
	char *draft;      /* the draft mark of every page, or NULL */
	char *title;      /* metadata: the document's title */
	char *sigdata;    /* verification data carried by the file, or NULL */
	bool initials;    /* the adjusters' initial boxes at the foot of each page */
	struct doc_block *b;
	size_t nb, alloc;
};

/* The formats gavel writes (ics: a calendar file, not a document). */
enum doc_format { DOC_FMT_TXT, DOC_FMT_MD, DOC_FMT_HTML, DOC_FMT_PDF, DOC_FMT_ODT, DOC_FMT_ICS, DOC_FMT_COUNT };

/*
 * A format's writer, one row of the table in doc.c that names each format
 * once. A document format has `bytes` (the whole file in memory), or, for
 * a form a library writes to a file itself, `file` and `same`.
 */
struct doc_writer {
	enum doc_format format;
	const char *ext;  /* "pdf": the file name's extension and the --format word */
	bool text;        /* a text form, which may go to standard output */
	int (*bytes)(const struct doc *d, struct strbuf *out, struct err *e);
	int (*file)(const struct doc *d, const char *path, struct err *e);
	/* whether the file at path is exactly what file() makes of d */
	int (*same)(const struct doc *d, const char *path, bool *same, struct err *e);
};
/* The writer of format f; NULL for ics, which no document is written in. */
const struct doc_writer *doc_writer(enum doc_format f);

/* Parses a format's word ("txt", "md", "html", "pdf", "odt", "ics"); -1 if
 * it is none of them. */
int doc_format_parse(const char *s);
const char *doc_format_ext(enum doc_format f);

/* Sets up an empty doc in language lang ("sv" or "en"). */
void doc_init(struct doc *d, const char *lang);
void doc_release(struct doc *d);

/* The document's word for an English msgid (marked N_()): itself in
 * English, the Swedish of the table in Swedish. */
const char *doc_tr(const struct doc *d, const char *msgid);
/* True if lang is a document language gavel writes ("sv", "en"). */
bool doc_lang_valid(const char *lang);

/* Builders: each appends a block and returns it (valid until the next
 * append). Strings are copied. */
struct doc_block *doc_heading(struct doc *d, int level, const char *text);
struct doc_block *doc_subhead(struct doc *d, const char *text);
struct doc_block *doc_text(struct doc *d, enum doc_style style, const char *text);
struct doc_block *doc_fields(struct doc *d);
struct doc_block *doc_signatures(struct doc *d);
struct doc_block *doc_agenda(struct doc *d);
struct doc_block *doc_list(struct doc *d);
struct doc_block *doc_chart(struct doc *d, const char *title, const char *unit);
/* Adds a row to a fields, signatures or agenda block (note may be NULL). */
void doc_row(struct doc_block *b, const char *label, const char *value, const char *note);
void doc_list_add(struct doc_block *b, const char *line);
void doc_chart_add(struct doc_block *b, int year, double value);

/* The writers (see the table in doc.c). Text forms append to out. */
void doc_write_txt(const struct doc *d, struct strbuf *out);
void doc_write_md(const struct doc *d, struct strbuf *out);
void doc_write_html(const struct doc *d, struct strbuf *out);
/* Appends the PDF (A4, cairo and pango) to out. */
int doc_write_pdf(const struct doc *d, struct strbuf *out, struct err *e);
/* Writes the OpenDocument text to path. */
int doc_write_odt(const struct doc *d, const char *path, struct err *e);
/* Sets *same to whether the OpenDocument file at path holds exactly the
 * parts doc_write_odt makes of d (its zip framing aside). */
int doc_odt_same(const struct doc *d, const char *path, bool *same, struct err *e);

/* Writes a doc in format f to the file path (whole or not at all). */
int doc_save(const struct doc *d, enum doc_format f, const char *path, struct err *e);
/* Appends the bytes of d in format f to out (a form with its own file
 * writer is written to a temporary file and read back). */
int doc_bytes(const struct doc *d, enum doc_format f, struct strbuf *out, struct err *e);
/* Sets *same to whether the file at path holds d in format f. */
int doc_same(const struct doc *d, enum doc_format f, const char *path, bool *same, struct err *e);

/* Writes len bytes to path, whole or not at all (core/base/file.h). */
int doc_write_file(const char *path, const char *data, size_t len, struct err *e);

#endif
