#!/usr/bin/env bash
# povstat benchmark: each aggregate beside the plain SQL an analyst would
# otherwise write, and beside the scan floor (count(*), sum(income)).
#
#   bash bench/run.sh                 # 10,000,000 rows, writes bench/RESULTS.md
#   BENCH_ROWS=100000 BENCH_RUNS=1 bash bench/run.sh --smoke   # CI smoke run
#
# Times are medians of BENCH_RUNS runs (default 3), measured by psql's
# \timing (server execution plus result transfer, without connection set-up),
# serially (max_parallel_workers_per_gather = 0) and with 2 workers, with jit
# off and on.  Uses its own throwaway cluster unless --use-env is given.
# The whole script is one compound command, read before it runs: editing
# this file during a 50-minute run cannot change the run.
{
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${BENCH_ROWS:-10000000}
RUNS=${BENCH_RUNS:-3}
smoke=0
use_env=0
for a in "$@"; do
	case $a in
	--smoke) smoke=1; use_env=1 ;;
	--use-env) use_env=1 ;;
	esac
done

if ((use_env == 0)); then
	bash scripts/bootstrap.sh
	make -s >/dev/null
	# Shared buffers in huge pages when we may reserve them (root): with 4 kB
	# pages every new backend and every parallel worker takes one page fault
	# per 4 kB of table it touches, about 2 s per process for this table,
	# which measured the kernel rather than the aggregates (bench/RESULTS.md).
	hugepages_before=""
	huge=off
	if [[ -w /proc/sys/vm/nr_hugepages ]]; then
		hugepages_before=$(cat /proc/sys/vm/nr_hugepages)
		echo 4400 >/proc/sys/vm/nr_hugepages
		(($(cat /proc/sys/vm/nr_hugepages) >= 4400)) && huge=try
	fi
	# shellcheck source=scripts/pgenv.sh
	. scripts/pgenv.sh
	pgenv_start "shared_buffers = '8GB'" "huge_pages = $huge" "work_mem = '256MB'" \
		"max_parallel_workers_per_gather = 2" \
		"jit_above_cost = 0" "jit_inline_above_cost = 0" "jit_optimize_above_cost = 0" >/dev/null
	trap 'pgenv_stop; [[ -n $hugepages_before ]] && echo "$hugepages_before" >/proc/sys/vm/nr_hugepages' EXIT
fi
DB=povstat_bench
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
psql -qX -d $DB -c "CREATE EXTENSION povstat" >/dev/null

t0=$(date +%s)
psql -qX -d $DB -v ON_ERROR_STOP=1 -v rows="$ROWS" -f bench/generate.sql >/dev/null
echo "generated $ROWS households in $(($(date +%s) - t0)) s"

# time_query SETTINGS QUERY -> median milliseconds, or "n/a" when it fails
time_query() {
	local settings=$1 q=$2 out times=()
	# one warm-up run, which also tells whether the query works here: "n/a"
	# when the extension does not have the function or type yet, "ERROR" else
	if ! out=$(psql -qX -d $DB -v ON_ERROR_STOP=1 -c "$settings" -c "$q" 2>&1 >/dev/null); then
		if echo "$out" | grep -q 'does not exist'; then
			echo n/a
		else
			echo "bench: query failed: $q: $out" >&2
			echo ERROR
		fi
		return
	fi
	for ((r = 0; r < RUNS; r++)); do
		out=$(psql -qX -d $DB -c "$settings" -c '\timing on' -c "$q" 2>/dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		times+=("$out")
	done
	printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

declare -A T
configs=("serial jit=off" "2 workers jit=off" "serial jit=on" "2 workers jit=on")
settings_for() {
	case $1 in
	"serial jit=off") echo "SET max_parallel_workers_per_gather = 0; SET jit = off;" ;;
	"2 workers jit=off") echo "SET max_parallel_workers_per_gather = 2; SET jit = off;" ;;
	"serial jit=on") echo "SET max_parallel_workers_per_gather = 0; SET jit = on;" ;;
	"2 workers jit=on") echo "SET max_parallel_workers_per_gather = 2; SET jit = on;" ;;
	esac
}
((smoke)) && configs=("serial jit=off" "2 workers jit=off")

names=()
declare -A QUERY
while IFS='|' read -r name pq peer; do
	[[ -z ${name// /} || $name == \#* ]] && continue
	name=$(echo "$name" | sed 's/ *$//')
	pq=$(echo "$pq" | sed 's/^ *//; s/ *$//')
	peer=$(echo "$peer" | sed 's/^ *//; s/ *$//')
	names+=("$name")
	QUERY[$name]=$pq
	for c in "${configs[@]}"; do
		s=$(settings_for "$c")
		T["$name|$c|p"]=$(time_query "$s" "$pq")
		if [[ $peer != "-" ]]; then
			T["$name|$c|peer"]=$(time_query "$s" "$peer")
		else
			T["$name|$c|peer"]=-
		fi
	done
done <bench/queries.txt

# mem_peak QUERY -> "PEAK BASE": the backend's anonymous memory (RssAnon of
# /proc/PID/status, kB; shared buffers are not anonymous) polled every 20 ms
# while QUERY runs serially without JIT, and before it starts.  Empty when
# the server's /proc is not readable (a remote server with --use-env).
mem_peak() {
	local q=$1 app="povstat_mem_$$_$RANDOM" pid="" peak=0 base="" v job
	PGAPPNAME=$app psql -qX -d $DB -c "SET max_parallel_workers_per_gather = 0" -c "SET jit = off" \
		-c "SELECT pg_sleep(0.5)" -c "$q" >/dev/null 2>&1 &
	job=$!
	for ((t = 0; t < 40; t++)); do
		sleep 0.05
		pid=$(psql -qXAt -d $DB -c "SELECT pid FROM pg_stat_activity WHERE application_name = '$app'")
		[[ -n $pid ]] && break
	done
	while [[ -n $pid ]] && kill -0 "$job" 2>/dev/null; do
		v=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null)
		[[ -z $v ]] && break
		[[ -z $base ]] && base=$v
		((v > peak)) && peak=$v
		sleep 0.02
	done
	wait "$job"
	[[ -n $base ]] && echo "$peak $base"
}
mem_queries=(
	"median (sort-based, unweighted)|SELECT povstat.median(income) FROM hh|24 B/row"
	"gini weighted (sort-based, weighted)|SELECT povstat.gini(income, weight) FROM hh|24 B/row"
	"quantile(0.9) weighted|SELECT povstat.quantile(income, 0.9, weight) FROM hh|24 B/row"
	"FGT0/1/2 weighted (streaming)|SELECT povstat.headcount_ratio(income, line, weight), povstat.poverty_gap(income, line, weight), povstat.poverty_severity(income, line, weight) FROM hh|constant"
	"class_profile by commune (streaming)|SELECT commune, povstat.class_profile(povstat.classify(income, area, deps, 'VN-2022-2025')) FROM hh GROUP BY commune|constant"
	"mpi (streaming)|SELECT povstat.mpi(deps, 12, 3) FROM hh|constant"
	"programme_summary (exact id set)|SELECT povstat.programme_summary(payee, amount) FROM hh|-"
)
mem_report=$(mktemp)
{
	echo
	echo "### memory (serial, jit off): growth of the backend's anonymous memory"
	echo
	echo "| query | peak growth MB | bytes/row | target |"
	echo "|---|---:|---:|---|"
	for m in "${mem_queries[@]}"; do
		IFS='|' read -r mname mq mtarget <<<"$m"
		read -r peak base <<<"$(mem_peak "$mq")"
		if [[ -z ${peak:-} ]]; then
			echo "| $mname | n/a | | $mtarget |"
			continue
		fi
		awk -v n="$mname" -v p="$peak" -v b="$base" -v rows="$ROWS" -v t="$mtarget" \
			'BEGIN { printf "| %s | %.1f | %.2f | %s |\n", n, (p - b) / 1024, (p - b) * 1024 / rows, t }'
	done
} >"$mem_report"

# The sort-based aggregates once more, the server restarted with glibc's
# malloc advising transparent huge pages for its large blocks
# (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, glibc 2.35 or later).  On a VM
# where a fault on a 4 kB page is dear, the partial states that PostgreSQL
# copies between processes through fresh memory dominate the parallel plan
# (bench/NOTES.md); this measures how much of it that is.  A server
# setting, not a povstat one: the main tables above are without it.
thp_report=$(mktemp)
thp_names=("median" "quantile(0.9) weighted" "gini weighted" "arpr")
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if ((smoke == 0 && use_env == 0)) && [[ -n $glibc ]] &&
	printf '2.35\n%s\n' "$glibc" | sort -C -V; then
	PGENV_SERVER_ENV="GLIBC_TUNABLES=glibc.malloc.hugetlb=1" pgenv_restart
	psql -qX -d $DB -c "SELECT pg_prewarm('hh')" >/dev/null
	{
		echo
		echo "### sort-based, server's malloc in transparent huge pages (jit off)"
		echo
		echo "Server restarted with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (glibc $glibc); 'default' columns are from the main run."
		echo
		echo "| query | serial ms | 2 workers ms | speed-up | default serial ms | default 2 workers ms | default speed-up |"
		echo "|---|---:|---:|---:|---:|---:|---:|"
		for n in "${thp_names[@]}"; do
			[[ -n ${QUERY[$n]:-} ]] || continue
			s1=$(time_query "$(settings_for "serial jit=off")" "${QUERY[$n]}")
			s2=$(time_query "$(settings_for "2 workers jit=off")" "${QUERY[$n]}")
			awk -v n="$n" -v s1="$s1" -v s2="$s2" -v d1="${T["$n|serial jit=off|p"]}" \
				-v d2="${T["$n|2 workers jit=off|p"]}" 'BEGIN {
				printf "| %s | %s | %s | %s | %s | %s | %s |\n", n, s1, s2,
					(s2 > 0 ? sprintf("%.2fx", s1 / s2) : ""), d1, d2, (d2 > 0 ? sprintf("%.2fx", d1 / d2) : "") }'
		done
	} >"$thp_report"
fi

report=$(mktemp)
{
	for c in "${configs[@]}"; do
		floor=${T["sum(income) floor|$c|p"]}
		echo
		echo "### $c"
		echo
		echo "| query | povstat ms | ns/row | x sum(income) | plain SQL ms | x plain SQL |"
		echo "|---|---:|---:|---:|---:|---:|"
		for n in "${names[@]}"; do
			p=${T["$n|$c|p"]}
			peer=${T["$n|$c|peer"]}
			awk -v n="$n" -v p="$p" -v peer="$peer" -v f="$floor" -v rows="$ROWS" 'BEGIN {
				if (p == "n/a" || p == "ERROR") { printf "| %s | %s | | | %s | |\n", n, p, peer; exit }
				ns = p * 1e6 / rows; xf = (f > 0 && f != "n/a") ? sprintf("%.2f", p / f) : "";
				xp = (peer != "-" && peer != "n/a" && peer > 0) ? sprintf("%.2f", p / peer) : "";
				printf "| %s | %.1f | %.1f | %s | %s | %s |\n", n, p, ns, xf, (peer == "-" ? "" : sprintf("%s", peer)), xp }'
		done
	done
	cat "$mem_report"
	cat "$thp_report"
} >"$report"
cat "$report"

if ((smoke == 0)); then
	{
		echo "# povstat benchmark results"
		echo
		echo "Generated by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d)."
		echo
		echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
		pf=$(mktemp -d)
		if cc -O2 -o "$pf/pagefault" bench/pagefault.c 2>/dev/null; then
			echo "- $("$pf/pagefault") (bench/pagefault.c)"
		fi
		rm -rf "$pf"
		echo "- server: $(psql -qXAt -d $DB -c 'SELECT version()')"
		echo "- rows: $ROWS households (bench/generate.sql); median of $RUNS runs after one warm-up run"
		echo "- settings: shared_buffers 8GB, huge_pages = ${huge:-off} ($(awk '/HugePages_Total/ {t=$2} /HugePages_Free/ {f=$2} END {printf "%d MB of huge pages in use", (t - f) * 2}' /proc/meminfo)) (table prewarmed with pg_prewarm), work_mem 256MB, jit thresholds 0 when jit=on; table cached, unlogged, vacuumed; transparent huge pages: $(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
		echo "- 'x sum(income)' is the ratio to the scan floor sum(income) in the same configuration; 'x plain SQL' to the plain-SQL peer"
		cat "$report"
		if [[ -f bench/NOTES.md ]]; then
			echo
			cat bench/NOTES.md
		fi
	} >bench/RESULTS.md
	echo "wrote bench/RESULTS.md"
fi
psql -qX -d postgres -c "DROP DATABASE $DB" >/dev/null
rm -f "$report" "$mem_report" "$thp_report"
exit
}
