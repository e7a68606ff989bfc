#!/usr/bin/env bash
# pg_dump / pg_restore keep user-registered standards and indicators, and
# columns of type povstat.deprivations and povstat.hh_class; built-in
# standards are recreated by CREATE EXTENSION, not duplicated.
# Runs against the throwaway cluster of scripts/test.sh (PGHOST, PGPORT,
# PGENV_BIN exported).
set -euo pipefail

: "${PGHOST:?run from scripts/test.sh}" "${PGPORT:?}" "${PGENV_BIN:?}"
src=povstat_dump_src_$$
dst=povstat_dump_dst_$$
dump=$(mktemp /tmp/povstat-dump.XXXXXX)
psql_() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
	rm -f "$dump"
	psql_ -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql_ -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql_ -d "$src" <<'SQL'
CREATE EXTENSION povstat;
INSERT INTO povstat.standard (name, jurisdiction, legal_basis, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators, note)
VALUES ('VN-XX-2022-2025', 'VN-XX', 'illustrative local standard', '2022-01-01', '2025-12-31', 'and',
        2000000, 2500000, 2000000, 2500000, 3000000, 3750000, 3, 12, 'user row');
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  SELECT 'VN-XX-2022-2025', position, code, name_vi, name_en, dimension, dimension_vi
    FROM povstat.standard_indicator WHERE standard = 'VN-2022-2025';
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('VN-2027-2030', 3, 'digital_services', 'Sử dụng dịch vụ số', 'use of digital services', 'information', 'Thông tin');
CREATE TABLE register (id int PRIMARY KEY, area povstat.area, income numeric,
                       d povstat.deprivations, class povstat.hh_class);
INSERT INTO register
  SELECT i, CASE WHEN i % 2 = 0 THEN 'urban' ELSE 'rural' END::povstat.area, 1000000 + 20000 * i,
         povstat.deprivations(ARRAY(SELECT p FROM generate_series(1, 12) p WHERE (i >> (p % 5)) % 2 = 1 AND p <= i % 13)),
         NULL
    FROM generate_series(1, 100) i;
UPDATE register SET class = povstat.classify(income, area, d, 'VN-XX-2022-2025');
SQL

"$PGENV_BIN/pg_dump" -Fc -d "$src" -f "$dump"
"$PGENV_BIN/pg_restore" --exit-on-error -d "$dst" "$dump"

fail=0
check() {	# check DESCRIPTION QUERY EXPECTED
	local got
	got=$(psql_ -d "$dst" -c "$2")
	if [[ $got == "$3" ]]; then
		echo "ok - $1"
	else
		echo "not ok - $1: got '$got', expected '$3'"
		fail=1
	fi
}
q_src() { psql_ -d "$src" -c "$1"; }

check "built-in standards not duplicated" \
	"SELECT count(*) FROM povstat.standard WHERE builtin" 3
check "user standard restored" \
	"SELECT name || ' ' || jurisdiction || ' ' || rural_poverty_line || ' ' || urban_average_upper || ' ' || note || ' ' || builtin FROM povstat.standard WHERE NOT builtin" \
	"VN-XX-2022-2025 VN-XX 2000000 3750000 user row false"
check "user indicators restored, built-in ones not duplicated" \
	"SELECT string_agg(standard || ':' || n, ' ' ORDER BY standard) FROM (SELECT standard, count(*) n FROM povstat.standard_indicator GROUP BY 1) x" \
	"VN-2016-2020:10 VN-2022-2025:12 VN-2027-2030:3 VN-XX-2022-2025:12"
check "deprivations and classes survive" \
	"SELECT md5(string_agg(id || ':' || area || ':' || income || ':' || d || ':' || class, ',' ORDER BY id)) FROM register" \
	"$(q_src "SELECT md5(string_agg(id || ':' || area || ':' || income || ':' || d || ':' || class, ',' ORDER BY id)) FROM register")"
check "restored standard classifies as before" \
	"SELECT count(*) FROM register WHERE class IS DISTINCT FROM povstat.classify(income, area, d, 'VN-XX-2022-2025')" 0
check "some households in each of several classes" \
	"SELECT count(DISTINCT class) >= 3 FROM register" t
if psql_ -d "$dst" -c "UPDATE povstat.standard SET note = 'x' WHERE name = 'VN-2022-2025'" 2>/dev/null; then
	echo "not ok - built-in rows are read-only after restore"
	fail=1
else
	echo "ok - built-in rows are read-only after restore"
fi

exit $fail
