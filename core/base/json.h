/*
 * json: a small writer of JSON text into a strbuf. It places the commas;
 * the caller opens and closes objects and arrays in order.
 */
#ifndef GAVEL_JSON_H
#define GAVEL_JSON_H

#include <stdbool.h>

#include "core/base/strbuf.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct strbuf *sb;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, struct strbuf *sb);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
/* A string value; NULL writes null. */
void json_str(struct json *j, const char *s);
void json_int(struct json *j, long v);
/* A number in the fewest digits that read back as v; null if it is not
 * finite. */
void json_num(struct json *j, double v);
/* A number already in JSON form. */
void json_raw(struct json *j, const char *number);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* A line break between elements (for one-row-per-line output). */
void json_newline(struct json *j);

/* key + value shorthands */
void json_kv_str(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long v);
void json_kv_bool(struct json *j, const char *key, bool v);

#endif
