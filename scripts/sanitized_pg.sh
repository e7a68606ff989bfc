#!/usr/bin/env bash
# Build PostgreSQL 15 from source, instrumented, into a cached prefix, and
# print that prefix's pg_config on stdout (everything else goes to stderr).
#
#   bash scripts/sanitized_pg.sh address    AddressSanitizer + UBSan
#   bash scripts/sanitized_pg.sh valgrind   Valgrind annotations (USE_VALGRIND)
#
# Both flavours are --enable-cassert: that turns on MEMORY_CONTEXT_CHECKING
# (a sentinel byte after every palloc'd chunk that leaves room for one,
# checked at pfree and at the reset of the context) and CLOBBER_FREED_MEMORY
# (freed chunks overwritten with 0x7F): part of what ASan cannot see inside
# a memory context's malloc'd block.  Under Valgrind, USE_VALGRIND marks
# each chunk's bounds and frees exactly.
#
# The source is Debian's copy of the release tarball (pinned version and
# SHA-256 below), fetched with curl from the Debian mirror that apt is
# configured with, and kept in $POVSTAT_CACHE (default /var/cache/povstat)
# with the installation, so a second run only checks the stamp file.  No
# PostgreSQL code lives in this repository.  When Debian drops this version
# from its pool, bump PG_SRC_VERSION and PG_SRC_SHA256 (sha256sum of the
# .orig.tar.bz2, cross-checked with the .dsc).
#
# pgTAP (SQL only) and pg_cron (a library built against Debian's 15.x,
# loadable into any 15.x: same magic block) are copied from the Debian
# packages that scripts/bootstrap.sh installs; postgres_fdw and pg_prewarm
# are built from the same source tree.
set -euo pipefail

PG_SRC_VERSION=15.18
PG_SRC_SHA256=11df0df97fe3ea4ba9a791faaf39cee1d2fe571e78885b5b55d8517d27c323b4
PG_SRC_FILE=postgresql-15_$PG_SRC_VERSION.orig.tar.bz2
PG_SRC_POOL=pool/main/p/postgresql-15
CONTRIB="postgres_fdw pg_prewarm"	# sharded_fdw suite; bench/generate.sql
JOBS=${SANITIZED_PG_JOBS:-2}

flavour=${1:-address}
cache=${POVSTAT_CACHE:-/var/cache/povstat}
case $flavour in
address)
	cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
	ldflags="-fsanitize=address,undefined"
	cppflags=""
	;;
valgrind)
	cflags="-O1 -g -fno-omit-frame-pointer"
	ldflags=""
	cppflags="-DUSE_VALGRIND"
	;;
*)
	echo "usage: $0 address|valgrind" >&2
	exit 2
	;;
esac
# the directory name contains "postgres", so PostgreSQL installs share/ and
# lib/ without a postgresql/ subdirectory, like Debian's layout below bindir
prefix=$cache/postgresql-$PG_SRC_VERSION-$flavour
stamp="$PG_SRC_VERSION $PG_SRC_SHA256 $flavour cassert $CONTRIB | $cflags | $ldflags | $cppflags"

log() { echo "sanitized_pg: $*" >&2; }

# configure's test programs and the tools the build runs (zic at install)
# are instrumented too: without this, LeakSanitizer fails them at exit
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

if [[ ! -f $prefix/.povstat-stamp || $(cat "$prefix/.povstat-stamp") != "$stamp" ]]; then
	pkgs=(build-essential libreadline-dev zlib1g-dev pkg-config curl ca-certificates bzip2)
	[[ $flavour == valgrind ]] && pkgs+=(valgrind)
	missing=()
	for p in "${pkgs[@]}"; do
		[[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) == "install ok installed" ]] || missing+=("$p")
	done
	if ((${#missing[@]})); then
		log "installing ${missing[*]}"
		SUDO=
		[[ $(id -u) != 0 ]] && SUDO=sudo
		export DEBIAN_FRONTEND=noninteractive
		$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/povstat-apt.log 2>&1 ||
			{ $SUDO apt-get update >>/tmp/povstat-apt.log 2>&1 &&
				$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/povstat-apt.log 2>&1; } ||
			{ tail -30 /tmp/povstat-apt.log >&2; exit 1; }
	fi

	mkdir -p "$cache"
	tarball=$cache/$PG_SRC_FILE
	if [[ -f $tarball ]] && ! echo "$PG_SRC_SHA256  $tarball" | sha256sum -c --quiet >/dev/null 2>&1; then
		log "cached $tarball has the wrong checksum; fetching it again"
		rm -f "$tarball"
	fi
	if [[ ! -f $tarball ]]; then
		# the main archive of the Debian sources apt uses (not the security one)
		mirror=$(apt-get indextargets --format '$(LABEL) $(REPO_URI)' 2>/dev/null |
			awk '$1 == "Debian" { print $2; exit }')
		if [[ -z $mirror ]]; then
			log "no Debian archive in apt's sources; put $PG_SRC_FILE into $cache by hand"
			exit 1
		fi
		log "fetching ${mirror%/}/$PG_SRC_POOL/$PG_SRC_FILE"
		curl -fsSL --retry 3 -o "$tarball.part" "${mirror%/}/$PG_SRC_POOL/$PG_SRC_FILE" ||
			{ log "download failed (has Debian dropped $PG_SRC_VERSION? see the header)"; exit 1; }
		echo "$PG_SRC_SHA256  $tarball.part" | sha256sum -c --quiet >&2 ||
			{ log "checksum mismatch"; rm -f "$tarball.part"; exit 1; }
		mv "$tarball.part" "$tarball"
	fi

	src=$cache/build-$PG_SRC_VERSION-$flavour
	rm -rf "$src" "$prefix"
	mkdir -p "$src"
	tar -xjf "$tarball" -C "$src" --strip-components=1
	cd "$src"
	log "configure, then make -j$JOBS (log: $src/build.log; about 10 minutes on 2 cores)"
	build() {
		./configure --prefix="$prefix" --enable-cassert --enable-debug \
			--without-icu --without-llvm --with-readline --with-zlib \
			CFLAGS="$cflags" LDFLAGS="$ldflags" CPPFLAGS="$cppflags" &&
			make -j"$JOBS" &&
			make install || return 1
		local c
		for c in $CONTRIB; do
			make -C "contrib/$c" -j"$JOBS" install || return 1
		done
	}
	build >"$src/build.log" 2>&1 || { tail -40 "$src/build.log" >&2; exit 1; }
	# PostgreSQL's suppressions, for the valgrind wrapper of scripts/sanitize.sh
	cp src/tools/valgrind.supp "$prefix/valgrind.supp"
	echo "$stamp" >"$prefix/.povstat-stamp"
	cd /
	rm -rf "$src"
	log "installed into $prefix"
fi

# pgTAP and pg_cron from Debian's packages (copied every run: cheap, and
# follows package upgrades)
deb_share=/usr/share/postgresql/15/extension
deb_lib=/usr/lib/postgresql/15/lib
for f in "$deb_share"/pgtap* "$deb_share"/pg_cron* "$deb_lib"/pg_cron.so; do
	if [[ ! -e $f ]]; then
		log "$f missing: run scripts/bootstrap.sh first"
		exit 1
	fi
done
cp "$deb_share"/pgtap* "$deb_share"/pg_cron* "$prefix/share/extension/"
cp "$deb_lib/pg_cron.so" "$prefix/lib/"

echo "$prefix/bin/pg_config"
