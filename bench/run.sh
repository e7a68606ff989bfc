#!/usr/bin/env bash
# povstat benchmark: each aggregate beside the plain SQL an analyst would
# otherwise write, and beside the scan floor (count(*), sum(income)).
#
#   bash bench/run.sh                 # 10,000,000 rows, writes bench/RESULTS.md
#   BENCH_ROWS=100000 BENCH_RUNS=1 bash bench/run.sh --smoke   # CI smoke run
#
# Times are medians of BENCH_RUNS rounds (default 3), each timing the floor
# sum(income), the povstat query and its plain-SQL peer back to back, by
# psql's \timing (server execution plus result transfer, without connection
# set-up); the ratios are medians of the per-round ratios.  Serially
# (max_parallel_workers_per_gather = 0) and with 2 workers, with jit off and
# on.  Uses its own throwaway cluster unless --use-env is given.
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

# warm_up SETTINGS QUERY: one untimed run, which also tells whether the
# query works here.  Prints nothing when it does, "n/a" when the extension
# does not have the function or type yet, "ERROR" otherwise.
warm_up() {
	local out
	if ! out=$(psql -qX -d $DB -v ON_ERROR_STOP=1 -c "$1" -c "$2" 2>&1 >/dev/null); then
		if echo "$out" | grep -q 'does not exist'; then
			echo n/a
		else
			echo "bench: query failed: $2: $out" >&2
			echo ERROR
		fi
	fi
}

# time_once SETTINGS QUERY -> milliseconds (psql's \timing)
time_once() {
	psql -qX -d $DB -c "$1" -c '\timing on' -c "$2" 2>/dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

# median of the numbers on stdin (empty lines, failed timings, ignored)
median() {
	awk 'NF' | sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'
}

# ratio A B -> A / B, or nothing when either is missing
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0 && b > 0) print a / b}'
}

# measure NAME CONFIG QUERY PEER: RUNS rounds, each timing the floor
# sum(income), the povstat query and its peer one after the other, so that
# the machine's slow and fast phases (up to 2x on the VM of RESULTS.md)
# touch all three alike.  Stores the medians of the times and of the
# per-round ratios in T.
FLOOR="SELECT sum(income) FROM hh"
measure() {
	local name=$1 c=$2 pq=$3 peer=$4 s r f tp tpeer ps=() peers=() xf=() xp=() state
	s=$(settings_for "$c")
	state=$(warm_up "$s" "$pq")
	T["$name|$c|p"]=$state
	T["$name|$c|peer"]=-
	T["$name|$c|xf"]=""
	T["$name|$c|xp"]=""
	[[ -n $state ]] && return
	[[ $peer != "-" ]] && { state=$(warm_up "$s" "$peer"); [[ -n $state ]] && T["$name|$c|peer"]=$state; }
	for ((r = 0; r < RUNS; r++)); do
		f=$(time_once "$s" "$FLOOR")
		tp=$(time_once "$s" "$pq")
		ps+=("$tp")
		xf+=("$(ratio "$tp" "$f")")
		if [[ $peer != "-" && ${T["$name|$c|peer"]} == - ]]; then
			tpeer=$(time_once "$s" "$peer")
			peers+=("$tpeer")
			xp+=("$(ratio "$tp" "$tpeer")")
		fi
	done
	T["$name|$c|p"]=$(printf '%s\n' "${ps[@]}" | median)
	T["$name|$c|xf"]=$(printf '%s\n' "${xf[@]}" | median)
	if ((${#peers[@]})); then
		T["$name|$c|peer"]=$(printf '%s\n' "${peers[@]}" | median)
		T["$name|$c|xp"]=$(printf '%s\n' "${xp[@]}" | median)
	fi
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
		measure "$name" "$c" "$pq" "$peer"
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
thp_section() {
	local n s1 s2 t1 t2 r
	[[ $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null) != *"[never]"* ]] || return 0
	PGENV_SERVER_ENV="GLIBC_TUNABLES=glibc.malloc.hugetlb=1" pgenv_restart || return 1
	psql -qX -d $DB -c "SELECT pg_prewarm('hh')" >/dev/null || return 1
	echo
	echo "### sort-based, server's malloc in transparent huge pages (jit off)"
	echo
	echo "Server restarted with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (glibc $glibc); serial and 2-worker runs alternate; 'default' columns are from the main run."
	echo
	echo "| query | serial ms | 2 workers ms | speed-up | default serial ms | default 2 workers ms | default speed-up |"
	echo "|---|---:|---:|---:|---:|---:|---:|"
	for n in "${thp_names[@]}"; do
		[[ -n ${QUERY[$n]:-} ]] || continue
		s1=$(settings_for "serial jit=off")
		s2=$(settings_for "2 workers jit=off")
		[[ -z $(warm_up "$s1" "${QUERY[$n]}") && -z $(warm_up "$s2" "${QUERY[$n]}") ]] || continue
		t1=() t2=()
		for ((r = 0; r < RUNS; r++)); do
			t1+=("$(time_once "$s1" "${QUERY[$n]}")")
			t2+=("$(time_once "$s2" "${QUERY[$n]}")")
		done
		s1=$(printf '%s\n' "${t1[@]}" | median)
		s2=$(printf '%s\n' "${t2[@]}" | median)
		awk -v n="$n" -v s1="$s1" -v s2="$s2" -v d1="${T["$n|serial jit=off|p"]}" \
			-v d2="${T["$n|2 workers jit=off|p"]}" 'BEGIN {
			printf "| %s | %s | %s | %s | %s | %s | %s |\n", n, s1, s2,
				(s2 > 0 ? sprintf("%.2fx", s1 / s2) : ""), d1, d2, (d2 > 0 ? sprintf("%.2fx", d1 / d2) : "") }'
	done
}
if ((smoke == 0 && use_env == 0)) && [[ -n $glibc ]] &&
	printf '2.35\n%s\n' "$glibc" | sort -C -V; then
	thp_section >"$thp_report" || { echo "bench: the huge-page malloc section failed and is left out" >&2; : >"$thp_report"; }
fi

report=$(mktemp)
{
	for c in "${configs[@]}"; do
		echo
		echo "### $c"
		echo
		echo "| query | povstat ms | ns/row | x sum(income) | plain SQL ms | x plain SQL |"
		echo "|---|---:|---:|---:|---:|---:|"
		for n in "${names[@]}"; do
			awk -v n="$n" -v p="${T["$n|$c|p"]}" -v peer="${T["$n|$c|peer"]}" -v xf="${T["$n|$c|xf"]}" \
				-v xp="${T["$n|$c|xp"]}" -v rows="$ROWS" 'BEGIN {
				if (p == "n/a" || p == "ERROR") { printf "| %s | %s | | | %s | |\n", n, p, peer; exit }
				printf "| %s | %.1f | %.1f | %s | %s | %s |\n", n, p, p * 1e6 / rows,
					(xf == "" ? "" : sprintf("%.2f", xf)), (peer == "-" ? "" : peer), (xp == "" ? "" : sprintf("%.2f", xp)) }'
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
		# new memory is dear when the hypervisor takes back freed pages
		# (virtio-balloon free page reporting, feature bit 5) and has to
		# fault them in again
		hv=$(dmesg 2>/dev/null | sed -n 's/.*Hypervisor detected: //p' | head -1)
		[[ -z $hv ]] && hv=$(systemd-detect-virt 2>/dev/null || true)
		fpr=off
		for d in /sys/bus/virtio/devices/*; do
			[[ $(basename "$(readlink "$d/driver" 2>/dev/null)") == virtio_balloon && $(cut -c6 "$d/features" 2>/dev/null) == 1 ]] && fpr=on
		done
		[[ -n $hv && $hv != none ]] && echo "- virtualisation: $hv; virtio-balloon free page reporting: $fpr"
		echo "- server: $(psql -qXAt -d $DB -c 'SELECT version()')"
		echo "- rows: $ROWS households (bench/generate.sql); median of $RUNS rounds after one warm-up run of each query"
		echo "- settings: shared_buffers 8GB, huge_pages = ${huge:-off} ($(awk '/HugePages_Total/ {t=$2} /HugePages_Free/ {f=$2} END {printf "%d MB of huge pages in use", (t - f) * 2}' /proc/meminfo)) (table prewarmed with pg_prewarm), work_mem 256MB, jit thresholds 0 when jit=on; table cached, unlogged, vacuumed; transparent huge pages: $(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
		echo "- each of the $RUNS rounds times sum(income), the povstat query and its plain-SQL peer back to back; 'povstat ms' and 'plain SQL ms' are medians over the rounds, 'x sum(income)' and 'x plain SQL' the medians of the per-round ratios (so a slow phase of the machine touches both sides of a ratio alike)"
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
