-- povstat.household_set: exact sets of household ids on CRoaring.
-- Expected values: by hand (comments) or the plain-SQL set operation of the
-- same definition (count(DISTINCT), UNION/INTERSECT/EXCEPT) on generated ids.
SET search_path = public, povstat;
SET extra_float_digits = 0;

-- Text form.  By hand: {1,2,5-9} has 2 + 5 = 7 ids; order, repetition and
-- blanks do not matter; runs of 3+ print as ranges, pairs as two ids.
SELECT '{1,2,5-9}'::household_set AS s, cardinality('{1,2,5-9}'::household_set);
SELECT ' 9 , 1,1, 2 ,4-5'::household_set AS plain_list;
SELECT '{}'::household_set AS empty, cardinality('{}'::household_set), ''::household_set AS empty_plain;
-- ids across 32-bit buckets: 2^32 - 1 .. 2^32 + 1 is one run of 3
SELECT '{4294967295-4294967297, 9223372036854775807, 0}'::household_set AS buckets,
       cardinality('{4294967295-4294967297, 9223372036854775807, 0}'::household_set);

-- Set algebra, by hand: A = {1,2,3,10}, B = {3,4,10,11}
SELECT a | b AS "union", a & b AS intersection, a - b AS difference, b - a AS difference_ba,
       povstat.union(a, b) = (a | b) AS fn_eq_op
  FROM (SELECT '{1,2,3,10}'::household_set a, '{3,4,10,11}'::household_set b) t;
SELECT s @> 3::bigint AS has3, s @> 4::bigint AS has4, 3::bigint <@ s AS in3,
       s @> -1::bigint AS negative_never, s @> 4294967299::bigint AS other_bucket,
       s @> '{1,3}'::household_set AS superset, '{1,3}'::household_set <@ s AS subset,
       s @> '{1,4}'::household_set AS not_superset,
       s = '{1-3,10}' AS eq, s <> '{1-3}' AS ne
  FROM (SELECT '{1,2,3,10}'::household_set s) t;
SELECT members('{3,1,4294967296}');

-- Generated ids over three buckets and all container kinds: dense runs
-- (run containers), 1-in-3 (bitset containers), sparse (array containers).
CREATE TABLE hs AS
  SELECT i AS row_id,
         CASE i % 4
           WHEN 0 THEN i                                   -- dense
           WHEN 1 THEN 3 * i + 100000000                   -- 1 in 3
           WHEN 2 THEN (i::bigint * 7919) % 5000000 + (1::bigint << 32)   -- sparse, bucket 1
           ELSE (i % 997) + (5::bigint << 32)              -- repeated ids, bucket 5
         END AS id,
         i % 13 AS commune
    FROM generate_series(1, 40000) i;

SELECT cardinality(household_set(id)) = count(DISTINCT id) AS card_exact,
       count(DISTINCT id) AS distinct_ids
  FROM hs;
-- NULL ids are skipped, as count(DISTINCT) skips them
SELECT cardinality(household_set(x)) AS card, count(DISTINCT x) AS plain
  FROM (VALUES (1::bigint), (NULL), (1), (2)) v(x);
-- empty input gives NULL
SELECT household_set(id) IS NULL AS empty_is_null FROM hs WHERE false;

-- members() lists exactly the distinct ids, ascending
SELECT (SELECT array_agg(m) FROM members((SELECT household_set(id) FROM hs WHERE commune = 4)) m)
     = (SELECT array_agg(DISTINCT id ORDER BY id) FROM hs WHERE commune = 4) AS members_exact;

-- algebra against SQL's own set operations
WITH a AS (SELECT household_set(id) s FROM hs WHERE commune < 7),
     b AS (SELECT household_set(id) s FROM hs WHERE commune >= 4)
SELECT cardinality(a.s | b.s) = (SELECT count(*) FROM (SELECT id FROM hs WHERE commune < 7 UNION SELECT id FROM hs WHERE commune >= 4) x) AS union_ok,
       cardinality(a.s & b.s) = (SELECT count(*) FROM (SELECT id FROM hs WHERE commune < 7 INTERSECT SELECT id FROM hs WHERE commune >= 4) x) AS intersect_ok,
       cardinality(a.s - b.s) = (SELECT count(*) FROM (SELECT id FROM hs WHERE commune < 7 EXCEPT SELECT id FROM hs WHERE commune >= 4) x) AS except_ok,
       (SELECT array_agg(m) FROM members(a.s - b.s) m) = (SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM hs WHERE commune < 7 EXCEPT SELECT id FROM hs WHERE commune >= 4) x) AS except_members_ok,
       (a.s & b.s) <@ a.s AND (a.s & b.s) <@ b.s AND (a.s | b.s) @> a.s AS subset_laws
  FROM a, b;

-- membership on the stored (flat) form against a plain join, for ids in and
-- out of the set, in every container kind and bucket
CREATE TABLE hs_sets AS SELECT commune, household_set(id) s FROM hs GROUP BY commune;
SELECT count(*) AS probes,
       bool_and((h.s @> p.id) = EXISTS (SELECT 1 FROM hs x WHERE x.commune = h.commune AND x.id = p.id)) AS membership_ok
  FROM hs_sets h,
       (SELECT id FROM hs WHERE row_id % 41 = 0 UNION ALL SELECT id + 1 FROM hs WHERE row_id % 43 = 0) p
 WHERE h.commune IN (0, 5);

-- one-bucket sets with fewer than 4 containers (portable format without offsets)
SELECT '{1,70000,140000-140010}'::household_set @> 140005::bigint AS run_hit,
       '{1,70000,140000-140010}'::household_set @> 140011::bigint AS run_miss,
       '{1,70000,140000-140010}'::household_set @> 70000::bigint AS array_hit;

-- Text and binary round trips are exact.
SELECT s::text::household_set = s AS text_round_trip,
       s::text = s::text::household_set::text AS text_identical,
       household_set_from_bytea(household_set_to_bytea(s)) = s AS binary_round_trip
  FROM (SELECT household_set(id) s FROM hs) t;

-- Merge of a split equals one pass (union and merge aggregates).
SELECT cardinality(povstat.union(s)) = (SELECT count(DISTINCT id) FROM hs) AS union_exact,
       povstat.union(s) = (SELECT household_set(id) FROM hs) AS union_eq_one_pass,
       merge(s) = povstat.union(s) AS merge_eq_union
  FROM hs_sets;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT household_set(id) s FROM hs;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT household_set(id) FROM hs;
SELECT p.s = serial.s AS parallel_equal, cardinality(p.s) AS card
  FROM (SELECT household_set(id) s FROM hs) p, serial;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal count(DISTINCT) per group.
SET enable_sort = off;
SELECT count(*) AS groups, bool_and(c = d) AS all_equal
  FROM (SELECT row_id % 500 k, cardinality(household_set(id)) c, count(DISTINCT id) d
          FROM hs GROUP BY 1) t;
RESET enable_sort;

-- Bad input.
\set VERBOSITY default
SELECT household_set(x) FROM (VALUES (1::bigint), (-5)) v(x);
SELECT '{1,-2}'::household_set;
SELECT '{1,2'::household_set;
SELECT '{1,,2}'::household_set;
SELECT '{5-3}'::household_set;
SELECT '{1}x'::household_set;
SELECT '{9223372036854775808}'::household_set;
SELECT '{0-4294967296}'::household_set;
SELECT '{a}'::household_set;
-- (details name the defect)
-- binary input: truncated, wrong tag, trailing bytes
SELECT household_set_from_bytea('\x48'::bytea);
SELECT household_set_from_bytea('\x4601000000000000000000000000000000'::bytea);
SELECT household_set_from_bytea(household_set_to_bytea('{1,2,3}') || '\x00'::bytea);
-- Corrupted valid sets.  Layout of the binary form: 16 bytes of header,
-- 8 per bucket (high bits, length), then CRoaring's portable format.
-- {1,5,9} is one array container: bytes 25-28 cookie, 29-32 container
-- count, 33-36 key and cardinality - 1, 37-40 offset, 41-46 the values.
SELECT household_set_from_bytea(overlay(household_set_to_bytea('{1,5,9}') PLACING '\x05'::bytea FROM 35 FOR 1)) AS wrong_card;
SELECT household_set_from_bytea(overlay(household_set_to_bytea('{1,5,9}') PLACING '\x09000500'::bytea FROM 43 FOR 4)) AS unsorted;
SELECT household_set_from_bytea(overlay(household_set_to_bytea('{1,5,9}') PLACING '\x05000500'::bytea FROM 43 FOR 4)) AS duplicate;
-- even ids 0..10000: a bitset container from byte 41; 0x55 -> 0x57 adds id 1
-- without changing the stored cardinality
SELECT get_byte(b, 40) = 85 AS layout_as_expected FROM (SELECT household_set_to_bytea(household_set(i * 2)) b FROM generate_series(0, 5000) i) t;
SELECT household_set_from_bytea(overlay(b PLACING '\x57'::bytea FROM 41 FOR 1)) AS bitset_popcount
  FROM (SELECT household_set_to_bytea(household_set(i * 2)) b FROM generate_series(0, 5000) i) t;
-- {1-3,10-12}: a run container; runs at bytes 36-39 and 40-43 (start, length - 1).
-- Moving the second run to start at 3 makes the runs overlap.
SELECT household_set_from_bytea(overlay(household_set_to_bytea('{1-3,10-12}') PLACING '\x0300'::bytea FROM 40 FOR 2)) AS overlapping_runs;
-- bucket keys out of order
SELECT household_set_from_bytea(overlay(household_set_to_bytea('{1,4294967296}') PLACING '\x00000002'::bytea FROM 17 FOR 4)) AS keys_unsorted;
-- random bytes after a valid header, and random mutations of valid sets:
-- every one is either rejected with an ERROR or is a valid set; none crashes.
SELECT setseed(0.42);
CREATE FUNCTION pg_temp.try_recv(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s household_set;
BEGIN
  s := household_set_from_bytea(b);
  IF cardinality(s) <> (SELECT count(*) FROM members(s)) THEN RETURN 'inconsistent'; END IF;
  RETURN 'valid';
EXCEPTION WHEN invalid_binary_representation THEN RETURN 'rejected';
END $$;
WITH valid AS (SELECT household_set_to_bytea(household_set(id)) b FROM hs WHERE commune = 3),
     tries AS (
       SELECT pg_temp.try_recv(overlay(v.b PLACING decode(lpad(to_hex((random() * 255)::int), 2, '0'), 'hex')
                                        FROM 1 + (random() * (length(v.b) - 1))::int FOR 1)) r
         FROM valid v, generate_series(1, 3000)
       UNION ALL
       SELECT pg_temp.try_recv('\x480100000000000100000000000000020000000000000010'::bytea
                               || decode(string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), ''), 'hex'))
         FROM generate_series(1, 300) g, generate_series(1, 16) k GROUP BY g)
SELECT count(*) AS tries, count(*) FILTER (WHERE r = 'inconsistent') AS inconsistent,
       count(*) FILTER (WHERE r = 'rejected') > 0 AS some_rejected
  FROM tries;
SELECT povstat.household_set_accum(NULL, 1);
