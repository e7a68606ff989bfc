#!/usr/bin/env bash
# Lifecycle: ALTER EXTENSION povstat UPDATE from every earlier release gives
# exactly what a fresh CREATE EXTENSION of the current version gives, and
# the data made under the old release survives it.
#
# A release X is frozen (bash scripts/suites/upgrade.sh --freeze, under a
# running scripts/pgenv.sh cluster) as test/upgrade/povstat--X.sql, its
# install script, and test/upgrade/povstat--X.values, the text of every
# fuzz/seeds value as X's build prints it; update/povstat--X--Y.sql chain
# it to default_version.  For each frozen release X this suite:
#   1. creates a database with povstat X (the frozen script, run against the
#      povstat.so of this build, which must still provide every C symbol an
#      old script names), one table per base type from fuzz/seeds, and a
#      user-registered standard with an indicator; takes a pg_dump;
#   2. runs ALTER EXTENSION povstat UPDATE and checks the version;
#   3. compares the extension's catalog with that of a fresh CREATE
#      EXTENSION: every member object (pg_depend deptype 'e') by its
#      description and definition (pg_get_functiondef, the pg_aggregate row,
#      type I/O functions, enum labels and range subtypes, columns,
#      constraints, indexes, triggers, policies, view definitions,
#      operators, casts, operator classes), its grants and comment, and the
#      rows the extension ships in its own tables;
#   4. checks that the stored values print as before the update, that the
#      user standard still classifies, that the dump taken under X restores
#      into a database with the current version, and that the values X's
#      build wrote (the .values file) parse in this build and print stably.
#
# Before that, always, the suite tests itself with throwaway versions
# written into the private installation's extension directory: an update
# that changes nothing must compare equal and pass steps 1, 2 and 4 (with
# values frozen on the spot), and an update that misses a function, a
# comment and a function's cost must be reported on exactly those.  So the
# check cannot pass vacuously, including now, while 0.1 is the only version.
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT, PGENV_BIN).
set -uo pipefail
cd "$(dirname "$0")/../.."
# never the system's installation: the suite writes into the extension directory
: "${PGENV_BIN:?run under scripts/test.sh, which starts a private installation}"
bin=$PGENV_BIN
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
	rm -f "$dump" "$dump.diff" "$dump.a" "$dump.b" "$dump.values" "$dump.list"
}
trap cleanup EXIT
# shellcheck source=scripts/lifecycle_lib.sh
. scripts/lifecycle_lib.sh
newdb() {	# newdb NAME: create a scratch database, dropped on exit
	dbs+=("$1")
	"$bin/psql" -qX -d postgres -c "CREATE DATABASE $1" >/dev/null
}
# put FILE into the installation's extension directory (removed on exit)
install_script() {	# install_script NAME < CONTENT
	written+=("$extdir/$1")
	cat >"$extdir/$1"
}

# catalog DB: one line per member object of the extension, with everything
# an update script could get wrong, in names rather than OIDs (search_path
# is pg_catalog, so every povstat name prints qualified); then the rows of
# the extension's tables.
catalog() {
	local sqls
	q "$1" <<'EOF' || return 1
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
                                    a.aggmtranstype::regtype, a.aggsortop::regoperator, a.agginitval, a.aggminitval) ||
                     (SELECT format(', mspace %s, mfinal extra %s, mfinal modify %s', a.aggmtransspace, a.aggmfinalextra, a.aggmfinalmodify)
                        FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                        FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                   ELSE pg_get_functiondef(p.oid) END || format(' acl %s', p.proacl)
              FROM pg_proc p WHERE p.oid = m.objid)
         WHEN 'pg_type'::regclass THEN
           (SELECT format('type %s len %s byval %s align %s storage %s category %s preferred %s in %s out %s recv %s send %s typmodin %s analyze %s subscript %s elem %s base %s notnull %s default %s collation %s acl %s',
                          t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred,
                          t.typinput::oid::regprocedure, t.typoutput::oid::regprocedure, t.typreceive::oid::regprocedure,
                          t.typsend::oid::regprocedure, t.typmodin::oid::regprocedure, t.typanalyze::oid::regprocedure,
                          t.typsubscript::oid::regprocedure, t.typelem::regtype, t.typbasetype::regtype, t.typnotnull,
                          t.typdefault, t.typcollation::regcollation, t.typacl) ||
                   coalesce(' labels ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                            FROM pg_enum e WHERE e.enumtypid = t.oid), '') ||
                   coalesce(' attributes ' || (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
                                                FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
                   coalesce(' constraints ' || (SELECT string_agg(format('%I %s', c.conname, pg_get_constraintdef(c.oid)), ', ' ORDER BY c.conname)
                                                 FROM pg_constraint c WHERE c.contypid = t.oid), '') ||
                   coalesce((SELECT format(' range of %s collation %s opclass %s.%s canonical %s diff %s', r.rngsubtype::regtype,
                                           r.rngcollation::regcollation, oc.opcnamespace::regnamespace, oc.opcname,
                                           r.rngcanonical::oid::regprocedure, r.rngsubdiff::oid::regprocedure)
                               FROM pg_range r JOIN pg_opclass oc ON oc.oid = r.rngsubopc WHERE r.rngtypid = t.oid), '')
              FROM pg_type t WHERE t.oid = m.objid)
         WHEN 'pg_class'::regclass THEN
           (SELECT format('relkind %s persistence %s options %s acl %s row security %s forced %s', c.relkind, c.relpersistence,
                          c.reloptions, c.relacl, c.relrowsecurity, c.relforcerowsecurity) ||
                   coalesce(' columns ' || (SELECT string_agg(format('%I %s%s%s%s%s collation %s acl %s comment %s', a.attname, format_type(a.atttypid, a.atttypmod),
                                                                     CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                                                                     coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''),
                                                                     CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END,
                                                                     CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
                                                                     a.attcollation::regcollation, a.attacl, col_description(c.oid, a.attnum)), ', ' ORDER BY a.attnum)
                                             FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
                   coalesce(' constraints ' || (SELECT string_agg(format('%I %s comment %s', k.conname, pg_get_constraintdef(k.oid),
                                                                       obj_description(k.oid, 'pg_constraint')), ', ' ORDER BY k.conname)
                                                 FROM pg_constraint k WHERE k.conrelid = c.oid), '') ||
                   coalesce(' indexes ' || (SELECT string_agg(format('%s comment %s', pg_get_indexdef(i.indexrelid),
                                                                   obj_description(i.indexrelid, 'pg_class')), ', ' ORDER BY 1)
                                             FROM pg_index i WHERE i.indrelid = c.oid), '') ||
                   coalesce(' triggers ' || (SELECT string_agg(format('%s enabled %s comment %s', pg_get_triggerdef(g.oid), g.tgenabled,
                                                                    obj_description(g.oid, 'pg_trigger')), ', ' ORDER BY g.tgname)
                                              FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal), '') ||
                   coalesce(' policies ' || (SELECT string_agg(format('%I %s permissive %s roles %s using %s check %s', po.polname, po.polcmd,
                                                                    po.polpermissive, (SELECT array_agg(r::regrole::text ORDER BY r::regrole::text) FROM unnest(po.polroles) r),
                                                                    pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid)), ', ' ORDER BY po.polname)
                                              FROM pg_policy po WHERE po.polrelid = c.oid), '') ||
                   coalesce((SELECT format(' sequence %s start %s increment %s max %s min %s cache %s cycle %s', sq.seqtypid::regtype,
                                           sq.seqstart, sq.seqincrement, sq.seqmax, sq.seqmin, sq.seqcache, sq.seqcycle)
                               FROM pg_sequence sq WHERE sq.seqrelid = c.oid), '') ||
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
                          oc.opcdefault, oc.opckeytype::regtype, (SELECT opfname FROM pg_opfamily WHERE oid = oc.opcfamily)) ||
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
       regexp_replace(coalesce(definition, ''), '\s*\n\s*', ' ', 'g') ||
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
	sqls=$(q "$1" -c "SELECT format('SELECT %L || '' shipped rows '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, ''|'' ORDER BY t::text)), ''-'') FROM %s t %s',
	                         c.oid::regclass, c.oid::regclass,
	                         CASE WHEN x.cond IS NULL THEN ''
	                              WHEN x.cond = '' THEN 'WHERE false'
	                              ELSE 'WHERE (' || regexp_replace(x.cond, '^\s*WHERE\s+', '', 'i') || ') IS NOT TRUE' END)
	             FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
	             LEFT JOIN (SELECT unnest(extconfig) AS tab, unnest(extcondition) AS cond
	                          FROM pg_extension WHERE extname = 'povstat') x ON x.tab = c.oid
	            WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind = 'r'
	              AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'povstat')
	            ORDER BY 1") || return 1
	run_each "$1" <<<"$sqls"
}

# old_database DB VERSION: povstat VERSION with data a user would keep
old_database() {
	newdb "$1" || return 1
	q "$1" -c "CREATE EXTENSION povstat VERSION '$2'" >/dev/null || return 1
	seed_tables "$1" || return 1
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

# each SQL line on stdin, run in DB; stops at the first failure
run_each() {	# run_each DB < SQL lines
	local sql
	while read -r sql; do
		[[ -z $sql ]] && continue
		q "$1" -c "$sql" || return 1
	done
}

# stored DB: every stored value as text, and what the user standard says
stored() {
	local sqls
	sqls=$(q "$1" -c "SELECT format('SELECT %L || '' '' || coalesce(string_agg(v::text, ''|'' ORDER BY id), ''-'') FROM %s',
	                                c.relname, c.oid::regclass)
	                    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1") || return 1
	run_each "$1" <<<"$sqls" || return 1
	q "$1" -c "SELECT 'user standard ' || povstat.classify(1700000, 'urban', '{1,2,3}', 'UPG-LOCAL')
	                  || ' ' || povstat.classify(2500000, 'urban', '{}', 'UPG-LOCAL')"
}

# values_of DB: "type,text" CSV of every seed value, as this build prints
# them (the frozen values of a release are made so: see --freeze)
values_of() {
	local t
	for t in fuzz/seeds/*.sql; do
		t=$(basename "$t" .sql)
		q "$1" -c "COPY (SELECT '$t', v::text FROM ($(cat "fuzz/seeds/$t.sql")
) s ORDER BY 2) TO STDOUT WITH (FORMAT csv)" || return 1
	done
}

# check_values DB FILE: each "type,text" of FILE, written by an older
# build, must parse in this one and print a text that parses back to itself
check_values() {
	local n bad
	q "$1" -c "CREATE TABLE frozen (typ text, txt text)" \
		-c "\copy frozen FROM '$2' WITH (FORMAT csv)" >/dev/null || return 1
	n=$(q "$1" -c "SELECT count(*) FROM frozen") || return 1
	bad=$(q "$1" <<'EOF'
CREATE TEMP TABLE reread AS SELECT typ, txt, NULL::text AS err FROM frozen;
DO $$
DECLARE r record; once text; twice text;
BEGIN
  FOR r IN SELECT ctid, typ, txt FROM reread LOOP
    BEGIN
      EXECUTE format('SELECT (%L::povstat.%I)::text', r.txt, r.typ) INTO once;
      EXECUTE format('SELECT (%L::povstat.%I)::text', once, r.typ) INTO twice;
      IF once IS DISTINCT FROM twice THEN
        UPDATE reread SET err = 'prints unstably: ' || once WHERE ctid = r.ctid;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      UPDATE reread SET err = SQLSTATE || ' ' || SQLERRM WHERE ctid = r.ctid;
    END;
  END LOOP;
END $$;
SELECT typ || ' ' || left(txt, 60) || ': ' || err FROM reread WHERE err IS NOT NULL LIMIT 5;
EOF
) || return 1
	q "$1" -c "DROP TABLE frozen" >/dev/null
	if [[ -n $bad ]]; then
		echo "$bad"
		return 1
	fi
	((n > 0)) || { echo "no values in $2"; return 1; }
}

# upgrade_from OLD NEW: steps 1-4 above; the catalog difference goes to
# $dump.diff (< updated, > fresh)
upgrade_from() {
	local old=$1 new=$2 a="povstat_upg_old_$tag" b="povstat_upg_new_$tag" r="povstat_upg_rst_$tag" before after out list
	tag=$((tag + 1))
	rm -f "$dump.diff" "$dump.a" "$dump.b"
	old_database "$a" "$old" || { fail "cannot build a database with povstat $old"; return; }
	before=$(stored "$a") || { fail "cannot read the values stored under $old"; return; }
	"$bin/pg_dump" -Fc -d "$a" -f "$dump" || { fail "pg_dump under $old failed"; return; }
	q "$a" -c "ALTER EXTENSION povstat UPDATE TO '$new'" >/dev/null || { fail "ALTER EXTENSION povstat UPDATE from $old to $new failed"; return; }
	[[ $(q "$a" -c "SELECT extversion FROM pg_extension WHERE extname = 'povstat'") == "$new" ]] ||
		fail "after the update from $old the version is not $new"
	newdb "$b" || { fail "cannot create database $b"; return; }
	q "$b" -c "CREATE EXTENSION povstat VERSION '$new'" >/dev/null || { fail "cannot create povstat $new"; return; }
	catalog "$a" >"$dump.a" || { fail "cannot read the catalog after the update from $old"; return; }
	catalog "$b" >"$dump.b" || { fail "cannot read the catalog of a fresh $new"; return; }
	grep -q '^extension version' "$dump.a" && grep -q '^extension version' "$dump.b" ||
		{ fail "the catalog listing is incomplete"; return; }
	diff "$dump.a" "$dump.b" >"$dump.diff"
	after=$(stored "$a") || { fail "cannot read the stored values after the update from $old"; return; }
	[[ $before == "$after" ]] || fail "values stored under $old read differently after the update: $(diff <(echo "$before") <(echo "$after") | head -5)"
	grep -q "^user standard poor average$" <<<"$after" ||
		fail "the user standard does not classify after the update from $old: $(tail -1 <<<"$after")"
	# the dump taken under OLD restores into NEW.  When NEW is not the
	# default version (the self-test) it is created first, and the dump's
	# CREATE SCHEMA povstat left out (its CREATE EXTENSION has IF NOT EXISTS)
	newdb "$r" || { fail "cannot create database $r"; return; }
	list=()
	if [[ $new != "$current" ]]; then
		q "$r" -c "CREATE EXTENSION povstat VERSION '$new'" >/dev/null || { fail "cannot create povstat $new"; return; }
		"$bin/pg_restore" -l "$dump" | grep -v ' SCHEMA - povstat ' >"$dump.list"
		list=(-L "$dump.list")
	fi
	out=$("$bin/pg_restore" --exit-on-error "${list[@]}" -d "$r" "$dump" 2>&1) ||
		{ fail "a dump taken under $old does not restore into $new: $out"; return; }
	[[ $(stored "$r") == "$before" ]] || fail "a dump taken under $old restores into $new with other values"
	if [[ $new == "$current" && -f test/upgrade/povstat--$old.values ]]; then
		out=$(check_values "$r" "test/upgrade/povstat--$old.values") ||
			fail "values written by povstat $old (test/upgrade/povstat--$old.values) do not read back: $out"
	fi
}


# --freeze: make the current version a release (doc/developing.md): keep its
# install script and the text of every seed value as this build writes them
if [[ ${1:-} == --freeze ]]; then
	[[ -e test/upgrade/povstat--$current.sql ]] && { echo "povstat $current is frozen already"; exit 1; }
	mkdir -p test/upgrade
	f="povstat_upg_frz_$tag"
	{ newdb "$f" && q "$f" -c "CREATE EXTENSION povstat" >/dev/null &&
		values_of "$f" >"test/upgrade/povstat--$current.values" &&
		cp "$extdir/povstat--$current.sql" "test/upgrade/povstat--$current.sql"; } || exit 1
	echo "froze povstat $current: test/upgrade/povstat--$current.sql and .values ($(wc -l <"test/upgrade/povstat--$current.values") values)"
	exit 0
fi

# The self-test, always: the check must see a difference where there is
# one and none where there is none.  An empty update between identical
# install scripts must compare equal and keep everything, and values
# frozen as --freeze writes them must read back.
same="$current.1-selftest"
install_script "povstat--$same.sql" <"$extdir/povstat--$current.sql"
echo "-- upgrade self-test: changes nothing" | install_script "povstat--$current--$same.sql"
upgrade_from "$current" "$same"
if [[ -s $dump.diff ]]; then
	fail "self-test: an update that changes nothing compares unequal:"
	head -10 "$dump.diff"
fi
v="povstat_upg_val_$tag"
{ newdb "$v" && q "$v" -c "CREATE EXTENSION povstat" >/dev/null && values_of "$v" >"$dump.values"; } ||
	fail "self-test: cannot write the seed values"
out=$(check_values "$v" "$dump.values") || fail "self-test: frozen values do not read back: $out"
nvalues=$(wc -l <"$dump.values")

# An update that forgets three things the fresh install has must be caught
# on those three and nothing else: two objects that differ (a line on each
# side) and one missing from the update (a line on the fresh side only).
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
[[ -f $dump.diff ]] && for expect in '> function povstat.upgrade_selftest()' \
	'< function povstat.deprivation_count(povstat.deprivations) ' \
	'> function povstat.deprivation_count(povstat.deprivations) .*changed in the fresh install' \
	'< function povstat.cardinality(povstat.household_set) ' \
	'> function povstat.cardinality(povstat.household_set) .*COST 77'; do
	grep -q "^$expect" "$dump.diff" || fail "self-test: the check missed a difference: $expect"
done
changed=$(grep -c '^[<>]' "$dump.diff" 2>/dev/null)
((changed == 5)) || { fail "self-test: the check reported $changed changed lines, expected 5:"; head -20 "$dump.diff"; }
selftest="self-test: an empty update compares equal and keeps stored values, user standards and dumps; $nvalues frozen values read back; a faulty update is caught on its 3 differences"

# the releases
releases=()
for f in test/upgrade/povstat--*.sql; do
	[[ -e $f ]] && releases+=("$(basename "$f" .sql | sed 's/^povstat--//')")
done
for old in "${releases[@]}"; do
	if [[ -e $extdir/povstat--$old.sql ]]; then
		cmp -s "$extdir/povstat--$old.sql" "test/upgrade/povstat--$old.sql" ||
			{ fail "the installed povstat--$old.sql is not the frozen one"; continue; }
	else
		install_script "povstat--$old.sql" <"test/upgrade/povstat--$old.sql"
	fi
	upgrade_from "$old" "$current"
	if [[ -s $dump.diff ]]; then
		fail "povstat updated from $old differs from a fresh $current (< updated, > fresh):"
		head -20 "$dump.diff"
	fi
done

if ((status == 0)); then
	if ((${#releases[@]})); then
		echo "upgrade: ok (from ${releases[*]} to $current: same catalog as a fresh install, stored values and user standards kept, old dumps restore; $selftest)"
	else
		echo "upgrade: ok (no release frozen in test/upgrade/ yet; $selftest)"
	fi
fi
exit $status
