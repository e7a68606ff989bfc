#!/usr/bin/env bash
# Smoke run of the benchmark (100,000 rows, one timed run, jit off): every
# benchmark query must run.  A query whose povstat function does not exist
# yet prints n/a; any other failure fails the suite.  Timings are printed,
# never checked (performance is judged by the full run, bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(BENCH_ROWS=${BENCH_ROWS:-100000} BENCH_RUNS=1 bash bench/run.sh --smoke)
echo "$out" | awk '/^### serial jit=off/ {on=1} /^### 2 workers/ {on=0} on'
if echo "$out" | grep -q '| ERROR |'; then
	echo "benchmark queries that failed:"
	echo "$out" | grep '| ERROR |'
	exit 1
fi
