#include "core/base/i18n.h"

#include <string.h>

const char *i18n_pgettext(const char *ctx_s)
{
	const char *t = gettext(ctx_s);
	if (t != ctx_s)
		return t;
	const char *sep = strchr(ctx_s, '\004');
	return sep ? sep + 1 : ctx_s;
}
