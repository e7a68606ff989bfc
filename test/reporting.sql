-- pgTAP: report helpers.  Expected values by hand.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(9);
SELECT is(povstat.format_number(98623, 0, 'vi'), '98.623', 'thousands grouped with a dot in Vietnamese');
SELECT is(povstat.format_percent(630 * 100.0 / 13435, 2, 'vi'), '4,69%', '630 of 13435 households is 4,69%');
SELECT is(povstat.format_money(98623000000, 'million', 'vi'), '98.623 triệu đồng', 'C00 as published');
SELECT is(povstat.format_money(98623000000, 'million', 'en'), '98,623 million VND', 'C00 in English');
SELECT is(povstat.achievement_pct(2259, 1495, 0), 151::numeric, '2259 of 1495 planned is 151%');
SELECT is((povstat.reduction_progress(630, 315, 50)).met, true, 'halving 630 to 315 meets a 50% target');
SELECT is(povstat.coverage(r), 1::float8, 'everyone reached is 100%') FROM (VALUES (true), (true)) v(r);
SELECT throws_ok($$SELECT povstat.format_number(1, 0, 'xx')$$, '22023', NULL, 'unknown language rejected');
SELECT throws_ok($$SELECT povstat.achievement_pct(1, -1)$$, '22023', NULL, 'plan <= 0 rejected');
SELECT * FROM finish();
ROLLBACK;
