-- pgTAP: the packed flat form of povstat.sample_state (src/sample_pack.c).
-- A state stored in a table (or shipped by a parallel worker) is flattened:
-- sorted, then incomes delta-encoded as LEB128 varints, either as integers
-- (every income integral and |y| <= 2^53) or as differences of the
-- order-preserving 64-bit keys of the doubles, or raw when neither is
-- smaller; weights as varints when all are integral, else raw.  Each
-- expected size below is recomputed here in plain SQL from the rows (the
-- varint length of each difference over the sorted incomes), and every
-- stored value is read back exactly: all n incomes of an unweighted state
-- through quantile((j - 0.5) / n), which is the j-th smallest income by
-- the Eurostat definition (doc/inequality.md).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(15);

-- bytes of an unsigned LEB128 varint
CREATE FUNCTION pg_temp.vlen(x numeric) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT greatest(1, (SELECT count(*)::int FROM generate_series(0, 9) k WHERE x >= 128::numeric ^ k)) $$;
-- the order-preserving key of a double: its bits as unsigned, sign bit
-- set for positive numbers, all bits flipped for negative ones
CREATE FUNCTION pg_temp.fkey(y float8) RETURNS numeric LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN b >= 0 THEN b + 2::numeric ^ 63 ELSE -1 - b END
     FROM (SELECT ('x' || encode(float8send(y), 'hex'))::bit(64)::bigint::numeric AS b) s $$;
-- zigzag of an integer: 0, -1, 1, -2 -> 0, 1, 2, 3
CREATE FUNCTION pg_temp.zigzag(v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v >= 0 THEN 2 * v ELSE -2 * v - 1 END $$;

CREATE TEMP TABLE r (set text, i int, y float8, w float8);
-- incomes in dong (integers), integral weights
INSERT INTO r SELECT 'int', i, round(exp(14 + 0.8 * sin(i * 0.7))), 1 + i % 5
  FROM generate_series(1, 600) i;
-- integers around zero, the first negative (zigzag), fractional weights
INSERT INTO r SELECT 'neg_int', i, (i - 80) * 7, 0.5 + (i % 7) / 3.0
  FROM generate_series(1, 200) i;
-- fractional incomes, some negative: key differences
INSERT INTO r SELECT 'frac', i, (i * 1.37 - 100) / 3, 0.5 + (i % 7) / 3.0
  FROM generate_series(1, 400) i;
-- integral but beyond 2^53: not exact as int64 deltas of doubles, so keys
INSERT INTO r SELECT 'big', i, 2::float8 ^ 60 + i * 2::float8 ^ 12, 1 + i % 3
  FROM generate_series(1, 300) i;
-- a few values spread over 280 orders of magnitude: differences need
-- more than 8 bytes, so raw doubles
INSERT INTO r SELECT 'spread', i, (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) * 1.234567 * 10::float8 ^ (i * 14 - 140), 1
  FROM generate_series(0, 20) i;

-- the stored states; PLAIN storage: never compressed or moved out of
-- line, so the column size is the value's own
CREATE TEMP TABLE st (set text, weighted bool, n bigint, s povstat.sample_state);
ALTER TABLE st ALTER COLUMN s SET STORAGE PLAIN;
INSERT INTO st SELECT set, false, count(*), povstat.sample_state(y) FROM r GROUP BY set;
INSERT INTO st SELECT set, true, count(*), povstat.sample_state(y, w) FROM r GROUP BY set;

-- the encoder's choice, recomputed: each eligible encoding's size, the
-- smallest wins (raw is always eligible)
CREATE TEMP TABLE expect AS
WITH d AS (
  SELECT set, y, w,
         row_number() OVER (PARTITION BY set ORDER BY y) AS k,
         lag(y) OVER (PARTITION BY set ORDER BY y) AS py
    FROM r),
e AS (
  SELECT set,
         count(*) AS n,
         bool_and(y = trunc(y) AND abs(y) <= 2::float8 ^ 53) AS int_ok,
         sum(CASE WHEN k = 1 THEN pg_temp.vlen(pg_temp.zigzag(y::numeric))
                  ELSE pg_temp.vlen(y::numeric - py::numeric) END) AS int_bytes,
         sum(CASE WHEN k = 1 THEN pg_temp.vlen(pg_temp.fkey(y))
                  ELSE pg_temp.vlen(pg_temp.fkey(y) - pg_temp.fkey(py)) END) AS key_bytes,
         bool_and(w = trunc(w)) AS wint_ok,
         sum(pg_temp.vlen(w::numeric)) AS wint_bytes
    FROM d GROUP BY set)
SELECT set, n, int_ok, int_bytes, key_bytes, wint_ok, wint_bytes,
       least(8 * n, key_bytes, CASE WHEN int_ok THEN int_bytes END) AS y_bytes,
       least(8 * n, CASE WHEN wint_ok THEN wint_bytes END) AS w_bytes
  FROM e;

-- 24 bytes of fixed fields (length word, tag, version, flags, n, param)
-- and 16 of packed header
SELECT results_eq(
  $$SELECT set, weighted, pg_column_size(s) FROM st ORDER BY set, weighted$$,
  $$SELECT e.set, wtd, (24 + 16 + y_bytes + CASE WHEN wtd THEN w_bytes ELSE 0 END)::int
      FROM expect e, (VALUES (false), (true)) v(wtd) ORDER BY e.set, wtd$$,
  'each stored state is as large as the smallest encoding of its rows');

SELECT results_eq(
  $$SELECT set, y_bytes FROM expect ORDER BY set$$,
  $$VALUES ('big', (SELECT key_bytes FROM expect WHERE set = 'big')),
           ('frac', (SELECT key_bytes FROM expect WHERE set = 'frac')),
           ('int', (SELECT int_bytes FROM expect WHERE set = 'int')),
           ('neg_int', (SELECT int_bytes FROM expect WHERE set = 'neg_int')),
           ('spread', 168::bigint)$$,
  'integers in dong take integer differences, fractions and huge integers key differences, scattered values stay raw');

SELECT cmp_ok((SELECT int_bytes::float8 / n FROM expect WHERE set = 'int'), '<', 2.0::float8,
  'incomes in dong take under 2 bytes a row (8 unpacked)');

SELECT is(
  (SELECT count(*) FROM st
    WHERE pg_column_size(s) * 10 >= pg_column_size(s::text::povstat.sample_state) * 3
      AND set = 'int' AND NOT weighted),
  0::bigint,
  '600 incomes in dong pack to under 30% of the plain state (denser registers pack tighter)');

-- exact read-back: every income of each unweighted state, in order
SELECT results_eq(
  $$SELECT st.set, array_agg(povstat.quantile(s, (j - 0.5) / st.n) ORDER BY j)
      FROM st, generate_series(1, st.n) j WHERE NOT weighted GROUP BY st.set ORDER BY st.set$$,
  $$SELECT set, array_agg(y ORDER BY y) FROM r GROUP BY set ORDER BY set$$,
  'every income of every packed state reads back exactly, in order');

SELECT results_eq(
  $$SELECT set, povstat.sample_rows(s) FROM st ORDER BY set, weighted$$,
  $$SELECT set, count(*) FROM r, (VALUES (1), (2)) v(c) GROUP BY set, c ORDER BY set$$,
  'row counts read back');

-- weights: integral ones sum exactly; fractional ones to rounding
SELECT results_eq(
  $$SELECT set, povstat.population(s) FROM st WHERE weighted AND set IN ('int', 'big', 'spread') ORDER BY set$$,
  $$SELECT set, sum(w) FROM r WHERE set IN ('int', 'big', 'spread') GROUP BY set ORDER BY set$$,
  'integral weights read back exactly');

SELECT is(
  (SELECT count(*) FROM st JOIN (SELECT set, sum(w) AS t FROM r GROUP BY set) x USING (set)
    WHERE weighted AND set IN ('neg_int', 'frac') AND abs(povstat.population(s) - t) > 1e-12 * t),
  0::bigint,
  'fractional (raw) weights read back');

-- weighted quantiles of the packed weighted states against the definition
SELECT results_eq(
  $$SELECT set, p, povstat.quantile(s, p) FROM st, unnest(ARRAY[0.1, 0.5, 0.9]) p
     WHERE weighted ORDER BY set, p$$,
  $$SELECT set, p, min(y) FROM (SELECT set, y, sum(w) OVER (PARTITION BY set ORDER BY y ROWS UNBOUNDED PRECEDING) AS c,
                                        sum(w) OVER (PARTITION BY set) AS t FROM r) x,
                               unnest(ARRAY[0.1, 0.5, 0.9]) p
     WHERE c / t > p GROUP BY set, p ORDER BY set, p$$,
  'weighted quantiles of packed states follow the definition');

-- weighted Gini (Eurostat formula) of the non-negative sets
SELECT is(
  (SELECT count(*) FROM st JOIN (
       SELECT set, 2 * sum(w * y * c) / (sum(w) * sum(w * y)) - sum(w * w * y) / (sum(w) * sum(w * y)) - 1 AS g
         FROM (SELECT set, y, w, sum(w) OVER (PARTITION BY set ORDER BY y, i ROWS UNBOUNDED PRECEDING) AS c FROM r) x
        GROUP BY set) ref USING (set)
    WHERE weighted AND set IN ('int', 'big') AND abs(povstat.gini(s) - ref.g) > 1e-12),
  0::bigint,
  'weighted Gini of packed states matches the formula');

-- merging an unweighted packed state into a weighted one counts each of
-- its rows with weight 1
SELECT is(
  (SELECT povstat.population(povstat.merge(s ORDER BY weighted DESC)) FROM st WHERE set = 'int'),
  (SELECT count(*) + sum(w) FROM r WHERE set = 'int'),
  'a packed unweighted part merges into a weighted state with weights of 1');
SELECT is(
  (SELECT povstat.population(povstat.merge(s ORDER BY weighted)) FROM st WHERE set = 'int'),
  (SELECT count(*) + sum(w) FROM r WHERE set = 'int'),
  'a packed weighted part merges into an unweighted state, whose rows get weights of 1');

-- a plain state first (from text), then packed parts: the parts are
-- appended to its rows as runs (the other branch of sample_materialize)
SELECT results_eq(
  $$SELECT array_agg(povstat.quantile(m, (j - 0.5) / 1800) ORDER BY j)
      FROM (SELECT povstat.merge(x ORDER BY o) AS m
              FROM (SELECT 1 AS o, s::text::povstat.sample_state AS x FROM st WHERE set = 'int' AND NOT weighted
                    UNION ALL SELECT 2, s FROM st WHERE set = 'int' AND NOT weighted
                    UNION ALL SELECT 3, s FROM st WHERE set = 'int' AND NOT weighted) p) q,
           generate_series(1, 1800) j$$,
  $$SELECT array_agg(y ORDER BY y) FROM r, generate_series(1, 3) c WHERE set = 'int'$$,
  'packed parts appended after a plain state read back exactly');

-- 20 packed parts: 16 wait and merge in one pass, the rest are appended
CREATE TEMP TABLE parts20 (part int, s povstat.sample_state);
ALTER TABLE parts20 ALTER COLUMN s SET STORAGE PLAIN;
INSERT INTO parts20 SELECT i % 20, povstat.sample_state(y) FROM r WHERE set = 'int' GROUP BY i % 20;
SELECT results_eq(
  $$SELECT array_agg(povstat.quantile(m, (j - 0.5) / 600) ORDER BY j)
      FROM (SELECT povstat.merge(s ORDER BY part) AS m FROM parts20) q, generate_series(1, 600) j$$,
  $$SELECT array_agg(y ORDER BY y) FROM r WHERE set = 'int'$$,
  'twenty packed parts merged read back exactly');

-- no rows kept (every weight zero): a packed state of 0 rows, 40 bytes
-- (pg_column_size of the aggregate's own value is its flat size)
CREATE TEMP TABLE empty_st AS SELECT povstat.sample_state(y, 0::float8) AS s FROM r WHERE set = 'int';
SELECT is(
  (SELECT format('%s rows, %s bytes', (SELECT povstat.sample_rows(s) FROM empty_st),
                 pg_column_size(povstat.sample_state(y, 0::float8))) FROM r WHERE set = 'int'),
  '0 rows, 40 bytes',
  'a state that kept no rows packs to its 40 bytes of header');

SELECT * FROM finish();
ROLLBACK;
