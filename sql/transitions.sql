-- Poverty dynamics: povstat.transitions.  Expected values are enumerated by
-- hand, taken from a published review table, or computed by plain-SQL
-- formulas of the same definition.
\set ECHO all
SET extra_float_digits = 0;

-- A toy register with three annual reviews.  The 2022 -> 2023 transition,
-- exited_before = the household was in its 2023 class at the 2021 review.
--
--  hh  2021        2022        2023        move 2022->2023   (by hand)
--   1  poor        poor        poor        remained poor
--   2  poor        poor        near_poor   exited poverty, to near-poor; newly near-poor (was not near-poor in 2021)
--   3  poor        poor        average     exited poverty, above near-poor
--   4  poor        average     poor        re-poor (poor in 2021)
--   5  near_poor   near_poor   poor        newly poor; near-poor exited to poor
--   6  average     average     poor        newly poor
--   7  poor        near_poor   near_poor   remained near-poor
--   8  near_poor   average     near_poor   re-near-poor (near-poor in 2021)
--   9  -           poor        -           poor, left the register
--  10  -           -           poor        entered the register as poor
--  11  better_off  better_off  better_off  -
--  12  near_poor   near_poor   average     near-poor exited above
--  13  -           near_poor   poor        newly poor; near-poor exited to poor
--  14  poor        -           near_poor   entered the register as near-poor (flag ignored)
--
-- households: start (2022) {1..9,11,12,13} = 12; end (2023) {1..8,10..14} = 13;
--   entered {10,14} = 2; left {9} = 1; 12 - 1 + 2 = 13.
-- poor: start {1,2,3,9} = 4; remained {1}; exited {2,3} = 2 (to near-poor {2},
--   above {3}); left {9}; newly {5,6,13} = 3; re-poor {4} = 1; entered {10};
--   end {1,4,5,6,10,13} = 6 = 4 - 2 - 1 + 3 + 1 + 1.
--   exit rate 2/4 = 0.5; newly rate 3/6 = 0.5; re-poor rate 1/6 = 0.166667
-- near-poor: start {5,7,12,13} = 4; remained {7}; exited {5,12,13} = 3 (to poor
--   {5,13}, above {12}); left 0; newly {2} = 1; re-near-poor {8} = 1; entered {14};
--   end {2,7,8,14} = 4 = 4 - 3 - 0 + 1 + 1 + 1.
--   exit rate 3/4 = 0.75; newly rate 1/4 = 0.25; returned rate 1/4 = 0.25
CREATE TABLE reg (hh int, year int, cls povstat.hh_class, members int);
INSERT INTO reg VALUES
  (1, 2021, 'poor', 4), (1, 2022, 'poor', 4), (1, 2023, 'poor', 4),
  (2, 2021, 'poor', 3), (2, 2022, 'poor', 3), (2, 2023, 'near_poor', 3),
  (3, 2021, 'poor', 5), (3, 2022, 'poor', 5), (3, 2023, 'average', 5),
  (4, 2021, 'poor', 2), (4, 2022, 'average', 2), (4, 2023, 'poor', 2),
  (5, 2021, 'near_poor', 6), (5, 2022, 'near_poor', 6), (5, 2023, 'poor', 6),
  (6, 2021, 'average', 1), (6, 2022, 'average', 1), (6, 2023, 'poor', 1),
  (7, 2021, 'poor', 4), (7, 2022, 'near_poor', 4), (7, 2023, 'near_poor', 4),
  (8, 2021, 'near_poor', 3), (8, 2022, 'average', 3), (8, 2023, 'near_poor', 3),
  (9, 2022, 'poor', 2),
  (10, 2023, 'poor', 3),
  (11, 2021, 'better_off', 4), (11, 2022, 'better_off', 4), (11, 2023, 'better_off', 4),
  (12, 2021, 'near_poor', 5), (12, 2022, 'near_poor', 5), (12, 2023, 'average', 5),
  (13, 2022, 'near_poor', 2), (13, 2023, 'poor', 2),
  (14, 2021, 'poor', 3), (14, 2023, 'near_poor', 3);
CREATE VIEW move AS
  SELECT h.hh, r22.cls AS before, r23.cls AS after,
         EXISTS (SELECT 1 FROM reg r21 WHERE r21.hh = h.hh AND r21.year = 2021
                   AND r21.cls = r23.cls) AS exited_before,
         coalesce(r23.members, r22.members) AS members
    FROM (SELECT DISTINCT hh FROM reg) h
    LEFT JOIN reg r22 ON r22.hh = h.hh AND r22.year = 2022
    LEFT JOIN reg r23 ON r23.hh = h.hh AND r23.year = 2023;

SELECT (t).households_start, (t).households_end, (t).households_entered, (t).households_left
  FROM (SELECT povstat.transitions(before, after, exited_before) t FROM move) s;
SELECT (t).poor_start, (t).poor_remained, (t).poor_exited, (t).poor_exited_to_near_poor,
       (t).poor_exited_above_near_poor, (t).poor_left, (t).poor_newly, (t).poor_returned,
       (t).poor_entered, (t).poor_end, (t).poor_exit_rate, (t).poor_newly_rate,
       round((t).poor_returned_rate::numeric, 6) AS poor_returned_rate
  FROM (SELECT povstat.transitions(before, after, exited_before) t FROM move) s;
SELECT (t).near_poor_start, (t).near_poor_remained, (t).near_poor_exited,
       (t).near_poor_exited_to_poor, (t).near_poor_exited_above, (t).near_poor_left,
       (t).near_poor_newly, (t).near_poor_returned, (t).near_poor_entered, (t).near_poor_end,
       (t).near_poor_exit_rate, (t).near_poor_newly_rate, (t).near_poor_returned_rate
  FROM (SELECT povstat.transitions(before, after, exited_before) t FROM move) s;

-- Without exited_before re-entries are unknown: re-poor is NULL and counted
-- as newly poor (3 + 1 = 4); newly near-poor 1 + 1 = 2.
SELECT (t).poor_newly, (t).poor_returned IS NULL AS returned_unknown, (t).poor_returned_rate,
       (t).poor_newly_rate,            -- 4/6 = 0.666667
       (t).near_poor_newly, (t).near_poor_returned, (t).poor_end, (t).near_poor_end
  FROM (SELECT povstat.transitions(before, after) t FROM move) s;

-- Scalar accessors on the state, and the matrix (non-empty cells).
SELECT povstat.poor_start(s), povstat.poor_exited(s), povstat.poor_newly(s),
       povstat.poor_returned(s), povstat.poor_end(s), povstat.near_poor_exited_to_poor(s),
       povstat.households_entered(s), povstat.households_left(s)
  FROM (SELECT povstat.transitions_state(before, after, exited_before) s FROM move) t;
SELECT m.* FROM (SELECT povstat.transitions_state(before, after, exited_before) s FROM move) t,
       povstat.transition_matrix(t.s) m
 WHERE m.rows > 0;
SELECT count(*) AS cells, sum(households) AS households
  FROM (SELECT povstat.transitions_state(before, after) s FROM move) t, povstat.transition_matrix(t.s);
SELECT povstat.transition_matrix_array(povstat.transitions_state(before, after)) FROM move;

-- Weighted by members (persons).  By hand, members of:
--   poor at start {1:4, 2:3, 3:5, 9:2} = 14; exited {2:3, 3:5} = 8; left {9:2};
--   newly {5:6, 6:1, 13:2} = 9; re-poor {4:2} = 2; entered {10:3}; remained {1:4}
--   end = 14 - 8 - 2 + 9 + 2 + 3 = 18 = {1:4, 4:2, 5:6, 6:1, 10:3, 13:2}
--   exit rate 8/14 = 0.571429; newly rate 9/18 = 0.5
SELECT (t).poor_start, (t).poor_exited, (t).poor_left, (t).poor_newly, (t).poor_returned,
       (t).poor_entered, (t).poor_end, round((t).poor_exit_rate::numeric, 6) AS exit_rate,
       (t).poor_newly_rate
  FROM (SELECT povstat.transitions(before, after, exited_before, members::float8) t FROM move) s;

-- NULL handling: both classes NULL, or NULL weight: skipped; NULL
-- exited_before = false; weight 0 = absent.  Only (poor, poor) and
-- (average, poor, NULL flag -> newly) count below.
SELECT (t).households_start, (t).poor_newly, (t).poor_returned, (t).poor_end
  FROM (SELECT povstat.transitions(b::povstat.hh_class, a::povstat.hh_class, r, w) t
          FROM (VALUES ('poor', 'poor', false, 1.0::float8), (NULL, NULL, true, 1),
                       ('average', 'poor', NULL, 1), ('average', 'poor', true, NULL),
                       ('near_poor', 'poor', true, 0)) v(b, a, r, w)) s;
-- Empty input, and only zero weights: NULL.
SELECT povstat.transitions(NULL::povstat.hh_class, NULL::povstat.hh_class) IS NULL AS empty_is_null;
SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, 0::float8) IS NULL AS zero_weight_is_null;
SELECT povstat.poor_exit_rate(povstat.transitions_state(b, a))   -- no poor at start: NULL rate
  FROM (VALUES ('average'::povstat.hh_class, 'poor'::povstat.hh_class)) v(b, a);

-- Published figures: Hướng Hóa (Quảng Trị) 2016 review table (vn_standards
-- §5.4).  A register built to the table's counts per area:
--   area   start total  poor start  exited  re-poor  newly  end total
--   urban        5,284         577     108        0     42      5,714
--   rural       14,069       6,118     526       27    214     14,638
-- (start totals from 577/10.92% and 19,353 - 5,284; entries to the register
-- = end total - start total).  Published %: urban 10.92 18.72 0.00 8.22 8.94;
-- rural 43.49 (8.0 as printed; 526/6,118 = 8.60) 0.46 3.67 39.85;
-- district 34.59 9.47 0.43 4.04 31.17.
CREATE TABLE hh_segments (area text, before povstat.hh_class, after povstat.hh_class,
                          exited_before boolean, n int);
INSERT INTO hh_segments VALUES
  ('urban', 'poor', 'poor', false, 577 - 108),
  ('urban', 'poor', 'near_poor', false, 60), ('urban', 'poor', 'average', false, 108 - 60),
  ('urban', 'near_poor', 'poor', false, 42),
  ('urban', 'average', 'average', false, 5284 - 577 - 42),
  ('urban', NULL, 'average', false, 5714 - 5284),
  ('rural', 'poor', 'poor', false, 6118 - 526),
  ('rural', 'poor', 'near_poor', false, 300), ('rural', 'poor', 'average', false, 526 - 300),
  ('rural', 'average', 'poor', true, 27),
  ('rural', 'near_poor', 'poor', false, 114), ('rural', 'average', 'poor', false, 100),
  ('rural', 'average', 'average', false, 14069 - 6118 - 27 - 214),
  ('rural', NULL, 'average', false, 14638 - 14069);
CREATE TABLE huong_hoa AS
  SELECT area, before, after, exited_before FROM hh_segments, generate_series(1, n);
CREATE TABLE huong_hoa_area AS
  SELECT area, povstat.transitions_state(before, after, exited_before) s
    FROM huong_hoa GROUP BY area;
SELECT area, povstat.households_start(s) AS start_total, povstat.poor_start(s),
       round((100 * povstat.poor_start(s) / povstat.households_start(s))::numeric, 2) AS start_pct,
       povstat.poor_exited(s),
       round((100 * povstat.poor_exit_rate(s))::numeric, 2) AS exit_pct,
       povstat.poor_returned(s),
       round((100 * povstat.poor_returned_rate(s))::numeric, 2) AS repoor_pct,
       povstat.poor_newly(s),
       round((100 * povstat.poor_newly_rate(s))::numeric, 2) AS newly_pct,
       povstat.poor_end(s),
       round((100 * povstat.poor_end(s) / povstat.households_end(s))::numeric, 2) AS end_pct
  FROM (SELECT area, s FROM huong_hoa_area
        UNION ALL SELECT 'district', povstat.merge(s) FROM huong_hoa_area) t
 ORDER BY area = 'district', area DESC;

-- Generated register against plain-SQL formulas of the same definitions.
CREATE TABLE gen AS
  SELECT i AS id, i % 97 AS commune,
         (ARRAY['poor', 'near_poor', 'average', 'better_off', NULL])[1 + abs(hashint4(i)) % 5]::povstat.hh_class AS before,
         (ARRAY['poor', 'near_poor', 'average', 'better_off', NULL])[1 + abs(hashint4(-i)) % 5]::povstat.hh_class AS after,
         (abs(hashint4(i + 100000)) % 3 = 0) AS exited_before,
         1 + (i % 7) * 0.25 AS w
    FROM generate_series(1, 20000) i;
CREATE VIEW gen_expected AS
  SELECT
    sum(w) FILTER (WHERE before IS NOT NULL) AS households_start,
    sum(w) FILTER (WHERE after IS NOT NULL) AS households_end,
    sum(w) FILTER (WHERE before IS NULL AND after IS NOT NULL) AS households_entered,
    sum(w) FILTER (WHERE before IS NOT NULL AND after IS NULL) AS households_left,
    sum(w) FILTER (WHERE before = 'poor') AS poor_start,
    sum(w) FILTER (WHERE before = 'poor' AND after = 'poor') AS poor_remained,
    sum(w) FILTER (WHERE before = 'poor' AND after <> 'poor') AS poor_exited,
    sum(w) FILTER (WHERE before = 'poor' AND after = 'near_poor') AS poor_exited_to_near_poor,
    sum(w) FILTER (WHERE before = 'poor' AND after IN ('average', 'better_off')) AS poor_exited_above_near_poor,
    sum(w) FILTER (WHERE before = 'poor' AND after IS NULL) AS poor_left,
    sum(w) FILTER (WHERE before <> 'poor' AND after = 'poor' AND NOT exited_before) AS poor_newly,
    sum(w) FILTER (WHERE before <> 'poor' AND after = 'poor' AND exited_before) AS poor_returned,
    sum(w) FILTER (WHERE before IS NULL AND after = 'poor') AS poor_entered,
    sum(w) FILTER (WHERE after = 'poor') AS poor_end,
    sum(w) FILTER (WHERE before = 'near_poor') AS near_poor_start,
    sum(w) FILTER (WHERE before = 'near_poor' AND after <> 'near_poor') AS near_poor_exited,
    sum(w) FILTER (WHERE before = 'near_poor' AND after = 'poor') AS near_poor_exited_to_poor,
    sum(w) FILTER (WHERE before <> 'near_poor' AND after = 'near_poor' AND NOT exited_before) AS near_poor_newly,
    sum(w) FILTER (WHERE before <> 'near_poor' AND after = 'near_poor' AND exited_before) AS near_poor_returned,
    sum(w) FILTER (WHERE after = 'near_poor') AS near_poor_end
  FROM gen;
CREATE FUNCTION close(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $$ SELECT abs(a - b) <= 1e-12 * greatest(1, abs(b)) $$;
WITH p AS (SELECT povstat.transitions(before, after, exited_before, w) t FROM gen)
SELECT close((t).households_start, e.households_start) AND close((t).households_end, e.households_end)
       AND close((t).households_entered, e.households_entered)
       AND close((t).households_left, e.households_left) AS households_ok,
       close((t).poor_start, e.poor_start) AND close((t).poor_remained, e.poor_remained)
       AND close((t).poor_exited, e.poor_exited)
       AND close((t).poor_exited_to_near_poor, e.poor_exited_to_near_poor)
       AND close((t).poor_exited_above_near_poor, e.poor_exited_above_near_poor)
       AND close((t).poor_left, e.poor_left) AND close((t).poor_newly, e.poor_newly)
       AND close((t).poor_returned, e.poor_returned) AND close((t).poor_entered, e.poor_entered)
       AND close((t).poor_end, e.poor_end) AS poor_ok,
       close((t).poor_exit_rate, e.poor_exited / e.poor_start)
       AND close((t).poor_newly_rate, e.poor_newly / e.poor_end)
       AND close((t).poor_returned_rate, e.poor_returned / e.poor_end) AS rates_ok,
       close((t).near_poor_start, e.near_poor_start) AND close((t).near_poor_exited, e.near_poor_exited)
       AND close((t).near_poor_exited_to_poor, e.near_poor_exited_to_poor)
       AND close((t).near_poor_newly, e.near_poor_newly)
       AND close((t).near_poor_returned, e.near_poor_returned)
       AND close((t).near_poor_end, e.near_poor_end) AS near_poor_ok,
       close((t).poor_end, (t).poor_start - (t).poor_exited - (t).poor_left + (t).poor_newly
                           + (t).poor_returned + (t).poor_entered) AS poor_identity,
       close((t).near_poor_end, (t).near_poor_start - (t).near_poor_exited - (t).near_poor_left
                                + (t).near_poor_newly + (t).near_poor_returned
                                + (t).near_poor_entered) AS near_poor_identity,
       e.poor_returned > 0 AND e.poor_left > 0 AND e.poor_entered > 0 AS data_has_every_move
  FROM p, gen_expected e;
-- Matrix against GROUP BY: exact row counts and weights in every cell (rows
-- absent from both reviews are skipped, as documented).
WITH m AS (SELECT x.* FROM (SELECT povstat.transitions_state(before, after, w) s FROM gen) t,
                  povstat.transition_matrix(t.s) x),
g AS (SELECT coalesce(before::text, 'absent') b, coalesce(after::text, 'absent') a,
             count(*) n, sum(w) w FROM gen
       WHERE before IS NOT NULL OR after IS NOT NULL GROUP BY 1, 2)
SELECT count(*) AS cells, bool_and(coalesce(g.n, 0) = m.rows) AS rows_exact,
       bool_and(close(m.households, coalesce(g.w, 0))) AS weights_ok
  FROM m LEFT JOIN g ON g.b = m.before AND g.a = m.after;

-- The state: exact text round trip; binary round trip through COPY; merge
-- of a split (per commune) equals one pass.
SELECT s::text::povstat.transitions_state::text = s::text AS text_round_trip
  FROM (SELECT povstat.transitions_state(before, after, exited_before, w) s FROM gen) t;
CREATE TABLE st AS SELECT commune, povstat.transitions_state(before, after, exited_before, w) s
  FROM gen GROUP BY commune;
-- (through a file of the client: psql's \copy needs no server privilege)
\copy st TO 'results/transitions_state.bin' (FORMAT binary)
CREATE TABLE st2 (LIKE st);
\copy st2 FROM 'results/transitions_state.bin' (FORMAT binary)
SELECT count(*) AS states, bool_and(st.s::text = st2.s::text) AS binary_round_trip
  FROM st JOIN st2 USING (commune);
SELECT povstat.merge(s)::text = (SELECT povstat.transitions_state(before, after, exited_before, w)
                                   FROM gen)::text AS merge_counts_equal_text,
       close(povstat.poor_end(povstat.merge(s)), (SELECT poor_end FROM gen_expected)) AS merge_ok,
       povstat.merge(s) IS NOT NULL AS nonempty
  FROM st;
-- exact counts survive the merge (unweighted: counts are the weights)
SELECT povstat.poor_exited(povstat.merge(s)) =
         (SELECT count(*) FROM gen WHERE before = 'poor' AND after <> 'poor') AS exact_count
  FROM (SELECT commune, povstat.transitions_state(before, after) s FROM gen GROUP BY commune) t;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
  SELECT povstat.transitions_state(before, after, exited_before, w)::text s,
         povstat.transitions(before, after) t FROM gen;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF)
  SELECT povstat.transitions(before, after, exited_before, w) FROM gen;
SELECT (SELECT povstat.transition_matrix_array(povstat.transitions_state(before, after, exited_before, w))
          FROM gen) = povstat.transition_matrix_array(s::povstat.transitions_state) AS matrix_equal,
       (SELECT povstat.transitions(before, after) FROM gen) IS NOT DISTINCT FROM t AS unweighted_equal
  FROM serial;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal per-group computation.
SET enable_sort = off;
SELECT count(*) AS groups,
       bool_and(t IS NOT DISTINCT FROM (SELECT povstat.transitions(before, after, exited_before) FROM gen g2
                      WHERE g2.id % 400 = q.k)) AS all_equal
  FROM (SELECT id % 400 k, povstat.transitions(before, after, exited_before) t FROM gen GROUP BY 1) q;
RESET enable_sort;

-- Reduction target population: poor households that are not social-protection
-- households.  By hand: poor {1, 2, 3, 5}, of which 2 is social-protection and
-- 5 has no recorded status (counts): 3 count.  Non-poor and NULL class: not.
SELECT count(*) FILTER (WHERE povstat.counts_toward_target(cls, btxh)) AS target_population,
       count(*) FILTER (WHERE cls = 'poor') AS all_poor
  FROM (VALUES (1, 'poor'::povstat.hh_class, false), (2, 'poor', true), (3, 'poor', false),
               (4, 'near_poor', true), (5, 'poor', NULL), (6, NULL, false), (7, 'average', false)) v(id, cls, btxh);
SELECT povstat.counts_toward_target(NULL, false) AS null_class,
       povstat.counts_toward_target('poor', NULL) AS unknown_status,
       povstat.counts_toward_target('poor', true) AS social_protection;
-- The same filter on transitions (counts of the target population over a period).
SELECT povstat.poor_start(povstat.transitions_state(before, after) FILTER (WHERE NOT btxh)) AS target_start,
       povstat.poor_end(povstat.transitions_state(before, after) FILTER (WHERE NOT btxh)) AS target_end
  FROM (VALUES ('poor'::povstat.hh_class, 'poor'::povstat.hh_class, true),
               ('poor', 'near_poor', false), ('poor', 'poor', false), (NULL, 'poor', false)) v(before, after, btxh);

-- Bad input.
\set VERBOSITY default
SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, 'NaN'::float8);
SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, -1::float8);
SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, true, 'Infinity'::float8);
SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, w)
  FROM (VALUES (1e308::float8), (1e308)) v(w);
SELECT povstat.transitions_accum(NULL, 'poor', 'poor');
-- malformed states
SELECT '(v=1)'::povstat.transitions_state;
SELECT '(v=2,returns=0)'::povstat.transitions_state;
SELECT 'junk'::povstat.transitions_state;
-- a truncated state: "n_pp" present, "w_pp" missing
SELECT '(v=1,returns=0,n_pp=1)'::povstat.transitions_state;
-- weight without rows, negative count, returned households in a state built without exited_before
SELECT replace(s::text, 'n_pp=1,w_pp=1', 'n_pp=0,w_pp=1')::povstat.transitions_state
  FROM (SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)) t(s);
SELECT replace(s::text, 'n_pp=1', 'n_pp=-1')::povstat.transitions_state
  FROM (SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)) t(s);
SELECT replace(s::text, 'rn_ap=0,rw_ap=0', 'rn_ap=1,rw_ap=1')::povstat.transitions_state
  FROM (SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)) t(s);
SELECT replace(s::text, 'w_pp=1', 'w_pp=NaN')::povstat.transitions_state
  FROM (SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)) t(s);
SELECT (s::text || ' ')::povstat.transitions_state
  FROM (SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)) t(s);
-- states built with and without exited_before do not merge
SELECT povstat.merge(s) FROM (
  SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)
  UNION ALL
  SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class, true)) v(s);
