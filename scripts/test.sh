#!/usr/bin/env bash
# Every povstat test: installs what is missing, builds with warnings as
# errors, starts a throwaway cluster, runs pg_regress, then pgTAP through
# pg_prove, then the scripted suites in scripts/suites/ (each a bash script
# run against the same cluster, or starting its own); removes the cluster on
# exit, on failure too.  Ends with a line "N passed, N failed" over suites.
# TEST_SUITES="name ..." limits the scripted suites to those named.
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
pgenv_restart || exit 1

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

# pg_regress and pgTAP run their queries as an ordinary role, as an analyst
# would: the superuser only creates each test database for it (owned by it),
# installs povstat there (the extension is not trusted) and grants it the
# registry rights of doc/robustness.md, "Who may change the registry".
TESTER=povstat_tester
psql -qX -d postgres -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE $TESTER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE ROLE regress_povstat_credit_reader NOLOGIN" \
	-c "GRANT regress_povstat_credit_reader TO $TESTER" >/dev/null || exit 1
test_database() {	# test_database NAME [EXTENSION...]: a database for $TESTER
	local db=$1
	shift
	psql -qX -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" \
		-c "CREATE DATABASE $db OWNER $TESTER" >/dev/null || return 1
	for ext in povstat "$@"; do
		psql -qX -d "$db" -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
			-c "CREATE EXTENSION $ext" >/dev/null || return 1
	done
	psql -qX -d "$db" -v ON_ERROR_STOP=1 \
		-c "GRANT INSERT, UPDATE, DELETE ON povstat.standard, povstat.standard_indicator TO $TESTER" \
		-c "GRANT INSERT, UPDATE, DELETE ON povstat.credit_programme TO $TESTER" \
		>/dev/null
}

echo "== pg_regress (as $TESTER)"
test_database contrib_regression || exit 1
make -s installcheck PG_CONFIG="$PG_CONFIG" \
	REGRESS_OPTS="--inputdir=. --use-existing --dbname=contrib_regression --user=$TESTER" 2>&1 | grep -v '^echo\|^make\|^/usr/lib'
status=${PIPESTATUS[0]}
if [[ $status != 0 && -f regression.diffs ]]; then
	head -200 regression.diffs
fi
record pg_regress "$status"

echo "== pgTAP (pg_prove, as $TESTER)"
if compgen -G "test/*.sql" >/dev/null; then
	test_database povstat_tap pgtap || exit 1
	PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" pg_prove -U $TESTER -d povstat_tap test/*.sql
	status=$?
	record pg_prove "$status"
fi

# TEST_SUITES="memory sample" runs only those suites ("none": none)
for suite in scripts/suites/*.sh; do
	[[ -e $suite ]] || continue
	if [[ -n ${TEST_SUITES:-} && " $TEST_SUITES " != *" $(basename "$suite" .sh) "* ]]; then
		continue
	fi
	echo "== $(basename "$suite" .sh)"
	bash "$suite"
	status=$?
	record "$(basename "$suite" .sh)" "$status"
done

# a bug can show in the server log only (scripts/pgenv.sh, pgenv_log_problems)
echo "== server log"
problems=$(pgenv_log_problems "$PGENV_DIR/server.log")
status=$?
if [[ $status == 0 ]]; then
	echo "no memory-context, leak, assertion or crash message"
else
	echo "$problems" | head -20
fi
record server_log "$status"

echo
if ((failed > 0)); then
	echo "failed: ${failures[*]}"
	echo "server log tail:"; tail -20 "$PGENV_DIR/server.log"
fi
echo "$passed passed, $failed failed"
((failed == 0))
