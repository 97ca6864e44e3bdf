#!/bin/bash
# Runs every unit test binary given as an argument, then every end-to-end
# script in tests/e2e/ against $GAVEL. Prints one closing line
# "N passed, N failed" and exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
: "${GAVEL:?set GAVEL to the gavel binary under test}"
export GAVEL
# the message catalogs built beside the program (make builds them)
export GAVEL_LOCALEDIR=${GAVEL_LOCALEDIR:-$PWD/build/locale}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
# print_suppressions=0: the suppressed library caches are not worth a line
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0 failed=0 failures=()

for t in "$@"; do
	name=$(basename "$t")
	if out=$("$t" 2>&1); then
		n=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\)%: Checks: \([0-9]*\).*/\2/p' | tail -1)
		passed=$((passed + ${n:-1}))
		printf '  ok    %s (%s checks)\n' "$name" "${n:-?}"
	else
		n=$(printf '%s\n' "$out" | sed -n 's/.*Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2/p' | tail -1)
		failed=$((failed + 1))
		failures+=("$name")
		printf '  FAIL  %s\n%s\n' "$name" "$out" | head -60
	fi
done

for t in tests/e2e/*.sh; do
	name=$(basename "$t" .sh)
	log=$(mktemp)
	if bash "$t" >"$log" 2>&1; then
		n=$(grep -c '^ok ' "$log")
		passed=$((passed + n))
		printf '  ok    e2e/%s (%s checks)\n' "$name" "$n"
	else
		failed=$((failed + 1))
		failures+=("e2e/$name")
		printf '  FAIL  e2e/%s\n' "$name"
		tail -40 "$log"
	fi
	rm -f "$log"
done

[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
