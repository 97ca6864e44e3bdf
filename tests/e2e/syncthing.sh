#!/bin/bash
# Two members share a council through real Syncthing: two instances on
# loopback that know each other's address (no discovery, relays, NAT or
# usage reporting), one folder between them. Eva shares the council, Syncthing
# carries it, Björn joins; both edit offline, also the same field, and sync
# while Syncthing carries the files back and forth: both end with the same
# dump and the same conflict, the folder holds no clear text, and
# Syncthing's own files in it (.stfolder, .stversions, its temporary files,
# its conflict copies) do not upset a sync.
. "$(dirname "$0")/../lib.sh"
for tool in syncthing curl python3; do
	command -v $tool >/dev/null || { echo "$tool not installed: skipped the test with Syncthing"; exit 0; }
done

FOLDER=gavel-council
A="$WORK/eva.db" B="$WORK/bjorn.db"
DA="$WORK/eva-folder" DB="$WORK/bjorn-folder"
export GAVEL_PASSPHRASE="korrekt häftklammer hästbatteri"
a() { g --db "$A" "$@"; }
b() { g --db "$B" "$@"; }

# ---- two Syncthing instances, 0 (Eva's) and 1 (Björn's) ----

home=("$WORK/st-eva" "$WORK/st-bjorn")
dir=("$DA" "$DB")
pid=()
stop_syncthing() {
	local p i
	for p in "${pid[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${pid[@]}"; do
		for ((i = 0; i < 50; i++)); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	pid=()
}
trap 'stop_syncthing; rm -rf "$WORK"' EXIT
trap 'exit 1' INT TERM HUP

# The last lines each instance logged, to explain a failure.
logs() {
	local i
	for i in 0 1; do
		echo "--- syncthing $i:" >&2
		tail -15 "$WORK/st$i.log" >&2 2>/dev/null
	done
}

# Four free ports on the loopback: GUI and sync protocol of each instance.
read -r gui0 gui1 port0 port1 < <(python3 -c '
import socket
s = [socket.socket() for _ in range(4)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))
for x in s:
    x.close()')
gui=("$gui0" "$gui1") port=("$port0" "$port1")
key=()
id=()
for i in 0 1; do
	mkdir -p "${dir[i]}/.stfolder" # the folder marker Syncthing looks for
	syncthing generate --home="${home[i]}" --no-default-folder >"$WORK/st$i.log" 2>&1 ||
		fail "syncthing generate: $(cat "$WORK/st$i.log")"
	id[i]=$(syncthing --device-id --home="${home[i]}" 2>/dev/null ||
		syncthing device-id --home="${home[i]}" 2>/dev/null) || fail "no device id"
	[[ ${id[i]} =~ ^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$ ]] || fail "device id [${id[i]}]"
	key[i]=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
done
ok "two Syncthing devices: ${id[0]:0:7} and ${id[1]:0:7}"

# The configuration of instance i, written before it starts: the other
# device at its loopback address, the shared folder, nothing that reaches
# beyond this machine.
configure() {
	local i=$1 j=$((1 - $1)) version
	version=$(sed -n 's/.*<configuration version="\([0-9]*\)".*/\1/p' "${home[i]}/config.xml")
	cat >"${home[i]}/config.xml" <<EOF
<configuration version="${version:-36}">
    <folder id="$FOLDER" label="Council" path="${dir[i]}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${id[i]}"></device>
        <device id="${id[j]}"></device>
    </folder>
    <device id="${id[i]}" name="member$i" compression="metadata">
        <address>dynamic</address>
    </device>
    <device id="${id[j]}" name="member$j" compression="metadata">
        <address>tcp://127.0.0.1:${port[j]}</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:${gui[i]}</address>
        <apikey>${key[i]}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${port[i]}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
EOF
}

# api I METHOD PATH: a call to instance I's REST interface
api() {
	curl -fsS --max-time 30 -X "$2" -H "X-API-Key: ${key[$1]}" "http://127.0.0.1:${gui[$1]}$3"
}

# poll SECONDS "what" command...: runs the command until it succeeds, or
# fails the test after SECONDS, showing what the instances logged
poll() {
	local secs=$1 what=$2 i
	shift 2
	local end=$((SECONDS + secs))
	until "$@" >/dev/null 2>&1; do
		for i in "${!pid[@]}"; do
			kill -0 "${pid[i]}" 2>/dev/null || { logs; fail "$what: syncthing $i has stopped"; }
		done
		[ "$SECONDS" -lt "$end" ] || { logs; fail "$what: not done after $secs s"; }
		sleep 0.2
	done
}

connected() {
	api "$1" GET /rest/system/connections | python3 -c '
import json, sys
sys.exit(0 if json.load(sys.stdin)["connections"].get(sys.argv[1], {}).get("connected") else 1)' "$2"
}

export STNODEFAULTFOLDER=1 STNOUPGRADE=1 STNORESTART=1
for i in 0 1; do
	configure $i
	syncthing serve --home="${home[i]}" --no-browser --no-restart --no-upgrade --no-default-folder \
		>>"$WORK/st$i.log" 2>&1 &
	pid[i]=$!
	poll 60 "syncthing $i answers on 127.0.0.1:${gui[i]}" api $i GET /rest/system/ping
done
ok "both instances run, their REST interfaces on the loopback"
api 0 GET /rest/config | python3 -c '
import json, sys
c = json.load(sys.stdin)
o = c["options"]
assert not o["globalAnnounceEnabled"] and not o["localAnnounceEnabled"], o
assert not o["relaysEnabled"] and not o["natEnabled"] and o["urAccepted"] == -1, o
assert o["listenAddresses"] == ["tcp://127.0.0.1:'"$port0"'"], o["listenAddresses"]
assert [f["id"] for f in c["folders"]] == ["'$FOLDER'"], c["folders"]
' || fail "the configuration Syncthing runs with is not the one written"
ok "no discovery, no relays, no NAT, no usage reporting; the one folder"
poll 60 "the instances connect" connected 0 "${id[1]}"
poll 30 "the instances connect" connected 1 "${id[0]}"
ok "the two devices are connected over the loopback"

# The council files of a folder (flat or in WRITER/BUCKET) with their
# checksums (not dot files, nor what lies in dot directories).
listing() {
	(cd "$1" && find . -mindepth 1 -name '.*' -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}
both_hold_the_same() {
	local la lb
	la=$(listing "$DA") && lb=$(listing "$DB") && [ -n "$la" ] && [ "$la" = "$lb" ]
}
# carry "what": Syncthing rescans both folders and is waited for until both
# hold the same files, byte for byte
carry() {
	api 0 POST "/rest/db/scan?folder=$FOLDER" >/dev/null 2>&1
	api 1 POST "/rest/db/scan?folder=$FOLDER" >/dev/null 2>&1
	poll 120 "Syncthing carries $1" both_hold_the_same
	ok "Syncthing carried $1 ($(listing "$DA" | wc -l) files in each folder)"
}

# ---- Eva's council, shared ----

M=radet/2026-12-07
a init "Kulturrådet i Lerum" >/dev/null &&
	a body add radet "Kulturrådet" &&
	a person add "Eva Lind" --org "Lerums kommun" >/dev/null &&
	a person add "Björn Ek" --org "Lerums kommun" >/dev/null &&
	a person add "Sara Holm" >/dev/null &&
	a member add radet "Eva Lind" ordförande --from 2026-01-01 &&
	a member add radet "Björn Ek" sekreterare --from 2026-01-01 &&
	a member add radet "Sara Holm" ledamot --from 2026-01-01 &&
	a meeting add radet 2026-12-07 --time 18:00 --place "Lerums bibliotek" >/dev/null || fail "council"
for title in "Mötets öppnande" "Bidrag till föreningar" "Sommarteatern" "Budget 2027"; do
	a item add $M "$title" >/dev/null || fail "item $title"
done
a attend $M "Eva Lind" && a attend $M "Björn Ek" && a attend $M "Sara Holm" &&
	a meeting open $M --at 18:00 || fail "attendance"
ok "Eva's council: a body, three members (Björn its secretary), a meeting with four items"
expect_grep "Eva shares the council through her Syncthing folder" "shared the council through" \
	a council share "$DA" --as "Eva Lind"
carry "the shared council to Björn"
expect_grep "Björn asks to join from his Syncthing folder" "asked to join" b join "$DB" --as "Björn Ek"
fp=$(b members 2>/dev/null; b sync 2>&1 | sed -n 's/.*(fingerprint \([0-9a-f ]*\)).*/\1/p')
[ -n "$fp" ] || fail "Björn's machine shows no fingerprint"
carry "Björn's request to Eva"
expect_grep "Eva admits Björn by his fingerprint" "admitted Björn Ek" a members admit "$fp"
carry "Eva's admission to Björn"
expect_grep "Björn's first sync reads the council" "^admitted" b sync
carry "Björn's joining to Eva"
expect_ok "Eva syncs" a sync
expect_grep "Eva knows Björn's machine" "Björn Ek" a members

# ---- both edit offline, then sync while Syncthing carries ----

NOTE_A="Ordföranden hälsade välkommen och öppnade mötet klockan 18."
DECISION_A="att bevilja föreningsbidragen enligt förslaget"
NOTE_B="Teatergruppen söker en ny scen för sommarens föreställningar."
ACTION_B="Boka scenen i Lerums park för sommarteatern"
expect_ok "Eva writes notes on item 1" a note $M 1 "$NOTE_A"
expect_out "Eva records a decision on item 2" "§ 1" a decide $M 2 "$DECISION_A"
expect_ok "Björn adds an action" b action add "$ACTION_B" --owner "Björn Ek" --due 2027-03-01
expect_ok "Björn writes notes on item 3" b note $M 3 "$NOTE_B"
expect_ok "Eva writes notes on item 4" a note $M 4 "Eva: budgeten godkändes."
expect_ok "Björn writes other notes on item 4" b note $M 4 "Björn: budgeten bordlades till januari."

for round in 1 2; do
	expect_ok "Eva syncs (round $round)" a sync
	expect_ok "Björn syncs (round $round)" b sync
	carry "the changes (round $round)"
done
expect_ok "Eva syncs last" a sync
expect_ok "Björn syncs last" b sync

dump_a=$(a dump) && dump_b=$(b dump) || fail "dump"
[ "$dump_a" = "$dump_b" ] || { diff <(echo "$dump_a") <(echo "$dump_b") | head -20 >&2; fail "the dumps differ"; }
ok "Eva's and Björn's databases dump byte for byte the same"
for want in "$NOTE_A" "$DECISION_A" "$NOTE_B" "$ACTION_B"; do
	printf '%s\n' "$dump_a" | grep -qF -- "$want" || fail "the dump lacks [$want]"
done
ok "each member's words are in both"
show=$(b meeting show $M) || fail "meeting show"
printf '%s\n' "$show" | grep -qF "$DECISION_A" || fail "Björn does not see Eva's decision: $show"
b action list | grep -qF "$ACTION_B" || fail "Björn's action is not listed"
a action list | grep -qF "$ACTION_B" || fail "Eva does not see Björn's action"
ok "Björn sees Eva's decision, Eva sees Björn's action"

ca=$(a conflicts --json) && cb=$(b conflicts --json) || fail "conflicts"
[ "$ca" = "$cb" ] || fail "the conflict lists differ: $ca / $cb"
printf '%s' "$ca" | python3 -c '
import json, sys
l = json.load(sys.stdin)
assert len(l) == 1, l
c = l[0]
vals = {c["current"], c["other"]}
assert any("Eva:" in v for v in vals) and any("Björn:" in v for v in vals), c
assert {c["current_by"], c["other_by"]} == {"Eva Lind", "Björn Ek"}, c
' || fail "conflict: $ca"
ok "both list the same conflict on item 4, with both values and who wrote them"

for text in "$NOTE_A" "$DECISION_A" "$NOTE_B" "$ACTION_B" "budgeten" "Kulturrådet" "Björn Ek" "Lerums"; do
	grep -rqaF -- "$text" "$DA" "$DB" && fail "the folders hold [$text] in clear text"
done
ok "no clear text in either folder"

# ---- Syncthing's own files in the folder ----

[ -d "$DA/.stfolder" ] && [ -d "$DB/.stfolder" ] || fail "no .stfolder"
path=$(cd "$DA" && find . -name '*.gavel' -printf '%P\n' | LC_ALL=C sort | head -1)
first=${path##*/} bucket=${path%/*}
mkdir -p "$DB/.stversions/$bucket"
cp "$DB/$path" "$DB/.stversions/$bucket/${first%.gavel}~20261123-101500.gavel"
head -c 300 "$DA/$path" >"$DA/$bucket/.syncthing.${first%.gavel}9.gavel.tmp"
copy="${first%.gavel}.sync-conflict-20261123-101500-${id[1]:0:7}.gavel"
cp "$DB/$path" "$DB/$bucket/$copy"
carry "a conflict copy made on Björn's side"
[ -f "$DA/$bucket/$copy" ] || fail "the conflict copy did not reach Eva"
for m in a b; do
	$m sync --json >"$WORK/sync.json" 2>"$WORK/err" || fail "$m sync with Syncthing's files: $(cat "$WORK/err")"
	python3 - "$copy" "$WORK/sync.json" <<'EOF' || fail "$m sync: $(cat "$WORK/sync.json")"
import json, sys
s = json.load(open(sys.argv[2]))
assert s["refused"] == 0 and s["received"] == 0, s
told = [n for n in s["notes"] if sys.argv[1] in n]
assert len(told) == 1 and "sync tool" in told[0], s["notes"]
assert all(".stversions" not in n and ".syncthing." not in n and ".stfolder" not in n for n in s["notes"]), s
EOF
done
ok "a sync skips the conflict copy with one note and never mentions .stfolder, .stversions or temporary files"
[ "$(a dump)" = "$dump_a" ] && [ "$(b dump)" = "$dump_a" ] || fail "a dump changed"
ok "nothing changed in either database"

ran=("${pid[@]}")
stop_syncthing
for p in "${ran[@]}"; do
	kill -0 "$p" 2>/dev/null && fail "syncthing $p still runs"
done
ok "both instances stopped"
echo "$checks checks"
