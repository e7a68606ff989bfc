# shellcheck shell=bash
# Helpers of the lifecycle suites (scripts/suites/dump_restore.sh and
# upgrade.sh), sourced after they set $bin (the server's bin directory).

# shellcheck source=scripts/suite_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/suite_lib.sh"

q() {	# q DB SQL...: one psql call, stopping at the first error
	local d=$1
	shift
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$d" "$@"
}

# seed_tables DB: in database DB, one table t_<type> per povstat base type,
# holding every sample value of fuzz/seeds/<type>.sql and a NULL, with a
# btree index where the type has a default btree operator class, so that
# both suites cover every state type the day one is added; a type without
# seeds is a WARNING, not silence.  Returns 1 if a table cannot be made.
seed_tables() {
	local db=$1 t types rc=0
	types=$(q "$db" -c "SELECT typname FROM pg_type WHERE typnamespace = 'povstat'::regnamespace
	                        AND typtype = 'b' AND typelem = 0 ORDER BY 1") || return 1
	for t in $types; do
		if [[ ! -f fuzz/seeds/$t.sql ]]; then
			echo "WARNING: no fuzz/seeds/$t.sql: povstat.$t is not covered"
			continue
		fi
		q "$db" -c "CREATE TABLE t_$t (id serial PRIMARY KEY, v povstat.$t)" \
			-c "INSERT INTO t_$t (v) SELECT v FROM ($(cat "fuzz/seeds/$t.sql")
) s" -c "INSERT INTO t_$t (v) VALUES (NULL)" >/dev/null || { echo "cannot fill t_$t"; rc=1; continue; }
		if [[ $(q "$db" -c "SELECT count(*) FROM pg_opclass WHERE opcintype = 'povstat.$t'::regtype
		          AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree') AND opcdefault") != 0 ]]; then
			q "$db" -c "CREATE INDEX ON t_$t (v)" >/dev/null || { echo "cannot index t_$t"; rc=1; }
		fi
	done
	return $rc
}
