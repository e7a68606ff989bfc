-- pgTAP: report functions over a tiny register computed by hand.
--
-- Register (VN-2022-2025; rural line 1.500.000, urban 2.000.000):
--   hh 1 commune 1 rural 1.500.000, 3 deprivations -> poor (at the line)
--   hh 2 commune 1 rural 1.500.000, 2 deprivations -> near_poor
--   hh 3 commune 1 rural 1.500.001, 5 deprivations -> average (one đồng above)
--   hh 4 commune 2 rural 2.250.001, 0              -> better_off
--   hh 5 commune 2 urban 1.000.000, 3, social protection -> poor
-- District: 5 households, 2 poor (40%), 1 near-poor (20%), 1 social-protection poor.
-- FGT1 against the lines: hh 1 and 2 gap 0, hh 5 gap 1 - 1/2 = 0.5 -> 0.5 / 5 = 0.1.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(12);

CREATE TEMP TABLE reg (household_id bigint, commune_id int, area povstat.area, members int, income numeric,
                       d01 boolean, d02 boolean, d03 boolean, d04 boolean, d05 boolean, d06 boolean,
                       d07 boolean, d08 boolean, d09 boolean, d10 boolean, d11 boolean, d12 boolean,
                       social_protection boolean, free_migrant boolean, exited_before boolean);
INSERT INTO reg VALUES
  (1, 1, 'rural', 4, 1500000, true, true, true, false, false, false, false, false, false, false, false, false, false, false, false),
  (2, 1, 'rural', 3, 1500000, true, true, false, false, false, false, false, false, false, false, false, false, false, false, false),
  (3, 1, 'rural', 2, 1500001, true, true, true, true, true, false, false, false, false, false, false, false, false, false, false),
  (4, 2, 'rural', 5, 2250001, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false),
  (5, 2, 'urban', 1, 1000000, false, false, false, false, false, false, false, false, false, true, true, true, true, false, false);

SELECT results_eq(
  $$SELECT household_id, cls::text FROM povstat.report_classified('reg') ORDER BY household_id$$,
  $$VALUES (1::bigint, 'poor'), (2, 'near_poor'), (3, 'average'), (4, 'better_off'), (5, 'poor')$$,
  'report_classified: classes at and one đồng above the line');
SELECT results_eq(
  $$SELECT commune_id, households, poor, near_poor, average, better_off, poor_social_protection
      FROM povstat.report_poverty('reg')$$,
  $$VALUES (1, 3::bigint, 1::bigint, 1::bigint, 1::bigint, 0::bigint, 0::bigint),
           (2, 2, 1, 0, 0, 1, 1),
           (NULL, 5, 2, 1, 1, 1, 1)$$,
  'report_poverty: communes and district row');
SELECT is((SELECT poor_pct FROM povstat.report_poverty('reg') WHERE commune_id IS NULL), 40::float8,
          'district poor rate 2/5 = 40%');
SELECT ok((SELECT abs(poverty_gap - 0.1) < 1e-12 FROM povstat.report_poverty('reg') WHERE commune_id IS NULL),
          'district FGT1 = 0.5 / 5 = 0.1');
SELECT is((SELECT rural_line FROM povstat.report_lines('VN-2022-2025')), 1500000::numeric, 'rural line');
SELECT throws_ok($$SELECT * FROM povstat.report_lines('VN-1999')$$, '42704', NULL, 'unknown standard: 42704');

CREATE TEMP TABLE not_reg (household_id bigint);
SELECT throws_ok($$SELECT * FROM povstat.report_poverty('not_reg')$$, '42703', NULL,
                 'a table without the register columns: 42703');

-- Rollup of stored states equals direct computation.
CREATE TEMP TABLE units (unit_id int, parent_id int, level text, name text);
INSERT INTO units VALUES (100, NULL, 'province', 'P'), (10, 100, 'district', 'D'),
                         (1, 10, 'commune', 'C1'), (2, 10, 'commune', 'C2');
CREATE TEMP TABLE summary AS SELECT 2022 AS review, s.* FROM povstat.report_commune_states('reg') s;
SELECT results_eq(
  $$SELECT level, unit_id, households, poor, near_poor FROM povstat.report_rollup('summary', 'units')$$,
  $$VALUES ('province', 100, 5::bigint, 2::bigint, 1::bigint), ('district', 10, 5, 2, 1),
           ('commune', 1, 3, 1, 1), ('commune', 2, 2, 1, 0)$$,
  'report_rollup: communes merged to district and province');
SELECT ok((SELECT abs(r.poverty_gap - p.poverty_gap) < 1e-12
             FROM povstat.report_rollup('summary', 'units') r, povstat.report_poverty('reg') p
            WHERE r.level = 'district' AND p.commune_id IS NULL),
          'merged FGT state = direct FGT1');

SELECT throws_ok($$SELECT povstat.report_district_text('summary', 'de')$$, '22023', NULL,
                 'unknown report language: 22023');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'povstat'::regnamespace
             AND p.proname LIKE 'report\_%' AND obj_description(p.oid, 'pg_proc') IS NULL),
          0::bigint, 'every report function has a comment');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'povstat'::regnamespace
             AND p.proname LIKE 'report\_%' AND (p.prosecdef OR p.proconfig IS NULL)),
          0::bigint, 'report functions: no SECURITY DEFINER, search_path pinned');

SELECT * FROM finish();
ROLLBACK;
