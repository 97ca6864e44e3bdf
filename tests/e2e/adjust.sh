#!/bin/bash
# Adjustment signatures: the chair and the adjuster each sign on their own
# machine (copies of the council's database; the rows that sync would carry
# are copied with sqlite3), the meeting locks when both have signed, and
# `gavel verify` checks the meeting and the exported documents, without
# the database for the documents. Verify catches a changed character, a
# removed paragraph and a forged signature; a change after the first
# signature makes it invalid, visibly.
. "$(dirname "$0")/../lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped the adjustment tests"; exit 0; }
export GAVEL_TODAY=2026-11-23
g demo >/dev/null || fail "demo"
M=radet/2026-10-26
cp "$GAVEL_DB" "$WORK/maria.db"
cp "$GAVEL_DB" "$WORK/per.db"
maria() { GAVEL_DB="$WORK/maria.db" "$GAVEL" "$@"; }
per() { GAVEL_DB="$WORK/per.db" "$GAVEL" "$@"; }
# what sync carries between the two machines
carry() {
	sqlite3 "$2" "ATTACH '$1' AS o;
	INSERT OR IGNORE INTO adjuster SELECT * FROM o.adjuster;
	INSERT OR IGNORE INTO adjust_signer SELECT * FROM o.adjust_signer;
	INSERT OR REPLACE INTO signature SELECT * FROM o.signature;
	INSERT OR IGNORE INTO member_key SELECT * FROM o.member_key;
	UPDATE item SET notes = (SELECT notes FROM o.item i WHERE i.id = item.id);" || fail "carry $1 to $2"
}

maria whoami "Maria Johansson"
per whoami "Per Öhman"
expect_grep "the chair signs on her machine" "signed by Maria Johansson with key [0-9a-f ]*" \
	maria adjust $M --by "Maria Johansson" --by "Per Öhman"
[ "$(stat -c %a "$WORK/maria.db.identity")" = 600 ] || fail "the key file is not 0600"
ok "her key is beside the database, readable by her alone"
out=$(maria adjust $M 2>/dev/null)
printf '%s\n' "$out" | grep -q 'waiting for Per Öhman' || fail "no waiting"
maria meeting show $M | grep -q "Status: closed" || fail "locked before all signed"
ok "the meeting waits for the adjuster and is not locked yet"
fp=$(printf '%s\n' "$out" | sed -n 's/^signed by Maria Johansson with key //p')
printf '%s\n' "$fp" | grep -Eqx '[0-9a-f]{4}( [0-9a-f]{4}){7}' ||
	fail "the key's fingerprint [$fp] is not eight groups of four hex digits"
maria export $M --format txt > "$WORK/half.txt"
grep -q "Ännu inte signerat" "$WORK/half.txt" && grep -q "UTKAST" "$WORK/half.txt" || fail "half signed protocol"
ok "a half-signed protocol is still a draft and shows who has not signed"
grep -qF "nyckel $fp" "$WORK/half.txt" || fail "the protocol does not show the whole fingerprint on one line: $(cat "$WORK/half.txt")"
maria verify $M 2>/dev/null | grep -qF "with key $fp: valid" || fail "verify does not show the whole fingerprint"
ok "the key's fingerprint, eight groups of four hex digits, is whole in the adjustment, the protocol and verify"

# A change after the first signature makes it invalid, visibly.
maria note $M 5 "Tillägg efter signeringen." >/dev/null
refused "verify after a change" 1 "Maria Johansson: the protocol was changed after signing (item 5 changed)" maria verify $M
maria export $M --format txt | grep -q "OGILTIG SIGNATUR: protokollet har ändrats efter signeringen" ||
	fail "the export does not show the invalid signature"
ok "the export shows the invalid signature"
expect_grep "she signs again" "signed by Maria Johansson" maria adjust $M
maria verify $M > "$WORK/v.txt" || fail "verify after signing again"
grep -q "Maria Johansson *signed .* valid" "$WORK/v.txt" || fail "$(cat "$WORK/v.txt")"
ok "signing again makes it valid"

# The adjuster signs on his machine; the meeting is adjusted and locked.
carry "$WORK/maria.db" "$WORK/per.db"
expect_grep "the adjuster signs and the minutes lock" "is adjusted: the minutes are locked" per adjust $M --by "Per Öhman"
refused "a note on the signed minutes" 1 "is adjusted" per note $M 5 "Ändring"
per verify $M > "$WORK/v.txt" || fail "verify: $(cat "$WORK/v.txt")"
[ "$(grep -c 'signed 2026-.* with key .*: valid' "$WORK/v.txt")" = 2 ] || fail "$(cat "$WORK/v.txt")"
ok "verify reports both signatures, when and with which key"

# Exported documents carry the signatures: verify without the database.
for f in pdf odt txt md html; do
	per export $M --format $f -o "$WORK/p.$f" >/dev/null || fail "export $f"
	GAVEL_DB=/nonexistent/none.db "$GAVEL" verify "$WORK/p.$f" > "$WORK/v.txt" 2>&1 ||
		fail "verify $f: $(cat "$WORK/v.txt")"
	grep -q "every signature holds" "$WORK/v.txt" || fail "verify $f: $(cat "$WORK/v.txt")"
done
ok "verify checks the PDF, ODT, text, Markdown and HTML without the database"
per export $M --paragraph 18 --format txt -o "$WORK/x.txt" >/dev/null
GAVEL_DB=/nonexistent/none.db "$GAVEL" verify "$WORK/x.txt" >/dev/null || fail "verify the extract"
ok "an extract of the signed protocol verifies"
if command -v pdftotext >/dev/null; then
	pdftotext "$WORK/p.pdf" - | grep -q "Signerat 2026-11-23" || fail "no signature in the PDF"
	pdftotext "$WORK/p.pdf" - | grep -q "UTKAST" && fail "the signed PDF is a draft"
	ok "the signed PDF shows the signatures and is no draft"
fi

# One changed character, a removed paragraph, a forged signature.
sed 's/att godkänna dagordningen/att godkänna dagordninqen/' "$WORK/p.txt" > "$WORK/c.txt"
refused "a changed character in the text" 1 "has been changed" g verify "$WORK/c.txt"
python3 - "$WORK/p.md" "$WORK/r.md" <<'PY' || fail "remove a paragraph"
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
a = t.index("## § 16 "); b = t.index("## ", a + 3)
open(sys.argv[2], "w", encoding="utf-8").write(t[:a] + t[b:])
PY
refused "a removed paragraph in the Markdown" 1 "has been changed" g verify "$WORK/r.md"
python3 - "$WORK/p.pdf" "$WORK/c.pdf" <<'PY' || fail "change the PDF"
import sys
b = bytearray(open(sys.argv[1], "rb").read())
i = b.index(b"stream\n", len(b) // 3) + 40   # a byte inside a content stream
b[i] ^= 1
open(sys.argv[2], "wb").write(b)
PY
refused "a changed byte in the PDF" 1 "has been changed" g verify "$WORK/c.pdf"
python3 - "$WORK/p.odt" "$WORK/c.odt" <<'PY' || fail "change the ODT"
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w") as out:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename == "content.xml":
            data = data.replace("att godkänna dagordningen".encode(), "att godkänna dagordninqen".encode())
        out.writestr(i, data)
PY
refused "a changed character in the ODT" 1 "has been changed" g verify "$WORK/c.odt"
python3 - "$WORK/p.txt" "$WORK/f.txt" <<'PY' || fail "forge"
import sys, base64, re
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"-----BEGIN GAVEL ADJUSTMENT-----\n(.*)-----END GAVEL ADJUSTMENT-----\n", t, re.S)
payload = base64.b64decode(m.group(1).replace("\n", "")).decode()
lines = payload.split("\n")
for i, l in enumerate(lines):
    if l.startswith("signature\t0\tPer"):
        f = l.split("\t")
        f[5] = ("0" if f[5][0] != "0" else "1") + f[5][1:]     # one digit of the signature
        lines[i] = "\t".join(f)
forged = base64.b64encode("\n".join(lines).encode()).decode()
block = "".join(forged[i:i + 64] + "\n" for i in range(0, len(forged), 64))
open(sys.argv[2], "w", encoding="utf-8").write(t[:m.start(1)] + block + t[m.end(1):])
PY
refused "a forged signature" 1 "Per Öhman: the signature does not hold" g verify "$WORK/f.txt"
refused "a file without signatures" 1 "carries no adjustment signatures" g verify "$GAVEL_DB"

# In the database: a changed character, a removed paragraph, a forged signature.
cp "$WORK/per.db" "$WORK/t.db"
sqlite3 "$WORK/t.db" "UPDATE decision SET text = replace(text, 'dagordningen', 'dagordninqen') WHERE text LIKE '%dagordningen%' AND year = 2026 AND para = 16"
refused "a character changed in the database" 1 "Maria Johansson: the protocol was changed after signing (item 3 changed)" \
	env GAVEL_DB="$WORK/t.db" "$GAVEL" verify $M
cp "$WORK/per.db" "$WORK/t.db"
sqlite3 "$WORK/t.db" "PRAGMA foreign_keys = OFF; DELETE FROM decision WHERE year = 2026 AND para = 19; DELETE FROM item WHERE title = 'Gemensam IT-drift: förstudie' AND meeting_id = (SELECT id FROM meeting WHERE date = '2026-10-26')"
refused "a paragraph removed from the database" 1 "item 6 removed" env GAVEL_DB="$WORK/t.db" "$GAVEL" verify $M
cp "$WORK/per.db" "$WORK/t.db"
sqlite3 "$WORK/t.db" "UPDATE signature SET signature = (SELECT signature FROM signature WHERE person_id = (SELECT id FROM person WHERE name = 'Maria Johansson')) WHERE person_id = (SELECT id FROM person WHERE name = 'Per Öhman')"
refused "a signature copied from another signer" 1 "Per Öhman: the signature is forged or damaged" env GAVEL_DB="$WORK/t.db" "$GAVEL" verify $M

# Omedelbar justering: one paragraph adjusted during the meeting.
N=radet/2026-12-07
per meeting open $N --at 09:30 >/dev/null
per attend $N "Maria Johansson" >/dev/null
per attend $N "Per Öhman" >/dev/null
per decide $N 5 "att införa en gemensam e-arkivtjänst" >/dev/null 2>&1
para=$(per export $N --format txt | sed -n 's/^§ \([0-9]*\) Gemensam e-arkivtjänst.*/\1/p')
[ -n "$para" ] || fail "no paragraph for item 5"
expect_grep "one paragraph signed at once" "waiting for Maria Johansson" per adjust $N --paragraph "$para" --by "Per Öhman" --by "Maria Johansson"
carry "$WORK/per.db" "$WORK/maria.db"
sqlite3 "$WORK/maria.db" "ATTACH '$WORK/per.db' AS o; INSERT OR IGNORE INTO attendance SELECT * FROM o.attendance; INSERT OR IGNORE INTO decision SELECT * FROM o.decision; UPDATE meeting SET status = 'open', opened_at = '09:30' WHERE date = '2026-12-07' AND body_id = (SELECT id FROM body WHERE short = 'radet'); UPDATE item SET status = 'done' WHERE id IN (SELECT item_id FROM o.decision); UPDATE para_counter SET last = (SELECT last FROM o.para_counter p WHERE p.body_id = para_counter.body_id AND p.year = para_counter.year)"
expect_grep "the chair signs the paragraph" "is adjusted at once: it is locked" maria adjust $N --paragraph "$para"
refused "a note on the paragraph adjusted at once" 1 "adjusted at once" maria note $N 5 "Ändring"
maria note $N 6 "Andra punkter går att ändra." >/dev/null || fail "another item is locked"
ok "the rest of the meeting can still be changed"
maria export $N --paragraph "$para" --format txt -o "$WORK/i.txt" >/dev/null
grep -q "Paragrafen justerades omedelbart 2026-11-23." "$WORK/i.txt" && ! grep -q UTKAST "$WORK/i.txt" ||
	fail "the extract of the paragraph: $(cat "$WORK/i.txt")"
GAVEL_DB=/nonexistent/none.db "$GAVEL" verify "$WORK/i.txt" >/dev/null || fail "verify the paragraph's extract"
ok "the extract of a paragraph adjusted at once is no draft and verifies"

refused "adjust an open meeting" 1 "close it before adjusting" maria adjust $N --by "Maria Johansson"
refused "adjust with nobody named" 2 "--by" g adjust radet/2026-12-07
refused "verify a meeting nobody signed" 1 "has no adjustment signatures" g verify radet/2026-12-07
