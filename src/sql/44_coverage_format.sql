-------------------------------------------------------------------------------
-- Coverage, plan achievement, reduction targets (src/coverage.c) and report
-- formatting (src/format.c)
--
-- Rounding: Vietnamese reports round half away from zero (4,685 -> 4,69;
-- -0,5 -> -1).  numeric round() does exactly that; float8 round() rounds
-- half to even, so cast rates to numeric before rounding.  The format_*
-- functions round numerics half away from zero themselves.
-------------------------------------------------------------------------------

CREATE TYPE povstat.coverage_state;

CREATE FUNCTION povstat.coverage_state_in(cstring) RETURNS povstat.coverage_state
  AS 'MODULE_PATHNAME', 'coverage_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_state_out(povstat.coverage_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'coverage_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_state_recv(internal) RETURNS povstat.coverage_state
  AS 'MODULE_PATHNAME', 'coverage_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_state_send(povstat.coverage_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'coverage_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.coverage_state (
  INPUT = povstat.coverage_state_in,
  OUTPUT = povstat.coverage_state_out,
  RECEIVE = povstat.coverage_state_recv,
  SEND = povstat.coverage_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.coverage_state IS
  'Mergeable state of povstat.coverage: eligible and reached rows and their weights (compensated sums). Text form (v=1,...) round-trips exactly.';
COMMENT ON FUNCTION povstat.coverage_state_in(cstring) IS 'Text input of povstat.coverage_state; validates every field.';
COMMENT ON FUNCTION povstat.coverage_state_out(povstat.coverage_state) IS 'Text output of povstat.coverage_state (exact).';
COMMENT ON FUNCTION povstat.coverage_state_recv(internal) IS 'Binary input of povstat.coverage_state; validates every field.';
COMMENT ON FUNCTION povstat.coverage_state_send(povstat.coverage_state) IS 'Binary output of povstat.coverage_state.';

CREATE TYPE povstat.coverage_result AS (reached float8, eligible float8, rate float8);
COMMENT ON TYPE povstat.coverage_result IS
  'Coverage: weight reached, weight eligible, and rate = reached / eligible as a fraction in [0, 1] (NULL when nothing is eligible).';

CREATE FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean, float8)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_combine(povstat.coverage_state, povstat.coverage_state)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean) IS 'Transition function of povstat.coverage(reached); aggregate support.';
COMMENT ON FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean, float8) IS 'Transition function of povstat.coverage(reached, weight); aggregate support.';
COMMENT ON FUNCTION povstat.coverage_combine(povstat.coverage_state, povstat.coverage_state) IS 'Combine function of the coverage aggregates.';

CREATE FUNCTION povstat.coverage(povstat.coverage_state) RETURNS povstat.coverage_result
  AS 'MODULE_PATHNAME', 'coverage_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_rate(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_reached(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_reached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_eligible(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_eligible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.coverage(povstat.coverage_state) IS 'Reached, eligible and rate of a coverage state.';
COMMENT ON FUNCTION povstat.coverage_rate(povstat.coverage_state) IS 'Reached weight / eligible weight (fraction in [0, 1]); NULL when nothing is eligible.';
COMMENT ON FUNCTION povstat.coverage_reached(povstat.coverage_state) IS 'Weight (or number) of eligible rows reached.';
COMMENT ON FUNCTION povstat.coverage_eligible(povstat.coverage_state) IS 'Weight (or number) of eligible rows.';

CREATE AGGREGATE povstat.coverage_state(reached boolean) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage_state(reached boolean, weight float8) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.coverage_state) (
  SFUNC = povstat.coverage_combine, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage(reached boolean) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage(reached boolean, weight float8) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage_rate(reached boolean) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage_rate,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage_rate(reached boolean, weight float8) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage_rate,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.coverage_state(boolean) IS 'Coverage state of the eligible rows (non-NULL reached), for rollups.';
COMMENT ON AGGREGATE povstat.coverage_state(boolean, float8) IS 'Weighted coverage state of the eligible rows.';
COMMENT ON AGGREGATE povstat.merge(povstat.coverage_state) IS 'Merges stored coverage states; equals one pass.';
COMMENT ON AGGREGATE povstat.coverage(boolean) IS 'Coverage of the eligible rows (non-NULL reached): reached, eligible, rate (fraction).';
COMMENT ON AGGREGATE povstat.coverage(boolean, float8) IS 'Weighted coverage: reached weight, eligible weight, rate (fraction).';
COMMENT ON AGGREGATE povstat.coverage_rate(boolean) IS 'Share of eligible rows reached (fraction in [0, 1]), scalar for BI tools.';
COMMENT ON AGGREGATE povstat.coverage_rate(boolean, float8) IS 'Weighted share of eligible rows reached (fraction in [0, 1]).';

-- Plan achievement: actual / plan x 100, unrounded.
CREATE FUNCTION povstat.achievement_pct(actual numeric, plan numeric) RETURNS numeric
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = povstat, pg_catalog
AS $$
BEGIN
  IF actual = 'NaN' OR plan = 'NaN' OR actual IN ('Infinity', '-Infinity') OR plan IN ('Infinity', '-Infinity') THEN
    RAISE EXCEPTION 'achievement_pct(%, %): values must be finite', actual, plan
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass the actual result and the plan as finite numbers.';
  END IF;
  IF plan <= 0 THEN
    RAISE EXCEPTION 'plan % is not > 0', plan
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Achievement is actual / plan x 100; it is undefined without a positive plan.';
  END IF;
  IF actual < 0 THEN
    RAISE EXCEPTION 'actual result % is negative', actual
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Counts and amounts achieved are >= 0.';
  END IF;
  RETURN actual * 100 / plan;
END
$$;
COMMENT ON FUNCTION povstat.achievement_pct(numeric, numeric) IS
  'Plan achievement in percent: actual x 100 / plan, unrounded (round(x, 0) gives the report figure, half away from zero: 2259 placements against a plan of 1500 give 150.6, reported as 151%).';

-- Reduction target: e.g. reduce poor households by 50% against the start
-- of the period.  The target count is the largest end count that meets it.
CREATE FUNCTION povstat.reduction_progress(baseline bigint, current bigint, target_reduction_pct numeric,
    OUT reduced bigint, OUT reduced_pct numeric, OUT target_count bigint,
    OUT remaining_to_target bigint, OUT met boolean)
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = povstat, pg_catalog
AS $$
BEGIN
  IF baseline < 0 OR current < 0 THEN
    RAISE EXCEPTION 'household counts must be >= 0, got baseline % and current %', baseline, current
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Pass the number of poor households at the start of the period and now.';
  END IF;
  IF target_reduction_pct = 'NaN' OR target_reduction_pct < 0 OR target_reduction_pct > 100 THEN
    RAISE EXCEPTION 'target reduction % %% is outside 0..100', target_reduction_pct
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Give the target in percent of the baseline, e.g. 50 for "giảm 50%".';
  END IF;
  reduced := baseline - current;
  reduced_pct := CASE WHEN baseline > 0 THEN reduced * 100::numeric / baseline END;
  -- multiply by 0.01 rather than divide by 100: numeric multiplication is exact
  target_count := floor(baseline * (100 - target_reduction_pct) * 0.01);
  remaining_to_target := greatest(current - target_count, 0);
  met := current <= target_count;
END
$$;
COMMENT ON FUNCTION povstat.reduction_progress(bigint, bigint, numeric) IS
  'Progress against a reduction target: reduced = baseline - current, reduced_pct = reduced x 100 / baseline (NULL for baseline 0), target_count = floor(baseline x (100 - target) / 100), remaining_to_target = max(current - target_count, 0), met = current <= target_count (equivalently reduced_pct >= target).';

-- Report formatting (src/format.c).
CREATE FUNCTION povstat.format_number(value numeric, decimals int, lang text DEFAULT 'vi') RETURNS text
  AS 'MODULE_PATHNAME', 'povstat_format_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.format_percent(value numeric, decimals int, lang text DEFAULT 'vi') RETURNS text
  AS 'MODULE_PATHNAME', 'povstat_format_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.format_money(amount numeric, unit text, lang text DEFAULT 'vi', decimals int DEFAULT 0) RETURNS text
  AS 'MODULE_PATHNAME', 'povstat_format_money' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.format_number(numeric, int, text) IS
  'Number rounded half away from zero to decimals places, with the separators of lang: vi 98.623 and 4,69; en 98,623 and 4.69.';
COMMENT ON FUNCTION povstat.format_percent(numeric, int, text) IS
  'A value already in percent, formatted as format_number does, followed by %: 4.69 -> 4,69% (vi), 4.69% (en).';
COMMENT ON FUNCTION povstat.format_money(numeric, text, text, int) IS
  'An amount in đồng shown in unit đồng, triệu đồng (millions) or tỷ đồng (billions), rounded half away from zero: 98623000000 in triệu đồng -> 98.623 triệu đồng (vi), 98,623 million VND (en).';
