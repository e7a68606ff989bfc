-- pgTAP: povstat.transitions and its state type.  Expected values by hand.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(16);

SELECT has_type('povstat', 'transitions_state', 'povstat.transitions_state exists');
SELECT has_type('povstat', 'transitions_result', 'povstat.transitions_result exists');
SELECT is((SELECT bool_and(a.aggcombinefn <> 0 AND a.aggtranstype = 'povstat.transitions_state'::regtype
                           AND p.proparallel = 's')
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE p.proname IN ('transitions', 'transitions_state')
              AND p.pronamespace = 'povstat'::regnamespace),
          true, 'transitions aggregates: combine function, povstat state type, parallel safe');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'povstat'::regnamespace
              AND p.proargtypes[0] = 'povstat.transitions_state'::regtype
              AND obj_description(p.oid, 'pg_proc') IS NULL),
          0::bigint, 'every function on transitions_state has a comment');

-- (poor -> near_poor), (poor -> poor), (average -> poor re-poor), (NULL -> poor), (poor -> NULL)
CREATE TEMP TABLE m (b povstat.hh_class, a povstat.hh_class, r boolean);
INSERT INTO m VALUES ('poor', 'near_poor', false), ('poor', 'poor', false),
  ('average', 'poor', true), (NULL, 'poor', false), ('poor', NULL, false);
SELECT is((SELECT povstat.poor_start(povstat.transitions_state(b, a, r)) FROM m), 3::float8, 'poor at start: 3');
SELECT is((SELECT povstat.poor_exited(povstat.transitions_state(b, a, r)) FROM m), 1::float8, 'exited: 1 (to near-poor)');
SELECT is((SELECT povstat.poor_left(povstat.transitions_state(b, a, r)) FROM m), 1::float8, 'left the register: 1');
SELECT is((SELECT povstat.poor_returned(povstat.transitions_state(b, a, r)) FROM m), 1::float8, 're-poor: 1');
SELECT is((SELECT povstat.poor_newly(povstat.transitions_state(b, a, r)) FROM m), 0::float8, 'newly poor: 0');
SELECT is((SELECT povstat.poor_entered(povstat.transitions_state(b, a, r)) FROM m), 1::float8, 'entered as poor: 1');
-- end = 3 - 1 - 1 + 0 + 1 + 1 = 3
SELECT is((SELECT povstat.poor_end(povstat.transitions_state(b, a, r)) FROM m), 3::float8, 'poor at end: 3');
SELECT is((SELECT povstat.poor_returned(povstat.transitions_state(b, a)) FROM m), NULL::float8,
          'without exited_before re-poor is unknown');
SELECT is((SELECT count(*) FROM povstat.transition_matrix(
             (SELECT povstat.transitions_state(b, a) FROM m))), 25::bigint, 'matrix has 25 cells');

SELECT throws_ok($$SELECT povstat.transitions('poor'::povstat.hh_class, 'poor'::povstat.hh_class, -1::float8)$$,
                 '22023', NULL, 'negative weight is rejected');
SELECT throws_ok($$SELECT '(v=1,returns=2)'::povstat.transitions_state$$, '22P02', NULL,
                 'malformed state text is rejected');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (
                     SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class)
                     UNION ALL
                     SELECT povstat.transitions_state('poor'::povstat.hh_class, 'poor'::povstat.hh_class, false)) v(s)$$,
                 '22023', NULL, 'states with and without exited_before do not merge');

SELECT * FROM finish();
ROLLBACK;
