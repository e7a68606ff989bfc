#!/usr/bin/env bash
# povstat.credit_programme survives pg_dump / restore: programmes added by
# the user come back once, shipped programmes are not duplicated, and a
# stored transitions_state restores to the same value.  Runs against the
# throwaway cluster of scripts/test.sh (PGHOST/PGPORT exported).
set -uo pipefail
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
src=povstat_dump_src_$$
dst=povstat_dump_dst_$$
dump=$(mktemp /tmp/povstat-credit-dump.XXXXXX)
cleanup() {
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1
	rm -f "$dump"
}
trap cleanup EXIT

q() {	# q DB SQL: one value
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

"$bin/psql" -qX -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null || exit 1
q "$src" "CREATE EXTENSION povstat" >/dev/null || exit 1
q "$src" "INSERT INTO povstat.credit_programme (code, name_vi, name_en, interest_rate_pct)
          VALUES ('local_fund', 'Quỹ hỗ trợ địa phương', 'Local support fund', 0)" >/dev/null || exit 1
q "$src" "CREATE TABLE st AS SELECT povstat.transitions_state(b, a, true, 1.5)
            FROM (VALUES ('poor'::povstat.hh_class, 'near_poor'::povstat.hh_class),
                         ('average', 'poor'), (NULL, 'poor')) v(b, a)" >/dev/null || exit 1
before=$(q "$src" "SELECT count(*) || ' ' || string_agg(code, ',' ORDER BY code) FROM povstat.credit_programme")
state_before=$(q "$src" "SELECT transitions_state::text FROM st")

"$bin/pg_dump" -Fc -d "$src" -f "$dump" || exit 1
"$bin/pg_restore" -d "$dst" "$dump" || exit 1

after=$(q "$dst" "SELECT count(*) || ' ' || string_agg(code, ',' ORDER BY code) FROM povstat.credit_programme")
state_after=$(q "$dst" "SELECT transitions_state::text FROM st")
user_row=$(q "$dst" "SELECT name_en || ' builtin=' || builtin FROM povstat.credit_programme WHERE code = 'local_fund'")

status=0
if [[ $before != "$after" ]]; then
	echo "credit_programme differs after restore: before [$before] after [$after]"
	status=1
fi
if [[ $user_row != "Local support fund builtin=false" ]]; then
	echo "user programme not restored: [$user_row]"
	status=1
fi
if [[ $state_before != "$state_after" ]]; then
	echo "transitions_state differs after restore"
	status=1
fi
((status == 0)) && echo "credit_dump: catalog ($after) and transitions_state restored exactly"
exit $status
