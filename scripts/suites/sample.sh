#!/usr/bin/env bash
# Binary round trip of povstat.sample_state (send -> recv through COPY
# BINARY) and a stored state in a rollup table finished later.  Runs against
# the throwaway cluster of scripts/test.sh (PGHOST/PGPORT exported).
set -euo pipefail
db=povstat_sample_suite
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
chmod 777 "$tmp"
psql -qX -d postgres -c "CREATE DATABASE $db" >/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "CREATE EXTENSION povstat" \
  -c "CREATE TABLE src AS SELECT i % 3 AS g, povstat.sample_state(exp(10 + sin(i))::float8, (1 + i % 4)::float8) s
        FROM generate_series(1, 3000) i GROUP BY 1" \
  -c "CREATE TABLE dst (g int, s povstat.sample_state)"
q -c "\\copy src TO '$tmp/s.bin' WITH (FORMAT binary)"
q -c "\\copy dst FROM '$tmp/s.bin' WITH (FORMAT binary)"
same=$(q -c "SELECT bool_and(a.s::text = b.s::text) AND count(*) = 3 FROM src a JOIN dst b USING (g)")
gini=$(q -c "SELECT abs(povstat.gini(povstat.merge(s)) - (SELECT povstat.gini(exp(10 + sin(i))::float8, (1 + i % 4)::float8) FROM generate_series(1, 3000) i)) < 1e-12 FROM dst")
printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0\0\1\0\0\0\3\123\1\0\377\377' >"$tmp/bad.bin"
q -c "CREATE TABLE badt (s povstat.sample_state)"
bad=$(psql -qXAt -d "$db" -c "\\copy badt FROM '$tmp/bad.bin' WITH (FORMAT binary)" 2>&1 | grep -c 'invalid\|insufficient' || true)
echo "binary round trip equal: $same; merged stored states equal one pass: $gini; corrupt binary rejected: $bad"
[[ $same == t && $gini == t && $bad -ge 1 ]]
