#!/bin/bash
# Whole screens: the interface drawn headless (GAVEL_HEADLESS, GAVEL_SCRIPT)
# on the demo council with the clock fixed, every capture of
# tests/screens/captures compared line by line with its expected screen in
# tests/screens/ (at 40x12, 80x24 and 120x40, in Swedish and English), and
# README.md's screen captures with those (scripts/readme-screens.py).
#
# A change to a screen that is meant: make screens-update (SCREENS_UPDATE=1
# here) writes the screens as they are now, and the README's captures;
# read the diff and commit it.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || fail "no source tree"
DIR=tests/screens
SIZES="40x12 80x24 120x40"
LANGS="sv en"
UPDATE=${SCREENS_UPDATE:-0}
export GAVEL_TODAY=2026-11-23 TZ=UTC NO_COLOR=1
export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
unset VISUAL EDITOR GAVEL_HEADLESS GAVEL_SCRIPT

# ---- the councils ----
g demo >/dev/null || fail "demo"
cp "$GAVEL_DB" "$WORK/demo.db"
# shared with a second member on this machine, both writing the notes of
# the next meeting's third item before they sync: one conflict
A="$WORK/shared.db" B="$WORK/second.db"
cp "$WORK/demo.db" "$A"
NEXT=$(g meeting next --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["body"]=="radet"][0])')
g --db "$A" council share "$WORK/folder" --as "Henrik Svensson" >/dev/null || fail "share"
join_admitted "$B" "$WORK/folder" "Lars Nyström" "$A" >/dev/null
give_role "$A" "$B" "Lars Nyström" sekreterare
g --db "$A" note "$NEXT" 3 "Henrik: dagordningen godkändes." || fail "note on the first copy"
g --db "$B" note "$NEXT" 3 "Lars: dagordningen godkändes med ett tillägg." || fail "note on the second copy"
for db in "$A" "$B" "$A"; do g --db "$db" sync >/dev/null || fail "sync $db"; done
[ "$(g --db "$A" conflicts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] ||
	fail "the shared council has no conflict"
# and a newcomer who has asked to join, not admitted yet
W="$WORK/asked.db"
g --db "$W" join "$WORK/folder" --as "Nils Andersson" >"$WORK/asked.out" || fail "the newcomer's request"
wfp=$(sed -n 's/.*machine.s fingerprint: //p' "$WORK/asked.out")
g --db "$A" sync >/dev/null 2>&1 || fail "sync after the request"
cp -a "$WORK/folder" "$WORK/folder.set"

# ids are random and a sync's times the machine's: they show as placeholders
normal() {
	# a fingerprint, whole or cut at the screen's edge
	perl -CSD -pe 's/(?<![0-9a-z])[0-9a-f]{4}(?: [0-9a-f]{4}){1,7}(?: [0-9a-f]{1,3}$)?(?![0-9a-z])/($& =~ tr|0-9a-f|x|r)/ge' |
	sed -E 's/\b[0-9a-f]{8}\b/xxxxxxxx/g; s/\b[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/YYYY-MM-DDTHH:MM:SSZ/g'
}

# shoot NAME COUNCIL SIZE LANG KEYS: the screen, into $WORK/got
shoot() {
	local name=$1 council=$2 size=$3 lang=$4 keys=$5 db="$WORK/run.db" f
	rm -f "$WORK"/run.db*
	case $council in
	demo) cp "$WORK/demo.db" "$db" ;;
	shared | asked)
		# the folder as it was set up: a shot's copy of the database is a
		# machine of its own, whose first sync writes its key there
		rm -rf "$WORK/folder" && cp -a "$WORK/folder.set" "$WORK/folder" || fail "the folder"
		if [ "$council" = asked ]; then
			# asked here: a copy of a waiting database elsewhere is refused
			(cd "$WORK" && "$GAVEL" --db run.db join "$WORK/folder" --as "Nils Andersson" >/dev/null) ||
				fail "$name: the request"
		else
			for f in "$A"*; do cp "$f" "$db${f#"$A"}"; done
		fi ;;
	none) ;;
	*) fail "$DIR/captures: $name: no council $council (demo, shared or none)" ;;
	esac
	# in $WORK, so that the database's name on the first start is the same
	(cd "$WORK" && GAVEL_DB=run.db GAVEL_HEADLESS=$size GAVEL_SCRIPT="$keys<dump $name>" \
		"$GAVEL" --lang "$lang") </dev/null >"$WORK/out" 2>"$WORK/err" ||
		fail "$name at $size in $lang: exit $?: $(cat "$WORK/err")"
	[ -s "$WORK/err" ] && fail "$name at $size in $lang: on standard error: $(cat "$WORK/err")"
	[ "$(head -1 "$WORK/out")" = "=== $name" ] || fail "$name at $size in $lang: no screen: $(head -3 "$WORK/out")"
	tail -n +2 "$WORK/out" | normal >"$WORK/got"
}

failed=0 files=()
while read -r name council keys; do
	case $name in '' | '#'*) continue ;; esac
	base=${name%@*} shots=()
	if [ "$base" != "$name" ]; then
		shots=("${name#*@}")
	else
		for size in $SIZES; do for lang in $LANGS; do shots+=("$size-$lang"); done; done
	fi
	for shot in "${shots[@]}"; do
		size=${shot%-*} lang=${shot##*-} file="$DIR/$base-$shot.txt"
		files+=("$file")
		shoot "$base" "$council" "$size" "$lang" "$keys"
		[ "$(wc -l <"$WORK/got")" -eq "${size#*x}" ] || fail "$file: not ${size#*x} rows"
		if [ "$UPDATE" = 1 ]; then
			cp "$WORK/got" "$file"
			ok "$file written"
		elif [ ! -f "$file" ]; then
			echo "FAIL: $file: no expected screen (make screens-update writes it); on the screen:" >&2
			cat "$WORK/got" >&2
			failed=$((failed + 1))
		elif ! diff -u --label "$file (expected)" --label "$base at $size in $lang (on the screen)" \
			"$file" "$WORK/got" >&2; then
			failed=$((failed + 1))
		else
			ok "$base at $size in $lang"
		fi
	done
done <"$DIR/captures"

# no expected screen without its capture
for file in "$DIR"/*.txt; do
	[[ " ${files[*]} " == *" $file "* ]] && continue
	if [ "$UPDATE" = 1 ]; then
		rm -f "$file"
		ok "$file removed: no capture makes it"
	else
		echo "FAIL: $file: no capture in $DIR/captures makes it" >&2
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ] || fail "$failed screens differ from the expected ones (the diffs above); if the change is meant: make screens-update, and commit the screens"

# the conflicts screen's keys do what its status line says: c and o settle
# the conflict, and the number keys go where they go everywhere
shoot settled shared 80x24 en "7c"
grep -q "conflict xxxxxxxx settled" "$WORK/got" || { cat "$WORK/got" >&2; fail "c did not settle the conflict"; }
expect_out "c kept the current value" "no open conflicts" g --db "$WORK/run.db" conflicts
g --db "$WORK/run.db" meeting show "$NEXT" | grep -q "Henrik: dagordningen godkändes\." ||
	fail "c did not keep the current value"
shoot settled-home shared 80x24 en "7o1"
grep -q "Next meetings" "$WORK/got" || { cat "$WORK/got" >&2; fail "1 on the conflicts screen did not go home"; }
expect_out "o kept the other value" "no open conflicts" g --db "$WORK/run.db" conflicts
g --db "$WORK/run.db" meeting show "$NEXT" | grep -q "Lars: dagordningen godkändes med ett tillägg" ||
	fail "o did not keep the other value"
shoot unsettled-home shared 80x24 en "71"
grep -q "Next meetings" "$WORK/got" || { cat "$WORK/got" >&2; fail "1 on the conflicts screen did not go home"; }
[ "$(g --db "$WORK/run.db" conflicts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] ||
	fail "1 on the conflicts screen settled a conflict"
ok "1 on the conflicts screen goes home and settles nothing"

# the members screen admits a newcomer only with the fingerprint they read out
shoot admit-wrong shared 80x24 en "7mk<Home>affff<Enter>"
grep -q "does not begin the fingerprint of this request" "$WORK/got" || { cat "$WORK/got" >&2; fail "a wrong fingerprint was not refused"; }
g --db "$W" sync 2>&1 | grep -q "not admitted yet" || fail "a wrong fingerprint admitted the newcomer"
shoot admit shared 80x24 en "7m<Home>a${wfp:0:9}<Enter>"
grep -q "admitted Nils Andersson" "$WORK/got" || { cat "$WORK/got" >&2; fail "a on the members screen did not admit"; }
g --db "$W" sync 2>&1 | grep -q "^admitted" || fail "the newcomer admitted on the screen cannot read the council"
ok "the members screen admits a newcomer by the fingerprint they read out, and refuses a wrong one"

# the screens in README.md are these captures
if [ "$UPDATE" = 1 ]; then
	expect_ok "README.md's screen captures rewritten" scripts/readme-screens.py --update
else
	expect_ok "README.md's screen captures are the tests'" scripts/readme-screens.py
fi
echo "checks: $checks"
