#!/usr/bin/env bash
# Concurrency: pgbench clients classify and aggregate with povstat while
# another client keeps changing a user-registered standard, registers and
# drops a second one, and inserts household rows.
#
# Readers record, in one statement (one snapshot), what they computed and
# what they should have computed from:
#   - the number of poor households under the user standard, with the
#     standard's rural line read in the same statement: the count must be
#     the one for that line (no stale cache, no mix of two versions);
#   - FGT aggregates over a table to which the writer adds one poor and one
#     non-poor row per statement: the headcount ratio must be exactly 1/2
#     and the row count even in every snapshot, also through a stored-state
#     merge.
# Any error in any client fails the suite (pgbench exits non-zero).
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT, PGENV_BIN).
set -uo pipefail
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
db=povstat_conc_$$
secs=${CONC_SECONDS:-6}
work=$(mktemp -d /tmp/povstat-conc.XXXXXX)
cleanup() {
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/suite_lib.sh
. "$(dirname "$0")/../suite_lib.sh"
q() {
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"
}

"$bin/psql" -qX -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
q -c "CREATE EXTENSION povstat" >/dev/null || exit 1
q >/dev/null <<'EOF' || { echo "setup failed"; exit 1; }
CREATE TABLE hh (id int PRIMARY KEY, area povstat.area, income numeric, d povstat.deprivations);
INSERT INTO hh
  SELECT i, CASE WHEN i % 4 = 0 THEN 'urban' ELSE 'rural' END::povstat.area,
         (i * 7919 % 3000) * 1000, CASE WHEN i % 3 = 0 THEN '{1,2,3}' ELSE '{4}' END::povstat.deprivations
    FROM generate_series(1, 5000) i;
INSERT INTO povstat.standard (name, jurisdiction, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators)
  VALUES ('CONC-LOCAL', 'VN-CONC', '2024-01-01', '2024-12-31', 'and',
          1500000, 2000000, 1500000, 2000000, 3000000, 4000000, 3, 12);
-- expected poor counts per rural line, computed before the run
CREATE TABLE expected (line numeric PRIMARY KEY, poor bigint);
CREATE TABLE classify_seen (line numeric, poor bigint);
CREATE TABLE fgt_seen (n bigint, p0 float8, p0_merged float8);
CREATE TABLE flow (id bigserial PRIMARY KEY, grp int, income float8);
INSERT INTO flow (grp, income) SELECT g % 10, CASE WHEN g % 2 = 0 THEN 100 ELSE 900 END FROM generate_series(1, 2000) g;
EOF
for line in 1500000 1800000 2500000; do
	q -c "UPDATE povstat.standard SET rural_poverty_line = $line, rural_near_poor_line = $line WHERE name = 'CONC-LOCAL'" \
		-c "INSERT INTO expected SELECT $line, count(*) FROM hh WHERE povstat.classify(income, area, d, 'CONC-LOCAL') = 'poor'" \
		>/dev/null || fail "cannot compute expected counts"
done
q -c "UPDATE povstat.standard SET rural_poverty_line = 1500000, rural_near_poor_line = 1500000 WHERE name = 'CONC-LOCAL'" >/dev/null
distinct=$(q -c "SELECT count(DISTINCT poor) FROM expected")
[[ $distinct == 3 ]] || fail "test data do not separate the lines (distinct counts: $distinct)"

cat >"$work/reader.sql" <<'EOF'
INSERT INTO classify_seen
  SELECT (SELECT rural_poverty_line FROM povstat.standard WHERE name = 'CONC-LOCAL'),
         count(*) FILTER (WHERE povstat.classify(income, area, d, 'CONC-LOCAL') = 'poor')
    FROM hh;
INSERT INTO fgt_seen
  SELECT count(*), povstat.headcount_ratio(income, 500::float8),
         (SELECT povstat.headcount_ratio(povstat.merge(s))
            FROM (SELECT povstat.fgt_state(income, 500::float8) s FROM flow GROUP BY grp) g)
    FROM flow;
EOF
cat >"$work/writer.sql" <<'EOF'
\set line random(0, 2)
UPDATE povstat.standard
   SET rural_poverty_line = (ARRAY[1500000, 1800000, 2500000])[:line + 1],
       rural_near_poor_line = (ARRAY[1500000, 1800000, 2500000])[:line + 1]
 WHERE name = 'CONC-LOCAL';
INSERT INTO povstat.standard (name, jurisdiction, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line, deprivation_cutoff)
  VALUES ('CONC-TMP', 'VN-CONC-TMP', '2024-01-01', '2024-12-31', 'and', 1000000, 1200000, 1000000, 1200000, 3);
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('CONC-TMP', 1, 'employment', 'Việc làm', 'employment', 'employment', 'Việc làm');
DELETE FROM povstat.standard WHERE name = 'CONC-TMP';
INSERT INTO flow (grp, income) VALUES (:client_id % 10, 100), ((:client_id + 1) % 10, 900);
EOF

"$bin/pgbench" -n -d "$db" -c 3 -j 2 -T "$secs" -f "$work/reader.sql" >"$work/readers.log" 2>&1 &
readers=$!
"$bin/pgbench" -n -d "$db" -c 1 -T "$secs" -f "$work/writer.sql" >"$work/writer.log" 2>&1
wstatus=$?
wait $readers
rstatus=$?
((rstatus == 0)) || { fail "reader clients failed (pgbench exit $rstatus)"; grep -E 'ERROR|abort' "$work/readers.log" | head -5; }
((wstatus == 0)) || { fail "writer client failed (pgbench exit $wstatus)"; grep -E 'ERROR|abort' "$work/writer.log" | head -5; }
rtx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/readers.log")
wtx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/writer.log")

bad=$(q -c "SELECT count(*) FROM classify_seen s LEFT JOIN expected e USING (line)
             WHERE e.poor IS DISTINCT FROM s.poor")
lines_seen=$(q -c "SELECT count(DISTINCT line) FROM classify_seen")
[[ $bad == 0 ]] || fail "$bad classify results do not match the standard version of their snapshot:
$(q -c "SELECT s.line, s.poor, e.poor AS expected FROM classify_seen s LEFT JOIN expected e USING (line)
         WHERE e.poor IS DISTINCT FROM s.poor LIMIT 5")"
badf=$(q -c "SELECT count(*) FROM fgt_seen WHERE n % 2 <> 0 OR p0 <> 0.5 OR p0_merged <> 0.5")
[[ $badf == 0 ]] || fail "$badf FGT results inconsistent with their snapshot"
left=$(q -c "SELECT count(*) FROM povstat.standard WHERE name = 'CONC-TMP'")
[[ $left == 0 ]] || fail "temporary standard left behind"

if ((status == 0)); then
	echo "concurrency: ok ($rtx reader and $wtx writer transactions in ${secs}s;" \
		"classify saw $lines_seen standard versions, all results consistent)"
fi
exit $status
