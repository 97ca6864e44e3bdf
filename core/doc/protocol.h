/*
 * protocol: the protocol of a meeting and its extracts (protokollsutdrag),
 * built as a document (core/doc.h) following the Swedish conventions:
 * header with body, date, place and time, decision-makers, serving
 * substitutes and for whom, others present, secretary, adjusters and the
 * paragraphs covered; the signature block; then each paragraph with its
 * title, notes, decision, vote, reservations and conflicts of interest.
 * A protocol that is not adjusted is marked as a draft on every page.
 */
#ifndef GAVEL_PROTOCOL_H
#define GAVEL_PROTOCOL_H

#include "core/adjust/record.h"
#include "core/doc/doc.h"
#include "store/store.h"

/*
 * Builds the document from pd: paragraph 0 the protocol, N the extract of
 * § N; lang "sv" or "en" (NULL: Swedish); format the form it will be
 * written in (it goes into the verification data the document carries
 * when it has signatures).
 */
int protocol_doc(const struct record *pd, int paragraph, const char *lang,
		 enum doc_format format, struct doc *d, struct err *e);

/*
 * Builds the protocol of the meeting in
 * lang ("sv" or "en"; NULL: the council's language, Swedish) into d,
 * which the caller releases with doc_release. paragraph 0 is the whole
 * protocol; N > 0 is the extract of § N, which must be a decision of this
 * meeting.
 */
int protocol_build(struct store *st, const char *meeting_id, int paragraph, const char *lang,
		   enum doc_format format, struct doc *d, struct err *e);

/*
 * Writes the protocol (paragraph 0) or the extract of § paragraph of the
 * meeting in format f (txt, md, html, pdf, odt) to the file path.
 * This is what `gavel export` and the meeting screen's export key call.
 */
int protocol_export(struct store *st, const char *meeting_id, int paragraph, enum doc_format f,
		    const char *lang, const char *path, struct err *e);

/* A file name for the export: "radet-2026-11-22-protokoll.pdf",
 * "radet-2026-11-22-utdrag-6.pdf" (English words in English). The caller
 * frees it. */
char *protocol_file_name(const struct meeting *m, int paragraph, enum doc_format f, const char *lang);

#endif
