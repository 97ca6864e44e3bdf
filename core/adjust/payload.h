/*
 * payload: the adjustment data an exported document carries.
 */
#ifndef GAVEL_ADJUST_PAYLOAD_H
#define GAVEL_ADJUST_PAYLOAD_H

#include <stddef.h>

#include "core/adjust/state.h"

#define ARMOR_BEGIN "-----BEGIN GAVEL ADJUSTMENT-----"
#define ARMOR_END "-----END GAVEL ADJUSTMENT-----"

/* The payload an exported document carries (base64, caller frees). */
char *adjust_payload(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct adjust_state *a, int paragraph, const char *lang,
		     const char *format);
/* The payload found in a document's bytes (base64 text, caller frees), or
 * NULL when it carries none. */
char *adjust_payload_find(const char *buf, size_t len);
/* Decodes base64 of len bytes, ignoring white space and PDF string line
 * breaks; NULL if it is not base64. The caller frees it. */
char *adjust_unb64(const char *s, size_t len);

#endif
