#!/usr/bin/env bash
# The README's main job: install what is missing, build and install povstat,
# start a throwaway cluster, load the reference district and print its
# report.  The cluster is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
make -s >/dev/null
make -s install >/dev/null
echo "povstat $(sed -n "s/^default_version = '\(.*\)'/\1/p" povstat.control) installed into $(pg_config --pkglibdir)"

# shellcheck source=scripts/pgenv.sh
. scripts/pgenv.sh
pgenv_start >/dev/null
echo "throwaway cluster on port $PGPORT (socket $PGHOST)"

psql -qX -v ON_ERROR_STOP=1 -f scripts/demo.sql
