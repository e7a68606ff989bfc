-- Sort-based measures (src/sample.c): expected values by hand (arithmetic
-- in comments), published figures, or a plain-SQL formula of the same
-- definition on generated data.
\set ECHO all
SET extra_float_digits = 0;

-- R package ineq's documented example: Gini 0.4620911
SELECT round(povstat.gini(y)::numeric, 7) AS gini
  FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) y;

-- Weighted Gini, Eurostat formula: 0.4212963, unchanged with weights x 100;
-- ties (1000, 2000, 2000, 3000) weights (1, 10, 10, 1): 0.04338843
SELECT round(povstat.gini(x, w)::numeric, 7) AS gini,
       round(povstat.gini(x, w * 100)::numeric, 7) AS gini_x100
  FROM unnest('{3,1,4,1,5,9,2,6}'::float8[], '{1,2,1,3,1,1,2,1}'::float8[]) t(x, w);
SELECT round(povstat.gini(x, w)::numeric, 8) AS gini_ties
  FROM unnest('{1000,2000,2000,3000}'::float8[], '{1,10,10,1}'::float8[]) t(x, w);

-- incomes (1, 3), line 2: Gini = |1-3|*2 / (2 * 4 * 2) = 0.25;
-- H = 0.5, I = 0.5, G_p = 0 -> Sen = 0.5 * 0.5 = 0.25;
-- FGT1 = 0.25, g = (0.5, 0), G(g) = 2*0.5 / (2 * 4 * 0.25) = 0.5 -> SST = 0.25 * 1.5 = 0.375
SELECT povstat.gini(y), povstat.sen(y, 2), povstat.sst(y, 2)
  FROM (VALUES (1.0::float8), (3.0)) v(y);

-- Quantile rule: smallest k with C_k / W > p.  (1, 2, 3, 4): k/4 > 0.5 -> k = 3 -> 3;
-- (1..6): k/6 > 0.5 -> k = 4 -> 4; q(0) = min, q(1) = max; q(0.25): k/4 > 0.25 -> k = 2
SELECT povstat.median(y) AS median4, povstat.quantile(y, 0) AS q0,
       povstat.quantile(y, 0.25) AS q25, povstat.quantile(y, 1) AS q1
  FROM unnest('{4,2,1,3}'::float8[]) y;
SELECT povstat.median(y) AS median6 FROM generate_series(1, 6) g(y);
-- weighted: y (1, 2, 3), w (2, 1, 1): C/W = 0.5, 0.75, 1 -> median 2 (0.5 is not > 0.5)
SELECT povstat.median(y, w) FROM unnest('{3,1,2}'::float8[], '{1,2,1}'::float8[]) t(y, w);

-- Boundary rule: (6, 10, 10, 10, 20): median 10, ARPT 6; ARPR (<) 0, with <= 0.2;
-- RMPG undefined (no one below): NULL
SELECT povstat.median(y), povstat.arpt(y), povstat.arpr(y), povstat.rmpg(y),
       povstat.headcount_ratio(y, 6) AS at_or_below
  FROM unnest('{6,10,10,10,20}'::float8[]) y;
-- (2, 4, 10, 10, 12): median 10, ARPT 6, below: {2, 4} -> ARPR 0.4;
-- median of {2, 4}: k/2 > 0.5 -> k = 2 -> 4; RMPG = (6 - 4) / 6 = 0.333333
-- share 0.5: ARPT 5, same poor -> RMPG (5 - 4) / 5 = 0.2
SELECT povstat.arpt(y), povstat.arpr(y), round(povstat.rmpg(y)::numeric, 6) AS rmpg,
       povstat.arpt(y, 0.5) AS arpt50, povstat.rmpg(y, 0.5) AS rmpg50,
       povstat.arpr(y, 0.5, 2.0::float8) AS arpr50_w
  FROM unnest('{2,4,10,10,12}'::float8[]) y;
-- the same at an external threshold 6 (as a national ARPT within a region)
SELECT povstat.arpr_at(y, 6), round(povstat.rmpg_at(y, 6)::numeric, 6) AS rmpg_at
  FROM unnest('{2,4,10,10,12}'::float8[]) y;

-- 1..10 (T = 55): B(0.4) = 1+2+3+4 = 10, B(0.9) = 45 -> Palma 10/10 = 1;
-- B(0.2) = 3, B(0.8) = 36 -> S80/S20 = 19/3; q(0.2) = 3, q(0.8) = 9 -> QSR 10/6;
-- decile shares i/55; Lorenz at 0, 1/4, 1/2, 3/4, 1: B(0.25) = 1+2 + 0.5*3 = 4.5 -> 4.5/55,
-- B(0.5) = 15 -> 15/55, B(0.75) = 28 + 0.5*8 = 32 -> 32/55
SELECT povstat.palma(y), round(povstat.s80s20(y)::numeric, 10) AS s80s20,
       round(povstat.qsr(y)::numeric, 10) AS qsr,
       (SELECT array_agg(round(d::numeric * 55, 10)) FROM unnest(povstat.decile_shares(y)) d) AS deciles_x55,
       (SELECT array_agg(round(l::numeric * 55, 10)) FROM unnest(povstat.lorenz(y, 4)) l) AS lorenz_x55
  FROM generate_series(1, 10) g(y);
SELECT p, round(share::numeric * 55, 10) AS share_x55
  FROM povstat.lorenz_points((SELECT povstat.sample_state(y::float8) FROM generate_series(1, 10) y), 4);

-- Sen with ties at the line: (1, 2, 2, 4), line 2.
--   <= : poor (1, 2, 2): H = 3/4, I = (0.5 + 0 + 0)/3 = 1/6, G_p = Gini(0.5, 1, 1)
--        = (4 * 0.5) / (2 * 9 * 2.5/3) = 2/15; S = 0.75 (1/6 + 5/6 * 2/15) = 0.75 * 25/90 = 0.2083333
--   <  : poor (1): H = 1/4, I = 0.5, G_p = 0: S = 0.125
--   SST either way: FGT1 = 0.5/4 = 0.125, g = (0.5, 0, 0, 0), G(g) = 3 / (2 * 16 * 0.125) = 0.75
--        -> 0.125 * 1.75 = 0.21875
SELECT round(povstat.sen(y, 2)::numeric, 7) AS sen, povstat.sen_strict(y, 2) AS sen_strict,
       povstat.sst(y, 2) AS sst, povstat.sst_strict(y, 2) AS sst_strict
  FROM unnest('{1,2,2,4}'::float8[]) y;
-- no poor: 0; all poor at zero income: G_p = 0 -> S = H * I = 1; SST = 1 * (1 + 0) = 1
SELECT povstat.sen(y, 1), povstat.sst(y, 1) FROM unnest('{2,3}'::float8[]) y;
SELECT povstat.sen(y, 1), povstat.sst(y, 1) FROM unnest('{0,0}'::float8[]) y;
-- line per row: Sen uses income/line, (1, 2) with line 2 equals (2, 4) with line 4
SELECT povstat.sen(y, z) = povstat.sen(y * 2, z * 2) AS per_row_line_scale_free,
       povstat.sen(y, z) AS sen
  FROM (VALUES (1.0::float8, 2.0::float8), (3.0, 2.0), (3.0, 4.0), (5.0, 4.0)) v(y, z);

-- All equal incomes: Gini 0, Palma 0.1/0.4 = 0.25, S80/S20 1; QSR by the
-- laeken rule: nobody is above q(0.8) = 5, so 0.
SELECT povstat.gini(y), povstat.palma(y), round(povstat.s80s20(y)::numeric, 12) AS s80s20,
       povstat.qsr(y), povstat.median(y)
  FROM (SELECT 5.0::float8 FROM generate_series(1, 7)) v(y);
-- One row
-- (decile shares: 0.1 each; Palma 0.1/0.4 = 0.25; S80/S20 0.2/0.2 = 1)
SELECT povstat.gini(y), povstat.median(y), povstat.palma(y), round(povstat.s80s20(y)::numeric, 12) AS s80s20,
       povstat.arpr(y), (SELECT array_agg(round(d::numeric, 12)) FROM unnest(povstat.decile_shares(y)) d) AS deciles
  FROM (VALUES (42.0::float8)) v(y);
-- Zero incomes: (0, 0, 1): Gini = (2*1*3 - 1)/(3*1) - 1 = 2/3; median 0
SELECT round(povstat.gini(y)::numeric, 12) AS gini, povstat.median(y), povstat.palma(y)
  FROM unnest('{0,1,0}'::float8[]) y;
-- all incomes zero: Gini undefined (NULL), median 0
SELECT povstat.gini(y), povstat.median(y) FROM unnest('{0,0}'::float8[]) y;
-- negative incomes: quantiles fine, Gini an error
SELECT povstat.median(y), povstat.arpt(y) FROM unnest('{-5,1,3}'::float8[]) y;

-- Zero weights behave as absent rows (the same state); NULLs are skipped.
SELECT povstat.sample_state(y, w)::text =
       (SELECT povstat.sample_state(y, w)::text FROM (VALUES (1.0::float8, 1.0::float8), (3, 2)) v(y, w))
         AS same_state,
       -- (1, 3) with weights (1, 2): pairwise 2 * 1 * 2 * 2 / (2 * 3 * 7) = 8/42; C/W = 1/3, 1 -> median 3
       round(povstat.gini(y, w)::numeric, 12) AS gini, povstat.median(y, w) AS median
  FROM (VALUES (1.0::float8, 1.0::float8), (1.5, 0), (3, 2), (NULL, 1), (1, NULL)) v(y, w);
-- Empty input and all-zero weights give NULL.
SELECT povstat.gini(y), povstat.median(y), povstat.palma(y), povstat.sen(y, 1)
  FROM (SELECT 1.0::float8 WHERE false) v(y);
SELECT povstat.gini(1.0::float8, 0.0::float8), povstat.quantile(1.0::float8, 0.3, 0.0::float8);

-- Generated data against plain-SQL formulas of the same definitions.
-- Weights are multiples of 0.5, so cumulative weights are exact in float8.
CREATE TABLE smp AS
  SELECT i AS id, i % 7 AS commune,
         CASE WHEN i % 97 = 0 THEN 0
              ELSE round(exp(14 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)) / 1000) * 1000 END::float8 AS income,
         (1 + (i % 5) * 0.5)::float8 AS weight
    FROM generate_series(1, 1500) i;
-- ties exist (rounded incomes) and the sample holds zero incomes
SELECT count(*) > count(DISTINCT income) AS has_ties, min(income) = 0 AS has_zero FROM smp;

-- Gini against the weighted pairwise form
WITH p AS (SELECT povstat.gini(income, weight) g, povstat.gini(income) gu FROM smp),
q AS (SELECT sum(a.weight * b.weight * abs(a.income - b.income)) /
             (2 * (SELECT sum(weight) FROM smp) * (SELECT sum(weight * income) FROM smp)) g,
             sum(abs(a.income - b.income)) /
             (2 * count(*)::float8 ^ 0.5 * (SELECT sum(income) FROM smp)) gu
        FROM smp a, smp b)
SELECT abs(p.g - q.g) < 1e-12 AS gini_ok, abs(p.gu - q.gu) < 1e-12 AS gini_unweighted_ok, q.g > 0.1 AS nontrivial
  FROM p, q;

-- Quantiles by the cumulative-weight rule with window functions
WITH o AS (SELECT income, sum(weight) OVER (ORDER BY income ROWS UNBOUNDED PRECEDING) c,
                  sum(weight) OVER () wt,
                  row_number() OVER (ORDER BY income) k, count(*) OVER () n
             FROM smp),
ps AS (SELECT unnest('{0,0.1,0.2,0.25,0.5,0.8,0.9,0.99,1}'::float8[]) p)
SELECT bool_and(povstat_w = sql_w) AS weighted_ok, bool_and(povstat_u = sql_u) AS unweighted_ok
  FROM (SELECT ps.p,
               (SELECT povstat.quantile(income, ps.p, weight) FROM smp) povstat_w,
               (SELECT povstat.quantile(income, ps.p) FROM smp) povstat_u,
               coalesce((SELECT min(income) FILTER (WHERE c / wt > ps.p) FROM o), (SELECT max(income) FROM o)) sql_w,
               coalesce((SELECT min(income) FILTER (WHERE k::float8 / n > ps.p) FROM o), (SELECT max(income) FROM o)) sql_u
          FROM ps) t;

-- Interpolated Lorenz curve B(p) in SQL: k the first unit with C_k >= pW,
-- B(p) = S_{k-1} + (pW - C_{k-1}) y_k; Palma, S80/S20, decile shares, lorenz()
CREATE TEMP TABLE lz AS
  WITH o AS (SELECT income y, weight w,
                    sum(weight) OVER (ORDER BY income ROWS UNBOUNDED PRECEDING) c,
                    sum(weight * income) OVER (ORDER BY income ROWS UNBOUNDED PRECEDING) s
               FROM smp),
  tot AS (SELECT sum(weight) wt, sum(weight * income) t FROM smp)
  SELECT p, tot.t,
         (SELECT (o.s - o.w * o.y) + (p * tot.wt - (o.c - o.w)) * o.y
            FROM o WHERE o.c >= p * tot.wt ORDER BY o.c LIMIT 1) b
    FROM tot, (SELECT g / 20.0::float8 p FROM generate_series(0, 20) g) ps;
WITH b AS (SELECT max(b) FILTER (WHERE p = 0.2) b20, max(b) FILTER (WHERE p = 0.4) b40,
                  max(b) FILTER (WHERE p = 0.8) b80, max(b) FILTER (WHERE p = 0.9) b90, max(t) t FROM lz),
r AS (SELECT povstat.palma(income, weight) palma, povstat.s80s20(income, weight) s8020,
             povstat.decile_shares(income, weight) d, povstat.lorenz(income, 20, weight) l FROM smp)
SELECT abs(r.palma / ((b.t - b.b90) / b.b40) - 1) < 1e-12 AS palma_ok,
       abs(r.s8020 / ((b.t - b.b80) / b.b20) - 1) < 1e-12 AS s80s20_ok,
       (SELECT bool_and(abs(r.d[j] - (l2.b - l1.b) / l1.t) < 1e-12)
          FROM generate_series(1, 10) j
          JOIN lz l1 ON l1.p = (j - 1) / 10.0::float8 JOIN lz l2 ON l2.p = j / 10.0::float8) AS deciles_ok,
       (SELECT bool_and(abs(r.l[j + 1] - lz.b / lz.t) < 1e-12) FROM lz, generate_series(0, 20) j
         WHERE lz.p = j / 20.0::float8) AS lorenz_ok,
       r.palma > 0.5 AS nontrivial
  FROM b, r;

-- QSR, ARPT/ARPR/RMPG with the SQL quantile
WITH o AS (SELECT income, weight, sum(weight) OVER (ORDER BY income ROWS UNBOUNDED PRECEDING) c,
                  sum(weight) OVER () wt FROM smp),
q AS (SELECT min(income) FILTER (WHERE c / wt > 0.2) q20, min(income) FILTER (WHERE c / wt > 0.5) q50,
             min(income) FILTER (WHERE c / wt > 0.8) q80, max(wt) wt FROM o),
poor AS (SELECT income, weight, sum(weight) OVER (ORDER BY income ROWS UNBOUNDED PRECEDING) c,
                sum(weight) OVER () wt
           FROM smp, q WHERE income < 0.6 * q.q50),
sqlv AS (SELECT sum(weight * income) FILTER (WHERE income > q80) / sum(weight * income) FILTER (WHERE income <= q20) qsr,
                0.6 * q50 arpt, sum(weight) FILTER (WHERE income < 0.6 * q50) / max(q.wt) arpr,
                (0.6 * q50 - (SELECT min(income) FILTER (WHERE c / wt > 0.5) FROM poor)) / (0.6 * q50) rmpg
           FROM smp, q GROUP BY q20, q50, q80),
pv AS (SELECT povstat.qsr(income, weight) qsr, povstat.arpt(income, 0.6, weight) arpt,
              povstat.arpr(income, 0.6, weight) arpr, povstat.rmpg(income, 0.6, weight) rmpg FROM smp)
SELECT abs(pv.qsr - sqlv.qsr) < 1e-12 AS qsr_ok, pv.arpt = sqlv.arpt AS arpt_ok,
       pv.arpr = sqlv.arpr AS arpr_ok, abs(pv.rmpg - sqlv.rmpg) < 1e-12 AS rmpg_ok,
       sqlv.arpr > 0 AND sqlv.arpr < 0.5 AS nontrivial
  FROM pv, sqlv;

-- Sen and SST with line 1,000,000 against H, I, pairwise Ginis in SQL
WITH z AS (SELECT 1000000::float8 z),
poor AS (SELECT income, weight FROM smp, z WHERE income <= z),
g AS (SELECT id, weight, CASE WHEN income <= z THEN 1 - income / z ELSE 0 END gap FROM smp, z),
parts AS (SELECT (SELECT sum(weight) FROM poor) / (SELECT sum(weight) FROM smp) h,
                 (SELECT sum(weight * (1 - income / z)) FROM poor, z) / (SELECT sum(weight) FROM poor) i,
                 (SELECT sum(a.weight * b.weight * abs(a.income - b.income)) FROM poor a, poor b) /
                   (2 * (SELECT sum(weight) FROM poor) * (SELECT sum(weight * income) FROM poor)) gp,
                 (SELECT sum(weight * gap) FROM g) / (SELECT sum(weight) FROM smp) fgt1,
                 (SELECT sum(a.weight * b.weight * abs(a.gap - b.gap)) FROM g a, g b) /
                   (2 * (SELECT sum(weight) FROM smp) * (SELECT sum(weight * gap) FROM g)) gg)
SELECT abs(povstat.sen(income, 1000000, weight) - h * (i + (1 - i) * gp)) < 1e-12 AS sen_ok,
       abs(povstat.sst(income, 1000000, weight) - fgt1 * (1 + gg)) < 1e-12 AS sst_ok,
       abs(povstat.poverty_gap(income, 1000000, weight) - fgt1) < 1e-12 AS fgt1_agrees,
       max(h) > 0.05 AND max(h) < 0.9 AS nontrivial
  FROM smp, parts GROUP BY h, i, gp, fgt1, gg;

-- Aggregates sharing one state give the same values as alone.
SELECT povstat.gini(income, weight) = (SELECT povstat.gini(income, weight) FROM smp) AS gini_shared,
       povstat.median(income, weight) = (SELECT povstat.median(income, weight) FROM smp) AS median_shared,
       povstat.palma(income, weight) = (SELECT povstat.palma(income, weight) FROM smp) AS palma_shared
  FROM smp;

-- The state: exact text round trip (incomes, weighted, income/line, with a
-- constant argument), merge of a split equals one pass.
SELECT s::text::povstat.sample_state::text = s::text AS text_round_trip
  FROM (SELECT povstat.sample_state(income, weight) s FROM smp) t;
SELECT s::text::povstat.sample_state::text = s::text AS text_round_trip_unweighted,
       povstat.gini(s::text::povstat.sample_state) = povstat.gini(s) AS same_gini
  FROM (SELECT povstat.sample_state(income / 3) s FROM smp) t;
SELECT s::text::povstat.sample_state::text = s::text AS text_round_trip_at_line
  FROM (SELECT povstat.sample_state_at(income, 1e6, weight) s FROM smp) t;
SELECT povstat.sample_state(y)::text AS small_state_text
  FROM unnest('{3,1,2}'::float8[]) y;
WITH parts AS (SELECT commune, povstat.sample_state(income, weight) s FROM smp GROUP BY commune),
m AS (SELECT povstat.merge(s) s FROM parts)
SELECT abs(povstat.gini(m.s) - (SELECT povstat.gini(income, weight) FROM smp)) < 1e-12 AS merge_gini_ok,
       povstat.median(m.s) = (SELECT povstat.median(income, weight) FROM smp) AS merge_median_ok,
       povstat.population(m.s) = (SELECT sum(weight) FROM smp) AS population_ok,
       povstat.sample_rows(m.s) AS sample_rows
  FROM m;
-- an unweighted state merges with a weighted one (weights 1)
SELECT povstat.median(povstat.merge(s)), povstat.population(povstat.merge(s))
  FROM (SELECT povstat.sample_state(y) FROM unnest('{1,2}'::float8[]) y
        UNION ALL SELECT povstat.sample_state(y, 2.0::float8) FROM unnest('{3}'::float8[]) y) v(s);

-- Parallel plan equals serial plan.
CREATE TABLE smp_big AS
  SELECT i AS id, exp(14 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)) AS income,
         (1 + (i % 5) * 0.5)::float8 AS weight
    FROM generate_series(1, 20000) i;
ANALYZE smp_big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
  SELECT povstat.gini(income, weight) g, povstat.median(income, weight) m, povstat.palma(income) p,
         povstat.quantile(income, 0.9) q, povstat.sen(income, 1e6) s FROM smp_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF)
  SELECT povstat.gini(income, weight) FROM smp_big;
SELECT abs(p.g - s.g) < 1e-12 AS gini_equal, p.m = s.m AS median_equal, abs(p.p - s.p) < 1e-12 AS palma_equal,
       p.q = s.q AS quantile_equal, abs(p.s - s.s) < 1e-12 AS sen_equal
  FROM (SELECT povstat.gini(income, weight) g, povstat.median(income, weight) m, povstat.palma(income) p,
               povstat.quantile(income, 0.9) q, povstat.sen(income, 1e6) s FROM smp_big) p, serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- A plain aggregate whose input the planner puts at 524,288 rows or more
-- maps its arrays at that size from its first row (sample_expected_rows).
-- By the quantile rule (the first value whose cumulative share exceeds 1/2)
-- the median of 1..600000 is 300001 in any order: x * 7919 mod 600000
-- permutes them, so that the sort runs and gives back the rest of the
-- mapping.  A FILTER is not sized from the estimate; the median of 1..3 is
-- 2.  The planner puts x > 0 at a third of 1.6 million rows and all of
-- them pass, so the arrays grow past the estimate: the median is 800001,
-- and the weighted quantile equals that of the same rows under a tighter
-- estimate (about 8,000 rows), which take the usual path.
SELECT povstat.median(x::float8) AS median_sorted_input,
       povstat.median(((x::bigint * 7919) % 600000 + 1)::float8) AS median_permuted,
       povstat.median(x::float8) FILTER (WHERE x <= 3) AS median_of_3
  FROM generate_series(1, 600000) x;
SELECT povstat.median(x::float8) AS median_grown,
       povstat.quantile(x::float8, 0.3, (1 + x % 3)::float8)
         = (SELECT povstat.quantile(y::float8, 0.3, (1 + y % 3)::float8)
              FROM generate_series(1, 1600000) y WHERE y > 0 AND y <= 1600000) AS weighted_quantile_same
  FROM generate_series(1, 1600000) x WHERE x > 0;

-- Many groups: hash aggregation (in memory, then spilling to disk with a
-- small work_mem) equals sorted per-group computation.
SET enable_hashagg = off;
CREATE TEMP TABLE per_group AS
  SELECT id % 500 k, povstat.gini(income, weight) g, povstat.median(income) m FROM smp_big GROUP BY 1;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS groups, bool_and(abs(t.g - p.g) < 1e-12 AND t.m = p.m) AS all_equal
  FROM (SELECT id % 500 k, povstat.gini(income, weight) g, povstat.median(income) m FROM smp_big GROUP BY 1) t
  JOIN per_group p USING (k);
SET work_mem = '64kB';
DO $$
DECLARE
  l text;
  spilled bool := false;
BEGIN
  FOR l IN EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
      SELECT id % 500, povstat.gini(income, weight) FROM smp_big GROUP BY 1
  LOOP
    spilled := spilled OR l ~ 'Disk Usage: [1-9]';
  END LOOP;
  RAISE NOTICE 'hash aggregation spilled to disk: %', spilled;
END $$;
SELECT count(*) AS groups, bool_and(abs(t.g - p.g) < 1e-12 AND t.m = p.m) AS all_equal_spilled
  FROM (SELECT id % 500 k, povstat.gini(income, weight) g, povstat.median(income) m FROM smp_big GROUP BY 1) t
  JOIN per_group p USING (k);
RESET work_mem;
RESET enable_sort;

-- Bad input: an ERROR with SQLSTATE 22023 naming the value.
\set VERBOSITY default
SELECT povstat.gini('NaN'::float8);
SELECT povstat.median('-Infinity'::float8);
SELECT povstat.gini(1, -1);
SELECT povstat.median(1, 'Infinity');
SELECT povstat.quantile(1, 1.5);
SELECT povstat.quantile(1, 'NaN');
SELECT povstat.quantile(y, p) FROM (VALUES (1.0::float8, 0.1::float8), (2.0, 0.2)) v(y, p);
SELECT povstat.arpt(1, 1.0);
SELECT povstat.arpr(y, w) FROM (VALUES (1.0::float8, 0.3::float8), (2.0, 0.5)) v(y, w);
SELECT povstat.lorenz(1, 0);
SELECT povstat.gini(y) FROM unnest('{-5,1,3}'::float8[]) y;
SELECT povstat.palma(y) FROM unnest('{-5,1,3}'::float8[]) y;
SELECT povstat.sen(1, 0);
SELECT povstat.sen(-1, 2);
SELECT povstat.sen(povstat.sample_state(1.0::float8));
SELECT povstat.quantile(povstat.sample_state(1.0::float8), -0.1);
SELECT povstat.gini(y) FROM unnest('{1e308,1e308}'::float8[]) y;
SELECT povstat.sen(1e300, 1e-300);
-- malformed states
SELECT '(v=1)'::povstat.sample_state;
SELECT '(v=2,weighted=0)'::povstat.sample_state;
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=2,data=P/AAAAAAAAA=)'::povstat.sample_state;
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=1,data=P/AAAAAAAA!=)'::povstat.sample_state;
-- NaN value (0x7ff8000000000000)
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=1,data=f/gAAAAAAAA=)'::povstat.sample_state;
-- weight -1 (0xbff0000000000000)
SELECT '(v=1,weighted=1,sorted=0,at_line=0,has_param=0,param=0,n=1,data=P/AAAAAAAAC/8AAAAAAAAA==)'::povstat.sample_state;
-- flagged sorted but (2, 1) is not
SELECT '(v=1,weighted=0,sorted=1,at_line=0,has_param=0,param=0,n=2,data=QAAAAAAAAAA/8AAAAAAAAA==)'::povstat.sample_state;
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=0,data=)x'::povstat.sample_state;
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0.5,n=0,data=)'::povstat.sample_state;
SELECT '(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=-1,data=)'::povstat.sample_state;
-- an empty state is valid and finishes to NULL
SELECT povstat.gini('(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=0,data=)'::povstat.sample_state);
-- states of different kinds do not merge
SELECT povstat.merge(s) FROM (SELECT povstat.sample_state(1::float8)
                              UNION ALL SELECT povstat.sample_state_at(1::float8, 2::float8)) v(s);
-- support functions outside an aggregate
SELECT povstat.sample_accum(NULL, 1.0::float8);
