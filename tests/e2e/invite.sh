#!/bin/bash
# The invitation (kallelse): the agenda as text and PDF, and as a calendar
# event that a real calendar program (calcurse) imports.
. "$(dirname "$0")/../lib.sh"
export GAVEL_TODAY=2026-11-23
g demo >/dev/null || fail "demo"
M=radet/2026-12-07

g invite $M --format txt > "$WORK/k.txt" || fail "invite txt"
python3 - "$WORK/k.txt" <<'PY' || fail "the invitation's text: $(cat "$WORK/k.txt")"
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
for s in ["KALLELSE", "Digitaliseringsrådet", "Sammanträdesdatum", "2026-12-07",
          "Regionens hus, Vänersborg, 2026-12-07, kl.\u00a009:30–12:00", "Maria Johansson, ordförande",
          "Henrik Svensson, sekreterare", "Ersättare", "Eva Karlsson", "Föredragningslista",
          "Föredragande: Henrik Svensson",
          "Anmäl förhinder till Henrik Svensson, henrik.svensson@vgregion.se."]:
    assert s in t, s
items = re.findall(r"^ +(\d+)  (.*)$", t, re.M)
assert [int(n) for n, _ in items] == list(range(1, 9)), items
assert items[0][1] == "Mötets öppnande" and items[-1][1] == "Mötets avslutande", items
PY
ok "the invitation names place, time, the invited, the agenda in order and whom to tell of an absence"

if command -v pdftotext >/dev/null; then
	expect_out "the PDF invitation is written" "$WORK/k.pdf" g invite $M -o "$WORK/k.pdf"
	pdftotext "$WORK/k.pdf" - | tr -s ' \n' '  ' > "$WORK/k.pdf.txt"
	python3 - "$WORK/k.pdf.txt" <<'PY' || fail "the PDF invitation's text"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
at = -1
for s in ["KALLELSE", "Plats och tid", "Kallade", "Föredragningslista", "Mötets öppnande", "Val av justerare",
          "Godkännande av dagordningen", "Föregående protokoll", "Uppföljning av försenade åtgärder",
          "Mötets avslutande", "Anmäl förhinder"]:
    i = t.find(s, at + 1)
    assert i > at, s
    at = i
assert "Sida 1 (1)" in t
PY
	ok "pdftotext reads the PDF invitation's agenda in order"
else
	echo "pdftotext not installed: skipped the PDF invitation"
fi

g invite $M --format ics > "$WORK/k.ics" || fail "ics"
python3 - "$WORK/k.ics" <<'PY' || fail "the iCalendar file"
import sys
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b""), "CRLF lines"
for l in lines:
    assert len(l) <= 75, l
    l.decode("utf-8")   # a fold never splits a character
text = raw.replace(b"\r\n ", b"").decode("utf-8")
for s in ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "DTSTART:20261207T093000", "DTEND:20261207T120000",
          "SUMMARY:Digitaliseringsrådet: sammanträde", "LOCATION:Regionens hus\\, Vänersborg",
          "1. Mötets öppnande\\n2. Val av justerare", 'ORGANIZER;CN="Maria Johansson":mailto:maria.johansson@vgregion.se',
          "ATTENDEE;CN=\"Karin Åberg\";ROLE=REQ-PARTICIPANT:mailto:karin.aberg@goteborgsregionen.se",
          "END:VCALENDAR"]:
    assert s in text, s
PY
ok "the .ics has CRLF lines folded at 75 octets, UTF-8 whole, the time, place, agenda, organiser and attendees"

if command -v calcurse >/dev/null; then
	export HOME="$WORK/home"
	mkdir -p "$HOME"
	cal="$HOME/.calcurse"
	calcurse -D "$cal" -i "$WORK/k.ics" > "$WORK/cal.out" 2>&1 || fail "calcurse -i: $(cat "$WORK/cal.out")"
	grep -q "1 app / 0 events / 0 todos / 0 skipped" "$WORK/cal.out" || fail "calcurse: $(cat "$WORK/cal.out")"
	grep -q '^12/07/2026 @ 09:30 -> 12/07/2026 @ 12:00>[0-9a-f]* |Digitaliseringsrådet: sammanträde$' "$cal/apts" ||
		fail "calcurse's appointment: $(cat "$cal/apts")"
	note=$(sed 's/.*>\([0-9a-f]*\) .*/\1/' "$cal/apts")
	grep -q "5. Gemensam e-arkivtjänst för kommunerna" "$cal/notes/$note" || fail "the agenda is not the note"
	ok "calcurse imports the invitation: 2026-12-07 09:30–12:00 with the agenda as its note"

	# a meeting without a time is a whole day
	g meeting add referens 2027-02-10 --place "Lindholmen, Göteborg" >/dev/null
	g invite referens/2027-02-10 --format ics -o "$WORK/day.ics" >/dev/null || fail "ics whole day"
	grep -q "DTSTART;VALUE=DATE:20270210" "$WORK/day.ics" || fail "no whole day"
	calcurse -D "$cal" -i "$WORK/day.ics" > "$WORK/cal.out" 2>&1 || fail "calcurse -i day"
	grep -q "0 apps / 1 event" "$WORK/cal.out" || fail "calcurse day: $(cat "$WORK/cal.out")"
	ok "a meeting without a time is a whole-day event in calcurse"
else
	echo "calcurse not installed: skipped importing the invitation into a calendar"
fi
refused "an invitation in an unknown format" 2 "unknown format: odt" g invite $M --format odt
