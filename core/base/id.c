#include "core/base/id.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

void id_new(char out[ID_LEN + 1])
{
	unsigned char raw[ID_LEN / 2];
	static bool ready;
	if (!ready) {
		if (sodium_init() < 0) {
			fputs("gavel: cannot initialise libsodium\n", stderr);
			abort();
		}
		ready = true;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, ID_LEN + 1, raw, sizeof raw);
}
