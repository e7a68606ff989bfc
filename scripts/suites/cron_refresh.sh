#!/usr/bin/env bash
# Scheduled refresh of the report rollup with pg_cron.  Runs against the
# throwaway cluster of scripts/test.sh (PGHOST/PGPORT exported; pg_cron
# preloaded, cron.database_name = 'postgres').  In the postgres database:
# generate the reference district, build its per-commune summary, change a
# household, schedule a refresh, wait for pg_cron to run it (jobs start at
# the next minute boundary: up to ~65 s) and check that the rollup changed.
# Cleans up after itself; exit status 0 on success.
set -uo pipefail
cd "$(dirname "$0")/../.."

q() { psql -X -qAt -v ON_ERROR_STOP=1 -d postgres "$@"; }
fail() { echo "cron_refresh: FAIL: $*"; cleanup; exit 1; }
created=()
cleanup() {
	q -c "SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = 'povstat_tan_hung_refresh'" >/dev/null 2>&1
	q -c "DROP SCHEMA IF EXISTS tan_hung CASCADE" >/dev/null 2>&1
	local e
	for e in "${created[@]}"; do
		q -c "DROP EXTENSION IF EXISTS $e CASCADE" >/dev/null 2>&1
	done
}

# Leave the postgres database as found: drop what this suite created.
for e in pg_cron povstat; do
	if [[ -z $(q -c "SELECT 1 FROM pg_extension WHERE extname = '$e'") ]]; then
		q -c "CREATE EXTENSION $e" || fail "cannot create extension $e in database postgres"
		created=("$e" "${created[@]}")
	fi
done
q -f data/tan_hung/generate.sql >/dev/null || fail "generator"
q -f data/tan_hung/rollup.sql >/dev/null || fail "rollup"

before=$(q -c "SELECT poor FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')
                WHERE review = 2023 AND level = 'district'")
[[ $before == 483 ]] || fail "district poor before refresh: '$before', expected 483"

# One rural household above the average band becomes poor: +1 poor.
q -c "UPDATE tan_hung.register_2023 SET income = 1000000, d01 = true, d02 = true, d03 = true
       WHERE household_id = (SELECT min(household_id) FROM tan_hung.register_2023
                              WHERE area = 'rural' AND income > 2250000)" >/dev/null || fail "update"

job=$(q -c "SELECT cron.schedule('povstat_tan_hung_refresh', '* * * * *',
                                 'REFRESH MATERIALIZED VIEW CONCURRENTLY tan_hung.commune_summary')") ||
	fail "cron.schedule"
echo "scheduled pg_cron job $job; waiting for its first run (at most ~65 s)"

status=
for _ in $(seq 1 140); do
	status=$(q -c "SELECT status FROM cron.job_run_details WHERE jobid = $job
	               AND status IN ('succeeded', 'failed') ORDER BY runid DESC LIMIT 1")
	[[ -n $status ]] && break
	sleep 0.5
done
[[ $status == succeeded ]] || fail "job run status '${status:-none}' $(q -c "SELECT return_message FROM cron.job_run_details WHERE jobid = $job ORDER BY runid DESC LIMIT 1")"

after=$(q -c "SELECT poor FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')
               WHERE review = 2023 AND level = 'district'")
[[ $after == 484 ]] || fail "district poor after refresh: '$after', expected 484"

# The refreshed rollup still equals direct computation.
direct=$(q -c "SELECT poor FROM povstat.report_poverty('tan_hung.register_2023') WHERE commune_id IS NULL")
[[ $direct == "$after" ]] || fail "rollup $after differs from direct computation $direct"

echo "cron_refresh: ok (pg_cron refreshed the rollup: district poor $before -> $after, equal to direct computation)"
cleanup
exit 0
