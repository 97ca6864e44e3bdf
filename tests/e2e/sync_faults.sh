#!/bin/bash
# The faults a shared folder brings, each survived: a truncated file, the
# same file twice, files out of order and with gaps, sync tools' conflict
# copies and temporary files, a file of a future version, a flipped bit,
# another council's file, a key that is not a member's, the wrong
# passphrase, a full disk, an unmounted or emptied or wrong folder, and
# kill -9 in the middle of a sync. Each gets a clear message, changes
# nothing it should not, and the next sync completes. Then deletions as
# tombstones against a concurrent edit, and a member's removal: what is
# written after it is closed to them.
. "$(dirname "$0")/../lib.sh"

F="$WORK/folder"
A="$WORK/eva.db" B="$WORK/bjorn.db" C="$WORK/cecilia.db"
# the demo made on a fixed day, so that its meetings have known dates
export GAVEL_TODAY=2026-11-23
export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
a() { g --db "$A" "$@"; }
b() { g --db "$B" "$@"; }
c() { g --db "$C" "$@"; }
M=radet/2026-12-07

same() { # same "what" DB DB...: byte-identical dumps
	local what=$1 first
	shift
	first=$(g --db "$1" dump) || fail "dump $1"
	for db in "${@:2}"; do
		[ "$(g --db "$db" dump)" = "$first" ] || { diff <(echo "$first") <(g --db "$db" dump) | head -20; fail "$what: $1 and $db differ"; }
	done
	ok "$what"
}

has() { # has DB TEXT: the text is in the database's dump
	g --db "$1" dump | grep -qF -- "$2"
}

# sync_says "what" DB PATTERN [DIR]: the sync succeeds and says PATTERN
sync_says() {
	local what=$1 db=$2 pat=$3 out
	shift 3
	out=$(g --db "$db" sync "$@" 2>&1) || fail "$what: sync failed: $out"
	printf '%s\n' "$out" | grep -q -- "$pat" || fail "$what: no [$pat] in: $out"
	ok "$what"
}

# the files of a folder, as paths below it (WRITER/BUCKET/NAME)
files_of() { (cd "$1" && find . -type f -printf '%P\n' | sort); }

# every file of the folder not yet in the set saved by `mark`
mark() { files_of "$F" >"$WORK/marked"; }
since_mark() { files_of "$F" | grep -vxFf "$WORK/marked"; }

# put FROM TO PATH: copies a file of one folder to the same place in another
put() { mkdir -p "$2/$(dirname "$3")" && cp "$1/$3" "$2/$3"; }

expect_ok "demo council" a demo
expect_grep "share" "shared the council through" a council share "$F" --as "Eva Lind"
join_admitted "$B" "$F" "Björn Ek" "$A"
give_role "$A" "$B" "Björn Ek" sekreterare
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "first syncs"
same "two members in step" "$A" "$B"

# ---- the wrong passphrase ----
out=$(GAVEL_PASSPHRASE="fel lösenord" g --db "$WORK/stranger.db" join "$F" --as "Gun Holm" 2>&1) &&
	fail "joined with the wrong passphrase: $out"
printf '%s\n' "$out" | grep -q "wrong passphrase" || fail "wrong passphrase message: $out"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "more than one line: $out"
if [ -s "$WORK/stranger.db" ] && g --db "$WORK/stranger.db" dump 2>/dev/null | grep -q "Digitaliseringsrådet"; then
	fail "a copy was made with the wrong passphrase"
fi
ok "the wrong passphrase: one clear line, no copy of the council"

# ---- a truncated file: skipped, taken when complete ----
expect_ok "note on B (a local change that must survive)" b note $M 1 "Björns anteckning före stoppet."
mark
expect_ok "note on A" a note $M 2 "Fiberutbyggnaden i Dalsland följs upp."
expect_ok "A syncs" a sync
f=$(since_mark)
[ "$(printf '%s\n' "$f" | wc -l)" -eq 1 ] || fail "A wrote [$f]"
mv "$F/$f" "$WORK/whole"
head -c $(($(stat -c %s "$WORK/whole") / 2)) "$WORK/whole" >"$F/$f"
sync_says "a truncated file is skipped as still being copied" "$B" "truncated (still being copied?)"
has "$B" "Fiberutbyggnaden i Dalsland" && fail "B took in a truncated file"
has "$B" "Björns anteckning före stoppet." || fail "B lost its own note"
ok "nothing of the truncated file was taken; B's own note is there"
head -c 5 "$WORK/whole" >"$F/$f"
sync_says "a file cut inside its magic is truncated too" "$B" "truncated"
cp "$WORK/whole" "$F/$f"
expect_ok "the file complete: B syncs" b sync
has "$B" "Fiberutbyggnaden i Dalsland" || fail "B did not take the completed file"
ok "the completed file is taken by the next sync"

# ---- the same file twice; tool conflict copies; temporary files ----
mark
expect_ok "note on A" a note $M 3 "Dagordningen godkändes."
a sync >/dev/null 2>&1 || fail "A syncs"
f=$(since_mark)
d=$F/${f%/*} fn=${f##*/}
base=${fn%.gavel}
cp "$F/$f" "$d/$base.sync-conflict-20261122-101010-ABCDEFG.gavel"
cp "$F/$f" "$d/$base (Eva Linds conflicted copy 2026-11-22).gavel"
cp "$F/$f" "$d/.syncthing.$fn.tmp"
cp "$F/$f" "$d/~syncthing~$fn.tmp"
cp "$F/$f" "$d/.$fn.tmp"
cp "$F/$f" "$d/$fn.part"
mkdir "$d/stray" "$F/.stversions" "$F/${f%%/*}/.stfolder"
cp "$F/$f" "$d/stray/$fn"
cp "$F/$f" "$F/.stversions/$fn"
sync_says "Syncthing's conflict copy in a bucket is skipped by name" "$B" "skipped $base.sync-conflict-.*a copy made by a sync tool"
sync_says "Dropbox's conflicted copy is skipped by name" "$B" "conflicted copy.*a copy made by a sync tool"
out=$(b sync 2>&1) || fail "sync with temporary files: $out"
printf '%s\n' "$out" | grep -q "syncthing\|\.tmp\|\.part" && fail "temporary files talked about: $out"
ok "temporary files of sync tools are passed over in silence"
n=$(b dump | grep -o "Dagordningen godkändes\." | wc -l)
[ "$n" -eq 1 ] || fail "the note is there $n times"
ok "the same file in four copies is applied once"
b sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs"
[ "$(b dump | grep -o "Dagordningen godkändes\." | wc -l)" -eq 1 ] || fail "applied twice on a later sync"
ok "the same file read again by later syncs changes nothing"
rm -rf "$d"/*.sync-conflict-* "$d"/*"conflicted copy"* "$d"/.syncthing.* "$d"/~syncthing~* "$d/.$fn.tmp" "$d/$fn.part" \
	"$d/stray" "$F/.stversions" "$F/${f%%/*}/.stfolder"

# ---- a file under another file's name (in a bucket, and flat) ----
fake="ffffffffffffffffffffffffffffffff-00000001.gavel"
cp "$F/$f" "$d/$fake"
sync_says "a file under another name is refused" "$B" "skipped $fake: its name does not match its content"
rm -f "$d/$fake"
cp "$F/$f" "$F/$fake"
sync_says "a flat file under another name is refused" "$B" "skipped $fake: its name does not match its content"
rm -f "$F/$fake"

# ---- a flipped bit ----
mark
expect_ok "note on A" a note $M 4 "Beslut om e-legitimation."
a sync >/dev/null 2>&1 || fail "A syncs"
f=$(since_mark)
cp "$F/$f" "$WORK/good"
python3 - "$F/$f" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x10
open(p, "wb").write(bytes(b))
EOF
before=$(b dump)
sync_says "a flipped bit is caught by the signature" "$B" "skipped ${f##*/}: its signature does not verify"
[ "$(b dump)" = "$before" ] || fail "the damaged file changed B"
ok "nothing of the damaged file was taken"
cp "$WORK/good" "$F/$f"
expect_ok "the good file back: B syncs" b sync
has "$B" "Beslut om e-legitimation." || fail "B lacks the good file's note"
ok "the good copy of the file is taken"

# ---- a file of a future format version ----
future="eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-00000001.gavel"
mkdir -p "$F/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee/00000"
python3 - "$WORK/good" "$F/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee/00000/$future" <<'EOF'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[8:10] = (3).to_bytes(2, "big")
b[60:76] = bytes.fromhex("ee" * 16)
open(sys.argv[2], "wb").write(bytes(b))
EOF
before=$(b dump)
sync_says "a future version: upgrade gavel to read it" "$B" "skipped $future: written by a newer gavel"
sync_says "a future version is read again by every sync" "$B" "skipped $future: written by a newer gavel"
[ "$(b dump)" = "$before" ] || fail "a future file changed B"
ok "nothing of a future version was taken"
rm -r "$F/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"

# ---- another council's file; a key that is not a member's ----
S="$WORK/stranger.db" FS="$WORK/stranger-folder"
rm -f "$S"
GAVEL_PASSPHRASE="en annan fras" g --db "$S" init "Ett annat råd" >/dev/null || fail "stranger init"
GAVEL_PASSPHRASE="en annan fras" g --db "$S" council share "$FS" --as "Olle Främling" >/dev/null 2>&1 || fail "stranger share"
sf=$(files_of "$FS" | tail -1)
put "$FS" "$F" "$sf"
before=$(b dump)
sync_says "another council's file is refused" "$B" "skipped ${sf##*/}: it belongs to another council"
[ "$(b dump)" = "$before" ] || fail "another council's file changed B"
rm -r "${F:?}/${sf%%/*}"

# ---- the folder missing, emptied, or the wrong one ----
before=$(b dump)
out=$(b sync "$WORK/not-mounted" 2>&1) && fail "sync to a missing folder: $out"
printf '%s\n' "$out" | grep -q "not mounted?); nothing changed" || fail "missing folder: $out"
[ "$(b dump)" = "$before" ] || fail "a missing folder changed B"
ok "an unmounted share: one clear message, nothing changed"
mkdir "$WORK/empty"
out=$(b sync "$WORK/empty" 2>&1)
[ "$(b dump)" = "$before" ] || fail "an empty folder changed B"
ok "an emptied folder deletes nothing ($(printf '%s' "$out" | head -1))"
mkdir "$WORK/wrong" && echo "inköpslista" >"$WORK/wrong/notes.txt" && cp "$WORK/whole" "$WORK/wrong/x.pdf"
out=$(b sync "$WORK/wrong" 2>&1)
[ "$(b dump)" = "$before" ] || fail "a wrong folder changed B"
ok "a folder chosen by mistake deletes nothing ($(printf '%s' "$out" | head -1))"
[ "$(b sync 2>&1 >/dev/null; b dump)" != "" ] || fail "sync back to the council's folder"

# ---- out of order and with gaps: a member who carries files by hand ----
U="$WORK/usb"
join_admitted "$C" "$F" "Cecilia Dahl" "$A"
cp -r "$F" "$U"
files=()
for i in 1 2 3; do
	mark
	a note $M 5 "Punkt $i av tre." >/dev/null || fail "note $i"
	a sync >/dev/null 2>&1 || fail "A syncs $i"
	files+=("$(since_mark)")
done
put "$F" "$U" "${files[2]}"
sync_says "the third file alone waits for the first two" "$C" "waiting for earlier files before ${files[2]##*/}" "$U"
has "$C" "Punkt 3 av tre." && fail "C applied a file before its past"
ok "nothing of a file is applied before its past"
put "$F" "$U" "${files[0]}"
sync_says "with the first, the third still waits" "$C" "waiting for earlier files before ${files[2]##*/}" "$U"
has "$C" "Punkt 1 av tre." || fail "C lacks the first file"
ok "the first file applies on its own"
put "$F" "$U" "${files[1]}"
out=$(c sync "$U" 2>&1) || fail "C syncs: $out"
has "$C" "Punkt 3 av tre." || fail "C lacks the third file after the gap closed: $out"
ok "the gap closed, everything applies"
cp -rn "$U/." "$F/"
for db in "$A" "$B" "$C" "$A" "$B"; do g --db "$db" sync >/dev/null 2>&1 || fail "sync $db"; done
same "files carried out of order: all the same in the end" "$A" "$B" "$C"

# ---- a full disk ----
T="$WORK/small"
mkdir "$T"
if mount -t tmpfs -o size=$(($(du -sk "$F" | cut -f1) + 512))k tmpfs "$T" 2>/dev/null; then
	trap 'umount "$T" 2>/dev/null; rm -rf "$WORK"' EXIT
	cp -r "$F/." "$T/"
	dd if=/dev/zero of="$T/fill" bs=4k 2>/dev/null
	expect_ok "note on A (its folder is full)" a note $M 6 "Skrivet när disken var full."
	before=$(a dump)
	out=$(a sync "$T" 2>&1) && fail "sync to a full disk succeeded: $out"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "full disk: not one line: $out"
	printf '%s\n' "$out" | grep -qi "no space\|full" || fail "full disk message: $out"
	ok "a full disk: one clear message ($out)"
	[ "$(a dump)" = "$before" ] || fail "a failed sync changed A"
	has "$A" "Skrivet när disken var full." || fail "A lost the note"
	[ -z "$(find "$T" -name '*.tmp')" ] || fail "a temporary file left behind on the full disk: $(find "$T" -name '*.tmp')"
	ok "nothing lost, nothing half-written left in the folder"
	rm "$T/fill"
	expect_ok "space again: the sync completes" a sync "$T"
	cp -rn "$T/." "$F/"
	umount "$T"
	trap 'rm -rf "$WORK"' EXIT
	expect_ok "B syncs" b sync
	has "$B" "Skrivet när disken var full." || fail "B lacks what A wrote after the full disk"
	ok "what was written after the full disk arrives"

	# the database's own disk full: SQLite rolls back, nothing is damaged
	mount -t tmpfs -o size=$(($(du -sk "$B" | cut -f1) + 8192))k tmpfs "$T" || fail "mount again"
	trap 'umount "$T" 2>/dev/null; rm -rf "$WORK"' EXIT
	cp "$B" "$B.identity" "$B.keys" "$T/"
	head -c 300000 /dev/zero | tr '\0' 'x' | a note $M 7 - >/dev/null || fail "a long note on A"
	a sync >/dev/null 2>&1 || fail "A syncs"
	before=$(g --db "$T/bjorn.db" dump) || fail "dump on the small disk"
	dd if=/dev/zero of="$T/fill" bs=4k 2>/dev/null
	out=$(g --db "$T/bjorn.db" sync "$F" 2>&1) && fail "a sync into a full database disk succeeded: $out"
	ok "a full database disk: the sync stops with a message ($(printf '%s' "$out" | tail -1))"
	rm "$T/fill"
	[ "$(g --db "$T/bjorn.db" dump)" = "$before" ] || fail "the failed sync changed the database"
	expect_ok "space again: the sync completes" g --db "$T/bjorn.db" sync "$F"
	umount "$T"
	trap 'rm -rf "$WORK"' EXIT
	b sync >/dev/null 2>&1 || fail "B syncs"
else
	ok "a full disk: skipped, this machine cannot mount a small tmpfs"
fi

# ---- kill -9 in the middle of a sync, on the reading and the writing side ----
for i in 1 2 3 4 5 6; do
	a note $M 5 "Avbrott $i: $(head -c 20000 /dev/zero | tr '\0' 'y')" >/dev/null || fail "note $i"
	b note $M 6 "B:s text $i." >/dev/null || fail "note on B $i"
	a sync >/dev/null 2>&1 &
	pa=$!
	b sync >/dev/null 2>&1 &
	pb=$!
	sleep "0.$((RANDOM % 6))$((RANDOM % 10))"
	kill -9 $pa $pb 2>/dev/null
	wait $pa $pb 2>/dev/null
done
has "$B" "B:s text 6." || fail "B lost what it typed before the kills"
ok "kill -9 during syncs: nothing typed is lost"
python3 - "$A" "$B" <<'EOF' || fail "a database damaged by kill -9"
import sqlite3, sys
for p in sys.argv[1:]:
    r = sqlite3.connect(p).execute("PRAGMA integrity_check").fetchone()[0]
    assert r == "ok", (p, r)
EOF
ok "both databases pass SQLite's integrity check"
for db in "$A" "$B" "$C" "$A" "$B" "$C"; do
	out=$(g --db "$db" sync 2>&1) || fail "the sync after kill -9 on $db: $out"
done
ok "the next syncs complete"
same "after the kills, everyone the same" "$A" "$B" "$C"
has "$C" "Avbrott 6" && has "$C" "B:s text 6." || fail "C lacks the last notes"
ok "every word written around the kills arrived"

# ---- deletions travel as tombstones; a concurrent edit brings the row back ----
del_paper() { # del_paper DB: deletes the first paper of a meeting not adjusted, as a future command would
	python3 - "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("DELETE FROM paper WHERE id = (SELECT p.id FROM paper p JOIN item i ON i.id = p.item_id"
               " JOIN meeting m ON m.id = i.meeting_id WHERE m.status <> 'adjusted' ORDER BY p.id LIMIT 1)").rowcount
db.commit()
assert n == 1
EOF
}
papers() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM paper").fetchone()[0])' "$1"; }
n0=$(papers "$A")
[ "$n0" -gt 1 ] || fail "the demo has $n0 papers"
del_paper "$A" || fail "delete on A"
for db in "$A" "$B" "$C"; do g --db "$db" sync >/dev/null 2>&1 || fail "sync"; done
[ "$(papers "$B")" -eq $((n0 - 1)) ] && [ "$(papers "$C")" -eq $((n0 - 1)) ] || fail "the delete did not travel"
ok "a delete travels to every copy"
# B deletes an action he added while C, offline, its owner, changes its
# status: nobody deletes what another machine made, its owner sets its
# status
act=$(b action add "Sammanställa remissvaren" --owner "Cecilia Dahl" --due 2027-02-01) || fail "B adds an action"
for db in "$B" "$C"; do g --db "$db" sync >/dev/null 2>&1 || fail "sync"; done
python3 - "$B" "$act" <<'EOF' || fail "delete the action on B"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA foreign_keys = ON")
db.execute("DELETE FROM action_note WHERE action_id LIKE ? || '%'", (sys.argv[2],))
assert db.execute("DELETE FROM action WHERE id LIKE ? || '%'", (sys.argv[2],)).rowcount == 1
db.commit()
EOF
expect_ok "C, offline, marks the action done" c action set "$act" --status done --note "Klart enligt plan."
for db in "$B" "$C" "$A" "$B" "$C"; do g --db "$db" sync >/dev/null 2>&1 || fail "sync"; done
same "a delete against a concurrent edit converges" "$A" "$B" "$C"
b dump | grep -q "Klart enligt plan." || fail "the concurrent edit was dropped by the delete"
ok "the edit made concurrently with the delete is not dropped"

# ---- a member leaves ----
expect_grep "the chair removes Björn" "" a members remove "Björn Ek" --passphrase-file <(echo "ny fras för de kvarvarande")
for db in "$A" "$C"; do g --db "$db" sync >/dev/null 2>&1 || fail "sync after removal"; done
expect_ok "after the removal A writes" a note $M 7 "Hemligt efter Björns avgång."
a sync >/dev/null 2>&1 && c sync >/dev/null 2>&1 || fail "syncs"
has "$C" "Hemligt efter Björns avgång." || fail "C, who stays, cannot read what A wrote"
ok "a member who stays reads what is written after the removal"
out=$(b sync 2>&1)
has "$B" "Hemligt efter Björns avgång." && fail "the removed member read what was written after"
printf '%s\n' "$out" | grep -q "key was changed and this machine was not given the new one" || fail "B's message: $out"
ok "the removed member reads nothing new, and is told why"
out=$(g --db "$WORK/again.db" join "$F" --as "Björn Ek" 2>&1)
has "$WORK/again.db" "Hemligt efter Björns avgång." 2>/dev/null && fail "the old passphrase opens what came after"
ok "the old passphrase opens nothing new ($(printf '%s' "$out" | head -1))"
grep -rqa "Hemligt efter" "$F" && fail "clear text in the folder"
expect_ok "Björn writes on in his own copy" b note $M 8 "Björn skriver ändå."
mark
sync_says "the removed machine writes nothing more, and says so" "$B" "left out when the council's key was changed.*nothing of it is written"
[ -z "$(since_mark)" ] || fail "the removed machine wrote [$(since_mark)]"
has "$B" "Björn skriver ändå." || fail "Björn's own copy lost his note"
a sync >/dev/null 2>&1
has "$A" "Björn skriver ändå." && fail "A took a removed member's new writing"
ok "what a removed member writes afterwards stays in their copy, not in the council's"
GAVEL_PASSPHRASE="ny fras för de kvarvarande" join_admitted "$WORK/new.db" "$F" "Dan Ärlig" "$A"
has "$WORK/new.db" "Hemligt efter Björns avgång." || fail "the new member cannot read"
ok "a newcomer who asked with the new passphrase and was admitted reads everything"

echo "$checks checks"
