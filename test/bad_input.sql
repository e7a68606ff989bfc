-- pgTAP: the FGT rows of the bad-input matrix (doc/bad-input.md), one
-- assertion per cell, plus the state-input rows of every povstat state type.
-- Expected values by hand: incomes (-5) at line 10 -> gap 1 - (-5)/10 = 1.5,
-- squared gap 2.25; Watts of (0, 5) at line 10: the zero income is outside,
-- W+ = 1, ln(10/5) = ln 2.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(43);

-- NULL: the row is skipped
SELECT is(povstat.headcount_ratio(NULL::float8, 10), NULL, 'NULL income: skipped (no rows: NULL)');
SELECT is(povstat.headcount_ratio(y, l), 0::float8, 'NULL line: row skipped')
  FROM (VALUES (1::float8, NULL::float8), (20, 10)) v(y, l);
SELECT is(povstat.headcount_ratio(y, 10, w), 0::float8, 'NULL weight: row skipped')
  FROM (VALUES (1::float8, NULL::float8), (20, 1)) v(y, w);
SELECT is(povstat.fgt(1::float8, 10::float8, NULL::float8), NULL, 'NULL alpha: row skipped');

-- NaN and infinities
SELECT throws_ok($$SELECT povstat.headcount_ratio('NaN'::float8, 10)$$, '22023', NULL, 'NaN income: 22023');
SELECT throws_ok($$SELECT povstat.poverty_gap('Infinity'::float8, 10)$$, '22023', NULL, '+Infinity income: 22023');
SELECT throws_ok($$SELECT povstat.poverty_severity('-Infinity'::float8, 10)$$, '22023', NULL, '-Infinity income: 22023');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 'NaN'::float8)$$, '22023', NULL, 'NaN line: 22023');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 'Infinity'::float8)$$, '22023', NULL, 'infinite line: 22023');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 10, 'NaN'::float8)$$, '22023', NULL, 'NaN weight: 22023');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 10, 'Infinity'::float8)$$, '22023', NULL, 'infinite weight: 22023');
SELECT throws_ok($$SELECT povstat.watts('NaN'::float8, 10)$$, '22023', NULL, 'watts: NaN income: 22023');

-- negative values and zero
SELECT is(povstat.headcount_ratio(-5::float8, 10), 1::float8, 'negative income is poor');
SELECT is(povstat.poverty_gap(-5::float8, 10), 1.5::float8, 'negative income: gap 1.5');
SELECT is(povstat.poverty_severity(-5::float8, 10), 2.25::float8, 'negative income: severity 2.25');
SELECT throws_ok($$SELECT povstat.watts(-5::float8, 10)$$, '22023', NULL, 'watts: negative income: 22023');
SELECT is(povstat.watts(y, 10), ln(2::float8), 'watts: zero income outside the index')
  FROM (VALUES (0::float8), (5)) v(y);
SELECT is(povstat.watts(0::float8, 10), NULL, 'watts: only zero incomes: NULL');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 0)$$, '22023', NULL, 'line 0: 22023');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, -10)$$, '22023', NULL, 'negative line: 22023');

-- weights
SELECT is(povstat.headcount_ratio(y, 10, w), 0::float8, 'weight 0: row absent')
  FROM (VALUES (1::float8, 0::float8), (20, 1)) v(y, w);
SELECT is(povstat.headcount_ratio(1, 10, 0), NULL, 'all weights 0: NULL');
SELECT throws_ok($$SELECT povstat.headcount_ratio(1, 10, -1)$$, '22023', NULL, 'negative weight: 22023');
-- incomes 1..20 at line 10: 10 of 20 poor, whatever the (equal) weight
SELECT is(povstat.headcount_ratio(x::float8, 10, 5e-324::float8), 0.5::float8, 'subnormal weights count')
  FROM generate_series(1, 20) x;

-- alpha
SELECT throws_ok($$SELECT povstat.fgt(1::float8, 10::float8, -1::float8)$$, '22023', NULL, 'negative alpha: 22023');
SELECT throws_ok($$SELECT povstat.fgt(1::float8, 10::float8, 'NaN'::float8)$$, '22023', NULL, 'NaN alpha: 22023');
SELECT throws_ok($$SELECT povstat.fgt(y, 10::float8, a) FROM (VALUES (1::float8, 1::float8), (2, 2)) v(y, a)$$,
                 '22023', NULL, 'alpha changing between rows: 22023');

-- huge values
SELECT throws_ok($$SELECT povstat.headcount_ratio(y, 10, 1e308) FROM (VALUES (1::float8), (2)) v(y)$$,
                 '22003', NULL, 'weights summing past float8: 22003');
SELECT throws_ok($$SELECT povstat.poverty_gap(-1e300::float8, 1e-300::float8)$$,
                 '22003', NULL, 'gap beyond float8: 22003');
SELECT ok(abs(povstat.watts(5e-324::float8, 1e300::float8) - (ln(1e300::float8) - ln(5e-324::float8))) < 1e-9,
          'watts: z/y overflows, term computed as ln z - ln y');

-- empty input
SELECT is(povstat.poverty_gap(y, 10), NULL, 'empty input: NULL') FROM (SELECT 1::float8 WHERE false) v(y);

-- states: finishers, merge, input
SELECT is(povstat.headcount_ratio(NULL::povstat.fgt_state), NULL, 'finisher of NULL: NULL');
SELECT throws_ok($$SELECT povstat.fgt(povstat.fgt_state(1::float8, 10::float8), 3)$$, '22023', NULL,
                 'fgt(state, alpha) for an alpha the state lacks: 22023');
SELECT throws_ok($$SELECT povstat.watts(povstat.fgt_state(-1::float8, 10::float8))$$, '22023', NULL,
                 'watts of a state with negative incomes: 22023');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (SELECT povstat.fgt_state(1::float8, 10::float8) s
                                                  UNION ALL SELECT povstat.fgt_state_strict(1::float8, 10::float8)) q$$,
                 '22023', NULL, 'merging different conventions: 22023');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
                   ('(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=9223372036854775807,poor_rows=0,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state),
                   ('(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=0,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)')) v(s)$$,
                 '22003', NULL, 'merge: row count overflow: 22003');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
                   ('(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=0,nonpositive_rows=0,negative_rows=0,weight=1e308,weight_c=0,weight_positive=1e308,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state),
                   ('(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=0,nonpositive_rows=0,negative_rows=0,weight=1e308,weight_c=0,weight_positive=1e308,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)')) v(s)$$,
                 '22003', NULL, 'merge: sums beyond float8: 22003');
SELECT throws_ok($$SELECT '(v=1,strict=0)'::povstat.fgt_state$$, '22P02', NULL, 'truncated state text: 22P02');
SELECT throws_ok($$SELECT '(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=0,nonpositive_rows=0,negative_rows=0,weight=Infinity,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state$$,
                 '22P02', NULL, 'infinite field in state text: 22P02');
SELECT throws_ok($$SELECT '(v=1,strict=0,has_alpha=0,has_watts=1,alpha=0,rows=1,poor_rows=2,nonpositive_rows=0,negative_rows=0,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,weight_poor=0,weight_poor_c=0,gap=0,gap_c=0,gap2=0,gap2_c=0,gap_alpha=0,gap_alpha_c=0,watts=0,watts_c=0)'::povstat.fgt_state$$,
                 '22P02', NULL, 'inconsistent counts in state text: 22P02');
SELECT throws_ok($$SELECT povstat.fgt_accum(NULL, 1, 2)$$, '0A000', NULL, 'support function called directly: 0A000');

-- every state type rejects garbage text with 22P02
CREATE FUNCTION pg_temp.input_sqlstate(txt text, typ name) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format('SELECT %L::povstat.%I', txt, typ);
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $f$;
SELECT is((SELECT string_agg(t.typname || ':' || pg_temp.input_sqlstate(x, t.typname), ' ' ORDER BY t.typname, x)
             FROM pg_type t, unnest(ARRAY['', '(v=1,', 'garbage']) x
            WHERE t.typnamespace = 'povstat'::regnamespace AND t.typtype = 'b' AND t.typelem = 0
              AND t.typname LIKE '%\_state'
              AND pg_temp.input_sqlstate(x, t.typname) <> '22P02'),
          NULL, 'every *_state type rejects empty, truncated and garbage text with 22P02');
SELECT cmp_ok((SELECT count(*) FROM pg_type t
                WHERE t.typnamespace = 'povstat'::regnamespace AND t.typname LIKE '%\_state' AND t.typtype = 'b'),
              '>=', 3::bigint, 'at least the fgt, transitions and coverage states are checked');

SELECT * FROM finish();
ROLLBACK;
