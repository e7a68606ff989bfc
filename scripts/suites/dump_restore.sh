#!/usr/bin/env bash
# Lifecycle: a database that uses povstat everywhere a user would survives
# pg_dump -Fc and pg_restore into a new database, row for row:
#   - one table per povstat base type, filled from fuzz/seeds/<type>.sql
#     (every sample value of every state type, with NULLs), with a btree
#     index where the type has a default btree operator class;
#   - a household table (enums, deprivations, numeric incomes) and a
#     materialized view of per-commune states and results built on it;
#   - a plain view calling povstat functions;
#   - a user-registered standard with indicators (dumped through
#     pg_extension_config_dump) and a view classifying under it.
# Every table, materialized view and view is compared by the ordered text
# of all its rows; states are also finished after restore.
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT, PGENV_BIN).
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
src=povstat_dr_src_$$
dst=povstat_dr_dst_$$
dump=$(mktemp /tmp/povstat-dump.XXXXXX)
cleanup() {
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1
	rm -f "$dump"
}
trap cleanup EXIT
# shellcheck source=scripts/lifecycle_lib.sh
. scripts/lifecycle_lib.sh

"$bin/psql" -qX -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null || exit 1
q "$src" -c "CREATE EXTENSION povstat" >/dev/null || exit 1

# one table per base type, from the fuzz seeds
seed_tables "$src" || fail "cannot build the per-type tables"

# households, a user standard, views and a materialized view over them
q "$src" >/dev/null <<'EOF' || fail "cannot build the household schema"
CREATE TABLE household (
  id int PRIMARY KEY, commune text NOT NULL, area povstat.area NOT NULL,
  income numeric NOT NULL, members int NOT NULL, d povstat.deprivations NOT NULL,
  class_2021 povstat.hh_class, class_2022 povstat.hh_class);
INSERT INTO household
  SELECT i, 'C' || (i % 7), CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END::povstat.area,
         round((i * 7919 % 4000) * 1000.0 + 0.5, 1), 1 + i % 5,
         CASE i % 4 WHEN 0 THEN '{}' WHEN 1 THEN '{1,4,7}' WHEN 2 THEN '{2}' ELSE '{3,5,9,11}' END::povstat.deprivations,
         ('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + i % 4],
         CASE WHEN i % 11 = 0 THEN NULL ELSE ('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + i * 3 % 4] END
    FROM generate_series(1, 3000) i;

INSERT INTO povstat.standard (name, jurisdiction, legal_basis, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators, note)
  VALUES ('DR-LOCAL-2024', 'VN-DR', 'test resolution 1/2024', '2024-01-01', '2025-12-31', 'and',
          1800000, 2400000, 1800000, 2400000, 2700000, 3600000, 3, 12, 'dump/restore test standard');
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('DR-LOCAL-2024', 1, 'employment', 'Việc làm', 'employment', 'employment', 'Việc làm'),
         ('DR-LOCAL-2024', 2, 'dependants', 'Người phụ thuộc', 'dependants', 'employment', 'Việc làm');

CREATE VIEW household_class AS
  SELECT id, povstat.classify(income / members, area, d, 'DR-LOCAL-2024') AS local_class,
         povstat.classify(income / members, area, d, '2024-06-30'::date) AS national_class
    FROM household;

CREATE MATERIALIZED VIEW commune_rollup AS
  SELECT commune,
         povstat.fgt_state((income / members)::float8, 1500000, members::float8) AS fgt,
         povstat.fgt_state_strict((income / members)::float8, 1500000) AS fgt_strict,
         povstat.transitions_state(class_2021, class_2022, members::float8) AS moves,
         povstat.headcount_ratio((income / members)::float8, 1500000, members::float8) AS p0,
         count(*) AS n
    FROM household GROUP BY commune;
CREATE UNIQUE INDEX ON commune_rollup (commune);

CREATE VIEW district AS
  SELECT povstat.headcount_ratio(povstat.merge(fgt)) AS p0, povstat.poverty_gap(povstat.merge(fgt)) AS p1,
         povstat.watts(povstat.merge(fgt)) AS watts
    FROM commune_rollup;
EOF
if [[ $(q "$src" -c "SELECT to_regprocedure('povstat.coverage_state(boolean)') IS NOT NULL") == t ]]; then
	q "$src" -c "CREATE MATERIALIZED VIEW commune_coverage AS
	               SELECT commune, povstat.coverage_state(class_2022 <= 'near_poor') AS cov
	                 FROM household GROUP BY commune" >/dev/null || fail "cannot build commune_coverage"
fi

# fingerprint DB: one line per relation, "name count md5-of-ordered-rows"
fingerprint() {
	q "$1" -c "
	  SELECT format('SELECT %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, ''|'' ORDER BY t::text)), ''-'') FROM %s t',
	                c.relname, c.oid::regclass)
	    FROM pg_class c
	   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm')
	   ORDER BY c.relname" | while read -r sql; do q "$1" -c "$sql"; done
	q "$1" -c "SELECT 'user standards ' || count(*) || ' ' || md5(string_agg(s::text, '|' ORDER BY s::text))
	             FROM povstat.standard s WHERE NOT builtin"
	q "$1" -c "SELECT 'user indicators ' || count(*) || ' ' || md5(string_agg(i::text, '|' ORDER BY i::text))
	             FROM povstat.standard_indicator i WHERE NOT builtin"
}

before=$(fingerprint "$src") || fail "cannot fingerprint the source database"
[[ -n ${DR_DEBUG:-} ]] && echo "$before"
"$bin/pg_dump" -Fc -d "$src" -f "$dump" || { fail "pg_dump failed"; exit 1; }
restore_out=$("$bin/pg_restore" --exit-on-error -d "$dst" "$dump" 2>&1) || fail "pg_restore failed: $restore_out"
after=$(fingerprint "$dst") || fail "cannot fingerprint the restored database"

if [[ $before != "$after" ]]; then
	fail "restored database differs:"
	diff <(echo "$before") <(echo "$after") | head -20
fi
nrel=$(grep -c . <<<"$before")

# restored states still merge and finish; the materialized view still refreshes
check=$(q "$dst" -c "SELECT round(p0::numeric, 12) FROM district" \
	-c "REFRESH MATERIALIZED VIEW CONCURRENTLY commune_rollup" \
	-c "SELECT round(povstat.headcount_ratio(povstat.merge(fgt))::numeric, 12) FROM commune_rollup" 2>&1)
[[ $(sed -n 1p <<<"$check") == "$(sed -n 2p <<<"$check")" && -n $(sed -n 1p <<<"$check") ]] ||
	fail "restored states do not finish or refresh consistently: $check"
[[ $(q "$dst" -c "SELECT count(*) FROM household_class WHERE local_class IS NOT NULL") == 3000 ]] ||
	fail "the user standard does not classify after restore"

if ((status == 0)); then
	echo "dump_restore: ok ($nrel relations and registry rows identical after pg_dump -Fc / pg_restore)"
fi
exit $status
