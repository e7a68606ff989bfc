#!/usr/bin/env bash
# The whole test suite (scripts/test.sh) once, with povstat built under
# sanitizers (gcc) and loaded into the (uninstrumented) PostgreSQL server of
# the throwaway cluster.  Any sanitizer report, or a failing test, fails it.
#
#   SANITIZE=undefined (default)  UndefinedBehaviorSanitizer: the module
#       links libubsan itself; nothing to preload.
#   SANITIZE=address  AddressSanitizer + UBSan: the ASan runtime must come
#       first in the postmaster, so LD_PRELOAD=$(gcc -print-file-name=
#       libasan.so) goes into the server programs' environment through
#       PGENV_SERVER_ENV (scripts/pgenv.sh), with ASAN_OPTIONS=
#       detect_leaks=0:abort_on_error=1.  On Debian 12 (glibc 2.36, gcc 12
#       or clang 14 runtimes) the preloaded postgres deadlocks in
#       bindtextdomain() before main() gets anywhere (even "postgres -V"),
#       see doc/robustness.md; the parsers get ASan through fuzz/ instead.
#
# PG_CFLAGS / SHLIB_LINK in the environment reach the PGXS build test.sh
# runs; reports are written under a /tmp/povstat-sanitize.* directory that
# is kept when it is not empty.  Afterwards the normal build is restored.
#   bash scripts/sanitize.sh        or        make -C fuzz sanitize
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${SANITIZE:-undefined}
logdir=$(mktemp -d /tmp/povstat-sanitize.XXXXXX)
chmod 1777 "$logdir"
ubsan_opts="print_stacktrace=1:halt_on_error=1:abort_on_error=1:log_path=$logdir/ubsan"

case $mode in
undefined)
	export PG_CFLAGS="-fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
	export SHLIB_LINK="-fsanitize=undefined"
	export PGENV_SERVER_ENV="UBSAN_OPTIONS=$ubsan_opts"
	;;
address)
	asan=$(gcc -print-file-name=libasan.so)
	if [[ ! -e $asan || $asan == libasan.so ]]; then
		echo "libasan.so not found (gcc -print-file-name=libasan.so); install libasan of your gcc"
		exit 1
	fi
	export PG_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
	export SHLIB_LINK="-fsanitize=address,undefined"
	export PGENV_SERVER_ENV="LD_PRELOAD=$asan
 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_stacktrace=1:log_path=$logdir/asan
 UBSAN_OPTIONS=$ubsan_opts"
	;;
*)
	echo "SANITIZE must be undefined or address"
	exit 1
	;;
esac

echo "== sanitize ($mode): reports go to $logdir"
bash scripts/test.sh
status=$?

# restore the normal build for whoever runs make next
unset PG_CFLAGS SHLIB_LINK PGENV_SERVER_ENV
make -s clean >/dev/null 2>&1

echo
if compgen -G "$logdir/*" >/dev/null; then
	echo "sanitize: REPORTS FOUND in $logdir:"
	for f in "$logdir"/*; do
		echo "--- $f"
		head -40 "$f"
	done
	status=1
else
	echo "sanitize: no AddressSanitizer or UndefinedBehaviorSanitizer report"
	rmdir "$logdir"
fi
if ((status == 0)); then
	echo "sanitize: clean"
else
	echo "sanitize: FAILED (test status or sanitizer reports above)"
fi
exit $status
