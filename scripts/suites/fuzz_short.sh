#!/usr/bin/env bash
# Short libFuzzer run over every povstat type with a fuzz target
# (fuzz/targets/<type>.c): replays the seed corpus and whatever earlier
# runs found, then fuzzes FUZZ_SHORT_TIME seconds per type (default 3).
# Fails on any finding (crash, sanitizer report, unexpected SQLSTATE, a
# value that does not round-trip); "make -C fuzz fuzz" is the long run.
# Also warns about povstat base types in the test cluster without a target.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! command -v clang >/dev/null; then
	echo "clang is missing (scripts/bootstrap.sh installs it)"
	exit 1
fi
# FUZZ_PG_CONFIG: the PostgreSQL the harness is built against, when it must
# not be $PG_CONFIG (scripts/sanitize.sh: a gcc ASan build of the server)
fuzzmake() { make -s -C fuzz ${FUZZ_PG_CONFIG:+PG_CONFIG="$FUZZ_PG_CONFIG"} "$@"; }
if ! fuzzmake >/tmp/povstat-fuzz-build.$$ 2>&1; then
	tail -30 /tmp/povstat-fuzz-build.$$
	rm -f /tmp/povstat-fuzz-build.$$
	exit 1
fi
rm -f /tmp/povstat-fuzz-build.$$

if [[ -n ${PGHOST:-} ]] && command -v psql >/dev/null; then
	db=povstat_fuzzcheck_$$
	psql -qX -d postgres -c "CREATE DATABASE $db" >/dev/null &&
		psql -qX -d "$db" -c "CREATE EXTENSION povstat" >/dev/null &&
		for t in $(psql -qXAt -d "$db" -c "SELECT typname FROM pg_type
		             WHERE typnamespace = 'povstat'::regnamespace AND typtype = 'b'
		               AND typreceive <> 0 AND typelem = 0 ORDER BY 1"); do
			[[ -f fuzz/targets/$t.c ]] || echo "WARNING: povstat.$t has no fuzz target (fuzz/targets/$t.c)"
		done
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
fi

fuzzmake fuzz FUZZ_TIME="${FUZZ_SHORT_TIME:-3}"
