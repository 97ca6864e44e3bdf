#!/bin/bash
# Sync between members through one shared folder: share, join, edits on
# every copy, syncs in any order, the same content everywhere; conflicts
# and their resolution; what the folder holds.
. "$(dirname "$0")/../lib.sh"

F="$WORK/folder"
A="$WORK/eva.db" B="$WORK/bjorn.db" C="$WORK/asa.db"
# the demo made on a fixed day, so that its meetings have known dates
export GAVEL_TODAY=2026-11-23
export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
a() { g --db "$A" "$@"; }
b() { g --db "$B" "$@"; }
c() { g --db "$C" "$@"; }

# same "what" A B [C]: the dumps are byte-identical
same() {
	local what=$1
	shift
	local first
	first=$(g --db "$1" dump) || fail "dump $1"
	for db in "${@:2}"; do
		[ "$(g --db "$db" dump)" = "$first" ] || { diff <(echo "$first") <(g --db "$db" dump) | head -20; fail "$what: $1 and $db differ"; }
	done
	ok "$what"
}

expect_ok "demo council" a demo
expect_grep "share" "shared the council through" a council share "$F" --as "Eva Lind"
n=$(find "$F" -type f | wc -l)
[ "$n" -eq 2 ] || fail "the folder holds $n files after share"
ok "the folder holds a key file and one batch"
# WRITER/BUCKET/WRITER-SEQUENCE.gavel, BUCKET = SEQUENCE / 1000 in 5 digits
(cd "$F" && find . -type f) | python3 -c '
import re, sys
for p in sys.stdin.read().split():
    m = re.fullmatch(r"\./([0-9a-f]{32})/([0-9]{5})/([0-9a-f]{32})-([0-9]{8})\.gavel", p)
    assert m and m[1] == m[3] and int(m[2]) == int(m[4]) // 1000, p
' || fail "file paths: $(cd "$F" && find . -type f)"
ok "files lie in WRITER/BUCKET and are named by a writer id and a number, nothing more"
grep -rqa "Digitaliseringsrådet\|Eva Lind\|Vänersborg" "$F" && fail "the folder holds clear text"
ok "nothing readable in the folder"
perm=$(stat -c %a "$A.identity") && [ "$perm" = 600 ] || fail "identity mode $perm"
perm=$(stat -c %a "$A.keys") && [ "$perm" = 600 ] || fail "keys mode $perm"
ok "the identity and the unlocked key are readable only by their owner"

join_admitted "$B" "$F" "Björn Ek" "$A"
join_admitted "$C" "$F" "Åsa Nyström" "$A"
give_role "$A" "$B" "Björn Ek" sekreterare
expect_ok "first sync A" a sync
expect_ok "first sync B" b sync
expect_ok "first sync C" c sync
same "after joining, every copy holds the same" "$A" "$B" "$C"
expect_grep "members" "Åsa Nyström" a members
# a key's fingerprint: eight groups of four hex digits, the same on every copy
fp_of() { sed -n "s/^$1  *\([0-9a-f]\{4\}\( [0-9a-f]\{4\}\)\{7\}\)  .*/\1/p"; }
fp=$(a members | fp_of "Björn Ek")
[ -n "$fp" ] || fail "no fingerprint of eight groups for Björn: $(a members)"
[ "$(b members | fp_of "Björn Ek")" = "$fp" ] || fail "Björn's fingerprint differs between copies: $(b members)"
ok "members show each key's fingerprint in eight groups, the same on every copy: $fp"
expect_grep "whoami after join" "Björn Ek" b whoami

M=radet/2026-12-07
expect_out "item on A" 9 a item add $M "Bredband i Dalsland"
expect_out "item on B, offline" 9 b item add $M "E-arkiv"
expect_ok "note on A" a note $M 1 "Ordföranden hälsade välkommen."
expect_ok "note on B" b note $M 2 "Dan Ärlig valdes att justera."
expect_ok "sync A" a sync
expect_grep "B's sync tells that its item gave way" "item 9 of $M is now item 10: two members gave it the same number" b sync
expect_grep "so does C's, which takes both in" "item 9 of $M is now item 10" c sync
expect_grep "and A's" "item 9 of $M is now item 10" a sync
out=$(a sync 2>&1)
printf '%s\n' "$out" | grep -q "is now item" && fail "a settled number was told again: $out"
ok "a number that moved is told once on each copy"
same "edits on two copies, everyone the same" "$A" "$B" "$C"
show=$(c meeting show $M)
for want in "Bredband i Dalsland" "E-arkiv" "Ordföranden hälsade" "Dan Ärlig valdes"; do
	printf '%s\n' "$show" | grep -q -- "$want" || fail "C lacks [$want]: $show"
done
ok "both items and both notes reached the third copy"
printf '%s\n' "$show" | grep -q "10\. " || fail "the clashing item numbers: $show"
ok "the two items numbered 9 offline became 9 and 10"

# the same field on two copies: a conflict, the same winner everywhere
expect_ok "edit notes A" a note $M 3 "Eva: dagordningen godkändes."
expect_ok "edit notes B" b note $M 3 "Björn: dagordningen godkändes med ett tillägg."
a sync >/dev/null && b sync >/dev/null && c sync >/dev/null && a sync >/dev/null || fail "syncs"
same "a conflict converges" "$A" "$B" "$C"
ca=$(a conflicts --json) cb=$(b conflicts --json) cc=$(c conflicts --json)
[ "$ca" = "$cb" ] && [ "$cb" = "$cc" ] || fail "conflict lists differ: $ca / $cb / $cc"
ok "every copy lists the same conflict"
printf '%s' "$ca" | python3 -c '
import json,sys
l=json.load(sys.stdin)
assert len(l)==1, l
c=l[0]
vals={c["current"],c["other"]}
assert any("Eva:" in v for v in vals) and any("Björn:" in v for v in vals), c
assert {c["current_by"],c["other_by"]}=={"Eva Lind","Björn Ek"}, c
' || fail "conflict content: $ca"
ok "the conflict shows both values and who wrote them"
id=$(printf '%s' "$ca" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
other=$(printf '%s' "$ca" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["other"])')
before=$(c dump)
out=$(c conflicts resolve "$id" other 2>&1) && fail "an ordinary member resolved a conflict in the minutes: $out"
printf '%s\n' "$out" | grep -q "only the chair, the vice chair, the secretary" || fail "the refusal: $out"
[ "$(c dump)" = "$before" ] || fail "the refused resolution changed C"
ok "an ordinary member cannot settle a conflict in the minutes, and is told who can: $out"
expect_grep "resolve keeping the other" "resolved" b conflicts resolve "$id" other
expect_out "resolved here at once" "no open conflicts" b conflicts
b sync >/dev/null && a sync >/dev/null && c sync >/dev/null || fail "syncs"
same "a resolution travels" "$A" "$B" "$C"
expect_out "no conflict left on A" "no open conflicts" a conflicts
a meeting show $M | grep -qF "$other" || fail "the kept value is not shown"
ok "the value kept is the current one everywhere"

# A sync tool's conflict copy of a file (named as Syncthing names them) and
# its temporary files: a sync leaves them alone, tells of the copy once, and
# changes nothing.
path=$(cd "$F" && find . -name '*.gavel' | sort | head -1)
first=${path##*/} bucket=$F/${path%/*}
copy="${first%.gavel}.sync-conflict-20261123-101500-ABCDEF7.gavel"
cp "$bucket/$first" "$bucket/$copy"
head -c 200 "$bucket/$first" >"$bucket/.syncthing.${first%.gavel}.gavel.tmp"
before=$(a dump)
a sync --json >"$WORK/sync.json" 2>"$WORK/err" || fail "sync beside a conflict copy: $(cat "$WORK/err")"
python3 - "$copy" "$WORK/sync.json" <<'EOF2' || fail "sync notes: $(cat "$WORK/sync.json")"
import json, sys
s = json.load(open(sys.argv[2]))
assert s["refused"] == 0, s
told = [n for n in s["notes"] if sys.argv[1] in n]
assert len(told) == 1 and len(s["notes"]) == 1, s["notes"]
EOF2
[ "$(a dump)" = "$before" ] || fail "the conflict copy changed the database"
ok "a conflict copy is skipped with one note, a temporary file in silence"
n=$(a sync 2>&1 >/dev/null | grep -c "a copy made by a sync tool")
[ "$n" -eq 1 ] || fail "the copy is told of $n times"
ok "the copy is told of once on the terminal"

rm -f "$bucket/$copy" "$bucket/.syncthing.${first%.gavel}.gavel.tmp"

# A folder made before the layout by writer and bucket holds its files flat:
# it is read as before, and what is written to it from now on lies in
# buckets beside the flat files.
F2="$WORK/flat" D="$WORK/dan.db" E="$WORK/eva2.db"
mkdir "$F2"
find "$F" -name '*.gavel' -exec cp {} "$F2/" \;
[ -z "$(find "$F2" -mindepth 1 -type d)" ] || fail "the flat folder has directories"
# a newcomer asks in the flat folder; the request and the admission travel
# between the two folders as a sync tool would carry them
flat_admit() {
	local db=$1 name=$2 out fp
	out=$(g --db "$db" join "$F2" --as "$name" 2>&1) || fail "$name asks in the flat folder: $out"
	fp=$(printf '%s\n' "$out" | sed -n 's/.*machine.s fingerprint: //p')
	for d in "$F2"/*/; do cp -rn "$d" "$F/"; done
	out=$(a members admit "$fp" 2>&1) || fail "admit $name: $out"
	find "$F" -name '*.gavel' -exec cp -n {} "$F2/" \;
	out=$(g --db "$db" sync 2>&1) || fail "$name's first sync of the flat folder: $out"
	printf '%s\n' "$out" | grep -q "^admitted" || fail "$name not admitted: $out"
}
flat_admit "$D" "Dan Ärlig"
[ "$(g --db "$D" meeting show $M)" = "$(a meeting show $M)" ] || fail "D's meeting differs from A's"
ok "a flat folder is read whole"
expect_ok "proposal on D" g --db "$D" proposal add "Dan: skrivet i en gammal mapp." --by "Dan Ärlig"
expect_ok "sync D" g --db "$D" sync
[ -n "$(find "$F2" -mindepth 3 -name '*.gavel')" ] || fail "D wrote no file in a bucket: $(ls -R "$F2")"
flat_admit "$E" "Eva Lind"
g --db "$E" proposal list | grep -q "Dan: skrivet i en gammal mapp" || fail "E lacks D's proposal"
ok "flat files and bucketed files are read together"

echo "$checks checks"
