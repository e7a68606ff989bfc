-- Inequality moments (GE, Theil, MLD, Atkinson): expected values computed by
-- hand, from a published figure, or by a plain-SQL formula of the same
-- definition (measures.md, "Inequality").
\set ECHO all
SET extra_float_digits = 0;

-- R package ineq's documented example: Atkinson(0.5) = 0.1796591 (published)
SELECT round(povstat.atkinson(y, 0.5)::numeric, 7) AS atkinson_half
  FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) y;

-- Incomes (1, 3): mean 2, r = (0.5, 1.5).
--   Theil  = (0.5 ln 0.5 + 1.5 ln 1.5) / 2
--   MLD    = -(ln 0.5 + ln 1.5) / 2 = -ln(0.75) / 2
--   GE(2)  = ((0.25 + 2.25) / 2 - 1) / 2 = 0.125
--   GE(-1) = ((2 + 2/3) / 2 - 1) / 2 = 1/6
--   GE(0.5) = ((sqrt 0.5 + sqrt 1.5) / 2 - 1) / (0.25 - 0.5)
--   Atkinson(1) = 1 - sqrt(1 * 3) / 2;  Atkinson(2) = 1 - harmonic mean 1.5 / 2 = 0.25
SELECT abs(povstat.theil(y) - (0.5 * ln(0.5) + 1.5 * ln(1.5)) / 2) < 1e-15 AS theil_ok,
       abs(povstat.mld(y) - (-ln(0.75) / 2)) < 1e-15 AS mld_ok,
       abs(povstat.ge(y, 2) - 0.125) < 1e-15 AS ge2_ok,
       abs(povstat.ge(y, -1) - 1.0 / 6) < 1e-15 AS ge_minus1_ok,
       abs(povstat.ge(y, 0.5) - ((sqrt(0.5) + sqrt(1.5)) / 2 - 1) / (-0.25)) < 1e-15 AS ge_half_ok,
       abs(povstat.ge(y, 1) - povstat.theil(y)) < 1e-15 AS ge1_is_theil,
       abs(povstat.ge(y, 0) - povstat.mld(y)) < 1e-15 AS ge0_is_mld,
       abs(povstat.atkinson(y, 1) - (1 - sqrt(3.0) / 2)) < 1e-15 AS atk1_ok,
       abs(povstat.atkinson(y, 2) - 0.25) < 1e-15 AS atk2_ok,
       povstat.atkinson(y, 0) AS atk0
  FROM (VALUES (1.0::float8), (3.0)) v(y);

-- Zero incomes, (0, 2, 4).  Over all rows: mean 2, r = (0, 1, 2):
--   Theil = (0 + 1 ln 1 + 2 ln 2) / 3 = 2 ln 2 / 3;  GE(2) = ((0 + 1 + 4)/3 - 1)/2 = 1/3
--   Atkinson(0.5) = 1 - ((0 + 1 + sqrt 2) / 3)^2
-- Over y > 0 only, (2, 4): mean 3:
--   MLD = -(ln(2/3) + ln(4/3)) / 2 = -ln(8/9) / 2;  Atkinson(1) = 1 - sqrt(8) / 3
--   GE(-1) = ((3/2 + 3/4) / 2 - 1) / 2 = 1/16;  Atkinson(2) = 1 - (2 / (1/2 + 1/4)) / 3 = 1/9
SELECT abs(povstat.theil(y) - 2 * ln(2) / 3) < 1e-15 AS theil_ok,
       abs(povstat.ge(y, 2) - 1.0 / 3) < 1e-15 AS ge2_ok,
       abs(povstat.atkinson(y, 0.5) - (1 - ((1 + sqrt(2)) / 3) ^ 2)) < 1e-15 AS atk_half_ok,
       abs(povstat.mld(y) - (-ln(8.0 / 9) / 2)) < 1e-15 AS mld_ok,
       abs(povstat.atkinson(y, 1) - (1 - sqrt(8) / 3)) < 1e-15 AS atk1_ok,
       abs(povstat.ge(y, -1) - 1.0 / 16) < 1e-15 AS ge_minus1_ok,
       abs(povstat.atkinson(y, 2) - 1.0 / 9) < 1e-15 AS atk2_ok
  FROM (VALUES (0.0::float8), (2.0), (4.0)) v(y);

-- All-equal incomes and a single row: no inequality (0 for every measure).
SELECT povstat.theil(y) AS theil, povstat.mld(y) AS mld, povstat.ge(y, 2) AS ge2,
       povstat.ge(y, 3) AS ge3, povstat.atkinson(y, 0.5) AS atk_half,
       povstat.atkinson(y, 1) AS atk1, povstat.atkinson(y, 2) AS atk2
  FROM (SELECT 1234567.0::float8 FROM generate_series(1, 1000)) v(y);
SELECT round(povstat.theil(y)::numeric, 12) AS theil, round(povstat.mld(y)::numeric, 12) AS mld,
       round(povstat.atkinson(y, 1.5)::numeric, 12) AS atk FROM (VALUES (1.5e6::float8)) v(y);

-- Empty input, total weight 0, all incomes 0 (mean 0): NULL.
SELECT povstat.theil(y) AS empty FROM (SELECT 1.0::float8 WHERE false) v(y);
SELECT povstat.ge(1.0::float8, 2, 0.0::float8) AS zero_weight;
SELECT povstat.theil(y) AS theil, povstat.mld(y) AS mld, povstat.atkinson(y, 0.5) AS atk
  FROM (VALUES (0.0::float8), (0.0)) v(y);

-- Zero weights behave as absent rows; NULLs are skipped.
SELECT povstat.theil(y, w) = povstat.theil(y) FILTER (WHERE w > 0) AS zero_weight_is_absent,
       povstat.ge(y, 2, w) = povstat.ge(y, 2) FILTER (WHERE w > 0 AND y IS NOT NULL) AS nulls_skipped
  FROM (VALUES (1.0::float8, 1.0::float8), (7, 0), (3, 1), (NULL, 1), (100, NULL), (5, 1)) v(y, w);

-- Generated data (a few zero incomes, weights 1..3) against plain-SQL
-- formulas of the same definitions.
CREATE TABLE mh AS
  SELECT i AS id, i % 7 AS grp,
         CASE WHEN i % 97 = 0 THEN 0 ELSE exp(14 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)) END AS income,
         (1 + i % 3)::float8 AS weight
    FROM generate_series(1, 20000) i;
WITH p AS (
  SELECT povstat.theil(income, weight) theil, povstat.mld(income, weight) mld,
         povstat.ge(income, 2, weight) ge2, povstat.ge(income, 0.5, weight) ge05,
         povstat.ge(income, -1, weight) gem1, povstat.atkinson(income, 0.5, weight) a05,
         povstat.atkinson(income, 1, weight) a1, povstat.atkinson(income, 2, weight) a2,
         povstat.atkinson(income, 1.5, weight) a15
    FROM mh),
m AS (SELECT sum(weight * income) / sum(weight) mu, sum(weight) w FROM mh),
mp AS (SELECT sum(weight * income) / sum(weight) mu, sum(weight) w FROM mh WHERE income > 0),
q AS (
  SELECT (SELECT sum(weight * (income / m.mu) * ln(income / m.mu)) / m.w FROM mh WHERE income > 0) theil,
         (SELECT -sum(weight * ln(income / mp.mu)) / mp.w FROM mh WHERE income > 0) mld,
         (SELECT (sum(weight * (income / m.mu) ^ 2) / m.w - 1) / 2 FROM mh) ge2,
         (SELECT (sum(weight * (income / m.mu) ^ 0.5) / m.w - 1) / (0.25 - 0.5) FROM mh) ge05,
         (SELECT (sum(weight * (income / mp.mu) ^ -1) / mp.w - 1) / 2 FROM mh WHERE income > 0) gem1,
         (SELECT 1 - (sum(weight * (income / m.mu) ^ 0.5) / m.w) ^ 2 FROM mh) a05,
         (SELECT 1 - exp(sum(weight * ln(income / mp.mu)) / mp.w) FROM mh WHERE income > 0) a1,
         (SELECT 1 - (sum(weight * (income / mp.mu) ^ -1) / mp.w) ^ -1 FROM mh WHERE income > 0) a2,
         (SELECT 1 - (sum(weight * (income / mp.mu) ^ -0.5) / mp.w) ^ -2 FROM mh WHERE income > 0) a15
    FROM m, mp)
SELECT abs(p.theil - q.theil) < 1e-12 AS theil_ok, abs(p.mld - q.mld) < 1e-12 AS mld_ok,
       abs(p.ge2 - q.ge2) < 1e-12 AS ge2_ok, abs(p.ge05 - q.ge05) < 1e-12 AS ge05_ok,
       abs(p.gem1 - q.gem1) < 1e-12 AS gem1_ok, abs(p.a05 - q.a05) < 1e-12 AS a05_ok,
       abs(p.a1 - q.a1) < 1e-12 AS a1_ok, abs(p.a2 - q.a2) < 1e-12 AS a2_ok,
       abs(p.a15 - q.a15) < 1e-12 AS a15_ok,
       q.theil BETWEEN 0.05 AND 1 AS sample_is_unequal
  FROM p, q;

-- Integer weights equal replicated rows.
SELECT abs(a.t - b.t) < 1e-12 AS theil_equal, abs(a.g - b.g) < 1e-12 AS ge3_equal,
       abs(a.k - b.k) < 1e-12 AS atkinson_equal
  FROM (SELECT povstat.theil(income, weight) t, povstat.ge(income, 3, weight) g,
               povstat.atkinson(income, 2, weight) k FROM mh WHERE id <= 3000) a,
       (SELECT povstat.theil(income) t, povstat.ge(income, 3) g, povstat.atkinson(income, 2) k
          FROM mh, generate_series(1, weight::int) WHERE id <= 3000) b;

-- Scale invariance: incomes times 1000 give the same measures.
SELECT abs(povstat.theil(income * 1000, weight) - povstat.theil(income, weight)) < 1e-12 AS theil_scale,
       abs(povstat.atkinson(income * 1000, 0.5) - povstat.atkinson(income, 0.5)) < 1e-12 AS atkinson_scale
  FROM mh;

-- The state: finishers on stored states, exact text round trip, merge of a
-- split equals one pass.
CREATE TABLE moments_rollup AS
  SELECT grp, povstat.moments_state(income, weight) s, povstat.atkinson_state(income, 0.5, weight) a
    FROM mh GROUP BY grp;
SELECT bool_and(s::text::povstat.moments_state::text = s::text) AS text_round_trip,
       bool_and(a::text::povstat.moments_state::text = a::text) AS text_round_trip_pow
  FROM moments_rollup;
SELECT abs(povstat.theil(povstat.merge(s)) - (SELECT povstat.theil(income, weight) FROM mh)) < 1e-12 AS theil_merge,
       abs(povstat.mld(povstat.merge(s)) - (SELECT povstat.mld(income, weight) FROM mh)) < 1e-12 AS mld_merge,
       abs(povstat.ge(povstat.merge(s), 2) - (SELECT povstat.ge(income, 2, weight) FROM mh)) < 1e-12 AS ge2_merge,
       abs(povstat.atkinson(povstat.merge(s), 1) - (SELECT povstat.atkinson(income, 1, weight) FROM mh)) < 1e-12 AS atk1_merge,
       abs(povstat.atkinson(povstat.merge(a)) - (SELECT povstat.atkinson(income, 0.5, weight) FROM mh)) < 1e-12 AS atk_half_merge,
       abs(povstat.ge(povstat.merge(a), 0.5) - (SELECT povstat.ge(income, 0.5, weight) FROM mh)) < 1e-12 AS ge_half_from_atkinson_state,
       povstat.population(povstat.merge(s)) = (SELECT sum(weight) FROM mh) AS population_exact,
       abs(povstat.mean_income(povstat.merge(s)) / (SELECT sum(weight * income) / sum(weight) FROM mh) - 1) < 1e-14 AS mean_ok
  FROM moments_rollup;
SELECT abs(povstat.ge((SELECT povstat.ge_state(income, -0.5) FROM mh)) -
           (SELECT povstat.ge(income, -0.5) FROM mh)) < 1e-12 AS ge_state_own_alpha,
       abs(povstat.atkinson((SELECT povstat.atkinson_state(income, 3, weight) FROM mh)) -
           (SELECT povstat.atkinson(income, 3, weight) FROM mh)) < 1e-12 AS atkinson_state_own_epsilon;

-- Binary round trip (send, then receive through COPY BINARY via a file of
-- the client), and receive rejecting bytes that are not a moments_state.
\copy (SELECT grp, s, a FROM moments_rollup) TO 'results/moments_state.bin' (FORMAT binary)
CREATE TEMP TABLE moments_copy (grp int, s povstat.moments_state, a povstat.moments_state);
\copy moments_copy FROM 'results/moments_state.bin' (FORMAT binary)
SELECT count(*) AS rows, bool_and(c.s::text = r.s::text AND c.a::text = r.a::text) AS binary_round_trip
  FROM moments_copy c JOIN moments_rollup r USING (grp);
-- Hostile bytes: a bytea written by binary COPY is read back as a
-- moments_state, so the bytes reach moments_state's receive function as they are.
CREATE TEMP TABLE bad_src (b bytea);
CREATE TEMP TABLE bad_dst (s povstat.moments_state);
-- a valid state's bytes with the last byte cut off
INSERT INTO bad_src SELECT substr(povstat.moments_state_send(s), 1, length(povstat.moments_state_send(s)) - 1)
  FROM moments_rollup WHERE grp = 1;
\copy bad_src TO 'results/moments_bad.bin' (FORMAT binary)
\copy bad_dst FROM 'results/moments_bad.bin' (FORMAT binary)
-- with one byte more
TRUNCATE bad_src;
INSERT INTO bad_src SELECT povstat.moments_state_send(s) || '\x00'::bytea FROM moments_rollup WHERE grp = 1;
\copy bad_src TO 'results/moments_bad.bin' (FORMAT binary)
\copy bad_dst FROM 'results/moments_bad.bin' (FORMAT binary)
-- with the magic of fgt_state
TRUNCATE bad_src;
INSERT INTO bad_src SELECT overlay(povstat.moments_state_send(s) placing '\x46'::bytea from 1 for 1)
  FROM moments_rollup WHERE grp = 1;
\copy bad_src TO 'results/moments_bad.bin' (FORMAT binary)
\copy bad_dst FROM 'results/moments_bad.bin' (FORMAT binary)
-- the valid bytes are accepted: the one row received is the state sent
TRUNCATE bad_src;
INSERT INTO bad_src SELECT povstat.moments_state_send(s) FROM moments_rollup WHERE grp = 1;
\copy bad_src TO 'results/moments_bad.bin' (FORMAT binary)
\copy bad_dst FROM 'results/moments_bad.bin' (FORMAT binary)
SELECT count(*) AS received, bool_and(d.s::text = r.s::text) AS accepted
  FROM bad_dst d, moments_rollup r WHERE r.grp = 1;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE moments_serial AS
  SELECT povstat.theil(income, weight) t, povstat.atkinson(income, 0.5) a, povstat.ge(income, 2, weight) g FROM mh;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT povstat.theil(income, weight) FROM mh;
SELECT abs(p.t - s.t) < 1e-12 AS theil_equal, abs(p.a - s.a) < 1e-12 AS atkinson_equal,
       abs(p.g - s.g) < 1e-12 AS ge_equal
  FROM (SELECT povstat.theil(income, weight) t, povstat.atkinson(income, 0.5) a,
               povstat.ge(income, 2, weight) g FROM mh) p, moments_serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal per-group computation.
SET enable_sort = off;
SELECT count(*) AS groups,
       bool_and(abs(t - (SELECT povstat.theil(income) FROM mh m2 WHERE m2.id % 500 = g.k)) < 1e-12) AS theil_equal,
       bool_and(abs(a - (SELECT povstat.atkinson(income, 0.5) FROM mh m2 WHERE m2.id % 500 = g.k)) < 1e-12) AS atkinson_equal
  FROM (SELECT id % 500 k, povstat.theil(income) t, povstat.atkinson(income, 0.5) a FROM mh GROUP BY 1) g;
RESET enable_sort;

-- Bad input: an ERROR with SQLSTATE naming the value.
\set VERBOSITY default
SELECT povstat.theil(-1.0::float8);
SELECT povstat.theil('NaN'::float8);
SELECT povstat.mld('Infinity'::float8);
SELECT povstat.theil(1.0::float8, -1.0::float8);
SELECT povstat.ge(1.0::float8, 'NaN'::float8);
SELECT povstat.atkinson(1.0::float8, -0.5::float8);
SELECT povstat.atkinson(y, e) FROM (VALUES (1.0::float8, 0.5::float8), (2.0, 1.0)) v(y, e);
-- 22003: huge incomes overflow y^2; the measures do not depend on the unit
SELECT povstat.ge(1e200::float8, 2);
SELECT povstat.ge(1e-200::float8, -2);
-- a finisher asked for a parameter the state has no sum for
SELECT povstat.atkinson(povstat.moments_state(y), 0.5) FROM (VALUES (1.0::float8)) v(y);
SELECT povstat.ge(povstat.moments_state(y)) FROM (VALUES (1.0::float8)) v(y);
SELECT povstat.mld(povstat.ge_state(y, 2)) IS NOT NULL AS full_state_has_logs FROM (VALUES (1.0::float8)) v(y);
-- states of different measures do not merge
SELECT povstat.merge(s) FROM (SELECT povstat.moments_state(1.0::float8)
                              UNION ALL SELECT povstat.ge_state(1.0::float8, 3)) v(s);
-- malformed states
SELECT '(v=1)'::povstat.moments_state;
SELECT '(v=1,kind=3,log=1,pow=0,param=0,power=0,rows=0,positive_rows=0,weight=0,weight_c=0,weight_positive=0,weight_positive_c=0,wy=0,wy_c=0,wy2=0,wy2_c=0,wlog=0,wlog_c=0,wylog=0,wylog_c=0,wpow=0,wpow_c=0)'::povstat.moments_state;
SELECT '(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=2,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=1,wy_c=0,wy2=1,wy2_c=0,wlog=0,wlog_c=0,wylog=0,wylog_c=0,wpow=0,wpow_c=0)'::povstat.moments_state;
SELECT '(v=1,kind=2,log=1,pow=1,param=0.5,power=0.25,rows=1,positive_rows=1,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=1,wy_c=0,wy2=1,wy2_c=0,wlog=0,wlog_c=0,wylog=0,wylog_c=0,wpow=1,wpow_c=0)'::povstat.moments_state;
SELECT '(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=1,weight=-1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=1,wy_c=0,wy2=1,wy2_c=0,wlog=0,wlog_c=0,wylog=0,wylog_c=0,wpow=0,wpow_c=0)'::povstat.moments_state;
SELECT '(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=1,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=1,wy_c=0,wy2=1,wy2_c=0,wlog=0,wlog_c=0,wylog=0,wylog_c=0,wpow=0,wpow_c=0) x'::povstat.moments_state;
