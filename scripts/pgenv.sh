# shellcheck shell=bash
# Throwaway PostgreSQL for povstat's tests and demo; source this file.
#
#   pgenv_start    copy the PostgreSQL installation into a private directory
#                  (PostgreSQL finds its share and lib directories relative to
#                  its binaries), install the freshly built povstat there with
#                  DESTDIR, and start a private cluster on a free port with its
#                  own socket directory.  Nothing touches a server the user
#                  already runs, nor the system's extension directory.
#   pgenv_stop     stop the cluster and delete everything (registered on EXIT).
#   pgenv_restart  restart the cluster, e.g. with another PGENV_SERVER_ENV.
#
# Exports PGHOST, PGPORT, PGUSER, PGDATABASE, PGENV_BIN, PGENV_DIR.
# Run as root, the server runs as the "postgres" OS user.

PGVER=${PGVER:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PGVER/bin/pg_config}

# PGENV_WRAP_POSTGRES: optional command the server runs under, e.g.
# "valgrind --trace-children=yes ..." (the private copy's postgres becomes a
# wrapper script); unset, nothing changes.
# PGENV_SERVER_ENV: optional "NAME=value ..." put in the environment of the
# server programs (initdb, pg_ctl and so the postmaster), e.g. LD_PRELOAD of
# libasan for scripts/sanitize.sh; unset, nothing changes.
pgenv_as_server() {
	if [[ $(id -u) == 0 ]]; then
		runuser -u postgres -- env ${PGENV_SERVER_ENV:-} "$@"
	else
		env ${PGENV_SERVER_ENV:-} "$@"
	fi
}

# pgenv_log_problems LOG...: print the server log lines that show a bug in
# C code even when every query returned what was expected, and return 1 if
# there is one: PostgreSQL's memory-context checks (a cassert build, like
# scripts/sanitized_pg.sh's: a write past the end of a palloc'd chunk is only
# a WARNING at pfree or context reset), resource-owner leak warnings
# (buffers, relcache, catcache, tuple descriptors, snapshots, files),
# failed assertions (TRAP) and crashed or panicking server processes.
pgenv_log_problems() {
	local pat='detected write past chunk end|problem in (alloc set|Generation|slab) |reference leak|refcount leak'
	pat+='|still referenced|leaked (hash_seq_search|override|parallel)|leaking still-referenced|not closed at end'
	pat+='|^TRAP: |was terminated by signal|PANIC: '
	! grep -hE "$pat" "$@"
}

pgenv_free_port() {
	local p
	for p in $(seq $((54000 + RANDOM % 900)) 55999); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	return 1
}

pgenv_stop() {
	if [[ -n ${PGENV_DIR:-} && -d $PGENV_DIR ]]; then
		if [[ -f $PGENV_DIR/data/postmaster.pid ]]; then
			pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$PGENV_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		rm -rf "$PGENV_DIR"
	fi
	PGENV_DIR=
}

# The server takes its environment (PGENV_SERVER_ENV) at start, so this is
# how bench/run.sh measures the same cluster under another malloc setting.
# Stop and start rather than "pg_ctl restart", which would run the binary
# recorded in postmaster.opts (the real postgres, not a PGENV_WRAP_POSTGRES
# wrapper).
pgenv_restart() {
	pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$PGENV_DIR/data" -w stop >/dev/null &&
		pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$PGENV_DIR/data" -l "$PGENV_DIR/server.log" -w start >/dev/null ||
		{ tail -50 "$PGENV_DIR/server.log"; return 1; }
}

# pgenv_start [extra postgresql.conf lines...]
pgenv_start() {
	local bindir sharedir pkglibdir root
	bindir=$("$PG_CONFIG" --bindir)
	sharedir=$("$PG_CONFIG" --sharedir)
	pkglibdir=$("$PG_CONFIG" --pkglibdir)
	PGENV_DIR=$(mktemp -d /tmp/povstat-pgenv.XXXXXX)
	chmod 755 "$PGENV_DIR"
	trap pgenv_stop EXIT
	trap 'exit 130' INT TERM

	root=$PGENV_DIR/install
	# same relative layout as the system installation, so relocation works;
	# Debian keeps share/ apart (/usr/share/postgresql/15), a source build
	# (scripts/sanitized_pg.sh) has it beside bin/, copied with it
	mkdir -p "$root$(dirname "$bindir")"
	cp -a "$(dirname "$bindir")" "$root$(dirname "$(dirname "$bindir")")/"
	if [[ $sharedir != "$(dirname "$bindir")"/* ]]; then
		mkdir -p "$root$(dirname "$sharedir")"
		cp -a "$sharedir" "$root$(dirname "$sharedir")/"
	fi
	rm -f "$root$pkglibdir"/povstat* "$root$sharedir"/extension/povstat*
	make -s install DESTDIR="$root" PG_CONFIG="$PG_CONFIG" >/dev/null
	PGENV_BIN=$root$bindir
	if [[ -n ${PGENV_WRAP_POSTGRES:-} ]]; then
		# the server under a tool (scripts/sanitize.sh: valgrind); initdb's
		# bootstrap and single-user runs and version queries stay direct
		mv "$PGENV_BIN/postgres" "$PGENV_BIN/postgres.real"
		cat >"$PGENV_BIN/postgres" <<-EOF
			#!/bin/sh
			case "\$1" in
			--boot|--single|-V|--version|-C|--describe-config) exec "$PGENV_BIN/postgres.real" "\$@" ;;
			esac
			exec $PGENV_WRAP_POSTGRES "$PGENV_BIN/postgres.real" "\$@"
		EOF
		chmod 755 "$PGENV_BIN/postgres"
	fi

	mkdir -p "$PGENV_DIR/data" "$PGENV_DIR/sock"
	if [[ $(id -u) == 0 ]]; then
		chown postgres:postgres "$PGENV_DIR/data" "$PGENV_DIR/sock"
	fi
	pgenv_as_server "$PGENV_BIN/initdb" -D "$PGENV_DIR/data" -A trust -U postgres \
		--no-sync -E UTF8 --locale=C.UTF-8 >"$PGENV_DIR/initdb.log" 2>&1 ||
		{ cat "$PGENV_DIR/initdb.log"; return 1; }

	PGPORT=$(pgenv_free_port)
	{
		echo "port = $PGPORT"
		echo "listen_addresses = '127.0.0.1'"
		echo "unix_socket_directories = '$PGENV_DIR/sock'"
		echo "fsync = off"
		echo "max_worker_processes = 16"
		echo "max_parallel_workers = 8"
		local line
		for line in "$@"; do echo "$line"; done
	} >>"$PGENV_DIR/data/postgresql.conf"
	touch "$PGENV_DIR/server.log"
	[[ $(id -u) == 0 ]] && chown postgres:postgres "$PGENV_DIR/server.log"
	pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$PGENV_DIR/data" -l "$PGENV_DIR/server.log" -w start >/dev/null ||
		{ tail -50 "$PGENV_DIR/server.log"; return 1; }

	export PGHOST=$PGENV_DIR/sock PGPORT PGUSER=postgres PGDATABASE=postgres PGENV_DIR PGENV_BIN
	unset PGPASSWORD PGSERVICE
}
