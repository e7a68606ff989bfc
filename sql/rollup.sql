-- Rollups: a materialized per-commune summary of mergeable states, merged
-- up to district and province without rescanning households, equals direct
-- computation over the households.
SET extra_float_digits = 0;
-- pg_regress feeds the file to psql on stdin from the top of the source
-- tree, so paths are relative to it (\ir would resolve against the same).
\set ECHO none
\set QUIET on
\i data/tan_hung/generate.sql
\i data/tan_hung/rollup.sql
\set QUIET off
\set ECHO all

SELECT review, count(*) AS communes, sum(households) AS households
  FROM tan_hung.commune_summary GROUP BY review ORDER BY review;

-- District and province rows of the rollup (Long An has one district here,
-- so the province equals the district): 630/837 of 13435 and 483/811 of
-- 13580, as published.
SELECT review, level, unit_id, name, households, poor, near_poor,
       round(poor_pct::numeric, 2) AS poor_pct, round(near_poor_pct::numeric, 2) AS near_poor_pct
  FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')
 WHERE level <> 'commune';

-- Rollup = direct computation, unit by unit (communes and district),
-- including the merged FGT states (poverty gap and severity, tolerance 1e-12).
WITH r AS (SELECT * FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')),
d AS (SELECT 2022 AS review, * FROM povstat.report_poverty('tan_hung.register_2022')
      UNION ALL SELECT 2023, * FROM povstat.report_poverty('tan_hung.register_2023'))
SELECT r.review, r.level, count(*) AS units,
       bool_and(r.households = d.households AND r.poor = d.poor AND r.near_poor = d.near_poor
                AND r.average = d.average AND r.better_off = d.better_off
                AND r.poor_social_protection = d.poor_social_protection) AS counts_equal,
       bool_and(abs(r.poverty_gap - d.poverty_gap) < 1e-12
                AND abs(r.poverty_severity - d.poverty_severity) < 1e-12) AS fgt_equal,
       -- merged class profiles and poor-household sets give the same poor counts
       bool_and(abs(r.poor_rate_profile * r.households - d.poor) < 1e-9
                AND r.poor_households_distinct = d.poor) AS profile_and_set_equal
  FROM r JOIN d ON d.review = r.review
               AND (d.commune_id = r.unit_id OR (d.commune_id IS NULL AND r.level = 'district'))
 GROUP BY r.review, r.level ORDER BY r.review, r.level;

-- The merged FGT state against plain SQL over the households (rural line
-- 1.5M, urban 2M): FGT1 = sum over poor of (1 - y/z) / N.
WITH s AS (SELECT povstat.merge(income_fgt) AS st FROM tan_hung.commune_summary WHERE review = 2023),
q AS (SELECT sum(1 - income::float8 / z) FILTER (WHERE income <= z) / count(*) AS fgt1
        FROM tan_hung.register_2023
        CROSS JOIN LATERAL (SELECT CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END::float8 AS z) l)
SELECT abs(povstat.poverty_gap(s.st) - q.fgt1) < 1e-12 AS fgt1_equal, povstat.population(s.st) AS population
  FROM s, q;

-- A change in the register shows after a refresh, and only then.
UPDATE tan_hung.register_2023 SET income = 1000000, d01 = true, d02 = true, d03 = true
 WHERE household_id = (SELECT min(household_id) FROM tan_hung.register_2023
                        WHERE area = 'rural' AND income > 2250000);
SELECT poor FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')
 WHERE review = 2023 AND level = 'district';
REFRESH MATERIALIZED VIEW CONCURRENTLY tan_hung.commune_summary;
SELECT poor FROM povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units')
 WHERE review = 2023 AND level = 'district';

-- Bad input: a summary missing the expected columns.
\set VERBOSITY terse
CREATE TEMP TABLE bad_summary (review int, commune_id int);
SELECT * FROM povstat.report_rollup('bad_summary', 'tan_hung.admin_units');
\set VERBOSITY default
