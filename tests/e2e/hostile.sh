#!/bin/bash
# What someone who can write into the shared folder, but is not a member,
# can put there to hurt the members: a pipe named like a council file
# (which would hang a sync that opened it), a link to /dev/zero (which
# would be read without end), a huge file, and a writer's directory
# replaced by a link to elsewhere (which would send a member's files out
# of the folder). Each is passed over without being opened for long or
# followed, named in the sync's notes, and the sync completes; nothing
# is written through a link. Then what a member's own machine keeps from
# others: a new database and its side files readable by its owner alone,
# and a new passphrase that is easy to guess refused.
. "$(dirname "$0")/../lib.sh"

# a sync that cannot hang the test: it must finish within a minute
sync_of() { timeout 60 "$GAVEL" --db "$1" sync 2>&1; }

two_members

# ---- the database is its owner's alone ----
mode() { stat -c %a "$1"; }
[ "$(mode "$A")" = 600 ] || fail "a new database is $(mode "$A"), not 600"
for side in "$A-wal" "$A-shm" "$A.keys" "$A.identity"; do
	[ ! -e "$side" ] || [ "$(mode "$side")" = 600 ] || fail "$side is $(mode "$side"), not 600"
done
ok "a new database and its side files are readable by their owner alone"
chmod 644 "$B"
b overview >/dev/null 2>&1 || fail "overview of a database made readable to others"
[ "$(mode "$B")" = 600 ] || fail "an older database readable to others stays $(mode "$B")"
ok "a database readable to others is closed to them when opened"

# Eva's writer directory and the name of her next file
writer=$(sqlite3 "$A" "SELECT value FROM local WHERE key = 'actor'")
[ -d "$F/$writer/00000" ] || fail "no directory of Eva's in the folder"
last=$(ls "$F/$writer/00000" | sort | tail -1)
seq=$((10#$(echo "$last" | sed 's/.*-\([0-9]*\)\.gavel/\1/')))
name_of() { printf '%s-%08d.gavel' "$writer" "$1"; }

# ---- a pipe named like Eva's next file ----
mkfifo "$F/$writer/00000/$(name_of $((seq + 1)))"
out=$(sync_of "$B") || fail "a sync with a pipe in the folder failed or hung: $out"
printf '%s\n' "$out" | grep -q "$(name_of $((seq + 1))): not a regular file" ||
	fail "the pipe is not named in the sync's notes: $out"
ok "a pipe named like a council file: passed over, named, the sync completes"
rm "$F/$writer/00000/$(name_of $((seq + 1)))"

# ---- a link to /dev/zero, and to a file outside the folder ----
ln -s /dev/zero "$F/$writer/00000/$(name_of $((seq + 1)))"
out=$(sync_of "$B") || fail "a sync with a link to /dev/zero failed or hung: $out"
printf '%s\n' "$out" | grep -q "$(name_of $((seq + 1))): not a regular file" ||
	fail "the link is not named in the sync's notes: $out"
ok "a link to /dev/zero named like a council file: not followed, named"
rm "$F/$writer/00000/$(name_of $((seq + 1)))"

# ---- a huge file (sparse: it costs no disk) ----
truncate -s 300M "$F/$writer/00000/$(name_of $((seq + 1)))"
out=$(sync_of "$B") || fail "a sync with a huge file failed: $out"
printf '%s\n' "$out" | grep -q "$(name_of $((seq + 1))): larger than any gavel sync file" ||
	fail "the huge file is not named in the sync's notes: $out"
ok "a 300 MB file named like a council file: not read, named"
rm "$F/$writer/00000/$(name_of $((seq + 1)))"

# Eva's real next file still comes through after all that
a note "$M" 2 "Efter skräpet i mappen" >/dev/null || fail "note"
a sync >/dev/null 2>&1 || fail "Eva's sync"
sync_of "$B" >/dev/null || fail "Björn's sync"
b dump | grep -q "Efter skräpet i mappen" || fail "Eva's note did not reach Björn"
ok "a writer's real files pass after the junk under their names"

# ---- a flood of junk named like council files: read once, then passed over ----
junk="$F/0123456789abcdef0123456789abcdef/00000"
mkdir -p "$junk"
for i in $(seq 1 300); do
	head -c 200 /dev/urandom >"$junk/$(printf '0123456789abcdef0123456789abcdef-%08d.gavel' "$i")"
done
out=$(sync_of "$B") || fail "a sync with 300 junk files: $out"
[ "$(printf '%s\n' "$out" | grep -c "skipped 0123456789abcdef")" -eq 300 ] || fail "the junk is not named once each: $(printf '%s\n' "$out" | head -3)"
out=$(sync_of "$B") || fail "the next sync: $out"
printf '%s\n' "$out" | grep -q "skipped 0123456789abcdef" && fail "the junk is read and named again: $(printf '%s\n' "$out" | head -3)"
ok "300 junk files named like council files: named at the first sync, passed over unread after"
head -c 300 /dev/urandom >"$junk/0123456789abcdef0123456789abcdef-00000007.gavel"
out=$(sync_of "$B") || fail "a sync after a junk file changed: $out"
printf '%s\n' "$out" | grep -q "skipped 0123456789abcdef0123456789abcdef-00000007.gavel" || fail "a changed junk file is not read again: $out"
ok "a junk file that changes is read again"
a note "$M" 2 "Efter floden" >/dev/null && a sync >/dev/null 2>&1 || fail "Eva's note and sync"
sync_of "$B" >/dev/null || fail "Björn's sync"
b dump | grep -q "Efter floden" || fail "Eva's note did not reach Björn after the flood"
ok "the members' files pass as before"

# ---- a writer's directory replaced by a link to elsewhere ----
mkdir "$WORK/outside"
mv "$F/$writer" "$WORK/eva-files"
ln -s "$WORK/outside" "$F/$writer"
a note "$M" 2 "Skickas inte ut ur mappen" >/dev/null || fail "note"
out=$(a sync 2>&1) && fail "a sync through a linked directory said it worked: $out"
printf '%s\n' "$out" | grep -q "not a directory of the shared folder" || fail "no clear message: $out"
[ -z "$(ls -A "$WORK/outside")" ] || fail "files were written through the link: $(ls -A "$WORK/outside")"
ok "a writer's directory replaced by a link: nothing written through it, and the sync says so"
out=$(sync_of "$B") || fail "Björn's sync with a linked directory: $out"
ok "a linked writer directory is not followed by the others' syncs"
rm "$F/$writer"
mv "$WORK/eva-files" "$F/$writer"
a sync >/dev/null 2>&1 || fail "Eva's sync with her directory back"
sync_of "$B" >/dev/null || fail "Björn's sync"
b dump | grep -q "Skickas inte ut ur mappen" || fail "the note held back did not come through afterwards"
ok "once the directory is back, the change held back is sent"

# ---- the key file cannot be written when a key change comes in ----
# (a directory where the key file's temporary copy goes: even root cannot
# write there)
expect_grep "Eva changes the key" "" env GAVEL_PASSPHRASE="grön kanot simmar under bron" "$GAVEL" --db "$A" council passphrase
a note "$M" 3 "Under den nya nyckeln" >/dev/null || fail "note"
a sync >/dev/null 2>&1 || fail "Eva's sync"
mkdir "$WORK/.bjorn.db.keys.tmp"
out=$(sync_of "$B") && fail "a sync that could not keep the new key said it worked: $out"
ok "a sync that cannot write the new key fails, saying so: $(printf '%s' "$out" | head -1)"
b dump | grep -q "Under den nya nyckeln" && fail "the change came in without its key kept"
rmdir "$WORK/.bjorn.db.keys.tmp"
sync_of "$B" >/dev/null || fail "Björn's sync once the key file can be written"
b dump | grep -q "Under den nya nyckeln" || fail "the key change was recorded without its key: Björn cannot read what follows"
ok "once the key file can be written, the key change and what follows come in"

# ---- a new passphrase that is easy to guess ----
for weak in password 12345678 "Sommar2026!" "digitaliseringsrådet västra"; do
	out=$(GAVEL_PASSPHRASE="$weak" a council passphrase 2>&1) && fail "[$weak] was taken as a new passphrase"
	printf '%s\n' "$out" | grep -q "too easy to guess" || fail "[$weak]: no clear message: $out"
done
ok "passphrases that are easy to guess are refused (the council's own name among the words tried)"
out=$(GAVEL_PASSPHRASE=password a --lang sv council passphrase 2>&1)
printf '%s\n' "$out" | grep -q "lösenfrasen är för lätt att gissa" || fail "no Swedish message: $out"
ok "the refusal in Swedish"
expect_grep "a strong new passphrase is taken" "" env GAVEL_PASSPHRASE="blå ekorre tänder fyrtio ljus" "$GAVEL" --db "$A" council passphrase

echo "1..$checks"
