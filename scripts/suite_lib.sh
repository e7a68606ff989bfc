# shellcheck shell=bash
# Helpers shared by the scripted suites (scripts/suites/*.sh), sourced after
# they set $bin (the server's bin directory).

status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# server_log_mark: remember where the server log ends now, so that
# server_survived looks only at what this suite made the server write.
server_log_mark() {
	log=${PGENV_DIR:+$PGENV_DIR/server.log}
	log_start=0
	[[ -n $log && -f $log ]] && log_start=$(wc -c <"$log")
}

# server_survived WHAT: after hostile input, the server must still answer
# (pg_isready, SELECT 1 through the suite's q) and its log since
# server_log_mark must show no backend killed or failed assertion.
server_survived() {
	if ! "$bin/pg_isready" -q; then
		fail "server not ready after $1"
	fi
	[[ $(q -c "SELECT 1") == 1 ]] || fail "SELECT 1 fails after $1"
	if [[ -n $log && -f $log ]]; then
		if tail -c +$((log_start + 1)) "$log" | grep -E 'terminated by signal|was terminated|server process .* exited with exit code [^0]|PANIC: |^TRAP: '; then
			fail "the server log shows a backend crash after $1"
		fi
	fi
}
