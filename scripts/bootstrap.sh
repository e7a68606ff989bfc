#!/usr/bin/env bash
# Install, on Debian 12, whatever povstat needs to build and test and is
# missing.  Idempotent: when everything is present it only runs dpkg-query.
# Run as root (or with sudo available).
set -euo pipefail

PGVER=${PGVER:-15}
packages=(
	build-essential                          # gcc, make
	"postgresql-$PGVER"                      # server and client
	"postgresql-server-dev-$PGVER"           # PGXS, server headers
	"postgresql-$PGVER-pgtap"                # pgTAP
	libtap-parser-sourcehandler-pgtap-perl   # pg_prove
	"postgresql-$PGVER-cron"                 # scheduled refresh of report rollups
	libroaring-dev                           # CRoaring: exact household id sets
	clang                                    # libFuzzer harness (make fuzz)
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
	exit 0
fi

echo "bootstrap: installing ${missing[*]}"
SUDO=
if [[ $(id -u) != 0 ]]; then
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# The first install on a fresh machine needs package lists; later ones reuse them.
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/povstat-apt.log 2>&1; then
	$SUDO apt-get update >>/tmp/povstat-apt.log 2>&1
	$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/povstat-apt.log 2>&1 ||
		{ tail -30 /tmp/povstat-apt.log; exit 1; }
fi
