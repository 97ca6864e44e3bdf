/* gavel: the program. The terminal interface is the default; with a command
 * it is the scripting interface (see tui/cli.c). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "tui/cli.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* --lang sv|en overrides the locale's language for messages. */
static void pick_language(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *lang = NULL;
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[i + 1];
		else if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
		if (lang)
			setenv("LANGUAGE", lang, 1);
	}
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	pick_language(argc, argv);
	const char *dir = getenv("GAVEL_LOCALEDIR");
	bindtextdomain("gavel", dir && *dir ? dir : LOCALEDIR);
	textdomain("gavel");
	return cli_main(argc, argv);
}
