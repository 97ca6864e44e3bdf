#!/bin/bash
# Members only: someone who can write into the shared folder (a cloud
# host, a sync tool's peer, anyone on the network share) but holds neither
# the passphrase nor a member's key plants key-change files made with
# gavel's own code (tests/tools/forge.c). No member takes the planted key,
# so nothing written afterwards is readable with it; one sealed to nobody
# makes no member believe it was removed; seventy of them do not crowd out
# the council's real keys, and a real key change afterwards reaches every
# member.
. "$(dirname "$0")/../lib.sh"

same() { # same "what" DB DB: byte-identical dumps
	[ "$(g --db "$2" dump)" = "$(g --db "$3" dump)" ] || fail "$1: $2 and $3 differ"
	ok "$1"
}

[ -x "$FORGE" ] || fail "no attacker's tool at $FORGE (make test builds it)"
two_members

# ---- an outsider's key change, at the next epoch and far ahead ----
for epoch in 2 9; do
	"$FORGE" rekey "$F" $epoch "$WORK/planted-$epoch.key" >/dev/null || fail "forge rekey $epoch"
	out=$(a sync 2>&1) || fail "Eva's sync with a planted key change: $out"
	printf '%s\n' "$out" | grep -q "not a member's" || fail "the planted file is not named as a stranger's: $out"
	a note "$M" 2 "Efter nyckel $epoch från en utomstående" >/dev/null || fail "note"
	a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after the planted key $epoch"
	b dump | grep -q "Efter nyckel $epoch från en utomstående" || fail "Björn cannot read Eva after the planted key $epoch"
	n=$("$FORGE" read "$F" "$WORK/planted-$epoch.key") || fail "forge read"
	[ "$n" = 0 ] || fail "the outsider reads $n files of the members with the planted key of epoch $epoch"
	ok "an outsider's key change at epoch $epoch: refused, named, and nothing written after it is readable with its key"
done

# ---- sealed to nobody: nobody believes they were removed ----
"$FORGE" rekey "$F" 2 "$WORK/nobody.key" nobody >/dev/null || fail "forge rekey to nobody"
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after a key change sealed to nobody"
before=$(find "$F" -type f | wc -l)
b proposal add "Björn skriver fortfarande" --by "Björn Ek" >/dev/null || fail "proposal"
b sync >/dev/null 2>&1 && a sync >/dev/null 2>&1 || fail "syncs"
[ "$(find "$F" -type f | wc -l)" -gt "$before" ] || fail "Björn stopped writing to the folder"
a dump | grep -q "Björn skriver fortfarande" || fail "Björn's note did not reach Eva"
b members | grep -q "removed" && fail "Björn's copy believes someone was removed: $(b members)"
ok "a key change sealed to nobody: every member still writes and reads"

# ---- seventy planted key changes do not crowd out the real keys ----
for i in $(seq 2 71); do "$FORGE" rekey "$F" "$i" "$WORK/flood.key" >/dev/null || fail "forge $i"; done
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after the flood"
expect_grep "Eva changes the council key" "" env GAVEL_PASSPHRASE="grön kanot simmar under bron" "$GAVEL" --db "$A" council passphrase
a note "$M" 4 "Under den nya riktiga nyckeln" >/dev/null || fail "note"
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after the real key change"
b dump | grep -q "Under den nya riktiga nyckeln" || fail "the real key change did not reach Björn after the flood"
n=$("$FORGE" read "$F" "$WORK/flood.key") || fail "forge read"
[ "$n" = 0 ] || fail "the outsider reads $n files with a flooded key"
ok "seventy planted key changes: the real key change afterwards reaches every member, none of the planted keys reads anything"
same "the two copies agree" "$A" "$B"

# ---- a removal: not under a passphrase the council has had ----
C="$WORK/cecilia.db"
c() { g --db "$C" "$@"; }
GAVEL_PASSPHRASE="grön kanot simmar under bron" join_admitted "$C" "$F" "Cecilia Dahl" "$A"
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after Cecilia joined"
for old in "grön kanot simmar under bron" "korrekt häftklammer hästbatteri"; do
	out=$(GAVEL_PASSPHRASE="$old" a members remove "Cecilia Dahl" 2>&1) && fail "a removal under the passphrase [$old] the council has had"
	printf '%s\n' "$out" | grep -q "has had this passphrase before" || fail "no clear message: $out"
done
a members | grep -q "Cecilia Dahl.*removed" && fail "a refused removal removed Cecilia"
ok "a removal under the present or an earlier passphrase is refused, and removes nobody"
expect_grep "Eva removes Cecilia under a new passphrase" "removed Cecilia Dahl" env GAVEL_PASSPHRASE="sju röda trådar i vinden" "$GAVEL" --db "$A" members remove "Cecilia Dahl"
b sync >/dev/null 2>&1 || fail "Björn's sync after the removal"
for old in "grön kanot simmar under bron" "korrekt häftklammer hästbatteri"; do
	out=$(GAVEL_PASSPHRASE="$old" "$GAVEL" --db "$WORK/again-$RANDOM.db" join "$F" --as "Cecilia Dahl" 2>&1) ||
		fail "an earlier passphrase gives no request at all: $out"
	printf '%s\n' "$out" | grep -q "newer invitation this passphrase does not open" || fail "no warning for an old passphrase: $out"
done
out=$(a sync 2>&1) || fail "Eva's sync: $out"
[ "$(printf '%s\n' "$out" | grep -c "a request to join made with a passphrase the council no longer has")" -eq 2 ] ||
	fail "the requests made with earlier passphrases are not both refused and named: $out"
a members | grep -q "Asking to join" && fail "a request made with an earlier passphrase is listed: $(a members)"
ok "after the removal an earlier passphrase gets nobody a hearing: the newcomer is warned, and the members refuse the request"
GAVEL_PASSPHRASE="sju röda trådar i vinden" join_admitted "$WORK/dan.db" "$F" "Dan Ärlig" "$A"

# ---- one bad file hurts only itself ----
# Dan, the second secretary, with his own machine's keys, writes a file no
# gavel command would: a meeting's status against the schema's rule. Then
# an ordinary note.
D="$WORK/dan.db"
d() { g --db "$D" "$@"; }
give_role "$A" "$D" "Dan Ärlig" sekreterare
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 && d sync >/dev/null 2>&1 || fail "syncs before the bad file"
mid=$(sqlite3 "$D" "SELECT id FROM meeting WHERE status <> 'adjusted' ORDER BY date LIMIT 1")
"$FORGE" change "$D" meeting "$mid" status bogus || fail "forge change"
d note "$M" 5 "Dans vanliga anteckning efter den dåliga filen" >/dev/null || fail "note"
d sync >/dev/null 2>&1 || fail "Dan's sync"
out=$(a sync 2>&1) || fail "a file the database refuses makes Eva's sync fail: $out"
printf '%s\n' "$out" | grep -q "written by Dan Ärlig, refused by the database" || fail "the refused file is not named with its writer: $out"
a dump | grep -q "Dans vanliga anteckning efter den dåliga filen" || fail "Dan's later file waits behind the refused one"
a dump | grep -q '"status":"bogus"' && fail "the refused value came in"
ok "a file the database refuses: passed over, named with its writer, and the writer's later files come in"
b sync >/dev/null 2>&1 && d sync >/dev/null 2>&1 || fail "syncs"
same "every copy passes over the same file" "$A" "$B"

# ---- what a member's file may not change ----
# Cecilia, removed, writes on with her old keys: she takes her removal back,
# and rewrites a goal; Björn, a member, gives the chair's recorded key to
# a machine of his.
crow=$(sqlite3 "$A" "SELECT k.id FROM member_key k JOIN person p ON p.id = k.person_id WHERE p.name = 'Cecilia Dahl'")
[ -n "$crow" ] || fail "no key of Cecilia's"
[ -n "$(sqlite3 "$A" "SELECT cutoff FROM member_key WHERE id = '$crow'")" ] || fail "the removal names no cut-off"
goal=$(sqlite3 "$A" "SELECT id FROM goal ORDER BY code LIMIT 1")
"$FORGE" change "$C" member_key "$crow" revoked "" || fail "forge change (un-revoke)"
"$FORGE" change "$C" goal "$goal" title "Cecilias mål efter avgången" || fail "forge change (goal)"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
[ "$(printf '%s\n' "$out" | grep -c "written by a removed member's machine after the removal; not taken")" -eq 2 ] ||
	fail "the removed member's two later files are not both refused and named: $out"
a members | grep -q "Cecilia Dahl.*removed" || fail "Cecilia is no longer removed: $(a members)"
a dump | grep -q "Cecilias mål efter avgången" && fail "a removed member's later change came in"
ok "a removed member writing on with her old keys (her removal taken back, a goal rewritten): refused and named"
erow=$(sqlite3 "$A" "SELECT k.id FROM member_key k JOIN person p ON p.id = k.person_id WHERE p.name = 'Eva Lind'")
bactor=$(sqlite3 "$B" "SELECT value FROM local WHERE key = 'actor'")
"$FORGE" change "$B" member_key "$erow" actor "$bactor" || fail "forge change (rebind)"
b sync >/dev/null 2>&1 || fail "Björn's sync"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "written by Björn Ek, against the council's rules (it changes whose a recorded key is)" ||
	fail "the rebinding is not refused and named: $out"
d sync >/dev/null 2>&1 || fail "Dan's sync"
same "every copy refuses the same files" "$A" "$D"
[ "$(sqlite3 "$D" "SELECT actor FROM member_key WHERE id = '$erow'")" != "$bactor" ] || fail "Eva's key was given to Björn's machine"
ok "a member giving another's key to his machine: refused, named, on every copy"

# ---- an adjusted meeting's record is locked ----
# Björn, having seen the protocol adjusted, rewrites one of its decisions
# and sets the meeting back to closed.
adj=$(sqlite3 "$B" "SELECT id FROM meeting WHERE status = 'adjusted' ORDER BY date LIMIT 1")
dec=$(sqlite3 "$B" "SELECT d.id FROM decision d JOIN item i ON i.id = d.item_id WHERE i.meeting_id = '$adj' LIMIT 1")
[ -n "$adj" ] && [ -n "$dec" ] || fail "no adjusted meeting with a decision in the demo"
"$FORGE" change "$B" decision "$dec" text "Ändrat i efterhand" || fail "forge change (decision)"
"$FORGE" change "$B" meeting "$adj" status closed || fail "forge change (status)"
b proposal add "Björns anteckning efter ändringsförsöken" --by "Björn Ek" >/dev/null && b sync >/dev/null 2>&1 ||
	fail "Björn's proposal and sync"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
[ "$(printf '%s\n' "$out" | grep -c "written by Björn Ek, against the council's rules (it changes the record of an adjusted meeting)")" -eq 2 ] ||
	fail "the changes to the adjusted meeting are not both refused and named: $out"
a dump | grep -q "Ändrat i efterhand" && fail "the adjusted decision was rewritten"
[ "$(sqlite3 "$A" "SELECT status FROM meeting WHERE id = '$adj'")" = adjusted ] || fail "the adjusted meeting was set back"
a dump | grep -q "Björns anteckning efter ändringsförsöken" || fail "Björn's ordinary note did not come in"
d sync >/dev/null 2>&1 || fail "Dan's sync"
same "every copy refuses the changes to the adjusted meeting" "$A" "$D"
ok "a member rewriting an adjusted decision or reopening an adjusted meeting: refused, named, on every copy"

# a conflict in minutes that are then adjusted stays as it is (Dan keeps
# the minutes beside Eva)
a note "$M" 7 "Evas version" >/dev/null && d note "$M" 7 "Dans version" >/dev/null || fail "two notes"
a sync >/dev/null 2>&1 && d sync >/dev/null 2>&1 && a sync >/dev/null 2>&1 || fail "syncs"
cid=$(a conflicts | grep -o '^[0-9a-f]\{8,\}' | head -1)
[ -n "$cid" ] || fail "no conflict: $(a conflicts)"
a attend "$M" "Maria Johansson" >/dev/null && a attend "$M" "Karin Åberg" >/dev/null || fail "attend"
a meeting open "$M" --at 09:00 >/dev/null 2>&1
a meeting close "$M" --at 11:00 >/dev/null 2>&1 || fail "close: $(a meeting close "$M" --at 11:00 2>&1)"
a adjust "$M" --by "Maria Johansson" --by "Karin Åberg" --on-paper >/dev/null 2>&1 || fail "adjust: $(a adjust "$M" --by "Maria Johansson" --by "Karin Åberg" --on-paper 2>&1)"
out=$(a conflicts resolve "$cid" other 2>&1) && fail "a conflict in adjusted minutes was resolved: $out"
printf '%s\n' "$out" | grep -q "adjusted meeting, which are locked" || fail "no clear message: $out"
ok "a conflict in the minutes of an adjusted meeting cannot be resolved: the others would refuse the choice"

# ---- the passphrase is no proof of who one is ----
# Mallory knows the passphrase and asks to join as the chair.
P="sju röda trådar i vinden"
X="$WORK/mallory.db"
out=$(GAVEL_PASSPHRASE="$P" g --db "$X" join "$F" --as "Maria Johansson" 2>&1) || fail "Mallory's request: $out"
xfp=$(printf '%s\n' "$out" | sed -n 's/.*machine.s fingerprint: //p')
out=$(g --db "$X" sync 2>&1) || fail "Mallory's sync: $out"
printf '%s\n' "$out" | grep -q "not admitted yet" || fail "Mallory's sync does not say she waits: $out"
g --db "$X" dump 2>/dev/null | grep -q "Digitaliseringsrådet" && fail "a request alone read the council"
ok "asking to join as the chair with the passphrase reads nothing ($(printf '%s' "$out" | head -1))"
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs after the request"
a members | grep -q "Maria Johansson *$xfp" || fail "Eva does not see the request with its fingerprint: $(a members)"
a members | grep -q "^Maria Johansson .*files" && fail "the request is listed as a member: $(a members)"
ok "the members see the request under the name it claims, with the fingerprint to compare"
a members | grep "Maria Johansson *$xfp" | grep -q "already has a machine" && fail "a name with no machine is marked: $(a members)"
out=$(GAVEL_PASSPHRASE="$P" g --db "$WORK/x2.db" join "$F" --as "Björn Ek" 2>&1) || fail "a request as Björn: $out"
x2fp=$(printf '%s\n' "$out" | sed -n 's/.*machine.s fingerprint: //p')
a sync >/dev/null 2>&1 || fail "sync after the second request"
a members | grep "Björn Ek *$x2fp" | grep -q "this name already has a machine: a new one of theirs, or someone else using it" ||
	fail "a request under a member's name is not marked: $(a members)"
ok "a request under the name of a member who has a machine is marked, so that the members ask them"
refusal=$(b members admit "$xfp" 2>&1) && fail "Björn, an ordinary member, admitted Mallory"
printf '%s\n' "$refusal" | grep -q "only the chair, the vice chair, the secretary" || fail "no clear refusal: $refusal"
ok "an ordinary member cannot admit: $refusal"

# Björn, with his machine's keys, admits her anyway: her key recorded for the
# chair, and every council key sealed to it.
xpk=$(sqlite3 "$X" "SELECT value FROM local WHERE key = 'identity_key'")
xactor=$(sqlite3 "$X" "SELECT value FROM local WHERE key = 'actor'")
maria=$(sqlite3 "$A" "SELECT id FROM person WHERE name = 'Maria Johansson'")
[ -n "$xpk" ] && [ -n "$xactor" ] && [ -n "$maria" ] || fail "Mallory's key, actor or the chair's id"
"$FORGE" change "$B" member_key 0123456789abcdef0123456789abcdef person_id "$maria" public_key "$xpk" actor "$xactor" ||
	fail "forge change (admission)"
"$FORGE" admit "$B" "$xpk" || fail "forge admit"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "written by Björn Ek, against the council's rules (it admits or removes a member, and its writer has no such power)" ||
	fail "Björn's admission is not refused and named: $out"
printf '%s\n' "$out" | grep -q "an admission written by a machine without the power" || fail "Björn's sealed keys are not named: $out"
out=$(g --db "$X" sync 2>&1) || fail "Mallory's sync: $out"
printf '%s\n' "$out" | grep -q "not admitted yet" || fail "Mallory took an ordinary member's admission: $out"
g --db "$X" dump 2>/dev/null | grep -q "Digitaliseringsrådet" && fail "Mallory kept the council an ordinary member sealed to her"
a members | grep -q "^Maria Johansson .*files" && fail "Mallory's key counts as the chair's: $(a members)"
d sync >/dev/null 2>&1 || fail "Dan's sync"
same "every copy refuses an ordinary member's admission" "$A" "$D"
ok "an ordinary member's admission of an outsider as the chair: refused on every copy, and the outsider keeps nothing"

# Björn removes Eva, and makes himself chair
ekey=$(sqlite3 "$A" "SELECT k.id FROM member_key k JOIN person p ON p.id = k.person_id WHERE p.name = 'Eva Lind'")
bjorn=$(sqlite3 "$A" "SELECT id FROM person WHERE name = 'Björn Ek'")
body=$(sqlite3 "$A" "SELECT id FROM body ORDER BY short LIMIT 1")
brole=fedcba9876543210fedcba9876543210
"$FORGE" change "$B" member_key "$ekey" revoked "2026-11-23T10:00:00Z" || fail "forge change (removal)"
"$FORGE" change "$B" membership "$brole" body_id "$body" person_id "$bjorn" role "ordförande" || fail "forge change (role)"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "against the council's rules (it admits or removes a member, and its writer has no such power)" ||
	fail "Björn's removal of Eva is not refused: $out"
printf '%s\n' "$out" | grep -q "against the council's rules (it changes the members' roles, and its writer has no such power)" ||
	fail "Björn's new role is not refused: $out"
a members | grep -q "Eva Lind.*removed" && fail "Björn removed Eva: $(a members)"
[ -z "$(sqlite3 "$A" "SELECT role FROM membership WHERE id = '$brole'")" ] || fail "Björn made himself chair"
d sync >/dev/null 2>&1 || fail "Dan's sync"
same "every copy refuses an ordinary member's removal of another and new role" "$A" "$D"
ok "an ordinary member removing the founder or making himself chair: refused, named, on every copy"
eva=$(sqlite3 "$A" "SELECT id FROM person WHERE name = 'Eva Lind'")
"$FORGE" change "$B" person "$eva" name "Eva Lind (avgått)" || fail "forge change (rename)"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "against the council's rules (it changes a recorded person, and its writer has no such power)" ||
	fail "Björn's renaming of Eva is not refused: $out"
a dump | grep -q "Eva Lind (avgått)" && fail "Björn renamed Eva"
ok "an ordinary member renaming a person: refused and named"

# ---- the minutes are the secretary's and the chair's ----
# Björn, an ordinary member, is refused on his own machine before anything
# is written; a file made to get round that is refused on every copy. What
# a member may do, he does: the status of his own action, a note on it.
nm=$(sqlite3 "$B" "SELECT b.short || '/' || m.date FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.status = 'planned' ORDER BY m.date LIMIT 1")
before=$(b dump)
out=$(b note "$nm" 1 "Björn skriver protokollet" 2>&1) && fail "an ordinary member wrote the minutes: $out"
printf '%s\n' "$out" | grep -q "only the chair, the vice chair, the secretary or the member who shared the council" ||
	fail "the refusal does not say who may: $out"
out=$(b decide "$nm" 1 "att Björn bestämmer" 2>&1) && fail "an ordinary member recorded a decision: $out"
out=$(b action add "Björns egen åtgärd" --owner "Björn Ek" 2>&1) && fail "an ordinary member added an action: $out"
[ "$(b dump)" = "$before" ] || fail "the refused writes changed Björn's copy"
ok "an ordinary member's notes, decision and action are refused on his machine, which stays as it was: $out"
mine=$(a action add "Björns uppdrag" --owner "Björn Ek" --due 2027-03-01) || fail "an action for Björn"
theirs=$(a action add "Evas uppdrag" --owner "Eva Lind" --due 2027-03-01) || fail "an action for Eva"
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 || fail "syncs"
mine=$(sqlite3 "$B" "SELECT id FROM action WHERE id LIKE '$mine%'") theirs=$(sqlite3 "$B" "SELECT id FROM action WHERE id LIKE '$theirs%'")
out=$(b action set "$theirs" --status done 2>&1) && fail "an ordinary member set another's action: $out"
expect_ok "Björn sets his own action going, with a note" b action set "$mine" --status ongoing --note "Björn har börjat"
b sync >/dev/null 2>&1 || fail "Björn's sync"
item=$(sqlite3 "$B" "SELECT i.id FROM item i JOIN meeting m ON m.id = i.meeting_id WHERE m.status <> 'adjusted' ORDER BY m.date, i.pos LIMIT 1")
"$FORGE" change "$B" item "$item" notes "Björns egna protokoll" || fail "forge change (notes)"
"$FORGE" change "$B" action "$theirs" status done || fail "forge change (another's action)"
"$FORGE" change "$B" action "$mine" title "Björns större uppdrag" || fail "forge change (his action's title)"
"$FORGE" change "$B" action 0123456789abcdef0123456789abcdef title "Björns påhitt" owner_person_id "$bjorn" \
	created 2026-11-23T12:00:00Z updated 2026-11-23T12:00:00Z author "$bactor" status planned || fail "forge change (new action)"
for x in $(sqlite3 "$B" "SELECT id FROM action WHERE id <> '$mine' LIMIT 3"); do
	"$FORGE" delete "$B" action "$x" || fail "forge delete"
done
out=$(a sync 2>&1) || fail "Eva's sync: $out"
for why in "it changes the minutes or the council's plans, and its writer is not the chair, the vice chair or the secretary" \
	"it changes more of an action than the status, or an action its writer does not own" \
	"it deletes what another machine wrote"; do
	printf '%s\n' "$out" | grep -q "written by Björn Ek, against the council's rules ($why)" || fail "not refused [$why]: $out"
done
[ "$(printf '%s\n' "$out" | grep -c "written by Björn Ek, against the council's rules")" -eq 7 ] || fail "not all seven refused: $out"
a dump | grep -q "Björns egna protokoll\|Björns större uppdrag\|Björns påhitt" && fail "a forged change came in"
[ "$(sqlite3 "$A" "SELECT status FROM action WHERE id = '$theirs'")" = planned ] || fail "Björn set Eva's action"
[ "$(sqlite3 "$A" "SELECT status FROM action WHERE id = '$mine'")" = ongoing ] || fail "Björn's own status did not come in"
a dump | grep -q "Björn har börjat" || fail "Björn's note on his action did not come in"
d sync >/dev/null 2>&1 || fail "Dan's sync"
same "every copy refuses the ordinary member's minutes, actions and deletes alike" "$A" "$D"
ok "an ordinary member writing the minutes, another's action, a new action or deleting others' actions: refused, named, on every copy; his own action's status comes in"

# what a member may do to another's action: a progress note
expect_ok "Björn notes progress on Eva's action" b action set "$theirs" --note "Björn hjälper till"
b sync >/dev/null 2>&1 && a sync >/dev/null 2>&1 || fail "syncs"
a dump | grep -q "Björn hjälper till" || fail "Björn's note on Eva's action did not come in"
ok "a member's progress note on another's action is taken on every copy"
# claiming to have made a row: a change that rewrites nothing, with a clock
# from long ago, then a delete of the row; and naming himself a signer
eactor=$(sqlite3 "$A" "SELECT value FROM local WHERE key = 'actor'")
prop=$(sqlite3 "$A" "SELECT row FROM sync_ver WHERE tbl = 'proposal' AND col = 'created' AND writer = '$eactor' ORDER BY row LIMIT 1")
[ -n "$prop" ] || fail "no proposal of Eva's machine"
ptitle=$(sqlite3 "$A" "SELECT title FROM proposal WHERE id = '$prop'")
pcreated=$(sqlite3 "$A" "SELECT created FROM proposal WHERE id = '$prop'")
FORGE_HLC=65536 "$FORGE" change "$B" proposal "$prop" title "$ptitle" created "$pcreated" || fail "forge change (created)"
FORGE_HLC=65536 "$FORGE" change "$B" proposal "$prop" title "$ptitle" || fail "forge change (old clock)"
"$FORGE" delete "$B" proposal "$prop" || fail "forge delete (proposal)"
"$FORGE" change "$B" proposal "$prop" title "Björns rubrik" || fail "forge change (proposal)"
nmid=$(sqlite3 "$A" "SELECT m.id FROM meeting m JOIN body b ON b.id = m.body_id WHERE b.short || '/' || m.date = '$nm'")
"$FORGE" change "$B" adjust_signer 0123456789abcdef0123456789abcdee meeting_id "$nmid" \
	scope "" person_id "$bjorn" created 2026-11-23T12:00:00Z updated 2026-11-23T12:00:00Z author "$bactor" ||
	fail "forge change (signer)"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
for why in "it rewrites when a recorded row was made" "it deletes what another machine wrote" \
	"it changes a recorded proposal, organisation or note" "it changes the minutes or the council's plans"; do
	printf '%s\n' "$out" | grep -q "written by Björn Ek, against the council's rules ($why" || fail "not refused [$why]: $out"
done
[ "$(sqlite3 "$A" "SELECT title FROM proposal WHERE id = '$prop'")" = "$ptitle" ] || fail "Björn deleted or retitled Eva's proposal"
ok "a member claiming to have made a row with an old clock, then deleting it, or naming himself a signer: refused, named"

# a copy of Björn's database without his key file cannot speak for him
cp "$B" "$WORK/bcopy.db" && cp "$B.keys" "$WORK/bcopy.db.keys" || fail "copy"
g --db "$WORK/bcopy.db" proposal add "Från en kopia utan nyckelfil" >/dev/null 2>&1 ||
	fail "proposal on the copy: $(g --db "$WORK/bcopy.db" proposal add x 2>&1)"
g --db "$WORK/bcopy.db" sync >/dev/null 2>&1 || fail "the copy's sync"
out=$(a sync 2>&1) || fail "Eva's sync: $out"
printf '%s\n' "$out" | grep -q "which no member with the power admitted" || fail "the unvouched copy is not named: $out"
a dump | grep -q "Från en kopia utan nyckelfil" && fail "a copy without the key file wrote as Björn"
ok "a database copied without its key file is a new machine no one admitted: its files are refused"

# ---- what else someone who writes into the folder, or knows the passphrase, tries ----
P="sju röda trådar i vinden"
cfp=$(a members | sed -n 's/.*(give it with the passphrase): //p')
[ -n "$cfp" ] || fail "Eva's members show no council fingerprint: $(a members)"
# an outsider's wrap that opens with nothing, at the largest generation
"$FORGE" wrap "$F" 4294967295 >/dev/null || fail "forge wrap"
# someone with the passphrase plants the council's invitation with a founder of her own
"$FORGE" wrap "$F" 4000000000 "$P" "$xpk" >/dev/null || fail "forge wrap (founder)"
out=$(GAVEL_PASSPHRASE="$P" g --db "$WORK/gun.db" join "$F" --as "Gun Holm" 2>&1) || fail "Gun's request: $out"
printf '%s\n' "$out" | grep -q "council's fingerprint: $cfp" && fail "a forged invitation's founder was not shown: $out"
ok "a forged invitation shows another council fingerprint than the chair's: $(printf '%s\n' "$out" | sed -n 's/.*council.s fingerprint: //p')"
out=$(GAVEL_PASSPHRASE="$P" g --db "$WORK/hans.db" join "$F" --as "Hans Berg" --council "$cfp" 2>&1) || fail "Hans's request: $out"
printf '%s\n' "$out" | grep -q "council's fingerprint: $cfp (as given)" || fail "Hans did not get the council's own invitation: $out"
hfp=$(printf '%s\n' "$out" | sed -n 's/.*this machine.s fingerprint: //p')
hpk=$(sqlite3 "$WORK/hans.db" "SELECT value FROM local WHERE key = 'identity_key'")
# and an admission of nobody's, sealed to Hans's key before Eva's
"$FORGE" junkadmit "$F" "$hpk" 00000000000000000000000000000001 >/dev/null || fail "forge junkadmit"
out=$(a members admit "$hfp" 2>&1) || fail "Eva admits Hans: $out"
out=$(g --db "$WORK/hans.db" sync 2>&1) || fail "Hans's sync: $out"
printf '%s\n' "$out" | grep -q "^admitted" || fail "a planted admission or wrap kept Hans out: $out"
same "with planted wraps and a planted admission, the newcomer who checked the council's fingerprint gets in" "$A" "$WORK/hans.db"
[ "$(sqlite3 "$A" "SELECT count(*) FROM sync_file WHERE writer = '00000000000000000000000000000001'")" = 0 ] ||
	fail "a stranger's admission was taken as read"
ok "a stranger's admission is refused for good, not taken as read"
out=$(GAVEL_PASSPHRASE="fyra blå båtar i dimman" a council passphrase 2>&1) || fail "a new passphrase: $out"
[ "$(sqlite3 "$A" "SELECT value FROM local WHERE key = 'keys_generation'")" -lt 1000 ] ||
	fail "the planted generation was taken: $(sqlite3 "$A" "SELECT value FROM local WHERE key = 'keys_generation'")"
ok "a new passphrase after planted wraps takes the members' own generation, not a planted one"

# an ordinary member's own commands refuse what the others would
GAVEL_DB="$B" refused "Björn giving himself the chair" 1 "only the chair, the vice chair, the secretary" "$GAVEL" member add radet "Björn Ek" ordförande

# a copy of a waiting database is not a second machine of the same key
GAVEL_PASSPHRASE="fyra blå båtar i dimman" g --db "$WORK/ida.db" join "$F" --as "Ida Ek" >/dev/null 2>&1 || fail "Ida's request"
mkdir -p "$WORK/elsewhere" && for f in "$WORK"/ida.db*; do cp "$f" "$WORK/elsewhere/${f##*/}"; done
out=$(g --db "$WORK/elsewhere/ida.db" sync 2>&1) && fail "a copy of a waiting database synced: $out"
printf '%s\n' "$out" | grep -q "a copy of one that asked to join" || fail "no clear message for the copy: $out"
ok "a copy of a database that asked to join is refused: $out"

# names no terminal should show
"$FORGE" request "$F" "fyra blå båtar i dimman" $'Anna\rEva Lind' >/dev/null || fail "forge request"
"$FORGE" request "$F" "fyra blå båtar i dimman" $'Anna \u202eLind' >/dev/null || fail "forge request"
a sync >/dev/null 2>&1 || fail "Eva's sync"
a members | grep -q "Anna" && fail "a request with a control or bidirectional character is listed: $(a members)"
ok "a request whose name holds a control or a bidirectional character is not listed"

# a request never admitted, whose file the folder then loses, keeps no
# later newcomer waiting: the members' files do not build on requests
N1="$WORK/n1.db" N2="$WORK/n2.db"
P2="fyra blå båtar i dimman"
out=$(GAVEL_PASSPHRASE="$P2" g --db "$N1" join "$F" --as "Olle Nilsson" 2>&1) || fail "Olle's request: $out"
a sync >/dev/null 2>&1 || fail "Eva takes Olle's request"
a note "$nm" 2 "Skrivet efter Olles begäran" >/dev/null && a sync >/dev/null 2>&1 || fail "Eva's note after the request"
rm -rf "${F:?}/$(sqlite3 "$N1" "SELECT value FROM local WHERE key = 'actor'")"
GAVEL_PASSPHRASE="$P2" join_admitted "$N2" "$F" "Petra Lund" "$A"
g --db "$N2" dump | grep -q "Skrivet efter Olles begäran" ||
	fail "the later newcomer waits behind a lost request: $(g --db "$N2" sync 2>&1)"
ok "a lost request of a newcomer never admitted keeps no later newcomer waiting"

# ---- a file concurrent with a removal ----
# Dan writes and syncs; Björn takes it; Eva, who has not synced since,
# removes Dan: her removal cuts Dan off before that file. Every copy that
# has the removal first refuses it; Björn, who had it first, is told.
a sync >/dev/null 2>&1 && b sync >/dev/null 2>&1 && d sync >/dev/null 2>&1 || fail "syncs before Dan's last file"
d item add "$nm" "Dans sista ärende" >/dev/null && d sync >/dev/null 2>&1 || fail "Dan's last file"
b sync >/dev/null 2>&1 || fail "Björn's sync"
out=$(GAVEL_PASSPHRASE="tre gröna lyktor vid kajen" a members remove "Dan Ärlig" 2>&1) || fail "Eva removes Dan: $out"
a dump | grep -q "Dans sista ärende" && fail "a file after the cut-off came in at the remover's"
out=$(b sync 2>&1) || fail "Björn's sync after the removal: $out"
printf '%s\n' "$out" | grep -q "Dan Ärlig was removed after file .* had come here first" ||
	fail "Björn is not told that he holds Dan's file from after the cut-off: $out"
out=$(b sync 2>&1)
printf '%s\n' "$out" | grep -q "had come here first" && fail "told again at every sync: $out"
ok "a file concurrent with a removal: refused where the removal came first, and the copy that had it first says so, once"

echo "1..$checks"
