
-------------------------------------------------------------------------------
-- Class profile (src/profile.c)
--
-- Households (or weighted units: members as the weight gives persons) in
-- each class of povstat.hh_class, and their share of all households
-- (measures.md: rate = households in the class / all households of the
-- register).  A row whose class is NULL is still a registered household:
-- it counts in the total and as "unclassified", so the five rates sum to 1.
-- A NULL weight skips the row; weight 0 counts as absent; no rows or total
-- weight 0 give NULL.
-------------------------------------------------------------------------------

CREATE TYPE povstat.profile_state;

CREATE FUNCTION povstat.profile_state_in(cstring) RETURNS povstat.profile_state
  AS 'MODULE_PATHNAME', 'profile_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.profile_state_out(povstat.profile_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'profile_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.profile_state_recv(internal) RETURNS povstat.profile_state
  AS 'MODULE_PATHNAME', 'profile_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.profile_state_send(povstat.profile_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'profile_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.profile_state (
  INPUT = povstat.profile_state_in,
  OUTPUT = povstat.profile_state_out,
  RECEIVE = povstat.profile_state_recv,
  SEND = povstat.profile_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = plain
);
COMMENT ON TYPE povstat.profile_state IS
  'Mergeable state of the class profile: exact row counts per class (poor, near_poor, average, better_off, unclassified) and, when weighted, compensated weight sums. Text form (v=1,...) round-trips exactly. Build with povstat.profile_state(), merge with povstat.merge(), finish with povstat.class_profile(), class_count(), class_rate(), class_rows(), unclassified(), population().';
COMMENT ON FUNCTION povstat.profile_state_in(cstring) IS 'Text input of povstat.profile_state; validates every field.';
COMMENT ON FUNCTION povstat.profile_state_out(povstat.profile_state) IS 'Text output of povstat.profile_state (exact).';
COMMENT ON FUNCTION povstat.profile_state_recv(internal) IS 'Binary input of povstat.profile_state; validates every byte.';
COMMENT ON FUNCTION povstat.profile_state_send(povstat.profile_state) IS 'Binary output of povstat.profile_state.';

CREATE TYPE povstat.class_profile_result AS (
  rows bigint,
  total float8,
  poor float8,
  near_poor float8,
  average float8,
  better_off float8,
  unclassified float8,
  poor_rate float8,
  near_poor_rate float8,
  average_rate float8,
  better_off_rate float8,
  unclassified_rate float8
);
COMMENT ON TYPE povstat.class_profile_result IS
  'Result of povstat.class_profile: rows = households counted (rows with weight > 0); total = their weighted number (= rows when unweighted, persons with members as weight), unclassified included; per class the weighted count and the rate = count / total (a fraction, not a percentage). Read as plain columns with (povstat.class_profile(cls)).* or (...).poor_rate.';

-- Transition and combine functions (aggregate support; not for direct calls).
CREATE FUNCTION povstat.profile_accum(povstat.profile_state, povstat.hh_class)
  RETURNS povstat.profile_state AS 'MODULE_PATHNAME', 'profile_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.profile_accum(povstat.profile_state, povstat.hh_class, float8)
  RETURNS povstat.profile_state AS 'MODULE_PATHNAME', 'profile_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.profile_target_accum(povstat.profile_state, povstat.hh_class, povstat.hh_class)
  RETURNS povstat.profile_state AS 'MODULE_PATHNAME', 'profile_target_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.profile_target_accum(povstat.profile_state, povstat.hh_class, povstat.hh_class, float8)
  RETURNS povstat.profile_state AS 'MODULE_PATHNAME', 'profile_target_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.profile_combine(povstat.profile_state, povstat.profile_state)
  RETURNS povstat.profile_state AS 'MODULE_PATHNAME', 'profile_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.profile_accum(povstat.profile_state, povstat.hh_class) IS 'Transition function of povstat.class_profile(cls) and profile_state(cls); aggregate support.';
COMMENT ON FUNCTION povstat.profile_accum(povstat.profile_state, povstat.hh_class, float8) IS 'Transition function of povstat.class_profile(cls, weight) and profile_state(cls, weight); aggregate support.';
COMMENT ON FUNCTION povstat.profile_target_accum(povstat.profile_state, povstat.hh_class, povstat.hh_class) IS 'Transition function of povstat.class_count(cls, target) and class_rate(cls, target); aggregate support.';
COMMENT ON FUNCTION povstat.profile_target_accum(povstat.profile_state, povstat.hh_class, povstat.hh_class, float8) IS 'Transition function of povstat.class_count(cls, target, weight) and class_rate(cls, target, weight); aggregate support.';
COMMENT ON FUNCTION povstat.profile_combine(povstat.profile_state, povstat.profile_state) IS 'Combine function of the class profile: merges two states, both weighted or both unweighted.';

-- Finishers: final functions of the aggregates, callable on stored states.
CREATE FUNCTION povstat.class_profile(povstat.profile_state) RETURNS povstat.class_profile_result
  AS 'MODULE_PATHNAME', 'profile_result' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.class_count(povstat.profile_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_count_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.class_rate(povstat.profile_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.class_count(povstat.profile_state, target povstat.hh_class) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.class_rate(povstat.profile_state, target povstat.hh_class) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.class_rows(povstat.profile_state, target povstat.hh_class) RETURNS bigint
  AS 'MODULE_PATHNAME', 'profile_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.unclassified(povstat.profile_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_unclassified' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.population(povstat.profile_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'profile_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION povstat.class_profile(povstat.profile_state) IS 'Class profile of a state: rows, total, count and rate of each class and of unclassified rows. NULL when the total weight is 0.';
COMMENT ON FUNCTION povstat.class_count(povstat.profile_state) IS 'Weighted count of the target class the state was built for (class_count/class_rate aggregates).';
COMMENT ON FUNCTION povstat.class_rate(povstat.profile_state) IS 'Rate of the target class the state was built for: count / total (unclassified rows included in the total).';
COMMENT ON FUNCTION povstat.class_count(povstat.profile_state, povstat.hh_class) IS 'Weighted count of a class in a state (households; persons with members as weight). NULL when the total weight is 0.';
COMMENT ON FUNCTION povstat.class_rate(povstat.profile_state, povstat.hh_class) IS 'Rate of a class in a state: its count / total (unclassified rows included in the total), a fraction. NULL when the total weight is 0.';
COMMENT ON FUNCTION povstat.class_rows(povstat.profile_state, povstat.hh_class) IS 'Exact number of rows (households) of a class in a state, whatever the weight.';
COMMENT ON FUNCTION povstat.unclassified(povstat.profile_state) IS 'Weighted count of rows whose class was NULL. NULL when the total weight is 0.';
COMMENT ON FUNCTION povstat.population(povstat.profile_state) IS 'Total weighted count of a profile state, unclassified rows included.';

-- State-producing and merging aggregates.
CREATE AGGREGATE povstat.profile_state(cls povstat.hh_class) (
  SFUNC = povstat.profile_accum, STYPE = povstat.profile_state,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.profile_state(cls povstat.hh_class, weight float8) (
  SFUNC = povstat.profile_accum, STYPE = povstat.profile_state,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
CREATE AGGREGATE povstat.merge(povstat.profile_state) (
  SFUNC = povstat.profile_combine, STYPE = povstat.profile_state,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.profile_state(povstat.hh_class) IS 'Class-profile state of the households (rollup tables, sharded execution).';
COMMENT ON AGGREGATE povstat.profile_state(povstat.hh_class, float8) IS 'Weighted class-profile state (members as weight: persons).';
COMMENT ON AGGREGATE povstat.merge(povstat.profile_state) IS 'Merges stored profile_state values (e.g. communes into a district); equals one pass over all rows.';

-- Result aggregates.
CREATE AGGREGATE povstat.class_profile(cls povstat.hh_class) (
  SFUNC = povstat.profile_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_profile,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_profile(povstat.hh_class) IS 'Households per class and rates (count / all households, NULL class counted as unclassified), as povstat.class_profile_result.';
CREATE AGGREGATE povstat.class_profile(cls povstat.hh_class, weight float8) (
  SFUNC = povstat.profile_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_profile,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_profile(povstat.hh_class, float8) IS 'Weighted class profile (members as weight: persons per class and person rates), as povstat.class_profile_result.';
CREATE AGGREGATE povstat.class_count(cls povstat.hh_class, target povstat.hh_class) (
  SFUNC = povstat.profile_target_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_count,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_count(povstat.hh_class, povstat.hh_class) IS 'Number of households whose class is the (constant) target, e.g. class_count(cls, ''poor'').';
CREATE AGGREGATE povstat.class_count(cls povstat.hh_class, target povstat.hh_class, weight float8) (
  SFUNC = povstat.profile_target_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_count,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_count(povstat.hh_class, povstat.hh_class, float8) IS 'Weighted number of units whose class is the (constant) target; members as weight gives persons.';
CREATE AGGREGATE povstat.class_rate(cls povstat.hh_class, target povstat.hh_class) (
  SFUNC = povstat.profile_target_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_rate,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_rate(povstat.hh_class, povstat.hh_class) IS 'Share of households whose class is the (constant) target, over all households (NULL class included in the denominator), a fraction.';
CREATE AGGREGATE povstat.class_rate(cls povstat.hh_class, target povstat.hh_class, weight float8) (
  SFUNC = povstat.profile_target_accum, STYPE = povstat.profile_state, FINALFUNC = povstat.class_rate,
  COMBINEFUNC = povstat.profile_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.class_rate(povstat.hh_class, povstat.hh_class, float8) IS 'Weighted share of units whose class is the (constant) target over all units (NULL class included); members as weight gives the person rate.';
