#!/bin/bash
# A council's year as its secretary types it: two meetings in one year and
# one in the next; § numbers continue across meetings and restart in January;
# an adjusted meeting refuses every edit.
. "$(dirname "$0")/../lib.sh"

expect_grep "init" "created the council" g init "Digitaliseringsrådet Västra Götaland"
expect_ok "body" g body add radet "Digitaliseringsrådet"
expect_ok "second body" g body add styrgrupp "Styrgruppen (BHU:s presidium)"
for p in "Åsa Ölund" "Björn Ek" "Cecilia Dahl" "Dan Ärlig" "Eva Lind" "Fredrik Öst"; do
	expect_ok "person $p" g person add "$p" --org "Västra Götalandsregionen" --email "x@vgregion.se"
done
expect_ok "org person" g person add "Gun Holm" --org "Länsstyrelsen i Västra Götalands län"
expect_ok "chair" g member add radet "Åsa Ölund" ordförande --from 2024-01-01
expect_ok "member" g member add radet "Björn Ek" ledamot
expect_ok "member" g member add radet "Cecilia Dahl" ledamot
expect_ok "member" g member add radet "Dan Ärlig" "vice ordförande"
expect_ok "substitute" g member add radet "Fredrik Öst" ersättare
expect_ok "secretary" g member add radet "Eva Lind" sekreterare
expect_ok "whoami" g whoami "Eva Lind"
expect_out "whoami shows" "Eva Lind" g whoami

# Meeting 1, 2025
M1=radet/2025-03-10
expect_out "meeting add prints its name" "$M1" g meeting add radet 2025-03-10 --time 09:00 --end 12:00 --place "Regionens hus, Vänersborg"
expect_out "item 1" "1" g item add $M1 "Mötets öppnande" --kind standard
expect_out "item 2" "2" g item add $M1 "Val av justerare" --kind standard
expect_out "item 3" "3" g item add $M1 "E-legitimation i kommunerna" --presenter "Björn Ek" --paper "PM e-legitimation.pdf"
for p in "Åsa Ölund" "Björn Ek" "Dan Ärlig" "Eva Lind"; do expect_ok "attend $p" g attend $M1 "$p"; done
expect_ok "absent" g attend $M1 "Cecilia Dahl" --absent
expect_ok "substitute serves" g attend $M1 "Fredrik Öst" --for "Cecilia Dahl"
expect_ok "guest" g attend $M1 "Gun Holm" --role gäst
refused "decide before opening" 1 "has not been opened" g decide $M1 1 "att öppna mötet"
expect_ok "open" g meeting open $M1 --at 09:03
expect_out "§ 1" "§ 1" g decide $M1 1 "att förklara mötet öppnat"
expect_out "§ 2" "§ 2" g decide $M1 2 "att utse Dan Ärlig att jämte ordföranden justera protokollet"
expect_ok "note" g note $M1 3 "Björn Ek redogjorde för läget. Tolv av länets 49 kommuner erbjuder e-legitimation för företag."
printf 'Diskussion följde om finansiering.\nÅtgärd: kansliet tar fram en plan.' | g note $M1 3 - || fail "note from stdin"
ok "note from standard input"
expect_out "§ 3 with vote, dissent, conflict" "§ 3" g decide $M1 3 "att ge kansliet i uppdrag att ta fram en gemensam plan för e-legitimation" \
	--yes 2 --no 1 --abstain 0 --vote "Björn Ek:yes" --vote "Dan Ärlig:no" --dissent "Dan Ärlig:Frågan borde beredas i styrgruppen först" --conflict "Åsa Ölund"
show=$(g meeting show $M1)
for want in "§ 3  E-legitimation i kommunerna" "Reservation: Dan Ärlig — Frågan borde beredas" "jäv" "Vote: 2 yes, 1 no, 0 abstain" \
	"Fredrik Öst" "serving for Cecilia Dahl" "Quorum: yes" "Tolv av länets 49 kommuner" "Åtgärd: kansliet tar fram en plan." "PM e-legitimation.pdf"; do
	printf '%s\n' "$show" | grep -q -- "$want" || fail "meeting show lacks [$want]: $show"
	ok "meeting show has: $want"
done
g meeting show $M1 --json | python3 -c '
import json,sys
m=json.load(sys.stdin)
d=m["items"][2]["decision"]
assert d["ref"]=="radet/2025/3", d
assert d["votes"]=={"yes":2,"no":1,"abstain":0}, d
assert d["dissents"][0]["person"]=="Dan Ärlig"
assert m["items"][2]["conflicts"]==["Åsa Ölund"]
assert m["quorum"]["quorate"] is True and m["quorum"]["seats"]==4 and m["quorum"]["present"]==4, m["quorum"]
' || fail "meeting show --json"
ok "meeting show --json"
A=$(g action add "Ta fram plan för e-legitimation" --owner "Björn Ek" --due 2025-06-30 --decision radet/2025/3) || fail "action add"
[ ${#A} -eq 8 ] || fail "action id [$A]"
ok "action add prints an id"
expect_ok "action owned by an organisation" g action add "Inventera e-tjänster" --owner "Länsstyrelsen i Västra Götalands län" --due 2025-09-01
expect_ok "close" g meeting close $M1 --at 11:45

# Meeting 2, 2025: the numbers continue
M2=radet/2025-09-15
expect_ok "meeting 2" g meeting add radet 2025-09-15 --time 13:00
expect_ok "item" g item add $M2 "Mötets öppnande" --kind standard
expect_ok "item" g item add $M2 "Öppna data"
expect_ok "item" g item add $M2 "Bredband på landsbygden"
expect_ok "open 2" g meeting open $M2
expect_out "§ 4 continues the year" "§ 4" g decide $M2 1 "att förklara mötet öppnat" 2>/dev/null
expect_ok "postpone" g item postpone $M2 3
refused "decide a postponed item" 1 "postponed" g decide $M2 3 "att bygga fiber"
expect_out "§ 5" "§ 5" g decide $M2 2 "att ställa sig bakom en gemensam portal för öppna data" 2>/dev/null

# Meeting 3, 2026: the numbers restart at 1
M3=radet/2026-02-02
expect_ok "meeting 3" g meeting add radet 2026-02-02
expect_ok "item" g item add $M3 "Mötets öppnande"
expect_ok "open 3" g meeting open $M3
expect_out "§ 1 in the new year" "§ 1" g decide $M3 1 "att förklara mötet öppnat" 2>/dev/null
err=$(g decide $M3 1 "x" 2>&1 >/dev/null)
printf '%s' "$err" | grep -q "already has a decision" || fail "second decision on an item: $err"
ok "one decision per item"

# A decision without attendance is accepted, with a warning, and marked
expect_ok "item" g item add $M3 "Övriga frågor"
err=$(g decide $M3 2 "att notera informationen" 2>&1 >/dev/null)
printf '%s' "$err" | grep -q "quorum unknown" || fail "no warning without attendance: $err"
ok "warning when no attendance: $err"
g meeting show $M3 | grep -q "decided before attendance was recorded" || fail "decision not marked"
ok "decision marked in the minutes"

# Adjust meeting 1: locked from then on
refused "adjust an open meeting" 1 "close it before adjusting" g adjust $M2 --by "Åsa Ölund"
refused "adjust by someone absent" 1 "did not attend" g adjust $M1 --by "Cecilia Dahl"
expect_ok "adjust on paper" g adjust $M1 --by "Åsa Ölund" --by "Dan Ärlig" --on-paper
g meeting show $M1 | grep -q "Status: adjusted" || fail "not adjusted"
ok "meeting shows adjusted"
refused "note on adjusted" 1 "is adjusted" g note $M1 3 "ändring i efterhand"
refused "decision on adjusted" 1 "is adjusted" g decide $M1 3 "att ändra"
refused "attendance on adjusted" 1 "is adjusted" g attend $M1 "Cecilia Dahl"
refused "item on adjusted" 1 "is adjusted" g item add $M1 "Ny punkt"
refused "postpone on adjusted" 1 "is adjusted" g item postpone $M1 2
refused "reopen adjusted" 1 "is adjusted" g meeting open $M1
refused "adjust twice" 1 "already adjusted" g adjust $M1 --by "Åsa Ölund"

# Actions follow-up
expect_ok "progress note" g action set "$A" --status ongoing --note "Utkast skickat till kommunerna" --date 2025-05-02
GAVEL_TODAY=2025-07-15 g action list --overdue | grep -q "Ta fram plan för e-legitimation" || fail "overdue"
ok "overdue action listed"
GAVEL_TODAY=2025-07-15 g action list --owner "Björn Ek" --json | python3 -c '
import json,sys
l=json.load(sys.stdin)
assert len(l)==1 and l[0]["overdue"] and l[0]["notes"][0]["author"]=="Eva Lind" and l[0]["decision"]=="radet/2025/3", l' || fail "action list json"
ok "action list --owner --json"
expect_ok "done" g action set "$A" --status done
g action list --status done | grep -q "$A" || fail "status done"
ok "status done"

# Search: Swedish, case-insensitive, prefix, ranked with context
g search "E-LEGITIMATION" | grep -q "radet/2025/3" || fail "search decision"
ok "search finds the decision, case-insensitive"
g search "kommun" | grep -q "\[kommuner\]" || fail "prefix search with context: $(g search kommun)"
ok "prefix search shows context"
g search "ÖPPNA" --json | python3 -c 'import json,sys; l=json.load(sys.stdin); assert any(h["ref"]=="radet/2025/5" for h in l), l' || fail "search å/ä/ö"
ok "search with Ö"
[ "$(g search "oppna")" = "no matches" ] || fail "ö must not match o"
ok "ö is not o"
expect_out "search of nothing" "no matches" g search '"' '*'

# The dump is canonical: the same bytes every time
g dump > "$WORK/d1"; g dump > "$WORK/d2"
cmp -s "$WORK/d1" "$WORK/d2" || fail "dump not stable"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["decision"])==7, len(d["decision"])' "$WORK/d1" || fail "dump json"
ok "dump is stable JSON"
# --json on the lists
g body list --json | python3 -c 'import json,sys; l=json.load(sys.stdin); assert [b["short"] for b in l]==["radet","styrgrupp"], l' || fail "body list --json"
g member list radet --json | python3 -c 'import json,sys; l=json.load(sys.stdin); assert l[0]["person"]=="Åsa Ölund" and l[0]["role"]=="ordförande", l' || fail "member list --json"
g meeting list --year 2025 --json | python3 -c 'import json,sys; l=json.load(sys.stdin); assert [m["meeting"] for m in l]==["radet/2025-03-10","radet/2025-09-15"], l' || fail "meeting list --json"
ok "lists in JSON"
echo "checks: $checks"
