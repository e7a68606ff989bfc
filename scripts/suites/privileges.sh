#!/usr/bin/env bash
# Least privilege.  In a fresh database with povstat installed by a
# superuser:
#   - an ordinary role (no grants beyond PUBLIC's) can use every povstat
#     function, aggregate and type, and read the registries, but can neither
#     write any povstat table nor create objects in schema povstat;
#   - a maintainer role granted INSERT/UPDATE/DELETE on the standards
#     registry can register a standard of its own but still cannot change a
#     built-in one (the guard trigger); granted the same on the credit
#     programme catalog, it can register, change and remove a programme;
#   - no povstat function is SECURITY DEFINER;
#   - every SQL or PL/pgSQL function of schema povstat either pins
#     search_path (proconfig), has a pre-parsed SQL-standard body, or names
#     no povstat object without the "povstat." qualifier.
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT exported).
set -uo pipefail
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
db=povstat_priv_$$
user=povstat_user_$$
maint=povstat_maint_$$
cleanup() {
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS $user" -c "DROP ROLE IF EXISTS $maint" >/dev/null 2>&1
}
trap cleanup EXIT

# shellcheck source=scripts/suite_lib.sh
. "$(dirname "$0")/../suite_lib.sh"
q() {	# q SQL...: run as the superuser, one value per line
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"
}
as_role() {	# as_role ROLE SQL: run SQL after SET ROLE; prints output and errors
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$db" \
		-c "SET ROLE $1" -c "$2" 2>&1
}
expect_denied() {	# expect_denied ROLE WHAT SQL: SQLSTATE 42501 expected
	local out
	out=$(as_role "$1" "$3")
	grep -q 'ERROR:  42501' <<<"$out" || fail "$2 was not refused with 42501: $out"
}

"$bin/psql" -qX -d postgres -c "CREATE DATABASE $db" \
	-c "CREATE ROLE $user NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE ROLE $maint NOLOGIN NOSUPERUSER" >/dev/null || exit 1
q -c "CREATE EXTENSION povstat" >/dev/null || exit 1

# --- catalog checks -------------------------------------------------------
secdef=$(q -c "SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
                WHERE pronamespace = 'povstat'::regnamespace AND prosecdef")
[[ -z $secdef ]] || fail "SECURITY DEFINER functions: $secdef"

# search_path: pinned, or a pre-parsed body, or no unqualified povstat name
unsafe=$(q -c "
  WITH f AS (
    SELECT p.oid, p.prosrc
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'povstat'::regnamespace
       AND l.lanname IN ('sql', 'plpgsql')
       AND p.prosqlbody IS NULL
       AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%')),
  names AS (
    SELECT proname::text AS n FROM pg_proc WHERE pronamespace = 'povstat'::regnamespace
    UNION SELECT relname::text FROM pg_class WHERE relnamespace = 'povstat'::regnamespace
    UNION SELECT typname::text FROM pg_type WHERE typnamespace = 'povstat'::regnamespace)
  SELECT string_agg(DISTINCT f.oid::regprocedure::text || ' uses ' || names.n, '; ')
    FROM f JOIN names ON f.prosrc ~* ('(^|[^.\\w\"])' || names.n || '\\M')")
[[ -z $unsafe ]] || fail "SQL functions without search_path naming povstat objects unqualified: $unsafe"

nsql=$(q -c "SELECT count(*) FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
              WHERE p.pronamespace = 'povstat'::regnamespace AND l.lanname IN ('sql', 'plpgsql')")

# the ordinary role may execute every function and use every type
noexec=$(q -c "SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
                WHERE pronamespace = 'povstat'::regnamespace
                  AND NOT has_function_privilege('$user', oid, 'EXECUTE')")
[[ -z $noexec ]] || fail "$user cannot execute: $noexec"
notype=$(q -c "SELECT string_agg(oid::regtype::text, ', ') FROM pg_type
                WHERE typnamespace = 'povstat'::regnamespace
                  AND NOT has_type_privilege('$user', oid, 'USAGE')")
[[ -z $notype ]] || fail "$user cannot use types: $notype"
[[ $(q -c "SELECT has_schema_privilege('$user', 'povstat', 'CREATE')") == f ]] ||
	fail "$user may create objects in schema povstat"

# no povstat table or view is writable by the ordinary role; all readable
writable=$(q -c "SELECT string_agg(c.oid::regclass::text || ':' || p.priv, ', ')
                  FROM pg_class c, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p(priv)
                 WHERE c.relnamespace = 'povstat'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
                   AND has_table_privilege('$user', c.oid, p.priv)")
[[ -z $writable ]] || fail "$user may write: $writable"
unreadable=$(q -c "SELECT string_agg(oid::regclass::text, ', ') FROM pg_class
                    WHERE relnamespace = 'povstat'::regnamespace AND relkind IN ('r', 'v', 'm', 'p')
                      AND NOT has_table_privilege('$user', oid, 'SELECT')")
[[ -z $unreadable ]] || fail "$user cannot read: $unreadable"

# --- the ordinary role at work --------------------------------------------
out=$(as_role "$user" "
  CREATE TEMP TABLE hh AS
    SELECT i, (i * 37 % 100) * 50000.0 AS income, (1 + i % 4)::float8 AS members,
           CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END::povstat.area AS area,
           CASE WHEN i % 5 = 0 THEN '{1,2,3}' ELSE '{4}' END::povstat.deprivations AS d
      FROM generate_series(1, 200) i;
  SELECT round(povstat.headcount_ratio(income::float8, 1500000, members)::numeric, 6),
         round(povstat.poverty_gap(income::float8, 1500000)::numeric, 6),
         povstat.headcount_ratio(povstat.fgt_state(income::float8, 1500000)) IS NOT NULL,
         count(*) FILTER (WHERE povstat.classify(income, area, d, 'VN-2022-2025') = 'poor') > 0,
         povstat.standard_in_force('2024-06-30')
    FROM hh;
  SELECT povstat.headcount_ratio(povstat.merge(s))
    FROM (SELECT povstat.fgt_state(income::float8, 1500000) s FROM hh GROUP BY i % 7) g;
  SELECT count(*) FROM povstat.standard;
  SELECT (povstat.transitions_state(b, a)) IS NOT NULL
    FROM (VALUES ('poor'::povstat.hh_class, 'near_poor'::povstat.hh_class)) v(b, a);")
if grep -q ERROR <<<"$out"; then
	fail "ordinary role cannot use povstat: $out"
fi

expect_denied "$user" "INSERT into povstat.standard" \
	"INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
	   rural_near_poor_line, urban_near_poor_line) VALUES ('X', 'VN-X', 'and', 1, 1, 1, 1)"
expect_denied "$user" "UPDATE of povstat.standard" "UPDATE povstat.standard SET note = 'x'"
expect_denied "$user" "DELETE from povstat.standard_indicator" "DELETE FROM povstat.standard_indicator"
expect_denied "$user" "TRUNCATE of povstat.standard" "TRUNCATE povstat.standard CASCADE"
expect_denied "$user" "INSERT into povstat.credit_programme" \
	"INSERT INTO povstat.credit_programme (code, name_vi, name_en) VALUES ('x', 'x', 'x')"
expect_denied "$user" "UPDATE of povstat.credit_programme" "UPDATE povstat.credit_programme SET rate_note = 'x'"
expect_denied "$user" "CREATE FUNCTION in schema povstat" \
	"CREATE FUNCTION povstat.headcount_ratio(text) RETURNS int LANGUAGE sql AS 'SELECT 1'"
for t in $(q -c "SELECT oid::regclass FROM pg_class WHERE relnamespace = 'povstat'::regnamespace AND relkind = 'r'"); do
	expect_denied "$user" "DELETE from $t" "DELETE FROM $t"
done

# --- a maintainer granted write access to the registry --------------------
q -c "GRANT INSERT, UPDATE, DELETE ON povstat.standard, povstat.standard_indicator TO $maint" >/dev/null
out=$(as_role "$maint" "
  INSERT INTO povstat.standard (name, jurisdiction, valid_from, valid_to, rule_kind, rural_poverty_line,
      urban_poverty_line, rural_near_poor_line, urban_near_poor_line, deprivation_cutoff, n_indicators)
    VALUES ('PRIV-TEST', 'VN-PT', '2024-01-01', '2024-12-31', 'and', 2000000, 2500000, 2000000, 2500000, 3, 12);
  UPDATE povstat.standard SET rural_poverty_line = 2100000, rural_near_poor_line = 2100000 WHERE name = 'PRIV-TEST';
  SELECT rural_poverty_line FROM povstat.standard WHERE name = 'PRIV-TEST';")
[[ $out == 2100000 ]] || fail "maintainer cannot register a standard: $out"
out=$(as_role "$maint" "UPDATE povstat.standard SET note = 'x' WHERE name = 'VN-2022-2025'")
grep -q 'ERROR:  23514' <<<"$out" || fail "maintainer changed a built-in standard: $out"

# the credit programme catalog: the same grant lets a maintainer register,
# change and remove a programme of its own (doc/credit.md, "Adding programmes")
expect_denied "$maint" "INSERT into povstat.credit_programme before the grant" \
	"INSERT INTO povstat.credit_programme (code, name_vi, name_en) VALUES ('priv_test', 'x', 'x')"
q -c "GRANT INSERT, UPDATE, DELETE ON povstat.credit_programme TO $maint" >/dev/null
out=$(as_role "$maint" "
  INSERT INTO povstat.credit_programme (code, name_vi, name_en) VALUES ('priv_test', 'Quỹ thử', 'Test fund');
  UPDATE povstat.credit_programme SET interest_rate_pct = 4.5 WHERE code = 'priv_test';
  SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'priv_test';
  DELETE FROM povstat.credit_programme WHERE code = 'priv_test';
  SELECT count(*) FROM povstat.credit_programme WHERE code = 'priv_test';")
[[ $out == $'4.500\n0' ]] || fail "maintainer cannot register a credit programme: $out"
expect_denied "$maint" "TRUNCATE of povstat.credit_programme" "TRUNCATE povstat.credit_programme"
# ... but not change, remove or fake a shipped one (guard trigger, 23514)
for stmt in "UPDATE povstat.credit_programme SET interest_rate_pct = 1 WHERE code = 'poor'" \
	"DELETE FROM povstat.credit_programme WHERE code = 'poor'" \
	"INSERT INTO povstat.credit_programme (code, name_vi, name_en, builtin) VALUES ('fake', 'x', 'x', true)"; do
	out=$(as_role "$maint" "$stmt")
	grep -q 'ERROR:  23514' <<<"$out" || fail "maintainer got past the credit programme guard ($stmt): $out"
done

if ((status == 0)); then
	echo "privileges: ok (no SECURITY DEFINER; $nsql SQL/PL functions checked for search_path;" \
		"ordinary role uses povstat and cannot write its tables; maintainer limited to own standards;" \
		"maintainer registers a credit programme, cannot change shipped ones)"
fi
exit $status
