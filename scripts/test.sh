#!/usr/bin/env bash
# Every povstat test: installs what is missing, builds with warnings as
# errors, starts a throwaway cluster, runs pg_regress, then pgTAP through
# pg_prove, then the scripted suites in scripts/suites/ (each a bash script
# run against the same cluster, or starting its own); removes the cluster on
# exit, on failure too.  Ends with a line "N passed, N failed" over suites.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh || exit 1
make -s clean >/dev/null 2>&1
make -s WERROR=1 >/dev/null || { echo "build failed"; exit 1; }

# shellcheck source=scripts/pgenv.sh
. scripts/pgenv.sh
pgenv_start "shared_preload_libraries = 'pg_cron'" "cron.database_name = 'postgres'" \
	"cron.host = '$(mktemp -u)'" || exit 1
# pg_cron connects over the socket directory of this cluster
sed -i "s|^cron.host = .*|cron.host = '$PGHOST'|" "$PGENV_DIR/data/postgresql.conf"
pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$PGENV_DIR/data" -l "$PGENV_DIR/server.log" -w restart >/dev/null

passed=0
failed=0
failures=()
record() {	# record NAME STATUS
	if [[ $2 == 0 ]]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$1")
	fi
}

echo "== pg_regress"
make -s installcheck PG_CONFIG="$PG_CONFIG" 2>&1 | grep -v '^echo\|^make\|^/usr/lib'
status=${PIPESTATUS[0]}
if [[ $status != 0 && -f regression.diffs ]]; then
	head -200 regression.diffs
fi
record pg_regress "$status"

echo "== pgTAP (pg_prove)"
if compgen -G "test/*.sql" >/dev/null; then
	psql -qX -d postgres -c "CREATE DATABASE povstat_tap" >/dev/null
	pg_prove -d povstat_tap test/*.sql
	status=$?
	record pg_prove "$status"
fi

for suite in scripts/suites/*.sh; do
	[[ -e $suite ]] || continue
	echo "== $(basename "$suite" .sh)"
	bash "$suite"
	status=$?
	record "$(basename "$suite" .sh)" "$status"
done

echo
if ((failed > 0)); then
	echo "failed: ${failures[*]}"
	echo "server log tail:"; tail -20 "$PGENV_DIR/server.log"
fi
echo "$passed passed, $failed failed"
((failed == 0))
