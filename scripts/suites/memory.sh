#!/usr/bin/env bash
# Memory and interrupts.
#
# 1. Streaming aggregates keep constant memory: every streaming povstat
#    aggregate runs once over 400k and once over 2M generated rows, each in a
#    fresh backend (no parallel workers, so everything is in that backend;
#    no JIT, whose optimiser alone takes ~60 MB once the plan cost passes
#    jit_optimize_above_cost);
#    the growth of the backend's peak RSS (VmHWM in /proc/self/status, read
#    with pg_read_file) must not depend on the row count: 2M rows may use at
#    most MEM_SLACK_KB (default 8 MB) more than 400k rows.  A per-row
#    allocation of only 16 bytes would add 25 MB.  (The issue asks for 10M
#    rows; MEM_ROWS_SMALL/MEM_ROWS_LARGE raise the counts for a long run.)
# 2. Long final functions answer statement_timeout: when povstat has a
#    sort-based finisher over a stored state (median of a sample_state), it
#    must be cancelled (57014) well before it would finish.
#
# SANITIZED_SERVER=address (set by scripts/sanitize.sh): the server's malloc
# is AddressSanitizer's, which keeps freed blocks in a quarantine and moves
# every realloc; the sort-based bytes-per-row limits then measure ASan, so
# they are printed but not enforced (the streaming check still is).
#
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT exported,
# superuser, as pg_read_file of /proc needs).
set -uo pipefail
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
db=povstat_mem_$$
slack=${MEM_SLACK_KB:-8192}
cleanup() {
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
}
trap cleanup EXIT
# shellcheck source=scripts/suite_lib.sh
. "$(dirname "$0")/../suite_lib.sh"
q() {
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"
}
"$bin/psql" -qX -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
q -c "CREATE EXTENSION povstat" >/dev/null || exit 1

has() {	# has SIGNATURE: the povstat function exists
	[[ $(q -c "SELECT to_regprocedure('$1') IS NOT NULL") == t ]]
}

# Streaming aggregates over x (float8, 1..N), i (the same as int) and c, c2 (hh_class); add new ones here.
aggs=(
	"povstat.headcount_ratio(x, 5e5::float8, (1 + i % 3)::float8)"
	"povstat.poverty_gap(x, 5e5::float8)"
	"povstat.poverty_severity_strict(x, 5e5::float8, 2::float8)"
	"povstat.watts(x, 5e5::float8)"
	"povstat.fgt(x, 5e5::float8, 1.5::float8)"
	"povstat.fgt_state(x, 5e5::float8, 1::float8)::text"
)
has "povstat.transitions_state(povstat.hh_class, povstat.hh_class, float8)" &&
	aggs+=("povstat.transitions_state(c, c2, 1::float8)::text")
for sig_expr in \
	"povstat.moments_state(float8)|povstat.moments_state(x)::text" \
	"povstat.mpi_state(povstat.deprivations, integer, integer)|povstat.mpi_state((CASE i % 3 WHEN 0 THEN '{1,3}' WHEN 1 THEN '{2}' ELSE '{}' END)::povstat.deprivations, 12, 1)::text" \
	"povstat.profile_state(povstat.hh_class)|povstat.profile_state(c)::text" \
	"povstat.coverage_state(boolean, float8)|povstat.coverage_state(x < 1e5, 1::float8)::text"; do
	has "${sig_expr%%|*}" && aggs+=("${sig_expr#*|}")
done
list=$(IFS=,; echo "${aggs[*]}")

# peak_growth N [WHERE]: VmHWM after the aggregates minus VmHWM before, in kB, in a fresh backend
peak_growth() {
	q -c "SET max_parallel_workers_per_gather = 0" -c "SET jit = off" -c "
	  CREATE TEMP TABLE hwm AS
	    SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\\s+(\\d+)')::bigint AS kb;
	  SELECT length(concat_ws(',', $list))
	    FROM (SELECT x::float8 AS x, x AS i,
	                 ('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + x % 4] AS c,
	                 ('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + x % 3] AS c2
	            FROM generate_series(1, $1) x ${2:-}) s;
	  SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\\s+(\\d+)')::bigint - kb FROM hwm;" | tail -1
}

small=$(peak_growth "${MEM_ROWS_SMALL:-400000}") || fail "aggregates over 400k rows failed"
large=$(peak_growth "${MEM_ROWS_LARGE:-2000000}") || fail "aggregates over 2M rows failed"
if [[ -n $small && -n $large ]]; then
	echo "peak RSS growth: ${MEM_ROWS_SMALL:-400000} rows ${small} kB, ${MEM_ROWS_LARGE:-2000000} rows ${large} kB (${#aggs[@]} aggregates)"
	((large - small <= slack)) || fail "streaming aggregates grow with the row count: ${small} kB -> ${large} kB"
fi

# sort-based aggregates: peak memory within the stated bytes per row
# (doc/inequality.md: 12 bytes/row unweighted, 24 weighted, while
# aggregating; the final sort first gives back the growth slack, then works
# in place with a scratch of 1/16 of the rows, so it stays below that)
if has "povstat.median(float8)"; then
	n=${MEM_ROWS_SORT:-1000000}
	for spec in "povstat.median(x)|12" "povstat.median(x, (1 + i % 3)::float8)|24"; do
		expr=${spec%%|*}
		per_row=${spec#*|}
		list=$expr
		g=$(peak_growth "$n") || { fail "$expr over $n rows failed"; continue; }
		limit=$((per_row * n / 1024 + slack))
		echo "sort-based $expr over $n rows: peak RSS growth ${g} kB (stated ${per_row} B/row: limit ${limit} kB)"
		if [[ -n ${SANITIZED_SERVER:-} ]]; then
			((g <= limit)) || echo "  (over the limit with SANITIZED_SERVER=$SANITIZED_SERVER: not enforced)"
		else
			((g <= limit)) || fail "$expr uses more than its stated ${per_row} bytes per row"
		fi
	done
	# A plain aggregate sizes its arrays from the planner's estimate of its
	# input (src/sample.c, sample_expected_rows): here a third of 4M rows
	# (x <= 1000 on a function scan), 12 MB per array in whole huge pages,
	# of which 1,000 rows are used.  The pages no row reaches must stay
	# untouched: growth within the slack, plus the first huge page of each
	# array (2 x 2 MB), of that of count(*) over the same rows (the function
	# scan's own memory), where touching the arrays would add 24 MB.
	list="count(*)"
	g0=$(peak_growth 4000000 "WHERE x <= 1000") || fail "count(*) over 4M rows failed"
	list="povstat.median(x, (1 + i % 3)::float8)"
	g=$(peak_growth 4000000 "WHERE x <= 1000") || fail "$list over 1,000 of 4M rows failed"
	limit=$((g0 + slack + 4096))
	echo "sort-based $list over 1,000 rows estimated at 1.3M: peak RSS growth ${g} kB (count(*): ${g0} kB; limit ${limit} kB)"
	if [[ -n ${SANITIZED_SERVER:-} ]]; then
		((g <= limit)) || echo "  (over the limit with SANITIZED_SERVER=$SANITIZED_SERVER: not enforced)"
	else
		((g <= limit)) || fail "an aggregate sized from a high estimate touches memory no row uses: ${g} kB"
	fi
fi

# sort-based aggregates give back their mappings: samples of 1-4 MB per
# array (300k rows), 4 MB and up (2M rows), and three packed states joined
# by povstat.merge() (pending parts), repeated in one backend; its count of mappings
# (/proc/self/maps) must not grow with the repetitions.  A leak of one
# mapping per query would add 60.  Not enforced under ASan (see above).
if has "povstat.median(float8)" && has "povstat.sample_state(float8)"; then
	maps="SELECT 'mappings ' || array_length(regexp_split_to_array(pg_read_file('/proc/self/maps'), E'\\n'), 1)"
	round="SELECT povstat.median(x::float8, 1.5::float8) FROM generate_series(1, 300000) x;
	       SELECT povstat.gini(x::float8) FROM generate_series(1, 2000000) x;
	       SELECT povstat.median(s) FROM (SELECT povstat.merge(s) s FROM (SELECT povstat.sample_state(x::float8) s
	         FROM generate_series(1, 600000) x GROUP BY x % 3) p) m;"
	out=$({
		echo "SET max_parallel_workers_per_gather = 0;"
		echo "$round"
		echo "$maps;"
		for _ in $(seq 20); do echo "$round"; done
		echo "$maps;"
	} | q -v ON_ERROR_STOP=1 | sed -n 's/^mappings //p' | tr '\n' ' ') || fail "repeated sort-based queries failed"
	read -r before after <<<"$out"
	echo "mappings of one backend before and after 20 rounds of sort-based queries: $before -> $after"
	if [[ -z $before || -z $after ]]; then
		fail "could not count the backend's mappings"
	elif ((after - before > 4)); then
		# ASan's malloc maps large blocks and keeps freed ones in quarantine
		if [[ -n ${SANITIZED_SERVER:-} ]]; then
			echo "  (more with SANITIZED_SERVER=$SANITIZED_SERVER, whose malloc quarantines freed blocks: not enforced)"
		else
			fail "sort-based aggregates leave mappings behind: $before -> $after"
		fi
	fi
fi

# statement_timeout in a sort-based finisher over a stored state
if has "povstat.sample_state(float8)" && has "povstat.median(povstat.sample_state)"; then
	q -c "CREATE TABLE big AS SELECT povstat.sample_state(random()) s FROM generate_series(1, 3000000)" >/dev/null ||
		fail "cannot build a 3M-value sample_state"
	t0=$(date +%s%N)
	q -c "SELECT povstat.median(s) FROM big" >/dev/null || fail "median over 3M values failed"
	full=$((($(date +%s%N) - t0) / 1000000))
	t0=$(date +%s%N)
	out=$(q -v VERBOSITY=verbose -c "SET statement_timeout = 50" -c "SELECT povstat.median(s) FROM big" 2>&1)
	cut=$((($(date +%s%N) - t0) / 1000000))
	echo "median of 3M values: ${full} ms; with statement_timeout = 50ms: ${cut} ms"
	if ! grep -q '57014' <<<"$out"; then
		echo "  (finished before the timeout: $out)"
		((full < 200)) || fail "median was not cancelled by statement_timeout: $out"
	elif ((cut > 50 + full / 2 && cut > 500)); then
		fail "median cancelled only after ${cut} ms (uncancelled run: ${full} ms)"
	fi
else
	echo "statement_timeout check skipped: no povstat.median(sample_state) yet"
fi

((status == 0)) && echo "memory: ok"
exit $status
