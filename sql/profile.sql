-- Class profile: expected values counted by hand or by plain-SQL
-- count/sum FILTER over the same rows.
\set ECHO all
SET extra_float_digits = 0;

-- By hand.  Rows (class, members):
--   (poor 4) (poor 2) (near_poor 3) (average 5) (better_off 1) (NULL 2)
--   (better_off 0) (average NULL)
-- Households (unweighted; the weight column is not an argument): 8 rows,
--   poor 2, near_poor 1, average 2, better_off 2, unclassified 1;
--   rates 2/8 = 0.25, 1/8 = 0.125, 0.25, 0.25, 0.125.
-- Persons (members as weight; weight 0 = absent, NULL weight skips):
--   6 rows, poor 4+2 = 6, near_poor 3, average 5, better_off 1,
--   unclassified 2, total 17; rates 6/17, 3/17, 5/17, 1/17, 2/17.
CREATE TABLE ph (cls povstat.hh_class, members float8);
INSERT INTO ph VALUES ('poor', 4), ('poor', 2), ('near_poor', 3), ('average', 5),
  ('better_off', 1), (NULL, 2), ('better_off', 0), ('average', NULL);
SELECT (povstat.class_profile(cls)).* FROM ph;
SELECT (p).rows, (p).total, (p).poor, (p).near_poor, (p).average, (p).better_off, (p).unclassified,
       (p).poor_rate = 6.0 / 17 AS poor_rate_ok, (p).near_poor_rate = 3.0 / 17 AS near_poor_rate_ok,
       (p).average_rate = 5.0 / 17 AS average_rate_ok, (p).better_off_rate = 1.0 / 17 AS better_off_rate_ok,
       (p).unclassified_rate = 2.0 / 17 AS unclassified_rate_ok
  FROM (SELECT povstat.class_profile(cls, members) p FROM ph) t;
SELECT povstat.class_count(cls, 'poor') AS poor_households,
       povstat.class_rate(cls, 'poor') AS poor_household_rate,
       povstat.class_count(cls, 'poor', members) AS poor_persons,
       povstat.class_rate(cls, 'near_poor', members) = 3.0 / 17 AS near_poor_person_rate_ok
  FROM ph;

-- Scalar finishers on a stored state.
CREATE TABLE ph_state AS SELECT povstat.profile_state(cls, members) s, povstat.profile_state(cls) h FROM ph;
SELECT povstat.class_count(s, 'average') AS average_persons, povstat.class_rows(s, 'average') AS average_rows,
       povstat.class_rows(h, 'average') AS average_rows_unweighted,
       povstat.unclassified(s) AS unclassified_persons, povstat.population(s) AS persons,
       povstat.class_rate(h, 'better_off') AS better_off_rate, (povstat.class_profile(h)).rows
  FROM ph_state;
SELECT s::text AS weighted_text, h::text AS unweighted_text FROM ph_state;

-- Empty input and total weight 0 give NULL.
SELECT povstat.class_profile(cls) IS NULL AS empty_is_null FROM ph WHERE false;
SELECT povstat.class_profile(cls, 0) IS NULL AS zero_weight_is_null,
       povstat.class_rate(cls, 'poor', 0) IS NULL AS zero_weight_rate_is_null FROM ph;

-- Generated households classified by povstat.classify, against the same
-- classification counted with FILTER.
CREATE TABLE pgh AS
  SELECT i AS id, i % 7 AS commune,
         (CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END)::povstat.area AS area,
         round(exp(14.4 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)))::float8 AS income,
         povstat.deprivations(ARRAY(SELECT j FROM generate_series(1, 12) j WHERE (i * j) % 5 = 0)) AS deps,
         1 + i % 6 AS members
    FROM generate_series(1, 20000) i;
UPDATE pgh SET income = NULL WHERE id % 101 = 0;
CREATE TABLE pgh_c AS
  SELECT *, povstat.classify(income, area, deps, 'VN-2022-2025') AS cls FROM pgh;
WITH p AS (SELECT povstat.class_profile(cls, members) r FROM pgh_c),
q AS (
  SELECT count(*) n, sum(members) total,
         sum(members) FILTER (WHERE cls = 'poor') poor, sum(members) FILTER (WHERE cls = 'near_poor') near_poor,
         sum(members) FILTER (WHERE cls = 'average') average, sum(members) FILTER (WHERE cls = 'better_off') better_off,
         sum(members) FILTER (WHERE cls IS NULL) unclassified
    FROM pgh_c)
SELECT (r).rows = n AS rows_ok, (r).total = total AS total_ok, (r).poor = q.poor AS poor_ok,
       (r).near_poor = q.near_poor AS near_poor_ok, (r).average = q.average AS average_ok,
       (r).better_off = q.better_off AS better_off_ok, (r).unclassified = q.unclassified AS unclassified_ok,
       abs((r).poor_rate - q.poor::float8 / total) < 1e-15 AS poor_rate_ok,
       q.poor > 0 AND q.near_poor > 0 AND q.average > 0 AND q.better_off > 0 AS every_class_present
  FROM p, q;

-- Text round trip, binary round trip, merge of a split equals one pass.
CREATE TABLE profile_rollup AS
  SELECT commune, povstat.profile_state(cls) h, povstat.profile_state(cls, members) p
    FROM pgh_c GROUP BY commune;
SELECT bool_and(h::text::povstat.profile_state::text = h::text) AS text_round_trip,
       bool_and(p::text::povstat.profile_state::text = p::text) AS text_round_trip_weighted
  FROM profile_rollup;
\copy (SELECT commune, h, p FROM profile_rollup) TO 'results/profile_state.bin' (FORMAT binary)
CREATE TEMP TABLE profile_copy (commune int, h povstat.profile_state, p povstat.profile_state);
\copy profile_copy FROM 'results/profile_state.bin' (FORMAT binary)
SELECT count(*) AS rows, bool_and(c.h::text = r.h::text AND c.p::text = r.p::text) AS binary_round_trip
  FROM profile_copy c JOIN profile_rollup r USING (commune);
SELECT povstat.class_profile(povstat.merge(h)) = (SELECT povstat.class_profile(cls) FROM pgh_c) AS merge_households,
       povstat.class_profile(povstat.merge(p)) = (SELECT povstat.class_profile(cls, members) FROM pgh_c) AS merge_persons
  FROM profile_rollup;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE profile_serial AS
  SELECT povstat.class_profile(cls) h, povstat.class_profile(cls, members) p,
         povstat.class_rate(cls, 'near_poor') r FROM pgh_c;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT povstat.class_profile(cls) FROM pgh_c;
SELECT p.h = s.h AS households_equal, p.p = s.p AS persons_equal, p.r = s.r AS rate_equal
  FROM (SELECT povstat.class_profile(cls) h, povstat.class_profile(cls, members) p,
               povstat.class_rate(cls, 'near_poor') r FROM pgh_c) p, profile_serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal per-group FILTER counts.
SET enable_sort = off;
SELECT count(*) AS groups, bool_and(ok) AS all_equal FROM (
  SELECT (p).poor = c_poor AND (p).near_poor = c_near AND (p).unclassified = c_null AND (p).total = n AS ok
    FROM (SELECT id % 1000 k, povstat.class_profile(cls) p,
                 count(*) FILTER (WHERE cls = 'poor') c_poor, count(*) FILTER (WHERE cls = 'near_poor') c_near,
                 count(*) FILTER (WHERE cls IS NULL) c_null, count(*) n
            FROM pgh_c GROUP BY 1) g) t;
RESET enable_sort;

-- Bad input.
\set VERBOSITY default
SELECT povstat.class_profile(cls, -1) FROM ph;
SELECT povstat.class_profile(cls, 'NaN') FROM ph;
SELECT povstat.class_profile(cls, 'Infinity') FROM ph;
SELECT povstat.class_count(cls, t) FROM (VALUES ('poor'::povstat.hh_class, 'poor'::povstat.hh_class),
                                              ('poor', 'near_poor')) v(cls, t);
SELECT povstat.class_count(povstat.profile_state(cls)) FROM ph;
-- a weighted (persons) and an unweighted (households) state do not merge
SELECT povstat.merge(s) FROM (SELECT s FROM ph_state UNION ALL SELECT h FROM ph_state) v(s);
-- states for different target classes merge into one without a target
SELECT povstat.merge(s) AS merged, povstat.class_rate(povstat.merge(s), 'near_poor') AS near_poor_rate
  FROM (VALUES ('(v=1,weighted=0,target=1,poor_rows=1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state),
               ('(v=1,weighted=0,target=2,poor_rows=0,near_poor_rows=3,average_rows=0,better_off_rows=0,unclassified_rows=0)')) v(s);
SELECT povstat.class_count(povstat.merge(s)) AS no_target
  FROM (VALUES ('(v=1,weighted=0,target=1,poor_rows=1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state),
               ('(v=1,weighted=0,target=2,poor_rows=0,near_poor_rows=3,average_rows=0,better_off_rows=0,unclassified_rows=0)')) v(s);
SELECT povstat.class_count(s) AS own_target
  FROM (VALUES ('(v=1,weighted=0,target=2,poor_rows=1,near_poor_rows=3,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state)) v(s);
-- malformed states
SELECT '(v=1,weighted=0,target=0)'::povstat.profile_state;
SELECT '(v=1,weighted=0,target=5,poor_rows=0,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state;
SELECT '(v=1,weighted=0,target=0,poor_rows=-1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state;
SELECT '(v=1,weighted=1,target=0,poor_rows=0,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0,poor=2,poor_c=0,near_poor=0,near_poor_c=0,average=0,average_c=0,better_off=0,better_off_c=0,unclassified=0,unclassified_c=0)'::povstat.profile_state;
SELECT '(v=1,weighted=0,target=0,poor_rows=9223372036854775807,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state AS max_rows;
SELECT povstat.merge(s) FROM (VALUES ('(v=1,weighted=0,target=0,poor_rows=9223372036854775807,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state),
                                     ('(v=1,weighted=0,target=0,poor_rows=1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0)')) v(s);
SELECT povstat.class_profile(s) FROM (VALUES ('(v=1,weighted=0,target=0,poor_rows=9223372036854775807,near_poor_rows=1,average_rows=0,better_off_rows=0,unclassified_rows=0)'::povstat.profile_state)) v(s);
