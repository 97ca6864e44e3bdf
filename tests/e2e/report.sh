#!/bin/bash
# The yearly report for the steering group: a summary first, then every
# goal and sub-goal in order with its indicator chart, the year's decisions
# and its actions; as PDF (read with pdftotext), HTML (one SVG chart per
# measured sub-goal) and Markdown (read by pandoc).
. "$(dirname "$0")/../lib.sh"
export GAVEL_TODAY=2026-11-23
g demo >/dev/null || fail "demo"

g report goals --year 2026 --format md > "$WORK/r.md" || fail "report md"
python3 - "$WORK/r.md" <<'PY' || fail "the report's Markdown"
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
heads = re.findall(r"^(#+) (.*)$", t, re.M)
assert heads[0] == ("#", "UPPFÖLJNING") and heads[1] == ("##", "Sammanfattning"), heads[:2]
codes = [re.match(r"(?:Mål|Delmål) ([\d.]+) ", h).group(1) for _, h in heads[2:]]
assert codes == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "2", "2.1", "2.2",
                 "2.3", "2.4", "3", "3.1", "3.2", "3.3", "3.4", "3.5"], codes
summary = t[t.index("## Sammanfattning"):t.index("## Mål 1 ")]
for s in ["**Mål:** 3", "**Delmål:** 18", "**Åtgärder:** 1 klara, 4 pågår, 2 försenade",
          "17 av 18 mätta indikatorer steg, 1 sjönk", "**Kraftsamlingar**", "3\\.5 Utreda effektiv offentlig IT-drift",
          "2\\.3: 8100 (2025), -1400 sedan 2024"]:
    assert s in summary, s
s12 = t[t.index("### Delmål 1.2 "):t.index("### Delmål 1.3 ")]
assert "> Kraftsamling" in s12
assert "| 2023 | 48 |\n| 2024 | 61 |\n| 2025 | 74 |" in s12
assert "radet § 5 (2026-07-26): E-legitimation i kommunerna – att ge kansliet" in s12, s12
assert "Försenad: Ta fram underlag för gemensam upphandling av e-legitimation (Lars Nyström, senast 2026-10-24)" in s12, s12
PY
ok "the Markdown report: summary first, every goal and sub-goal in order, readings, decisions, actions"
if command -v pandoc >/dev/null; then
	pandoc -f markdown -t plain "$WORK/r.md" > /dev/null || fail "pandoc reads the report"
	ok "pandoc reads the report"
fi

g report goals --year 2026 --format html > "$WORK/r.html" || fail "report html"
[ "$(grep -c '<svg' "$WORK/r.html")" = 18 ] || fail "$(grep -c '<svg' "$WORK/r.html") charts in the HTML, wanted 18"
grep -q 'class="page"' "$WORK/r.html" || fail "no page breaks"
ok "the HTML report has a chart for each of the 18 measured sub-goals"

if command -v pdftotext >/dev/null; then
	expect_out "the PDF report is written" "uppfoljning-2026.pdf" sh -c "cd '$WORK' && '$GAVEL' report goals --year 2026"
	pdftotext "$WORK/uppfoljning-2026.pdf" - | tr -s ' \n' '  ' > "$WORK/r.txt"
	python3 - "$WORK/r.txt" <<'PY' || fail "the PDF report's text"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
at = -1
for s in ["UPPFÖLJNING", "Sammanfattning", "Kraftsamlingar", "Mål 1 Enklare vardag", "Delmål 1.1 Länets cirka 175",
          "62", "2023", "Delmål 1.2 Stödja införandet av nationell e-legitimation", "Årets beslut",
          "Mål 2 Smartare och öppnare förvaltning", "Delmål 2.4 Tillgängliggörande av offentlig information",
          "Mål 3 Högre kvalitet", "Delmål 3.5 Utreda effektiv offentlig IT-drift"]:
    i = t.find(s, at + 1)
    assert i > at, s
    at = i
PY
	ok "pdftotext reads the PDF report in order"
	n=$(pdfinfo "$WORK/uppfoljning-2026.pdf" | sed -n 's/^Pages: *//p')
	pdftotext -f 1 -l 1 "$WORK/uppfoljning-2026.pdf" - | grep -q "Mål 1 Enklare" && fail "the summary shares its page"
	ok "the summary has the first page to itself ($n pages)"
fi
g report goals --year 2026 --format md --lang en | grep -q "^## Summary" || fail "English report"
ok "the report in English"
refused "a report as text" 2 "unknown format: txt" g report goals --format txt
refused "a year that is not one" 1 "invalid year: 20x6" g report goals --year 20x6
