-- pgTAP: the sort-based aggregates and povstat.sample_state.  Expected
-- values by hand in comments, or from measures.md's published examples.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(16);

SELECT has_type('povstat', 'sample_state', 'povstat.sample_state exists');
SELECT is((SELECT count(DISTINCT (a.aggtransfn, a.aggtranstype)) FROM pg_aggregate a
            WHERE a.aggfnoid IN ('povstat.gini(float8)'::regprocedure, 'povstat.median(float8)'::regprocedure,
                                 'povstat.palma(float8)'::regprocedure, 'povstat.arpr(float8)'::regprocedure)),
          1::bigint, 'gini, median, palma, arpr share one transition function and state type');
SELECT is((SELECT bool_and(a.aggfinalmodify = 's') FROM pg_aggregate a
            WHERE a.aggtranstype = 'povstat.sample_state'::regtype AND a.aggfinalfn <> 0),
          true, 'sort-based final functions are SHAREABLE');

-- ineq's documented example
SELECT is(round(povstat.gini(y)::numeric, 7), 0.4620911, 'Gini of the ineq example is 0.4620911')
  FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) y;
-- weighted example and its scale invariance
SELECT is(round(povstat.gini(x, w * 100)::numeric, 7), 0.4212963, 'weighted Gini x100 weights is 0.4212963')
  FROM unnest('{3,1,4,1,5,9,2,6}'::float8[], '{1,2,1,3,1,1,2,1}'::float8[]) t(x, w);
-- Eurostat quantile rule: the median of (1, 2, 3, 4) is 3 (k/4 > 0.5 -> k = 3)
SELECT is(povstat.median(y), 3::float8, 'median of (1, 2, 3, 4) is 3') FROM unnest('{1,2,3,4}'::float8[]) y;
-- (6, 10, 10, 10, 20): ARPT 0.6 * 10 = 6, nobody strictly below
SELECT is(povstat.arpr(y), 0::float8, 'ARPR is strict: income at ARPT is not at risk')
  FROM unnest('{6,10,10,10,20}'::float8[]) y;
-- (1, 3), line 2: Sen 0.25, SST 0.375 (see sql/sample.sql for the arithmetic)
SELECT is(povstat.sen(y, 2), 0.25::float8, 'Sen of (1, 3) at line 2 is 0.25') FROM unnest('{1,3}'::float8[]) y;
SELECT is(povstat.sst(y, 2), 0.375::float8, 'SST of (1, 3) at line 2 is 0.375') FROM unnest('{1,3}'::float8[]) y;
-- 1..10: Palma = (55 - 45) / 10 = 1
SELECT is(povstat.palma(y::float8), 1::float8, 'Palma of 1..10 is 1') FROM generate_series(1, 10) y;
-- a stored state finishes like the aggregate
SELECT is(povstat.gini(s::text::povstat.sample_state), 0.25::float8, 'finisher on a state read back from text')
  FROM (SELECT povstat.sample_state(y) s FROM unnest('{3,1}'::float8[]) y) t;

SELECT throws_ok($$SELECT povstat.gini('NaN'::float8)$$, '22023', NULL, 'NaN income is rejected');
SELECT throws_ok($$SELECT povstat.quantile(1, 2)$$, '22023', NULL, 'p outside [0, 1] is rejected');
SELECT throws_ok($$SELECT povstat.gini(y) FROM unnest('{-1,2}'::float8[]) y$$, '22023', NULL,
                 'Gini rejects negative incomes');
SELECT throws_ok($$SELECT '(v=1,weighted=0)'::povstat.sample_state$$, '22P02', NULL, 'truncated state text is rejected');
SELECT is(povstat.gini(y), NULL, 'empty input gives NULL') FROM (SELECT 1.0::float8 WHERE false) v(y);

SELECT * FROM finish();
ROLLBACK;
