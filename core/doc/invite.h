/*
 * invite: the invitation to a meeting (kallelse) with its agenda, as a
 * document (PDF, text, Markdown, HTML) and as a calendar event (iCalendar,
 * RFC 5545) for the members' calendars.
 */
#ifndef GAVEL_INVITE_H
#define GAVEL_INVITE_H

#include "core/doc/doc.h"
#include "store/store.h"

/* Builds the invitation to the meeting in lang (NULL: Swedish):
 * place and time, who is invited, the agenda with presenters and papers,
 * and whom to tell of an absence. The caller releases d. */
int invite_build(struct store *st, const char *meeting_id, const char *lang, struct doc *d,
		 struct err *e);

/*
 * Appends the meeting as one iCalendar event (CRLF lines folded at 75
 * octets): its time (floating local time; a whole day when no time is
 * set, two hours when no end is), place, the agenda as its description,
 * the chair as organiser and the members with an e-mail as attendees.
 * The event's UID is the meeting's id, so a calendar that imports a new
 * invitation to the same meeting updates the event. dtstamp is
 * "YYYYMMDDTHHMMSSZ" (NULL: now).
 */
int invite_ics(struct store *st, const char *meeting_id, const char *lang, const char *dtstamp,
	       struct strbuf *out, struct err *e);

/*
 * Writes the invitation in format f (pdf, txt, md, html or ics) to path.
 * This is what `gavel invite` and the meeting screen's invite key call.
 */
int invite_export(struct store *st, const char *meeting_id, enum doc_format f, const char *lang,
		  const char *path, struct err *e);

/* "radet-2026-12-07-kallelse.pdf" ("-invitation" in English); caller frees. */
char *invite_file_name(const struct meeting *m, enum doc_format f, const char *lang);

#endif
