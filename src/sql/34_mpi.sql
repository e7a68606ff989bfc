
-------------------------------------------------------------------------------
-- Multidimensional poverty, Alkire-Foster (src/mpi.c)
--
-- Reference: measures.md, "Multidimensional (Alkire & Foster 2011)".  A unit
-- is poor when its weighted deprivation score reaches the cutoff k; with
-- equal weights the cutoff is decided on the integer number of deprivations
-- (float sums of 1/12 are not exact).  NULL arguments skip the row; weight 0
-- counts as absent; a position above the number of indicators is an error;
-- no rows or W = 0 give NULL; A and the contributions are NULL when nobody
-- is poor.
-------------------------------------------------------------------------------

CREATE TYPE povstat.mpi_state;

CREATE FUNCTION povstat.mpi_state_in(cstring) RETURNS povstat.mpi_state
  AS 'MODULE_PATHNAME', 'mpi_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_state_out(povstat.mpi_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'mpi_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_state_recv(internal) RETURNS povstat.mpi_state
  AS 'MODULE_PATHNAME', 'mpi_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_state_send(povstat.mpi_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'mpi_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.mpi_state (
  INPUT = povstat.mpi_state_in,
  OUTPUT = povstat.mpi_state_out,
  RECEIVE = povstat.mpi_state_recv,
  SEND = povstat.mpi_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.mpi_state IS
  'Mergeable state of the Alkire-Foster aggregates: indicator weights, cutoff, exact row counts of all and poor units per indicator and, when weighted, compensated weight sums. Text form (v=1,...) round-trips exactly. Build with povstat.mpi_state(), merge with povstat.merge(), finish with povstat.mpi(), mpi_h(), mpi_a(), mpi_m0(), mpi_indicators() and the per-indicator functions.';
COMMENT ON FUNCTION povstat.mpi_state_in(cstring) IS 'Text input of povstat.mpi_state; validates every field.';
COMMENT ON FUNCTION povstat.mpi_state_out(povstat.mpi_state) IS 'Text output of povstat.mpi_state (exact).';
COMMENT ON FUNCTION povstat.mpi_state_recv(internal) IS 'Binary input of povstat.mpi_state; validates every byte.';
COMMENT ON FUNCTION povstat.mpi_state_send(povstat.mpi_state) IS 'Binary output of povstat.mpi_state.';

CREATE TYPE povstat.mpi_result AS (
  h float8,
  a float8,
  m0 float8,
  censored_headcount float8[],
  uncensored_headcount float8[],
  contribution float8[]
);
COMMENT ON TYPE povstat.mpi_result IS
  'Alkire-Foster results: h = multidimensional headcount ratio, a = average deprivation share of the poor (NULL when nobody is poor), m0 = adjusted headcount ratio = h * a; per indicator (array index = position) the censored and uncensored headcount ratios and the contribution to m0 (sums to 1; NULL when m0 = 0). Plain columns: (povstat.mpi(...)).m0, or povstat.mpi_indicators(state) for rows.';

-- Transition and combine functions (aggregate support; not for direct calls).
CREATE FUNCTION povstat.mpi_int_accum(povstat.mpi_state, povstat.deprivations, integer, integer)
  RETURNS povstat.mpi_state AS 'MODULE_PATHNAME', 'mpi_int_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_int_accum(povstat.mpi_state, povstat.deprivations, integer, integer, float8)
  RETURNS povstat.mpi_state AS 'MODULE_PATHNAME', 'mpi_int_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_weights_accum(povstat.mpi_state, povstat.deprivations, float8[], float8)
  RETURNS povstat.mpi_state AS 'MODULE_PATHNAME', 'mpi_weights_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_weights_accum(povstat.mpi_state, povstat.deprivations, float8[], float8, float8)
  RETURNS povstat.mpi_state AS 'MODULE_PATHNAME', 'mpi_weights_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_combine(povstat.mpi_state, povstat.mpi_state)
  RETURNS povstat.mpi_state AS 'MODULE_PATHNAME', 'mpi_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.mpi_int_accum(povstat.mpi_state, povstat.deprivations, integer, integer) IS 'Transition function of povstat.mpi(deps, n_indicators, k); aggregate support.';
COMMENT ON FUNCTION povstat.mpi_int_accum(povstat.mpi_state, povstat.deprivations, integer, integer, float8) IS 'Transition function of povstat.mpi(deps, n_indicators, k, weight); aggregate support.';
COMMENT ON FUNCTION povstat.mpi_weights_accum(povstat.mpi_state, povstat.deprivations, float8[], float8) IS 'Transition function of povstat.mpi(deps, indicator_weights, k); aggregate support.';
COMMENT ON FUNCTION povstat.mpi_weights_accum(povstat.mpi_state, povstat.deprivations, float8[], float8, float8) IS 'Transition function of povstat.mpi(deps, indicator_weights, k, weight); aggregate support.';
COMMENT ON FUNCTION povstat.mpi_combine(povstat.mpi_state, povstat.mpi_state) IS 'Combine function of the Alkire-Foster aggregates: merges states with the same indicators, weights, cutoff and weighting.';

-- Finishers: final functions of the aggregates, callable on stored states.
CREATE FUNCTION povstat.mpi(povstat.mpi_state) RETURNS povstat.mpi_result
  AS 'MODULE_PATHNAME', 'mpi_result' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_h(povstat.mpi_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_h' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_a(povstat.mpi_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_a' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_m0(povstat.mpi_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_m0' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.population(povstat.mpi_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_censored_headcount(povstat.mpi_state, indicator integer) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_censored_headcount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_uncensored_headcount(povstat.mpi_state, indicator integer) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_uncensored_headcount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_contribution(povstat.mpi_state, indicator integer) RETURNS float8
  AS 'MODULE_PATHNAME', 'mpi_contribution' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mpi_indicators(povstat.mpi_state,
    OUT indicator integer, OUT weight float8, OUT uncensored_headcount float8,
    OUT censored_headcount float8, OUT contribution float8)
  RETURNS SETOF record
  AS 'MODULE_PATHNAME', 'mpi_indicators' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;

COMMENT ON FUNCTION povstat.mpi(povstat.mpi_state) IS 'Alkire-Foster results of a state (Alkire & Foster 2011; measures.md) as povstat.mpi_result. NULL when W = 0.';
COMMENT ON FUNCTION povstat.mpi_h(povstat.mpi_state) IS 'Multidimensional headcount ratio H = weight of the poor / W (Alkire & Foster 2011).';
COMMENT ON FUNCTION povstat.mpi_a(povstat.mpi_state) IS 'Intensity A = sum over the poor of w c_i / weight of the poor; NULL when nobody is poor.';
COMMENT ON FUNCTION povstat.mpi_m0(povstat.mpi_state) IS 'Adjusted headcount ratio M0 = H * A = sum over the poor of w c_i / W (0 when nobody is poor).';
COMMENT ON FUNCTION povstat.population(povstat.mpi_state) IS 'Total weight W of an mpi_state (rows when unweighted).';
COMMENT ON FUNCTION povstat.mpi_censored_headcount(povstat.mpi_state, integer) IS 'Censored headcount ratio of the indicator at a position: weight of poor units deprived in it / W.';
COMMENT ON FUNCTION povstat.mpi_uncensored_headcount(povstat.mpi_state, integer) IS 'Uncensored headcount ratio of the indicator at a position: weight of all units deprived in it / W.';
COMMENT ON FUNCTION povstat.mpi_contribution(povstat.mpi_state, integer) IS 'Contribution of the indicator at a position to M0: v_j * censored_j / M0 (sums to 1 over indicators); NULL when M0 = 0.';
COMMENT ON FUNCTION povstat.mpi_indicators(povstat.mpi_state) IS 'One row per indicator of a state: position, weight, uncensored and censored headcount ratios, contribution to M0 (for BI tools that read rows).';

-- State-producing and merging aggregates.
CREATE AGGREGATE povstat.mpi_state(deps povstat.deprivations, n_indicators integer, k integer) (
  SFUNC = povstat.mpi_int_accum, STYPE = povstat.mpi_state,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.mpi_state(deps povstat.deprivations, n_indicators integer, k integer, weight float8) (
  SFUNC = povstat.mpi_int_accum, STYPE = povstat.mpi_state,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.mpi_state(deps povstat.deprivations, indicator_weights float8[], k float8) (
  SFUNC = povstat.mpi_weights_accum, STYPE = povstat.mpi_state,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.mpi_state(deps povstat.deprivations, indicator_weights float8[], k float8, weight float8) (
  SFUNC = povstat.mpi_weights_accum, STYPE = povstat.mpi_state,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.mpi_state) (
  SFUNC = povstat.mpi_combine, STYPE = povstat.mpi_state,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mpi_state(povstat.deprivations, integer, integer) IS 'Alkire-Foster state with equal weights 1/n and an integer cutoff k (poor: at least k deprivations), for rollups.';
COMMENT ON AGGREGATE povstat.mpi_state(povstat.deprivations, integer, integer, float8) IS 'Weighted Alkire-Foster state with equal weights 1/n and an integer cutoff k.';
COMMENT ON AGGREGATE povstat.mpi_state(povstat.deprivations, float8[], float8) IS 'Alkire-Foster state with indicator weights (summing to 1) and a score cutoff k in (0, 1].';
COMMENT ON AGGREGATE povstat.mpi_state(povstat.deprivations, float8[], float8, float8) IS 'Weighted Alkire-Foster state with indicator weights (summing to 1) and a score cutoff k in (0, 1].';
COMMENT ON AGGREGATE povstat.merge(povstat.mpi_state) IS 'Merges stored mpi_state values built with the same indicators, weights and cutoff; equals one pass over all rows.';

-- Result aggregates.
CREATE AGGREGATE povstat.mpi(deps povstat.deprivations, n_indicators integer, k integer) (
  SFUNC = povstat.mpi_int_accum, STYPE = povstat.mpi_state, FINALFUNC = povstat.mpi,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mpi(povstat.deprivations, integer, integer) IS 'Alkire-Foster M0, H, A and per-indicator figures (Alkire & Foster 2011) with equal weights 1/n_indicators; poor: at least k deprivations (decided on the integer count). n and k must be constant.';
CREATE AGGREGATE povstat.mpi(deps povstat.deprivations, n_indicators integer, k integer, weight float8) (
  SFUNC = povstat.mpi_int_accum, STYPE = povstat.mpi_state, FINALFUNC = povstat.mpi,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mpi(povstat.deprivations, integer, integer, float8) IS 'Weighted Alkire-Foster figures with equal weights 1/n_indicators; poor: at least k deprivations.';
CREATE AGGREGATE povstat.mpi(deps povstat.deprivations, indicator_weights float8[], k float8) (
  SFUNC = povstat.mpi_weights_accum, STYPE = povstat.mpi_state, FINALFUNC = povstat.mpi,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mpi(povstat.deprivations, float8[], float8) IS 'Alkire-Foster figures with indicator weights (one per position, summing to 1) and score cutoff k in (0, 1]; equal weights are decided on the integer count. Weights and k must be constant.';
CREATE AGGREGATE povstat.mpi(deps povstat.deprivations, indicator_weights float8[], k float8, weight float8) (
  SFUNC = povstat.mpi_weights_accum, STYPE = povstat.mpi_state, FINALFUNC = povstat.mpi,
  COMBINEFUNC = povstat.mpi_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.mpi(povstat.deprivations, float8[], float8, float8) IS 'Weighted Alkire-Foster figures with indicator weights (summing to 1) and score cutoff k in (0, 1].';
