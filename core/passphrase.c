/* passphrase: the strength of a new passphrase (passphrase.h). */
#include "core/passphrase.h"

#include <stdlib.h>
#include <zxcvbn.h>

#include "core/base/alloc.h"

/* Words an attacker of a Swedish council tries first, beside zxcvbn's own
 * (English) lists. */
static const char *const swedish[] = {
	"lösenord", "losenord", "hemlig",  "hemligt",  "sommar",   "vinter",      "hösten",    "våren",
	"rådet",    "radet",    "råd",     "kommun",   "region",   "regionen",    "landsting", "nämnd",
	"nämnden",  "styrelse", "protokoll", "möte",   "mötet",    "sammanträde", "ordförande", "sekreterare",
	"ledamot",  "justering", "beslut", "gavel",    "sverige",  "stockholm",   "göteborg",  "malmö",
	"västra",   "götaland", "digitalisering", "välkommen", "hej", "hejsan", "qwerty", "asdfgh",
	"januari",  "februari", "mars",    "april",    "maj",      "juni",        "juli",      "augusti",
	"september", "oktober", "november", "december", "måndag",  "fredag",      "kaffe",     "katten",
	NULL,
};

double passphrase_bits(const char *p, const char *const *words, size_t n)
{
	size_t k = 0;
	const char **dict = xcalloc(n + sizeof swedish / sizeof *swedish, sizeof *dict);
	for (size_t i = 0; i < n; i++)
		dict[k++] = words[i];
	for (size_t i = 0; swedish[i]; i++)
		dict[k++] = swedish[i];
	dict[k] = NULL;
	double bits = ZxcvbnMatch(p, dict, NULL);
	free(dict);
	return bits;
}

int passphrase_check(const char *p, const char *const *words, size_t n, struct err *e)
{
	double bits = passphrase_bits(p, words, n);
	if (bits < PASSPHRASE_BITS)
		return error(e, E_PASSPHRASE_WEAK, (int)bits, PASSPHRASE_BITS);
	return 0;
}
