/*
 * base: the leaf layer every part of gavel may use, and that uses nothing
 * else of gavel. One header a module; this one includes the everyday ones
 * (alloc, strbuf, strvec, utf8, date, number, clock, id, i18n, error).
 * json.h and file.h are included where they are used.
 */
#ifndef GAVEL_BASE_H
#define GAVEL_BASE_H

#include "core/base/alloc.h"
#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/i18n.h"
#include "core/base/id.h"
#include "core/base/number.h"
#include "core/base/strbuf.h"
#include "core/base/strvec.h"
#include "core/base/utf8.h"

#endif
