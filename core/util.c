#include "core/util.h"
#include "core/clock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <sodium.h>

static void die_oom(void)
{
	fputs("gavel: out of memory\n", stderr);
	abort();
}

const char *util_pgettext(const char *ctx_s)
{
	const char *t = gettext(ctx_s);
	if (t != ctx_s)
		return t;
	const char *sep = strchr(ctx_s, '\004');
	return sep ? sep + 1 : ctx_s;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

void sb_release(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb_init(sb);
	return s;
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->alloc)
		return;
	size_t want = sb->alloc ? sb->alloc : 64;
	while (want < sb->len + extra + 1)
		want *= 2;
	sb->buf = xrealloc(sb->buf, want);
	sb->alloc = want;
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void util_new_id(char out[ID_LEN + 1])
{
	unsigned char raw[ID_LEN / 2];
	static bool ready;
	if (!ready) {
		if (sodium_init() < 0) {
			fputs("gavel: cannot initialise libsodium\n", stderr);
			abort();
		}
		ready = true;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, ID_LEN + 1, raw, sizeof raw);
}

void util_now(char out[21])
{
	clock_utc(out);
}

void util_today(char out[11])
{
	clock_today(out);
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

bool date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

bool time_valid(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':' || !digits(s, 2) || !digits(s + 3, 2))
		return false;
	return atoi(s) < 24 && atoi(s + 3) < 60;
}

int date_year(const char *date)
{
	return atoi(date);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant). */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void date_add_days(const char *date, int days, char out[11])
{
	long z = days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8)) + days;
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

bool parse_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool text_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
				return false;
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return false;
		unsigned cp = c & (0x3f >> n);
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

int utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 1;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 2;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 3;
	else
		goto bad;
	unsigned c = p[0] & (0x3f >> n);
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return n + 1;
bad:
	*cp = 0xfffd;
	return 1;
}

int text_width(const char *s)
{
	int w = 0;
	while (*s) {
		unsigned cp;
		s += utf8_decode(s, &cp);
		int cw = wcwidth((wchar_t)cp);
		w += cw < 0 ? (cp < 0x20 ? 0 : 1) : cw;
	}
	return w;
}

void sb_addpad(struct strbuf *sb, const char *s, int width)
{
	sb_adds(sb, s);
	for (int w = text_width(s); w < width; w++)
		sb_addc(sb, ' ');
}

static unsigned fold_cp(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
	    cp != 0x17f) {
		/* pairs: capital at even code points up to U+0137, odd from U+0139 */
		bool odd_capital = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
		if (odd_capital ? (cp & 1) : !(cp & 1))
			return cp + 1;
	}
	return cp;
}

/* The folded form of the character at s, UTF-8 in buf; *in gets the bytes
 * it took. Returns the bytes written (an invalid byte is kept as it is). */
static int fold_char(const char *s, int *in, char buf[4])
{
	unsigned cp;
	*in = utf8_decode(s, &cp);
	if (cp == 0xfffd && *in == 1) {
		buf[0] = *s;
		return 1;
	}
	cp = fold_cp(cp);
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *text_fold(const char *s)
{
	struct strbuf sb = { 0 };
	while (*s) {
		char buf[4];
		int in, out = fold_char(s, &in, buf);
		sb_add(&sb, buf, (size_t)out);
		s += in;
	}
	return sb_detach(&sb);
}

bool text_fold_into(const char *s, size_t n, char *out, size_t size)
{
	size_t i = 0, len = 0;
	while (i < n && s[i]) {
		char buf[4];
		int in, k = fold_char(s + i, &in, buf);
		if (len + (size_t)k + 1 > size)
			return false;
		memcpy(out + len, buf, (size_t)k);
		len += (size_t)k;
		i += (size_t)in;
	}
	if (len + 1 > size)
		return false;
	out[len] = '\0';
	return true;
}
