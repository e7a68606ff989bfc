#!/usr/bin/env bash
# Damaged packed povstat.sample_state values through the server.  Flattening
# an aggregate's state (a table, a parallel worker) writes the packed layout
# (SAMPLE_FLAG_PACKED, src/sample_pack.c); input and receive never build it,
# so hostile_bytes.sh cannot reach its reader.  Here valid packed values of
# every encoding are stored, their bytes mutated (truncations, random bytes,
# header fields, lengths, counts, non-canonical and oversized varints,
# trailing bytes, weights sections), and each mutant is handed back to the
# server as a sample_state and finished by sample_rows, population, median,
# gini, text output and merge (with a valid state, both orders).
#
# Bytes in and out: povstat.sample_state is double-aligned and bytea is not,
# so CREATE CAST ... WITHOUT FUNCTION is refused ("not physically
# compatible"); instead two LANGUAGE internal functions reuse byteacat(a, b)
# (superuser only), which copies any varlena: pb_state(bytea, '') gives the
# bytes as a sample_state, pb_bytes(sample_state, '') the flat (packed)
# bytes of a state.  Byte offsets in that content (x86-64, little endian;
# src/povstat.h PovstatStateHeader, src/sample.h SampleFlat,
# src/sample_pack.h SamplePackHeader, each 4 less than in the varlena):
#   magic 0, version 1, flags 2-3, n 4-11, param 12-19,
#   y_enc 20, w_enc 21, pad 22-27, y_bytes 28-35, incomes from 36, weights
#   after the y_bytes of incomes up to the end.
#
# Allowed outcomes for a mutant v:
#   - rejected: SQLSTATE XX001 (data_corrupted, sample_pack_read) or 22P03
#     (invalid_binary_representation, sample_flat_check_header), and
#     consistently: 22P03 from every function (all check the header), or
#     XX001 from every function that decodes the pairs (all but sample_rows,
#     which reads the header only and may answer; for an empty part, n = 0,
#     the header reader checks the packed section too, since the functions
#     that skip empty parts would never decode it);
#   - accepted (v::text succeeds): every function answers, except for a
#     measure's own documented data errors on a valid sample:
#       gini 22023 "needs incomes >= 0" (a mutant may decode to negatives),
#       median/gini 22003 "overflows" (decoded weights or incomes may be
#       huge and their sums leave float8),
#       merge 22023 "cannot merge ... different kinds" when the mutant's
#       at_line/has_param flags or param differ from the seed's;
#     and it must be a sample like any other: text round trip
#     (v::text::sample_state::text = v::text), the same sample_rows,
#     population and median as its text-form copy, merge(v) prints as v,
#     re-packing merge(v) gives a packed value that prints as v, and merge
#     with the seed holds the rows of both.
# Anything else (another SQLSTATE, an inconsistent set, a lost connection,
# a statement_timeout as a hang, a crash in the server log) fails the suite.
# Also the good path: every unmutated seed is packed and its sample_rows,
# population and median equal plain SQL over the rows it was built from.
#
# PACKED_BYTES_SEED fixes perl's random choices (printed on each run).
# Runs against the cluster of scripts/test.sh (PGHOST/PGPORT exported).
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${PGENV_BIN:-$(dirname "$(command -v psql)")}
rand_seed=${PACKED_BYTES_SEED:-$((RANDOM * 32768 + RANDOM))}
db=povstat_packed_$$
work=$(mktemp -d /tmp/povstat-packed.XXXXXX)
chmod 755 "$work"
cleanup() {
	[[ -n ${PACKED_BYTES_KEEP:-} ]] && { echo "kept database $db"; return; }
	"$bin/psql" -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT

q() {
	"$bin/psql" -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"
}

# shellcheck source=scripts/suite_lib.sh
. scripts/suite_lib.sh
server_log_mark

"$bin/psql" -qX -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION povstat" >/dev/null || exit 1
q -c "CREATE FUNCTION pb_state(bytea, bytea) RETURNS povstat.sample_state
        LANGUAGE internal IMMUTABLE STRICT AS 'byteacat'" \
  -c "CREATE FUNCTION pb_bytes(povstat.sample_state, bytea) RETURNS bytea
        LANGUAGE internal IMMUTABLE STRICT AS 'byteacat'" >/dev/null || exit 1

# --- 1. seeds: packed values of every encoding, from rows kept for step 5 ---
# kind: u sample_state(y), w sample_state(y, w), a sample_state_at(y, line),
# aw sample_state_at(y, line, w), m merge of sample_state(y) over groups grp.
q <<'SQL' >/dev/null || { echo "cannot build the seeds"; exit 1; }
CREATE TABLE pb_rows (seed int, y float8, w float8, line float8, grp int);
CREATE TABLE pb_seed (id int PRIMARY KEY, label text, kind text, base int, v povstat.sample_state);
INSERT INTO pb_seed (id, label, kind) VALUES
  (1, 'int_small', 'u'), (2, 'int_dong', 'u'), (3, 'int_extreme', 'u'), (4, 'key_frac', 'u'),
  (5, 'key_neg', 'u'), (6, 'raw_spread', 'u'), (7, 'n1_int', 'u'), (8, 'n1_frac', 'u'),
  (9, 'signed_zero', 'u'), (10, 'w_int', 'w'), (11, 'w_frac', 'w'), (12, 'w_mixed', 'w'),
  (13, 'w_all_zero', 'w'), (14, 'w_big_int', 'w'), (15, 'w_raw_y', 'w'), (16, 'n1_w_frac', 'w'),
  (17, 'at_line', 'a'), (18, 'at_line_w', 'aw'), (19, 'merged', 'm');
INSERT INTO pb_rows (seed, y) SELECT 1, i FROM generate_series(1, 40) i;
INSERT INTO pb_rows (seed, y) SELECT 2, ((i * 7919) % 100003) * 1000 - 5000000 FROM generate_series(1, 300) i;
INSERT INTO pb_rows (seed, y) VALUES (3, -2 ^ 53), (3, -1), (3, 0), (3, 2 ^ 53), (3, 2 ^ 53);
INSERT INTO pb_rows (seed, y) SELECT 4, i * 0.37 - 5 FROM generate_series(1, 60) i;
INSERT INTO pb_rows (seed, y) SELECT 5, -i / 3.0 FROM generate_series(1, 50) i;
INSERT INTO pb_rows (seed, y) VALUES (6, 1e-300), (6, 1.5), (6, 3.7e200), (6, -2.5e100), (6, 7.25e-50);
INSERT INTO pb_rows (seed, y) VALUES (7, 42), (8, 0.1);
INSERT INTO pb_rows (seed, y) VALUES (9, '-0'), (9, 0), (9, 0), (9, 1.5), (9, '-0');
INSERT INTO pb_rows (seed, y, w) SELECT 10, i * 1000, 1 + i % 5 FROM generate_series(1, 50) i;
INSERT INTO pb_rows (seed, y, w) SELECT 11, i * 0.37, (1 + i % 13) / 8.0 FROM generate_series(1, 60) i;
INSERT INTO pb_rows (seed, y, w)
  SELECT 12, CASE WHEN i % 17 = 0 THEN NULL ELSE i * 0.37 - 3 END,
         CASE WHEN i % 10 = 0 THEN 0 WHEN i % 11 = 0 THEN NULL ELSE 1 + i % 4 END
  FROM generate_series(1, 60) i;
INSERT INTO pb_rows (seed, y, w) SELECT 13, i, 0 FROM generate_series(1, 5) i;
INSERT INTO pb_rows (seed, y, w) SELECT 14, i * 7, 1e6 + i FROM generate_series(1, 30) i;
INSERT INTO pb_rows (seed, y, w) SELECT 15, y, w FROM (VALUES (1e-300::float8, 1::float8), (1.5, 2), (3.7e200, 3), (-2.5e100, 1)) t(y, w);
INSERT INTO pb_rows (seed, y, w) VALUES (16, 5, 2.5);
INSERT INTO pb_rows (seed, y, line) SELECT 17, i, 12 FROM generate_series(1, 60) i;
INSERT INTO pb_rows (seed, y, line, w) SELECT 18, i, 7, 1 + i % 3 FROM generate_series(1, 40) i;
INSERT INTO pb_rows (seed, y, grp) SELECT 19, i * 0.3, i % 3 FROM generate_series(1, 60) i;
UPDATE pb_seed s SET v = a.v FROM (
  SELECT seed, povstat.sample_state(y) v FROM pb_rows WHERE seed IN (SELECT id FROM pb_seed WHERE kind = 'u') GROUP BY seed
  UNION ALL SELECT seed, povstat.sample_state(y, w) FROM pb_rows WHERE seed IN (SELECT id FROM pb_seed WHERE kind = 'w') GROUP BY seed
  UNION ALL SELECT seed, povstat.sample_state_at(y, line) FROM pb_rows WHERE seed IN (SELECT id FROM pb_seed WHERE kind = 'a') GROUP BY seed
  UNION ALL SELECT seed, povstat.sample_state_at(y, line, w) FROM pb_rows WHERE seed IN (SELECT id FROM pb_seed WHERE kind = 'aw') GROUP BY seed
  UNION ALL SELECT seed, povstat.merge(p) FROM (SELECT seed, povstat.sample_state(y) p FROM pb_rows
                                                 WHERE seed IN (SELECT id FROM pb_seed WHERE kind = 'm') GROUP BY seed, grp) g
            GROUP BY seed) a
WHERE a.seed = s.id;
-- has_param states (quantile, lorenz, arpt, ... aggregates) are packed only
-- on their way from a parallel worker, never where SQL sees them: made from
-- the bytes of stored seeds, flag 0x0008 and a param set
INSERT INTO pb_seed (id, label, kind, base, v)
  SELECT CASE id WHEN 1 THEN 20 ELSE 21 END, 'param_' || label, kind, id,
         pb_state(set_byte(overlay(b placing p from 13 for 8), 2, get_byte(b, 2) | 8), '')
  FROM pb_seed,
       LATERAL (SELECT pb_bytes(v, '') b,	-- param 0.5 and 3, little endian
                       decode(CASE id WHEN 1 THEN '000000000000e03f' ELSE '0000000000000840' END, 'hex') p) x
  WHERE id IN (1, 18);
UPDATE pb_seed SET base = id WHERE base IS NULL;
CREATE TABLE pb_seed_bytes AS SELECT id, pb_bytes(v, '') b FROM pb_seed;
SQL

# every seed packed, and every encoding present
bad=$(q -c "SELECT string_agg(label, ' ') FROM pb_seed JOIN pb_seed_bytes USING (id)
            WHERE v IS NULL OR get_byte(b, 0) <> 83 OR get_byte(b, 2) & 16 = 0")
[[ -z $bad ]] || fail "seeds not packed: $bad"
echo "seeds (label n y_enc w_enc bytes):"
q -F ' ' -c "SELECT label, povstat.sample_rows(v), get_byte(b, 20), get_byte(b, 21), length(b)
             FROM pb_seed JOIN pb_seed_bytes USING (id) ORDER BY id" | sed 's/^/  /'
encs=$(q -c "SELECT string_agg(e || ' ' || c, ', ' ORDER BY e) FROM (
               SELECT e, count(*) c FROM (
                 SELECT 'y_' || (ARRAY['RAW', 'INT', 'KEY'])[get_byte(b, 20) + 1] e FROM pb_seed_bytes
                 UNION ALL
                 SELECT 'w_' || (ARRAY['RAW', 'INT'])[get_byte(b, 21) + 1] FROM pb_seed_bytes
                 WHERE get_byte(b, 2) & 1 <> 0) x GROUP BY e) y")
echo "encodings: $encs"
for e in y_RAW y_INT y_KEY w_RAW w_INT; do
	[[ $encs == *"$e "* ]] || fail "no seed has encoding $e"
done
params=$(q -c "SELECT count(*) FROM pb_seed_bytes WHERE get_byte(b, 2) & 8 <> 0")
atline=$(q -c "SELECT count(*) FROM pb_seed_bytes WHERE get_byte(b, 2) & 4 <> 0")
echo "flags: $atline at_line, $params has_param (of $(q -c "SELECT count(*) FROM pb_seed"))"

# --- 5. the good path: unmutated seeds against plain SQL over their rows ---
good=$(q <<'SQL'
WITH r AS (
  SELECT s.id, CASE WHEN s.kind IN ('a', 'aw') THEN r.y / r.line ELSE r.y END y,
         CASE WHEN s.kind IN ('w', 'aw') THEN r.w ELSE 1 END w
  FROM pb_seed s JOIN pb_rows r ON r.seed = s.base
  WHERE r.y IS NOT NULL AND (s.kind NOT IN ('w', 'aw') OR r.w IS NOT NULL)),
c AS (
  SELECT id, y, w, sum(w) OVER (PARTITION BY id ORDER BY y ROWS UNBOUNDED PRECEDING) cw,
         sum(w) OVER (PARTITION BY id) tw
  FROM r WHERE w > 0),
want AS (
  SELECT s.id, (SELECT count(*) FROM c WHERE c.id = s.id) n_rows,
         coalesce((SELECT sum(w) FROM c WHERE c.id = s.id), 0) pop,
         (SELECT min(y) FROM c WHERE c.id = s.id AND cw / tw > 0.5) med
  FROM pb_seed s)
SELECT s.label || ': sample_rows ' || povstat.sample_rows(s.v) || ' want ' || n_rows ||
       ', population ' || povstat.population(s.v) || ' want ' || pop ||
       ', median ' || coalesce(povstat.median(s.v)::text, 'NULL') || ' want ' || coalesce(med::text, 'NULL')
FROM pb_seed s JOIN want USING (id)
WHERE povstat.sample_rows(s.v) <> n_rows OR povstat.population(s.v) <> pop
   OR povstat.median(s.v) IS DISTINCT FROM med
SQL
)
[[ $? == 0 && -z $good ]] || fail "seeds differ from plain SQL over their rows:"$'\n'"$good"

# --- 2. mutants, written by perl as COPY text: seed, label, bytes ---
q -c "COPY (SELECT id, encode(b, 'hex') FROM pb_seed_bytes ORDER BY id) TO STDOUT" | perl -e '
	use strict; use warnings; no warnings "portable";
	srand($ARGV[0]);
	my $RAND_BYTES = 20;	# random single-byte replacements per seed (21 seeds: 420)
	while (my $line = <STDIN>) {
		chomp $line;
		my ($id, $hex) = split /\t/, $line;
		my $s = pack("H*", $hex);
		my $len = length($s);
		my (%seen, @out);
		my $add = sub {
			my ($label, $b) = @_;
			return if $seen{$b}++;
			push @out, "$id\t$label\t\\\\x" . unpack("H*", $b) . "\n";
		};
		my $flags = unpack("v", substr($s, 2, 2));
		my $n = unpack("q<", substr($s, 4, 8));
		my $y_enc = ord(substr($s, 20, 1));
		my $w_enc = ord(substr($s, 21, 1));
		my $y_bytes = unpack("Q<", substr($s, 28, 8));
		my $y_end = 36 + $y_bytes;
		my $weighted = $flags & 1;
		my $with = sub {	# copy of $s with bytes at $off replaced
			my ($off, $bytes) = @_;
			my $c = $s; substr($c, $off, length($bytes)) = $bytes; return $c;
		};
		my $set_y_bytes = sub { my ($c, $v) = @_; substr($c, 28, 8) = pack("Q<", $v); return $c; };
		my $varint = sub {
			my $v = shift; my $o = "";
			while ($v >= 0x80) { $o .= chr(($v & 0x7f) | 0x80); $v >>= 7; }
			return $o . chr($v);
		};
		# start offsets of the varints in [$from, $to)
		my $varints = sub {
			my ($from, $to) = @_; my @at; my $p = $from;
			while ($p < $to) { push @at, $p; $p++ while $p < $to && ord(substr($s, $p, 1)) & 0x80; $p++; }
			return @at;
		};
		# replace the varint at $at (ending before $limit) by $new, fixing y_bytes if in the incomes
		my $swap_varint = sub {
			my ($at, $limit, $new) = @_;
			my $e = $at; $e++ while $e < $limit && ord(substr($s, $e, 1)) & 0x80; $e++;
			my $c = $s; substr($c, $at, $e - $at) = $new;
			$c = $set_y_bytes->($c, $y_bytes + length($new) - ($e - $at)) if $at < $y_end;
			return $c;
		};

		$add->("seed", $s);
		my $step = $len > 200 ? $len / 200 : 1;
		for (my $k = 0; $k < $len; $k += $step) { $add->("trunc:" . int($k), substr($s, 0, int($k))); }
		for (1 .. $RAND_BYTES) {
			my $pos = int(rand($len)); my $byte = int(rand(256));
			$add->(sprintf("rand\@%d=%02x", $pos, $byte), $with->($pos, chr($byte)));
		}
		for my $pos (0 .. 35) {
			for my $byte (0x00, 0xff, 0x80, 0x01) {
				$add->(sprintf("hdr\@%d=%02x", $pos, $byte), $with->($pos, chr($byte)));
			}
		}
		for my $bit (0 .. 15) {
			$add->(sprintf("flags^%04x", 1 << $bit), $with->(2, pack("v", $flags ^ (1 << $bit))));
		}
		for my $v (0, $y_bytes - 1, $y_bytes + 1, $len - 36, $len - 35, $len, 1 << 32) {
			next if $v < 0;
			$add->("y_bytes=$v", $set_y_bytes->($s, $v));
		}
		$add->("y_bytes=2^63", $with->(28, pack("H*", "0000000000000080")));
		$add->("y_bytes=2^64-1", $with->(28, "\xff" x 8));
		for my $v (0, $n - 1, $n + 1, $n + 2, 2 * $n, $len - 37, $len - 36, $len - 35, 1 << 31, 1 << 62, -1, -(1 << 31)) {
			$add->("n=$v", $with->(4, pack("q<", $v)));
		}
		$add->("n=2^63-1", $with->(4, pack("H*", "ffffffffffffff7f")));
		$add->("n=-2^63", $with->(4, pack("H*", "0000000000000080")));
		my %param = ("NaN" => "000000000000f87f", "inf" => "000000000000f07f", "-inf" => "000000000000f0ff",
					 "0.5" => "000000000000e03f", "-0" => "0000000000000080", "1e308" => "a0c8eb85f3cce17f",
					 "denormal" => "0100000000000000");
		for my $p (sort keys %param) {
			my $c = $with->(12, pack("H*", $param{$p}));
			$add->("param=$p", $c);
			substr($c, 2, 2) = pack("v", $flags ^ 8);
			$add->("param=$p,flags^0008", $c);
		}
		for my $e (0, 1, 2, 3, 255) { $add->("y_enc=$e", $with->(20, chr($e))); }
		for my $e (0, 1, 2, 255) { $add->("w_enc=$e", $with->(21, chr($e))); }
		for my $t (["1", "\0"], ["1x01", "\x01"], ["9", "\x07" x 9], ["8", "\0" x 8], ["1x80", "\x80"]) {
			$add->("tail+$t->[0]", $s . $t->[1]);
		}
		# the incomes
		if ($y_enc == 1 || $y_enc == 2) {
			my @at = $varints->(36, $y_end);
			my @pick = @at <= 6 ? @at : (@at[0, 1, 2], $at[int(@at / 2)], @at[-2, -1]);
			for my $at (@pick) {
				my $i = 0; $i++ while $at[$i] != $at;
				my $e = $at; $e++ while $e < $y_end && ord(substr($s, $e, 1)) & 0x80; $e++;
				my $old = substr($s, $at, $e - $at);
				my $nc = $old; substr($nc, -1, 1) = chr(ord(substr($nc, -1, 1)) | 0x80); $nc .= "\0";
				$add->("y_noncanon#$i", $swap_varint->($at, $y_end, $nc));
				$add->("y_overlong#$i", $swap_varint->($at, $y_end, "\x80" x 9 . "\x02"));
				$add->("y_u64max#$i", $swap_varint->($at, $y_end, "\xff" x 9 . "\x01"));
				$add->("y_2^53#$i", $swap_varint->($at, $y_end, $varint->(1 << 53)));
				$add->("y_2^54#$i", $swap_varint->($at, $y_end, $varint->(1 << 54)));
				$add->("y_2^54+1#$i", $swap_varint->($at, $y_end, $varint->((1 << 54) + 1)));
				$add->("y_2^54+2#$i", $swap_varint->($at, $y_end, $varint->((1 << 54) + 2)));
				$add->("y_0#$i", $swap_varint->($at, $y_end, "\0"));
				$add->("y_inf_key#$i", $swap_varint->($at, $y_end, $varint->(0xFFF0000000000000)));
				$add->("y_nan_key#$i", $swap_varint->($at, $y_end, $varint->(0xFFF8000000000000)));
				$add->("y_cont_at_end#$i", $swap_varint->($at, $y_end, "\x81"));
				# the same bytes, with y_bytes not following (a varint runs past its section)
				$add->("y_noncanon_keep_len#$i", $swap_varint->($at, $y_end, $nc) =~ s/^(.{28}).{8}/$1 . pack("Q<", $y_bytes)/sre);
				$add->("y_drop#$i", $swap_varint->($at, $y_end, ""));
				$add->("y_dup#$i", $swap_varint->($at, $y_end, $old . $old));
			}
		} elsif ($y_enc == 0 && $n > 0) {
			for my $i (0, $n - 1) {
				for my $d (["nan", "000000000000f87f"], ["inf", "000000000000f07f"], ["-inf", "000000000000f0ff"],
						   ["max", "ffffffffffffef7f"], ["-max", "ffffffffffffefff"], ["-0", "0000000000000080"]) {
					$add->("y_raw$i=$d->[0]", $with->(36 + 8 * $i, pack("H*", $d->[1])));
				}
			}
			if ($n > 1) {
				my $c = $s; substr($c, 36, 8) = substr($s, 44, 8); substr($c, 44, 8) = substr($s, 36, 8);
				$add->("y_raw_swap01", $c);
			}
		}
		# the weights
		if ($weighted) {
			my $wlen = $len - $y_end;
			$add->("w_short1", substr($s, 0, $len - 1)) if $wlen >= 1;
			$add->("w_short8", substr($s, 0, $len - 8)) if $wlen >= 8;
			$add->("w_none", substr($s, 0, $y_end));
			$add->("w_long1", $s . "\x01");
			$add->("w_long8", $s . "\0" x 8);
			if ($w_enc == 1) {
				my @at = $varints->($y_end, $len);
				for my $i (grep { $_ < @at } 0, 1, $#at) {
					my $at = $at[$i];
					my $e = $at; $e++ while $e < $len && ord(substr($s, $e, 1)) & 0x80; $e++;
					my $old = substr($s, $at, $e - $at);
					my $nc = $old; substr($nc, -1, 1) = chr(ord(substr($nc, -1, 1)) | 0x80); $nc .= "\0";
					$add->("w_noncanon#$i", $swap_varint->($at, $len, $nc));
					$add->("w_overlong#$i", $swap_varint->($at, $len, "\x80" x 9 . "\x02"));
					$add->("w_2^53#$i", $swap_varint->($at, $len, $varint->(1 << 53)));
					$add->("w_2^53+1#$i", $swap_varint->($at, $len, $varint->((1 << 53) + 1)));
					$add->("w_0#$i", $swap_varint->($at, $len, "\0"));
					$add->("w_cont_at_end#$i", $swap_varint->($at, $len, "\x81")) if $i == $#at;
				}
			} elsif ($n > 0) {
				for my $d (["nan", "000000000000f87f"], ["inf", "000000000000f07f"], ["-1", "000000000000f0bf"],
						   ["-0", "0000000000000080"], ["0", "0000000000000000"], ["max", "ffffffffffffef7f"],
						   ["-denormal", "0100000000000080"]) {
					$add->("w_raw0=$d->[0]", $with->($y_end, pack("H*", $d->[1])));
				}
			}
			# drop the weights: a valid unweighted sample
			my $c = substr($s, 0, $y_end); substr($c, 2, 2) = pack("v", $flags & ~1); substr($c, 21, 1) = "\0";
			$add->("unweight", $c);
		} else {
			# add weights: a valid weighted sample (INT weights 1, and RAW 0.25)
			my $c = $s . ("\x01" x $n); substr($c, 2, 2) = pack("v", $flags | 1); substr($c, 21, 1) = "\x01";
			$add->("weight_int", $c);
			$c = $s . (pack("H*", "000000000000d03f") x $n); substr($c, 2, 2) = pack("v", $flags | 1);
			$add->("weight_raw", $c);
			$c = $s; substr($c, 2, 2) = pack("v", $flags | 1);
			$add->("weight_flag_only", $c);
			$c = $s . "\x01"; substr($c, 21, 1) = "\x01";
			$add->("w_enc_unweighted", $c);
		}
		print @out;
	}' "$rand_seed" >"$work/mutants.copy" || { echo "perl failed"; exit 1; }
q -c "CREATE TABLE pb_mut (seed int, label text, b bytea, ord serial)" \
  -c "\\copy pb_mut (seed, label, b) FROM '$work/mutants.copy'" >/dev/null || { echo "cannot load the mutants"; exit 1; }
echo "mutants: $(q -c "SELECT count(*) FROM pb_mut") (random seed $rand_seed)"

# --- 3. every mutant through the functions, one server-side loop per seed ---
q <<'SQL' >/dev/null || { echo "cannot create the checker"; exit 1; }
CREATE TABLE pb_res (seed int, label text, b bytea, c_rows text, c_pop text, c_median text, c_gini text,
                     c_text text, c_merge1 text, c_merge2 text, problems text[], msgs text[]);
-- commits after each mutant: after a crash or a hang, the first mutant
-- without a result is the one that caused it
CREATE PROCEDURE pb_try(sid int, after int) LANGUAGE plpgsql AS $f$
DECLARE
  m record;
  s povstat.sample_state;
  s_rows bigint;
  s_kind bytea;
  v povstat.sample_state;
  tv povstat.sample_state;
  rows_v bigint; pop_v float8; med_v float8; g float8; t text; t2 text;
  x_rows bigint; x_pop float8; x_med float8;
  c text[];          -- rows, pop, median, gini, text, merge1, merge2
  msg text[];
  st text; em text;
  side int;
  prob text[];
  rb bytea;
BEGIN
  SELECT pb_seed.v INTO s FROM pb_seed WHERE id = sid;
  s_rows := povstat.sample_rows(s);
  s_kind := (SELECT set_byte(substr(b, 3, 1), 0, get_byte(b, 2) & 12) || substr(b, 13, 8) FROM pb_seed_bytes WHERE id = sid);
  FOR m IN SELECT label, b FROM pb_mut WHERE seed = sid AND ord > after ORDER BY ord LOOP
    v := pb_state(m.b, '');
    c := ARRAY['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
    msg := ARRAY[NULL, NULL, NULL, NULL, NULL, NULL, NULL]::text[];
    prob := '{}';
    rows_v := NULL; pop_v := NULL; med_v := NULL; t := NULL;
    BEGIN rows_v := povstat.sample_rows(v);
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[1] := st; msg[1] := em; END;
    BEGIN pop_v := povstat.population(v);
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[2] := st; msg[2] := em; END;
    BEGIN med_v := povstat.median(v);
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[3] := st; msg[3] := em; END;
    BEGIN g := povstat.gini(v);
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[4] := st; msg[4] := em; END;
    BEGIN t := v::text;
    EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[5] := st; msg[5] := em; END;
    -- merge(v, seed) (side 1), then merge(seed, v) (side 2)
    FOR side IN 1..2 LOOP
      BEGIN
        SELECT povstat.sample_rows(povstat.merge(x ORDER BY o)) INTO x_rows FROM (VALUES (side, v), (3 - side, s)) q(o, x);
        IF c[5] = 'ok' AND x_rows IS DISTINCT FROM rows_v + s_rows THEN
          prob := prob || format('%s has %s rows, want %s + %s',
                                 (ARRAY['merge(v, seed)', 'merge(seed, v)'])[side], x_rows, rows_v, s_rows);
        END IF;
      EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT; c[5 + side] := st; msg[5 + side] := em; END;
    END LOOP;

    -- each outcome on its own
    FOR i IN 1..7 LOOP
      CONTINUE WHEN c[i] IN ('ok', 'XX001', '22P03');
      IF c[5] = 'ok' AND (
           (i = 4 AND c[i] = '22023' AND msg[i] LIKE '%needs incomes >= 0%')
        OR (i IN (3, 4) AND c[i] = '22003' AND msg[i] LIKE '%overflows%')
        OR (i IN (6, 7) AND c[i] = '22023' AND msg[i] LIKE 'cannot merge sample_state values of different kinds%'
            AND set_byte(substr(m.b, 3, 1), 0, get_byte(m.b, 2) & 12) || substr(m.b, 13, 8) IS DISTINCT FROM s_kind)) THEN
        CONTINUE;
      END IF;
      prob := prob || format('%s: %s %s', (ARRAY['sample_rows', 'population', 'median', 'gini', 'text',
                                                 'merge(v, seed)', 'merge(seed, v)'])[i], c[i], msg[i]);
    END LOOP;
    -- the set of outcomes: one verdict on the value
    IF c[5] = '22P03' THEN
      IF c <> ARRAY['22P03', '22P03', '22P03', '22P03', '22P03', '22P03', '22P03'] THEN
        prob := prob || ('text rejects with 22P03, but (sample_rows, population, median, gini, text, merge(v, seed), merge(seed, v)) give ' || c::text);
      END IF;
    ELSIF c[5] = 'XX001' THEN
      IF c[2:7] <> ARRAY['XX001', 'XX001', 'XX001', 'XX001', 'XX001', 'XX001'] OR c[1] NOT IN ('ok', 'XX001') THEN
        prob := prob || ('text rejects with XX001, but (sample_rows, population, median, gini, text, merge(v, seed), merge(seed, v)) give ' || c::text);
      END IF;
    ELSIF c[5] = 'ok' THEN
      IF c[1] <> 'ok' OR c[2] <> 'ok' THEN
        prob := prob || ('text accepts, but (sample_rows, population, median, gini, text, merge(v, seed), merge(seed, v)) give ' || c::text);
      END IF;
      -- an accepted value is a sample like any other
      BEGIN
        tv := t::povstat.sample_state;
        t2 := tv::text;
        IF t2 IS DISTINCT FROM t THEN
          prob := prob || ('text round trip changes ' || t || ' into ' || t2);
        END IF;
        x_rows := povstat.sample_rows(tv);
        x_pop := povstat.population(tv);
        IF c[1] = 'ok' AND c[2] = 'ok' AND (x_rows IS DISTINCT FROM rows_v OR x_pop IS DISTINCT FROM pop_v) THEN
          prob := prob || format('rows/population %s/%s, of its text form %s/%s', rows_v, pop_v, x_rows, x_pop);
        END IF;
        IF c[3] = 'ok' THEN
          x_med := povstat.median(tv);
          IF x_med IS DISTINCT FROM med_v THEN
            prob := prob || format('median %s, of its text form %s', med_v, x_med);
          END IF;
        END IF;
        t2 := (SELECT povstat.merge(x)::text FROM (VALUES (v)) q(x));
        IF t2 IS DISTINCT FROM t THEN
          prob := prob || ('merge(v) prints ' || t2);
        END IF;
        -- packed again by povstat's writer
        SELECT pb_bytes(povstat.merge(x), '') INTO rb FROM (VALUES (v)) q(x);
        IF get_byte(rb, 2) & 16 = 0 OR pb_state(rb, '')::text IS DISTINCT FROM t THEN
          prob := prob || ('merge(v) re-packed prints ' || pb_state(rb, '')::text);
        END IF;
      EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, em = MESSAGE_TEXT;
        prob := prob || format('accepted value %s: %s %s', t, st, em);
      END;
    END IF;
    INSERT INTO pb_res VALUES (sid, m.label, CASE WHEN prob <> '{}' THEN m.b END,
                               c[1], c[2], c[3], c[4], c[5], c[6], c[7], prob, msg);
    COMMIT;
  END LOOP;
END
$f$;
SQL

# A seed's mutants take well under a second: statement_timeout catches a
# loop that checks for interrupts, timeout(1) one that does not (its backend
# then keeps spinning: look at pg_stat_activity).  After a crash or a hang
# the mutant that caused it gets that as its problem and its seed resumes
# after it, up to 5 times in all.
start=$SECONDS
crashes=0
for id in $(q -c "SELECT id FROM pb_seed ORDER BY id"); do
	after=0
	while :; do
		out=$(timeout 60 "$bin/psql" -qXAt -d "$db" -v ON_ERROR_STOP=1 -c "SET statement_timeout = '20s'" \
			-c "CALL pb_try($id, $after)" 2>&1)
		rc=$?
		((rc == 0)) && break
		((rc == 124)) && out="no answer in 60 s (a loop in C code that does not check for interrupts?)"
		if ! grep -qiE 'server closed|connection to server|terminated abnormally|no connection|statement timeout|no answer' <<<"$out"; then
			fail "seed $id: the checker failed: $out"
			break
		fi
		for ((k = 0; k < 30; k++)); do "$bin/pg_isready" -q && break; sleep 1; done
		culprit=$(q -c "SELECT min(ord) FROM pb_mut m WHERE seed = $id AND ord > $after
		                  AND NOT EXISTS (SELECT 1 FROM pb_res r WHERE r.seed = m.seed AND r.label = m.label)")
		if [[ -z $culprit ]]; then
			fail "seed $id: the checker failed after its last mutant: $out"
			break
		fi
		q -v out="$(head -1 <<<"$out")" >/dev/null <<-SQL
			INSERT INTO pb_res (seed, label, b, problems)
			SELECT seed, label, b, ARRAY['the server: ' || :'out'] FROM pb_mut WHERE ord = $culprit
		SQL
		after=$culprit
		if ((++crashes >= 5)); then
			fail "stopped after 5 crashes or hangs"
			break 2
		fi
	done
done
echo "checked in $((SECONDS - start)) s"

echo "outcomes (seed: accepted / XX001 / 22P03):"
q -F ' ' -c "SELECT s.label || ':', count(*) FILTER (WHERE c_text = 'ok'), count(*) FILTER (WHERE c_text = 'XX001'),
                    count(*) FILTER (WHERE c_text = '22P03'), count(*) FILTER (WHERE c_text NOT IN ('ok', 'XX001', '22P03'))
             FROM pb_seed s JOIN pb_res r ON r.seed = s.id GROUP BY s.id, s.label ORDER BY s.id" |
	awk '{ printf "  %-18s %4d / %4d / %4d%s\n", $1, $2, $3, $4, ($5 > 0 ? " / " $5 " other" : "") }'
q -F ' ' -c "SELECT 'measure errors on accepted values:', string_agg(f || ' ' || c || ' x' || k, ', ' ORDER BY f, c)
             FROM (SELECT f, c, count(*) k FROM pb_res,
                     LATERAL (VALUES ('median', c_median), ('gini', c_gini), ('merge', c_merge1), ('merge', c_merge2)) x(f, c)
                   WHERE c_text = 'ok' AND c <> 'ok' GROUP BY f, c) y HAVING count(*) > 0"

missing=$(q -c "SELECT count(*) FROM pb_mut m WHERE NOT EXISTS (SELECT 1 FROM pb_res r WHERE r.seed = m.seed AND r.label = m.label)")
[[ $missing == 0 ]] || fail "$missing mutants were not checked"
nprob=$(q -c "SELECT count(*) FROM pb_res WHERE problems <> '{}'")
if [[ $nprob != 0 ]]; then
	# one line per kind of problem (numbers and state texts blanked), with
	# its first mutant: seed, mutation, the problem, the mutant's bytes
	fail "$nprob mutants with a disallowed outcome, by kind of problem:"
	q <<'SQL'
WITH p AS (
  SELECT s.id, s.label seed, r.label, r.b, x.p,
         regexp_replace(regexp_replace(x.p, '\(v=1,[^)]*\)', '<state>', 'g'),
                        '(?<![A-Za-z0-9])-?[0-9][0-9.e+-]*(?![A-Za-z0-9])', 'N', 'g') sig
  FROM pb_res r JOIN pb_seed s ON s.id = r.seed, unnest(r.problems) x(p)),
k AS (
  SELECT sig, count(*) n, string_agg(DISTINCT seed, ' ') seeds,
         (array_agg(p ORDER BY id, label))[1] p
  FROM p GROUP BY sig)
SELECT format(E'  %s x %s\n    seeds: %s\n    e.g. %s %s: %s\n    bytes: %s', k.n, k.sig, k.seeds, p.seed, p.label,
              regexp_replace(p.p, '(data=[^)]{0,12})[^)]*', '\1...', 'g'),
              left(encode(p.b, 'hex'), 240) || CASE WHEN length(p.b) > 120 THEN '...' ELSE '' END)
FROM k JOIN LATERAL (SELECT * FROM p WHERE p.sig = k.sig ORDER BY id, label LIMIT 1) p ON true
ORDER BY k.n DESC
SQL
fi

# --- 4. the server afterwards ---
server_survived "the packed mutants"
((status == 0)) && echo "packed_bytes: ok ($(q -c "SELECT count(*) FROM pb_res") mutants of $(q -c "SELECT count(*) FROM pb_seed") seeds, $(q -c "SELECT count(*) FROM pb_res WHERE c_text = 'ok'") accepted)"
exit $status
