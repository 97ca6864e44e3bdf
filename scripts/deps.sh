#!/bin/sh
# Install the Debian packages gavel needs to build and test, if any are missing.
# Does nothing when everything is present. Usage: scripts/deps.sh [build|check]
set -e
want="build-essential pkg-config libsqlite3-dev libsodium-dev libncurses-dev check libsubunit-dev gettext libcairo2-dev libpango1.0-dev libzip-dev libzxcvbn-dev fonts-dejavu-core"
optional=""
if [ "${1:-build}" = check ]; then
	# libclang-rt-dev holds clang's libFuzzer and sanitizer runtimes (only
	# recommended by clang, so not installed with it here)
	want="$want clang libclang-rt-dev tmux python3 pandoc poppler-utils calcurse sqlite3 faketime"
	# the ODT test converts with LibreOffice and the Syncthing test runs two
	# Syncthing instances (driven with curl); each is skipped, saying so, without
	optional="libreoffice-writer-nogui syncthing curl"
fi
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
missing=""
for p in $want; do
	installed "$p" || missing="$missing $p"
done
extra=""
for p in $optional; do
	installed "$p" || extra="$extra $p"
done
[ -z "$missing$extra" ] && exit 0
echo "gavel: installing missing packages:$missing$extra"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		[ -z "$missing" ] && exit 0
		echo "gavel: please install as root:$missing" >&2; exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq
[ -z "$missing" ] || ${SUDO:-} apt-get install -y -qq --no-install-recommends $missing
# one at a time, so that one the archive lacks does not keep the others out
for p in $extra; do
	${SUDO:-} apt-get install -y -qq --no-install-recommends "$p" ||
		echo "gavel: could not install $p; the tests that need it are skipped"
done
