#!/usr/bin/env bash
# Regenerate the seed corpus fuzz/corpus/<type>/ from fuzz/seeds/<type>.sql
# against a running cluster with povstat installed (PGHOST/PGPORT set, e.g.
# after ". scripts/pgenv.sh && pgenv_start"; the database needs
# CREATE EXTENSION povstat).  For each sample value it writes the text form
# (text-N) and the binary send form (bin-N), plus edge cases: empty input,
# the text and binary forms cut in half, and one byte flipped.
#   bash fuzz/make_corpus.sh [type...]
set -euo pipefail
cd "$(dirname "$0")"
types=("$@")
if ((${#types[@]} == 0)); then
	for f in seeds/*.sql; do types+=("$(basename "$f" .sql)"); done
fi
for t in "${types[@]}"; do
	dir=corpus/$t
	mkdir -p "$dir"
	rm -f "$dir"/text-* "$dir"/bin-* "$dir"/edge-*
	send=$(psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT typsend::regproc FROM pg_type WHERE oid = 'povstat.$t'::regtype")
	query=$(cat "seeds/$t.sql")
	n=0
	while IFS=$'\t' read -r text hex; do
		n=$((n + 1))
		printf '%s' "$text" >"$dir/text-$n"
		printf '%s' "$hex" | xxd -r -p >"$dir/bin-$n"
	done < <(psql -XAtq -F $'\t' -v ON_ERROR_STOP=1 \
		-c "SELECT v::text, encode($send(v), 'hex') FROM ($query
) q")
	: >"$dir/edge-empty"
	head -c $(($(wc -c <"$dir/text-1") / 2)) "$dir/text-1" >"$dir/edge-text-half"
	head -c $(($(wc -c <"$dir/bin-1") / 2)) "$dir/bin-1" >"$dir/edge-bin-half"
	# first byte (the type tag of a state) flipped
	{ printf '\\x%02x' $(( $(od -An -tu1 -N1 "$dir/bin-1") ^ 0xff )) | xargs -0 printf; tail -c +2 "$dir/bin-1"; } >"$dir/edge-bin-tag"
	echo "$t: $n values"
done
