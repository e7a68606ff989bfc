-- povstat.deprivations: text and binary forms, constructors, set operators,
-- order, GROUP BY.  Expected values follow from the definition: position i
-- is bit i-1 of a 4-byte mask; order is by count, then position list.
\set ECHO all
\set SHOW_CONTEXT never
-- Operators live in schema povstat: put it on the search_path (or write
-- OPERATOR(povstat.@>), as the first membership test below does).
SET search_path = public, povstat;

-- Text round trip; output is canonical (ascending, no blanks).
SELECT d::povstat.deprivations AS canonical
  FROM (VALUES ('{}'), ('{2,4,11}'), ('{11,2,4}'), (' { 1 , 32 } '), ('{32}'),
               ('{1,2,3,4,5,6,7,8,9,10,11,12}')) v(d);
SELECT '{2,4,11}'::povstat.deprivations::text::povstat.deprivations = '{2,4,11}' AS text_round_trip;

-- Malformed text: each is an error (22P02).
SELECT '{0}'::povstat.deprivations;
SELECT '{33}'::povstat.deprivations;
SELECT '{100}'::povstat.deprivations;
SELECT '{2,2}'::povstat.deprivations;
SELECT '{-1}'::povstat.deprivations;
SELECT '{+1}'::povstat.deprivations;
SELECT '{01}'::povstat.deprivations;
SELECT '{1,}'::povstat.deprivations;
SELECT '{,1}'::povstat.deprivations;
SELECT '{1 2}'::povstat.deprivations;
SELECT '1,2'::povstat.deprivations;
SELECT '{1,2'::povstat.deprivations;
SELECT '{1}x'::povstat.deprivations;
SELECT ''::povstat.deprivations;

-- From flags: (f, t, f, t) = positions 2 and 4.  A NULL flag: NULL set.
SELECT povstat.deprivations(false, true, false, true) AS flags,
       povstat.deprivations(true, NULL) IS NULL AS null_flag_gives_null,
       povstat.deprivations(VARIADIC '{}'::boolean[]) AS no_flags,
       povstat.deprivations(VARIADIC array_fill(true, ARRAY[32])) AS all_32;
SELECT povstat.deprivations(VARIADIC array_fill(false, ARRAY[33]));
SELECT povstat.deprivations(VARIADIC '{{true},{false}}'::boolean[]);

-- From positions, and back.
SELECT povstat.deprivations(ARRAY[11, 2, 4]) AS from_positions,
       povstat.positions('{2,4,11}') AS positions,
       povstat.positions('{}') AS no_positions,
       povstat.deprivations(ARRAY[1, NULL]) IS NULL AS null_position_gives_null;
SELECT povstat.deprivations(ARRAY[0]);
SELECT povstat.deprivations(ARRAY[33]);
SELECT povstat.deprivations(ARRAY[3, 3]);

-- Count, membership, union, intersection, difference, containment.
SELECT povstat.deprivation_count('{}') AS c0,
       povstat.deprivation_count('{2,4,11}') AS c3,
       povstat.deprivation_count('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32}') AS c32;
SELECT '{2,4,11}'::povstat.deprivations @> 4 AS has4,
       '{2,4,11}'::povstat.deprivations @> 5 AS has5,
       '{32}'::povstat.deprivations @> 32 AS has32;
SELECT '{2,4}'::povstat.deprivations @> 0;
SELECT '{2,4}'::povstat.deprivations @> 33;
SELECT '{2,4}'::povstat.deprivations | '{4,7}' AS union_,
       '{2,4}'::povstat.deprivations & '{4,7}' AS intersection,
       '{2,4}'::povstat.deprivations - '{4,7}' AS difference,
       '{2,4,7}'::povstat.deprivations @> '{4,7}'::povstat.deprivations AS contains,
       '{4,7}'::povstat.deprivations <@ '{2,4,7}'::povstat.deprivations AS contained,
       '{4,8}'::povstat.deprivations <@ '{2,4,7}'::povstat.deprivations AS not_contained;

-- Binary form: bit i-1 for position i, big-endian 4 bytes.
-- {1} = 0x00000001; {2,4,11} = 2 + 8 + 1024 = 1034 = 0x0000040a; {32} = 0x80000000.
SELECT povstat.deprivations_send('{1}') AS b1, povstat.deprivations_send('{2,4,11}') AS b2,
       povstat.deprivations_send('{32}') AS b32, povstat.deprivations_send('{}') AS b0;

-- Order: by count, then lexicographically by positions.
-- Sorted by hand: {} ; {1} ; {2} ; {32} ; {1,5} ; {2,3} ; {1,2,3}
SELECT d FROM unnest('{"{2,3}","{1,2,3}","{32}","{}","{1,5}","{2}","{1}"}'::povstat.deprivations[]) d
 ORDER BY d;
SELECT '{1,5}'::povstat.deprivations < '{2,3}' AS lt, '{2,3}'::povstat.deprivations > '{1,5}' AS gt,
       '{1,2}'::povstat.deprivations <= '{1,2}' AS le, '{2}'::povstat.deprivations <> '{3}' AS ne;

-- A table of 5,000 households with 12 flags each, generated deterministically.
CREATE TABLE dep_hh AS
  SELECT i AS id,
         (i % 3 = 0) AS d01, (i % 5 = 0) AS d02, (i % 7 = 0) AS d03, (i % 11 = 0) AS d04,
         false AS d05, false AS d06, (i % 13 = 0) AS d07, false AS d08,
         false AS d09, false AS d10, false AS d11, (i % 2 = 0) AS d12
    FROM generate_series(1, 5000) i;
ALTER TABLE dep_hh ADD COLUMN d povstat.deprivations;
UPDATE dep_hh SET d = povstat.deprivations(d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12);

-- The count equals the number of true flags (plain SQL).
SELECT count(*) AS mismatches FROM dep_hh
 WHERE povstat.deprivation_count(d) <> (d01::int + d02::int + d03::int + d04::int + d07::int + d12::int);
-- Membership equals the flag.
SELECT count(*) AS mismatches FROM dep_hh
 WHERE (d @> 3) <> d03 OR (d @> 12) <> d12;

-- GROUP BY and DISTINCT, hashed and sorted, against the same grouping by flags.
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT d, count(*) FROM dep_hh GROUP BY d;
CREATE TEMP TABLE g_hash AS SELECT d, count(*) n FROM dep_hh GROUP BY d;
RESET enable_sort;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT d, count(*) FROM dep_hh GROUP BY d;
CREATE TEMP TABLE g_sort AS SELECT d, count(*) n FROM dep_hh GROUP BY d;
RESET enable_hashagg;
CREATE TEMP TABLE g_flags AS
  SELECT d01, d02, d03, d04, d07, d12, count(*) n FROM dep_hh GROUP BY 1, 2, 3, 4, 5, 6;
SELECT (SELECT count(*) FROM g_hash) AS groups_hash, (SELECT count(*) FROM g_sort) AS groups_sort,
       (SELECT count(*) FROM g_flags) AS groups_flags,
       (SELECT count(DISTINCT d) FROM dep_hh) AS distinct_d;
SELECT count(*) AS differences FROM (
  (SELECT d, n FROM g_hash EXCEPT SELECT d, n FROM g_sort)
  UNION ALL
  (SELECT d, n FROM g_sort EXCEPT SELECT d, n FROM g_hash)
  UNION ALL
  (SELECT povstat.deprivations(d01, d02, d03, d04, false, false, d07, false, false, false, false, d12), n
     FROM g_flags EXCEPT SELECT d, n FROM g_hash)) x;

-- Btree index and hash index work.
CREATE INDEX dep_hh_d ON dep_hh (d);
CREATE INDEX dep_hh_dh ON dep_hh USING hash (d);
SET enable_seqscan = off;
SELECT count(*) FROM dep_hh WHERE d = '{1,12}';
RESET enable_seqscan;
-- by hand: {1,12} = multiples of 6 not divisible by 5, 7, 11 or 13.
SELECT count(*) FROM generate_series(1, 5000) i
 WHERE i % 6 = 0 AND i % 5 <> 0 AND i % 7 <> 0 AND i % 11 <> 0 AND i % 13 <> 0;

-- Binary COPY round trip through a file, and text COPY.
\copy (SELECT id, d FROM dep_hh) TO 'results/deprivations_copy.bin' (FORMAT binary)
CREATE TEMP TABLE dep_copy (id int, d povstat.deprivations);
\copy dep_copy FROM 'results/deprivations_copy.bin' (FORMAT binary)
\copy (SELECT id, d FROM dep_hh) TO 'results/deprivations_copy.txt'
CREATE TEMP TABLE dep_copy_text (id int, d povstat.deprivations);
\copy dep_copy_text FROM 'results/deprivations_copy.txt'
SELECT count(*) AS rows_, count(*) FILTER (WHERE c.d = h.d AND t.d = h.d) AS equal
  FROM dep_hh h JOIN dep_copy c USING (id) JOIN dep_copy_text t USING (id);
-- Every 32-bit pattern position survives the binary path, the top bit too.
CREATE TEMP TABLE dep_all AS
  SELECT p, povstat.deprivations(ARRAY[p]) AS d FROM generate_series(1, 32) p
  UNION ALL SELECT 0, '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32}';
\copy dep_all TO 'results/deprivations_all.bin' (FORMAT binary)
CREATE TEMP TABLE dep_all2 (p int, d povstat.deprivations);
\copy dep_all2 FROM 'results/deprivations_all.bin' (FORMAT binary)
SELECT count(*) AS rows_, count(*) FILTER (WHERE a.d = b.d) AS equal FROM dep_all a JOIN dep_all2 b USING (p);

-- Malformed binary input: an 8-byte field where 4 bytes are expected (22P03).
\copy (SELECT 1::int8) TO 'results/deprivations_bad.bin' (FORMAT binary)
CREATE TEMP TABLE dep_bad (d povstat.deprivations);
\copy dep_bad FROM 'results/deprivations_bad.bin' (FORMAT binary)

-- NULL in, NULL out.
SELECT povstat.deprivation_count(NULL) IS NULL AS c, povstat.positions(NULL) IS NULL AS p,
       (NULL::povstat.deprivations @> 1) IS NULL AS m;

DROP TABLE dep_hh;
