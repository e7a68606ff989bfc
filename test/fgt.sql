-- pgTAP: the FGT aggregates and their state type (the pattern every povstat
-- aggregate follows).  Expected values are computed by hand in comments.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(12);

SELECT has_type('povstat', 'fgt_state', 'povstat.fgt_state exists');
SELECT is((SELECT aggcombinefn <> 0 AND a.aggtranstype = 'povstat.fgt_state'::regtype
             FROM pg_aggregate a WHERE aggfnoid = 'povstat.poverty_gap(float8, float8, float8)'::regprocedure),
          true, 'poverty_gap has a combine function and a povstat state type');
SELECT is((SELECT bool_and(p.proparallel = 's') FROM pg_proc p
            WHERE p.pronamespace = 'povstat'::regnamespace AND p.prokind = 'a'),
          true, 'every povstat aggregate is PARALLEL SAFE');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE p.pronamespace = 'povstat'::regnamespace
              AND (a.aggcombinefn = 0 OR a.aggtranstype = 'internal'::regtype)),
          0::bigint, 'no povstat aggregate lacks a combine function or keeps internal state');

-- incomes (1, 3), line 2: FGT1 = 0.25, FGT2 = 0.125
SELECT is(povstat.poverty_gap(y, 2), 0.25::float8, 'FGT1 of (1, 3) at line 2 is 0.25')
  FROM (VALUES (1.0::float8), (3.0)) v(y);
SELECT is(povstat.poverty_severity(y, 2), 0.125::float8, 'FGT2 of (1, 3) at line 2 is 0.125')
  FROM (VALUES (1.0::float8), (3.0)) v(y);
-- weights (3, 1): FGT0 = 3/4
SELECT is(povstat.headcount_ratio(y, 2, w), 0.75::float8, 'weighted headcount 3/4')
  FROM (VALUES (1.0::float8, 3.0::float8), (3.0, 1.0)) v(y, w);
-- a unit at the line is poor under <= and not under <
SELECT is(povstat.headcount_ratio(2::float8, 2::float8), 1::float8, 'at the line: poor under <=');
SELECT is(povstat.headcount_ratio_strict(2::float8, 2::float8), 0::float8, 'at the line: not poor under <');

SELECT throws_ok($$SELECT povstat.poverty_gap('NaN'::float8, 2)$$, '22023', NULL, 'NaN income is rejected');
SELECT throws_ok($$SELECT '(v=1,strict=0)'::povstat.fgt_state$$, '22P02', NULL, 'truncated state text is rejected');
-- Debian's 15.20 refuses the cast itself (42846 "cannot cast type unknown to
-- internal"); 15.18 (scripts/sanitized_pg.sh) reaches internal_in (0A000)
SELECT throws_matching($$SELECT povstat.fgt_state_recv(NULL::internal)$$,
                       '^cannot (cast type unknown to|accept a value of type) internal$',
                       'receive functions are not callable with arbitrary arguments');

SELECT * FROM finish();
ROLLBACK;
