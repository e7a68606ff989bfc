-- Reference district (doc/reference-district.md): generate the Tân Hưng
-- data, compute every figure of data/tan_hung/figures.csv with the report
-- functions and compare them one by one (ok / MISMATCH per figure id).
-- Expected values are the published figures themselves.
SET extra_float_digits = 0;

-- Totals of registered households consistent with the four published rates
-- (rounding half away from zero): 13425..13445 (2022), 13574..13586 (2023).
WITH n AS (SELECT generate_series(10000, 20000) AS n)
SELECT 2022 AS review, min(n), max(n), count(*) FROM n
 WHERE round(630 * 100.0 / n, 2) = 4.69 AND round(837 * 100.0 / n, 2) = 6.23
UNION ALL
SELECT 2023, min(n), max(n), count(*) FROM n
 WHERE round(483 * 100.0 / n, 2) = 3.56 AND round(811 * 100.0 / n, 2) = 5.97;

-- pg_regress feeds the file to psql on stdin from the top of the source
-- tree, so paths are relative to it (\ir would resolve against the same).
\set ECHO none
\set QUIET on
\i data/tan_hung/generate.sql
\set QUIET off
\set ECHO all

-- The registers hold the chosen totals, inside the ranges above.
SELECT (SELECT count(*) FROM tan_hung.register_2022) AS n2022,
       (SELECT count(*) FROM tan_hung.register_2023) AS n2023;

-- Class counts by a plain-SQL CASE of the VN-2022-2025 rule (independent
-- of povstat.classify): 630 / 837 (2022), 483 / 811 (2023).
SELECT review,
       count(*) FILTER (WHERE income <= line AND nd >= 3) AS poor,
       count(*) FILTER (WHERE income <= line AND nd < 3) AS near_poor,
       count(*) FILTER (WHERE income > line AND income <= 1.5 * line) AS average,
       count(*) FILTER (WHERE income > 1.5 * line) AS better_off
  FROM (SELECT 2022 AS review, * FROM tan_hung.register_2022 UNION ALL
        SELECT 2023, * FROM tan_hung.register_2023) r
  CROSS JOIN LATERAL (SELECT CASE r.area WHEN 'urban' THEN 2000000 ELSE 1500000 END::numeric AS line,
                             d01::int + d02::int + d03::int + d04::int + d05::int + d06::int +
                             d07::int + d08::int + d09::int + d10::int + d11::int + d12::int AS nd) x
 GROUP BY review ORDER BY review;

-- povstat.classify agrees with the plain-SQL rule on every household, and
-- the boundary cases are present (at the line; one đồng above with >= 3
-- deprivations; exactly 2 and 3 deprivations at the line).
SELECT count(*) FILTER (WHERE c.cls::text <> CASE WHEN c.income <= l.line AND povstat.deprivation_count(c.deprivations) >= 3 THEN 'poor'
                                                  WHEN c.income <= l.line THEN 'near_poor'
                                                  WHEN c.income <= 1.5 * l.line THEN 'average'
                                                  ELSE 'better_off' END) AS disagreements,
       count(*) FILTER (WHERE c.income = l.line AND povstat.deprivation_count(c.deprivations) = 3) AS at_line_3,
       count(*) FILTER (WHERE c.income = l.line AND povstat.deprivation_count(c.deprivations) = 2) AS at_line_2,
       count(*) FILTER (WHERE c.income = l.line + 1 AND povstat.deprivation_count(c.deprivations) >= 3) AS above_by_1_deprived,
       count(*) FILTER (WHERE c.income = 1.5 * l.line + 1) AS above_average_by_1
  FROM povstat.report_classified('tan_hung.register_2022') c
  CROSS JOIN LATERAL (SELECT CASE c.area WHEN 'urban' THEN 2000000 ELSE 1500000 END::numeric AS line) l;

\set ECHO none
\set QUIET on
\i data/tan_hung/report.sql
CREATE TEMP TABLE figures (id text PRIMARY KEY, period text, topic text, measure text,
                           value numeric, unit text, as_published text, note text);
\copy figures FROM 'data/tan_hung/figures.csv' WITH (FORMAT csv, HEADER true)
\set QUIET off
\set ECHO all

-- Every figure, one by one.  A published value with k decimals is compared
-- with the computed value rounded half away from zero to k decimals;
-- "trên X" (over X) figures are lower bounds.
SELECT f.id,
       CASE WHEN c.value IS NULL THEN 'MISSING'
            WHEN f.unit LIKE '%(lower bound)' AND c.value > f.value THEN 'ok'
            WHEN f.unit NOT LIKE '%(lower bound)' AND round(c.value, scale(f.value)) = f.value THEN 'ok'
            ELSE 'MISMATCH' END AS check,
       f.as_published,
       CASE WHEN f.unit LIKE '%(lower bound)' THEN c.value ELSE round(c.value, scale(f.value)) END AS computed
  FROM figures f LEFT JOIN tan_hung.computed_figures c USING (id)
 ORDER BY f.id;

SELECT count(*) AS figures,
       count(*) FILTER (WHERE c.value IS NOT NULL
                          AND CASE WHEN f.unit LIKE '%(lower bound)' THEN c.value > f.value
                                   ELSE round(c.value, scale(f.value)) = f.value END) AS ok
  FROM figures f LEFT JOIN tan_hung.computed_figures c USING (id);

-- Poverty by commune: communes add up to the district row.
SELECT commune_id, households, poor, near_poor, round(poor_pct::numeric, 2) AS poor_pct,
       round(near_poor_pct::numeric, 2) AS near_poor_pct, poor_social_protection
  FROM povstat.report_poverty('tan_hung.register_2023');

-- Transitions 2022 -> 2023 (district row); expected from the generator's
-- table in doc/reference-district.md: start 630, remained 380, exited 240
-- (140 to near-poor, 100 above), left 10, newly 90 (40 from near-poor, 50
-- from above), re-poor 8, entered 5; end 483 = 630 - 240 - 10 + 90 + 8 + 5;
-- exit rate 240/630 = 0.380952.
-- Near-poor: start 837, remained 560, to poor 40, above 222, left 15,
-- end 811.  Households: 13435 start, 13580 end, 230 entered, 85 left.
SELECT households_start, households_end, households_entered, households_left,
       poor_start, poor_remained, poor_exited, poor_exited_to_near_poor, poor_exited_above_near_poor,
       poor_left, poor_newly, poor_returned, poor_entered, poor_end,
       round(poor_exit_rate::numeric, 6) AS poor_exit_rate
  FROM povstat.report_transitions('tan_hung.register_2022', 'tan_hung.register_2023')
 WHERE commune_id IS NULL;
SELECT near_poor_start, near_poor_remained, near_poor_exited_to_poor, near_poor_exited_above,
       near_poor_left, near_poor_end
  FROM povstat.report_transitions('tan_hung.register_2022', 'tan_hung.register_2023')
 WHERE commune_id IS NULL;

-- Target (T01): 630 - 70 social-protection = 560 at the start, 483 - 65 =
-- 418 now; reduced 142 = 25.36%; target 280 (50% of 560); 138 to go.
SELECT * FROM povstat.report_target('tan_hung.register_2022', 'tan_hung.register_2023', 50);

-- Support programmes (per beneficiary: 500.000; 423.665.000 / 706 ...).
SELECT programme, payments, beneficiaries, total, round(per_beneficiary) AS per_beneficiary
  FROM povstat.report_support('tan_hung.payments');

-- Coverage.
SELECT indicator, population, reached, round(coverage_pct::numeric, 2) AS coverage_pct
  FROM povstat.report_coverage('tan_hung.coverage_records');

-- Bad input: a table that does not follow the register convention; an
-- unknown language; an unknown standard.
\set VERBOSITY terse
CREATE TEMP TABLE not_a_register (x int);
SELECT * FROM povstat.report_poverty('not_a_register');
SELECT povstat.report_district_text('tan_hung.computed_figures', 'fr');
SELECT * FROM povstat.report_poverty('tan_hung.register_2023', 'VN-1999');
\set VERBOSITY default

-- The report as text.
\pset format unaligned
\pset tuples_only on
SELECT povstat.report_district_text('tan_hung.computed_figures', 'vi', 'huyện Tân Hưng, tỉnh Long An', '2022 - 9 tháng 2023');
SELECT povstat.report_district_text('tan_hung.computed_figures', 'en', 'Tân Hưng district, Long An province', '2022 - September 2023');
\pset format aligned
\pset tuples_only off

-- Credit by programme as of 2023-09-30 (C01..C06, million VND) and the total
-- reconciled with the stated 98.623 triệu đồng (C00).  Events after the
-- report date are in the ledger: a later date gives other balances.
SELECT coalesce(programme, 'TOTAL') AS programme, round(outstanding / 1000000, 3) AS million_vnd,
       round(share_pct::numeric, 2) AS share_pct, round(stated / 1000000, 3) AS stated_million, reconciled
  FROM povstat.report_credit('tan_hung.loan_events', '2023-09-30', 98623, 1000000);
SELECT outstanding / 1000000 <> 98623 AS differs_later, reconciled
  FROM povstat.report_credit('tan_hung.loan_events', '2024-06-30', 98623, 1000000)
 WHERE programme IS NULL;
