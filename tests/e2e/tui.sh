#!/bin/bash
# The terminal interface driven as a person would, in tmux: open the next
# meeting, take attendance, open it, type notes in Swedish, record a
# decision with a vote and a reservation, quit; then check with gavel dump.
# Also: kill -9 while typing loses at most the last second; a tiny terminal
# says so; a resize while typing keeps the text.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
g demo >/dev/null || fail demo
NEXT=$(g meeting next --json | python3 -c 'import json,sys; print([m["meeting"] for m in json.load(sys.stdin) if m["body"]=="radet"][0])')

start() { tui "${1:-100}" "${2:-30}" "GAVEL_DB=$GAVEL_DB LANG=C.UTF-8 $GAVEL"; }

start
wait_for "Next meetings"
wait_for "Digitaliseringsrådet"
ok "home shows the next meetings"
keys Enter
wait_for "Mötets öppnande  "
wait_for "Val av justerare"
ok "the meeting screen shows the agenda"
keys '?'
wait_for "record the item's decision"
keys q
ok "help lists the keys of the screen"

# attendance: everyone present but one
keys a
wait_for "Attendance at"
for _ in $(seq 10); do keys Space; keys j; done
wait_for "[✓]"
ok "attendance marked"
keys q
wait_for "quorum yes"
ok "quorum shown"
keys o
wait_for "the meeting is open"
ok "meeting opened"

# notes on the first two items, in Swedish
keys Tab
typed "Ordföranden hälsade alla välkomna och förklarade mötet öppnat."
keys Escape
keys d
wait_for "Decision:"
typed "förklara mötet öppnat"
keys Enter
wait_for "Jäv"
typed "Per"
keys Tab
keys Enter
wait_for "Votes"
keys Enter
wait_for "Reservation"
keys Enter
wait_for "recorded."
wait_for "Decision: att förklara mötet öppnat"
ok "decision recorded with its § at once"
keys j
keys Tab
typed "Till justerare valdes Åsa Ärlig. Diskussionen rörde e-legitimation och öppna data."
keys Escape
keys d
wait_for "Decision:"
typed "utse Karin Åberg att justera protokollet"
keys Enter
wait_for "Jäv"
keys Enter
wait_for "Votes"
typed "8 1 0"
keys Enter
wait_for "Reservation"
typed "Johan"
keys Tab
keys Enter
wait_for "Motivation"
typed "Frågan borde ha beretts först"
keys Enter
wait_for "Reservation: Johan Ekström"
wait_for "Vote: 8 yes, 1 no, 0 abstain"
ok "decision with a vote and a reservation"
keys n
wait_for "Action:"
typed "Skicka protokollet till kommunerna"
keys Enter
wait_for "Owner"
typed "västra göt"
keys Tab
keys Enter
wait_for "Due date"
typed "2027-01-15"
keys Enter
wait_for "Goal"
typed "1.2"
keys Enter
wait_for "Action: Skicka protokollet till kommunerna — Västra Göt"
ok "an action from the item, with completion of the owner"
# notes on every other item
NITEMS=$(g meeting show "$NEXT" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
for i in $(seq 3 "$NITEMS"); do
	keys j
	keys Tab
	typed "Anteckning till punkt $i: ärendet föredrogs och diskuterades."
	keys Escape
done
wait_for "Anteckning till punkt $NITEMS"
ok "notes on every item"
keys q
wait_for "Next meetings"
keys q
sleep 0.3
stop

g meeting show "$NEXT" --json > "$WORK/m.json" || fail "show"
python3 - "$WORK/m.json" <<'PY' || fail "the minutes in the database"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["status"] == "open", m["status"]
it = m["items"]
assert "hälsade alla välkomna" in it[0]["notes"], it[0]["notes"]
assert "Åsa Ärlig" in it[1]["notes"], it[1]["notes"]
d = it[1]["decision"]
assert d["text"] == "att utse Karin Åberg att justera protokollet", d
assert d["votes"] == {"yes": 8, "no": 1, "abstain": 0}, d
assert d["dissents"][0]["person"] == "Johan Ekström" and "beretts" in d["dissents"][0]["motivation"], d
assert it[0]["decision"]["paragraph"] + 1 == d["paragraph"]
assert sum(1 for a in m["attendance"] if not a["absent"]) >= 9
assert it[0]["conflicts"] == ["Per Öhman"], it[0]["conflicts"]
for n, i in enumerate(it[2:], start=3):
    assert f"Anteckning till punkt {n}: ärendet föredrogs" in i["notes"], (n, i["notes"])
PY
g dump | grep -q "Anteckning till punkt $NITEMS: ärendet föredrogs" || fail "the last item's notes in the dump"
g action list --owner "Västra Götalandsregionen" --json | python3 -c '
import json,sys
l=[a for a in json.load(sys.stdin) if a["title"]=="Skicka protokollet till kommunerna"]
assert l and l[0]["goal"]=="1.2" and l[0]["due"]=="2027-01-15" and l[0]["decision"], l' || fail "the action"
ok "everything typed is in the database"

# kill -9 while typing: what was typed a second before is kept
start
wait_for "Next meetings"
keys Enter
wait_for "Val av justerare"
keys j j j
keys Tab
typed "Denna mening skrevs före kraschen."
sleep 1.5
typed " Och denna precis innan."
tmux list-panes -t $S -F '#{pane_pid}' | xargs kill -9
sleep 0.3
stop
g meeting show "$NEXT" --json | python3 -c '
import json,sys
m=json.load(sys.stdin)
assert "Denna mening skrevs före kraschen." in m["items"][3]["notes"], m["items"][3]["notes"]' || fail "kill -9 lost typing"
ok "kill -9 loses at most the last second"

# SIGTERM saves at once
start
wait_for "Next meetings"
keys Enter
wait_for "Val av justerare"
keys j j j j
keys Tab
typed "Sparas vid SIGTERM."
tmux list-panes -t $S -F '#{pane_pid}' | xargs kill -TERM
sleep 0.5
stop
g meeting show "$NEXT" --json | python3 -c '
import json,sys
m=json.load(sys.stdin)
assert "Sparas vid SIGTERM." in m["items"][4]["notes"], m["items"][4]["notes"]' || fail "SIGTERM lost typing"
ok "SIGTERM saves the notes"

# search from anywhere and jump to the place
start
wait_for "Next meetings"
keys /
wait_for "Search:"
typed "upphandling e-legitimation"
keys Enter
wait_for "hits"
wait_for "[upphandling]"
screen | grep -q "\[en\]" && fail "a phrase's first word highlighted as a prefix"
ok "search shows ranked hits with context"
keys /
wait_for "Search:"
keys C-u
typed "kansliet underlag"
keys Enter
wait_for "decision"
keys Enter
wait_for "6. E-legitimation i kommunerna"
ok "Enter jumps to the meeting at the item"
keys q
keys q
keys q
sleep 0.2
stop

# a tiny terminal, and resizes while typing
start 30 10
wait_for "terminal too small"
ok "a 30x10 terminal is told it is too small"
tmux resize-window -t $S -x 100 -y 30 2>/dev/null || tmux resize-pane -t $S -x 100 -y 30
wait_for "Next meetings"
keys Enter
wait_for "Val av justerare"
keys Tab
typed "Före "
for sz in "40 12" "120 40" "40 12" "80 24" "41 13" "100 30"; do
	set -- $sz
	tmux resize-window -t $S -x $1 -y $2 2>/dev/null
	sleep 0.05
done
typed "efter storleksändringar."
wait_for "storleksändringar."
keys Escape
keys q
keys q
sleep 0.3
stop
g meeting show "$NEXT" --json | python3 -c '
import json,sys
m=json.load(sys.stdin)
assert "Före efter storleksändringar." in m["items"][0]["notes"], m["items"][0]["notes"]' || fail "resize lost typing"
ok "resizes while typing keep the text"
echo "checks: $checks"
