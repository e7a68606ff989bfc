-- pgTAP: povstat.deprivations (SQLSTATEs of bad input, catalog properties).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = public, povstat;
SELECT plan(16);

SELECT has_type('povstat', 'deprivations', 'povstat.deprivations exists');
SELECT is((SELECT typlen::int || '/' || typbyval::text FROM pg_type
            WHERE oid = 'povstat.deprivations'::regtype), '4/true', 'deprivations is 4 bytes, by value');
SELECT is((SELECT count(*) FROM pg_opclass WHERE opcintype = 'povstat.deprivations'::regtype AND opcdefault),
          2::bigint, 'default btree and hash operator classes');
SELECT is('{11,4,2}'::povstat.deprivations::text, '{2,4,11}', 'text output is canonical');
SELECT is(povstat.deprivation_count(povstat.deprivations(true, false, true, NULLIF(false, true))), 2,
          'count of flags (t, f, t, f) is 2');
SELECT is(povstat.deprivations(true, NULL), NULL, 'a NULL flag gives NULL');
SELECT ok('{2,4}'::povstat.deprivations @> 4 AND NOT '{2,4}'::povstat.deprivations @> 3, 'membership');
SELECT is('{2,4}'::povstat.deprivations | '{3}', '{2,3,4}'::povstat.deprivations, 'union');
SELECT is('{2,4}'::povstat.deprivations & '{4,5}', '{4}'::povstat.deprivations, 'intersection');

SELECT throws_ok($$SELECT '{2,2}'::povstat.deprivations$$, '22P02', NULL, 'duplicate position is rejected');
SELECT throws_ok($$SELECT '{33}'::povstat.deprivations$$, '22P02', NULL, 'position 33 is rejected');
SELECT throws_ok($$SELECT '{0}'::povstat.deprivations$$, '22P02', NULL, 'position 0 is rejected');
SELECT throws_ok($$SELECT '{1,'::povstat.deprivations$$, '22P02', NULL, 'truncated text is rejected');
SELECT throws_ok($$SELECT povstat.deprivations(ARRAY[40])$$, '22023', NULL, 'position 40 in an array is rejected');
SELECT throws_ok($$SELECT '{1}'::povstat.deprivations @> 0$$, '22023', NULL, 'membership of position 0 is an error');
SELECT throws_ok($$SELECT povstat.deprivations(VARIADIC array_fill(true, ARRAY[33]))$$, '22023', NULL,
                 '33 flags are rejected');

SELECT * FROM finish();
ROLLBACK;
