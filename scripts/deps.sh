#!/bin/sh
# Install the Debian packages gavel needs to build and test, if any are missing.
# Does nothing when everything is present. Usage: scripts/deps.sh [build|check]
set -e
want="build-essential pkg-config libsqlite3-dev libsodium-dev libncurses-dev check libsubunit-dev gettext libcairo2-dev libpango1.0-dev fonts-dejavu-core"
if [ "${1:-build}" = check ]; then
	want="$want clang tmux python3 pandoc poppler-utils calcurse sqlite3"
fi
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "gavel: installing missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "gavel: please install as root:$missing" >&2; exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq
${SUDO:-} apt-get install -y -qq --no-install-recommends $missing
