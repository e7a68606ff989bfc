-- pgTAP: sample_state arrays past 1 MB (src/sample.c, sample_map): from
-- that size an array is an anonymous mapping grown by mremap, counted in
-- its memory context and unmapped by a reset callback.  1.5 million
-- weighted rows cross the threshold while aggregating (the palloc'd array
-- is copied into the first mapping, which then grows), in a hash aggregate
-- (two groups of 750,000), in a merge of mapped parts, and in an aggregate
-- that fails halfway.  References: the quantile and Gini definitions of
-- doc/inequality.md in plain SQL over the same rows.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(8);

CREATE TEMP TABLE big AS
SELECT i, round(exp(14.5 + 0.7 * sin(i * 0.77) + 0.3 * cos(i * 0.013)))::float8 AS y,
       (1 + (i % 5) * 0.25)::float8 AS w
  FROM generate_series(1, 1500000) i;

CREATE TEMP TABLE ref AS
SELECT g, p, min(y) AS q
  FROM (SELECT i % 2 AS g, y, sum(w) OVER (PARTITION BY i % 2 ORDER BY y ROWS UNBOUNDED PRECEDING) AS c,
               sum(w) OVER (PARTITION BY i % 2) AS t
          FROM big) s,
       unnest(ARRAY[0.5, 0.9]) p
 WHERE c / t > p
 GROUP BY g, p;

SET LOCAL max_parallel_workers_per_gather = 0;

SELECT is((SELECT povstat.median(y) FROM big),
          (SELECT min(y) FROM (SELECT y, row_number() OVER (ORDER BY y) AS k FROM big) s WHERE k / 1500000.0 > 0.5),
          'median of 1.5 million rows (12 MB array)');

SELECT ok((SELECT abs(povstat.gini(y, w) -
                      (SELECT 2 * sum(w * y * c) / (sum(w) * sum(w * y)) - sum(w * w * y) / (sum(w) * sum(w * y)) - 1
                         FROM (SELECT y, w, sum(w) OVER (ORDER BY y, i ROWS UNBOUNDED PRECEDING) AS c FROM big) s)) < 1e-10
             FROM big),
          'weighted Gini of 1.5 million rows (two 18 MB arrays)');

-- hash aggregation: one mapped state per group
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT i % 2 AS g, povstat.quantile(y, 0.5, w) AS m, povstat.quantile(y, 0.9, w) AS n
                                   FROM big GROUP BY 1) a
            JOIN ref r5 ON r5.g = a.g AND r5.p = 0.5 AND r5.q = a.m
            JOIN ref r9 ON r9.g = a.g AND r9.p = 0.9 AND r9.q = a.n),
          2::bigint, 'two groups of 750,000 in a hash aggregate: weighted quantiles');
RESET enable_sort;

-- stored mapped states, merged: runs of several MB, merged in place
CREATE TEMP TABLE parts AS
SELECT i % 3 AS k, povstat.sample_state(y, w) AS s FROM big GROUP BY 1;
SELECT is((SELECT povstat.quantile(povstat.merge(s ORDER BY k), 0.5) FROM parts),
          (SELECT min(y) FROM (SELECT y, sum(w) OVER (ORDER BY y ROWS UNBOUNDED PRECEDING) AS c, sum(w) OVER () AS t FROM big) s
            WHERE c / t > 0.5),
          'three stored parts of 500,000 merged: weighted median');
SELECT is((SELECT povstat.sample_rows(povstat.merge(s)) FROM parts), 1500000::bigint, 'the merge holds every row');

-- the flat form of a mapped state reads back equal
SELECT is((SELECT povstat.sample_state(y)::text::povstat.sample_state::text = povstat.sample_state(y)::text FROM big),
          true, 'a 1.5-million-row state prints and reads back');

-- failing halfway: the error reaches the client; the mappings of the
-- failed aggregate go with its memory context (the server log check of
-- scripts/test.sh and the sanitizer run would show a problem there)
SELECT throws_ok($$SELECT povstat.median(CASE WHEN i = 1400000 THEN 'NaN'::float8 ELSE y END, w) FROM big$$,
                 '22023', NULL, 'NaN income after 1.4 million rows: 22023');
SELECT lives_ok($$SELECT povstat.median(y, w) FROM big$$, 'the next aggregate works');

SELECT * FROM finish();
ROLLBACK;
