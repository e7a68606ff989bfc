
-------------------------------------------------------------------------------
-- Absolute-line poverty: FGT family and Watts (src/fgt.c)
--
-- Poor means income <= line (Vietnam's "từ ... trở xuống"); the *_strict
-- aggregates use income < line (World Bank PIP, Eurostat).  The line may
-- differ per row.  Rows with a NULL income, line or weight are skipped;
-- weight 0 counts as absent; no rows (or total weight 0) give NULL.
-------------------------------------------------------------------------------

CREATE TYPE povstat.fgt_state;

CREATE FUNCTION povstat.fgt_state_in(cstring) RETURNS povstat.fgt_state
  AS 'MODULE_PATHNAME', 'fgt_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_out(povstat.fgt_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'fgt_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_recv(internal) RETURNS povstat.fgt_state
  AS 'MODULE_PATHNAME', 'fgt_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_send(povstat.fgt_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'fgt_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.fgt_state (
  INPUT = povstat.fgt_state_in,
  OUTPUT = povstat.fgt_state_out,
  RECEIVE = povstat.fgt_state_recv,
  SEND = povstat.fgt_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.fgt_state IS
  'Mergeable state of the FGT family and Watts: weighted sums of rows, poor rows, gaps, squared gaps and log ratios (compensated sums). Text form (v=1,...) round-trips exactly. Build with povstat.fgt_state(), merge with povstat.merge(), finish with povstat.headcount_ratio(), poverty_gap(), poverty_severity(), fgt(), watts().';

COMMENT ON FUNCTION povstat.fgt_state_in(cstring) IS 'Text input of povstat.fgt_state; validates every field.';
COMMENT ON FUNCTION povstat.fgt_state_out(povstat.fgt_state) IS 'Text output of povstat.fgt_state (exact: floats in shortest round-trip form).';
COMMENT ON FUNCTION povstat.fgt_state_recv(internal) IS 'Binary input of povstat.fgt_state; validates every byte.';
COMMENT ON FUNCTION povstat.fgt_state_send(povstat.fgt_state) IS 'Binary output of povstat.fgt_state.';

-- Transition and combine functions (aggregate support; not for direct calls).
CREATE FUNCTION povstat.fgt_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_strict_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_strict_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_state_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_strict_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_state_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_state_strict_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_state_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_alpha_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_alpha_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_alpha_accum(povstat.fgt_state, float8, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_alpha_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_alpha_strict_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_alpha_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_alpha_strict_accum(povstat.fgt_state, float8, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_alpha_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_watts_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_watts_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_watts_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_watts_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_watts_strict_accum(povstat.fgt_state, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_watts_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_watts_strict_accum(povstat.fgt_state, float8, float8, float8)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_watts_strict_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.fgt_combine(povstat.fgt_state, povstat.fgt_state)
  RETURNS povstat.fgt_state AS 'MODULE_PATHNAME', 'fgt_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION povstat.fgt_accum(povstat.fgt_state, float8, float8) IS 'Transition function of the <= FGT result aggregates (no Watts sum); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of the weighted <= FGT result aggregates (no Watts sum); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_strict_accum(povstat.fgt_state, float8, float8) IS 'Transition function of the strict (<) FGT aggregates; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_strict_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of the strict (<) weighted FGT aggregates; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_state_accum(povstat.fgt_state, float8, float8) IS 'Transition function of povstat.fgt_state(income, line): keeps every sum, Watts included; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_state_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of povstat.fgt_state(income, line, weight); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_state_strict_accum(povstat.fgt_state, float8, float8) IS 'Transition function of povstat.fgt_state_strict(income, line); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_state_strict_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of povstat.fgt_state_strict(income, line, weight); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_alpha_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of povstat.fgt(income, line, alpha); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_alpha_accum(povstat.fgt_state, float8, float8, float8, float8) IS 'Transition function of povstat.fgt(income, line, alpha, weight); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_alpha_strict_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of povstat.fgt_strict(income, line, alpha); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_alpha_strict_accum(povstat.fgt_state, float8, float8, float8, float8) IS 'Transition function of povstat.fgt_strict(income, line, alpha, weight); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_watts_accum(povstat.fgt_state, float8, float8) IS 'Transition function of povstat.watts (rejects negative incomes); aggregate support.';
COMMENT ON FUNCTION povstat.fgt_watts_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of weighted povstat.watts; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_watts_strict_accum(povstat.fgt_state, float8, float8) IS 'Transition function of povstat.watts_strict; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_watts_strict_accum(povstat.fgt_state, float8, float8, float8) IS 'Transition function of weighted povstat.watts_strict; aggregate support.';
COMMENT ON FUNCTION povstat.fgt_combine(povstat.fgt_state, povstat.fgt_state) IS 'Combine function of the FGT family: merges two states of the same convention.';

-- Finishers: final functions of the aggregates, callable on stored states.
CREATE FUNCTION povstat.headcount_ratio(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_headcount_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.headcount(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_headcount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.population(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.poverty_gap(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_poverty_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.poverty_severity(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_poverty_severity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.fgt(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.fgt(povstat.fgt_state, alpha float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_alpha_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.watts(povstat.fgt_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'fgt_watts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION povstat.headcount_ratio(povstat.fgt_state) IS 'FGT0 of a state: weight of poor rows / total weight (Foster, Greer, Thorbecke 1984). NULL when the total weight is 0.';
COMMENT ON FUNCTION povstat.headcount(povstat.fgt_state) IS 'Weighted number of poor units in a state (households; persons when members was the weight).';
COMMENT ON FUNCTION povstat.population(povstat.fgt_state) IS 'Total weight of the rows in a state (W).';
COMMENT ON FUNCTION povstat.poverty_gap(povstat.fgt_state) IS 'FGT1 of a state: sum over poor of w (1 - y/z) / W.';
COMMENT ON FUNCTION povstat.poverty_severity(povstat.fgt_state) IS 'FGT2 of a state: sum over poor of w (1 - y/z)^2 / W.';
COMMENT ON FUNCTION povstat.fgt(povstat.fgt_state) IS 'FGT of a state for the alpha it was built with (0 when built without alpha).';
COMMENT ON FUNCTION povstat.fgt(povstat.fgt_state, float8) IS 'FGT(alpha) of a state; alpha 0, 1, 2 always, another alpha only if the state was built with it.';
COMMENT ON FUNCTION povstat.watts(povstat.fgt_state) IS 'Watts index of a state (Watts 1968): sum over poor with y > 0 of w ln(z/y) / weight of rows with y > 0; zero incomes are outside the index.';

-- State-producing and merging aggregates (rollups, sharded execution).
CREATE AGGREGATE povstat.fgt_state(income float8, line float8) (
  SFUNC = povstat.fgt_state_accum, STYPE = povstat.fgt_state,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.fgt_state(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_state_accum, STYPE = povstat.fgt_state,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.fgt_state_strict(income float8, line float8) (
  SFUNC = povstat.fgt_state_strict_accum, STYPE = povstat.fgt_state,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.fgt_state_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_state_strict_accum, STYPE = povstat.fgt_state,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.fgt_state) (
  SFUNC = povstat.fgt_combine, STYPE = povstat.fgt_state,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE povstat.fgt_state(float8, float8) IS 'FGT-family state of the rows (poor: income <= line), for rollup tables and sharded execution.';
COMMENT ON AGGREGATE povstat.fgt_state(float8, float8, float8) IS 'Weighted FGT-family state of the rows (poor: income <= line).';
COMMENT ON AGGREGATE povstat.fgt_state_strict(float8, float8) IS 'FGT-family state with the strict convention (poor: income < line).';
COMMENT ON AGGREGATE povstat.fgt_state_strict(float8, float8, float8) IS 'Weighted FGT-family state with the strict convention (poor: income < line).';
COMMENT ON AGGREGATE povstat.merge(povstat.fgt_state) IS 'Merges stored fgt_state values (e.g. commune rollups into a district); equals one pass over all rows.';

-- Result aggregates: each with and without a trailing weight.
CREATE AGGREGATE povstat.headcount_ratio(income float8, line float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.headcount_ratio,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.headcount_ratio(float8, float8) IS 'FGT0, the headcount ratio: weight of rows with income <= line / total weight (Foster, Greer, Thorbecke 1984).';
CREATE AGGREGATE povstat.headcount_ratio(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.headcount_ratio,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.headcount_ratio(float8, float8, float8) IS 'Weighted FGT0, the headcount ratio: weight of rows with income <= line / total weight (Foster, Greer, Thorbecke 1984).';
CREATE AGGREGATE povstat.poverty_gap(income float8, line float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_gap,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_gap(float8, float8) IS 'FGT1, the poverty gap index: sum over poor (income <= line) of w (1 - income/line) / W (FGT 1984).';
CREATE AGGREGATE povstat.poverty_gap(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_gap,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_gap(float8, float8, float8) IS 'Weighted FGT1, the poverty gap index: sum over poor (income <= line) of w (1 - income/line) / W (FGT 1984).';
CREATE AGGREGATE povstat.poverty_severity(income float8, line float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_severity,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_severity(float8, float8) IS 'FGT2, poverty severity: sum over poor (income <= line) of w (1 - income/line)^2 / W (FGT 1984).';
CREATE AGGREGATE povstat.poverty_severity(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_severity,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_severity(float8, float8, float8) IS 'Weighted FGT2, poverty severity: sum over poor (income <= line) of w (1 - income/line)^2 / W (FGT 1984).';
CREATE AGGREGATE povstat.watts(income float8, line float8) (
  SFUNC = povstat.fgt_watts_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.watts,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.watts(float8, float8) IS 'Watts index (Watts 1968): sum over poor (income <= line) with income > 0 of w ln(line/income) / weight of rows with income > 0. Zero incomes are outside the index; negative incomes are an error.';
CREATE AGGREGATE povstat.watts(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_watts_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.watts,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.watts(float8, float8, float8) IS 'Weighted Watts index (Watts 1968): sum over poor (income <= line) with income > 0 of w ln(line/income) / weight of rows with income > 0. Zero incomes are outside the index; negative incomes are an error.';
CREATE AGGREGATE povstat.headcount_ratio_strict(income float8, line float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.headcount_ratio,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.headcount_ratio_strict(float8, float8) IS 'FGT0 with the strict convention (poor: income < line; World Bank PIP, Eurostat).';
CREATE AGGREGATE povstat.headcount_ratio_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.headcount_ratio,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.headcount_ratio_strict(float8, float8, float8) IS 'Weighted FGT0 with the strict convention (poor: income < line; World Bank PIP, Eurostat).';
CREATE AGGREGATE povstat.poverty_gap_strict(income float8, line float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_gap,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_gap_strict(float8, float8) IS 'FGT1 with the strict convention (poor: income < line); equals poverty_gap, since a row at the line has gap 0.';
CREATE AGGREGATE povstat.poverty_gap_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_gap,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_gap_strict(float8, float8, float8) IS 'Weighted FGT1 with the strict convention (poor: income < line); equals poverty_gap, since a row at the line has gap 0.';
CREATE AGGREGATE povstat.poverty_severity_strict(income float8, line float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_severity,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_severity_strict(float8, float8) IS 'FGT2 with the strict convention (poor: income < line); equals poverty_severity.';
CREATE AGGREGATE povstat.poverty_severity_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.poverty_severity,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.poverty_severity_strict(float8, float8, float8) IS 'Weighted FGT2 with the strict convention (poor: income < line); equals poverty_severity.';
CREATE AGGREGATE povstat.watts_strict(income float8, line float8) (
  SFUNC = povstat.fgt_watts_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.watts,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.watts_strict(float8, float8) IS 'Watts index with the strict convention (poor: income < line); equals watts, since ln(line/line) = 0.';
CREATE AGGREGATE povstat.watts_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.fgt_watts_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.watts,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.watts_strict(float8, float8, float8) IS 'Weighted Watts index with the strict convention (poor: income < line); equals watts, since ln(line/line) = 0.';
CREATE AGGREGATE povstat.fgt(income float8, line float8, alpha float8) (
  SFUNC = povstat.fgt_alpha_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.fgt,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.fgt(float8, float8, float8) IS 'FGT(alpha) (Foster, Greer, Thorbecke 1984): sum over poor (income <= line) of w (1 - income/line)^alpha / W. alpha must be constant and >= 0.';
CREATE AGGREGATE povstat.fgt(income float8, line float8, alpha float8, weight float8) (
  SFUNC = povstat.fgt_alpha_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.fgt,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.fgt(float8, float8, float8, float8) IS 'Weighted FGT(alpha) (Foster, Greer, Thorbecke 1984): sum over poor (income <= line) of w (1 - income/line)^alpha / W. alpha must be constant and >= 0.';
CREATE AGGREGATE povstat.fgt_strict(income float8, line float8, alpha float8) (
  SFUNC = povstat.fgt_alpha_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.fgt,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.fgt_strict(float8, float8, float8) IS 'FGT(alpha) with the strict convention (poor: income < line); differs from fgt only for alpha = 0.';
CREATE AGGREGATE povstat.fgt_strict(income float8, line float8, alpha float8, weight float8) (
  SFUNC = povstat.fgt_alpha_strict_accum, STYPE = povstat.fgt_state, FINALFUNC = povstat.fgt,
  COMBINEFUNC = povstat.fgt_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.fgt_strict(float8, float8, float8, float8) IS 'Weighted FGT(alpha) with the strict convention (poor: income < line); differs from fgt only for alpha = 0.';
