#!/usr/bin/env bash
# Sharded execution with postgres_fdw: three throwaway shard instances on
# loopback plus a coordinator (the cluster of scripts/test.sh, or a private
# one when run alone).  A deterministic household table is split across the
# shards by commune; the coordinator sees it as a partitioned table whose
# partitions are foreign tables, with povstat declared shippable through the
# servers' "extensions" option.  For every state family present in this
# build, the per-commune states are computed remotely (EXPLAIN VERBOSE must
# show the state aggregate inside each Remote SQL), merged on the
# coordinator with povstat.merge() and finished there; the result must equal
# a one-pass run over the same rows held locally (counts and exact sums
# exactly, floats within 1e-12 relative), commune by commune as well as in
# total.  Exit status 0 only if every family passes.
#
#   bash scripts/suites/sharded_fdw.sh     (standalone: starts its own coordinator; run make first)
#   SHARDED_FDW_SHOW_PLANS=1 ...           also print the plans behind the "fact" checks
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/pgenv.sh
. scripts/pgenv.sh
if [[ -z ${PGENV_BIN:-} || -z ${PGHOST:-} || -z ${PGPORT:-} ]]; then
	pgenv_start >/dev/null
	own_coordinator=1
else
	own_coordinator=0
fi

NSHARDS=3
NROWS=${SHARDED_FDW_ROWS:-30000}
db=povstat_fdw_$$
work=$(mktemp -d "${PGENV_DIR:-/tmp}/shards.XXXXXX")
chmod 755 "$work"
shard_ports=()

cleanup() {
	local i
	for i in "${!shard_ports[@]}"; do
		if [[ -f $work/s$i/postmaster.pid ]]; then
			pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$work/s$i" -m immediate -w stop >/dev/null 2>&1 || true
		fi
	done
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$work"
	if ((own_coordinator)); then pgenv_stop; fi
}
trap cleanup EXIT

psql_c() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }	# coordinator
psql_s() { local i=$1; shift; psql -qXAt -v ON_ERROR_STOP=1 -h "$work/sock" -p "${shard_ports[$i]}" -d postgres "$@"; }

# --- shards: one initdb, copied (faster than three) -----------------------
mkdir -p "$work/tmpl" "$work/sock" "$work/log"
if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$work/tmpl" "$work/sock" "$work/log"; fi
pgenv_as_server "$PGENV_BIN/initdb" -D "$work/tmpl" -A trust -U postgres --no-sync -E UTF8 \
	--locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
{
	echo "listen_addresses = '127.0.0.1'"
	echo "unix_socket_directories = '$work/sock'"
	echo "fsync = off"
	echo "shared_buffers = 16MB"
	echo "max_connections = 20"
} >>"$work/tmpl/postgresql.conf"
for ((i = 0; i < NSHARDS; i++)); do
	cp -a "$work/tmpl" "$work/s$i"	# as root, -a keeps the postgres owner
	# another test run may take the free port first: retry with a new one
	for attempt in 1 2 3; do
		shard_ports[i]=$(pgenv_free_port)
		echo "port = ${shard_ports[i]}" >>"$work/s$i/postgresql.conf"
		if pgenv_as_server "$PGENV_BIN/pg_ctl" -D "$work/s$i" -l "$work/log/s$i.log" -w start >/dev/null; then
			break
		elif ((attempt == 3)); then
			tail -20 "$work/log/s$i.log"
			exit 1
		fi
	done
done

# --- coordinator: the household table, held locally for the one-pass run --
psql -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null
psql_c <<SQL
SET client_min_messages = warning;
CREATE EXTENSION povstat;
CREATE EXTENSION postgres_fdw;
-- Deterministic households: 18 communes; monthly income per capita around
-- the 2022-2025 lines (rural 1.5M, urban 2M VND); a few NULL and zero
-- incomes; weights in halves (sums of them are exact in any order).
CREATE TABLE hh_local (
  household_id bigint PRIMARY KEY,
  commune int NOT NULL,
  area povstat.area NOT NULL,
  income float8,
  line float8 NOT NULL,
  weight float8 NOT NULL,
  members int NOT NULL,
  deprivations povstat.deprivations NOT NULL,
  class_before povstat.hh_class,
  class_after povstat.hh_class,
  exited_before boolean NOT NULL,
  reached boolean,
  amount bigint
);
INSERT INTO hh_local
SELECT i, c, a,
       CASE WHEN i % 997 = 0 THEN NULL WHEN i % 1009 = 0 THEN 0 ELSE round(y) END,
       CASE a WHEN 'rural' THEN 1500000 ELSE 2000000 END,
       1 + (i % 4) * 0.5,
       1 + (i * 13) % 6,
       povstat.deprivations(ARRAY(SELECT p FROM generate_series(1, 12) p
                                   WHERE ((i * 2654435761) >> p) % 5 = 0)),
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN y <= z THEN 'poor' WHEN y <= 1.3 * z THEN 'near_poor'
            WHEN y <= 2 * z THEN 'average' ELSE 'better_off' END::povstat.hh_class,
       CASE WHEN i % 59 = 0 THEN NULL
            WHEN y * (0.85 + 0.3 * ((i * 37) % 11) / 10.0) <= z THEN 'poor'
            WHEN y * (0.85 + 0.3 * ((i * 37) % 11) / 10.0) <= 1.3 * z THEN 'near_poor'
            WHEN y * (0.85 + 0.3 * ((i * 37) % 11) / 10.0) <= 2 * z THEN 'average'
            ELSE 'better_off' END::povstat.hh_class,
       i % 7 = 0,
       CASE WHEN i % 101 = 0 THEN NULL ELSE (i * 31) % 5 < 3 END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 500000 + (i % 7) * 100000 END
  FROM generate_series(1, $NROWS) i,
       LATERAL (SELECT 1 + (i * 7919) % 18 AS c,
                       CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END::povstat.area AS a) k,
       LATERAL (SELECT exp(14.25 + 0.55 * sin(i * 1.7) + 0.45 * cos(i * 0.37)) AS y,
                       CASE k.a WHEN 'rural' THEN 1500000 ELSE 2000000 END::float8 AS z) v;
ANALYZE hh_local;

-- Relative comparison used for every finished value.
CREATE FUNCTION close_enough(a float8[], b float8[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS \$\$
  SELECT cardinality(a) IS NOT DISTINCT FROM cardinality(b)
     AND coalesce(bool_and(x IS NOT DISTINCT FROM y
                           OR abs(x - y) <= 1e-12 * greatest(abs(x), abs(y))), true)
    FROM unnest(a, b) u(x, y) \$\$;

CREATE TABLE hh_dist (LIKE hh_local) PARTITION BY LIST (commune);
SQL

# --- shards: the same table, each holding its communes ----------------------
ddl=$(psql_c -c "SELECT 'CREATE TABLE hh (' || string_agg(format('%I %s', attname,
                   format_type(atttypid, atttypmod)), ', ' ORDER BY attnum) || ')'
                   FROM pg_attribute WHERE attrelid = 'hh_local'::regclass AND attnum > 0
                    AND NOT attisdropped")
for ((i = 0; i < NSHARDS; i++)); do
	communes=$(psql_c -c "SELECT string_agg(c::text, ',' ORDER BY c) FROM generate_series(1, 18) c
	                       WHERE c % $NSHARDS = $i")
	psql_s "$i" -c "SET client_min_messages = warning" -c "CREATE EXTENSION povstat" -c "$ddl"
	psql_c -c "COPY (SELECT * FROM hh_local WHERE commune IN ($communes) ORDER BY household_id)
	           TO STDOUT (FORMAT binary)" |
		psql_s "$i" -c "COPY hh FROM STDIN (FORMAT binary)"
	psql_s "$i" -c "ANALYZE hh"
	psql_c <<SQL
CREATE SERVER shard$i FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '${shard_ports[i]}', dbname 'postgres', extensions 'povstat');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard$i OPTIONS (user 'postgres');
CREATE FOREIGN TABLE hh_shard$i PARTITION OF hh_dist FOR VALUES IN ($communes)
  SERVER shard$i OPTIONS (schema_name 'public', table_name 'hh');
SQL
done
psql_c -c "SELECT count(*) = (SELECT count(*) FROM hh_local) FROM hh_dist" | grep -qx t ||
	{ echo "row counts of the shards do not add up"; exit 1; }

# --- families ---------------------------------------------------------------
# family NAME STATE_TYPE STATE_AGG EXACT APPROX
#   STATE_AGG  aggregate call producing the state from hh columns
#   EXACT      text expression of the finished state "s" that must match exactly
#   APPROX     float8[] expression of "s" compared within 1e-12 relative
# A family whose state type is not in this build is reported as skipped.
fam_names=() fam_types=() fam_aggs=() fam_exact=() fam_approx=()
family() {
	fam_names+=("$1") fam_types+=("$2") fam_aggs+=("$3") fam_exact+=("$4") fam_approx+=("$5")
}
family fgt fgt_state \
	"povstat.fgt_state(income, line, weight)" \
	"povstat.population(s) || '/' || povstat.headcount(s)" \
	"ARRAY[povstat.headcount_ratio(s), povstat.poverty_gap(s), povstat.poverty_severity(s), povstat.fgt(s, 2), povstat.watts(s)]"
family fgt_strict fgt_state \
	"povstat.fgt_state_strict(income, line)" \
	"povstat.population(s) || '/' || povstat.headcount(s)" \
	"ARRAY[povstat.headcount_ratio(s), povstat.poverty_gap(s), povstat.poverty_severity(s), povstat.watts(s)]"

family transitions transitions_state \
	"povstat.transitions_state(class_before, class_after, weight)" \
	"(SELECT string_agg(before || '>' || after || '=' || rows || '/' || households, ',') FROM povstat.transition_matrix(s))" \
	"ARRAY(SELECT unnest(povstat.transition_matrix_array(s)))"
family transitions_re transitions_state \
	"povstat.transitions_state(class_before, class_after, exited_before)" \
	"(SELECT string_agg(before || '>' || after || '=' || rows, ',') FROM povstat.transition_matrix(s)) || ';' || povstat.poor_returned(s)" \
	"ARRAY[povstat.poor_exit_rate(s), povstat.poor_newly_rate(s), povstat.poor_returned_rate(s), povstat.near_poor_exit_rate(s)]"
family coverage coverage_state \
	"povstat.coverage_state(reached, weight)" \
	"povstat.eligible(s) || '/' || povstat.reached(s) || '/' || povstat.unknown_status(s)" \
	"ARRAY[povstat.coverage(s)]"
family sample sample_state \
	"povstat.sample_state(income, weight)" \
	"povstat.sample_rows(s) || '/' || povstat.population(s) || '/' || povstat.median(s) || '/' || povstat.quantile(s, 0.1) || '/' || povstat.quantile(s, 0.9)" \
	"ARRAY[povstat.gini(s), povstat.palma(s), povstat.s80s20(s), povstat.qsr(s), povstat.arpr(s), povstat.rmpg(s)] || povstat.decile_shares(s) || povstat.lorenz(s, 20)"
family sample_at_line sample_state \
	"povstat.sample_state_at(income, line)" \
	"povstat.sample_rows(s) || '/' || povstat.population(s) || '/' || povstat.median(s)" \
	"ARRAY[povstat.sen(s), povstat.sst(s), povstat.sen_strict(s), povstat.sst_strict(s)]"
family moments moments_state \
	"povstat.moments_state(income, weight)" \
	"povstat.population(s)::text" \
	"ARRAY[povstat.theil(s), povstat.mld(s), povstat.ge(s, 0), povstat.ge(s, 2), povstat.atkinson(s, 1), povstat.mean_income(s)]"
family moments_ge moments_state \
	"povstat.ge_state(income, 0.5)" \
	"povstat.population(s)::text" \
	"ARRAY[povstat.ge(s), povstat.theil(s)]"
family profile profile_state \
	"povstat.profile_state(class_after, weight)" \
	"povstat.class_rows(s, 'poor') || '/' || povstat.class_rows(s, 'near_poor') || '/' || povstat.class_rows(s, 'average') || '/' || povstat.class_rows(s, 'better_off') || '/' || povstat.population(s) || '/' || povstat.unclassified(s)" \
	"ARRAY[povstat.class_rate(s, 'poor'), povstat.class_rate(s, 'near_poor'), povstat.class_rate(s, 'average'), povstat.class_rate(s, 'better_off')]"
family mpi mpi_state \
	"povstat.mpi_state(deprivations, 12, 3, weight)" \
	"povstat.population(s)::text" \
	"ARRAY[povstat.mpi_h(s), povstat.mpi_a(s), povstat.mpi_m0(s)] || (povstat.mpi(s)).censored_headcount || (povstat.mpi(s)).contribution"
family household_set household_set \
	"povstat.household_set(household_id / 2)" \
	"povstat.cardinality(s) || '/' || (SELECT sum(m) || '/' || md5(string_agg(m::text, ',' ORDER BY m)) FROM povstat.members(s) m)" \
	"ARRAY[]::float8[]"
family programme programme_state \
	"povstat.programme_state(household_id / 2, amount)" \
	"povstat.programme_summary(s)::text" \
	"ARRAY[]::float8[]"

# --- EXPLAIN: what the coordinator sends ------------------------------------
dist_states() { # per-commune states computed on the shards
	echo "SELECT commune, $1 AS s FROM hh_dist GROUP BY commune"
}
explain() { psql_c -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $1"; }

echo "EXPLAIN VERBOSE of the per-commune fgt_state query (the aggregate runs on the shards):"
explain "$(dist_states "${fam_aggs[0]}")" | sed 's/^/  /'

# The facts doc/scale-out.md states, checked on this build:
facts_ok=1
fact() {	# fact DESCRIPTION COMMAND...
	if "${@:2}"; then echo "fact ok - $1"; else echo "fact FAILED - $1"; facts_ok=0; fi
}
show_plan() { if [[ -n ${SHARDED_FDW_SHOW_PLANS:-} ]]; then sed 's/^/    /' <<<"$1"; fi; }
no_groupby_fetches_rows() {
	local plan
	plan=$(explain "SELECT povstat.fgt_state(income, line, weight) FROM hh_dist")
	show_plan "$plan"
	grep -q "Remote SQL: SELECT income, line, weight FROM public.hh" <<<"$plan" &&
		! grep -q "Remote SQL: SELECT .*povstat\." <<<"$plan"
}
not_shipped_without_extensions_option() {
	local plan
	psql_c -c "ALTER SERVER shard0 OPTIONS (DROP extensions)"
	plan=$(explain "$(dist_states "${fam_aggs[0]}")")
	show_plan "$plan"
	psql_c -c "ALTER SERVER shard0 OPTIONS (ADD extensions 'povstat')"
	[[ $(grep -c "Remote SQL: SELECT commune, povstat\.fgt_state(" <<<"$plan") == $((NSHARDS - 1)) ]]
}
finished_on_shards() {	# finished_on_shards AGG-CALL
	local plan fn=${1%%(*}
	plan=$(explain "SELECT commune, $1 FROM hh_dist GROUP BY commune")
	[[ $(grep -c "Remote SQL: SELECT commune, ${fn//./\\.}(" <<<"$plan") == "$NSHARDS" ]]
}
fact "a result aggregate grouped by the shard key runs whole on the shards (poverty_gap)" \
	finished_on_shards "povstat.poverty_gap(income, line, weight)"
if [[ $(psql_c -c "SELECT to_regprocedure('povstat.gini(float8, float8)') IS NOT NULL") == t ]]; then
	fact "... and so does a sort-based one (gini)" finished_on_shards "povstat.gini(income, weight)"
fi
fact "without GROUP BY the shard key, PG15 fetches every row (no partial aggregate pushdown)" no_groupby_fetches_rows
fact "without the server option extensions 'povstat' the aggregate stays on the coordinator" \
	not_shipped_without_extensions_option

# --- compare each family ----------------------------------------------------
status=0
printf '\n%-16s %-18s %-7s %-6s %-9s %s\n' family state pushed total communes ok
types=" $(psql_c -c "SELECT string_agg(typname, ' ') FROM pg_type WHERE typnamespace = 'povstat'::regnamespace") "
for f in "${!fam_names[@]}"; do
	name=${fam_names[f]} typ=${fam_types[f]} agg=${fam_aggs[f]}
	exact=${fam_exact[f]} approx=${fam_approx[f]}
	if [[ $types != *" $typ "* ]]; then
		printf '%-16s %-18s %-7s %-6s %-9s %s\n' "$name" "$typ" - - - skipped
		continue
	fi
	# One session: the plan, then "total" (merge of the remote per-commune
	# states vs one pass over hh_local), then "communes" (each remote
	# per-commune state vs the same commune computed locally).
	out=$(psql_c -c "SET enable_partitionwise_aggregate = on" \
		-c "EXPLAIN (VERBOSE, COSTS OFF) $(dist_states "$agg")" \
		-c "WITH one AS (SELECT $agg AS s FROM hh_local),
		         merged AS (SELECT povstat.merge(s) AS s FROM ($(dist_states "$agg")) p),
		         a AS (SELECT ($exact) AS e, ($approx)::float8[] AS x FROM one),
		         b AS (SELECT ($exact) AS e, ($approx)::float8[] AS x FROM merged)
		    SELECT 'total=' || CASE WHEN a.e IS NOT DISTINCT FROM b.e AND close_enough(a.x, b.x)
		                            AND a.e IS NOT NULL THEN 'yes' ELSE 'NO' END
		      FROM a, b" \
		-c "WITH a AS (SELECT commune, ($exact) AS e, ($approx)::float8[] AS x
		                 FROM (SELECT commune, $agg AS s FROM hh_local GROUP BY commune) q),
		         b AS (SELECT commune, ($exact) AS e, ($approx)::float8[] AS x
		                 FROM ($(dist_states "$agg")) q)
		    SELECT 'communes=' || CASE WHEN count(*) = 18 AND bool_and(a.e IS NOT DISTINCT FROM b.e
		                                                         AND close_enough(a.x, b.x))
		                               THEN 'yes' ELSE 'NO' END
		      FROM a FULL JOIN b USING (commune)") || true
	# pushed: every shard's Remote SQL computes the state aggregate
	fn=${agg%%(*}
	if [[ $(grep -c "Remote SQL: SELECT commune, ${fn//./\\.}(" <<<"$out") == "$NSHARDS" ]] &&
		! grep -q "Partial Aggregate" <<<"$out"; then pushed=yes; else pushed=NO; fi
	total=$(sed -n 's/^total=//p' <<<"$out")
	communes=$(sed -n 's/^communes=//p' <<<"$out")
	if [[ $pushed == yes && $total == yes && $communes == yes ]]; then ok=ok; else ok=FAIL; status=1; fi
	printf '%-16s %-18s %-7s %-6s %-9s %s\n' "$name" "$typ" "$pushed" "${total:-ERROR}" "${communes:-ERROR}" "$ok"
done

# every state type of this build must be covered by a family above
uncovered=$(psql_c -c "SELECT string_agg(DISTINCT format_type(a.aggtranstype, NULL), ' ')
                         FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
                        WHERE p.pronamespace = 'povstat'::regnamespace
                          AND format_type(a.aggtranstype, NULL)
                              NOT IN ($(printf "'povstat.%s'," "${fam_types[@]}" | sed 's/,$//'))")
if [[ -n $uncovered ]]; then
	echo "state types without a family in this suite: $uncovered"
	status=1
fi
if ((facts_ok == 0)); then status=1; fi
# the shards run povstat too: the same log check as scripts/test.sh's
if ! pgenv_log_problems "$work"/log/*.log; then
	echo "shard server logs: problems above"
	status=1
fi
echo "shards: $NSHARDS on 127.0.0.1 ports ${shard_ports[*]}; rows: $NROWS; status $status"
exit $status
