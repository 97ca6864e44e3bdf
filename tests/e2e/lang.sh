#!/bin/bash
# The interface in Swedish and English. First the catalog: po/sv.po
# translates every message of the code, with nothing fuzzy, and
# po/gavel.pot holds the code's messages. Then the language choice, on this
# machine whether or not sv_SE.UTF-8 is installed: --lang sv, LANGUAGE=sv
# and LANG=sv_SE.UTF-8 give Swedish in --help, in a refusal, in meeting
# show and in the terminal interface; --lang en gives English under a
# Swedish locale; the data (--json, dump) is the same in both languages.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || fail "no source tree"
: "${GAVEL_LOCALEDIR:?set GAVEL_LOCALEDIR to the built catalogs (build/locale)}"
[ -f "$GAVEL_LOCALEDIR/sv/LC_MESSAGES/gavel.mo" ] || fail "no Swedish catalog in $GAVEL_LOCALEDIR: run make"

# ---- the catalog keeps up with the code ----
update="make pot && msgmerge --update po/sv.po po/gavel.pot, then translate in po/sv.po every message marked fuzzy or left empty, and commit both files"
stats=$(msgfmt --check --statistics -o /dev/null po/sv.po 2>&1) || fail "msgfmt --check po/sv.po: $stats"
case $stats in
*untranslated* | *fuzzy*) fail "po/sv.po is not fully translated ($stats): translate what msgfmt counts" ;;
esac
ok "po/sv.po passes msgfmt --check, everything translated: $stats"

scripts/pot.sh "$WORK/code.pot" || fail "scripts/pot.sh"
msgmerge --quiet -o "$WORK/merged.po" po/sv.po "$WORK/code.pot" || fail "msgmerge"
behind=$( (msgattrib --untranslated --no-obsolete "$WORK/merged.po"; msgattrib --only-fuzzy --no-obsolete "$WORK/merged.po") |
	grep -A1 '^msgid ' | grep -v '^msgid ""$\|^msgstr\|^--$')
[ -z "$behind" ] || fail "po/sv.po has no Swedish for these messages of the code:
$behind
Run: $update"
ok "po/sv.po translates every message of the code"

msgids() { msgcat --no-location --no-wrap --sort-output "$1" | grep -E '^(msgctxt|msgid|msgid_plural) '; }
stale=$(diff <(msgids po/gavel.pot) <(msgids "$WORK/code.pot")) ||
	fail "po/gavel.pot differs from the code's messages (< in the file, > in the code):
$stale
Run: $update"
ok "po/gavel.pot holds the code's messages"

# ---- where the catalogs are ----
[ -x ./gavel ] || fail "no ./gavel: run make"
expect_grep "./gavel in the source tree finds build/locale by itself" "^Kommandon:" \
	env -u GAVEL_LOCALEDIR ./gavel --lang sv --help
expect_grep "GAVEL_LOCALEDIR comes first (here: no catalogs, so English)" "^Commands:" \
	env GAVEL_LOCALEDIR="$WORK/none" ./gavel --lang sv --help

# ---- the command line ----
g demo >/dev/null || fail demo
PAST=$(g meeting list --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["status"]=="adjusted" and m["body"]=="radet"][0])')
sv_locale=$(locale -a | grep -ci '^sv_SE\.utf-\?8$')
echo "# sv_SE.UTF-8 installed here: $([ "$sv_locale" -gt 0 ] && echo yes || echo no)"

# runs gavel with only the given language variables set
lang_env() { env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$@"; }
swedish_cli() { # swedish_cli "how" command-prefix...
	local how=$1
	shift
	expect_grep "$how: --help in Swedish" "^Kommandon:" "$@" --help
	expect_grep "$how: --help describes the commands in Swedish" "skapa ett nytt råd i databasen" "$@" --help
	refused "$how: an unknown meeting in Swedish" 1 "^gavel: okänt sammanträde: radet/1999-01-01$" \
		"$@" meeting show radet/1999-01-01
	expect_grep "$how: meeting show in Swedish: the agenda" "^Dagordning$" "$@" meeting show "$PAST"
	expect_grep "$how: meeting show in Swedish: quorum" "^Beslutförhet: ja, beslutfört (" "$@" meeting show "$PAST"
	expect_grep "$how: meeting show in Swedish: status and adjustment" "Status: justerat" "$@" meeting show "$PAST"
	expect_grep "$how: meeting show in Swedish: attendance" "^Närvaro$" "$@" meeting show "$PAST"
}
swedish_cli "--lang sv" "$GAVEL" --lang sv
swedish_cli "--lang=sv, under LC_ALL=C" lang_env LC_ALL=C "$GAVEL" --lang=sv
swedish_cli "LANGUAGE=sv" lang_env LC_ALL=C.UTF-8 LANGUAGE=sv "$GAVEL"
swedish_cli "LANGUAGE=sv, no locale set" lang_env LANGUAGE=sv "$GAVEL"
swedish_cli "LANG=sv_SE.UTF-8" lang_env LANG=sv_SE.UTF-8 "$GAVEL"
swedish_cli "LC_MESSAGES=sv_SE.UTF-8" lang_env LANG=C.UTF-8 LC_MESSAGES=sv_SE.UTF-8 "$GAVEL"

english_cli() {
	local how=$1
	shift
	expect_grep "$how: --help in English" "^Commands:" "$@" --help
	refused "$how: an unknown meeting in English" 1 "^gavel: unknown meeting: radet/1999-01-01$" \
		"$@" meeting show radet/1999-01-01
	expect_grep "$how: meeting show in English" "^Quorum: yes, quorate (" "$@" meeting show "$PAST"
}
english_cli "--lang en under LANG=sv_SE.UTF-8" lang_env LANG=sv_SE.UTF-8 "$GAVEL" --lang en
english_cli "--lang en under LANGUAGE=sv" lang_env LC_ALL=C.UTF-8 LANGUAGE=sv "$GAVEL" --lang en
english_cli "LANGUAGE=en under LANG=sv_SE.UTF-8" lang_env LANG=sv_SE.UTF-8 LANGUAGE=en "$GAVEL"
english_cli "LC_ALL=C, as scripts set it, with LANGUAGE=sv" lang_env LC_ALL=C LANGUAGE=sv "$GAVEL"
english_cli "no language asked for" lang_env "$GAVEL"
refused "an unknown language" 2 "^gavel: unknown language: de (sv or en)$" g --lang de meeting show "$PAST"
refused "an unknown language, told in Swedish under a Swedish locale" 2 "^gavel: okänt språk: de (sv eller en)$" \
	lang_env LANG=sv_SE.UTF-8 "$GAVEL" --lang de meeting show "$PAST"

# the Swedish words of the council, and the statuses of every kind of thing
expect_grep "meeting list: a meeting's status in Swedish" " justerat " g --lang sv meeting list
expect_grep "action list: an action's status in Swedish" " planerad " g --lang sv action list
expect_grep "action list: overdue in Swedish" "\[FÖRSENAD\]" g --lang sv action list
expect_grep "proposal list: a proposal's status in Swedish" " under beredning " g --lang sv proposal list
expect_grep "search: the kind of a hit in Swedish" "^beslut " g --lang sv search e-legitimation
expect_grep "goal list: action counts in Swedish" "Åtgärder: klara [0-9]*, öppna [0-9]*, försenade [0-9]*" g --lang sv goal list
expect_grep "meeting show: a vote in Swedish" "Omröstning: [0-9]* ja, [0-9]* nej, [0-9]* avstår" g --lang sv meeting show "$PAST"
expect_out "statuses given in English are still understood under --lang sv" "" \
	g --lang sv action set "$(g action list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"][:8])')" --status ongoing

# the data does not change with the language
[ "$(g --lang sv meeting show "$PAST" --json)" = "$(g --lang en meeting show "$PAST" --json)" ] ||
	fail "meeting show --json differs between Swedish and English"
ok "meeting show --json is the same in Swedish and English"
[ "$(lang_env LANG=sv_SE.UTF-8 "$GAVEL" dump)" = "$(g --lang en dump)" ] || fail "dump differs with the language"
ok "dump is the same in Swedish and English"

# ---- the terminal interface ----
. tests/tmux.sh
start() { # start ENV-ASSIGNMENTS... -- ARGS...
	local envs=() args=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	args=("$@")
	tui 100 30 "-u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE GAVEL_DB=$GAVEL_DB ${envs[*]} $GAVEL ${args[*]}"
}

start LANG=C.UTF-8 -- --lang sv
wait_for "Kommande sammanträden"
wait_for "Senaste sammanträden"
wait_for "Mål: åtgärder klara / öppna / försenade"
wait_for "Enter öppna  1-7 vyer"
ok "--lang sv: the home screen in Swedish"
keys '?'
wait_for "Tangenterna på den här skärmen"
wait_for "hjälp: skärmens tangenter"
wait_for "sök i allt"
wait_for "↑↓ rulla  q tillbaka"
ok "--lang sv: the help screen in Swedish"
keys q
keys Enter
wait_for "Mötets öppnande"
wait_for "Anteckningar (Tab för att skriva)"
keys '?'
wait_for "för in punktens beslut (får sin §)"
wait_for "bordlägg punkten"
ok "--lang sv: the meeting screen and its help in Swedish"
keys q
keys q
keys q
stop

start LANG=sv_SE.UTF-8 --
wait_for "Kommande sammanträden"
wait_for "Digitaliseringsrådet Västra Götaland"
ok "LANG=sv_SE.UTF-8: the home screen in Swedish, å ä ö drawn as UTF-8"
keys '?'
wait_for "Tangenterna på den här skärmen"
ok "LANG=sv_SE.UTF-8: the help screen in Swedish"
stop

start LANG=sv_SE.UTF-8 -- --lang en
wait_for "Next meetings"
keys '?'
wait_for "Keys of this screen"
ok "--lang en under LANG=sv_SE.UTF-8: the interface in English"
stop
