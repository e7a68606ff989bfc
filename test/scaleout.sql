-- pgTAP: catalog invariants that make every povstat statistic splittable,
-- checked over whatever families this build has (no list to maintain).
-- A state type is a povstat type used as the STYPE of a povstat aggregate.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(9);

CREATE TEMP VIEW povstat_aggs AS
  SELECT p.oid, p.oid::regprocedure AS agg, p.proname, a.aggtranstype, a.aggtransfn,
         a.aggcombinefn, a.aggfinalfn, p.prorettype
    FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
   WHERE p.pronamespace = 'povstat'::regnamespace;
CREATE TEMP VIEW state_types AS
  SELECT DISTINCT t.oid, t.oid::regtype AS typ, t.typinput, t.typoutput, t.typreceive, t.typsend
    FROM povstat_aggs a JOIN pg_type t ON t.oid = a.aggtranstype
   WHERE t.typnamespace = 'povstat'::regnamespace;

SELECT cmp_ok((SELECT count(*) FROM state_types), '>=', 1::bigint, 'there is at least one state type');

SELECT is_empty($$SELECT agg::text FROM povstat_aggs
                   WHERE aggtranstype NOT IN (SELECT oid FROM state_types)$$,
                'every povstat aggregate keeps its state in a povstat state type (never internal or a core type)');

SELECT is_empty($$SELECT typ::text FROM state_types
                   WHERE typreceive = 0 OR typsend = 0 OR typinput = 0 OR typoutput = 0$$,
                'every state type has text input/output and binary receive/send');

SELECT is_empty($$SELECT typ::text FROM state_types s
                   WHERE NOT EXISTS (SELECT FROM povstat_aggs a
                                      WHERE a.proname = 'merge' AND a.aggtranstype = s.oid
                                        AND a.prorettype = s.oid AND a.aggtransfn = a.aggcombinefn
                                        AND a.aggfinalfn = 0)$$,
                'every state type has povstat.merge(<state>) whose step is the combine function');

SELECT is_empty($$SELECT typ::text FROM state_types s
                   WHERE NOT EXISTS (SELECT FROM povstat_aggs a
                                      WHERE a.proname <> 'merge' AND a.aggtranstype = s.oid
                                        AND a.prorettype = s.oid AND a.aggfinalfn = 0)$$,
                'every state type has an aggregate that builds it from rows');

SELECT is_empty($$SELECT agg::text FROM povstat_aggs a
                   WHERE a.aggfinalfn <> 0
                     AND NOT EXISTS (SELECT FROM pg_proc f
                                      WHERE f.oid = a.aggfinalfn AND f.prokind = 'f'
                                        AND f.pronamespace = 'povstat'::regnamespace
                                        AND f.proargtypes[0] = a.aggtranstype)$$,
                'every final function is a povstat function callable on a stored state');

SELECT is_empty($$SELECT agg::text FROM povstat_aggs a
                   WHERE a.aggtranstype IN (SELECT oid FROM state_types)
                     AND a.aggcombinefn <> (SELECT m.aggcombinefn FROM povstat_aggs m
                                             WHERE m.proname = 'merge' AND m.aggtranstype = a.aggtranstype)$$,
                'aggregates of one state type share the combine function of its merge');

-- postgres_fdw ships only objects of extensions listed in the server's
-- "extensions" option: aggregates, finishers and types must belong to povstat.
SELECT is_empty($$SELECT agg::text FROM povstat_aggs a
                   WHERE NOT EXISTS (SELECT FROM pg_depend d
                                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = a.oid
                                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
                  UNION ALL
                  SELECT typ::text FROM state_types s
                   WHERE NOT EXISTS (SELECT FROM pg_depend d
                                      WHERE d.classid = 'pg_type'::regclass AND d.objid = s.oid
                                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')$$,
                'aggregates and state types are members of the extension (shippable with extensions ''povstat'')');

-- Citus 13 ships states as text: input and output must be strict (NULL
-- states never reach them) and immutable.
SELECT is_empty($$SELECT typ::text FROM state_types s JOIN pg_proc i ON i.oid = s.typinput
                     JOIN pg_proc o ON o.oid = s.typoutput
                   WHERE NOT (i.proisstrict AND o.proisstrict AND i.provolatile = 'i' AND o.provolatile = 'i')$$,
                'state text input and output are STRICT and IMMUTABLE');

SELECT * FROM finish();
ROLLBACK;
