/*
 * verify: checking an exported protocol or extract on its own.
 */
#ifndef GAVEL_VERIFY_H
#define GAVEL_VERIFY_H

#include "core/base/base.h"

/*
 * gavel verify FILE: checks the signatures the document at path carries
 * and that the document is the one they sign, by rebuilding it from what
 * it carries and comparing; needs no database. Appends the findings to
 * report; -1 with every problem in one line (E_SIGNATURES_FAIL, or
 * E_DOC_CHANGED when the document is not the one they sign) if it does not
 * hold.
 */
int verify_file(const char *path, struct strbuf *report, struct err *e);

#endif
