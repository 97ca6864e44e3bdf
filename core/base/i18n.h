/*
 * i18n: messages in the interface's language (gettext, text domain "gavel").
 *
 * _("text") translates at once; N_("text") only marks a string for the
 * catalog, to be translated later with _() where it is shown.
 *
 * A word whose translation depends on what it is said of carries a
 * context (msgctxt): Swedish says a "planerat" sammanträde but a
 * "planerad" åtgärd. C_("meeting status", "planned") translates at once;
 * NC_() marks one for a table and P_() translates it where it is shown.
 */
#ifndef GAVEL_BASE_I18N_H
#define GAVEL_BASE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define C_(ctx, s) i18n_pgettext(ctx "\004" s)
#define NC_(ctx, s) (ctx "\004" s)
#define P_(ctx_s) i18n_pgettext(ctx_s)
/* The translation of "CONTEXT\004text", or text when there is none. */
const char *i18n_pgettext(const char *ctx_s);

#endif
