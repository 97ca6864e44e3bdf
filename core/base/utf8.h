/*
 * utf8: UTF-8 text: validity, decoding, display width and case folding.
 * Widths are terminal columns (wcwidth), never bytes.
 */
#ifndef GAVEL_BASE_UTF8_H
#define GAVEL_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

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

/* True if s is valid UTF-8 without NUL or control characters other than
 * newline and tab. */
bool text_valid(const char *s);

#endif
