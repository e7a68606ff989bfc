
-------------------------------------------------------------------------------
-- Poverty dynamics between two reviews (src/transitions.c, doc/dynamics.md)
--
-- povstat.transitions(before, after [, exited_before] [, weight]) counts
-- households by their class at two successive reviews.  NULL before: absent
-- from the first review (new, moved in, split off); NULL after: absent from
-- the second (moved away, merged, dissolved).  Those are counted as entering
-- or leaving the register, not as moves in or out of poverty.  A row with
-- both classes NULL, or a NULL weight, is skipped; weight 0 is an absent
-- row; NULL exited_before is false.
-------------------------------------------------------------------------------

CREATE TYPE povstat.transitions_state;

CREATE FUNCTION povstat.transitions_state_in(cstring) RETURNS povstat.transitions_state
  AS 'MODULE_PATHNAME', 'transitions_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_state_out(povstat.transitions_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'transitions_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_state_recv(internal) RETURNS povstat.transitions_state
  AS 'MODULE_PATHNAME', 'transitions_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_state_send(povstat.transitions_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'transitions_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.transitions_state (
  INPUT = povstat.transitions_state_in,
  OUTPUT = povstat.transitions_state_out,
  RECEIVE = povstat.transitions_state_recv,
  SEND = povstat.transitions_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.transitions_state IS
  'Mergeable state of povstat.transitions: per (class at first review, class at second review) cell, including "absent", an exact household count and a compensated weight sum; re-entries (exited_before) kept apart. Text form (v=1,returns=...,n_pp=...,...) round-trips exactly. Build with povstat.transitions_state(), merge with povstat.merge(), finish with povstat.transitions_summary(), povstat.transition_matrix() or the scalar accessors (povstat.poor_exited(), ...).';

COMMENT ON FUNCTION povstat.transitions_state_in(cstring) IS 'Text input of povstat.transitions_state; validates every field.';
COMMENT ON FUNCTION povstat.transitions_state_out(povstat.transitions_state) IS 'Text output of povstat.transitions_state (exact: floats in shortest round-trip form).';
COMMENT ON FUNCTION povstat.transitions_state_recv(internal) IS 'Binary input of povstat.transitions_state; validates every byte.';
COMMENT ON FUNCTION povstat.transitions_state_send(povstat.transitions_state) IS 'Binary output of povstat.transitions_state.';

-- Transition and combine functions (aggregate support; not for direct calls).
CREATE FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class)
  RETURNS povstat.transitions_state AS 'MODULE_PATHNAME', 'transitions_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, float8)
  RETURNS povstat.transitions_state AS 'MODULE_PATHNAME', 'transitions_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, boolean)
  RETURNS povstat.transitions_state AS 'MODULE_PATHNAME', 'transitions_returns_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, boolean, float8)
  RETURNS povstat.transitions_state AS 'MODULE_PATHNAME', 'transitions_returns_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.transitions_combine(povstat.transitions_state, povstat.transitions_state)
  RETURNS povstat.transitions_state AS 'MODULE_PATHNAME', 'transitions_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class) IS 'Transition function of povstat.transitions(before, after); aggregate support.';
COMMENT ON FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, float8) IS 'Transition function of povstat.transitions(before, after, weight); aggregate support.';
COMMENT ON FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, boolean) IS 'Transition function of povstat.transitions(before, after, exited_before); aggregate support.';
COMMENT ON FUNCTION povstat.transitions_accum(povstat.transitions_state, povstat.hh_class, povstat.hh_class, boolean, float8) IS 'Transition function of povstat.transitions(before, after, exited_before, weight); aggregate support.';
COMMENT ON FUNCTION povstat.transitions_combine(povstat.transitions_state, povstat.transitions_state) IS 'Combine function of povstat.transitions: merges two states built with the same form (with or without exited_before).';

CREATE TYPE povstat.transitions_result AS (
  households_start float8,
  households_end float8,
  households_entered float8,
  households_left float8,
  poor_start float8,
  poor_remained float8,
  poor_exited float8,
  poor_exited_to_near_poor float8,
  poor_exited_above_near_poor float8,
  poor_left float8,
  poor_newly float8,
  poor_returned float8,
  poor_entered float8,
  poor_end float8,
  poor_exit_rate float8,
  poor_newly_rate float8,
  poor_returned_rate float8,
  near_poor_start float8,
  near_poor_remained float8,
  near_poor_exited float8,
  near_poor_exited_to_poor float8,
  near_poor_exited_above float8,
  near_poor_left float8,
  near_poor_newly float8,
  near_poor_returned float8,
  near_poor_entered float8,
  near_poor_end float8,
  near_poor_exit_rate float8,
  near_poor_newly_rate float8,
  near_poor_returned_rate float8
);
COMMENT ON TYPE povstat.transitions_result IS
  'Result of povstat.transitions: household movements between two reviews, weighted (household counts when unweighted). Identity per class: end = start - exited - left + newly + returned + entered.';
COMMENT ON COLUMN povstat.transitions_result.households_start IS 'Households on the register at the first review (class not NULL).';
COMMENT ON COLUMN povstat.transitions_result.households_end IS 'Households on the register at the second review.';
COMMENT ON COLUMN povstat.transitions_result.households_entered IS 'Households absent from the first review and present at the second (new, moved in, split off).';
COMMENT ON COLUMN povstat.transitions_result.households_left IS 'Households present at the first review and absent from the second (moved away, merged, dissolved).';
COMMENT ON COLUMN povstat.transitions_result.poor_start IS 'Poor households at the first review (hộ nghèo đầu kỳ), including those that later left the register.';
COMMENT ON COLUMN povstat.transitions_result.poor_remained IS 'Households poor at both reviews.';
COMMENT ON COLUMN povstat.transitions_result.poor_exited IS 'Households that exited poverty (thoát nghèo): poor at the first review, near-poor, average or better-off at the second. Households leaving the register are not exits (see poor_left).';
COMMENT ON COLUMN povstat.transitions_result.poor_exited_to_near_poor IS 'Of the households that exited poverty, those near-poor at the second review.';
COMMENT ON COLUMN povstat.transitions_result.poor_exited_above_near_poor IS 'Of the households that exited poverty, those above the near-poor band (average or better-off) at the second review.';
COMMENT ON COLUMN povstat.transitions_result.poor_left IS 'Poor households at the first review absent from the second (left the register).';
COMMENT ON COLUMN povstat.transitions_result.poor_newly IS 'Newly poor households (hộ nghèo phát sinh): near-poor, average or better-off at the first review, poor at the second, and not re-poor. Without exited_before this includes the re-poor.';
COMMENT ON COLUMN povstat.transitions_result.poor_returned IS 'Re-poor households (hộ tái nghèo): entered poverty from another class and had been poor before the first review. NULL when the state was built without exited_before.';
COMMENT ON COLUMN povstat.transitions_result.poor_entered IS 'Households absent from the first review (new, moved in, split off) that are poor at the second.';
COMMENT ON COLUMN povstat.transitions_result.poor_end IS 'Poor households at the second review (hộ nghèo cuối kỳ) = start - exited - left + newly + returned + entered.';
COMMENT ON COLUMN povstat.transitions_result.poor_exit_rate IS 'Exit rate as review tables define it: exited / poor at the first review (a fraction; x100 for %). NULL without poor at the first review.';
COMMENT ON COLUMN povstat.transitions_result.poor_newly_rate IS 'Rate of newly poor as review tables define it: newly / poor at the second review (a fraction). NULL without poor at the second review.';
COMMENT ON COLUMN povstat.transitions_result.poor_returned_rate IS 'Re-poor rate as review tables define it: returned / poor at the second review (a fraction). NULL without exited_before or without poor at the second review.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_start IS 'Near-poor households at the first review (hộ cận nghèo đầu kỳ).';
COMMENT ON COLUMN povstat.transitions_result.near_poor_remained IS 'Households near-poor at both reviews.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_exited IS 'Households that left near-poverty to another class present at the second review (poor, average or better-off); leaving the register is not counted here.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_exited_to_poor IS 'Of the near-poor that left near-poverty, those poor at the second review.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_exited_above IS 'Of the near-poor that left near-poverty, those average or better-off at the second review (thoát cận nghèo).';
COMMENT ON COLUMN povstat.transitions_result.near_poor_left IS 'Near-poor households at the first review absent from the second.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_newly IS 'Newly near-poor households (hộ cận nghèo phát sinh): poor, average or better-off at the first review, near-poor at the second, and not re-near-poor. Without exited_before this includes the re-near-poor.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_returned IS 'Re-near-poor households (hộ tái cận nghèo): entered near-poverty from another class and had been near-poor before the first review. NULL without exited_before.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_entered IS 'Households absent from the first review that are near-poor at the second.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_end IS 'Near-poor households at the second review = start - exited - left + newly + returned + entered.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_exit_rate IS 'exited / near-poor at the first review (a fraction). NULL without near-poor at the first review.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_newly_rate IS 'newly / near-poor at the second review (a fraction). NULL without near-poor at the second review.';
COMMENT ON COLUMN povstat.transitions_result.near_poor_returned_rate IS 'returned / near-poor at the second review (a fraction). NULL without exited_before or without near-poor at the second review.';

-- Finisher returning the composite; final function of povstat.transitions.
CREATE FUNCTION povstat.transitions_summary(povstat.transitions_state)
  RETURNS povstat.transitions_result
  AS 'MODULE_PATHNAME', 'transitions_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.transitions_summary(povstat.transitions_state) IS
  'All movements of a transitions_state as one povstat.transitions_result; NULL when the state holds no household.';

-- Scalar accessors (BI tools read scalars): one per field of transitions_result.
CREATE FUNCTION povstat.households_start(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).households_start $$;
COMMENT ON FUNCTION povstat.households_start(povstat.transitions_state) IS 'Households on the register at the first review (class not NULL).';
CREATE FUNCTION povstat.households_end(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).households_end $$;
COMMENT ON FUNCTION povstat.households_end(povstat.transitions_state) IS 'Households on the register at the second review.';
CREATE FUNCTION povstat.households_entered(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).households_entered $$;
COMMENT ON FUNCTION povstat.households_entered(povstat.transitions_state) IS 'Households absent from the first review and present at the second (new, moved in, split off).';
CREATE FUNCTION povstat.households_left(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).households_left $$;
COMMENT ON FUNCTION povstat.households_left(povstat.transitions_state) IS 'Households present at the first review and absent from the second (moved away, merged, dissolved).';
CREATE FUNCTION povstat.poor_start(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_start $$;
COMMENT ON FUNCTION povstat.poor_start(povstat.transitions_state) IS 'Poor households at the first review (hộ nghèo đầu kỳ), including those that later left the register.';
CREATE FUNCTION povstat.poor_remained(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_remained $$;
COMMENT ON FUNCTION povstat.poor_remained(povstat.transitions_state) IS 'Households poor at both reviews.';
CREATE FUNCTION povstat.poor_exited(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_exited $$;
COMMENT ON FUNCTION povstat.poor_exited(povstat.transitions_state) IS 'Households that exited poverty (thoát nghèo): poor at the first review, near-poor, average or better-off at the second. Households leaving the register are not exits (see poor_left).';
CREATE FUNCTION povstat.poor_exited_to_near_poor(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_exited_to_near_poor $$;
COMMENT ON FUNCTION povstat.poor_exited_to_near_poor(povstat.transitions_state) IS 'Of the households that exited poverty, those near-poor at the second review.';
CREATE FUNCTION povstat.poor_exited_above_near_poor(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_exited_above_near_poor $$;
COMMENT ON FUNCTION povstat.poor_exited_above_near_poor(povstat.transitions_state) IS 'Of the households that exited poverty, those above the near-poor band (average or better-off) at the second review.';
CREATE FUNCTION povstat.poor_left(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_left $$;
COMMENT ON FUNCTION povstat.poor_left(povstat.transitions_state) IS 'Poor households at the first review absent from the second (left the register).';
CREATE FUNCTION povstat.poor_newly(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_newly $$;
COMMENT ON FUNCTION povstat.poor_newly(povstat.transitions_state) IS 'Newly poor households (hộ nghèo phát sinh): near-poor, average or better-off at the first review, poor at the second, and not re-poor. Without exited_before this includes the re-poor.';
CREATE FUNCTION povstat.poor_returned(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_returned $$;
COMMENT ON FUNCTION povstat.poor_returned(povstat.transitions_state) IS 'Re-poor households (hộ tái nghèo): entered poverty from another class and had been poor before the first review. NULL when the state was built without exited_before.';
CREATE FUNCTION povstat.poor_entered(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_entered $$;
COMMENT ON FUNCTION povstat.poor_entered(povstat.transitions_state) IS 'Households absent from the first review (new, moved in, split off) that are poor at the second.';
CREATE FUNCTION povstat.poor_end(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_end $$;
COMMENT ON FUNCTION povstat.poor_end(povstat.transitions_state) IS 'Poor households at the second review (hộ nghèo cuối kỳ) = start - exited - left + newly + returned + entered.';
CREATE FUNCTION povstat.poor_exit_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_exit_rate $$;
COMMENT ON FUNCTION povstat.poor_exit_rate(povstat.transitions_state) IS 'Exit rate as review tables define it: exited / poor at the first review (a fraction; x100 for %). NULL without poor at the first review.';
CREATE FUNCTION povstat.poor_newly_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_newly_rate $$;
COMMENT ON FUNCTION povstat.poor_newly_rate(povstat.transitions_state) IS 'Rate of newly poor as review tables define it: newly / poor at the second review (a fraction). NULL without poor at the second review.';
CREATE FUNCTION povstat.poor_returned_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).poor_returned_rate $$;
COMMENT ON FUNCTION povstat.poor_returned_rate(povstat.transitions_state) IS 'Re-poor rate as review tables define it: returned / poor at the second review (a fraction). NULL without exited_before or without poor at the second review.';
CREATE FUNCTION povstat.near_poor_start(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_start $$;
COMMENT ON FUNCTION povstat.near_poor_start(povstat.transitions_state) IS 'Near-poor households at the first review (hộ cận nghèo đầu kỳ).';
CREATE FUNCTION povstat.near_poor_remained(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_remained $$;
COMMENT ON FUNCTION povstat.near_poor_remained(povstat.transitions_state) IS 'Households near-poor at both reviews.';
CREATE FUNCTION povstat.near_poor_exited(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_exited $$;
COMMENT ON FUNCTION povstat.near_poor_exited(povstat.transitions_state) IS 'Households that left near-poverty to another class present at the second review (poor, average or better-off); leaving the register is not counted here.';
CREATE FUNCTION povstat.near_poor_exited_to_poor(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_exited_to_poor $$;
COMMENT ON FUNCTION povstat.near_poor_exited_to_poor(povstat.transitions_state) IS 'Of the near-poor that left near-poverty, those poor at the second review.';
CREATE FUNCTION povstat.near_poor_exited_above(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_exited_above $$;
COMMENT ON FUNCTION povstat.near_poor_exited_above(povstat.transitions_state) IS 'Of the near-poor that left near-poverty, those average or better-off at the second review (thoát cận nghèo).';
CREATE FUNCTION povstat.near_poor_left(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_left $$;
COMMENT ON FUNCTION povstat.near_poor_left(povstat.transitions_state) IS 'Near-poor households at the first review absent from the second.';
CREATE FUNCTION povstat.near_poor_newly(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_newly $$;
COMMENT ON FUNCTION povstat.near_poor_newly(povstat.transitions_state) IS 'Newly near-poor households (hộ cận nghèo phát sinh): poor, average or better-off at the first review, near-poor at the second, and not re-near-poor. Without exited_before this includes the re-near-poor.';
CREATE FUNCTION povstat.near_poor_returned(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_returned $$;
COMMENT ON FUNCTION povstat.near_poor_returned(povstat.transitions_state) IS 'Re-near-poor households (hộ tái cận nghèo): entered near-poverty from another class and had been near-poor before the first review. NULL without exited_before.';
CREATE FUNCTION povstat.near_poor_entered(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_entered $$;
COMMENT ON FUNCTION povstat.near_poor_entered(povstat.transitions_state) IS 'Households absent from the first review that are near-poor at the second.';
CREATE FUNCTION povstat.near_poor_end(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_end $$;
COMMENT ON FUNCTION povstat.near_poor_end(povstat.transitions_state) IS 'Near-poor households at the second review = start - exited - left + newly + returned + entered.';
CREATE FUNCTION povstat.near_poor_exit_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_exit_rate $$;
COMMENT ON FUNCTION povstat.near_poor_exit_rate(povstat.transitions_state) IS 'exited / near-poor at the first review (a fraction). NULL without near-poor at the first review.';
CREATE FUNCTION povstat.near_poor_newly_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_newly_rate $$;
COMMENT ON FUNCTION povstat.near_poor_newly_rate(povstat.transitions_state) IS 'newly / near-poor at the second review (a fraction). NULL without near-poor at the second review.';
CREATE FUNCTION povstat.near_poor_returned_rate(povstat.transitions_state) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (povstat.transitions_summary($1)).near_poor_returned_rate $$;
COMMENT ON FUNCTION povstat.near_poor_returned_rate(povstat.transitions_state) IS 'returned / near-poor at the second review (a fraction). NULL without exited_before or without near-poor at the second review.';

-- The matrix, for pivot tables and for checks of the summary.
CREATE FUNCTION povstat.transition_matrix(povstat.transitions_state)
  RETURNS TABLE (before text, after text, households float8, rows bigint)
  AS 'MODULE_PATHNAME', 'transitions_matrix' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25;
COMMENT ON FUNCTION povstat.transition_matrix(povstat.transitions_state) IS
  'Class-by-class matrix of a transitions_state: 25 rows (before, after) over poor, near_poor, average, better_off, absent; households is the weight, rows the exact number of rows. absent -> absent is always 0.';
CREATE FUNCTION povstat.transition_matrix_array(povstat.transitions_state) RETURNS float8[]
  AS 'MODULE_PATHNAME', 'transitions_matrix_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.transition_matrix_array(povstat.transitions_state) IS
  'Class-by-class matrix of a transitions_state as float8[5][5] of weights; index 1..5 = poor, near_poor, average, better_off, absent; first index before, second after.';

-- State-producing and merging aggregates.
CREATE AGGREGATE povstat.transitions_state(before povstat.hh_class, after povstat.hh_class) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions_state(before povstat.hh_class, after povstat.hh_class, weight float8) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions_state(before povstat.hh_class, after povstat.hh_class, exited_before boolean) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions_state(before povstat.hh_class, after povstat.hh_class, exited_before boolean, weight float8) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.transitions_state) (
  SFUNC = povstat.transitions_combine, STYPE = povstat.transitions_state,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE povstat.transitions_state(povstat.hh_class, povstat.hh_class) IS 'transitions_state of the households (class at the first and second review; NULL = absent), for rollup tables and sharded execution.';
COMMENT ON AGGREGATE povstat.transitions_state(povstat.hh_class, povstat.hh_class, float8) IS 'Weighted transitions_state of the households.';
COMMENT ON AGGREGATE povstat.transitions_state(povstat.hh_class, povstat.hh_class, boolean) IS 'transitions_state that tells re-entries (exited_before: the household had been in its second-review class before the first review) from new entries.';
COMMENT ON AGGREGATE povstat.transitions_state(povstat.hh_class, povstat.hh_class, boolean, float8) IS 'Weighted transitions_state with exited_before.';
COMMENT ON AGGREGATE povstat.merge(povstat.transitions_state) IS 'Merges stored transitions_state values (e.g. commune rollups into a district); equals one pass over all households.';

-- Result aggregates.
CREATE AGGREGATE povstat.transitions(before povstat.hh_class, after povstat.hh_class) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  FINALFUNC = povstat.transitions_summary,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions(before povstat.hh_class, after povstat.hh_class, weight float8) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  FINALFUNC = povstat.transitions_summary,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions(before povstat.hh_class, after povstat.hh_class, exited_before boolean) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  FINALFUNC = povstat.transitions_summary,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.transitions(before povstat.hh_class, after povstat.hh_class, exited_before boolean, weight float8) (
  SFUNC = povstat.transitions_accum, STYPE = povstat.transitions_state,
  FINALFUNC = povstat.transitions_summary,
  COMBINEFUNC = povstat.transitions_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE povstat.transitions(povstat.hh_class, povstat.hh_class) IS 'Movements between two reviews (class before, class after; NULL = absent from that review): poor/near-poor at start, exited, newly, remained, at end, register entries and exits, and rates as review tables define them. Without exited_before, re-poor is NULL and counted as newly poor.';
COMMENT ON AGGREGATE povstat.transitions(povstat.hh_class, povstat.hh_class, float8) IS 'Weighted povstat.transitions (e.g. weight = members for person counts).';
COMMENT ON AGGREGATE povstat.transitions(povstat.hh_class, povstat.hh_class, boolean) IS 'povstat.transitions telling re-poor (tái nghèo) from newly poor (phát sinh): exited_before is true when the household had been in its second-review class (poor, near-poor) at a review before the first one.';
COMMENT ON AGGREGATE povstat.transitions(povstat.hh_class, povstat.hh_class, boolean, float8) IS 'Weighted povstat.transitions with exited_before.';

-------------------------------------------------------------------------------
-- Reduction target population (doc/dynamics.md)
--
-- District targets such as "giảm 50% số hộ nghèo so với đầu kỳ (trừ số hộ
-- nghèo thuộc hộ bảo trợ xã hội)" count poor households that are not
-- social-protection households.  Use as an aggregate filter:
--   count(*) FILTER (WHERE povstat.counts_toward_target(cls, btxh))
-------------------------------------------------------------------------------

CREATE FUNCTION povstat.counts_toward_target(cls povstat.hh_class, social_protection boolean)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN $1 IS NULL THEN NULL
                    ELSE $1 = 'poor'::povstat.hh_class AND $2 IS NOT TRUE END $$;
COMMENT ON FUNCTION povstat.counts_toward_target(povstat.hh_class, boolean) IS
  'True for a poor household that is not a social-protection (bảo trợ xã hội) household: the population of poverty-reduction targets that exclude those households. NULL class gives NULL (not counted under FILTER); NULL social_protection counts as not social-protection. Not STRICT.';
