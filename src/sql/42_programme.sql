-------------------------------------------------------------------------------
-- Programme accounting: povstat.programme_summary (src/programme.c)
--
-- One pass over a payment ledger (one row per payment): payments, exact
-- distinct beneficiary households (a household_set inside the state),
-- exact total in đồng (128-bit sum, returned as numeric), mean per
-- beneficiary, min and max.  NULL id or amount skips the row; negative
-- amounts and ids are errors (22023).
-------------------------------------------------------------------------------

CREATE TYPE povstat.programme_state;

CREATE FUNCTION povstat.programme_state_in(cstring) RETURNS povstat.programme_state
  AS 'MODULE_PATHNAME', 'programme_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.programme_state_out(povstat.programme_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'programme_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.programme_state_recv(internal) RETURNS povstat.programme_state
  AS 'MODULE_PATHNAME', 'programme_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.programme_state_send(povstat.programme_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'programme_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.programme_state (
  INPUT = povstat.programme_state_in,
  OUTPUT = povstat.programme_state_out,
  RECEIVE = povstat.programme_state_recv,
  SEND = povstat.programme_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = extended
);
COMMENT ON TYPE povstat.programme_state IS
  'Mergeable state of povstat.programme_summary: payments, exact total (128-bit), min, max and the household_set of beneficiaries. Text form (v=1,payments=..,total=..,min=..,max=..,households={..}) round-trips exactly.';
COMMENT ON FUNCTION povstat.programme_state_in(cstring) IS 'Text input of povstat.programme_state; validates every field and the consistency of total, min, max, payments and households.';
COMMENT ON FUNCTION povstat.programme_state_out(povstat.programme_state) IS 'Text output of povstat.programme_state.';
COMMENT ON FUNCTION povstat.programme_state_recv(internal) IS 'Binary input of povstat.programme_state; validates every field and the embedded household_set.';
COMMENT ON FUNCTION povstat.programme_state_send(povstat.programme_state) IS 'Binary output of povstat.programme_state.';

CREATE TYPE povstat.programme_totals AS (
  payments bigint,
  beneficiaries bigint,
  total numeric,
  mean_per_beneficiary numeric,
  min_amount bigint,
  max_amount bigint
);
COMMENT ON TYPE povstat.programme_totals IS
  'Result of povstat.programme_summary: payments, distinct beneficiary households, total (đồng), total / beneficiaries, smallest and largest payment.';

CREATE FUNCTION povstat.programme_accum(povstat.programme_state, bigint, bigint)
  RETURNS povstat.programme_state AS 'MODULE_PATHNAME', 'programme_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.programme_combine(povstat.programme_state, povstat.programme_state)
  RETURNS povstat.programme_state AS 'MODULE_PATHNAME', 'programme_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.programme_accum(povstat.programme_state, bigint, bigint) IS 'Transition function of povstat.programme_summary and programme_state; aggregate support.';
COMMENT ON FUNCTION povstat.programme_combine(povstat.programme_state, povstat.programme_state) IS 'Combine function of the programme aggregates (exact: the beneficiary sets merge).';

-- Finishers, callable on stored states.
CREATE FUNCTION povstat.programme_summary(povstat.programme_state) RETURNS povstat.programme_totals
  AS 'MODULE_PATHNAME', 'programme_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.payments(povstat.programme_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'programme_payments' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.beneficiaries(povstat.programme_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'programme_beneficiaries' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.total_amount(povstat.programme_state) RETURNS numeric
  AS 'MODULE_PATHNAME', 'programme_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.mean_per_beneficiary(povstat.programme_state) RETURNS numeric
  AS 'MODULE_PATHNAME', 'programme_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.min_amount(povstat.programme_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'programme_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.max_amount(povstat.programme_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'programme_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.beneficiary_set(povstat.programme_state) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'programme_beneficiary_set' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.programme_summary(povstat.programme_state) IS 'All programme figures of a state as one povstat.programme_totals row.';
COMMENT ON FUNCTION povstat.payments(povstat.programme_state) IS 'Number of payments (rows with non-NULL household id and amount).';
COMMENT ON FUNCTION povstat.beneficiaries(povstat.programme_state) IS 'Exact number of distinct beneficiary households.';
COMMENT ON FUNCTION povstat.total_amount(povstat.programme_state) IS 'Exact total paid, in the unit of the amounts (đồng), as numeric.';
COMMENT ON FUNCTION povstat.mean_per_beneficiary(povstat.programme_state) IS 'Total / distinct beneficiaries (numeric, unrounded); NULL without payments.';
COMMENT ON FUNCTION povstat.min_amount(povstat.programme_state) IS 'Smallest payment; NULL without payments.';
COMMENT ON FUNCTION povstat.max_amount(povstat.programme_state) IS 'Largest payment; NULL without payments.';
COMMENT ON FUNCTION povstat.beneficiary_set(povstat.programme_state) IS 'The beneficiary households of a state as a household_set (e.g. to intersect programmes).';

CREATE AGGREGATE povstat.programme_state(household_id bigint, amount bigint) (
  SFUNC = povstat.programme_accum, STYPE = povstat.programme_state,
  COMBINEFUNC = povstat.programme_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.programme_state(bigint, bigint) IS 'Programme state of the payments (rows), for rollup tables and sharded execution.';
CREATE AGGREGATE povstat.merge(povstat.programme_state) (
  SFUNC = povstat.programme_combine, STYPE = povstat.programme_state,
  COMBINEFUNC = povstat.programme_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.merge(povstat.programme_state) IS 'Merges stored programme states (e.g. months or communes); beneficiaries stay exact (households counted once).';
CREATE AGGREGATE povstat.programme_summary(household_id bigint, amount bigint) (
  SFUNC = povstat.programme_accum, STYPE = povstat.programme_state,
  FINALFUNC = povstat.programme_summary,
  COMBINEFUNC = povstat.programme_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.programme_summary(bigint, bigint) IS
  'One pass over payments (household id >= 0, amount in đồng >= 0): payments, exact distinct beneficiaries, exact total (128-bit), mean per beneficiary, min, max. Parallel, unlike count(DISTINCT).';
