/*
 * strbuf: a growable, always NUL-terminated string (git's strbuf).
 *
 * Zero-initialise or sb_init; sb_release frees the buffer; sb_detach hands
 * it to the caller. Every add grows the buffer as needed and never fails.
 */
#ifndef GAVEL_BASE_STRBUF_H
#define GAVEL_BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

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

#endif
