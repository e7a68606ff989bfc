-- pgTAP: inequality moments.  Expected values by hand in comments.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(8);

SELECT has_type('povstat', 'moments_state', 'povstat.moments_state exists');
-- ineq's published Atkinson(0.5) of its example vector
SELECT is(round(povstat.atkinson(y, 0.5)::numeric, 7), 0.1796591, 'Atkinson(0.5) matches ineq')
  FROM unnest('{541,1463,2445,3438,4437,5401,6392,8304,11904,22261}'::float8[]) y;
-- (1, 3): GE(2) = ((0.25 + 2.25)/2 - 1)/2 = 0.125; Atkinson(2) = 1 - 1.5/2 = 0.25
SELECT is(povstat.ge(y, 2), 0.125::float8, 'GE(2) of (1, 3) is 0.125') FROM (VALUES (1.0::float8), (3.0)) v(y);
SELECT is(povstat.atkinson(y, 2), 0.25::float8, 'Atkinson(2) of (1, 3) is 0.25') FROM (VALUES (1.0::float8), (3.0)) v(y);
-- (0, 2, 4): GE(2) over all rows = ((0 + 1 + 4)/3 - 1)/2 = 1/3
SELECT ok(abs(povstat.ge(y, 2) - 1.0 / 3) < 1e-15, 'zero incomes stay in GE(2)') FROM (VALUES (0.0::float8), (2.0), (4.0)) v(y);
SELECT throws_ok($$SELECT povstat.theil(-1.0::float8)$$, '22023', NULL, 'negative income is rejected');
SELECT throws_ok($$SELECT povstat.ge(1e200::float8, 2)$$, '22003', NULL, 'overflow of y^2 is 22003');
SELECT throws_ok($$SELECT '(v=1,kind=0)'::povstat.moments_state$$, '22P02', NULL, 'truncated state text is rejected');

SELECT * FROM finish();
ROLLBACK;
