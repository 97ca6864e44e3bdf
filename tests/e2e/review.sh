#!/bin/bash
# The review screens driven as a member and the chair would, in tmux:
# the first start (create a council, or the demo), who am I, meetings by
# year, decisions filtered and opened, goals with their bars, actions
# changed in place, a proposal screened and put on an agenda, the chair's
# preparation of the agenda, and items moved. Each change is checked with
# the command line afterwards.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
start() { tui "${1:-110}" "${2:-32}" "GAVEL_DB=$GAVEL_DB LANG=C.UTF-8 $GAVEL"; }

# ---- the first start: no database yet ----
start
wait_for "This database holds no council yet"
ok "the first start offers to create a council or open the demo"
keys q
stop
[ ! -e "$GAVEL_DB" ] || fail "leaving the first start left a database behind"
ok "leaving without a choice leaves no database"
start
wait_for "no council yet"
keys c
wait_for "The council's name"
typed "Kommunförbundets råd"
keys Enter
wait_for "created the council Kommunförbundets råd"
wait_for "Next meetings"
stop
expect_grep "the council is created" "Kommunförbundets råd" g overview
rm -f "$GAVEL_DB"*
start
wait_for "no council yet"
keys d
wait_for "Next meetings"
wait_for "Digitaliseringsrådet Västra Götaland"
ok "the demo from the first start"

# ---- who am I ----
keys w
wait_for "Who are you?"
keys C-u
typed "Lars"
keys Tab
keys Enter
wait_for "My open actions, Lars Nyström (1)"
ok "who am I set, my open actions shown"

# ---- meetings by body and year ----
YEAR=$(date +%Y)
keys 2
wait_for "Meetings $YEAR"
keys '<'
wait_for "Meetings $((YEAR - 1))"
keys '>' '>'
wait_for "Meetings $((YEAR + 1))"
keys y
typed ""
keys Enter
wait_for "every year"
keys b
wait_for "· Digitaliseringsrådet ·"
gone "styrgrupp  "
ok "meetings paged by year and filtered by body"

# ---- decisions: filters, then Enter opens the meeting at the item ----
keys 3
wait_for "Decisions: "
keys f
typed "e-legitimation"
keys Enter
wait_for "filter: e-legitimation"
wait_for "E-legitimation i kommunerna"
keys o
typed "1.5"
keys Enter
wait_for "no decisions match"
keys o
keys C-u
typed "1.2"
keys Enter
wait_for "E-legitimation i kommunerna"
keys o
keys C-u
typed "9.9"
keys Enter
wait_for "unknown goal: 9.9"
wait_for "goal 1.2"
ok "decisions filtered by words and goal; a bad filter is refused and the old one kept"
keys Enter
wait_for "E-legitimation i kommunerna"
wait_for "Reservation: Johan Ekström"
ok "Enter opens the decision's meeting at its item"
keys q
keys x
wait_for "Decisions: 25"
ok "x clears the filters"

# ---- goals ----
keys 4
wait_for "Goals: actions"
wait_for "Stödja införandet av nationell e-legitimation"
screen | grep -q "1.2 .*▓▓▓▓" || { screen >&2; fail "the overdue bar of 1.2"; }
ok "goals with their action bars and indicator charts"
keys j j
wait_for "Indicator:"
wait_for "Ta fram underlag för gemensam upphandling av e-legitimation"
keys Enter
wait_for "goal 1.2"
wait_for "E-legitimation i kommunerna"
ok "a goal's decisions from the goals screen"
keys q
keys a
wait_for "goal 1.2: 1, 1 overdue"
ok "a goal's actions from the goals screen"

# ---- actions: status and a progress note in place ----
keys 5
wait_for "Actions, everyone's: 7, 2 overdue"
keys m
wait_for "Actions, mine: 1"
keys s
wait_for "Status:"
keys C-u
typed "done"
keys Enter
wait_for "is done"
keys n
typed "Underlaget överlämnat till rådet."
keys Enter
wait_for "Lars Nyström: Underlaget överlämnat till rådet."
keys s
keys C-u
typed "färdig"
keys Enter
wait_for "invalid status"
ok "status changed and a progress note added in place; a bad status refused"
expect_grep "the change is in the database" "done .*Ta fram underlag" g action list --owner "Lars Nyström"
expect_grep "the note is in the database" "Underlaget överlämnat till rådet" g action list --owner "Lars Nyström"
keys x o
wait_for "by owner"
keys o
wait_for "by status"
ok "actions ordered by owner and status"

# ---- a proposal screened and put on the next meeting's agenda ----
keys 6
wait_for "Suggestion box: 3 proposals"
keys G
wait_for "Utbildning för förtroendevalda"
keys s
for _ in 1 2 3 4 5; do wait_for "(yes/no)"; typed "yes"; keys Enter; done
wait_for ": screened"
keys A
wait_for "On the agenda of"
keys Enter
wait_for "as item"
ok "a proposal screened and put on an agenda"
NEXT=$(g meeting next --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["body"]=="radet"][0])')
expect_grep "the proposal is on the agenda" "Digital kompetenslyft för förtroendevalda$" g meeting show "$NEXT"

# ---- the chair prepares the steering group's next meeting ----
SG=$(g meeting next --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["body"]=="styrgrupp"][0])')
keys 2
keys y
typed ""
keys Enter
wait_for "every year"
keys G
keys P
wait_for "Agenda of $SG"
wait_for "[x] opening   Godkännande av dagordningen"
wait_for "[=] opening   Mötets öppnande"
keys j j j j j j
keys Space
keys A
wait_for "added to the agenda of $SG"
g meeting show "$SG" > "$WORK/agenda"
grep -q "3. Godkännande av dagordningen" "$WORK/agenda" && grep -q "4. Föregående protokoll" "$WORK/agenda" &&
	grep -q "Mötets avslutande" "$WORK/agenda" || { cat "$WORK/agenda" >&2; fail "prepared agenda"; }
ok "the chair's preparation put the standard items in their places"

# ---- items moved on the meeting screen ----
keys Enter
wait_for "Mötets öppnande"
keys j j
keys J
wait_for "item moved to place 4"
g meeting show "$SG" | grep -q "4. Godkännande av dagordningen" || fail "moved down"
keys K K
wait_for "item moved to place 2"
g meeting show "$SG" | grep -q "2. Godkännande av dagordningen" || fail "moved up"
ok "items moved down and up the agenda"

# ---- documents from the interface: protocol, extract, invitation, report ----
keys 2
keys y
keys C-u
typed "$(date +%Y)"
keys Enter
PAST=$(g meeting list --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["status"]=="adjusted"][-1])')
keys g
for _ in $(seq 20); do screen | grep -q "› ${PAST#*/}\|^ ${PAST#*/}" && break; keys j; done
keys Enter
wait_for "adjusted"
keys E
wait_for "Format (pdf"
keys Enter
wait_for "the protocol is in $WORK/"
FILE=$(ls "$WORK"/*-protokoll.pdf | head -1)
[ -s "$FILE" ] || fail "no protocol file"
if command -v pdftotext >/dev/null; then pdftotext "$FILE" - | grep -q "PROTOKOLL" || fail "the protocol PDF"; fi
ok "E writes the protocol as PDF from the meeting screen"
keys E
wait_for "Format (pdf"
keys Tab
wait_for "Tab cycles): odt"
keys Enter
wait_for "protokoll.odt"
python3 -c 'import sys, zipfile; assert "content.xml" in zipfile.ZipFile(sys.argv[1]).namelist()' \
	"$(ls "$WORK"/*-protokoll.odt | head -1)" || fail "the protocol ODT"
ok "E, Tab: the format cycles to ODT and the protocol is written as OpenDocument"
keys q
keys 4
wait_for "Goals: actions"
keys R
wait_for "The yearly report for the year"
keys Enter
wait_for "Format (pdf"
keys Enter
wait_for "the report is in $WORK/"
ls "$WORK"/uppfoljning-*.pdf >/dev/null || fail "no report file"
ok "R writes the yearly goals report from the goals screen"
keys S
wait_for "this council is not shared"
keys 7
wait_for "no conflicts"
ok "S says an unshared council has nothing to sync; 7 shows the conflicts"

# ---- the terminal closes while a prompt is open: gavel leaves, saving ----
keys 1
wait_for "Next meetings"
keys Enter
wait_for "Tab to type"
keys Tab
typed "Skrivet strax innan fönstret stängdes."
keys Escape
keys Tab
typed " Och lite till."
keys Escape
keys n
wait_for "Action:"
PID=$(tmux list-panes -t $S -F '#{pane_pid}')
tmux kill-session -t $S
for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null && { kill -9 "$PID"; fail "gavel kept running after its terminal closed"; }
g meeting show "$NEXT" | grep -q "Och lite till" || fail "notes lost when the terminal closed"
ok "a closed terminal ends gavel, even in a prompt, with the notes saved"

# ---- a shared council: synced at start, S brings in another member's work ----
export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
g council share "$WORK/folder" --as "Henrik Svensson" >/dev/null || fail "share"
join_admitted "$WORK/b.db" "$WORK/folder" "Lars Nyström" "$GAVEL_DB"
start
wait_for "Next meetings"
wait_for "synced "
ok "a shared council is synced at start and says so in the title line"
g --db "$WORK/b.db" proposal add "Sammanställa enkätsvaren" --by "Lars Nyström" >/dev/null || fail "proposal in b"
g --db "$WORK/b.db" sync >/dev/null || fail "sync b"
keys S
wait_for "received"
g proposal list | grep -q "Sammanställa enkätsvaren" || fail "the other member's proposal did not come in"
ok "S syncs: another member's proposal comes in"
keys q
quits || fail "q on home did not quit"
ok "q on home quits"

# ---- a member without the power reads the minutes ----
before=$(g --db "$WORK/b.db" dump)
tui 110 32 "GAVEL_DB=$WORK/b.db LANG=C.UTF-8 $GAVEL"
wait_for "Next meetings"
keys Enter
wait_for "Tab to type"
keys Tab
wait_for "read only: the chair, the vice chair and the secretary write this"
typed "Lars skriver"
keys d
screen | grep -q "Decision:" && fail "a prompt for a decision opened on a reader's machine"
keys Escape
keys 5
wait_for "Actions"
keys s
wait_for "read only: the action's owner, the chair, the vice chair and the secretary set its status"
stop
[ "$(g --db "$WORK/b.db" dump)" = "$before" ] || fail "the reader's keys changed the council"
ok "a member without the power: the minutes and another's action are read only, said before anything is typed, nothing changed"
echo "checks: $checks"
