#!/usr/bin/env bash
# Lifecycle: ALTER EXTENSION povstat UPDATE from every earlier release gives
# exactly what a fresh CREATE EXTENSION of the current version gives, and
# the data made under the old release survives it.
#
# Releases: the install script of each release is frozen, when the release
# is made, as test/upgrade/povstat--X.sql; update/povstat--X--Y.sql chain it
# to default_version.  For each frozen release X this suite:
#   1. creates a database with povstat X (the frozen script, run against the
#      povstat.so of this build, which must still provide every C symbol an
#      old script names and read every old state: each state header carries
#      a version for that), one table per base type from fuzz/seeds, and a
#      user-registered standard with an indicator; takes a pg_dump;
#   2. runs ALTER EXTENSION povstat UPDATE and checks the version;
#   3. compares the extension's catalog with that of a fresh CREATE
#      EXTENSION: every member object (pg_depend deptype 'e') by its
#      description and definition (pg_get_functiondef, the pg_aggregate row,
#      type I/O functions and enum labels, columns, constraints, indexes,
#      triggers, view definitions, operators, casts, operator classes), its
#      grants and comment, and the rows of the extension's own tables;
#   4. checks that the stored values print as before the update, that the
#      user standard still classifies, and that the dump taken under X
#      restores into a database with the current version.
#
# povstat 0.1 is the first version, so no release is frozen yet.  Until one
# is, the suite tests itself, so that the day 0.2 lands a test that can fail
# is already in CI: with throwaway versions written into the private
# installation's extension directory, an update that changes nothing must
# compare equal (and run steps 1-4), and an update that misses a function,
# a comment and a function's cost must be reported on exactly those.
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT, PGENV_BIN).
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
extdir=$("$bin/pg_config" --sharedir)/extension
current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" povstat.control)
tag=$$
dbs=()
written=()
dump=$(mktemp /tmp/povstat-upgrade.XXXXXX)
cleanup() {
	local d
	for d in "${dbs[@]}"; do
		"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1
	done
	((${#written[@]})) && rm -f "${written[@]}"
	rm -f "$dump" "$dump.diff"
}
trap cleanup EXIT
status=0
fail() {
	echo "FAIL: $*"
	status=1
}
q() {	# q DB SQL...
	local d=$1
	shift
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$d" "$@"
}
newdb() {	# newdb NAME: create a scratch database, dropped on exit
	dbs+=("$1")
	"$bin/psql" -qX -d postgres -c "CREATE DATABASE $1" >/dev/null
}
# put FILE into the installation's extension directory (removed on exit)
install_script() {	# install_script NAME < CONTENT
	cat >"$extdir/$1"
	written+=("$extdir/$1")
}

# catalog DB: one line per member object of the extension, with everything
# an update script could get wrong, in names rather than OIDs (search_path
# is pg_catalog, so every povstat name prints qualified); then the rows of
# the extension's tables.
catalog() {
	q "$1" <<'EOF'
SET search_path = pg_catalog;
WITH ext AS (SELECT oid, extversion, extconfig, extcondition FROM pg_extension WHERE extname = 'povstat'),
member AS (
  SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d, ext
   WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
def AS (
  SELECT m.classid, m.objid, m.objsubid,
         CASE m.classid
         WHEN 'pg_proc'::regclass THEN
           (SELECT CASE WHEN p.prokind = 'a' THEN
                     format('aggregate %s -> %s, parallel %s, ', pg_get_function_arguments(p.oid),
                            pg_get_function_result(p.oid), p.proparallel) ||
                     (SELECT format('kind %s, direct args %s, sfunc %s, stype %s, space %s, final %s (extra %s, modify %s), combine %s, serial %s, deserial %s, msfunc %s, minvfunc %s, mfinal %s, mstype %s, sortop %s, initval %s, minitval %s',
                                    a.aggkind, a.aggnumdirectargs, a.aggtransfn::oid::regprocedure, a.aggtranstype::regtype,
                                    a.aggtransspace, a.aggfinalfn::oid::regprocedure, a.aggfinalextra, a.aggfinalmodify,
                                    a.aggcombinefn::oid::regprocedure, a.aggserialfn::oid::regprocedure,
                                    a.aggdeserialfn::oid::regprocedure, a.aggmtransfn::oid::regprocedure,
                                    a.aggminvtransfn::oid::regprocedure, a.aggmfinalfn::oid::regprocedure,
                                    a.aggmtranstype::regtype, a.aggsortop::regoperator, a.agginitval, a.aggminitval)
                        FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                   ELSE pg_get_functiondef(p.oid) END || format(' acl %s', p.proacl)
              FROM pg_proc p WHERE p.oid = m.objid)
         WHEN 'pg_type'::regclass THEN
           (SELECT format('type %s len %s byval %s align %s storage %s category %s preferred %s in %s out %s recv %s send %s typmodin %s analyze %s subscript %s elem %s base %s notnull %s default %s collation %s acl %s',
                          t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred,
                          t.typinput::oid::regprocedure, t.typoutput::oid::regprocedure, t.typreceive::oid::regprocedure,
                          t.typsend::oid::regprocedure, t.typmodin::oid::regprocedure, t.typanalyze::oid::regprocedure,
                          t.typsubscript::oid::regprocedure, t.typelem::regtype, t.typbasetype::regtype, t.typnotnull,
                          t.typdefault, t.typcollation, t.typacl) ||
                   coalesce(' labels ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                            FROM pg_enum e WHERE e.enumtypid = t.oid), '') ||
                   coalesce(' attributes ' || (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
                                                FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
                   coalesce(' constraints ' || (SELECT string_agg(format('%I %s', c.conname, pg_get_constraintdef(c.oid)), ', ' ORDER BY c.conname)
                                                 FROM pg_constraint c WHERE c.contypid = t.oid), '') ||
                   coalesce((SELECT format(' range of %s collation %s opclass %s canonical %s diff %s', r.rngsubtype::regtype,
                                           r.rngcollation, r.rngsubopc, r.rngcanonical::oid::regprocedure, r.rngsubdiff::oid::regprocedure)
                               FROM pg_range r WHERE r.rngtypid = t.oid), '')
              FROM pg_type t WHERE t.oid = m.objid)
         WHEN 'pg_class'::regclass THEN
           (SELECT format('relkind %s persistence %s options %s acl %s', c.relkind, c.relpersistence, c.reloptions, c.relacl) ||
                   coalesce(' columns ' || (SELECT string_agg(format('%I %s%s%s%s acl %s comment %s', a.attname, format_type(a.atttypid, a.atttypmod),
                                                                     CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                                                                     coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''),
                                                                     CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END,
                                                                     a.attacl, col_description(c.oid, a.attnum)), ', ' ORDER BY a.attnum)
                                             FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
                   coalesce(' constraints ' || (SELECT string_agg(format('%I %s', k.conname, pg_get_constraintdef(k.oid)), ', ' ORDER BY k.conname)
                                                 FROM pg_constraint k WHERE k.conrelid = c.oid), '') ||
                   coalesce(' indexes ' || (SELECT string_agg(pg_get_indexdef(i.indexrelid), ', ' ORDER BY 1)
                                             FROM pg_index i WHERE i.indrelid = c.oid), '') ||
                   coalesce(' triggers ' || (SELECT string_agg(pg_get_triggerdef(g.oid), ', ' ORDER BY g.tgname)
                                              FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal), '') ||
                   coalesce(' policies ' || (SELECT string_agg(format('%I %s %s', po.polname, po.polcmd, pg_get_expr(po.polqual, po.polrelid)), ', ' ORDER BY po.polname)
                                              FROM pg_policy po WHERE po.polrelid = c.oid), '') ||
                   CASE WHEN c.relkind IN ('v', 'm') THEN ' view ' || pg_get_viewdef(c.oid) ELSE '' END
              FROM pg_class c WHERE c.oid = m.objid)
         WHEN 'pg_operator'::regclass THEN
           (SELECT format('operator %s(%s, %s) -> %s code %s commutator %s negator %s restrict %s join %s merges %s hashes %s',
                          o.oprname, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype, o.oprcode::oid::regprocedure,
                          o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest::oid::regprocedure,
                          o.oprjoin::oid::regprocedure, o.oprcanmerge, o.oprcanhash)
              FROM pg_operator o WHERE o.oid = m.objid)
         WHEN 'pg_cast'::regclass THEN
           (SELECT format('cast %s -> %s function %s context %s method %s', k.castsource::regtype, k.casttarget::regtype,
                          k.castfunc::regprocedure, k.castcontext, k.castmethod)
              FROM pg_cast k WHERE k.oid = m.objid)
         WHEN 'pg_opclass'::regclass THEN
           (SELECT format('opclass method %s type %s default %s key %s family %s', (SELECT amname FROM pg_am WHERE oid = oc.opcmethod), oc.opcintype::regtype,
                          oc.opcdefault, oc.opckeytype::regtype, oc.opcfamily) ||
                   coalesce(' operators ' || (SELECT string_agg(format('%s %s', ao.amopstrategy, ao.amopopr::regoperator), ', ' ORDER BY ao.amopstrategy, ao.amopopr::regoperator::text)
                                               FROM pg_amop ao WHERE ao.amopfamily = oc.opcfamily), '') ||
                   coalesce(' functions ' || (SELECT string_agg(format('%s %s', ap.amprocnum, ap.amproc::oid::regprocedure), ', ' ORDER BY ap.amprocnum, ap.amproc::oid::regprocedure::text)
                                               FROM pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily), '')
              FROM pg_opclass oc WHERE oc.oid = m.objid)
         WHEN 'pg_namespace'::regclass THEN
           (SELECT format('schema acl %s', n.nspacl) FROM pg_namespace n WHERE n.oid = m.objid)
         END AS definition
    FROM member m)
SELECT pg_describe_object(classid, objid, objsubid) || ' :: ' ||
       regexp_replace(regexp_replace(coalesce(definition, ''), 'family [0-9]+', 'family'), '\s*\n\s*', ' ', 'g') ||
       ' :: comment ' || coalesce(obj_description(objid, classid::regclass::text), '-')
  FROM def
 ORDER BY 1;
SELECT format('extension version %s config %s condition %s', extversion,
              (SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM unnest(extconfig) c), extcondition)
  FROM pg_extension WHERE extname = 'povstat';
EOF
	# the rows the extension's own tables ship with (built-in standards,
	# indicators, programmes): those pg_dump leaves out by the table's
	# pg_extension_config_dump condition; user rows are checked by stored()
	q "$1" -c "SELECT format('SELECT %L || '' shipped rows '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, ''|'' ORDER BY t::text)), ''-'') FROM %s t %s',
	                         c.oid::regclass, c.oid::regclass,
	                         CASE WHEN x.cond IS NULL THEN ''
	                              WHEN x.cond = '' THEN 'WHERE false'
	                              ELSE 'WHERE NOT (' || regexp_replace(x.cond, '^\s*WHERE\s+', '', 'i') || ')' END)
	             FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
	             LEFT JOIN (SELECT unnest(extconfig) AS tab, unnest(extcondition) AS cond
	                          FROM pg_extension WHERE extname = 'povstat') x ON x.tab = c.oid
	            WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind = 'r'
	              AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'povstat')
	            ORDER BY 1" | while read -r sql; do q "$1" -c "$sql"; done
}

# old_database DB VERSION: povstat VERSION with data a user would keep
old_database() {
	newdb "$1" || return 1
	q "$1" -c "CREATE EXTENSION povstat VERSION '$2'" >/dev/null || return 1
	seed_tables q "$1" || return 1
	q "$1" >/dev/null <<'EOF'
INSERT INTO povstat.standard (name, jurisdiction, legal_basis, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators, note)
  VALUES ('UPG-LOCAL', 'VN-UPG', 'upgrade test', '2024-01-01', NULL, 'and',
          1800000, 2400000, 1800000, 2400000, 2700000, 3600000, 3, 12, 'kept across ALTER EXTENSION UPDATE');
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('UPG-LOCAL', 1, 'employment', 'Việc làm', 'employment', 'employment', 'Việc làm');
EOF
}

# stored DB: every stored value as text, and what the user standard says
stored() {
	q "$1" -c "SELECT format('SELECT %L || '' '' || coalesce(string_agg(v::text, ''|'' ORDER BY id), ''-'') FROM %s',
	                         c.relname, c.oid::regclass)
	             FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1" |
		while read -r sql; do q "$1" -c "$sql"; done
	q "$1" -c "SELECT 'user standard ' || povstat.classify(1700000, 'urban', '{1,2,3}', 'UPG-LOCAL')
	                  || ' ' || povstat.classify(2500000, 'urban', '{}', 'UPG-LOCAL')"
}

# upgrade_from OLD NEW: steps 1-4 above; prints the catalog difference
upgrade_from() {
	local old=$1 new=$2 a="povstat_upg_old_$tag" b="povstat_upg_new_$tag" r="povstat_upg_rst_$tag" before after
	tag=$((tag + 1))
	old_database "$a" "$old" || { fail "cannot build a database with povstat $old"; return; }
	before=$(stored "$a")
	"$bin/pg_dump" -Fc -d "$a" -f "$dump" || { fail "pg_dump under $old failed"; return; }
	q "$a" -c "ALTER EXTENSION povstat UPDATE TO '$new'" >/dev/null || { fail "ALTER EXTENSION povstat UPDATE from $old to $new failed"; return; }
	[[ $(q "$a" -c "SELECT extversion FROM pg_extension WHERE extname = 'povstat'") == "$new" ]] ||
		fail "after the update from $old the version is not $new"
	newdb "$b" || return
	q "$b" -c "CREATE EXTENSION povstat VERSION '$new'" >/dev/null || { fail "cannot create povstat $new"; return; }
	diff <(catalog "$a") <(catalog "$b") >"$dump.diff"
	after=$(stored "$a")
	[[ $before == "$after" ]] || fail "values stored under $old read differently after the update: $(diff <(echo "$before") <(echo "$after") | head -5)"
	grep -q "^user standard poor average$" <<<"$after" ||
		fail "the user standard does not classify after the update from $old: $(tail -1 <<<"$after")"
	newdb "$r" || return
	if [[ $new == "$current" ]]; then	# a dump restores into the installed default version
		"$bin/pg_restore" --exit-on-error -d "$r" "$dump" >/dev/null 2>&1 ||
			fail "a dump taken under $old does not restore into $new"
		[[ $(stored "$r") == "$before" ]] || fail "a dump taken under $old restores into $new with other values"
	fi
}

# shellcheck source=scripts/seed_tables.sh
. scripts/seed_tables.sh

releases=()
for f in test/upgrade/povstat--*.sql; do
	[[ -e $f ]] && releases+=("$(basename "$f" .sql | sed 's/^povstat--//')")
done

if ((${#releases[@]})); then
	for old in "${releases[@]}"; do
		[[ -e $extdir/povstat--$old.sql ]] || install_script "povstat--$old.sql" <"test/upgrade/povstat--$old.sql"
		upgrade_from "$old" "$current"
		if [[ -s $dump.diff ]]; then
			fail "povstat updated from $old differs from a fresh $current (< updated, > fresh):"
			head -20 "$dump.diff"
		fi
	done
	rm -f "$dump.diff"
	((status == 0)) && echo "upgrade: ok (from ${releases[*]} to $current: same catalog as a fresh install, stored values and user standards kept, old dumps restore)"
	exit $status
fi

# No frozen release yet: the self-test.  An empty update between identical
# install scripts must compare equal and keep everything.
echo "no release is frozen in test/upgrade/ yet (povstat $current is the first): testing the upgrade check itself"
same="$current.1-selftest"
install_script "povstat--$same.sql" <"$extdir/povstat--$current.sql"
echo "-- upgrade self-test: changes nothing" | install_script "povstat--$current--$same.sql"
upgrade_from "$current" "$same"
if [[ -s $dump.diff ]]; then
	fail "an update that changes nothing compares unequal:"
	head -10 "$dump.diff"
fi

# An update that forgets three things the fresh install has must be caught
# on those three and nothing else.
broken="$current.2-selftest"
{
	cat "$extdir/povstat--$current.sql"
	cat <<'EOF'
CREATE FUNCTION povstat.upgrade_selftest() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 1;
COMMENT ON FUNCTION povstat.upgrade_selftest() IS 'only in the fresh install';
COMMENT ON FUNCTION povstat.deprivation_count(povstat.deprivations) IS 'changed in the fresh install';
ALTER FUNCTION povstat.cardinality(povstat.household_set) COST 77;
EOF
} | install_script "povstat--$broken.sql"
echo "-- upgrade self-test: forgets what the $broken install script adds" | install_script "povstat--$current--$broken.sql"
upgrade_from "$current" "$broken"
changed=$(grep -c '^>' "$dump.diff")
for expect in 'function povstat.upgrade_selftest()' 'function povstat.deprivation_count(povstat.deprivations) .*changed in the fresh install' \
	'function povstat.cardinality(povstat.household_set) .*COST 77'; do
	grep -q "^> $expect" "$dump.diff" || fail "the check missed a difference: $expect"
done
((changed == 3)) || { fail "the check reported $changed differences, expected 3:"; head -20 "$dump.diff"; }
rm -f "$dump.diff"

((status == 0)) && echo "upgrade: ok (self-test: an empty update compares equal and keeps stored values and user standards; a faulty one is caught on its 3 differences)"
exit $status
