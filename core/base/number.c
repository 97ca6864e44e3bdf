#include "core/base/number.h"

#include <errno.h>
#include <stdlib.h>

bool parse_int(const char *s, long min, long max, long *out)
{
	/* digits with an optional minus, nothing before or after (strtol
	 * alone would take leading blanks and a plus sign) */
	if (!s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

