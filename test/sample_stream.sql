-- pgTAP: sort-based measures read by a parallel leader (src/sample.c,
-- get_source).  The leader's state holds only the packed parts of the
-- workers and of its own scan; the first final function over it merges
-- the parts as it reads them instead of writing the merged sample out;
-- where the query shares that transition state, or the parts could have
-- been stored (a user's aggregate over sample_combine), they are merged
-- into arrays once.  Every measure here runs in its
-- own subquery (its own state, so the streamed reading) under a parallel
-- plan, checked with EXPLAIN, and must equal the same measure in a serial
-- plan, which reads the sorted arrays; quantiles and the Gini are also
-- checked against their plain-SQL definitions (doc/inequality.md).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(16);

-- A plain table, not a temporary one: parallel workers cannot read those.
-- Incomes with many ties across parts (rounded to 10000), a few near zero,
-- weights that are exact binary fractions (so that sums of weights are
-- exact in any order), and a per-row line.
CREATE TABLE stream_rows AS
SELECT i,
       (round(exp(14.3 + 0.8 * sin(i * 1.7) + 0.5 * cos(i * 0.013)) / 10000) * 10000)::float8 AS y,
       (0.5 + (i % 9) * 0.25)::float8 AS w,
       CASE WHEN i % 4 = 0 THEN 2000000 ELSE 1500000 END::float8 AS line
  FROM generate_series(1, 40000) i;
ANALYZE stream_rows;

-- The measures, each in its own subquery, one text row to compare.
CREATE FUNCTION pg_temp.measures_sql() RETURNS text LANGUAGE sql AS $$
SELECT 'SELECT ' || string_agg(format('(SELECT %s FROM stream_rows)::text AS %I', expr, name), ', ' ORDER BY ord)
  FROM (VALUES
    (1, 'gini_w', 'povstat.gini(y, w)'),
    (2, 'gini', 'povstat.gini(y)'),
    (3, 'median', 'povstat.median(y)'),
    (4, 'median_w', 'povstat.median(y, w)'),
    (5, 'q0_w', 'povstat.quantile(y, 0, w)'),
    (6, 'q09_w', 'povstat.quantile(y, 0.9, w)'),
    (7, 'q1_w', 'povstat.quantile(y, 1, w)'),
    (8, 'q025', 'povstat.quantile(y, 0.25)'),
    (9, 'q1', 'povstat.quantile(y, 1)'),
    (10, 'lorenz_w', 'povstat.lorenz(y, 20, w)'),
    (11, 'deciles', 'povstat.decile_shares(y)'),
    (12, 'palma_w', 'povstat.palma(y, w)'),
    (13, 's80s20', 'povstat.s80s20(y)'),
    (14, 'qsr_w', 'povstat.qsr(y, w)'),
    (15, 'arpt_w', 'povstat.arpt(y, 0.6, w)'),
    (16, 'arpr_w', 'povstat.arpr(y, 0.6, w)'),
    (17, 'rmpg', 'povstat.rmpg(y)'),
    (18, 'arpr_at_w', 'povstat.arpr_at(y, line, w)'),
    (19, 'rmpg_at', 'povstat.rmpg_at(y, line)'),
    (20, 'sen_w', 'povstat.sen(y, line, w)'),
    (21, 'sen_strict', 'povstat.sen_strict(y, 1500000::float8)'),
    (22, 'sst_w', 'povstat.sst(y, line, w)'),
    (23, 'gini_none', 'povstat.gini(y, w) FILTER (WHERE i < 0)')) m(ord, name, expr)
$$;

CREATE FUNCTION pg_temp.explain(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;

SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT count(*) FROM regexp_matches(pg_temp.explain(pg_temp.measures_sql()), 'Partial Aggregate', 'g')),
          0::bigint, 'serial settings: no partial aggregates');
SELECT pg_temp.measures_sql() AS q \gset
CREATE TEMP TABLE serial_run AS :q;

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is((SELECT count(*) FROM regexp_matches(pg_temp.explain(:'q'), 'Partial Aggregate', 'g')),
          23::bigint, 'parallel settings: each of the 23 measures has a partial aggregate');
CREATE TEMP TABLE parallel_run AS :q;

-- each column of the two runs side by side
CREATE TEMP TABLE both_runs AS
SELECT s.key AS name, s.value AS serial_value, p.value AS parallel_value
  FROM json_each_text((SELECT row_to_json(t) FROM serial_run t)) s
  JOIN json_each_text((SELECT row_to_json(t) FROM parallel_run t)) p USING (key);

SELECT is((SELECT count(*) FROM both_runs), 23::bigint, 'every measure ran in both plans');
SELECT is((SELECT count(*) FROM both_runs WHERE serial_value IS NULL), 1::bigint,
          'only the measure over no rows is NULL');

-- Quantile-type results are values of the sample: exactly equal.
SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM both_runs
            WHERE name IN ('median', 'median_w', 'q0_w', 'q09_w', 'q1_w', 'q025', 'q1', 'arpt_w', 'arpr_w', 'arpr_at_w')
              AND serial_value IS DISTINCT FROM parallel_value),
          NULL, 'quantiles, ARPT and ARPR: the parallel plan gives exactly the serial values');

-- Sums over the merged order may differ from the serial order in the last
-- bits where equal incomes carry different weights.
SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM both_runs
            WHERE name IN ('gini_w', 'gini', 'palma_w', 's80s20', 'qsr_w', 'rmpg', 'rmpg_at', 'sen_w', 'sen_strict', 'sst_w')
              AND abs(serial_value::float8 - parallel_value::float8) > 1e-12 * abs(serial_value::float8)),
          NULL, 'Gini, Palma, S80/S20, QSR, RMPG, Sen and SST: parallel equals serial to 1e-12');
SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM both_runs b,
                  LATERAL (SELECT max(abs(a - c)) AS d
                             FROM unnest(b.serial_value::float8[], b.parallel_value::float8[]) u(a, c)) x
            WHERE name IN ('lorenz_w', 'deciles') AND x.d > 1e-12),
          NULL, 'Lorenz ordinates and decile shares: parallel equals serial to 1e-12');

-- independent definitions, on the parallel run
SELECT is((SELECT parallel_value::float8 FROM both_runs WHERE name = 'q09_w'),
          (SELECT min(y) FROM (SELECT y, sum(w) OVER (ORDER BY y ROWS UNBOUNDED PRECEDING) AS c,
                                      sum(w) OVER () AS t FROM stream_rows) s WHERE c / t > 0.9),
          'parallel weighted quantile(0.9) equals its plain-SQL definition');
SELECT is((SELECT parallel_value::float8 FROM both_runs WHERE name = 'median'),
          (SELECT min(y) FROM (SELECT y, row_number() OVER (ORDER BY y) AS c FROM stream_rows) s
            WHERE c / 40000.0 > 0.5),
          'parallel median equals its plain-SQL definition');
SELECT ok((SELECT abs(parallel_value::float8 -
                      (SELECT 2 * sum(w * y * c) / (sum(w) * sum(w * y)) - sum(w * w * y) / (sum(w) * sum(w * y)) - 1
                         FROM (SELECT y, w, sum(w) OVER (ORDER BY y, i ROWS UNBOUNDED PRECEDING) AS c
                                 FROM stream_rows) s)) < 1e-12
             FROM both_runs WHERE name = 'gini_w'),
          'parallel weighted Gini equals the plain-SQL Gini');
SELECT is((SELECT parallel_value::float8 FROM both_runs WHERE name = 'arpr_w'),
          (SELECT sum(w) FILTER (WHERE y < 0.6 * (SELECT serial_value::float8 FROM both_runs WHERE name = 'median_w')) / sum(w)
             FROM stream_rows),
          'parallel ARPR equals the weight below 60% of the weighted median');

-- Three measures sharing one state (the query shares the transition
-- state, so it is merged into arrays once), and the median beside
-- aggregates that share their own states (numeric sum and avg), which
-- does not keep it from streaming.  Each run as a statement of its own:
-- pgTAP's functions are parallel unsafe, so no query that calls them
-- gets a parallel plan.
SELECT is((SELECT count(*) FROM regexp_matches(pg_temp.explain(
             'SELECT povstat.gini(y, w), povstat.median(y, w), povstat.palma(y, w), sum(i::numeric), avg(i::numeric) FROM stream_rows'),
             'Partial Aggregate', 'g')),
          1::bigint, 'parallel settings: the shared-state queries have a partial aggregate');
CREATE TEMP TABLE shared_run AS
SELECT povstat.gini(y, w) AS g, povstat.median(y, w) AS m, povstat.palma(y, w) AS p FROM stream_rows;
CREATE TEMP TABLE beside_run AS
SELECT povstat.median(y, w) AS m, sum(i::numeric) AS s, avg(i::numeric) AS a FROM stream_rows;
SELECT ok((SELECT abs(r.g - s.gini_w::float8) <= 1e-12 * s.gini_w::float8 AND r.m = s.median_w::float8
                  AND abs(r.p - s.palma_w::float8) <= 1e-12 * s.palma_w::float8
             FROM shared_run r, serial_run s),
          'a shared state in a parallel plan: the serial Gini, median and Palma');
SELECT is((SELECT ARRAY[r.m::numeric, r.s, round(r.a, 1)]::text FROM beside_run r),
          (SELECT ARRAY[s.median_w::numeric, 800020000, 20000.5]::text FROM serial_run s),
          'the median beside shared numeric states in a parallel plan: the serial median');

-- stored parts merged by a user's aggregate over sample_combine are not
-- streamed (they could be damaged, and a stream stops at the answer):
-- the merged state is read as arrays, with the serial answers
CREATE TEMP TABLE stream_parts AS
SELECT i % 3 AS part, povstat.sample_state(y, w) AS st FROM stream_rows GROUP BY 1;
CREATE AGGREGATE pg_temp.merged_median(povstat.sample_state) (
    SFUNC = povstat.sample_combine, STYPE = povstat.sample_state, FINALFUNC = povstat.median);
SELECT is((SELECT ARRAY[pg_temp.merged_median(st ORDER BY part), povstat.gini(povstat.merge(st ORDER BY part))]::text
             FROM stream_parts),
          (SELECT ARRAY[median_w::float8, gini_w::float8]::text FROM serial_run),
          'stored parts merged in a query: the serial median and Gini');

-- a negative income is refused by the streamed reading too
UPDATE stream_rows SET y = -5 WHERE i = 23456;
SELECT throws_ok('SELECT povstat.gini(y, w) FROM stream_rows', '22023',
                 'the Gini coefficient needs incomes >= 0, but the sample holds -5',
                 'parallel Gini over a negative income: the serial error');

SELECT * FROM finish();
ROLLBACK;
