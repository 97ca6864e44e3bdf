#!/bin/bash
# The demo council: built by 'gavel demo', it holds what the issue promises,
# and a second 'gavel demo' does not overwrite a council without --force.
. "$(dirname "$0")/../lib.sh"

expect_grep "demo builds" "created the demo council" g demo
refused "demo again without --force" 1 "use 'gavel demo --force'" g demo
expect_grep "demo --force rebuilds" "created the demo council" g demo --force
g dump > "$WORK/dump.json" || fail dump

python3 - "$WORK/dump.json" <<'PY' || fail "demo content"
import json, sys, datetime
d = json.load(open(sys.argv[1]))
def check(cond, what):
    if not cond:
        print("demo lacks:", what); sys.exit(1)
    print("  has", what)
bodies = {b["short"]: b for b in d["body"]}
check(len(bodies) == 3, "three bodies")
check(len(d["person"]) >= 25, "members from the organisations (%d people)" % len(d["person"]))
check(len(d["org"]) >= 8, "organisations (%d)" % len(d["org"]))
goals = d["goal"]
subs = [g for g in goals if g["parent_id"]]
check(len(goals) - len(subs) == 3 and len(subs) == 18, "3 goals with 18 sub-goals")
for g in subs:
    for f in ("task", "local_resp", "regional_resp", "national_resp", "indicator", "timeline"):
        check(g[f], "sub-goal %s has %s" % (g["code"], f))
check(sum(g["priority"] for g in subs) >= 3, "priority efforts (kraftsamlingar)")
years = {r["year"] for r in d["reading"]}
check(len(years) >= 3, "readings over %d years" % len(years))
check(len({r["goal_id"] for r in d["reading"]}) == 18, "readings for every sub-goal")
today = datetime.date.today().isoformat()
meetings = d["meeting"]
past = [m for m in meetings if m["date"] < today]
check(sum(1 for m in past if m["status"] in ("closed", "adjusted")) >= 3, "three past meetings")
check(any(m["status"] == "adjusted" for m in meetings), "an adjusted meeting")
check(any(m["date"] > today and m["status"] == "planned" for m in meetings), "the next meeting planned")
items = d["item"]
nxt = [m for m in meetings if m["date"] > today and m["status"] == "planned"]
check(any(sum(1 for i in items if i["meeting_id"] == m["id"]) >= 5 for m in nxt), "the next meeting has its agenda")
check(any("öppnande" in i["title"] for i in items), "standard opening items")
check(sum(1 for i in items if len(i["notes"]) > 100) >= 6, "minutes in Swedish")
dec = d["decision"]
check(len(dec) >= 10, "decisions (%d)" % len(dec))
by = {}
for x in dec:
    by.setdefault((x["body_id"], x["year"]), []).append(x["para"])
for k, v in by.items():
    check(sorted(v) == list(range(1, len(v) + 1)), "continuous § numbers %s" % sorted(v))
check(any(x["yes"] is not None for x in dec), "a vote")
check(len(d["dissent"]) >= 1, "a reservation")
check(len(d["conflict"]) >= 1, "a conflict of interest")
acts = d["action"]
check(len(acts) >= 6, "actions")
check(any(a["status"] == "done" for a in acts), "a done action")
check(any(a["due"] and a["due"] < today and a["status"] in ("planned", "ongoing") for a in acts), "an overdue action")
check(len(d["action_note"]) >= 3, "progress notes")
check(len(d["question"]) >= 3, "screening questions")
check(any(p["status"] in ("screened", "rejected") for p in d["proposal"]), "a screened proposal")
check(any(p["status"] == "new" for p in d["proposal"]), "a proposal waiting")
PY
ok "demo content as promised"

out=$(g)
printf '%s\n' "$out" | grep -q "Digitaliseringsrådet Västra Götaland" || fail "overview: $out"
printf '%s\n' "$out" | grep -q "Next meetings" || fail "overview: no next meetings"
ok "plain overview with no command"
g search e-legitimation | grep -q "decision\|item" || fail "search the demo"
ok "search the demo"
g meeting list --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) >= 5' || fail "meeting list"
ok "meeting list"
# BODY/next and BODY/last name meetings on any day, as the README's examples do
D="$WORK/fixed.db"
GAVEL_TODAY=2026-11-23 g --db "$D" demo >/dev/null || fail "demo on a fixed day"
expect_date() { # name expected
	local got
	got=$(GAVEL_TODAY=2026-11-23 g --db "$D" meeting show "$1" --json |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["meeting"])') || fail "$1"
	[ "$got" = "$2" ] || fail "$1 is $got, not $2"
}
expect_date radet/next radet/2026-12-07
expect_date radet/last radet/2026-10-26
expect_date styrgrupp/last styrgrupp/2026-08-15
ok "radet/next and radet/last: the first meeting from today on and the latest before it"
# a meeting on the day itself is the next one, not the last
GAVEL_TODAY=2026-12-07 g --db "$D" meeting show radet/next | grep -q "radet/2026-12-07" || fail "next on its day"
GAVEL_TODAY=2026-12-07 g --db "$D" meeting show radet/last | grep -q "radet/2026-10-26" || fail "last on the next's day"
ok "a meeting today is next, not last"
GAVEL_TODAY=2001-01-01 g --db "$D" meeting show radet/last 2>"$WORK/err" && fail "a last meeting before there was any"
grep -q "unknown meeting: radet/last" "$WORK/err" || fail "$(cat "$WORK/err")"
ok "no meeting before the first: unknown meeting, one line"
echo "checks: $checks"
