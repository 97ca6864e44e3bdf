#!/bin/bash
# Documents: the protocol and its extracts as text and Markdown, compared
# with golden files made from the demo council on a fixed day; HTML and
# Markdown read by other programs; a council's own meeting with the cases
# the demo lacks. UPDATE_GOLDEN=1 rewrites the golden files.
. "$(dirname "$0")/../lib.sh"
GOLDEN=$(cd "$(dirname "$0")/../golden" && pwd)
export GAVEL_TODAY=2026-11-23
g demo >/dev/null || fail "demo"

# golden NAME command...: the command's output must equal tests/golden/NAME
golden() {
	local name=$1
	shift
	"$@" > "$WORK/$name" 2>"$WORK/err" || fail "$name: exit $? $(cat "$WORK/err")"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$WORK/$name" "$GOLDEN/$name"
	fi
	diff -u "$GOLDEN/$name" "$WORK/$name" >&2 || fail "$name differs from tests/golden/$name"
	ok "$name is as its golden file"
}

golden protocol.txt g export radet/2026-07-26 --format txt
golden protocol.md g export radet/2026-07-26 --format md
golden protocol-jav.md g export styrgrupp/2026-08-15 --format md
golden draft.txt g export radet/2026-10-26 --format txt
golden extract.txt g export radet/2026-07-26 --paragraph 5 --format txt
golden extract-en.md g export radet/2026-09-14 --paragraph 12 --format md --lang en

# Every line of the plain text fits in 72 columns.
long=$(g export radet/2026-07-26 --format txt | python3 -c '
import sys
print(sum(1 for l in sys.stdin.read().splitlines() if len(l) > 72))')
[ "$long" = 0 ] || fail "$long lines of the text are wider than 72 columns"
ok "the text is wrapped at 72 columns"

# The draft is marked at its top and its end; an adjusted protocol is not.
[ "$(g export radet/2026-10-26 --format txt | grep -c 'UTKAST – EJ JUSTERAT')" = 2 ] || fail "draft mark"
g export radet/2026-07-26 --format txt | grep -q UTKAST && fail "an adjusted protocol marked as draft"
ok "a draft is marked, an adjusted protocol is not"

# pandoc reads the Markdown: one level-2 heading per agenda item, in order.
if command -v pandoc >/dev/null; then
	g export radet/2026-07-26 --format md | pandoc -f markdown -t json > "$WORK/md.json" ||
		fail "pandoc cannot read the Markdown"
	python3 - "$WORK/md.json" <<'PY' || fail "pandoc's reading of the Markdown"
import json, sys
doc = json.load(open(sys.argv[1]))
def text(inl):
    out = []
    for i in inl:
        if i["t"] == "Str": out.append(i["c"])
        elif i["t"] in ("Space", "SoftBreak", "LineBreak"): out.append(" ")
        elif "c" in i and isinstance(i["c"], list): out.append(text([x for x in i["c"] if isinstance(x, dict)]))
    return "".join(out)
heads = [text(b["c"][2]) for b in doc["blocks"] if b["t"] == "Header" and b["c"][0] == 2]
want = ["§ 1 Mötets öppnande", "§ 2 Val av justerare", "§ 3 Godkännande av dagordningen",
        "§ 4 Föregående protokoll", "Lägesrapport bredbandsutbyggnad",
        "§ 5 E-legitimation i kommunerna", "§ 6 Digitala trygghetslarm", "§ 7 Mötets avslutande"]
assert heads == want, heads
PY
	ok "pandoc reads the Markdown: every item a heading, in order"
else
	echo "pandoc not installed: skipped reading the Markdown with pandoc"
fi

# The HTML is one well-formed standalone file with print styles.
g export radet/2026-10-26 --format html > "$WORK/p.html" || fail "html"
python3 - "$WORK/p.html" <<'PY' || fail "the HTML"
import sys, html.parser
src = open(sys.argv[1], encoding="utf-8").read()
class P(html.parser.HTMLParser):
    void = {"meta", "br", "line", "rect", "link"}
    def __init__(self):
        super().__init__(); self.stack = []; self.text = []
    def handle_starttag(self, t, a):
        if t not in self.void: self.stack.append(t)
    def handle_endtag(self, t):
        assert self.stack and self.stack[-1] == t, (t, self.stack[-5:])
        self.stack.pop()
    def handle_data(self, d): self.text.append(d)
p = P(); p.feed(src); assert not p.stack, p.stack
text = " ".join(p.text)
assert "@page" in src and "@media print" in src
for s in ("PROTOKOLL", "UTKAST – EJ JUSTERAT", "Sammanträdesdatum", "2026-10-26", "Beslutande",
          "Tjänstgörande ersättare", "Birgitta Lund för Sofia Hedlund", "§ 19 Gemensam IT-drift: förstudie",
          "Underskrifter", "§§ 14–20"):
    assert s in text, s
assert "<script" not in src and "http://" not in src.replace("http://www.w3.org/2000/svg", "")
PY
ok "the HTML is well formed, standalone, with print styles and the draft mark"

# The PDF: A4, every header field on its line, every paragraph in order,
# "Sida N (M)" and the head on every page, the draft mark on every page of
# a draft and on none of an adjusted protocol.
if command -v pdftotext >/dev/null; then
	g export radet/2026-07-26 -o "$WORK/p.pdf" >/dev/null || fail "pdf export"
	g export radet/2026-10-26 --format pdf -o "$WORK/draft.pdf" >/dev/null || fail "pdf draft"
	g export radet/2026-07-26 --paragraph 5 --format pdf -o "$WORK/x.pdf" >/dev/null || fail "pdf extract"
	pdfinfo "$WORK/p.pdf" | grep -q "Page size: *595.276 x 841.89 pts (A4)" || fail "not A4: $(pdfinfo "$WORK/p.pdf")"
	pdffonts "$WORK/p.pdf" | grep -q "DejaVuSerif" || fail "DejaVu Serif not embedded"
	ok "the PDF is A4 with DejaVu fonts embedded"
	python3 - "$WORK" <<'PY' || fail "the text of the PDF"
import subprocess, sys, re
work = sys.argv[1]
def text(name, layout=True, page=None):
    cmd = ["pdftotext"] + (["-layout"] if layout else [])
    if page: cmd += ["-f", str(page), "-l", str(page)]
    return subprocess.run(cmd + [f"{work}/{name}", "-"], capture_output=True, text=True, check=True).stdout
def pages(name):
    out = subprocess.run(["pdfinfo", f"{work}/{name}"], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))
t = text("p.pdf")
for field, value in [("Plats och tid", "Regionens hus, Vänersborg, 2026-07-26, kl. 09:32–11:50"),
                     ("Beslutande", "Maria Johansson, ordförande"),
                     ("Tjänstgörande ersättare", "Eva Karlsson för Elin Sandberg"),
                     ("Övriga närvarande", "Jonas Wikström, adjungerad"),
                     ("Frånvarande", "Elin Sandberg, ledamot"),
                     ("Sekreterare", "Henrik Svensson"), ("Justerare", "Karin Åberg"),
                     ("Justerat", "2026-11-23"), ("Paragrafer", "§§ 1–7")]:
    assert re.search(re.escape(field) + r" +" + re.escape(value), t), (field, value)
for s in ["Ingrid Wallin, ledamot (t.o.m. punkt 6)", "Underskrifter", "Ordförande", "Anslag om justering",
          "Anslaget tas ned", "2026-12-14"]:
    assert s in t, s
flat = re.sub(r"\s+", " ", text("p.pdf", layout=False))
order = ["§ 1 Mötets öppnande", "att förklara mötet öppnat", "§ 2 Val av justerare",
         "§ 3 Godkännande av dagordningen", "§ 4 Föregående protokoll", "Lägesrapport bredbandsutbyggnad",
         "Av länets cirka 175 bristområden saknar 38 fortfarande fiberanslutning.",
         "§ 5 E-legitimation i kommunerna", "Tolv av länets 49 kommuner",
         "9 ja, 1 nej, 0 avstår", "Johan Ekström reserverar sig mot beslutet.",
         "§ 6 Digitala trygghetslarm", "§ 7 Mötets avslutande", "att förklara mötet avslutat"]
at = -1
for s in order:
    i = flat.find(s, at + 1)
    assert i > at, ("out of order or missing", s)
    at = i
n = pages("p.pdf")
assert n >= 2, n
for k in range(1, n + 1):
    pt = text("p.pdf", page=k)
    assert f"Sida {k} ({n})" in pt, (k, n)
    assert "Digitaliseringsrådet" in pt and "Sammanträdesdatum 2026-07-26" in pt and "PROTOKOLL" in pt
    assert "UTKAST" not in pt
    assert "Justerandes signatur" in pt
nd = pages("draft.pdf")
for k in range(1, nd + 1):
    assert "UTKAST – EJ JUSTERAT" in text("draft.pdf", page=k), k
x = text("x.pdf")
assert "PROTOKOLLSUTDRAG" in x and "§ 5 E-legitimation i kommunerna" in x and "Rätt utdraget intygar" in x
assert "§ 4 Föregående" not in x and "§ 6 Digitala" not in x
PY
	ok "pdftotext finds every header field, every paragraph in order, Sida N (M) and the draft mark"
else
	echo "pdftotext not installed: skipped the checks of the PDF's text"
fi

# The OpenDocument text: a valid package (the mimetype stored first,
# well-formed XML parts with the protocol's text), and a file LibreOffice
# opens and converts to PDF with every paragraph in order.
g export radet/2026-07-26 --format odt -o "$WORK/p.odt" >/dev/null || fail "odt export"
g export radet/2026-10-26 --format odt -o "$WORK/draft.odt" >/dev/null || fail "odt draft"
python3 - "$WORK" <<'PY' || fail "the OpenDocument package"
import sys, zipfile, xml.dom.minidom as dom
work = sys.argv[1]
raw = open(f"{work}/p.odt", "rb").read()
assert raw[30:38] == b"mimetype" and raw[38:77] == b"application/vnd.oasis.opendocument.text", raw[:80]
z = zipfile.ZipFile(f"{work}/p.odt")
info = z.infolist()
assert info[0].filename == "mimetype" and info[0].compress_type == zipfile.ZIP_STORED
names = {i.filename for i in info}
assert {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} <= names, names
for n in names - {"mimetype"}:
    dom.parseString(z.read(n))
def text(node):
    return "".join(c.data if c.nodeType == c.TEXT_NODE else
                   " " if c.nodeName in ("text:s", "text:tab", "text:line-break") else text(c)
                   for c in node.childNodes)
body = text(dom.parseString(z.read("content.xml")))
for s in ["Regionens hus, Vänersborg", "Eva Karlsson för Elin Sandberg", "§ 1 Mötets öppnande",
          "§ 5 E-legitimation i kommunerna", "Johan Ekström reserverar sig mot beslutet.", "att förklara mötet avslutat"]:
    assert s in body, s
styles = text(dom.parseString(z.read("styles.xml")))
assert "PROTOKOLL" in styles and "Sammanträdesdatum 2026-07-26" in styles and "Justerandes signatur" in styles
assert "UTKAST" not in styles
d = zipfile.ZipFile(f"{work}/draft.odt")
assert "UTKAST – EJ JUSTERAT" in text(dom.parseString(d.read("styles.xml")))
PY
ok "the ODT is an OpenDocument package with the protocol, its page head, initials and draft mark"
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	mkdir -p "$WORK/lo"
	HOME="$WORK/lo" timeout 180 soffice --headless -env:UserInstallation=file://"$WORK/lo/profile" \
		--convert-to pdf --outdir "$WORK/lo" "$WORK/p.odt" >"$WORK/lo.out" 2>&1 ||
		fail "LibreOffice could not convert the ODT: $(cat "$WORK/lo.out")"
	[ -s "$WORK/lo/p.pdf" ] || fail "LibreOffice made no PDF: $(cat "$WORK/lo.out")"
	python3 - "$WORK/lo/p.pdf" <<'PY' || fail "the text of the converted ODT"
import subprocess, sys, re
flat = re.sub(r"\s+", " ", subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True,
                                          check=True).stdout)
for s in ["PROTOKOLL", "Sammanträdesdatum 2026-07-26", "Sida 1 (", "Plats och tid", "Beslutande",
          "Eva Karlsson för Elin Sandberg", "Justerandes signatur"]:
    assert s in flat, s
at = -1
for s in ["§ 1 Mötets öppnande",
          "§ 2 Val av justerare", "§ 5 E-legitimation i kommunerna", "9 ja, 1 nej, 0 avstår",
          "§ 6 Digitala trygghetslarm", "§ 7 Mötets avslutande", "att förklara mötet avslutat"]:
    i = flat.find(s, at + 1)
    assert i > at, ("out of order or missing", s)
    at = i
PY
	ok "LibreOffice converts the ODT to a PDF with every paragraph in order"
else
	echo "LibreOffice (soffice) or pdftotext not installed: skipped converting the ODT"
fi

# Output to a file with -o; refusals.
expect_out "export -o writes the file and names it" "$WORK/x.md" g export radet/2026-07-26 --format md -o "$WORK/x.md"
cmp -s "$WORK/x.md" "$GOLDEN/protocol.md" || fail "-o file differs"
ok "the file written with -o is the document"
refused "a PDF to standard output" 2 "cannot go to standard output" g export radet/2026-07-26 -o -
refused "an unknown format" 2 "unknown format: doc" g export radet/2026-07-26 --format doc
refused "an unknown language" 2 "unknown document language: de" g export radet/2026-07-26 --lang de
refused "a paragraph of another meeting" 1 "has no § 9" g export radet/2026-07-26 --paragraph 9
refused "a paragraph that is not a number" 1 "invalid paragraph number" g export radet/2026-07-26 --paragraph x
refused "an unknown meeting" 1 "unknown meeting" g export radet/2020-01-01
refused "an unknown short option" 2 "unknown option -x" g export radet/2026-07-26 -x

# A meeting of our own: a postponed item, a decision before attendance,
# someone who came late and left early, an English protocol.
export GAVEL_DB="$WORK/own.db"
g init "Testrådet" >/dev/null
g body add kultur "Kulturkulturen" >/dev/null
for p in "Åke Öst" "Bo Ek" "Cia Lind" "Dan Ås"; do g person add "$p" >/dev/null; done
g member add kultur "Åke Öst" ordförande >/dev/null
g member add kultur "Bo Ek" ledamot >/dev/null
g member add kultur "Cia Lind" ledamot >/dev/null
g member add kultur "Dan Ås" sekreterare >/dev/null
g meeting add kultur 2026-03-02 --time 18:00 >/dev/null
g item add kultur/2026-03-02 "Mötets öppnande" --kind standard >/dev/null
g item add kultur/2026-03-02 "Bidrag till <föreningar> & *studiecirklar*" >/dev/null
g item add kultur/2026-03-02 "Biblioteksplan" >/dev/null
g meeting open kultur/2026-03-02 --at 18:05 >/dev/null
g decide kultur/2026-03-02 1 "att förklara mötet öppnat" >/dev/null 2>&1
g attend kultur/2026-03-02 "Åke Öst" >/dev/null
g attend kultur/2026-03-02 "Bo Ek" --from-item 2 --to-item 2 >/dev/null
g attend kultur/2026-03-02 "Cia Lind" >/dev/null
g attend kultur/2026-03-02 "Dan Ås" >/dev/null
g note kultur/2026-03-02 2 "# Inte en rubrik
1. inte en lista" >/dev/null
g decide kultur/2026-03-02 2 "att bevilja 10 000 kr" --vote "Bo Ek:no" --vote "Cia Lind:yes" --vote "Åke Öst:yes" >/dev/null
g item postpone kultur/2026-03-02 3 >/dev/null
g export kultur/2026-03-02 --format txt > "$WORK/own.txt" || fail "own export"
for s in "Plats och tid *–, 2026-03-02, kl..18:05" "Bo Ek, ledamot (punkt 2–2)" \
	"Beslutet fattades innan närvaron hade registrerats." \
	"Röster: Cia Lind ja, Åke Öst ja, Bo Ek nej" "2 ja, 1 nej, 0 avstår" \
	"Ärendet sköts upp till ett senare sammanträde." "Paragrafer *§§ 1–2" "Sekreterare *Dan Ås"; do
	grep -q -- "$s" "$WORK/own.txt" || fail "own protocol lacks [$s]: $(cat "$WORK/own.txt")"
done
ok "a postponed item, a decision before attendance, a member there for one item, votes by name"
g export kultur/2026-03-02 --format md > "$WORK/own.md"
grep -q '^\\# Inte en rubrik' "$WORK/own.md" && grep -q '^1\\. inte en lista' "$WORK/own.md" &&
	grep -q 'Bidrag till \\<föreningar\\> \\& \\\*studiecirklar\\\*' "$WORK/own.md" ||
	fail "Markdown not escaped: $(cat "$WORK/own.md")"
ok "Markdown markup in notes and titles is escaped"
g export kultur/2026-03-02 --format html | grep -q 'Bidrag till &lt;föreningar&gt; &amp; \*studiecirklar\*' ||
	fail "HTML not escaped"
ok "HTML special characters are escaped"
g export kultur/2026-03-02 --format txt --lang en > "$WORK/own-en.txt"
for s in "PROTOCOL" "Meeting date" "Place and time" "Decision-makers" "Bo Ek, member (items 2–2)" \
	"DRAFT – NOT ADJUSTED" "Kulturkulturen decides" "2 yes, 1 no, 0 abstaining"; do
	grep -q -- "$s" "$WORK/own-en.txt" || fail "English protocol lacks [$s]"
done
ok "the protocol in English"
