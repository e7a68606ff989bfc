-- pgTAP: merging sample_state parts (src/sample.c, sample_combine).  The
-- combine function appends each part and remembers the ascending runs it
-- is made of; sorting then merges the runs (up to SAMPLE_MAX_RUNS = 16) or,
-- beyond that, radix-sorts everything.  Each case merges the parts of one
-- set of rows split in a different way and compares the measures with the
-- plain-SQL definitions on the same rows: the weighted quantile (smallest
-- value whose cumulative weight share exceeds p) and the weighted Gini
-- (Eurostat formula), both in doc/inequality.md.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(15);

-- 60000 rows with many ties (incomes rounded to 10000) and uneven weights
CREATE TEMP TABLE r AS
SELECT i, round(exp(14.5 + 0.7 * sin(i * 1.3) + 0.4 * cos(i * 0.071)) / 10000) * 10000 AS y,
       (1 + (i % 7) * 0.5)::float8 AS w
  FROM generate_series(1, 60000) i;

CREATE TEMP TABLE ref AS
SELECT p, min(y) AS q
  FROM (SELECT y, sum(w) OVER (ORDER BY y ROWS UNBOUNDED PRECEDING) AS c, sum(w) OVER () AS t FROM r) s,
       unnest(ARRAY[0.1, 0.5, 0.9]) p
 WHERE c / t > p
 GROUP BY p;

CREATE TEMP TABLE ref_gini AS
SELECT 2 * sum(w * y * c) / (sum(w) * sum(w * y)) - sum(w * w * y) / (sum(w) * sum(w * y)) - 1 AS g
  FROM (SELECT y, w, sum(w) OVER (ORDER BY y, i ROWS UNBOUNDED PRECEDING) AS c FROM r) s;

-- splits: k parts, either interleaved (every part spans all incomes) or
-- by income band, merged in ascending or descending band order
CREATE TEMP TABLE splits AS
SELECT format('%s parts, %s', k, how) AS name, k, how
  FROM unnest(ARRAY[2, 3, 16, 17, 40]) k,
       unnest(ARRAY['interleaved', 'bands ascending', 'bands descending']) how;

CREATE TEMP TABLE parts AS
SELECT s.name, p.part, povstat.sample_state(p.y, p.w) AS st
  FROM splits s,
       LATERAL (SELECT CASE s.how WHEN 'interleaved' THEN i % s.k
                                  WHEN 'bands ascending' THEN ntile(s.k) OVER (ORDER BY y, i)
                                  ELSE -ntile(s.k) OVER (ORDER BY y, i) END AS part, y, w
                  FROM r) p
 GROUP BY s.name, p.part;

CREATE TEMP TABLE merged AS
SELECT name, povstat.merge(st ORDER BY part) AS st FROM parts GROUP BY name;

SELECT is((SELECT count(*) FROM merged), 15::bigint, 'fifteen ways of splitting the rows');

SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM merged m
            WHERE povstat.quantile(m.st, 0.1) <> (SELECT q FROM ref WHERE p = 0.1)
               OR povstat.median(m.st) <> (SELECT q FROM ref WHERE p = 0.5)
               OR povstat.quantile(m.st, 0.9) <> (SELECT q FROM ref WHERE p = 0.9)),
          NULL, 'weighted quantiles of every merge equal their plain-SQL definition');

SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM merged m
            WHERE abs(povstat.gini(m.st) - (SELECT g FROM ref_gini)) > 1e-12),
          NULL, 'Gini of every merge equals the plain-SQL Gini');

SELECT is((SELECT string_agg(name, ', ' ORDER BY name) FROM merged m
            WHERE povstat.sample_rows(m.st) <> 60000
               OR povstat.population(m.st) <> (SELECT sum(w) FROM r)),
          NULL, 'every merge holds every pair once');

-- a merged state, stored, comes back sorted and equal
CREATE TEMP TABLE stored AS SELECT name, st::text::povstat.sample_state AS st FROM merged;
SELECT is((SELECT count(*) FROM stored WHERE st::text LIKE '%sorted=1%'), 15::bigint,
          'stored merges are flagged sorted (the input checks the order)');
SELECT is((SELECT string_agg(s.name, ', ') FROM stored s JOIN merged m USING (name)
            WHERE povstat.gini(s.st) <> povstat.gini(m.st) OR povstat.median(s.st) <> povstat.median(m.st)),
          NULL, 'stored merges give the same measures');

-- merging merged states again (runs of runs)
SELECT is(povstat.median((SELECT povstat.merge(st ORDER BY name) FROM merged WHERE name LIKE '3 parts%'))
            = (SELECT q FROM ref WHERE p = 0.5)
          AND povstat.sample_rows((SELECT povstat.merge(st ORDER BY name) FROM merged WHERE name LIKE '3 parts%')) = 180000,
          true, 'a merge of three merges: the same median, three times the rows');

-- Parts that arrive unsorted (flag sorted=0; the combine sorts each in
-- place): built from the text form with the values in descending order.
CREATE FUNCTION pg_temp.unsorted_state(ys float8[]) RETURNS povstat.sample_state
LANGUAGE sql AS $$
  SELECT ('(v=1,weighted=0,sorted=0,at_line=0,has_param=0,param=0,n=' || cardinality(ys) || ',data='
          || replace(encode(string_agg(float8send(y), ''::bytea ORDER BY y DESC), 'base64'), E'\n', '') || ')')::povstat.sample_state
    FROM unnest(ys) y
$$;

CREATE TEMP TABLE up AS
SELECT i % 5 AS part, array_agg(y) AS ys FROM r GROUP BY 1;

SELECT is((SELECT pg_temp.unsorted_state(ys)::text LIKE '%sorted=0%' FROM up WHERE part = 0), true,
          'the parts really are unsorted');

SELECT is((SELECT povstat.median(povstat.merge(pg_temp.unsorted_state(ys) ORDER BY part)) FROM up),
          (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY y) FROM r),
          'five unsorted parts: median equals percentile_disc');

-- unsorted and sorted parts mixed, a small part between big ones
SELECT is((SELECT povstat.quantile(povstat.merge(s ORDER BY o), 0.25)
             FROM (SELECT 1 AS o, povstat.sample_state(y) AS s FROM r WHERE i % 3 = 0
                   UNION ALL SELECT 2, pg_temp.unsorted_state(ARRAY(SELECT y FROM r WHERE i % 3 = 1 AND i < 300))
                   UNION ALL SELECT 3, pg_temp.unsorted_state(ARRAY(SELECT y FROM r WHERE i % 3 = 1 AND i >= 300))
                   UNION ALL SELECT 4, povstat.sample_state(y) FROM r WHERE i % 3 = 2) v),
          (SELECT min(y) FROM (SELECT y, row_number() OVER (ORDER BY y) AS c FROM r) s WHERE c / 60000.0 > 0.25),
          'sorted, unsorted and small parts mixed: the unweighted quantile');

-- an unweighted part merged into weighted runs counts with weight 1
SELECT is((SELECT povstat.population(povstat.merge(s ORDER BY o))
             FROM (SELECT 1 AS o, povstat.sample_state(y, w) AS s FROM r WHERE i <= 30000
                   UNION ALL SELECT 2, povstat.sample_state(y) FROM r WHERE i > 30000) v),
          (SELECT sum(w) FILTER (WHERE i <= 30000) + count(*) FILTER (WHERE i > 30000) FROM r)::float8,
          'unweighted part after weighted runs: weight 1 each');

-- merging parts with disjoint ascending values keeps one run (no merge pass):
-- the result is the same as the one state
SELECT ok((SELECT abs(povstat.gini(povstat.merge(st ORDER BY part)) - (SELECT povstat.gini(y, w) FROM r)) < 1e-14
             FROM parts WHERE name = '40 parts, bands ascending'),
          'forty ascending bands: the same Gini as one pass');

-- with parallel settings (the plan stays serial: workers cannot read a
-- temporary table, and pgTAP's functions are parallel unsafe; the
-- parallel plans are in test/sample_stream.sql)
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE rp AS SELECT * FROM r;
ANALYZE rp;
SELECT is((SELECT povstat.median(y, w) FROM rp), (SELECT q FROM ref WHERE p = 0.5), 'parallel-capable plan: median');
SELECT ok((SELECT abs(povstat.gini(y, w) - (SELECT g FROM ref_gini)) < 1e-12 FROM rp), 'parallel-capable plan: Gini');
SELECT is((SELECT povstat.quantile(y, 0.9, w) FROM rp), (SELECT q FROM ref WHERE p = 0.9), 'parallel-capable plan: quantile(0.9)');

SELECT * FROM finish();
ROLLBACK;
