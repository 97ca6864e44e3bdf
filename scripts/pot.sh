#!/bin/sh
# Writes the message template of gavel (every string marked with _(), N_(),
# C_(), NC_() or ngettext() in core/, store/, sync/ and tui/) to $1.
# Usage: scripts/pot.sh po/gavel.pot
set -e
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/pot.sh OUTPUT.pot}
# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --package-name=gavel \
	--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
	--add-comments=TRANSLATORS: --sort-by-file --output="$out" \
	$(find core store sync tui -name "*.[ch]" | LC_ALL=C sort)
