#!/bin/bash
# One lost or damaged file hurts only until its writer syncs: a file taken
# out of the folder (a host deleting it, a folder restored from yesterday's
# backup), a flipped bit, a writer's whole directory gone. The others wait
# behind it and say since when; the writer's next sync puts back what is
# missing, the same bytes under the same number; `gavel check` compares
# the folder with a copy, and `gavel repair` puts back what was damaged.
# Each part ends with every copy holding the same.
. "$(dirname "$0")/../lib.sh"

same() { # same "what" DB DB: byte-identical dumps
	[ "$(g --db "$2" dump)" = "$(g --db "$3" dump)" ] || fail "$1: $2 and $3 differ"
	ok "$1"
}

two_members
give_role "$A" "$B" "Björn Ek" sekreterare
me=$(sqlite3 "$A" "SELECT value FROM local WHERE key = 'actor'")
file_of() { find "$F/$me" -name "$me-$(printf %08d "$1").gavel"; }
last_of() { find "$F/$me" -name "$me-*.gavel" | sort | tail -1 | sed 's/.*-0*\([0-9]*\)\.gavel/\1/'; }
nm=$(sqlite3 "$A" "SELECT b.short || '/' || m.date FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.status = 'planned' ORDER BY m.date LIMIT 1")

# ---- a file taken out of the folder ----
for i in 1 2 3; do
	a item add "$nm" "Ärende $i" >/dev/null && a sync >/dev/null 2>&1 || fail "Eva's file $i"
done
n=$(last_of)
lost=$((n - 1))
rm "$(file_of $lost)" || fail "no file $lost"
out=$(b sync 2>&1) || fail "Björn's sync: $out"
printf '%s\n' "$out" | grep -q "file $lost of Eva Lind's machine has been missing from the folder (or damaged) since 20[0-9-]*T" ||
	fail "Björn is not told which file he waits for since when: $out"
b dump | grep -q "Ärende 3" && fail "the file after the lost one was applied before it"
ok "a lost file: the others wait behind it and say whose file, and since when"
sleep 2.1 # a directory changed within two seconds is looked at again anyway
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "put back file $lost of this machine, which the folder had lost" || fail "Eva did not put it back: $out"
[ -f "$(file_of $lost)" ] || fail "file $lost is not back"
out=$(b sync 2>&1) || fail "Björn's sync: $out"
printf '%s\n' "$out" | grep -q "missing from the folder" && fail "Björn still waits: $out"
same "the writer's next sync puts the lost file back, the same bytes, and everyone goes on" "$A" "$B"

# ---- a flipped bit ----
a item add "$nm" "Ärende 4" >/dev/null && a sync >/dev/null 2>&1 || fail "Eva's file"
n=$(last_of)
python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[300] ^= 1; open(p, "wb").write(b)' "$(file_of "$n")"
out=$(b sync 2>&1) || fail "Björn's sync: $out"
printf '%s\n' "$out" | grep -q "signature does not verify" || fail "the damaged file is not named: $out"
out=$(a check 2>&1) || fail "Eva's check: $out"
printf '%s\n' "$out" | grep -q "of this machine's, 0 missing and 1 damaged" || fail "the check does not find the damaged file: $out"
printf '%s\n' "$out" | grep -q "the folder is not whole" || fail "the check does not say the folder is not whole: $out"
ok "gavel check compares this machine's files byte for byte and finds the damaged one"
out=$(a repair 2>&1) || fail "Eva's repair: $out"
printf '%s\n' "$out" | grep -q "put back 1 of this machine's files" || fail "the repair did not put it back: $out"
out=$(a check 2>&1) || fail "Eva's check: $out"
printf '%s\n' "$out" | grep -q "the folder is whole" || fail "the folder is not whole after the repair: $out"
b sync >/dev/null 2>&1 || fail "Björn's sync"
b dump | grep -q "Ärende 4" || fail "Björn did not take the repaired file"
same "gavel repair puts back a damaged file, and the copy that had refused it takes it" "$A" "$B"

# ---- the writer's whole directory gone, and a check from another copy ----
b note "$nm" 1 "Björns anteckning" >/dev/null 2>&1 || b item add "$nm" "Björns ärende" >/dev/null || fail "Björn's change"
b sync >/dev/null 2>&1 || fail "Björn's sync"
count=$(find "$F/$me" -name '*.gavel' | wc -l)
rm -rf "${F:?}/$me"
out=$(b check 2>&1) || fail "Björn's check: $out"
printf '%s\n' "$out" | grep -q "$count of the files of Eva Lind's machine applied here are missing from the folder" ||
	fail "Björn's check does not count Eva's missing files: $out"
ok "gavel check on another copy says how many of whose files are gone"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "put back $count of this machine's files that the folder had lost" || fail "Eva did not put back her directory: $out"
[ "$(find "$F/$me" -name '*.gavel' | wc -l)" -eq "$count" ] || fail "not every file is back"
out=$(b check 2>&1)
printf '%s\n' "$out" | grep -q "the folder is whole" || fail "the folder is not whole again: $out"
g --db "$WORK/cecilia.db" join "$F" --as "Cecilia Dahl" >/dev/null 2>&1 || fail "a newcomer asks"
out=$(a members admit "Cecilia Dahl" 2>&1) || fail "admit: $out"
out=$(g --db "$WORK/cecilia.db" sync 2>&1) || fail "the newcomer's sync: $out"
same "a newcomer admitted after the repair reads the same council" "$A" "$WORK/cecilia.db"

echo "1..$checks"
