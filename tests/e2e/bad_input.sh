#!/bin/bash
# Every kind of bad input is refused with one clear line on stderr, a
# non-zero exit, nothing on stdout, and the database exactly as it was.
. "$(dirname "$0")/../lib.sh"

out=$(g meeting list 2>&1); rc=$?
[ $rc -eq 1 ] && printf '%s' "$out" | grep -q "no council in" && [ ! -e "$GAVEL_DB" ] || fail "no database: $rc $out"
ok "no database yet: $out"
g init "Rådet" >/dev/null || fail init
refused "init twice" 1 "already holds the council" g init "Ett till råd"
g body add radet "Digitaliseringsrådet" || fail body
for p in "Åsa Ölund" "Björn Ek" "Cecilia Dahl" "Eva Lind" "Fredrik Öst" "Gun Holm"; do g person add "$p" >/dev/null || fail "$p"; done
g member add radet "Åsa Ölund" ordförande && g member add radet "Björn Ek" ledamot && g member add radet "Cecilia Dahl" ledamot &&
	g member add radet "Fredrik Öst" ersättare && g member add radet "Eva Lind" sekreterare || fail members
g goal add 1 "Enklare vardag" || fail goal
g meeting add radet 2026-03-10 >/dev/null || fail meeting
M=radet/2026-03-10
g item add $M "Mötets öppnande" >/dev/null && g item add $M "Ärende" >/dev/null || fail items
g attend $M "Åsa Ölund" && g attend $M "Björn Ek" && g attend $M "Cecilia Dahl" --absent || fail attend
g meeting open $M || fail open
ok "set-up"

# usage errors: exit 2
refused "unknown command" 2 "unknown command" g frobnicate
refused "missing argument" 2 "usage: gavel body add" g body add radet
refused "too many arguments" 2 "usage: gavel note" g note $M 1 "a" "b"
refused "unknown option" 2 "unknown option --colour" g meeting list --colour
refused "option without value" 2 "needs a value" g meeting add radet 2026-04-01 --time
refused "flag with a value" 2 "takes no value" g attend $M "Eva Lind" --absent=yes
refused "unknown global option" 2 "unknown option" g --frob meeting list
refused "adjust without --by" 2 "--by" g adjust $M

# dates and times
refused "impossible date" 1 "invalid date: 2026-02-30" g meeting add radet 2026-02-30
refused "date in another form" 1 "invalid date: 10/3/2026" g meeting add radet 10/3/2026
refused "month 13" 1 "invalid start date" g member add radet "Eva Lind" ledamot --from 2026-13-01
refused "membership ends before it starts" 1 "ends" g member add radet "Eva Lind" ledamot --from 2026-05-01 --to 2026-01-01
refused "due date" 1 "invalid due date" g action add "X" --owner "Eva Lind" --due 2026-06-31
refused "hour 25" 1 "invalid start time: 25:00" g meeting add radet 2026-04-01 --time 25:00
refused "time without colon" 1 "invalid time: 9.00" g meeting close $M --at 9.00
refused "ends before it starts" 1 "ends" g meeting add radet 2026-04-01 --time 13:00 --end 12:00

# unknown things
refused "unknown body" 1 "unknown body: nobody" g meeting add nobody 2026-04-01
refused "meeting name without date" 1 "invalid meeting" g meeting show radet
refused "unknown meeting" 1 "unknown meeting: radet/2026-03-11" g meeting show radet/2026-03-11
refused "unknown item" 1 "has no item 99" g note $M 99 "text"
refused "item not a number" 1 "invalid item number: två" g note $M två "text"
refused "unknown person at attendance" 1 "unknown person: Nils Nobody" g attend $M "Nils Nobody"
refused "unknown person as presenter" 1 "unknown person: Nils" g item add $M "Punkt" --presenter Nils
refused "unknown owner" 1 "unknown person or organisation: Nils" g action add "X" --owner Nils
refused "unknown goal" 1 "unknown goal: 9.9" g action add "X" --owner "Eva Lind" --goal 9.9
refused "unknown decision" 1 "unknown decision: radet/2026/99" g action add "X" --owner "Eva Lind" --decision radet/2026/99
refused "bad decision name" 1 "invalid decision" g action add "X" --owner "Eva Lind" --decision "§ 3"
refused "unknown action" 1 "unknown action: abcdef12" g action set abcdef12 --status done
refused "unknown proposal" 1 "unknown proposal" g proposal screen 1234abcd yes
refused "unknown role" 1 "unknown role: kassör" g member add radet "Eva Lind" kassör
refused "unknown role at meeting" 1 "unknown role: kassör" g attend $M "Eva Lind" --role kassör
refused "unknown kind" 1 "invalid kind" g item add $M "Punkt" --kind beslut
refused "unknown status" 1 "invalid status: klar" g action list --status klar
refused "unknown parent goal" 1 "unknown goal: 4" g goal add 4.1 "Delmål" --parent 4
refused "sub-goal code under wrong parent" 1 "does not belong" g goal add 2.1 "Delmål" --parent 1
refused "bad goal code" 1 "invalid goal code" g goal add "1..2" "Delmål"
refused "non-numeric reading" 1 "invalid value: många" g goal reading 1 2025 många
refused "bad year" 1 "invalid year: 20x5" g goal reading 1 20x5 3

# duplicates
refused "duplicate body" 1 "already exists" g body add radet "Rådet igen"
refused "duplicate person" 1 "already exists" g person add "åsa ölund"
refused "duplicate meeting" 1 "already exists" g meeting add radet 2026-03-10
refused "bad body short name" 1 "invalid short name" g body add "Rådet" "Rådet"
refused "bad e-mail" 1 "invalid e-mail" g person add "Nils Nilsson" --email "nils at example"
refused "empty name" 1 "must not be empty" g person add ""

# the rules of a decision
refused "votes beyond those present" 1 "only 2 decision-makers" g decide $M 2 "att besluta" --yes 2 --no 1
refused "dissent by an absent member" 1 "did not take part" g decide $M 2 "att besluta" --dissent "Cecilia Dahl:Nej"
refused "dissent with jäv" 1 "did not take part" g decide $M 2 "att besluta" --conflict "Björn Ek" --dissent "Björn Ek"
refused "vote with jäv" 1 "takes no part" g decide $M 2 "att besluta" --conflict "Björn Ek" --vote "Björn Ek:yes"
refused "vote by a guest" 1 "takes no part" g decide $M 2 "att besluta" --vote "Gun Holm:yes"
refused "named votes beyond the count" 1 "named yes votes" g decide $M 2 "att besluta" --yes 1 --vote "Åsa Ölund:yes" --vote "Björn Ek:yes"
refused "bad vote" 1 "invalid vote" g decide $M 2 "att besluta" --vote "Björn Ek:kanske"
refused "negative count" 1 "invalid number of yes votes" g decide $M 2 "att besluta" --yes -1
refused "vote twice" 1 "votes twice" g decide $M 2 "att besluta" --vote "Björn Ek:yes" --vote "Björn Ek:no"
refused "substitute for a present member" 1 "is present" g attend $M "Fredrik Öst" --for "Åsa Ölund"
refused "substitute for a non-member" 1 "not a decision-making member" g attend $M "Fredrik Öst" --for "Eva Lind"
refused "serve for oneself" 1 "themselves" g attend $M "Cecilia Dahl" --for "Cecilia Dahl"
refused "left before coming" 1 "left after item" g attend $M "Björn Ek" --from-item 3 --to-item 2
g meeting add radet 2026-05-05 >/dev/null || fail "meeting 2"
refused "close a planned meeting" 1 "cannot become closed" g meeting close radet/2026-05-05
refused "open twice" 1 "already open" g meeting open $M

# text: invalid UTF-8, control characters, a huge paste
refused "invalid UTF-8" 1 "invalid UTF-8" g note $M 1 "$(printf 'bad \xff byte')"
refused "control character" 1 "control character" g note $M 1 "$(printf 'bell \a')"
head -c 11000000 /dev/zero | tr '\0' 'a' > "$WORK/huge"
refused "an 11 MB paste" 1 "too long" sh -c "$GAVEL note $M 1 - < $WORK/huge"
python3 -c 'import sys; sys.stdout.write(("Åtgärder för e-legitimation och öppna data. " * 24000))' > "$WORK/mb"
g note $M 1 - < "$WORK/mb" || fail "1 MB paste"
[ "$(g meeting show $M --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"][0]["notes"]))')" -ge 1000000 ] || fail "1 MB paste kept"
ok "a 1 MB paste is kept whole"

# the proposal screening
g question add "Ligger förslaget i linje med målen?" && g question add "Finns en ägare?" || fail questions
P=$(g proposal add "Gemensam e-arkivtjänst" --by "Eva Lind") || fail proposal
refused "too few answers" 1 "expected 2 answers" g proposal screen "$P" yes
refused "bad answer" 1 "invalid answer: kanske" g proposal screen "$P" yes kanske
expect_out "all yes: screened" "screened" g proposal screen "$P" ja yes
refused "bad proposal status" 1 "invalid status" g proposal set "$P" --status klar
R=$(g proposal add "Gatlyktor i appen" --by "Eva Lind") || fail proposal
g proposal screen "$R" yes no >/dev/null || fail screen
refused "a rejected proposal on an agenda" 1 "every screening answer must be yes" g proposal agenda "$R" $M
refused "a proposal on an unknown meeting" 1 "unknown meeting" g proposal agenda "$P" radet/2031-01-01

# agenda moves and preparation
refused "item moved past the end" 1 "no place 9 on the agenda" g item move $M 1 9
refused "item move to place 0" 1 "invalid item number" g item move $M 1 0
refused "unknown item moved" 1 "unknown item" g item move $M 7 1
refused "a choice of offers out of range" 1 "no offer 99" g meeting prepare $M --add 1,99
refused "a choice of offers that is no number" 1 "no offer x" g meeting prepare $M --add x
refused "a decision named by an item without one" 1 "no decision at item 2" g action add "Plan" --owner "Eva Lind" --decision $M/2
refused "decisions of a year that is none" 1 "invalid year: 20x6" g decision list --year 20x6
refused "decisions of an unknown goal" 1 "unknown goal" g decision list --goal 9.9

# a corrupt database file
printf 'this is not a database, just text that looks like nothing' > "$WORK/bad.db"
out=$(GAVEL_DB="$WORK/bad.db" "$GAVEL" meeting list 2>&1); rc=$?
[ $rc -eq 1 ] && printf '%s' "$out" | grep -q "not a gavel database" || fail "corrupt file: $rc $out"
cmp -s "$WORK/bad.db" <(printf 'this is not a database, just text that looks like nothing') || fail "corrupt file changed"
ok "corrupt database refused and left alone: $out"
echo "checks: $checks"
