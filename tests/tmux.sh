# Helpers for driving the terminal interface in tmux as a person would.
# Sourced after lib.sh by the scripts that test the interface.
#
# One tmux server serves the whole script: a keeper session holds it up,
# so that killing the session under test never races a new session
# against a server that is shutting down. gavel's standard error goes to
# $WORK/tui.err, so that when the program is gone (a crash, a sanitizer
# report) the failure says why instead of polling an empty screen.
command -v tmux >/dev/null || { echo "tmux not installed: skipped the interface"; exit 0; }
export TMUX_TMPDIR="$WORK"
S=gavel$$
TUI_ERR="$WORK/tui.err"
tmux new-session -d -s keeper -x 80 -y 24 "sleep 86400" || fail "tmux cannot start a server"
trap 'tmux kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

screen() { tmux capture-pane -p -t $S 2>/dev/null; }
keys() { tmux send-keys -t $S "$@"; sleep 0.15; }
typed() { tmux send-keys -t $S -l "$1"; sleep 0.15; }
running() { tmux has-session -t $S 2>/dev/null; }

# why the session ended, from gavel's standard error
ended() {
	echo "gavel is no longer running; its standard error:" >&2
	tail -30 "$TUI_ERR" >&2 2>/dev/null
	fail "no [$1] on the screen: gavel has ended"
}

wait_for() { # wait_for TEXT: up to 5 s for TEXT on the screen
	for _ in $(seq 50); do
		screen | grep -qF -- "$1" && return 0
		running || ended "$1"
		sleep 0.1
	done
	screen >&2
	fail "no [$1] on the screen"
}

gone() { # gone TEXT: up to 5 s for TEXT to leave the screen
	for _ in $(seq 50); do screen | grep -qF -- "$1" || return 0; sleep 0.1; done
	screen >&2
	fail "[$1] still on the screen"
}

# tui COLS ROWS ENV-ARGS...: runs "env ENV-ARGS..." as the session under
# test (so its pane's process is gavel itself), its standard error
# appended to $TUI_ERR
tui() {
	local cols=$1 rows=$2
	shift 2
	stop
	tmux new-session -d -s $S -c "$WORK" -x "$cols" -y "$rows" "exec env $* 2>>'$TUI_ERR'" ||
		fail "tmux new-session"
}

# stop: ends the session under test and waits until it is gone
stop() {
	tmux kill-session -t $S 2>/dev/null
	for _ in $(seq 50); do running || return 0; sleep 0.1; done
	fail "the tmux session would not end"
}

# quits: waits up to 5 s for the session under test to end by itself
quits() {
	for _ in $(seq 50); do running || return 0; sleep 0.1; done
	return 1
}
