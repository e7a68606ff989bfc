-- pgTAP: classification, registry and SQLSTATEs.  Expected classes by hand
-- from the rules of the standards (doc/classification.md).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = public, povstat;
SELECT plan(24);

SELECT has_table('povstat', 'standard', 'registry table exists');
SELECT has_table('povstat', 'standard_indicator', 'indicator catalog exists');
SELECT is((SELECT array_length(extconfig, 1) >= 2 FROM pg_extension WHERE extname = 'povstat'),
          true, 'registry tables are extension configuration tables (pg_dump saves user rows)');
SELECT is((SELECT count(*) FROM povstat.standard WHERE builtin), 3::bigint, 'three built-in standards');
SELECT is((SELECT count(*) FROM povstat.standard_indicator WHERE standard = 'VN-2022-2025'), 12::bigint,
          '12 indicators for 2022-2025');
SELECT is((SELECT count(*) FROM povstat.standard_indicator WHERE standard = 'VN-2016-2020'), 10::bigint,
          '10 indicators for 2016-2020');
SELECT ok(has_table_privilege('public', 'povstat.standard', 'SELECT'), 'PUBLIC may read the registry');

-- 2022-2025 rural line 1,500,000: at the line with 3 deprivations poor, with 2 near-poor; 1 đồng above average
SELECT is(povstat.classify(1500000::numeric, 'rural', '{1,2,3}', 'VN-2022-2025'), 'poor'::povstat.hh_class, 'at the line, 3 deprivations: poor');
SELECT is(povstat.classify(1500000::numeric, 'rural', '{1,2}', 'VN-2022-2025'), 'near_poor'::povstat.hh_class, 'at the line, 2 deprivations: near-poor');
SELECT is(povstat.classify(1500001::numeric, 'rural', '{1,2,3}', 'VN-2022-2025'), 'average'::povstat.hh_class, 'one đồng above: average');
SELECT is(povstat.classify(1500001::float8, 'urban', '{1,2,3}', 'VN-2022-2025'), 'poor'::povstat.hh_class, 'urban line 2,000,000: poor');
-- 2016-2020 OR band: 700,001..1,000,000 rural is poor with 3 deprivations
SELECT is(povstat.classify(700001::numeric, 'rural', '{1,2,3}', 'VN-2016-2020'), 'poor'::povstat.hh_class, 'OR band with 3: poor');
SELECT is(povstat.classify(700001::numeric, 'rural', '{1,2}', 'VN-2016-2020'), 'near_poor'::povstat.hh_class, 'OR band with 2: near-poor');
SELECT is(povstat.classify(700000::numeric, 'rural', '{}', 'VN-2016-2020'), 'poor'::povstat.hh_class, 'at the poverty line: poor');
SELECT is(povstat.classify(2200001::numeric, 'rural', '{1,2,3}', DATE '2028-01-01'), 'better_off'::povstat.hh_class,
          '2027-2030: no average band, above the line is better_off');
SELECT is(povstat.classify(1000000::numeric, 'rural', '{1,2}', DATE '2021-06-30'), 'near_poor'::povstat.hh_class,
          '2021 uses the 2016-2020 standard');

SELECT throws_ok($$SELECT povstat.classify(1::numeric, 'rural', '{}', 'nope')$$, '42704', NULL, 'unknown standard: 42704');
SELECT throws_ok($$SELECT povstat.classify(1::numeric, 'rural', '{}', DATE '2010-01-01')$$, '22023', NULL, 'date no standard covers: 22023');
SELECT throws_ok($$SELECT povstat.classify(-1::numeric, 'rural', '{}', 'VN-2022-2025')$$, '22023', NULL, 'negative income: 22023');
SELECT throws_ok($$SELECT povstat.classify('Infinity'::float8, 'rural', '{}', 'VN-2022-2025')$$, '22023', NULL, 'infinite income: 22023');
SELECT throws_ok($$SELECT povstat.classify(1::numeric, 'rural', '{12}', 'VN-2016-2020')$$, '22023', NULL, 'position beyond the standard: 22023');
SELECT throws_ok($$SELECT povstat.monthly_income_per_capita(1, 0)$$, '22023', NULL, 'members 0: 22023');
SELECT throws_ok($$INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
                     rural_near_poor_line, urban_near_poor_line, valid_from)
                   VALUES ('x', 'VN', 'and', 1, 1, 1, 1, '2020-01-01')$$, '23P01', NULL,
                 'overlapping national standard: 23P01');
SELECT throws_ok($$UPDATE povstat.standard SET note = 'x' WHERE name = 'VN-2022-2025'$$, '23514', NULL,
                 'built-in standard is read-only: 23514');

SELECT * FROM finish();
ROLLBACK;
