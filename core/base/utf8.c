#include "core/base/utf8.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>

#include "core/base/alloc.h"

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
	/* folding keeps every character's UTF-8 length (fold_cp maps within
	 * ASCII, Latin-1 and Latin Extended-A), so the text keeps its size */
	size_t n = strlen(s);
	char *out = xmalloc(n + 1);
	bool fits = text_fold_into(s, n, out, n + 1);
	assert(fits);
	(void)fits;
	return out;
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
