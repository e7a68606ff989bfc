-- pgTAP: povstat.household_set.  Expected values by hand in comments.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = povstat, public;
SELECT plan(12);

SELECT has_type('povstat', 'household_set', 'povstat.household_set exists');
SELECT is((SELECT aggcombinefn <> 0 AND aggtranstype = 'povstat.household_set'::regtype
             FROM pg_aggregate WHERE aggfnoid = 'povstat.household_set(bigint)'::regprocedure),
          true, 'household_set(bigint) has a combine function and its own type as state');
-- {1,2,5-9}: 7 ids
SELECT is(cardinality('{1,2,5-9}'::household_set), 7::bigint, 'cardinality of {1,2,5-9} is 7');
SELECT is(('{1,2,3,10}'::household_set | '{3,4,10,11}')::text, '{1-4,10,11}', 'union');
SELECT is(('{1,2,3,10}'::household_set & '{3,4,10,11}')::text, '{3,10}', 'intersection');
SELECT is(('{1,2,3,10}'::household_set - '{3,4,10,11}')::text, '{1,2}', 'difference');
SELECT ok('{1,2,3}'::household_set @> 2::bigint AND NOT ('{1,2,3}'::household_set @> 4::bigint), 'membership');
-- 1..1000 with every id twice: 1000 distinct
SELECT is((SELECT cardinality(household_set(i % 1000 + 1)) FROM generate_series(1, 2000) i),
          1000::bigint, 'cardinality equals the number of distinct ids');
SELECT is((SELECT povstat.union(s)::text FROM (VALUES ('{1}'::household_set), ('{2}'), ('{3}')) v(s)),
          '{1-3}', 'union aggregate');
SELECT throws_ok($$SELECT '{1,-2}'::povstat.household_set$$, '22P02', NULL, 'negative id in text is rejected');
SELECT throws_ok($$SELECT povstat.household_set_from_bytea('\x48010000'::bytea)$$, NULL, NULL, 'truncated binary is rejected');
SELECT throws_ok($$SELECT povstat.household_set(-1::bigint)$$, '22023', NULL, 'negative id in the aggregate is rejected');

SELECT * FROM finish();
ROLLBACK;
