-- pgTAP: programme_summary (coverage, achievement, reduction progress and
-- formats: test/reporting.sql).  Expected values by hand or published
-- (data/tan_hung/figures.csv).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = povstat, public;
SELECT plan(5);

SELECT has_type('povstat', 'programme_state', 'povstat.programme_state exists');
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

SELECT * FROM finish();
ROLLBACK;
