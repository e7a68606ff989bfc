
-------------------------------------------------------------------------------
-- Coverage of a target population (src/coverage.c), achievement against a
-- plan, progress against a reduction target, and the number formats of
-- Vietnamese reports.
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
  INPUT = povstat.coverage_state_in, OUTPUT = povstat.coverage_state_out,
  RECEIVE = povstat.coverage_state_recv, SEND = povstat.coverage_state_send,
  INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain);
COMMENT ON TYPE povstat.coverage_state IS
  'Mergeable state of povstat.coverage: rows and weights of the target population with known status, of those reached, and the number of rows whose status was NULL.';
COMMENT ON FUNCTION povstat.coverage_state_in(cstring) IS 'Text input of povstat.coverage_state; validates every field.';
COMMENT ON FUNCTION povstat.coverage_state_out(povstat.coverage_state) IS 'Text output of povstat.coverage_state (exact).';
COMMENT ON FUNCTION povstat.coverage_state_recv(internal) IS 'Binary input of povstat.coverage_state; validates every byte.';
COMMENT ON FUNCTION povstat.coverage_state_send(povstat.coverage_state) IS 'Binary output of povstat.coverage_state.';

CREATE FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean, float8)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.coverage_combine(povstat.coverage_state, povstat.coverage_state)
  RETURNS povstat.coverage_state AS 'MODULE_PATHNAME', 'coverage_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean) IS 'Transition function of povstat.coverage; aggregate support.';
COMMENT ON FUNCTION povstat.coverage_accum(povstat.coverage_state, boolean, float8) IS 'Transition function of weighted povstat.coverage; aggregate support.';
COMMENT ON FUNCTION povstat.coverage_combine(povstat.coverage_state, povstat.coverage_state) IS 'Combine function of povstat.coverage.';

CREATE FUNCTION povstat.coverage(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.reached(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_reached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.eligible(povstat.coverage_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'coverage_eligible' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.unknown_status(povstat.coverage_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'coverage_unknown' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.coverage(povstat.coverage_state) IS 'Share of the target population reached, a fraction in [0, 1]: reached weight / weight with known status. NULL when no row has a known status.';
COMMENT ON FUNCTION povstat.reached(povstat.coverage_state) IS 'Weighted number of the target population reached.';
COMMENT ON FUNCTION povstat.eligible(povstat.coverage_state) IS 'Weighted size of the target population with a known status (the denominator of coverage).';
COMMENT ON FUNCTION povstat.unknown_status(povstat.coverage_state) IS 'Rows whose reached flag was NULL: left out of coverage, reported so that they are not lost.';

CREATE AGGREGATE povstat.coverage(reached boolean) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage(reached boolean, weight float8) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state, FINALFUNC = povstat.coverage,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage_state(reached boolean) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.coverage_state(reached boolean, weight float8) (
  SFUNC = povstat.coverage_accum, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.coverage_state) (
  SFUNC = povstat.coverage_combine, STYPE = povstat.coverage_state,
  COMBINEFUNC = povstat.coverage_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.coverage(boolean) IS
  'Coverage of a target population, one row per member: share with reached = true among rows with a known status, as a fraction (multiply by 100 for a percentage). NULL reached: row left out (see povstat.unknown_status). Empty: NULL.';
COMMENT ON AGGREGATE povstat.coverage(boolean, float8) IS 'Weighted coverage (e.g. members as weight for persons covered).';
COMMENT ON AGGREGATE povstat.coverage_state(boolean) IS 'Coverage state of the rows, for rollups.';
COMMENT ON AGGREGATE povstat.coverage_state(boolean, float8) IS 'Weighted coverage state of the rows, for rollups.';
COMMENT ON AGGREGATE povstat.merge(povstat.coverage_state) IS 'Merges coverage states (e.g. communes into a district).';

-- Achievement against a plan --------------------------------------------------

CREATE FUNCTION povstat.achievement_pct(actual numeric, plan numeric) RETURNS numeric
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF plan <= 0 OR plan = 'NaN'::numeric OR actual = 'NaN'::numeric THEN
    RAISE EXCEPTION 'cannot compute achievement of % against plan %', actual, plan
      USING ERRCODE = '22023', HINT = 'The plan must be a number > 0.';
  END IF;
  RETURN actual * 100 / plan;
END $$;
CREATE FUNCTION povstat.achievement_pct(actual numeric, plan numeric, decimals int) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  RETURN round(povstat.achievement_pct(actual, plan), decimals);
COMMENT ON FUNCTION povstat.achievement_pct(numeric, numeric) IS
  'Achievement against a plan in percent: actual * 100 / plan, unrounded (numeric). plan <= 0: ERROR 22023.';
COMMENT ON FUNCTION povstat.achievement_pct(numeric, numeric, int) IS
  'Achievement in percent rounded to decimals places half away from zero, as Vietnamese reports round (2259 of 1495 planned gives 151).';

-- Progress against a reduction target ------------------------------------------

CREATE TYPE povstat.reduction_progress_result AS (
  baseline bigint,
  current bigint,
  reduced bigint,
  reduced_pct numeric,
  target_reduction_pct numeric,
  target_count numeric,
  remaining bigint,
  met boolean
);
COMMENT ON TYPE povstat.reduction_progress_result IS
  'Result of povstat.reduction_progress: reduced = baseline - current; reduced_pct = reduced * 100 / baseline (unrounded); target_count = baseline * (1 - target/100), the most households compatible with the target (may be fractional); remaining = households still to take out of the count to meet it; met = current <= target_count.';

CREATE FUNCTION povstat.reduction_progress(baseline bigint, current bigint, target_reduction_pct numeric)
  RETURNS povstat.reduction_progress_result
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r povstat.reduction_progress_result;
BEGIN
  IF baseline <= 0 OR current < 0 THEN
    RAISE EXCEPTION 'invalid counts for reduction progress: baseline %, current %', baseline, current
      USING ERRCODE = '22023', HINT = 'The baseline must be > 0 and the current count >= 0.';
  END IF;
  IF target_reduction_pct = 'NaN'::numeric OR target_reduction_pct < 0 OR target_reduction_pct > 100 THEN
    RAISE EXCEPTION 'reduction target % is not a percentage between 0 and 100', target_reduction_pct
      USING ERRCODE = '22023', HINT = 'Pass e.g. 50 for "reduce by 50%".';
  END IF;
  r.baseline := baseline;
  r.current := current;
  r.reduced := baseline - current;
  r.reduced_pct := trim_scale((baseline - current)::numeric * 100 / baseline);
  r.target_reduction_pct := target_reduction_pct;
  r.target_count := trim_scale(baseline * (100 - target_reduction_pct) / 100);
  r.remaining := greatest(0, current - floor(r.target_count))::bigint;
  r.met := current <= r.target_count;
  RETURN r;
END $$;
COMMENT ON FUNCTION povstat.reduction_progress(bigint, bigint, numeric) IS
  'Progress of a count (e.g. poor households excluding social-protection ones, see povstat.counts_toward_target) against a target reduction in percent of the baseline: reduced, reduced_pct, target_count, remaining, met. An increase gives a negative reduction.';

-- Number formats of Vietnamese reports ----------------------------------------
-- Vietnamese: "." groups thousands, "," marks decimals (98.623; 4,69).
-- English: "," groups thousands, "." marks decimals (98,623; 4.69).
-- Rounding is half away from zero (numeric round()), as such reports round.

CREATE FUNCTION povstat.format_number(value numeric, decimals int, lang text DEFAULT 'vi') RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  grp text;
  dec text;
  digits text;
  int_part text;
  frac_part text;
BEGIN
  CASE lang
    WHEN 'vi' THEN grp := '.'; dec := ',';
    WHEN 'en' THEN grp := ','; dec := '.';
    ELSE RAISE EXCEPTION 'unknown report language "%"', lang
           USING ERRCODE = '22023', HINT = 'Use ''vi'' or ''en''.';
  END CASE;
  IF decimals < 0 OR decimals > 20 THEN
    RAISE EXCEPTION 'number of decimals % is out of range', decimals
      USING ERRCODE = '22023', HINT = 'Use 0 to 20 decimals.';
  END IF;
  IF value = 'NaN'::numeric THEN
    RAISE EXCEPTION 'cannot format NaN' USING ERRCODE = '22023', HINT = 'Format a number.';
  END IF;
  digits := round(abs(value), decimals)::text;
  int_part := split_part(digits, '.', 1);
  frac_part := split_part(digits, '.', 2);
  int_part := regexp_replace(int_part, '(\d)(?=(\d{3})+$)', '\1' || grp, 'g');
  RETURN CASE WHEN round(value, decimals) < 0 THEN '-' ELSE '' END
         || int_part || CASE WHEN decimals > 0 THEN dec || frac_part ELSE '' END;
END $$;
COMMENT ON FUNCTION povstat.format_number(numeric, int, text) IS
  'Formats a number as Vietnamese (''vi'': 98.623 and 4,69) or English (''en'': 98,623 and 4.69) reports do, rounded half away from zero to decimals places.';

CREATE FUNCTION povstat.format_percent(value numeric, decimals int, lang text DEFAULT 'vi') RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  RETURN povstat.format_number(value, decimals, lang) || '%';
COMMENT ON FUNCTION povstat.format_percent(numeric, int, text) IS
  'Formats a percentage (value already in percent: 4.69 gives ''4,69%'' in Vietnamese, ''4.69%'' in English).';

CREATE FUNCTION povstat.format_money(amount numeric, unit text DEFAULT 'dong', lang text DEFAULT 'vi', decimals int DEFAULT 0)
  RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  divisor numeric;
  name_vi text;
  name_en text;
BEGIN
  CASE lower(unit)
    WHEN 'dong', 'đồng' THEN divisor := 1; name_vi := 'đồng'; name_en := 'VND';
    WHEN 'million', 'triệu', 'triệu đồng' THEN divisor := 1000000; name_vi := 'triệu đồng'; name_en := 'million VND';
    WHEN 'billion', 'tỷ', 'tỷ đồng' THEN divisor := 1000000000; name_vi := 'tỷ đồng'; name_en := 'billion VND';
    ELSE RAISE EXCEPTION 'unknown money unit "%"', unit
           USING ERRCODE = '22023', HINT = 'Use ''dong'', ''million'' (triệu đồng) or ''billion'' (tỷ đồng).';
  END CASE;
  RETURN povstat.format_number(amount / divisor, decimals, lang) || ' '
         || CASE lang WHEN 'en' THEN name_en ELSE name_vi END;
END $$;
COMMENT ON FUNCTION povstat.format_money(numeric, text, text, int) IS
  'Formats an amount given in đồng in a unit of Vietnamese reports: ''dong'' (243.000.000 đồng), ''million'' (98.623 triệu đồng) or ''billion'' (9 tỷ đồng); English uses VND, million VND, billion VND. Rounded half away from zero to decimals places (default 0).';
