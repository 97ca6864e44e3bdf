#include "core/base/error.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/base/i18n.h"

#define ERROR_FMT(code, exit, msg) [code] = msg,
static const char *const formats[] = { ERROR_CODES(ERROR_FMT) };
#define ERROR_EXIT(code, exit, msg) [code] = exit,
static const int exits[] = { ERROR_CODES(ERROR_EXIT) };

int error(struct err *e, enum err_code code, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, code);
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, _(formats[code]), ap);
	va_end(ap);
	return -1;
}

int errorf(struct err *e, enum err_code code, const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int error_exit_status(enum err_code code)
{
	return exits[code];
}

void error_clear(struct err *e)
{
	e->code = E_OK;
	e->msg[0] = '\0';
}
