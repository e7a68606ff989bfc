
-------------------------------------------------------------------------------
-- Inequality moments: GE(alpha), Theil, MLD, Atkinson (src/moments.c)
--
-- Reference: measures.md, "Inequality" (Shorrocks 1980 for GE; Atkinson
-- 1970).  Measures undefined at a zero income (MLD = GE(0), GE(alpha) for
-- alpha < 0, Atkinson for epsilon >= 1) are computed over the rows with
-- income > 0, with W and the mean recomputed over them; the others over all
-- rows.  Negative incomes are an error.  NULL arguments skip the row; weight
-- 0 counts as absent; no rows, W = 0 or a zero mean give NULL.
-------------------------------------------------------------------------------

CREATE TYPE povstat.moments_state;

CREATE FUNCTION povstat.moments_state_in(cstring) RETURNS povstat.moments_state
  AS 'MODULE_PATHNAME', 'moments_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.moments_state_out(povstat.moments_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'moments_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.moments_state_recv(internal) RETURNS povstat.moments_state
  AS 'MODULE_PATHNAME', 'moments_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.moments_state_send(povstat.moments_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'moments_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.moments_state (
  INPUT = povstat.moments_state_in,
  OUTPUT = povstat.moments_state_out,
  RECEIVE = povstat.moments_state_recv,
  SEND = povstat.moments_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.moments_state IS
  'Mergeable state of the inequality moments (GE, Theil, MLD, Atkinson): weighted sums of 1, y, y^2, ln y, y ln y and y^p, over all rows and over rows with y > 0 (compensated sums). Text form (v=1,...) round-trips exactly. Build with povstat.moments_state(), ge_state() or atkinson_state(), merge with povstat.merge(), finish with povstat.theil(), mld(), ge(), atkinson().';
COMMENT ON FUNCTION povstat.moments_state_in(cstring) IS 'Text input of povstat.moments_state; validates every field.';
COMMENT ON FUNCTION povstat.moments_state_out(povstat.moments_state) IS 'Text output of povstat.moments_state (exact: floats in shortest round-trip form).';
COMMENT ON FUNCTION povstat.moments_state_recv(internal) IS 'Binary input of povstat.moments_state; validates every byte.';
COMMENT ON FUNCTION povstat.moments_state_send(povstat.moments_state) IS 'Binary output of povstat.moments_state.';

-- Transition and combine functions (aggregate support; not for direct calls).
CREATE FUNCTION povstat.moments_log_accum(povstat.moments_state, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_log_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_log_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_log_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_state_accum(povstat.moments_state, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_state_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_ge_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_ge_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_ge_accum(povstat.moments_state, float8, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_ge_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_ge_state_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_ge_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_ge_state_accum(povstat.moments_state, float8, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_ge_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_atkinson_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_atkinson_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_atkinson_accum(povstat.moments_state, float8, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_atkinson_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_atkinson_state_accum(povstat.moments_state, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_atkinson_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_atkinson_state_accum(povstat.moments_state, float8, float8, float8)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_atkinson_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.moments_combine(povstat.moments_state, povstat.moments_state)
  RETURNS povstat.moments_state AS 'MODULE_PATHNAME', 'moments_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION povstat.moments_log_accum(povstat.moments_state, float8) IS 'Transition function of povstat.theil(income) and povstat.mld(income); aggregate support.';
COMMENT ON FUNCTION povstat.moments_log_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.theil(income, weight) and povstat.mld(income, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_state_accum(povstat.moments_state, float8) IS 'Transition function of povstat.moments_state(income); aggregate support.';
COMMENT ON FUNCTION povstat.moments_state_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.moments_state(income, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_ge_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.ge(income, alpha); aggregate support.';
COMMENT ON FUNCTION povstat.moments_ge_accum(povstat.moments_state, float8, float8, float8) IS 'Transition function of povstat.ge(income, alpha, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_ge_state_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.ge_state(income, alpha); aggregate support.';
COMMENT ON FUNCTION povstat.moments_ge_state_accum(povstat.moments_state, float8, float8, float8) IS 'Transition function of povstat.ge_state(income, alpha, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_atkinson_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.atkinson(income, epsilon); aggregate support.';
COMMENT ON FUNCTION povstat.moments_atkinson_accum(povstat.moments_state, float8, float8, float8) IS 'Transition function of povstat.atkinson(income, epsilon, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_atkinson_state_accum(povstat.moments_state, float8, float8) IS 'Transition function of povstat.atkinson_state(income, epsilon); aggregate support.';
COMMENT ON FUNCTION povstat.moments_atkinson_state_accum(povstat.moments_state, float8, float8, float8) IS 'Transition function of povstat.atkinson_state(income, epsilon, weight); aggregate support.';
COMMENT ON FUNCTION povstat.moments_combine(povstat.moments_state, povstat.moments_state) IS 'Combine function of the inequality moments: merges two states built for the same measure and parameter.';

-- Finishers: final functions of the aggregates, callable on stored states.
CREATE FUNCTION povstat.theil(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_theil' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mld(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_mld' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.ge(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_ge_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.ge(povstat.moments_state, alpha float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_ge_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.atkinson(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_atkinson_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.atkinson(povstat.moments_state, epsilon float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_atkinson_eps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.population(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mean_income(povstat.moments_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'moments_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION povstat.theil(povstat.moments_state) IS 'Theil T = GE(1) of a state (Shorrocks 1980; measures.md): sum w r ln r / W, r = y/mean, 0 ln 0 = 0, over all rows. NULL when W = 0 or the mean is 0.';
COMMENT ON FUNCTION povstat.mld(povstat.moments_state) IS 'Mean log deviation = GE(0) of a state (measures.md): -sum w ln r / W over rows with y > 0, W and mean recomputed over them. NULL when no row has y > 0.';
COMMENT ON FUNCTION povstat.ge(povstat.moments_state) IS 'GE(alpha) of a state for the alpha it was built with (povstat.ge_state or the ge aggregate).';
COMMENT ON FUNCTION povstat.ge(povstat.moments_state, float8) IS 'GE(alpha) of a state (Shorrocks 1980; measures.md): (sum w r^alpha / W - 1) / (alpha^2 - alpha); alpha 0, 1, 2 from any full state, another alpha only if the state was built with it (or with Atkinson epsilon = 1 - alpha). alpha <= 0: rows with y > 0 only.';
COMMENT ON FUNCTION povstat.atkinson(povstat.moments_state) IS 'Atkinson(epsilon) of a state for the epsilon it was built with (povstat.atkinson_state or the atkinson aggregate).';
COMMENT ON FUNCTION povstat.atkinson(povstat.moments_state, float8) IS 'Atkinson(epsilon) of a state (Atkinson 1970; measures.md): 1 - (sum w r^(1-eps) / W)^(1/(1-eps)); eps = 1: 1 - geometric mean / mean. eps 0 and 1 from any full state, another only if the state was built with it. eps >= 1: rows with y > 0 only.';
COMMENT ON FUNCTION povstat.population(povstat.moments_state) IS 'Total weight W of the rows in a moments_state.';
COMMENT ON FUNCTION povstat.mean_income(povstat.moments_state) IS 'Weighted mean income over all rows of a moments_state; NULL when W = 0.';

-- State-producing and merging aggregates (rollups, sharded execution).
CREATE AGGREGATE povstat.moments_state(income float8) (
  SFUNC = povstat.moments_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.moments_state(income float8, weight float8) (
  SFUNC = povstat.moments_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.ge_state(income float8, alpha float8) (
  SFUNC = povstat.moments_ge_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.ge_state(income float8, alpha float8, weight float8) (
  SFUNC = povstat.moments_ge_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.atkinson_state(income float8, epsilon float8) (
  SFUNC = povstat.moments_atkinson_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.atkinson_state(income float8, epsilon float8, weight float8) (
  SFUNC = povstat.moments_atkinson_state_accum, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.moments_state) (
  SFUNC = povstat.moments_combine, STYPE = povstat.moments_state,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE povstat.moments_state(float8) IS 'Inequality-moments state of the incomes (gives Theil, MLD, GE(0, 1, 2), Atkinson(0, 1)), for rollup tables and sharded execution.';
COMMENT ON AGGREGATE povstat.moments_state(float8, float8) IS 'Weighted inequality-moments state (gives Theil, MLD, GE(0, 1, 2), Atkinson(0, 1)).';
COMMENT ON AGGREGATE povstat.ge_state(float8, float8) IS 'Inequality-moments state that also gives GE(alpha) for its constant alpha.';
COMMENT ON AGGREGATE povstat.ge_state(float8, float8, float8) IS 'Weighted inequality-moments state that also gives GE(alpha) for its constant alpha.';
COMMENT ON AGGREGATE povstat.atkinson_state(float8, float8) IS 'Inequality-moments state that also gives Atkinson(epsilon) for its constant epsilon.';
COMMENT ON AGGREGATE povstat.atkinson_state(float8, float8, float8) IS 'Weighted inequality-moments state that also gives Atkinson(epsilon) for its constant epsilon.';
COMMENT ON AGGREGATE povstat.merge(povstat.moments_state) IS 'Merges stored moments_state values built for the same measure and parameter; equals one pass over all rows.';

-- Result aggregates: each with and without a trailing weight.
CREATE AGGREGATE povstat.theil(income float8) (
  SFUNC = povstat.moments_log_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.theil,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.theil(float8) IS 'Theil T index = GE(1) (Shorrocks 1980; measures.md): sum r ln r / n, r = y/mean, 0 ln 0 = 0. Negative incomes are an error.';
CREATE AGGREGATE povstat.theil(income float8, weight float8) (
  SFUNC = povstat.moments_log_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.theil,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.theil(float8, float8) IS 'Weighted Theil T index = GE(1) (Shorrocks 1980; measures.md): sum w r ln r / W, r = y/mean, 0 ln 0 = 0.';
CREATE AGGREGATE povstat.mld(income float8) (
  SFUNC = povstat.moments_log_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.mld,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mld(float8) IS 'Mean log deviation = GE(0) (Theil L; measures.md): -sum ln r / n over incomes > 0, mean over them; zero incomes are outside the index.';
CREATE AGGREGATE povstat.mld(income float8, weight float8) (
  SFUNC = povstat.moments_log_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.mld,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mld(float8, float8) IS 'Weighted mean log deviation = GE(0) (measures.md): -sum w ln r / W over incomes > 0, W and mean over them; zero incomes are outside the index.';
CREATE AGGREGATE povstat.ge(income float8, alpha float8) (
  SFUNC = povstat.moments_ge_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.ge,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.ge(float8, float8) IS 'Generalised entropy GE(alpha) (Shorrocks 1980; measures.md): (sum r^alpha / n - 1) / (alpha^2 - alpha), r = y/mean; alpha 1 = Theil, 0 = MLD. alpha must be constant; alpha <= 0 uses incomes > 0 only.';
CREATE AGGREGATE povstat.ge(income float8, alpha float8, weight float8) (
  SFUNC = povstat.moments_ge_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.ge,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.ge(float8, float8, float8) IS 'Weighted generalised entropy GE(alpha) (Shorrocks 1980; measures.md): (sum w r^alpha / W - 1) / (alpha^2 - alpha), r = y/mean. alpha must be constant; alpha <= 0 uses incomes > 0 only.';
CREATE AGGREGATE povstat.atkinson(income float8, epsilon float8) (
  SFUNC = povstat.moments_atkinson_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.atkinson,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.atkinson(float8, float8) IS 'Atkinson index (Atkinson 1970; measures.md): 1 - (sum r^(1-eps) / n)^(1/(1-eps)), r = y/mean; eps = 1: 1 - geometric mean / mean. eps must be constant and >= 0; eps >= 1 uses incomes > 0 only.';
CREATE AGGREGATE povstat.atkinson(income float8, epsilon float8, weight float8) (
  SFUNC = povstat.moments_atkinson_accum, STYPE = povstat.moments_state, FINALFUNC = povstat.atkinson,
  COMBINEFUNC = povstat.moments_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.atkinson(float8, float8, float8) IS 'Weighted Atkinson index (Atkinson 1970; measures.md): 1 - (sum w r^(1-eps) / W)^(1/(1-eps)); eps = 1: 1 - geometric mean / mean. eps must be constant and >= 0; eps >= 1 uses incomes > 0 only.';
