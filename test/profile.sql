-- pgTAP: class profile.  Expected values by hand in comments.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(7);

SELECT has_type('povstat', 'profile_state', 'povstat.profile_state exists');
SELECT has_type('povstat', 'class_profile_result', 'povstat.class_profile_result exists');
-- poor, poor, average, NULL: 4 households, 2 poor: rate 0.5; unclassified 1
SELECT is(povstat.class_rate(c, 'poor'), 0.5::float8, 'poor rate counts NULL class in the total')
  FROM (VALUES ('poor'::povstat.hh_class), ('poor'), ('average'), (NULL)) v(c);
SELECT is((povstat.class_profile(c)).unclassified, 1::float8, 'NULL class is unclassified')
  FROM (VALUES ('poor'::povstat.hh_class), ('poor'), ('average'), (NULL)) v(c);
-- members 3, 1, 4: persons in poor households 3 + 1 = 4 of 8
SELECT is(povstat.class_rate(c, 'poor', m), 0.5::float8, 'person rate with members as weight')
  FROM (VALUES ('poor'::povstat.hh_class, 3.0::float8), ('poor', 1), ('better_off', 4)) v(c, m);
SELECT throws_ok($$SELECT povstat.class_profile('poor'::povstat.hh_class, -1.0::float8)$$, '22023', NULL, 'negative weight is rejected');
SELECT throws_ok($$SELECT '(v=1,weighted=2)'::povstat.profile_state$$, '22P02', NULL, 'malformed state text is rejected');

SELECT * FROM finish();
ROLLBACK;
