/*
 * util: memory, growable strings, ids, dates and times.
 *
 * A leaf module with no knowledge of the domain; every layer may use it.
 * The x* allocators never return NULL: they abort the program on
 * out-of-memory, so callers need no checks.
 */
#ifndef GAVEL_UTIL_H
#define GAVEL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Messages in the interface's language (gettext, text domain "gavel"):
 * _("text") translates at once; N_("text") only marks a string for the
 * catalog, to be translated later with _() where it is shown.
 *
 * A word whose translation depends on what it is said of carries a
 * context (msgctxt): Swedish says a "planerat" sammanträde but a
 * "planerad" åtgärd. C_("meeting status", "planned") translates at once;
 * NC_() marks one for a table and P_() translates it where it is shown.
 */
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)
#define C_(ctx, s) util_pgettext(ctx "\004" s)
#define NC_(ctx, s) (ctx "\004" s)
#define P_(ctx_s) util_pgettext(ctx_s)
/* The translation of "CONTEXT\004text", or text when there is none. */
const char *util_pgettext(const char *ctx_s);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Like xstrdup, but NULL stays NULL. */
char *xstrdup_or_null(const char *s);
/* printf into a freshly allocated string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable, always NUL-terminated string. Zero-initialise or sb_init. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
void sb_init(struct strbuf *sb);
/* Frees the buffer; the struct may be reused after sb_init. */
void sb_release(struct strbuf *sb);
/* Hands the buffer to the caller (never NULL) and resets sb. */
char *sb_detach(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);
/* Appends s and pads it with spaces to `width` terminal columns. */
void sb_addpad(struct strbuf *sb, const char *s, int width);

/* The number of terminal columns UTF-8 text takes (wcwidth per character;
 * invalid bytes count one column each). */
int text_width(const char *s);
/* Decodes one UTF-8 character at s into *cp; returns its length in bytes
 * (1 for an invalid byte, with *cp = 0xFFFD). */
int utf8_decode(const char *s, unsigned *cp);
/* Lower-cases UTF-8 text for comparison: ASCII, Latin-1 (Å Ä Ö É …) and
 * Latin Extended-A. Returns a new string the caller frees. */
char *text_fold(const char *s);
/* The same for the first n bytes of s, into out (size bytes, with its
 * NUL), without allocating; false if it does not fit. */
bool text_fold_into(const char *s, size_t n, char *out, size_t size);

/* A new globally unique id: 32 lower-case hex digits from 16 random bytes. */
#define ID_LEN 32
void util_new_id(char out[ID_LEN + 1]);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ", from core/clock. */
void util_now(char out[21]);

/* Today's date as "YYYY-MM-DD" in local time, from core/clock (which
 * GAVEL_TODAY and GAVEL_NOW set, for reproducible tests and demos). */
void util_today(char out[11]);

/* True if s is a real calendar date "YYYY-MM-DD" (1900..2999). */
bool date_valid(const char *s);
/* True if s is "HH:MM", 00:00..23:59. */
bool time_valid(const char *s);
/* The year of a valid date. */
int date_year(const char *date);
/* out = date + days (days may be negative); date must be valid. */
void date_add_days(const char *date, int days, char out[11]);

/* True if s is a whole decimal number in [min, max]; stores it in *out. */
bool parse_int(const char *s, long min, long max, long *out);

/* True if s is valid UTF-8 without NUL or control characters other than
 * newline and tab. */
bool text_valid(const char *s);

#endif
