#include "core/base/json.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_init(struct json *j, struct strbuf *sb)
{
	j->sb = sb;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		sb_addc(j->sb, ',');
	j->first[j->depth] = false;
}

static void open(struct json *j, char c)
{
	before_value(j);
	sb_addc(j->sb, c);
	assert(j->depth + 1 < JSON_MAX_DEPTH);
	j->first[++j->depth] = true;
}

static void close_(struct json *j, char c)
{
	assert(j->depth > 0);
	j->depth--;
	sb_addc(j->sb, c);
}

void json_obj_begin(struct json *j) { open(j, '{'); }
void json_obj_end(struct json *j) { close_(j, '}'); }
void json_arr_begin(struct json *j) { open(j, '['); }
void json_arr_end(struct json *j) { close_(j, ']'); }

static void put_string(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20)
				sb_addf(sb, "\\u%04x", *p);
			else
				sb_addc(sb, (char)*p);
		}
	}
	sb_addc(sb, '"');
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	put_string(j->sb, key);
	sb_addc(j->sb, ':');
	j->after_key = true;
}

void json_str(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_value(j);
	put_string(j->sb, s);
}

void json_int(struct json *j, long v)
{
	before_value(j);
	sb_addf(j->sb, "%ld", v);
}

void json_num(struct json *j, double v)
{
	if (!isfinite(v)) {
		/* JSON has no NaN or infinity */
		json_null(j);
		return;
	}
	char buf[32];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	json_raw(j, buf);
}

void json_raw(struct json *j, const char *number)
{
	before_value(j);
	sb_adds(j->sb, number);
}

void json_bool(struct json *j, bool v)
{
	before_value(j);
	sb_adds(j->sb, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_value(j);
	sb_adds(j->sb, "null");
}

void json_newline(struct json *j)
{
	sb_addc(j->sb, '\n');
}

void json_kv_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kv_int(struct json *j, const char *key, long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}
