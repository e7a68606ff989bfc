-------------------------------------------------------------------------------
-- Sort-based measures over a sample of (income, weight) pairs (src/sample.c):
-- Gini, quantiles, median, decile shares, Lorenz curve, Palma, S80/S20, QSR,
-- relative poverty (ARPT, ARPR, RMPG), Sen and Sen-Shorrocks-Thon.
--
-- The aggregates of one argument list share one transition function, so
-- PostgreSQL keeps one state for gini(income), median(income), palma(income)
-- ... in the same query, and the first final function sorts it for all
-- (FINALFUNC_MODIFY = SHAREABLE).  Rows with a NULL argument are skipped;
-- weight 0 counts as absent; no rows (or total weight 0) give NULL.
-------------------------------------------------------------------------------

CREATE TYPE povstat.sample_state;

CREATE FUNCTION povstat.sample_state_in(cstring) RETURNS povstat.sample_state
  AS 'MODULE_PATHNAME', 'sample_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.sample_state_out(povstat.sample_state) RETURNS cstring
  AS 'MODULE_PATHNAME', 'sample_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.sample_state_recv(internal) RETURNS povstat.sample_state
  AS 'MODULE_PATHNAME', 'sample_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.sample_state_send(povstat.sample_state) RETURNS bytea
  AS 'MODULE_PATHNAME', 'sample_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STORAGE = extended: a commune's sample is larger than a page, and rollup
-- tables must be able to TOAST it.
CREATE TYPE povstat.sample_state (
  INPUT = povstat.sample_state_in,
  OUTPUT = povstat.sample_state_out,
  RECEIVE = povstat.sample_state_recv,
  SEND = povstat.sample_state_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = extended
);
COMMENT ON TYPE povstat.sample_state IS
  'Mergeable sample of (income, weight) pairs for the sort-based measures (8 bytes per row unweighted, 16 weighted; stored sorted). Text form (v=1,...,n=N,data=base64) round-trips exactly. Build with povstat.sample_state() or sample_state_at(), merge with povstat.merge(), finish with gini(), quantile(), median(), palma(), s80s20(), qsr(), decile_shares(), lorenz(), arpt(), arpr(), rmpg(), sen(), sst(), ...';
COMMENT ON FUNCTION povstat.sample_state_in(cstring) IS 'Text input of povstat.sample_state; validates every field and value (finite values, weights >= 0, sortedness when flagged, exact length).';
COMMENT ON FUNCTION povstat.sample_state_out(povstat.sample_state) IS 'Text output of povstat.sample_state (exact: the doubles in base64, network byte order).';
COMMENT ON FUNCTION povstat.sample_state_recv(internal) IS 'Binary input of povstat.sample_state; validates every byte.';
COMMENT ON FUNCTION povstat.sample_state_send(povstat.sample_state) IS 'Binary output of povstat.sample_state.';

-- Transition and combine functions (aggregate support; not for direct calls).

CREATE FUNCTION povstat.sample_accum(povstat.sample_state, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_accum(povstat.sample_state, float8) IS 'Transition function of the sort-based aggregates (incomes); aggregate support.';
CREATE FUNCTION povstat.sample_accum(povstat.sample_state, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_accum(povstat.sample_state, float8, float8) IS 'Transition function of the sort-based aggregates (incomes, weighted); aggregate support.';
CREATE FUNCTION povstat.sample_p_accum(povstat.sample_state, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_p_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_p_accum(povstat.sample_state, float8, float8) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant quantile position); aggregate support.';
CREATE FUNCTION povstat.sample_p_accum(povstat.sample_state, float8, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_p_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_p_accum(povstat.sample_state, float8, float8, float8) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant quantile position, weighted); aggregate support.';
CREATE FUNCTION povstat.sample_share_accum(povstat.sample_state, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_share_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_share_accum(povstat.sample_state, float8, float8) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant share of the median); aggregate support.';
CREATE FUNCTION povstat.sample_share_accum(povstat.sample_state, float8, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_share_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_share_accum(povstat.sample_state, float8, float8, float8) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant share of the median, weighted); aggregate support.';
CREATE FUNCTION povstat.sample_points_accum(povstat.sample_state, float8, int4)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_points_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_points_accum(povstat.sample_state, float8, int4) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant number of Lorenz intervals); aggregate support.';
CREATE FUNCTION povstat.sample_points_accum(povstat.sample_state, float8, int4, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_points_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_points_accum(povstat.sample_state, float8, int4, float8) IS 'Transition function of the sort-based aggregates (incomes; the second argument is the constant number of Lorenz intervals, weighted); aggregate support.';
CREATE FUNCTION povstat.sample_line_accum(povstat.sample_state, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_line_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_line_accum(povstat.sample_state, float8, float8) IS 'Transition function of the sort-based aggregates (income/line ratios); aggregate support.';
CREATE FUNCTION povstat.sample_line_accum(povstat.sample_state, float8, float8, float8)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_line_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_line_accum(povstat.sample_state, float8, float8, float8) IS 'Transition function of the sort-based aggregates (income/line ratios, weighted); aggregate support.';
CREATE FUNCTION povstat.sample_combine(povstat.sample_state, povstat.sample_state)
  RETURNS povstat.sample_state AS 'MODULE_PATHNAME', 'sample_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_combine(povstat.sample_state, povstat.sample_state) IS 'Combine function of the sort-based aggregates: concatenates two samples of the same kind (merging sorted runs linearly).';

-- Finishers: final functions of the aggregates, callable on stored states.
CREATE FUNCTION povstat.population(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_population' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.population(povstat.sample_state) IS 'Total weight of the pairs in a sample (W).';
CREATE FUNCTION povstat.sample_rows(state povstat.sample_state) RETURNS bigint
  AS 'MODULE_PATHNAME', 'sample_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_rows(povstat.sample_state) IS 'Number of stored pairs in a sample (rows with weight > 0).';
CREATE FUNCTION povstat.gini(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_gini' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.gini(povstat.sample_state) IS 'Gini coefficient of a sample, as a fraction (Eurostat EU-SILC definition, as R laeken computes it): (2 sum w y C - sum w^2 y) / (W sum w y) - 1 over ascending y. Needs incomes >= 0; NULL when total income is 0.';
CREATE FUNCTION povstat.quantile(state povstat.sample_state, p float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.quantile(povstat.sample_state, float8) IS 'Weighted quantile of a sample (Eurostat, laeken weightedQuantile): y_k for the smallest k with C_k / W > p (strictly); q(0) = min, q(1) = max. The median of (1, 2, 3, 4) is 3. p outside [0, 1] is an error.';
CREATE FUNCTION povstat.median(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_median' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.median(povstat.sample_state) IS 'Weighted median of a sample: quantile(s, 0.5), Eurostat rule (the median of (1, 2, 3, 4) is 3, not 2.5).';
CREATE FUNCTION povstat.decile_shares(state povstat.sample_state) RETURNS float8[]
  AS 'MODULE_PATHNAME', 'sample_decile_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.decile_shares(povstat.sample_state) IS 'Shares of total income held by the ten decile groups, poorest first, on the interpolated Lorenz curve (the unit straddling a decile boundary is split); sums to 1. Needs incomes >= 0; NULL when total income is 0.';
CREATE FUNCTION povstat.lorenz(state povstat.sample_state, points int4) RETURNS float8[]
  AS 'MODULE_PATHNAME', 'sample_lorenz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.lorenz(povstat.sample_state, int4) IS 'Interpolated Lorenz curve of a sample: L(j/points) for j = 0..points (points + 1 values from 0 to 1), for charts. Needs incomes >= 0.';
CREATE FUNCTION povstat.palma(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_palma' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.palma(povstat.sample_state) IS 'Palma ratio (Cobham & Sumner 2013): income of the richest 10% / income of the poorest 40%, on the interpolated Lorenz curve. Needs incomes >= 0; NULL when the poorest 40% hold nothing.';
CREATE FUNCTION povstat.s80s20(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_s80s20' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.s80s20(povstat.sample_state) IS 'S80/S20: income of the richest 20% / income of the poorest 20%, on the interpolated Lorenz curve. Needs incomes >= 0; NULL when the poorest 20% hold nothing.';
CREATE FUNCTION povstat.qsr(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_qsr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.qsr(povstat.sample_state) IS 'Income quintile share ratio (Eurostat, laeken qsr): sum of w y with y > q(0.8) / sum of w y with y <= q(0.2), quantiles by the Eurostat rule. Needs incomes >= 0.';
CREATE FUNCTION povstat.arpt(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.arpt(povstat.sample_state) IS 'At-risk-of-poverty threshold (Eurostat): 0.6 x weighted median.';
CREATE FUNCTION povstat.arpt(state povstat.sample_state, share float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpt_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.arpt(povstat.sample_state, float8) IS 'At-risk-of-poverty threshold (Eurostat) at another share of the weighted median (0.4, 0.5, 0.7); share strictly between 0 and 1.';
CREATE FUNCTION povstat.arpr(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.arpr(povstat.sample_state) IS 'At-risk-of-poverty rate (Eurostat): weight of incomes strictly below 0.6 x weighted median / W.';
CREATE FUNCTION povstat.arpr(state povstat.sample_state, share float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpr_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.arpr(povstat.sample_state, float8) IS 'At-risk-of-poverty rate (Eurostat) with the threshold at share x weighted median (strict <).';
CREATE FUNCTION povstat.rmpg(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_rmpg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.rmpg(povstat.sample_state) IS 'Relative median at-risk-of-poverty gap (Eurostat): (ARPT - median of incomes below ARPT) / ARPT, ARPT = 0.6 x median. NULL when no income is below ARPT or ARPT <= 0.';
CREATE FUNCTION povstat.rmpg(state povstat.sample_state, share float8) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_rmpg_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.rmpg(povstat.sample_state, float8) IS 'Relative median at-risk-of-poverty gap (Eurostat) with ARPT = share x weighted median.';
CREATE FUNCTION povstat.arpr_at(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpr_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.arpr_at(povstat.sample_state) IS 'At-risk-of-poverty rate at an external threshold, from a sample_state_at(income, threshold) state: weight with income < threshold / W.';
CREATE FUNCTION povstat.rmpg_at(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_rmpg_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.rmpg_at(povstat.sample_state) IS 'Relative median poverty gap at an external threshold, from a sample_state_at state: 1 - median of income/threshold over incomes below the threshold; equals (t - median)/t for one threshold t.';
CREATE FUNCTION povstat.sen(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_sen' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sen(povstat.sample_state) IS 'Sen index (Sen 1976; replication-invariant form of Haughton & Khandker 2009, ch. 4) of a sample_state_at state: H (I + (1 - I) G_p), poor: income <= line; G_p is the Gini of the poors income/line ratios. 0 when no one is poor.';
CREATE FUNCTION povstat.sen_strict(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_sen_strict' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sen_strict(povstat.sample_state) IS 'Sen index with the strict convention (poor: income < line).';
CREATE FUNCTION povstat.sst(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_sst' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sst(povstat.sample_state) IS 'Sen-Shorrocks-Thon index (Shorrocks 1995; Xu & Osberg 2002) of a sample_state_at state: FGT1 (1 + G(g)), g = 1 - income/line for the poor (income <= line), 0 otherwise, G over the whole population.';
CREATE FUNCTION povstat.sst_strict(state povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_sst_strict' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sst_strict(povstat.sample_state) IS 'Sen-Shorrocks-Thon index with the strict convention (poor: income < line); equals sst, since a unit at the line has gap 0.';
CREATE FUNCTION povstat.sample_quantile_final(povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_quantile_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_quantile_final(povstat.sample_state) IS 'Final function of povstat.quantile(income, p): uses the constant argument stored in the state; aggregate support.';
CREATE FUNCTION povstat.sample_lorenz_final(povstat.sample_state) RETURNS float8[]
  AS 'MODULE_PATHNAME', 'sample_lorenz_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_lorenz_final(povstat.sample_state) IS 'Final function of povstat.lorenz(income, points): uses the constant argument stored in the state; aggregate support.';
CREATE FUNCTION povstat.sample_arpt_final(povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpt_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_arpt_final(povstat.sample_state) IS 'Final function of povstat.arpt(income, share): uses the constant argument stored in the state; aggregate support.';
CREATE FUNCTION povstat.sample_arpr_final(povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_arpr_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_arpr_final(povstat.sample_state) IS 'Final function of povstat.arpr(income, share): uses the constant argument stored in the state; aggregate support.';
CREATE FUNCTION povstat.sample_rmpg_final(povstat.sample_state) RETURNS float8
  AS 'MODULE_PATHNAME', 'sample_rmpg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.sample_rmpg_final(povstat.sample_state) IS 'Final function of povstat.rmpg(income, share): uses the constant argument stored in the state; aggregate support.';

CREATE FUNCTION povstat.lorenz_points(state povstat.sample_state, points int4)
  RETURNS TABLE (p float8, share float8)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $$ SELECT (u.o - 1)::float8 / points, u.v
          FROM unnest(povstat.lorenz(state, points)) WITH ORDINALITY AS u(v, o) $$;
COMMENT ON FUNCTION povstat.lorenz_points(povstat.sample_state, int4) IS 'Interpolated Lorenz curve as rows (p, share) for BI tools: p = j/points, share = L(p), j = 0..points.';

-- State-producing and merging aggregates (rollups, sharded execution).
CREATE AGGREGATE povstat.sample_state(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sample_state(float8) IS 'Sample of the incomes, for rollup tables and sharded execution; finish with gini(), quantile(), median(), palma(), ... on the state.';
CREATE AGGREGATE povstat.sample_state(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sample_state(float8, float8) IS 'Weighted sample of the incomes (weight 0 = absent row), for rollup tables and sharded execution.';
CREATE AGGREGATE povstat.sample_state_at(income float8, line float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sample_state_at(float8, float8) IS 'Sample of income/line ratios (the line may differ per row), for sen(), sst(), arpr_at(), rmpg_at() on the state.';
CREATE AGGREGATE povstat.sample_state_at(income float8, line float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sample_state_at(float8, float8, float8) IS 'Weighted sample of income/line ratios (the line may differ per row).';
CREATE AGGREGATE povstat.merge(povstat.sample_state) (
  SFUNC = povstat.sample_combine, STYPE = povstat.sample_state,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.merge(povstat.sample_state) IS 'Merges stored sample_state values (e.g. commune samples into a district); equals one pass over all rows. States of different kinds (incomes vs income/line ratios, different constant arguments) do not merge.';

-- Result aggregates: each with and without a trailing weight.
CREATE AGGREGATE povstat.gini(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.gini, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.gini(float8) IS 'Gini coefficient (Eurostat EU-SILC, laeken), as a fraction. Needs incomes >= 0.';
CREATE AGGREGATE povstat.gini(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.gini, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.gini(float8, float8) IS 'Weighted: Gini coefficient (Eurostat EU-SILC, laeken), as a fraction. Needs incomes >= 0.';
CREATE AGGREGATE povstat.median(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.median, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.median(float8) IS 'Weighted median by the Eurostat quantile rule (smallest k with C_k / W > 0.5): the median of (1, 2, 3, 4) is 3.';
CREATE AGGREGATE povstat.median(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.median, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.median(float8, float8) IS 'Weighted: Weighted median by the Eurostat quantile rule (smallest k with C_k / W > 0.5): the median of (1, 2, 3, 4) is 3.';
CREATE AGGREGATE povstat.decile_shares(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.decile_shares, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.decile_shares(float8) IS 'Income shares of the ten decile groups on the interpolated Lorenz curve, poorest first. Needs incomes >= 0.';
CREATE AGGREGATE povstat.decile_shares(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.decile_shares, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.decile_shares(float8, float8) IS 'Weighted: Income shares of the ten decile groups on the interpolated Lorenz curve, poorest first. Needs incomes >= 0.';
CREATE AGGREGATE povstat.palma(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.palma, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.palma(float8) IS 'Palma ratio (Cobham & Sumner 2013) on the interpolated Lorenz curve: top 10% / bottom 40%. Needs incomes >= 0.';
CREATE AGGREGATE povstat.palma(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.palma, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.palma(float8, float8) IS 'Weighted: Palma ratio (Cobham & Sumner 2013) on the interpolated Lorenz curve: top 10% / bottom 40%. Needs incomes >= 0.';
CREATE AGGREGATE povstat.s80s20(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.s80s20, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.s80s20(float8) IS 'S80/S20 ratio on the interpolated Lorenz curve. Needs incomes >= 0.';
CREATE AGGREGATE povstat.s80s20(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.s80s20, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.s80s20(float8, float8) IS 'Weighted: S80/S20 ratio on the interpolated Lorenz curve. Needs incomes >= 0.';
CREATE AGGREGATE povstat.qsr(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.qsr, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.qsr(float8) IS 'Income quintile share ratio (Eurostat, laeken qsr). Needs incomes >= 0.';
CREATE AGGREGATE povstat.qsr(income float8, weight float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.qsr, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.qsr(float8, float8) IS 'Weighted: Income quintile share ratio (Eurostat, laeken qsr). Needs incomes >= 0.';
CREATE AGGREGATE povstat.arpt(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.arpt, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpt(float8) IS 'At-risk-of-poverty threshold (Eurostat): 0.6 x weighted median.';
CREATE AGGREGATE povstat.arpr(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.arpr, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpr(float8) IS 'At-risk-of-poverty rate (Eurostat): weight with income < 0.6 x weighted median / W (strict <).';
CREATE AGGREGATE povstat.rmpg(income float8) (
  SFUNC = povstat.sample_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.rmpg, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.rmpg(float8) IS 'Relative median at-risk-of-poverty gap (Eurostat), threshold 0.6 x weighted median.';
CREATE AGGREGATE povstat.quantile(income float8, p float8) (
  SFUNC = povstat.sample_p_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_quantile_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.quantile(float8, float8) IS 'Weighted quantile (Eurostat, laeken weightedQuantile): smallest k with C_k / W > p; p constant in [0, 1].';
CREATE AGGREGATE povstat.quantile(income float8, p float8, weight float8) (
  SFUNC = povstat.sample_p_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_quantile_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.quantile(float8, float8, float8) IS 'Weighted quantile (Eurostat, laeken weightedQuantile): smallest k with C_k / W > p; p constant in [0, 1].';
CREATE AGGREGATE povstat.lorenz(income float8, points int4) (
  SFUNC = povstat.sample_points_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_lorenz_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.lorenz(float8, int4) IS 'Interpolated Lorenz curve: points + 1 ordinates L(j/points), j = 0..points. Needs incomes >= 0.';
CREATE AGGREGATE povstat.lorenz(income float8, points int4, weight float8) (
  SFUNC = povstat.sample_points_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_lorenz_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.lorenz(float8, int4, float8) IS 'Weighted interpolated Lorenz curve: points + 1 ordinates L(j/points). Needs incomes >= 0.';
CREATE AGGREGATE povstat.arpt(income float8, share float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_arpt_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpt(float8, float8) IS 'At-risk-of-poverty threshold (Eurostat) at share x weighted median; share constant, strictly between 0 and 1 (0.4, 0.5, 0.6, 0.7).';
CREATE AGGREGATE povstat.arpt(income float8, share float8, weight float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_arpt_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpt(float8, float8, float8) IS 'At-risk-of-poverty threshold (Eurostat) at share x weighted median; share constant, strictly between 0 and 1 (0.4, 0.5, 0.6, 0.7).';
CREATE AGGREGATE povstat.arpr(income float8, share float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_arpr_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpr(float8, float8) IS 'At-risk-of-poverty rate (Eurostat), threshold share x weighted median, strict <. Weighted form: arpr(income, share, weight).';
CREATE AGGREGATE povstat.arpr(income float8, share float8, weight float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_arpr_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpr(float8, float8, float8) IS 'At-risk-of-poverty rate (Eurostat), threshold share x weighted median, strict <. Weighted form: arpr(income, share, weight).';
CREATE AGGREGATE povstat.rmpg(income float8, share float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_rmpg_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.rmpg(float8, float8) IS 'Relative median at-risk-of-poverty gap (Eurostat), threshold share x weighted median.';
CREATE AGGREGATE povstat.rmpg(income float8, share float8, weight float8) (
  SFUNC = povstat.sample_share_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sample_rmpg_final, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.rmpg(float8, float8, float8) IS 'Relative median at-risk-of-poverty gap (Eurostat), threshold share x weighted median.';
CREATE AGGREGATE povstat.sen(income float8, line float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sen, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sen(float8, float8) IS 'Sen index (Sen 1976; Haughton & Khandker 2009 replication-invariant form), poor: income <= line; the line may differ per row (Gini of the poor taken over income/line). Needs incomes >= 0.';
CREATE AGGREGATE povstat.sen(income float8, line float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sen, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sen(float8, float8, float8) IS 'Weighted: Sen index (Sen 1976; Haughton & Khandker 2009 replication-invariant form), poor: income <= line; the line may differ per row (Gini of the poor taken over income/line). Needs incomes >= 0.';
CREATE AGGREGATE povstat.sen_strict(income float8, line float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sen_strict, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sen_strict(float8, float8) IS 'Sen index with the strict convention (poor: income < line). Needs incomes >= 0.';
CREATE AGGREGATE povstat.sen_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sen_strict, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sen_strict(float8, float8, float8) IS 'Weighted: Sen index with the strict convention (poor: income < line). Needs incomes >= 0.';
CREATE AGGREGATE povstat.sst(income float8, line float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sst, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sst(float8, float8) IS 'Sen-Shorrocks-Thon index (Shorrocks 1995; Xu & Osberg 2002): FGT1 (1 + Gini of the gaps), poor: income <= line; line may differ per row. Needs incomes >= 0.';
CREATE AGGREGATE povstat.sst(income float8, line float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sst, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sst(float8, float8, float8) IS 'Weighted: Sen-Shorrocks-Thon index (Shorrocks 1995; Xu & Osberg 2002): FGT1 (1 + Gini of the gaps), poor: income <= line; line may differ per row. Needs incomes >= 0.';
CREATE AGGREGATE povstat.sst_strict(income float8, line float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sst_strict, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sst_strict(float8, float8) IS 'Sen-Shorrocks-Thon index, strict convention (poor: income < line); equals sst.';
CREATE AGGREGATE povstat.sst_strict(income float8, line float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.sst_strict, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.sst_strict(float8, float8, float8) IS 'Weighted: Sen-Shorrocks-Thon index, strict convention (poor: income < line); equals sst.';
CREATE AGGREGATE povstat.arpr_at(income float8, threshold float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.arpr_at, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpr_at(float8, float8) IS 'At-risk-of-poverty rate at an externally computed threshold (e.g. the national ARPT within regions): weight with income < threshold / W.';
CREATE AGGREGATE povstat.arpr_at(income float8, threshold float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.arpr_at, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.arpr_at(float8, float8, float8) IS 'Weighted: At-risk-of-poverty rate at an externally computed threshold (e.g. the national ARPT within regions): weight with income < threshold / W.';
CREATE AGGREGATE povstat.rmpg_at(income float8, threshold float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.rmpg_at, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.rmpg_at(float8, float8) IS 'Relative median poverty gap at an externally computed threshold: (t - median of incomes below t) / t, computed as 1 - median of income/t.';
CREATE AGGREGATE povstat.rmpg_at(income float8, threshold float8, weight float8) (
  SFUNC = povstat.sample_line_accum, STYPE = povstat.sample_state, FINALFUNC = povstat.rmpg_at, FINALFUNC_MODIFY = SHAREABLE,
  COMBINEFUNC = povstat.sample_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.rmpg_at(float8, float8, float8) IS 'Weighted: Relative median poverty gap at an externally computed threshold: (t - median of incomes below t) / t, computed as 1 - median of income/t.';
