-- pgTAP: the radix sort behind the sort-based aggregates (src/radix_sort.c)
-- on samples large enough for its in-place distribution passes (more rows
-- than its scratch of 65536), for distributions that exercise each path:
-- incomes over several octaves, integer incomes, values bunched within one
-- part in a million (several in-place levels), two distinct values, signed
-- values, and a mix of +-0 and subnormals.  Independent reference: the
-- weighted quantile by its definition in plain SQL (smallest value whose
-- cumulative weight share exceeds p, doc/inequality.md), on the same rows.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(14);

CREATE TEMP TABLE d AS
SELECT k, i,
       CASE k
         WHEN 'lognormal' THEN exp(14.5 + 0.7 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2))
         WHEN 'integer' THEN floor(exp(14.5 + 0.7 * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2)))
         WHEN 'bunched' THEN 1e6 + u1
         WHEN 'two values' THEN CASE WHEN u1 < 0.3 THEN 1 ELSE 2 END
         WHEN 'signed' THEN (u1 - 0.5) * 1e10
         ELSE CASE WHEN u1 < 0.2 THEN 0 ELSE (u2 - 0.5) * 1e-310 END
       END::float8 AS y,
       1 + (i % 7) * 0.5 AS w
  FROM unnest(ARRAY['lognormal', 'integer', 'bunched', 'two values', 'signed', 'subnormal']) k,
       generate_series(1, 200000) i,
       LATERAL (SELECT ((i * 2654435761::bigint) % 4294967291 + 1) / 4294967292.0 AS u1,
                       ((i * 40503::bigint + length(k)) % 999983 + 0.5) / 999983.0 AS u2) r;

CREATE TEMP TABLE ref AS
SELECT k, p, min(y) AS q
  FROM (SELECT k, y, sum(w) OVER (PARTITION BY k ORDER BY y ROWS UNBOUNDED PRECEDING) AS c,
               sum(w) OVER (PARTITION BY k) AS t
          FROM d) s,
       unnest(ARRAY[0.01, 0.25, 0.5, 0.9, 0.999]) p
 WHERE c / t > p
 GROUP BY k, p;

-- one state per distribution: storing a state sorts it (flattening sorts)
CREATE TEMP TABLE st AS
  SELECT k, povstat.sample_state(y) AS s, povstat.sample_state(y, w) AS sw FROM d GROUP BY k;

SELECT is((SELECT array_agg(povstat.quantile(st.sw, p) ORDER BY p) FROM unnest(ARRAY[0.01, 0.25, 0.5, 0.9, 0.999]) p),
          (SELECT array_agg(q ORDER BY p) FROM ref WHERE ref.k = st.k),
          'weighted quantiles of ' || st.k || ' values equal the plain-SQL definition')
  FROM st ORDER BY k;

-- unweighted: the sorted sample itself, checked through every 1000th rank
-- (quantile p = (r - 0.5) / n picks rank r exactly) against ORDER BY
SELECT is((SELECT array_agg(povstat.quantile(st.s, (r - 0.5) / 200000.0) ORDER BY r)
             FROM generate_series(1, 200000, 1000) r),
          (SELECT array_agg(y ORDER BY rn) FROM (SELECT y, row_number() OVER (ORDER BY y) rn FROM d WHERE d.k = st.k) o
            WHERE rn % 1000 = 1),
          'every 1000th rank of ' || st.k || ' values is the ORDER BY value')
  FROM st ORDER BY k;

-- the weights travel with their incomes: weight = function of the income
SELECT is((SELECT povstat.quantile(y, 0.5, (1 + (y > 1e6)::int)::float8) FROM d WHERE k = 'lognormal'),
          (SELECT min(y) FROM (SELECT y, sum(1 + (y > 1e6)::int) OVER (ORDER BY y ROWS UNBOUNDED PRECEDING)::float8 c,
                                      sum(1 + (y > 1e6)::int) OVER ()::float8 t FROM d WHERE k = 'lognormal') s WHERE c / t > 0.5),
          'weights move with their incomes (median with weight 2 above 1e6)');
SELECT cmp_ok(abs(povstat.gini(y, w) -
                  (SELECT 2 * sum(w * y * c) / (sum(w) * sum(w * y)) - sum(w * w * y) / (sum(w) * sum(w * y)) - 1
                     FROM (SELECT y, w, sum(w) OVER (ORDER BY y ROWS UNBOUNDED PRECEDING) c FROM d WHERE k = 'lognormal') s)),
              '<', 1e-9::float8, 'weighted Gini of the lognormal sample equals the window-function formula')
  FROM d WHERE k = 'lognormal';
SELECT * FROM finish();
ROLLBACK;
