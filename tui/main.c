/* gavel: the program. The terminal interface is the default; with a command
 * it is the scripting interface (see tui/cli/cli.c). */
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/base.h"
#include "tui/cli/cli.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The languages of the interface: English, the language of the code, and
 * each with a catalog in po/. */
static const char *const languages[] = { "en", "sv" };

/* The value of the global option --lang (before the command), or NULL. */
static const char *lang_option(int argc, char **argv)
{
	const char *lang = NULL;
	for (int i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strncmp(argv[i], "--lang=", 7))
			lang = argv[i] + 7;
		else if (!strcmp(argv[i], "--db"))
			i++;
	}
	return lang;
}

/* Where the catalogs are: $GAVEL_LOCALEDIR; else build/locale beside the
 * program, when it runs from its source tree (./gavel after make); else
 * LOCALEDIR, where make install put them. */
static const char *locale_dir(char *buf, size_t size)
{
	static const char beside[] = "/build/locale";
	const char *dir = getenv("GAVEL_LOCALEDIR");
	if (dir && *dir)
		return dir;
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n > 0) {
		buf[n] = '\0';
		char *slash = strrchr(buf, '/');
		struct stat sb;
		if (slash && (size_t)(slash - buf) + sizeof beside <= size) {
			memcpy(slash, beside, sizeof beside);
			if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
				return buf;
		}
	}
	return LOCALEDIR;
}

static bool plain_c(const char *locale)
{
	return !locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX");
}

/* The first of the variables that is set, or NULL. */
static const char *first_set(const char *const *vars, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * Sets the locale from the environment and chooses the language of the
 * messages: --lang, else LANGUAGE, else the locale (LC_ALL, LC_MESSAGES,
 * LANG), as gettext does. It also works where the locale asked for is not
 * installed, as on a Debian system without the locales package, which has
 * only C and C.UTF-8: the locale is then C.UTF-8 and the messages are
 * still in the language of the locale's name (LANG=sv_SE.UTF-8: Swedish).
 *
 * gavel's text is UTF-8 throughout, so the characters of the plain C
 * locale become C.UTF-8's (as Python's PEP 538 does). gettext reads
 * LANGUAGE only outside the C locale, so the messages' locale becomes
 * C.UTF-8 too when --lang or LANGUAGE asks for a language; only an
 * explicit LC_ALL=C or LC_MESSAGES=C, as scripts set for plain output,
 * keeps the messages in English. Numbers stay in the C locale's form
 * (87.5, never 87,5): they are read and written as data, in JSON too.
 */
static void choose_language(const char *lang)
{
	static const char *const msg_vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *asked = first_set(msg_vars, ARRAY_SIZE(msg_vars));
	const char *asked_c = first_set(msg_vars, 2); /* LC_ALL or LC_MESSAGES */
	const char *language = getenv("LANGUAGE");
	if (!setlocale(LC_ALL, "")) {
		setlocale(LC_ALL, "C.UTF-8");
		if (!lang && !(language && *language) && !plain_c(asked)) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)strcspn(asked, ".@"), asked);
			setenv("LANGUAGE", name, 1);
		}
	}
	setlocale(LC_NUMERIC, "C");
	if (plain_c(setlocale(LC_CTYPE, NULL)))
		setlocale(LC_CTYPE, "C.UTF-8");
	if (lang)
		setenv("LANGUAGE", lang, 1);
	language = getenv("LANGUAGE");
	if (language && *language && (lang || !asked_c || !plain_c(asked_c)) &&
	    plain_c(setlocale(LC_MESSAGES, NULL)))
		setlocale(LC_MESSAGES, "C.UTF-8");
	char buf[4096];
	bindtextdomain("gavel", locale_dir(buf, sizeof buf));
	bind_textdomain_codeset("gavel", "UTF-8");
	textdomain("gavel");
}

int main(int argc, char **argv)
{
	const char *lang = lang_option(argc, argv);
	bool known = !lang;
	for (size_t i = 0; i < ARRAY_SIZE(languages) && !known; i++)
		known = !strcmp(lang, languages[i]);
	choose_language(known ? lang : NULL);
	if (!known) {
		fprintf(stderr, "gavel: ");
		fprintf(stderr, _("unknown language: %s (sv or en)"), lang);
		fputc('\n', stderr);
		return 2;
	}
	return cli_main(argc, argv);
}
