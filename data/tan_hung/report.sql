-- Tân Hưng: the report's figures computed from the generated data by
-- povstat's report functions (run after generate.sql).
--
--   tan_hung.coverage_records   target populations of the coverage figures
--   tan_hung.computed_figures   (id, value) for every id of figures.csv, in
--                               the CSV's units; input of
--                               povstat.report_district_text

CREATE VIEW tan_hung.coverage_records AS
  -- S01: pupils of poor and near-poor households (2023 review)
  SELECT 'S01'::text AS indicator, p.tuition_exempt AS reached
    FROM tan_hung.pupils p
    JOIN povstat.report_classified('tan_hung.register_2023') c USING (household_id)
   WHERE c.cls <= 'near_poor'
  UNION ALL
  -- S02: poor, near-poor and free-migrant households (2023) with cards
  SELECT 'S02', h.household_id IS NOT NULL
    FROM povstat.report_classified('tan_hung.register_2023') c
    LEFT JOIN tan_hung.health_insurance h USING (household_id)
   WHERE c.cls <= 'near_poor' OR c.free_migrant
  UNION ALL
  -- C07: households with a need and the conditions to borrow
  SELECT 'C07', d.reached
    FROM tan_hung.credit_demand d
   WHERE d.has_need AND d.can_borrow;

CREATE VIEW tan_hung.computed_figures AS
WITH
pov22 AS (SELECT * FROM povstat.report_poverty('tan_hung.register_2022') WHERE commune_id IS NULL),
pov23 AS (SELECT * FROM povstat.report_poverty('tan_hung.register_2023') WHERE commune_id IS NULL),
tgt AS (SELECT * FROM povstat.report_target('tan_hung.register_2022', 'tan_hung.register_2023', 50)),
sup AS (SELECT * FROM povstat.report_support('tan_hung.payments')),
cov AS (SELECT * FROM povstat.report_coverage('tan_hung.coverage_records')),
cred AS (SELECT * FROM povstat.report_credit('tan_hung.loan_events', '2023-09-30', 98623, 1000000)),
ovs AS (SELECT count(*) AS workers,
               povstat.programme_summary(household_id, loan_amount) AS s
          FROM tan_hung.overseas_workers),
lf AS (SELECT 100 * povstat.coverage(trained, persons::float8) AS trained_pct,
              100 * povstat.coverage(certified, persons::float8) AS certified_pct
         FROM tan_hung.labour_force),
cls AS (SELECT extract(year FROM c.opened_on)::int AS year, count(DISTINCT c.class_id) AS classes,
               count(t.trainee_id) AS trainees
          FROM tan_hung.training_classes c LEFT JOIN tan_hung.trainees t USING (class_id)
         GROUP BY 1)
SELECT id, value::numeric FROM (
            SELECT 'P01' AS id, poor::numeric AS value FROM pov22
  UNION ALL SELECT 'P02', poor_pct::numeric FROM pov22
  UNION ALL SELECT 'P03', near_poor FROM pov22
  UNION ALL SELECT 'P04', near_poor_pct::numeric FROM pov22
  UNION ALL SELECT 'P05', poor FROM pov23
  UNION ALL SELECT 'P06', poor_pct::numeric FROM pov23
  UNION ALL SELECT 'P07', near_poor FROM pov23
  UNION ALL SELECT 'P08', near_poor_pct::numeric FROM pov23
  UNION ALL SELECT 'T01', target_pct FROM tgt
  UNION ALL SELECT 'E01', count(*) FROM tan_hung.job_placements WHERE confirmed_on BETWEEN '2022-01-01' AND '2023-09-30'
  UNION ALL SELECT 'E02', povstat.achievement_pct(
                            (SELECT count(*) FROM tan_hung.job_placements WHERE confirmed_on BETWEEN '2022-01-01' AND '2023-09-30'),
                            (SELECT sum(planned) FROM tan_hung.employment_plan))
  UNION ALL SELECT 'E03', workers FROM ovs
  UNION ALL SELECT 'E04', (s).beneficiaries FROM ovs
  UNION ALL SELECT 'E05', (s).total / 1e6 FROM ovs
  UNION ALL SELECT 'C00', outstanding / 1e6 FROM cred WHERE programme IS NULL AND reconciled
  UNION ALL SELECT 'C01', outstanding / 1e6 FROM cred WHERE programme = 'poor'
  UNION ALL SELECT 'C02', outstanding / 1e6 FROM cred WHERE programme = 'near_poor'
  UNION ALL SELECT 'C03', outstanding / 1e6 FROM cred WHERE programme = 'newly_out_of_poverty'
  UNION ALL SELECT 'C04', outstanding / 1e6 FROM cred WHERE programme = 'students'
  UNION ALL SELECT 'C05', outstanding / 1e6 FROM cred WHERE programme = 'clean_water_sanitation'
  UNION ALL SELECT 'C06', outstanding / 1e6 FROM cred WHERE programme = 'job_creation'
  UNION ALL SELECT 'C07', coverage_pct::numeric FROM cov WHERE indicator = 'C07'
  UNION ALL SELECT 'S01', coverage_pct::numeric FROM cov WHERE indicator = 'S01'
  UNION ALL SELECT 'S02', coverage_pct::numeric FROM cov WHERE indicator = 'S02'
  UNION ALL SELECT 'V01', classes FROM cls WHERE year = 2022
  UNION ALL SELECT 'V02', trainees FROM cls WHERE year = 2022
  UNION ALL SELECT 'V03', trained_pct::numeric FROM lf
  UNION ALL SELECT 'V04', certified_pct::numeric FROM lf
  UNION ALL SELECT 'V05', classes FROM cls WHERE year = 2023
  UNION ALL SELECT 'V06', trainees FROM cls WHERE year = 2023
  UNION ALL SELECT 'A01', beneficiaries FROM sup WHERE programme = 'tet_poor'
  UNION ALL SELECT 'A02', total FROM sup WHERE programme = 'tet_poor'
  UNION ALL SELECT 'A03', beneficiaries FROM sup WHERE programme = 'tet_migrant'
  UNION ALL SELECT 'A04', total FROM sup WHERE programme = 'tet_migrant'
  UNION ALL SELECT 'A05', total FROM sup WHERE programme = 'electricity'
  UNION ALL SELECT 'A06', beneficiaries FROM sup WHERE programme = 'hardship'
  UNION ALL SELECT 'A07', total FROM sup WHERE programme = 'hardship'
  UNION ALL SELECT 'A08', sum(parts) FROM tan_hung.gift_distributions
  UNION ALL SELECT 'A09', sum(value) FROM tan_hung.gift_distributions
  UNION ALL SELECT 'A10', sum(amount) FROM tan_hung.fund_contributions
  UNION ALL SELECT 'H01', beneficiaries FROM sup WHERE programme = 'housing'
  UNION ALL SELECT 'H02', total / 1e6 FROM sup WHERE programme = 'housing'
  UNION ALL SELECT 'M01', count(*) FROM tan_hung.free_medical
) f;
COMMENT ON VIEW tan_hung.computed_figures IS
  'Every figure id of data/tan_hung/figures.csv computed from the generated data by povstat''s report functions, in the CSV''s units.';
