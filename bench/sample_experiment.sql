-- Micro-experiment behind the state design of src/sample.c: how fast does a
-- growing sample accumulate as an expanded object (povstat.sample_state)
-- versus a plain varlena that is reallocated and returned as a new pointer
-- (the executor then copies it)?  And what does the median cost next to
-- percentile_cont(0.5)?
--
-- Needs povstat built with the experiment function:
--   make PG_CPPFLAGS="-Isrc -DSAMPLE_EXPERIMENT"
--   . scripts/pgenv.sh && pgenv_start && psql -X -v rows=5000000 -f bench/sample_experiment.sql
-- Not part of any test; timings are printed by \timing.
\set ON_ERROR_STOP 1
\if :{?rows}
\else
\set rows 5000000
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS povstat;
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '1GB';
DROP TABLE IF EXISTS exp_hh;
CREATE TABLE exp_hh AS
  SELECT i AS id, exp(14 + 0.6 * sin(i * 1.7) + 0.5 * cos(i * 0.37)) AS income,
         (1 + (i % 5) * 0.5)::float8 AS weight
    FROM generate_series(1, :rows) i;
VACUUM ANALYZE exp_hh;

CREATE SCHEMA IF NOT EXISTS exp;
CREATE OR REPLACE FUNCTION exp.varlena_accum(bytea, float8) RETURNS bytea
  AS '$libdir/povstat', 'sample_experiment_varlena_accum' LANGUAGE C;
CREATE OR REPLACE FUNCTION exp.varlena_rows(bytea) RETURNS bigint
  AS '$libdir/povstat', 'sample_experiment_varlena_rows' LANGUAGE C STRICT;
CREATE OR REPLACE AGGREGATE exp.varlena_rows(float8) (
  SFUNC = exp.varlena_accum, STYPE = bytea, FINALFUNC = exp.varlena_rows);
CREATE OR REPLACE AGGREGATE exp.expanded_rows(float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_rows);

\timing on
-- warm the cache, then each query three times
SELECT sum(income) FROM exp_hh;
SELECT sum(income) FROM exp_hh;
SELECT sum(income) FROM exp_hh;
SELECT sum(income) FROM exp_hh;
SELECT exp.expanded_rows(income) FROM exp_hh;
SELECT exp.expanded_rows(income) FROM exp_hh;
SELECT exp.expanded_rows(income) FROM exp_hh;
SELECT exp.varlena_rows(income) FROM exp_hh;
SELECT exp.varlena_rows(income) FROM exp_hh;
SELECT exp.varlena_rows(income) FROM exp_hh;
SELECT povstat.median(income) FROM exp_hh;
SELECT povstat.median(income) FROM exp_hh;
SELECT povstat.median(income) FROM exp_hh;
SELECT povstat.median(income, weight) FROM exp_hh;
SELECT povstat.median(income, weight) FROM exp_hh;
SELECT povstat.median(income, weight) FROM exp_hh;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FROM exp_hh;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FROM exp_hh;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FROM exp_hh;
SET max_parallel_workers_per_gather = 2;
SELECT povstat.median(income) FROM exp_hh;
SELECT povstat.median(income) FROM exp_hh;
SELECT povstat.median(income) FROM exp_hh;
\timing off
DROP SCHEMA exp CASCADE;
DROP TABLE exp_hh;
