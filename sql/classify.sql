-- Household classification under the registered standards.  Expected
-- classes are written by hand from the rules (doc/classification.md,
-- vn_standards.md §1.3, §2.3, §3) or computed by a plain-SQL CASE of the
-- same definition.
\set ECHO all
\set SHOW_CONTEXT never
SET search_path = public, povstat;

-- Built-in standards.
SELECT name, jurisdiction, valid_from, valid_to, rule_kind,
       rural_poverty_line, rural_near_poor_line, rural_average_upper,
       urban_poverty_line, urban_near_poor_line, urban_average_upper,
       deprivation_cutoff, n_indicators, builtin
  FROM povstat.standard ORDER BY valid_from;
SELECT standard, count(*) AS indicators, min(position), max(position)
  FROM povstat.standard_indicator GROUP BY standard ORDER BY standard;
SELECT position, code, name_vi, name_en, dimension
  FROM povstat.standard_indicator WHERE standard = 'VN-2022-2025' ORDER BY position;

-- Labels.
SELECT c, povstat.label(c) AS vi, povstat.label(c, 'en') AS en
  FROM unnest(enum_range(NULL::povstat.hh_class)) c;
SELECT povstat.label('poor', 'fr');
SELECT povstat.label(NULL, 'vi') IS NULL AS null_label;

-- Boundaries, by hand.  Each row: standard, area, income (VND per person
-- per month), deprivation count, expected class.  The deprivation sets are
-- {1}, {1,2}, {1,2,3}, ... (n first positions).
CREATE TABLE boundary (standard text, area povstat.area, income numeric, ndep int, expected povstat.hh_class);
INSERT INTO boundary VALUES
  -- 2022-2025, rural line 1,500,000 (AND rule), average band up to 2,250,000
  ('VN-2022-2025', 'rural', 1500000, 3, 'poor'),        -- at the line, 3 deprivations
  ('VN-2022-2025', 'rural', 1500000, 2, 'near_poor'),   -- at the line, 2
  ('VN-2022-2025', 'rural', 1500001, 3, 'average'),     -- one đồng above: never poor under AND
  ('VN-2022-2025', 'rural', 1500001, 12, 'average'),
  ('VN-2022-2025', 'rural', 0, 0, 'near_poor'),
  ('VN-2022-2025', 'rural', 0, 3, 'poor'),
  ('VN-2022-2025', 'rural', 2250000, 0, 'average'),     -- top of the band
  ('VN-2022-2025', 'rural', 2250001, 0, 'better_off'),
  -- 2022-2025, urban line 2,000,000, band up to 3,000,000
  ('VN-2022-2025', 'urban', 1500001, 3, 'poor'),        -- rural average, urban poor
  ('VN-2022-2025', 'urban', 2000000, 3, 'poor'),
  ('VN-2022-2025', 'urban', 2000000, 2, 'near_poor'),
  ('VN-2022-2025', 'urban', 2000001, 3, 'average'),
  ('VN-2022-2025', 'urban', 3000000, 0, 'average'),
  ('VN-2022-2025', 'urban', 3000001, 0, 'better_off'),
  -- 2016-2020, rural: poverty 700,000, near-poor 1,000,000 (OR band), average to 1,500,000
  ('VN-2016-2020', 'rural', 700000, 0, 'poor'),         -- at the poverty line: poor whatever D
  ('VN-2016-2020', 'rural', 700001, 2, 'near_poor'),    -- in the band, 2 deprivations
  ('VN-2016-2020', 'rural', 700001, 3, 'poor'),         -- in the band, 3 deprivations
  ('VN-2016-2020', 'rural', 1000000, 3, 'poor'),        -- top of the band
  ('VN-2016-2020', 'rural', 1000000, 2, 'near_poor'),
  ('VN-2016-2020', 'rural', 1000001, 3, 'average'),     -- above the band: not poor even with 3
  ('VN-2016-2020', 'rural', 1500000, 10, 'average'),
  ('VN-2016-2020', 'rural', 1500001, 0, 'better_off'),
  -- 2016-2020, urban: 900,000 / 1,300,000 / 1,950,000
  ('VN-2016-2020', 'urban', 700001, 0, 'poor'),         -- rural near-poor band, urban poor
  ('VN-2016-2020', 'urban', 900000, 0, 'poor'),
  ('VN-2016-2020', 'urban', 900001, 2, 'near_poor'),
  ('VN-2016-2020', 'urban', 900001, 3, 'poor'),
  ('VN-2016-2020', 'urban', 1300000, 3, 'poor'),
  ('VN-2016-2020', 'urban', 1300000, 2, 'near_poor'),
  ('VN-2016-2020', 'urban', 1300001, 3, 'average'),
  ('VN-2016-2020', 'urban', 1950000, 0, 'average'),
  ('VN-2016-2020', 'urban', 1950001, 0, 'better_off'),
  -- 2027-2030: 2,200,000 rural / 2,800,000 urban, no average band
  ('VN-2027-2030', 'rural', 2200000, 3, 'poor'),
  ('VN-2027-2030', 'rural', 2200000, 2, 'near_poor'),
  ('VN-2027-2030', 'rural', 2200001, 3, 'better_off'),
  ('VN-2027-2030', 'urban', 2200001, 3, 'poor'),
  ('VN-2027-2030', 'urban', 2800000, 3, 'poor'),
  ('VN-2027-2030', 'urban', 2800000, 2, 'near_poor'),
  ('VN-2027-2030', 'urban', 2800001, 0, 'better_off');
SELECT standard, area, income, ndep, expected,
       povstat.classify(income, area, d, standard) AS numeric_income,
       povstat.classify(income::float8, area, d, standard) AS float8_income
  FROM boundary,
       LATERAL (SELECT povstat.deprivations(COALESCE(array_agg(p), '{}')) AS d FROM generate_series(1, ndep) p) x
 ORDER BY standard, area, income, ndep;
SELECT count(*) AS wrong
  FROM boundary, LATERAL (SELECT povstat.deprivations(COALESCE(array_agg(p), '{}')) AS d FROM generate_series(1, ndep) p) x
 WHERE povstat.classify(income, area, d, standard) IS DISTINCT FROM expected
    OR povstat.classify(income::float8, area, d, standard) IS DISTINCT FROM expected;

-- Numeric incomes compare exactly: a fraction of a đồng above the line is above it.
SELECT povstat.classify(1500000.000000000000000001, 'rural', '{1,2,3}', 'VN-2022-2025') AS just_above,
       povstat.classify(1499999.999999999999999999, 'rural', '{1,2,3}', 'VN-2022-2025') AS just_below;

-- By date: the national standard in force that day.
SELECT d AS on_date, povstat.standard_in_force(d) AS standard,
       povstat.classify(1000000::numeric, 'rural', '{1,2,3}', d) AS numeric_income,
       povstat.classify(1000000::float8, 'rural', '{1,2,3}', d) AS float8_income
  FROM unnest('{2016-01-01,2021-12-31,2022-01-01,2026-12-31,2027-01-01,2030-12-31}'::date[]) d;
-- 1,000,000 rural with 3 deprivations: 2016-2020 poor (band, D >= 3);
-- 2022-2026 poor (<= 1.5M, D >= 3); 2027-2030 poor (<= 2.2M, D >= 3).
SELECT povstat.classify(1000000::numeric, 'rural', '{}', DATE '2015-12-31');
SELECT povstat.classify(1000000::float8, 'rural', '{}', DATE '2031-01-01');

-- Bad input.
SELECT povstat.classify(-1::numeric, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify(-0.5::float8, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify('NaN'::numeric, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify('Infinity'::numeric, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify('NaN'::float8, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify('-Infinity'::float8, 'rural', '{}', 'VN-2022-2025');
SELECT povstat.classify(1::numeric, 'rural', '{}', 'VN-2099');
SELECT povstat.classify(1::numeric, 'rural', '{13}', 'VN-2022-2025');   -- 12 indicators
SELECT povstat.classify(1::numeric, 'rural', '{11}', 'VN-2016-2020');   -- 10 indicators
SELECT povstat.classify(1::numeric, 'rural', '{32}', 'VN-2027-2030');   -- count unconfirmed: up to 32
SELECT povstat.classify(1::numeric, 'rural', '{1,2,x}', 'VN-2022-2025');
-- NULL arguments give NULL.
SELECT povstat.classify(NULL::numeric, 'rural', '{}', 'VN-2022-2025') IS NULL AS a,
       povstat.classify(1::numeric, NULL, '{}', 'VN-2022-2025') IS NULL AS b,
       povstat.classify(1::numeric, 'rural', NULL, 'VN-2022-2025') IS NULL AS c,
       povstat.classify(1::numeric, 'rural', '{}', NULL::text) IS NULL AS d,
       povstat.classify(1::float8, 'rural', '{}', NULL::date) IS NULL AS e,
       povstat.classify(1::numeric, 'rural', povstat.deprivations(true, NULL, true), 'VN-2022-2025') IS NULL AS unknown_flag;

-- Monthly income per capita = annual / 12 / members.
-- 216,000,000 / 12 / 12 = 1,500,000 exactly; 100 / 84 = 1.19047619047619047...
SELECT povstat.monthly_income_per_capita(216000000, 12) AS exact,
       povstat.monthly_income_per_capita(216000000, 12) = 1500000 AS at_line,
       round(povstat.monthly_income_per_capita(100, 7), 10) AS rounded,
       povstat.monthly_income_per_capita(0, 3) AS zero;
SELECT povstat.monthly_income_per_capita(1000, 0);
SELECT povstat.monthly_income_per_capita(1000, -2);
SELECT povstat.monthly_income_per_capita(-1000, 2);
SELECT povstat.monthly_income_per_capita('NaN', 2);
SELECT povstat.monthly_income_per_capita(NULL, 2) IS NULL AS null_income,
       povstat.monthly_income_per_capita(1, NULL) IS NULL AS null_members;

-- A user-registered standard: a province's higher local lines (illustrative
-- figures), jurisdiction VN-XX, in force 2022-2025.
INSERT INTO povstat.standard (name, jurisdiction, legal_basis, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators)
VALUES ('VN-XX-2022-2025', 'VN-XX', 'illustrative local standard', '2022-01-01', '2025-12-31', 'and',
        2000000, 2500000, 2000000, 2500000, 3000000, 3750000, 3, 12);
-- rural 1,800,000 with 3 deprivations: poor locally (<= 2.0M), average nationally (> 1.5M)
SELECT povstat.classify(1800000::numeric, 'rural', '{1,2,3}', 'VN-XX-2022-2025') AS local_,
       povstat.classify(1800000::numeric, 'rural', '{1,2,3}', 'VN-2022-2025') AS national,
       povstat.classify(2000001::numeric, 'rural', '{1,2,3}', 'VN-XX-2022-2025') AS local_above,
       povstat.classify(3750001::numeric, 'urban', '{}', 'VN-XX-2022-2025') AS local_top;
-- The date overloads keep using the national (VN) standards.
SELECT povstat.classify(1800000::numeric, 'rural', '{1,2,3}', DATE '2023-06-30') AS by_date;
SELECT povstat.standard_in_force('2023-06-30', 'VN-XX') AS local_in_force;
-- A research line with a non-integer value: numeric incomes compare exactly,
-- float8 incomes against the line cast to float8 (as income <= line does in SQL).
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, deprivation_cutoff)
VALUES ('research-0.1', 'research', 'and', 1000000.1, 1000000.1, 1000000.1, 1000000.1, 0);
SELECT povstat.classify(1000000.1::numeric, 'rural', '{}', 'research-0.1') AS num_at,
       povstat.classify(1000000.1000001::numeric, 'rural', '{}', 'research-0.1') AS num_above,
       povstat.classify(1000000.1::float8, 'rural', '{}', 'research-0.1') AS dbl_at,
       povstat.classify(1000000.1::float8 + 1e-9, 'rural', '{}', 'research-0.1') AS dbl_above;
-- Its indicators (user rows).
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
SELECT 'VN-XX-2022-2025', position, code, name_vi, name_en, dimension, dimension_vi
  FROM povstat.standard_indicator WHERE standard = 'VN-2022-2025';
SELECT count(*) FROM povstat.standard_indicator WHERE standard = 'VN-XX-2022-2025';

-- Registry constraints.
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line) VALUES ('bad-neg', 'T', 'and', -1, 1, 1, 1);
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line) VALUES ('bad-nan', 'T', 'and', 'NaN', 1, 'NaN', 1);
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line) VALUES ('bad-near', 'T', 'and', 10, 10, 9, 10);
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, valid_from, valid_to)
  VALUES ('bad-dates', 'T', 'and', 10, 10, 10, 10, '2020-01-01', '2019-12-31');
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line) VALUES ('bad-rule', 'T', 'or', 10, 10, 10, 10);
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, rural_average_upper, urban_average_upper)
  VALUES ('bad-band', 'T', 'and', 10, 10, 10, 10, 10, 20);
-- Overlap with VN-XX-2022-2025 (same jurisdiction, 2025-12-31 in both): refused.
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, valid_from, valid_to)
  VALUES ('VN-XX-overlap', 'VN-XX', 'and', 10, 10, 10, 10, '2025-12-31', '2030-12-31');
-- A second national standard overlapping VN-2022-2025: refused.
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, valid_from)
  VALUES ('VN-other', 'VN', 'and', 10, 10, 10, 10, '2024-01-01');
-- The day after: accepted (inclusive ranges do not touch).
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, valid_from, valid_to)
  VALUES ('VN-XX-2026', 'VN-XX', 'and', 10, 10, 10, 10, '2026-01-01', '2026-12-31');
-- Built-in rows are read-only; builtin = true cannot be inserted.
UPDATE povstat.standard SET rural_poverty_line = 1 WHERE name = 'VN-2022-2025';
DELETE FROM povstat.standard WHERE name = 'VN-2016-2020';
DELETE FROM povstat.standard_indicator WHERE standard = 'VN-2016-2020' AND position = 1;
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, builtin) VALUES ('fake', 'T', 'and', 10, 10, 10, 10, true);
-- Indicator positions stay within the standard's count.
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('VN-XX-2022-2025', 13, 'extra', 'x', 'x', 'x', 'x');
-- Users complete the unconfirmed 2027-2030 list (illustrative entry).
INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi)
  VALUES ('VN-2027-2030', 3, 'digital_services', 'Sử dụng dịch vụ số', 'use of digital services',
          'information', 'Thông tin');
SELECT standard, position, code, builtin FROM povstat.standard_indicator
 WHERE standard = 'VN-2027-2030' ORDER BY position;
DELETE FROM povstat.standard_indicator WHERE standard = 'VN-2027-2030' AND NOT builtin;
DELETE FROM povstat.standard WHERE name IN ('VN-XX-2026', 'research-0.1');

-- Generated register (20,000 households) against a plain-SQL CASE of the
-- rules, for every built-in and user standard, numeric and float8 incomes.
CREATE TABLE hh AS
  SELECT i AS id,
         CASE WHEN i % 3 = 0 THEN 'urban' ELSE 'rural' END::povstat.area AS area,
         round(exp(13.2 + 1.0 * sin(i * 1.7) + 0.4 * cos(i * 0.37)))::numeric AS income,
         povstat.deprivations(i % 2 = 0, i % 3 = 0, i % 5 = 0, i % 7 = 0, false, false,
                              i % 11 = 0, false, false, i % 13 = 0) AS d
    FROM generate_series(1, 20000) i;
-- add exact boundary incomes so the <= edge is exercised on many rows
UPDATE hh SET income = CASE WHEN id % 4 = 0 THEN 1500000 WHEN id % 4 = 1 THEN 700000
                            WHEN id % 4 = 2 THEN 2000000 ELSE 1300000 END
 WHERE id % 10 = 0;
CREATE FUNCTION by_formula(income numeric, area povstat.area, n int, s povstat.standard)
RETURNS povstat.hh_class LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN income <= p THEN CASE WHEN s.rule_kind = 'or_band' OR n >= s.deprivation_cutoff THEN 'poor' ELSE 'near_poor' END
    WHEN income <= np THEN CASE WHEN s.rule_kind = 'or_band' AND n >= s.deprivation_cutoff THEN 'poor' ELSE 'near_poor' END
    WHEN a IS NOT NULL AND income <= a THEN 'average'
    ELSE 'better_off' END::povstat.hh_class
  FROM (SELECT CASE area WHEN 'rural' THEN s.rural_poverty_line ELSE s.urban_poverty_line END AS p,
               CASE area WHEN 'rural' THEN s.rural_near_poor_line ELSE s.urban_near_poor_line END AS np,
               CASE area WHEN 'rural' THEN s.rural_average_upper ELSE s.urban_average_upper END AS a) l
$$;
SELECT s.name, count(*) AS households,
       count(*) FILTER (WHERE povstat.classify(h.income, h.area, h.d, s.name)
                              <> by_formula(h.income, h.area, povstat.deprivation_count(h.d), s)) AS numeric_wrong,
       count(*) FILTER (WHERE povstat.classify(h.income::float8, h.area, h.d, s.name)
                              <> by_formula(h.income, h.area, povstat.deprivation_count(h.d), s)) AS float8_wrong
  FROM hh h CROSS JOIN povstat.standard s
 GROUP BY s.name ORDER BY s.name;
-- Class counts under each national standard (rows interleave standards at one call site).
SELECT s.name, povstat.classify(h.income, h.area, h.d, s.name) AS class, count(*)
  FROM hh h CROSS JOIN povstat.standard s WHERE s.jurisdiction = 'VN'
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT s.name, by_formula(h.income, h.area, povstat.deprivation_count(h.d), s) AS class, count(*)
  FROM hh h CROSS JOIN povstat.standard s WHERE s.jurisdiction = 'VN'
 GROUP BY 1, 2 ORDER BY 1, 2;
-- More standards at one call site than the cache holds (8): still right.
INSERT INTO povstat.standard (name, jurisdiction, rule_kind, rural_poverty_line, urban_poverty_line,
    rural_near_poor_line, urban_near_poor_line, rural_average_upper, urban_average_upper)
  SELECT 'T' || k, 'T' || k, CASE WHEN k % 2 = 0 THEN 'and' ELSE 'or_band' END,
         500000 * k, 600000 * k, 700000 * k, 800000 * k, 900000 * k, 1000000 * k
    FROM generate_series(1, 9) k;
SELECT count(*) AS rows_, count(*) FILTER (WHERE povstat.classify(h.income, h.area, h.d, s.name)
                              <> by_formula(h.income, h.area, povstat.deprivation_count(h.d), s)) AS wrong
  FROM (SELECT * FROM hh WHERE id <= 500) h CROSS JOIN povstat.standard s;
-- By date on a per-row date column, against standard_in_force.
SELECT count(*) AS wrong FROM hh,
       LATERAL (SELECT DATE '2016-01-01' + (id * 37 % 5479) AS day) x
 WHERE povstat.classify(income, area, d, day)
       <> povstat.classify(income, area, d, povstat.standard_in_force(day));

-- Parallel plan gives the same classes as the serial one.
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
CREATE TEMP TABLE par AS
  SELECT povstat.classify(income, area, d, 'VN-2022-2025') AS c, count(*) FROM hh GROUP BY 1;
RESET force_parallel_mode; RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;
SELECT count(*) AS differences FROM (
  (SELECT * FROM par EXCEPT SELECT povstat.classify(income, area, d, 'VN-2022-2025'), count(*) FROM hh GROUP BY 1)
  UNION ALL
  (SELECT povstat.classify(income, area, d, 'VN-2022-2025'), count(*) FROM hh GROUP BY 1 EXCEPT SELECT * FROM par)) x;

-- A change to the registry is seen by the next command of the same
-- transaction, even by the same call site (plpgsql expression).
DO $$
DECLARE
  c povstat.hh_class;
BEGIN
  FOR i IN 1..2 LOOP
    c := povstat.classify(1600000::numeric, 'rural', '{1,2,3}'::povstat.deprivations, 'T3');
    RAISE NOTICE 'pass %: %', i, c;
    IF i = 1 THEN
      UPDATE povstat.standard SET rural_poverty_line = 1000000, rural_near_poor_line = 1000000 WHERE name = 'T3';
    END IF;
  END LOOP;
END $$;
-- T3 (or_band): first 1.5M / 2.1M / 2.7M: 1.6M is in the band with 3 deprivations: poor;
-- then lines 1.0M / 1.0M / 2.7M: 1.6M is average.

-- A literal standard is resolved once per call site; a PL/pgSQL variable is
-- a parameter whose value changes between evaluations of one expression,
-- so each evaluation must use its own standard (compared with a fresh
-- statement per standard).
DO $$
DECLARE
  std text;
  via_variable povstat.hh_class;
  via_literal povstat.hh_class;
BEGIN
  FOR std IN SELECT name FROM povstat.standard ORDER BY name LOOP
    via_variable := povstat.classify(1900000::numeric, 'rural', '{1,2,3}'::povstat.deprivations, std);
    EXECUTE format('SELECT povstat.classify(1900000::numeric, ''rural'', ''{1,2,3}''::povstat.deprivations, %L)', std)
      INTO via_literal;
    RAISE NOTICE '%: % (fresh statement: %)', std, via_variable, via_literal;
  END LOOP;
END $$;

DROP FUNCTION by_formula;
DROP TABLE hh, boundary;
DELETE FROM povstat.standard WHERE NOT builtin;
