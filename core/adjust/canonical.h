/*
 * canonical: the canonical form of a meeting's protocol, what the
 * adjusters sign.
 *
 * Plain UTF-8 lines of tab-separated fields, a tag first: the council, the
 * meeting (body, date, times, place), the secretary, the attendance in
 * the order the protocol shows it, the adjusters, then every item with its
 * notes, papers, conflicts of interest, decision, votes and reservations.
 * In fields, backslash, tab and newline are written \\ \t \n, and a field
 * that is not set is \0. The form leaves out what adjustment itself
 * changes (the status, the adjustment date, the signatures), so that a
 * signature stays valid until the protocol's content changes.
 *
 * The form of one paragraph (for omedelbar justering) holds the council,
 * the meeting and that item only, so that attendance may still change
 * after the paragraph is adjusted.
 *
 * The form can be read back into a meeting view, so that a document that
 * carries it can be rebuilt and compared without the database.
 */
#ifndef GAVEL_CANONICAL_H
#define GAVEL_CANONICAL_H

#include "core/meeting.h"

/* Appends the canonical form of the whole protocol (item NULL) or of the
 * one item's paragraph. */
void canonical_write(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct item *item, struct strbuf *out);

/* Reads a whole protocol's canonical form into v (released by the caller
 * with meeting_view_release) and *council, *secretary (caller frees);
 * E_DAMAGED_PROTOCOL if the text is not one. */
int canonical_read(const char *text, struct meeting_view *v, char **council, char **secretary,
		   struct err *e);

/* Appends a tab and s escaped as a field (NULL as \0). */
void canonical_field(struct strbuf *out, const char *s);
/* Splits one line of len bytes into at most max unescaped fields (NULL
 * for \0, the caller frees each); returns the count. */
int canonical_split(const char *line, size_t len, char **f, int max);

#endif
