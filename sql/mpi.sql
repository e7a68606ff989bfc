-- Alkire-Foster multidimensional poverty: expected values from Alkire &
-- Foster's illustrative matrix (measures.md), by hand, or by plain-SQL
-- formulas of the same definitions.
\set ECHO all
SET extra_float_digits = 0;

-- Alkire & Foster (2011), 4 persons x 4 indicators, equal weights 1/4:
--   p1 {} (score 0), p2 {2,4} (0.5), p3 {1,2,3,4} (1), p4 {2} (0.25).
-- k = 2 of 4 (0.5): poor p2, p3.  H = 2/4 = 0.5; M0 = (2 + 4) / (4 * 4) = 0.375;
--   A = 0.375 / 0.5 = 0.75; censored (1,2,1,2)/4; uncensored (1,3,1,2)/4;
--   contributions (1/4)(0.25)/0.375 = 1/6, (1/4)(0.5)/0.375 = 1/3, 1/6, 1/3.
CREATE TABLE af (person int, deps povstat.deprivations);
INSERT INTO af VALUES (1, '{}'), (2, '{2,4}'), (3, '{1,2,3,4}'), (4, '{2}');
SELECT (povstat.mpi(deps, 4, 2)).* FROM af;
SELECT (r).contribution = ARRAY[1.0/6, 1.0/3, 1.0/6, 1.0/3]::float8[] AS contributions_ok
  FROM (SELECT povstat.mpi(deps, 4, 2) r FROM af) t;
-- k = 1 (0.25): poor p2, p3, p4: H = 0.75, M0 = (2 + 4 + 1)/16 = 0.4375.
-- k = 3 and 4 (0.75, 1): poor p3: H = 0.25, M0 = 4/16 = 0.25.
SELECT k, (povstat.mpi(deps, 4, k)).h, (povstat.mpi(deps, 4, k)).m0
  FROM af, generate_series(1, 4) k GROUP BY k ORDER BY k;
-- The same with indicator weights 1/4 and k as a share.
SELECT k, (r).h, (r).a, (r).m0, (r).censored_headcount, (r).uncensored_headcount
  FROM (SELECT k, povstat.mpi(deps, '{0.25,0.25,0.25,0.25}', k) r
          FROM af, unnest('{0.25,0.5,0.75,1}'::float8[]) k GROUP BY k) t ORDER BY k;

-- Unequal weights (0.4, 0.2, 0.2, 0.2), k = 0.4, by hand: scores p1 0,
-- p2 0.2 + 0.2 = 0.4, p3 1, p4 0.2; poor p2, p3.  H = 0.5;
-- M0 = (0.4 + 1) / 4 = 0.35; A = 0.7; censored (1,2,1,2)/4;
-- contributions 0.4*0.25/0.35 = 2/7, 0.2*0.5/0.35 = 2/7, 0.2*0.25/0.35 = 1/7, 2/7.
SELECT abs((r).h - 0.5) < 1e-15 AS h_ok, abs((r).m0 - 0.35) < 1e-15 AS m0_ok,
       abs((r).a - 0.7) < 1e-15 AS a_ok, (r).censored_headcount,
       (SELECT bool_and(abs(c - e) < 1e-15) FROM unnest((r).contribution, ARRAY[2.0/7, 2.0/7, 1.0/7, 2.0/7]::float8[]) u(c, e)) AS contributions_ok
  FROM (SELECT povstat.mpi(deps, '{0.4,0.2,0.2,0.2}', 0.4) r FROM af) t;

-- The 1/12 trap: twelve equal weights, a household deprived in six.  The
-- float sum of six weights 1/12 is below 0.5, yet 6/12 >= 0.5 must count.
SELECT (SELECT sum(w) FROM (SELECT (1.0 / 12)::float8 w FROM generate_series(1, 6)) s) < 0.5 AS float_sum_is_below_half,
       (povstat.mpi(d, array_fill((1.0 / 12)::float8, ARRAY[12]), 0.5)).h AS h_weights,
       (povstat.mpi(d, 12, 6)).h AS h_count,
       (povstat.mpi(d, array_fill((1.0 / 12)::float8, ARRAY[12]), 0.5)).m0 AS m0_weights
  FROM (VALUES ('{1,3,5,7,9,11}'::povstat.deprivations)) v(d);
-- unequal weights whose float sum also rounds below the cutoff:
-- 1/6 + 1/12 * 4 = 0.5 exactly in arithmetic
SELECT (povstat.mpi(d, ARRAY[1.0/6, 1.0/6, 1.0/6, 1.0/12, 1.0/12, 1.0/12, 1.0/12, 1.0/12, 1.0/12]::float8[], 0.5)).h
  FROM (VALUES ('{1,4,5,6,7}'::povstat.deprivations)) v(d);

-- No one poor: H = 0, M0 = 0, A and contributions NULL.  Empty input and
-- total weight 0: NULL.
SELECT (povstat.mpi(deps, 4, 4)).* FROM af WHERE person <> 3;
SELECT povstat.mpi(deps, 4, 2) IS NULL AS empty_is_null FROM af WHERE false;
SELECT povstat.mpi(deps, 4, 2, 0) IS NULL AS zero_weight_is_null FROM af;

-- Weights equal replicated rows; zero weights equal removed rows; NULLs skipped.
SELECT povstat.mpi(deps, 4, 2, w) = (SELECT povstat.mpi(deps, 4, 2) FROM af, generate_series(1, person) WHERE person <> 2) AS replicated,
       povstat.mpi(deps, 4, 2, w) = povstat.mpi(deps, 4, 2, w) FILTER (WHERE w > 0) AS zero_weight_absent
  FROM (SELECT deps, CASE WHEN person = 2 THEN 0 ELSE person END::float8 w FROM af
        UNION ALL SELECT NULL, 1 UNION ALL SELECT '{1}', NULL) t;

-- Generated households (12 indicators correlated with income) against
-- plain-SQL formulas, weighted.
CREATE TABLE mpih AS
  SELECT i AS id, i % 7 AS grp, (1 + i % 4)::float8 AS w,
         povstat.deprivations(ARRAY(SELECT j FROM generate_series(1, 12) j
                                     WHERE ((i * 7919 + j * 104729) % 1000) < 150 + 200 * sin(i * 0.37))) AS deps
    FROM generate_series(1, 20000) i;
WITH p AS (SELECT povstat.mpi(deps, 12, 3, w) r FROM mpih),
x AS (SELECT w, povstat.deprivation_count(deps) c, povstat.positions(deps) pos FROM mpih),
q AS (SELECT sum(w) FILTER (WHERE c >= 3) / sum(w) h,
             sum(w * c) FILTER (WHERE c >= 3) / 12.0 / sum(w) m0,
             sum(w * c) FILTER (WHERE c >= 3) / 12.0 / sum(w) FILTER (WHERE c >= 3) a FROM x),
j AS (SELECT j, sum(w) FILTER (WHERE j = ANY (pos) AND c >= 3) / (SELECT sum(w) FROM x) cens,
             sum(w) FILTER (WHERE j = ANY (pos)) / (SELECT sum(w) FROM x) unc
        FROM x, generate_series(1, 12) j GROUP BY j)
SELECT abs((r).h - q.h) < 1e-12 AS h_ok, abs((r).m0 - q.m0) < 1e-12 AS m0_ok, abs((r).a - q.a) < 1e-12 AS a_ok,
       (SELECT bool_and(abs((r).censored_headcount[j] - cens) < 1e-12 AND abs((r).uncensored_headcount[j] - unc) < 1e-12
                        AND abs((r).contribution[j] - cens / 12 / q.m0) < 1e-12) FROM j) AS indicators_ok,
       abs((SELECT sum(c) FROM unnest((r).contribution) c) - 1) < 1e-12 AS contributions_sum_to_1,
       q.h BETWEEN 0.1 AND 0.9 AS sample_has_poor
  FROM p, q;
-- the same through indicator weights 1/12 (equal: integer cutoff 0.25 * 12 = 3)
SELECT abs((a).m0 - (b).m0) < 1e-12 AND (a).h = (b).h AS weights_form_equals_count_form
  FROM (SELECT povstat.mpi(deps, 12, 3, w) a, povstat.mpi(deps, array_fill((1.0 / 12)::float8, ARRAY[12]), 0.25, w) b FROM mpih) t;

-- Stored states: scalar finishers, text and binary round trips, merge of a
-- split equals one pass.
CREATE TABLE mpi_rollup AS
  SELECT grp, povstat.mpi_state(deps, 12, 3) c, povstat.mpi_state(deps, '{0.2,0.1,0.1,0.1,0.1,0.05,0.05,0.05,0.05,0.1,0.05,0.05}', 0.3, w) x
    FROM mpih GROUP BY grp;
SELECT bool_and(c::text::povstat.mpi_state::text = c::text) AS text_round_trip,
       bool_and(x::text::povstat.mpi_state::text = x::text) AS text_round_trip_weighted
  FROM mpi_rollup;
-- binary round trip: send, then receive through COPY BINARY via a file of the client
\copy (SELECT grp, c, x FROM mpi_rollup) TO 'results/mpi_state.bin' (FORMAT binary)
CREATE TEMP TABLE mpi_copy (grp int, c povstat.mpi_state, x povstat.mpi_state);
\copy mpi_copy FROM 'results/mpi_state.bin' (FORMAT binary)
SELECT count(*) AS rows, bool_and(m.c::text = r.c::text AND m.x::text = r.x::text) AS binary_round_trip
  FROM mpi_copy m JOIN mpi_rollup r USING (grp);
SELECT povstat.mpi(povstat.merge(c)) = (SELECT povstat.mpi(deps, 12, 3) FROM mpih) AS merge_count_form,
       abs(povstat.mpi_m0(povstat.merge(x)) - (SELECT (povstat.mpi(deps, '{0.2,0.1,0.1,0.1,0.1,0.05,0.05,0.05,0.05,0.1,0.05,0.05}', 0.3, w)).m0 FROM mpih)) < 1e-12 AS merge_weights_form,
       povstat.mpi_h(povstat.merge(c)) = (SELECT avg((povstat.deprivation_count(deps) >= 3)::int) FROM mpih)::float8 AS h_exact,
       povstat.population(povstat.merge(c)) AS population
  FROM mpi_rollup;
SELECT povstat.mpi_h(s), povstat.mpi_a(s), povstat.mpi_m0(s), povstat.population(s),
       povstat.mpi_censored_headcount(s, 2), povstat.mpi_uncensored_headcount(s, 2), povstat.mpi_contribution(s, 4)
  FROM (SELECT povstat.mpi_state(deps, 4, 2) s FROM af) t;
SELECT i.* FROM (SELECT povstat.mpi_state(deps, 4, 2) s FROM af) t, povstat.mpi_indicators(s) i;
SELECT povstat.mpi_state(deps, 4, 2) AS state_text FROM af;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE mpi_serial AS
  SELECT povstat.mpi(deps, 12, 3) c, povstat.mpi(deps, 12, 3, w) cw,
         povstat.mpi(deps, '{0.2,0.1,0.1,0.1,0.1,0.05,0.05,0.05,0.05,0.1,0.05,0.05}', 0.3, w) x FROM mpih;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT povstat.mpi(deps, 12, 3) FROM mpih;
SELECT p.c = s.c AS count_form_equal, abs((p.cw).m0 - (s.cw).m0) < 1e-12 AS weighted_equal,
       abs((p.x).m0 - (s.x).m0) < 1e-12 AND (p.x).h = (s.x).h AS weights_form_equal
  FROM (SELECT povstat.mpi(deps, 12, 3) c, povstat.mpi(deps, 12, 3, w) cw,
               povstat.mpi(deps, '{0.2,0.1,0.1,0.1,0.1,0.05,0.05,0.05,0.05,0.1,0.05,0.05}', 0.3, w) x FROM mpih) p, mpi_serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal per-group computation.
SET enable_sort = off;
SELECT count(*) AS groups,
       bool_and(r = (SELECT povstat.mpi(deps, 12, 3) FROM mpih m2 WHERE m2.id % 500 = g.k)) AS all_equal
  FROM (SELECT id % 500 k, povstat.mpi(deps, 12, 3) r FROM mpih GROUP BY 1) g;
RESET enable_sort;

-- Bad input.
\set VERBOSITY default
SELECT povstat.mpi(deps, 0, 1) FROM af;
SELECT povstat.mpi(deps, 33, 3) FROM af;
SELECT povstat.mpi(deps, 4, 0) FROM af;
SELECT povstat.mpi(deps, 4, 5) FROM af;
SELECT povstat.mpi(deps, 3, 2) FROM af;
SELECT povstat.mpi(deps, 4, 2, -1) FROM af;
SELECT povstat.mpi(deps, 4, 2, 'NaN') FROM af;
SELECT povstat.mpi(deps, '{0.25,0.25,0.25,0.25}', 0.0::float8) FROM af;
SELECT povstat.mpi(deps, '{0.25,0.25,0.25,0.25}', 1.5) FROM af;
SELECT povstat.mpi(deps, '{0.25,0.25,0.25,0.25}', 'NaN'::float8) FROM af;
SELECT povstat.mpi(deps, '{0.25,0.25,0.25,0.2}', 0.5) FROM af;
SELECT povstat.mpi(deps, '{0.5,0.5,0.25,-0.25}', 0.5) FROM af;
SELECT povstat.mpi(deps, '{0.25,0.25,0.25,NULL}', 0.5) FROM af;
SELECT povstat.mpi(deps, '{{0.25,0.25},{0.25,0.25}}', 0.5) FROM af;
SELECT povstat.mpi(deps, '{}', 0.5) FROM af;
SELECT povstat.mpi(deps, '{0.5,0.5,0,0}', 'Infinity'::float8) FROM af;
-- parameters must be constant
SELECT povstat.mpi(deps, 4, person % 2 + 1) FROM af;
SELECT povstat.mpi(deps, CASE WHEN person < 3 THEN '{0.25,0.25,0.25,0.25}' ELSE '{0.4,0.2,0.2,0.2}' END::float8[], 0.5) FROM af;
SELECT povstat.mpi_contribution(povstat.mpi_state(deps, 4, 2), 5) FROM af;
-- states of different parameters or weighting do not merge
SELECT povstat.merge(s) FROM (SELECT povstat.mpi_state(deps, 4, 2) FROM af UNION ALL SELECT povstat.mpi_state(deps, 4, 3) FROM af) v(s);
SELECT povstat.merge(s) FROM (SELECT povstat.mpi_state(deps, 4, 2) FROM af UNION ALL SELECT povstat.mpi_state(deps, 4, 2, 1) FROM af) v(s);
-- malformed states
SELECT '(v=1,int=1,equal=1,weighted=0,n=33)'::povstat.mpi_state;
SELECT '(v=1,int=1,equal=1,weighted=0,n=1,k=1,k_count=1,rows=1,poor_rows=2,v1=1,rows1=1,poor_rows1=1)'::povstat.mpi_state;
SELECT '(v=1,int=1,equal=1,weighted=0,n=2,k=1,k_count=1,rows=1,poor_rows=1,v1=0.5,rows1=1,poor_rows1=1,v2=0.4,rows2=0,poor_rows2=0)'::povstat.mpi_state;
SELECT '(v=1,int=0,equal=0,weighted=0,n=2,k=0.5,k_count=0,rows=1,poor_rows=1,v1=0.5,rows1=1,poor_rows1=1,v2=0.5,rows2=0,poor_rows2=0)'::povstat.mpi_state;
SELECT '(v=1,int=1,equal=1,weighted=0,n=1,k=1,k_count=1,rows=1,poor_rows=1,v1=1,rows1=2,poor_rows1=1)'::povstat.mpi_state;
SELECT '(v=1,int=1,equal=1,weighted=0,n=1,k=1,k_count=1,rows=1,poor_rows=1,v1=1,rows1=1,poor_rows1=1)'::povstat.mpi_state AS valid;
