-- Merge algebra of the state types: for each family, merging the states of
-- any split of the rows gives what one pass over them gives; merge is
-- associative and commutative in effect; text and binary forms round-trip
-- exactly.  "Gives the same" means: the family's exact finishers (counts,
-- sums of weights in halves) are equal, its float finishers agree within
-- 1e-12 relative.  The reference is always the one-pass state, so every
-- expected "t" below is the definition of the property, not a number to
-- trust.
\set ECHO all
SET extra_float_digits = 0;

-- 6000 households in 12 communes; weights in halves (exact sums in any
-- order), a few NULL and zero incomes, classes at two reviews.
CREATE TABLE ma AS
SELECT i AS household_id, 1 + (i * 7919) % 12 AS commune, a AS area,
       CASE WHEN i % 997 = 0 THEN NULL WHEN i % 1009 = 0 THEN 0 ELSE round(y) END AS income,
       z AS line, 1 + (i % 4) * 0.5 AS weight, 1 + (i * 13) % 6 AS members,
       povstat.deprivations(ARRAY(SELECT p FROM generate_series(1, 12) p
                                   WHERE ((i * 2654435761) >> p) % 5 = 0)) AS deprivations,
       CASE WHEN i % 53 = 0 THEN NULL
            WHEN y <= z THEN 'poor' WHEN y <= 1.3 * z THEN 'near_poor'
            WHEN y <= 2 * z THEN 'average' ELSE 'better_off' END::povstat.hh_class AS class_before,
       CASE WHEN i % 59 = 0 THEN NULL
            WHEN y * f <= z THEN 'poor' WHEN y * f <= 1.3 * z THEN 'near_poor'
            WHEN y * f <= 2 * z THEN 'average' ELSE 'better_off' END::povstat.hh_class AS class_after,
       i % 7 = 0 AS exited_before,
       CASE WHEN i % 101 = 0 THEN NULL ELSE (i * 31) % 5 < 3 END AS reached,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 500000 + (i % 7) * 100000 END::bigint AS amount
  FROM generate_series(1, 6000) i,
       LATERAL (SELECT CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END::povstat.area AS a) k,
       LATERAL (SELECT exp(14.25 + 0.55 * sin(i * 1.7) + 0.45 * cos(i * 0.37)) AS y,
                       CASE k.a WHEN 'rural' THEN 1500000 ELSE 2000000 END::float8 AS z,
                       0.85 + 0.3 * ((i * 37) % 11) / 10.0 AS f) v;

-- The same rows with weight 0: each of them counts as absent.
CREATE VIEW ma_zero AS SELECT household_id, commune, area, income, line, 0::float8 AS weight,
       members, deprivations, class_before, class_after, exited_before, reached, amount FROM ma;

CREATE TEMP TABLE covered (typ text);

-- merge_algebra(state type, state aggregate over ma's columns, exact finisher
-- of "s" as text, float finishers of "s" as float8[]): one row per property;
-- the last property, the binary round trip, goes through a file of the
-- client (psql's \copy, which needs no privilege on the server): each call
-- is followed by sql/include/binary_round_trip.psql.
CREATE FUNCTION pg_temp.merge_algebra(typ text, agg text, exact text, approx text)
RETURNS TABLE (property text, ok boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  fin text := format('SELECT (%s)::text AS e, (%s)::float8[] AS x FROM ', exact, approx);
  ref_e text;
  ref_x float8[];
  e text;
  x float8[];
  b boolean;
  -- zero-weight rows exist only for weighted aggregates; for the others the
  -- "empty" parts are parts without rows
  zero text := CASE WHEN agg ~ '\mweight\M' THEN 'ma_zero' ELSE '(SELECT * FROM ma WHERE false) z' END;
  split record;
BEGIN
  INSERT INTO covered VALUES (typ);
  EXECUTE format('CREATE TEMP TABLE ref AS SELECT %s AS s FROM ma', agg);
  EXECUTE fin || 'ref' INTO ref_e, ref_x;
  property := 'one pass finishes to non-NULL values';
  ok := ref_e IS NOT NULL AND array_position(ref_x, NULL) IS NULL;
  RETURN NEXT;

  -- splits of the same rows, each merged with povstat.merge
  FOR split IN
    SELECT * FROM (VALUES
      ('split by commune', format('SELECT commune, %s AS s FROM ma GROUP BY 1', agg)),
      ('split by household_id % 3', format('SELECT household_id %% 3, %s AS s FROM ma GROUP BY 1', agg)),
      ('one row per state', format('SELECT household_id, %s AS s FROM ma GROUP BY 1', agg)),
      ('with empty parts (no rows; zero-weight rows)', format(
         'SELECT 1, %1$s AS s FROM ma WHERE commune <= 6 UNION ALL
          SELECT 2, %1$s FROM ma WHERE false UNION ALL
          SELECT 3, %1$s FROM %2$s UNION ALL
          SELECT 4, %1$s FROM ma WHERE commune > 6 UNION ALL
          SELECT 5, %1$s FROM %2$s WHERE commune = 1', agg, zero)),
      ('all parts empty except one', format(
         'SELECT 1, %1$s AS s FROM %2$s UNION ALL SELECT 2, %1$s FROM ma', agg, zero))
    ) v(name, parts)
  LOOP
    EXECUTE fin || format('(SELECT povstat.merge(s) AS s FROM (%s) p) m', split.parts) INTO e, x;
    property := split.name;
    ok := e IS NOT DISTINCT FROM ref_e AND pg_temp.close_enough(x, ref_x);
    RETURN NEXT;
  END LOOP;

  -- (p0 + p1) + p2 against p0 + (p1 + p2); p0 + ... + p11 in both orders
  EXECUTE format('CREATE TEMP TABLE p3 AS SELECT household_id %% 3 AS k, %s AS s FROM ma GROUP BY 1', agg);
  EXECUTE format('CREATE TEMP TABLE p12 AS SELECT commune AS k, %s AS s FROM ma GROUP BY 1', agg);
  EXECUTE format($q$
    WITH l AS (SELECT povstat.merge(s ORDER BY k) AS s FROM
                 (SELECT 0 AS k, povstat.merge(s ORDER BY k) AS s FROM p3 WHERE k < 2
                  UNION ALL SELECT k, s FROM p3 WHERE k = 2) q),
         r AS (SELECT povstat.merge(s ORDER BY k) AS s FROM
                 (SELECT k, s FROM p3 WHERE k = 0
                  UNION ALL SELECT 1, povstat.merge(s ORDER BY k) FROM p3 WHERE k > 0) q),
         fl AS (%1$s l), fr AS (%1$s r)
    SELECT fl.e IS NOT DISTINCT FROM fr.e AND pg_temp.close_enough(fl.x, fr.x)
           AND fl.e IS NOT DISTINCT FROM $1 AND pg_temp.close_enough(fl.x, $2)
      FROM fl, fr$q$, fin) INTO b USING ref_e, ref_x;
  property := 'associative: (p0+p1)+p2 = p0+(p1+p2)';
  ok := b;
  RETURN NEXT;
  EXECUTE format($q$
    WITH u AS (SELECT povstat.merge(s ORDER BY k) AS s FROM p12),
         d AS (SELECT povstat.merge(s ORDER BY k DESC) AS s FROM p12),
         fu AS (%1$s u), fd AS (%1$s d)
    SELECT fu.e IS NOT DISTINCT FROM fd.e AND pg_temp.close_enough(fu.x, fd.x)
      FROM fu, fd$q$, fin) INTO b;
  property := 'commutative: 12 parts merged in both orders';
  ok := b;
  RETURN NEXT;

  -- text: out -> in -> out is the identity, and finishes to the same values exactly
  EXECUTE format($q$
    SELECT bool_and(s::text::povstat.%1$I::text = s::text) FROM
      (SELECT s FROM p12 UNION ALL SELECT s FROM ref) t$q$, typ) INTO b;
  property := 'text round trip: out(in(out(s))) = out(s)';
  ok := b;
  RETURN NEXT;
  EXECUTE format($q$
    WITH t AS (SELECT s::text::povstat.%1$I AS s FROM ref), ft AS (%2$s t)
    SELECT ft.e IS NOT DISTINCT FROM $1 AND ft.x IS NOT DISTINCT FROM $2 FROM ft$q$, typ, fin)
    INTO b USING ref_e, ref_x;
  property := 'text round trip: finishes to the same values exactly';
  ok := b;
  RETURN NEXT;

  -- binary: the caller runs sql/include/binary_round_trip.psql next, which
  -- sends these 13 states (12 communes and the one pass) through a binary
  -- COPY file on the client and receives them into ma_back
  EXECUTE 'CREATE TEMP TABLE ma_sent AS SELECT k, s FROM p12 UNION ALL SELECT -1, s FROM ref';
  EXECUTE format('CREATE TEMP TABLE ma_back (k int, s povstat.%I)', typ);

  DROP TABLE ref, p3, p12;
END
$fn$;

CREATE FUNCTION pg_temp.close_enough(a float8[], b float8[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT cardinality(a) IS NOT DISTINCT FROM cardinality(b)
     AND coalesce(bool_and(x IS NOT DISTINCT FROM y
                           OR abs(x - y) <= 1e-12 * greatest(abs(x), abs(y))), true)
    FROM unnest(a, b) u(x, y) $$;

-- The helper must see a difference: one part missing is not one pass.
SELECT pg_temp.close_enough(ARRAY[1, 2]::float8[], ARRAY[1, 2 + 1e-9]::float8[]) AS differs_1e_9,
       pg_temp.close_enough(ARRAY[1, 2]::float8[], ARRAY[1, 2 + 1e-15]::float8[]) AS within_1e_12;
SELECT povstat.poverty_gap(povstat.merge(s)) <>
       (SELECT povstat.poverty_gap(income, line, weight) FROM ma) AS missing_part_detected
  FROM (SELECT commune, povstat.fgt_state(income, line, weight) s FROM ma GROUP BY 1) p
 WHERE commune <> 1;

-- fgt_state by hand: rows (income 1, w 1), (3, w 1), (1, w 2) at line 2 as
-- three one-row states and an empty one.  W = 4, poor weight 3, g = 0.5:
-- FGT0 = 3/4; FGT1 = 3 * 0.5 / 4 = 0.375; FGT2 = 3 * 0.25 / 4 = 0.1875;
-- Watts = 3 ln 2 / 4 = 0.519860385419959.
SELECT povstat.headcount_ratio(m), povstat.poverty_gap(m), povstat.poverty_severity(m),
       round(povstat.watts(m)::numeric, 15) AS watts, round((3 * ln(2) / 4)::numeric, 15) AS by_hand
  FROM (SELECT povstat.merge(s) m FROM (
          SELECT povstat.fgt_state(1::float8, 2::float8, 1::float8) UNION ALL
          SELECT povstat.fgt_state(3::float8, 2::float8, 1::float8) UNION ALL
          SELECT povstat.fgt_state(1::float8, 2::float8, 0::float8) UNION ALL
          SELECT povstat.fgt_state(1::float8, 2::float8, 2::float8)) v(s)) q;

-- fgt_state: the <= convention, then the strict (<) one.
SELECT * FROM pg_temp.merge_algebra('fgt_state',
  'povstat.fgt_state(income, line, weight)',
  $$povstat.population(s) || '/' || povstat.headcount(s)$$,
  $$ARRAY[povstat.headcount_ratio(s), povstat.poverty_gap(s), povstat.poverty_severity(s),
          povstat.fgt(s, 2), povstat.watts(s)]$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('fgt_state',
  'povstat.fgt_state_strict(income, line, weight)',
  $$povstat.population(s) || '/' || povstat.headcount(s)$$,
  $$ARRAY[povstat.headcount_ratio(s), povstat.poverty_gap(s), povstat.poverty_severity(s),
          povstat.watts(s)]$$);
\i sql/include/binary_round_trip.psql

-- transitions_state: the 25-cell matrix (exact row counts, weights), then
-- with exited_before (re-entries kept apart) and its rates.
SELECT * FROM pg_temp.merge_algebra('transitions_state',
  'povstat.transitions_state(class_before, class_after, weight)',
  $$(SELECT string_agg(before || '>' || after || '=' || rows || '/' || households, ',')
       FROM povstat.transition_matrix(s))$$,
  $$ARRAY(SELECT unnest(povstat.transition_matrix_array(s)))$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('transitions_state',
  'povstat.transitions_state(class_before, class_after, exited_before, weight)',
  $$(SELECT string_agg(before || '>' || after || '=' || rows || '/' || households, ',')
       FROM povstat.transition_matrix(s)) || ';' || povstat.poor_returned(s)$$,
  $$ARRAY[povstat.poor_exit_rate(s), povstat.poor_newly_rate(s), povstat.poor_returned_rate(s),
          povstat.near_poor_exit_rate(s), povstat.near_poor_returned_rate(s)]$$);
\i sql/include/binary_round_trip.psql

-- coverage_state: reached (NULL = unknown status) among the target rows.
SELECT * FROM pg_temp.merge_algebra('coverage_state',
  'povstat.coverage_state(reached, weight)',
  $$povstat.eligible(s) || '/' || povstat.reached(s) || '/' || povstat.unknown_status(s)$$,
  $$ARRAY[povstat.coverage(s)]$$);
\i sql/include/binary_round_trip.psql

-- sample_state: the weighted sample (quantiles are sample values: exact),
-- then the sample of income/line ratios (Sen, SST).
SELECT * FROM pg_temp.merge_algebra('sample_state',
  'povstat.sample_state(income, weight)',
  $$povstat.sample_rows(s) || '/' || povstat.population(s) || '/' || povstat.median(s) || '/' ||
    povstat.quantile(s, 0.1) || '/' || povstat.quantile(s, 0.9) || '/' || povstat.arpt(s)$$,
  $$ARRAY[povstat.gini(s), povstat.palma(s), povstat.s80s20(s), povstat.qsr(s), povstat.arpr(s),
          povstat.rmpg(s)] || povstat.decile_shares(s) || povstat.lorenz(s, 20)$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('sample_state',
  'povstat.sample_state_at(income, line, weight)',
  $$povstat.sample_rows(s) || '/' || povstat.population(s) || '/' || povstat.median(s)$$,
  $$ARRAY[povstat.sen(s), povstat.sst(s), povstat.sen_strict(s), povstat.sst_strict(s)]$$);
\i sql/include/binary_round_trip.psql

-- moments_state: Theil, MLD, GE(0, 1, 2), Atkinson(1), mean; then states
-- built for one GE alpha and one Atkinson epsilon.
SELECT * FROM pg_temp.merge_algebra('moments_state',
  'povstat.moments_state(income, weight)',
  $$povstat.population(s)::text$$,
  $$ARRAY[povstat.theil(s), povstat.mld(s), povstat.ge(s, 0), povstat.ge(s, 1), povstat.ge(s, 2),
          povstat.atkinson(s, 1), povstat.mean_income(s)]$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('moments_state',
  'povstat.ge_state(income, 0.5, weight)',
  $$povstat.population(s)::text$$,
  $$ARRAY[povstat.ge(s), povstat.theil(s)]$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('moments_state',
  'povstat.atkinson_state(income, 2, weight)',
  $$povstat.population(s)::text$$,
  $$ARRAY[povstat.atkinson(s), povstat.mld(s)]$$);
\i sql/include/binary_round_trip.psql

-- profile_state: households per class (exact rows, weights in halves), rates.
SELECT * FROM pg_temp.merge_algebra('profile_state',
  'povstat.profile_state(class_after, weight)',
  $$povstat.class_rows(s, 'poor') || '/' || povstat.class_rows(s, 'near_poor') || '/' ||
    povstat.class_rows(s, 'average') || '/' || povstat.class_rows(s, 'better_off') || '/' ||
    povstat.population(s) || '/' || povstat.unclassified(s) || '/' || povstat.class_count(s, 'poor')$$,
  $$ARRAY[povstat.class_rate(s, 'poor'), povstat.class_rate(s, 'near_poor'),
          povstat.class_rate(s, 'average'), povstat.class_rate(s, 'better_off')]$$);
\i sql/include/binary_round_trip.psql

-- mpi_state: 12 indicators, k = 3; then indicator weights (1/8 x 4, 1/16 x 8)
-- with a score cutoff of 1/4.
SELECT * FROM pg_temp.merge_algebra('mpi_state',
  'povstat.mpi_state(deprivations, 12, 3, weight)',
  $$povstat.population(s)::text$$,
  $$ARRAY[povstat.mpi_h(s), povstat.mpi_a(s), povstat.mpi_m0(s)] || (povstat.mpi(s)).censored_headcount
    || (povstat.mpi(s)).uncensored_headcount || (povstat.mpi(s)).contribution$$);
\i sql/include/binary_round_trip.psql
SELECT * FROM pg_temp.merge_algebra('mpi_state',
  $$povstat.mpi_state(deprivations, '{0.125,0.125,0.125,0.125,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625}'::float8[], 0.25, weight)$$,
  $$povstat.population(s)::text$$,
  $$ARRAY[povstat.mpi_h(s), povstat.mpi_a(s), povstat.mpi_m0(s)] || (povstat.mpi(s)).contribution$$);
\i sql/include/binary_round_trip.psql

-- household_set of household_id / 2: pairs of rows share an id, in
-- different parts of every split (union, not concatenation).  Unweighted:
-- its empty parts have no rows.
SELECT * FROM pg_temp.merge_algebra('household_set',
  'povstat.household_set(household_id / 2)',
  $$povstat.cardinality(s) || '/' ||
    (SELECT sum(m) || '/' || md5(string_agg(m::text, ',' ORDER BY m)) FROM povstat.members(s) m)$$,
  $$ARRAY[]::float8[]$$);
\i sql/include/binary_round_trip.psql

-- programme_state: payments to household_id / 2 (beneficiaries shared
-- across parts); every total is exact.
SELECT * FROM pg_temp.merge_algebra('programme_state',
  'povstat.programme_state(household_id / 2, amount)',
  $$povstat.programme_summary(s)::text$$,
  $$ARRAY[]::float8[]$$);
\i sql/include/binary_round_trip.psql

-- Every state type of this build is covered above (a new family must be
-- added here): the list is empty.
SELECT a.aggtranstype::regtype AS state_type_not_covered
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.pronamespace = 'povstat'::regnamespace
   AND format_type(a.aggtranstype, NULL) NOT IN (SELECT 'povstat.' || typ FROM covered)
 GROUP BY 1 ORDER BY 1;

DROP TABLE covered;
DROP VIEW ma_zero;
DROP TABLE ma;
