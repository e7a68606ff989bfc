-- Sample run of povstat on a small generated register; replaced by the
-- reference district once data/tan_hung is in place.
\pset footer off
CREATE EXTENSION povstat;
CREATE TABLE register AS
  SELECT i AS household_id, 1 + i % 5 AS commune,
         CASE WHEN i % 4 = 0 THEN 'urban' ELSE 'rural' END::povstat.area AS area,
         round(exp(14.6 + 0.55 * sin(i * 12.9898) + 0.4 * cos(i * 78.233)))::float8 AS income
    FROM generate_series(1, 20000) i;
SELECT commune,
       count(*) AS households,
       to_char(100 * povstat.headcount_ratio(income, CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END), 'FM990.00') AS "poor %",
       round(povstat.poverty_gap(income, CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END)::numeric, 4) AS "FGT1",
       round(povstat.poverty_severity(income, CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END)::numeric, 4) AS "FGT2",
       round(povstat.watts(income, CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END)::numeric, 4) AS "Watts"
  FROM register GROUP BY ROLLUP (commune) ORDER BY commune NULLS LAST;
