#!/usr/bin/env bash
# The whole test suite (scripts/test.sh: pg_regress, pgTAP, every scripted
# suite) once under a sanitizer.  Any sanitizer report, or a failing test,
# fails it.  Reports are written under a /tmp/povstat-sanitize.* directory
# that is kept when it is not empty.  Afterwards the normal build is restored.
#
#   SANITIZE=undefined (default)  UndefinedBehaviorSanitizer in povstat.so
#       only, loaded into Debian's server; the module links libubsan itself,
#       nothing is preloaded.
#   SANITIZE=address  AddressSanitizer + UBSan in the server AND the module:
#       scripts/sanitized_pg.sh builds PostgreSQL 15 from Debian's source
#       tarball with -fsanitize=address,undefined and --enable-cassert into
#       /var/cache/povstat (once, about 9 minutes on 2 cores; later runs
#       reuse it), and PG_CONFIG points scripts/test.sh at it, so povstat is
#       compiled with that build's CFLAGS (the same sanitizers).  cassert adds
#       PostgreSQL's memory-context checks: a sentinel after every palloc'd
#       chunk and freed chunks clobbered, which ASan cannot see inside a
#       context's malloc'd block.  Preloading libasan into Debian's own
#       (uninstrumented) postgres does not work on Debian 12: it deadlocks in
#       bindtextdomain() before main() (doc/robustness.md).
#   SANITIZE=valgrind  the same source build with USE_VALGRIND (PostgreSQL
#       tells Valgrind about every palloc'd chunk), the server run under
#       valgrind --trace-children=yes with PostgreSQL's suppressions; only
#       pg_regress and pgTAP (TEST_SUITES=none): it is ~30 times slower.
#
#   make sanitize            or   make sanitize SANITIZE=address
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${SANITIZE:-undefined}
logdir=$(mktemp -d /tmp/povstat-sanitize.XXXXXX)
chmod 1777 "$logdir"
ubsan_opts="print_stacktrace=1:halt_on_error=1:abort_on_error=1:log_path=$logdir/ubsan"
start=$(date +%s)

case $mode in
undefined)
	export PG_CFLAGS="-fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
	export SHLIB_LINK="-fsanitize=undefined"
	export PGENV_SERVER_ENV="UBSAN_OPTIONS=$ubsan_opts"
	;;
address)
	bash scripts/bootstrap.sh || exit 1	# pgTAP and pg_cron are copied from it
	pg_config=$(bash scripts/sanitized_pg.sh address) || exit 1
	export PG_CONFIG=$pg_config
	# Every program of that build is instrumented, clients too (pg_regress,
	# pg_dump, pg_restore, pg_config itself), so the options go everywhere.
	# No leak detection: PostgreSQL leaves memory to process exit by design.
	# No fake stacks for use-after-return: check_stack_depth() compares
	# addresses of locals with the stack base.
	export ASAN_OPTIONS="detect_leaks=0:detect_stack_use_after_return=0:abort_on_error=1:print_stacktrace=1:log_path=$logdir/asan"
	export UBSAN_OPTIONS=$ubsan_opts
	export PGENV_SERVER_ENV="ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS"
	export SANITIZED_SERVER=address	# scripts/suites/memory.sh
	# the libFuzzer harness (fuzz_short suite) is clang's, linked against the
	# Debian installation's static libraries, not against this gcc build
	export FUZZ_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
	;;
valgrind)
	bash scripts/bootstrap.sh || exit 1
	pg_config=$(bash scripts/sanitized_pg.sh valgrind) || exit 1
	export PG_CONFIG=$pg_config
	# Memcheck on the postmaster and so on every backend it forks (and any
	# program one of them execs); no leak check, for the reason above.
	vg="valgrind --quiet --trace-children=yes --leak-check=no --track-origins=yes --num-callers=30"
	vg+=" --suppressions=$(dirname "$(dirname "$pg_config")")/valgrind.supp"
	vg+=" --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END --log-file=$logdir/valgrind.%p"
	export PGENV_WRAP_POSTGRES=$vg
	export PGCTLTIMEOUT=${PGCTLTIMEOUT:-600}	# start-up under valgrind
	export TEST_SUITES=${TEST_SUITES:-none}	# pg_regress and pgTAP only
	export SANITIZED_SERVER=valgrind
	export FUZZ_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
	;;
*)
	echo "SANITIZE must be undefined, address or valgrind"
	exit 1
	;;
esac

echo "== sanitize ($mode): reports go to $logdir"
bash scripts/test.sh
status=$?

# restore the normal build for whoever runs make next
unset PG_CFLAGS SHLIB_LINK PGENV_SERVER_ENV PGENV_WRAP_POSTGRES PG_CONFIG
make -s clean >/dev/null 2>&1

# valgrind writes a file per process; only those with an error are reports
if [[ $mode == valgrind ]]; then
	for f in "$logdir"/valgrind.*; do
		[[ -e $f ]] && ! grep -q VALGRINDERROR-BEGIN "$f" && rm -f "$f"
	done
fi

echo
if compgen -G "$logdir/*" >/dev/null; then
	echo "sanitize: REPORTS FOUND in $logdir:"
	for f in "$logdir"/*; do
		echo "--- $f"
		head -40 "$f"
	done
	status=1
else
	echo "sanitize: no sanitizer or valgrind report"
	rmdir "$logdir"
fi
echo "sanitize ($mode): $(($(date +%s) - start)) s"
if ((status == 0)); then
	echo "sanitize: clean"
else
	echo "sanitize: FAILED (test status or sanitizer reports above)"
fi
exit $status
