-- pgTAP: programme_summary, coverage, achievement_pct, reduction_progress,
-- formatting.  Expected values by hand or published (tan_hung_figures.csv).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = povstat, public;
SELECT plan(14);

SELECT has_type('povstat', 'programme_state', 'povstat.programme_state exists');
SELECT has_type('povstat', 'coverage_state', 'povstat.coverage_state exists');
-- 486 households x 500.000 đồng = 243.000.000 đồng (A01, A02)
SELECT is((SELECT total_amount(programme_state(i, 500000)) FROM generate_series(1, 486) i),
          243000000::numeric, 'Tết allowance total');
-- payments (1: 500k), (2: 500k), (1: 300k): 3 payments, 2 households
SELECT is((SELECT (programme_summary(id, amt)).beneficiaries
             FROM (VALUES (1::bigint, 500000::bigint), (2, 500000), (1, 300000)) v(id, amt)),
          2::bigint, 'distinct beneficiaries');
-- 4 x (2^63 - 1)
SELECT is((SELECT total_amount(programme_state(1, 9223372036854775807)) FROM generate_series(1, 4)),
          36893488147419103228::numeric, 'total beyond bigint is exact');
SELECT throws_ok($$SELECT povstat.programme_summary(1, -5)$$, '22023', NULL, 'negative amount is rejected');
-- 2 of 3 reached
SELECT is((SELECT (coverage(r)).reached FROM (VALUES (true), (true), (false)) v(r)), 2::float8, 'coverage reached');
-- 2259 / 1500 = 150.6% -> 151% (E02)
SELECT is(round(achievement_pct(2259, 1500)), 151::numeric, 'job placements vs plan');
-- 630 -> 483 against a 50% target: target count 315, not met
SELECT is((SELECT target_count FROM reduction_progress(630, 483, 50)), 315::bigint, 'target count');
SELECT is((SELECT met FROM reduction_progress(630, 483, 50)), false, 'target not met');
SELECT is(format_money(98623000000, 'triệu đồng', 'vi'), '98.623 triệu đồng', 'C00 as published');
SELECT is(format_percent(4.69, 2, 'vi'), '4,69%', 'P02 as published');
SELECT is(format_number(4.685, 2, 'en'), '4.69', 'half away from zero, English');
SELECT throws_ok($$SELECT povstat.format_number(1, 0, 'fr')$$, '22023', NULL, 'unknown language is rejected');

SELECT * FROM finish();
ROLLBACK;
