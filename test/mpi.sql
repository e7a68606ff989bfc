-- pgTAP: Alkire-Foster.  Expected values from Alkire & Foster's example.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(7);

SELECT has_type('povstat', 'mpi_state', 'povstat.mpi_state exists');
SELECT has_type('povstat', 'mpi_result', 'povstat.mpi_result exists');
-- {}, {2,4}, {1,2,3,4}, {2}, k = 2 of 4: M0 = 6/16 = 0.375, H = 0.5
SELECT is((povstat.mpi(d, 4, 2)).m0, 0.375::float8, 'AF example M0 at k = 0.5')
  FROM (VALUES ('{}'::povstat.deprivations), ('{2,4}'), ('{1,2,3,4}'), ('{2}')) v(d);
SELECT is((povstat.mpi(d, '{0.25,0.25,0.25,0.25}', 0.25)).h, 0.75::float8, 'AF example H at k = 0.25')
  FROM (VALUES ('{}'::povstat.deprivations), ('{2,4}'), ('{1,2,3,4}'), ('{2}')) v(d);
-- six of twelve equal weights reach k = 0.5
SELECT is((povstat.mpi('{1,2,3,4,5,6}'::povstat.deprivations, array_fill((1.0/12)::float8, ARRAY[12]), 0.5)).h,
          1::float8, '6/12 >= 0.5 with equal weights');
SELECT throws_ok($$SELECT povstat.mpi('{5}'::povstat.deprivations, 4, 2)$$, '22023', NULL, 'position beyond n is rejected');
SELECT throws_ok($$SELECT povstat.mpi('{1}'::povstat.deprivations, '{0.5,0.4}', 0.5::float8)$$, '22023', NULL, 'weights not summing to 1 are rejected');

SELECT * FROM finish();
ROLLBACK;
