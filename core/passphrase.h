/*
 * passphrase: whether a new council passphrase is hard enough to guess.
 *
 * Anyone who can read the shared folder can try passphrases against its
 * key files for as long as they like, so a new passphrase must hold at
 * least PASSPHRASE_BITS bits by zxcvbn's estimate (the number of guesses
 * an attacker who knows common passwords, keyboard patterns, dates and
 * words would need), counting the council's own words and common Swedish
 * ones as known.
 */
#ifndef GAVEL_PASSPHRASE_H
#define GAVEL_PASSPHRASE_H

#include <stddef.h>

#include "core/base/error.h"

#define PASSPHRASE_BITS 50

/* Its estimated strength in bits; the n words are taken as known to an
 * attacker too. */
double passphrase_bits(const char *p, const char *const *words, size_t n);
/* 0, or E_PASSPHRASE_WEAK with its estimate. */
int passphrase_check(const char *p, const char *const *words, size_t n, struct err *e);

#endif
