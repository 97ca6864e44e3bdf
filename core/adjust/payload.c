/*
 * payload: what an exported document carries so that `gavel verify FILE`
 * can check its signatures, and rebuild the document to compare, without
 * the database: the signed canonical form and the signatures, base64 in a
 * place each format keeps (the text armour, an HTML comment, the PDF's
 * /Keywords, the ODT's meta.xml).
 */
#include "core/adjust/payload.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/adjust/canonical.h"

static char *b64(const void *data, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(n);
	sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

/* Decodes base64, ignoring white space and PDF string line breaks; NULL
 * if it is not base64. */
char *adjust_unb64(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t n;
	if (sodium_base642bin((unsigned char *)out, len, s, len, " \t\r\n\\", &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL)) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

char *adjust_payload(const struct meeting_view *v, const char *council, const char *secretary,
		     const struct adjust_state *a, int paragraph, const char *lang,
		     const char *format)
{
	struct strbuf sb = { 0 }, form = { 0 };
	sb_adds(&sb, "gavel-adjustment\t1\nformat");
	canonical_field(&sb, format);
	sb_adds(&sb, "\nlang");
	canonical_field(&sb, lang);
	sb_addf(&sb, "\nparagraph\t%d\nstatus", paragraph);
	canonical_field(&sb, v->m.status);
	sb_adds(&sb, "\nadjusted");
	canonical_field(&sb, v->m.adjusted);
	sb_addc(&sb, '\n');
	for (size_t i = 0; i < a->n; i++) {
		sb_addf(&sb, "signature\t%d", a->v[i].pos);
		canonical_field(&sb, a->v[i].name);
		canonical_field(&sb, a->v[i].key);
		canonical_field(&sb, a->v[i].signed_at);
		canonical_field(&sb, a->v[i].sig);
		sb_addc(&sb, '\n');
	}
	canonical_write(v, council, secretary, NULL, &form);
	char *f = b64(form.buf, form.len);
	sb_addf(&sb, "canonical\t%s\n", f);
	free(f);
	char *out = b64(sb.buf, sb.len);
	sb_release(&sb);
	sb_release(&form);
	return out;
}

char *adjust_payload_find(const char *buf, size_t len)
{
	const char *b = NULL, *end = NULL;
	if (len > 4 && !memcmp(buf, "PK\3\4", 4)) {
		/* an OpenDocument file: meta.xml is stored uncompressed */
		static const char key[] = "<!-- gavel-adjustment";
		for (size_t i = 0; !b && i + sizeof key - 1 <= len; i++)
			if (buf[i] == '<' && !memcmp(buf + i, key, sizeof key - 1))
				b = buf + i;
		if (b) {
			b += sizeof key - 1;
			for (const char *q = b; !end && q + 3 <= buf + len; q++)
				if (!memcmp(q, "-->", 3))
					end = q;
		}
	} else if (len > 4 && !memcmp(buf, "%PDF", 4)) {
		static const char key[] = "/Keywords (gavel-adjustment:";
		for (size_t i = 0; !b && i + sizeof key - 1 <= len; i++)
			if (buf[i] == '/' && !memcmp(buf + i, key, sizeof key - 1))
				b = buf + i;
		if (b) {
			b += sizeof key - 1;
			end = memchr(b, ')', len - (size_t)(b - buf));
		}
	} else if ((b = strstr(buf, ARMOR_BEGIN))) {
		b += strlen(ARMOR_BEGIN);
		end = strstr(b, ARMOR_END);
	} else if ((b = strstr(buf, "<!-- gavel-adjustment"))) {
		b += strlen("<!-- gavel-adjustment");
		end = strstr(b, "-->");
	}
	return b && end ? adjust_unb64(b, (size_t)(end - b)) : NULL;
}
