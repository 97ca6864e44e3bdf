# Helpers for the end-to-end tests: each runs the real gavel binary as a
# user would, in a fresh temporary database.
set -u
: "${GAVEL:?}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GAVEL_DB="$WORK/council.db"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE
checks=0

g() { "$GAVEL" "$@"; }
# the attacker's tool (tests/tools/forge.c), built beside the binary under test
# (or, for a gavel built elsewhere, the one make test builds)
FORGE=${GAVEL_FORGE:-$(dirname "$GAVEL")/forge}
[ -x "$FORGE" ] || FORGE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/san/forge"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ok() {
	checks=$((checks + 1))
	echo "ok $checks - $*"
}

# expect_out "description" "expected output" command...
expect_out() {
	local what=$1 want=$2
	shift 2
	local got
	got=$("$@" 2>"$WORK/err") || fail "$what: exit $? from: $* -> $got $(cat "$WORK/err")"
	[ "$got" = "$want" ] || fail "$what: expected [$want] got [$got] $(cat "$WORK/err")"
	ok "$what"
}

# expect_ok "description" command...
expect_ok() {
	local what=$1
	shift
	local got
	got=$("$@" 2>&1) || fail "$what: exit $? from: $* -> $got"
	ok "$what"
}

# expect_grep "description" pattern command...
expect_grep() {
	local what=$1 pat=$2
	shift 2
	local got
	got=$("$@" 2>&1) || fail "$what: exit $? from: $*: $got"
	printf '%s\n' "$got" | grep -q -- "$pat" || fail "$what: no [$pat] in: $got"
	ok "$what"
}

# refused "description" exit-code message-pattern command...
# The command must fail with the exit code, print one line on stderr
# matching the pattern, print nothing on stdout, and leave the database
# byte-for-byte as it was (same dump).
refused() {
	local what=$1 code=$2 pat=$3
	shift 3
	local before after out err rc
	before=$("$GAVEL" dump) || fail "dump before $what"
	out=$("$@" 2>"$WORK/err")
	rc=$?
	err=$(cat "$WORK/err")
	after=$("$GAVEL" dump) || fail "dump after $what"
	[ "$rc" -eq "$code" ] || fail "$what: exit $rc, wanted $code (stderr: $err)"
	[ -z "$out" ] || fail "$what: printed on stdout: $out"
	[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$what: stderr is not one line: $err"
	printf '%s\n' "$err" | grep -q -- "$pat" || fail "$what: stderr [$err] lacks [$pat]"
	[ "$before" = "$after" ] || fail "$what: the database changed"
	ok "$what refused: $err"
}

# join_admitted DB FOLDER NAME ADMITTER_DB: the machine of DB asks to join
# the council of FOLDER as NAME, the member of ADMITTER_DB admits it by the
# fingerprint the join printed, and its first sync reads the council.
join_admitted() {
	local db=$1 folder=$2 name=$3 admitter=$4 out fp
	out=$(g --db "$db" join "$folder" --as "$name" 2>&1) || fail "$name asks to join: $out"
	printf '%s\n' "$out" | grep -q "asked to join" || fail "$name asks to join: $out"
	fp=$(printf '%s\n' "$out" | sed -n 's/.*machine.s fingerprint: //p')
	[ -n "$fp" ] || fail "the join printed no fingerprint: $out"
	out=$(g --db "$admitter" members admit "$fp" 2>&1) || fail "admit $name: $out"
	out=$(g --db "$db" sync 2>&1) || fail "$name's first sync: $out"
	printf '%s\n' "$out" | grep -q "^admitted" || fail "$name not admitted: $out"
	ok "$name asked to join, was admitted by fingerprint and read the council"
}

# give_role ADMIN_DB MEMBER_DB NAME ROLE: the member of ADMIN_DB (with the
# power) makes NAME a ROLE of the council's radet, and the machine of
# MEMBER_DB syncs it in: the secretary and the chair write the minutes.
give_role() {
	local admin=$1 member=$2 name=$3 role=$4 out
	out=$(g --db "$admin" member add radet "$name" "$role" 2>&1) || fail "$name made $role: $out"
	out=$(g --db "$admin" sync 2>&1) || fail "sync after making $name $role: $out"
	out=$(g --db "$member" sync 2>&1) || fail "$name's sync of the role: $out"
}

# two_members: Eva shares the demo council through $F and Björn joins it
# ($A, $B, and a, b to run gavel on each; M a meeting of the demo), both
# synced once. The demo is made on a fixed day, so its meetings have
# known dates.
two_members() {
	F="$WORK/folder"
	A="$WORK/eva.db" B="$WORK/bjorn.db"
	export GAVEL_TODAY=2026-11-23
	export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
	a() { g --db "$A" "$@"; }
	b() { g --db "$B" "$@"; }
	M=radet/2026-12-07
	expect_ok "demo council" a demo
	expect_grep "share" "shared the council through" a council share "$F" --as "Eva Lind"
	join_admitted "$B" "$F" "Björn Ek" "$A"
	a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "first syncs"
}
