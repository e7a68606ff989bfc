-- FGT family and Watts: expected values computed by hand or by a plain-SQL
-- formula of the same definition.
\set ECHO all
SET extra_float_digits = 0;

-- incomes (1, 3), line 2: poor = {1}; g = 1 - 1/2 = 0.5
-- FGT0 = 1/2 = 0.5; FGT1 = 0.5/2 = 0.25; FGT2 = 0.25/2 = 0.125; Watts = ln(2)/2 = 0.34657359
SELECT povstat.headcount_ratio(y, 2), povstat.poverty_gap(y, 2),
       povstat.poverty_severity(y, 2), povstat.watts(y, 2),
       povstat.fgt(y, 2, 3)          -- 0.5^3 / 2 = 0.0625
  FROM (VALUES (1.0::float8), (3.0)) v(y);

-- R package ineq's documented example: Watts(z = 2000) 0.1620141, headcount 0.2
SELECT round(povstat.watts(y, 2000)::numeric, 7) AS watts,
       povstat.headcount_ratio(y, 2000) AS h
  FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) y;
SELECT round(povstat.watts(y, 2000)::numeric, 8) AS watts,
       povstat.headcount_ratio(y, 2000) AS h
  FROM unnest('{841,2063,2445,3438,4437,5401,6392,8304,11304,21961}'::float8[]) y;

-- Ties exactly at the line: (2, 2, 3) with line 2.
-- <= : 2 of 3 poor; <  : none.  Gaps are 0 either way.
SELECT povstat.headcount_ratio(y, 2) AS weak, povstat.headcount_ratio_strict(y, 2) AS strict,
       povstat.fgt(y, 2, 0) AS fgt0, povstat.fgt_strict(y, 2, 0) AS fgt0_strict,
       povstat.poverty_gap(y, 2) AS gap, povstat.poverty_gap_strict(y, 2) AS gap_strict
  FROM (VALUES (2.0::float8), (2.0), (3.0)) v(y);

-- Line per row (rural 1.5M, urban 2M); weights.  By hand:
--   (1.2M, rural, w 2): poor, g = 0.2;  (1.8M, urban, w 1): poor, g = 0.1;
--   (1.6M, rural, w 1): not poor.  W = 4.
--   FGT0 = 3/4; FGT1 = (2*0.2 + 0.1)/4 = 0.125; FGT2 = (2*0.04 + 0.01)/4 = 0.0225
SELECT povstat.headcount_ratio(y, z, w), povstat.poverty_gap(y, z, w),
       round(povstat.poverty_severity(y, z, w)::numeric, 12)
  FROM (VALUES (1200000::float8, 1500000::float8, 2::float8),
               (1800000, 2000000, 1), (1600000, 1500000, 1)) v(y, z, w);

-- Zero weights behave as absent rows; NULLs are skipped.
SELECT povstat.headcount_ratio(y, 2, w) AS with_zero_weight,
       povstat.headcount_ratio(y, 2) FILTER (WHERE w > 0) AS removed
  FROM (VALUES (1.0::float8, 1.0::float8), (1.5, 0), (3, 1), (NULL, 1), (1, NULL)) v(y, w);

-- Empty input and all-zero weights give NULL.
SELECT povstat.headcount_ratio(y, 2) FROM (SELECT 1.0::float8 WHERE false) v(y);
SELECT povstat.poverty_gap(1.0::float8, 2, 0.0::float8);

-- Zero income: in FGT (g = 1), outside Watts (numerator and denominator).
-- (0, 1, 4) line 2: FGT1 = (1 + 0.5)/3 = 0.5; Watts = ln(2/1) / 2 (weight of y > 0 is 2)
SELECT povstat.poverty_gap(y, 2), povstat.watts(y, 2), ln(2) / 2 AS watts_by_hand
  FROM (VALUES (0.0::float8), (1.0), (4.0)) v(y);

-- Generated data against the plain-SQL formula of the same definition.
CREATE TABLE hh AS
  SELECT i AS id, (i % 7) AS commune,
         exp(14 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)) AS income,
         CASE WHEN i % 3 = 0 THEN 2000000 ELSE 1500000 END::float8 AS line,
         1 + (i % 5) * 0.5 AS weight
    FROM generate_series(1, 20000) i;
WITH p AS (
  SELECT povstat.headcount_ratio(income, line, weight) h,
         povstat.poverty_gap(income, line, weight) g,
         povstat.poverty_severity(income, line, weight) s,
         povstat.fgt(income, line, 1.5, weight) f15,
         povstat.watts(income, line, weight) wt
    FROM hh),
q AS (
  SELECT sum(weight) FILTER (WHERE income <= line) / sum(weight) h,
         sum(weight * (1 - income / line)) FILTER (WHERE income <= line) / sum(weight) g,
         sum(weight * (1 - income / line) ^ 2) FILTER (WHERE income <= line) / sum(weight) s,
         sum(weight * (1 - income / line) ^ 1.5) FILTER (WHERE income <= line) / sum(weight) f15,
         sum(weight * ln(line / income)) FILTER (WHERE income <= line) / sum(weight) wt
    FROM hh)
SELECT abs(p.h - q.h) < 1e-12 AS h_ok, abs(p.g - q.g) < 1e-12 AS g_ok,
       abs(p.s - q.s) < 1e-12 AS s_ok, abs(p.f15 - q.f15) < 1e-12 AS f15_ok,
       abs(p.wt - q.wt) < 1e-12 AS watts_ok, q.h > 0.05 AND q.h < 0.95 AS sample_has_poor
  FROM p, q;

-- The state: exact text round trip, merge of a split equals one pass.
SELECT s::text::povstat.fgt_state::text = s::text AS text_round_trip
  FROM (SELECT povstat.fgt_state(income, line, weight) s FROM hh) t;
WITH parts AS (SELECT commune, povstat.fgt_state(income, line, weight) s FROM hh GROUP BY commune)
SELECT abs(povstat.poverty_gap(povstat.merge(s)) -
           (SELECT povstat.poverty_gap(income, line, weight) FROM hh)) < 1e-12 AS merge_ok,
       povstat.headcount(povstat.merge(s)) =
           (SELECT sum(weight) FILTER (WHERE income <= line) FROM hh) AS headcount_exact
  FROM parts;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
  SELECT povstat.poverty_gap(income, line, weight) g, povstat.fgt(income, line, 2.5) f,
         povstat.headcount_ratio_strict(income, line) h FROM hh;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF)
  SELECT povstat.poverty_gap(income, line, weight) FROM hh;
SELECT abs(p.g - s.g) < 1e-12 AS gap_equal, abs(p.f - s.f) < 1e-12 AS fgt_equal, p.h = s.h AS h_equal
  FROM (SELECT povstat.poverty_gap(income, line, weight) g, povstat.fgt(income, line, 2.5) f,
               povstat.headcount_ratio_strict(income, line) h FROM hh) p, serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal per-group computation.
SET enable_sort = off;
SELECT count(*) AS groups, bool_and(abs(g - (SELECT povstat.poverty_gap(income, line) FROM hh h2 WHERE h2.id % 500 = t.k)) < 1e-12) AS all_equal
  FROM (SELECT id % 500 k, povstat.poverty_gap(income, line) g FROM hh GROUP BY 1) t;
RESET enable_sort;

-- Bad input: an ERROR with SQLSTATE 22023 naming the value.
\set VERBOSITY default
SELECT povstat.poverty_gap('NaN'::float8, 2);
SELECT povstat.poverty_gap('Infinity'::float8, 2);
SELECT povstat.poverty_gap(1, 0);
SELECT povstat.poverty_gap(1, -5);
SELECT povstat.poverty_gap(1, 2, -1);
SELECT povstat.poverty_gap(1, 2, 'NaN');
SELECT povstat.fgt(1, 2, -1);
SELECT povstat.watts(-1, 2);
SELECT povstat.fgt(y, 2, a) FROM (VALUES (1.0::float8, 1.0::float8), (1.0, 2.0)) v(y, a);
-- malformed states
SELECT '(v=1)'::povstat.fgt_state;
SELECT '(v=2,strict=0)'::povstat.fgt_state;
SELECT '(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=2,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=1,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state;
SELECT '(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=1,nonpositive_rows=0,negative_rows=0,weight=-1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=1,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state;
-- states of different conventions do not merge
SELECT povstat.merge(s) FROM (SELECT povstat.fgt_state(1::float8, 2::float8)
                              UNION ALL SELECT povstat.fgt_state_strict(1::float8, 2::float8)) v(s);
-- a state without the Watts sums (as the headcount aggregates keep them) cannot give Watts
SELECT povstat.watts('(v=1,strict=0,has_alpha=0,has_watts=0,alpha=0,rows=1,poor_rows=1,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=1,weight_poor_c=0,gap=0.5,gap_c=0,gap2=0.25,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state);
-- but the other members of the family can: one poor row with gap 0.5
SELECT povstat.poverty_gap('(v=1,strict=0,has_alpha=0,has_watts=0,alpha=0,rows=1,poor_rows=1,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=1,weight_poor_c=0,gap=0.5,gap_c=0,gap2=0.25,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state);
