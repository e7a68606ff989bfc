-- Report formatting.  Expected strings are the published figures
-- (../shared/reference/tan_hung_figures.csv, column as_published) or
-- written by hand.
SET search_path = povstat, public;

-- Published figures: 2.259 hồ sơ (E01), 4,69% (P02), 98.623 triệu đồng (C00),
-- 243.000.000 đồng (A02), 20.349 phần quà (A08), 59,1% (V03), 32,73% (V04).
SELECT format_number(2259, 0, 'vi') AS e01, format_percent(4.69, 2, 'vi') AS p02,
       format_money(98623000000, 'triệu đồng', 'vi') AS c00,
       format_money(243000000, 'đồng', 'vi') AS a02, format_number(20349, 0, 'vi') AS a08,
       format_percent(59.1, 1, 'vi') AS v03, format_percent(32.73, 2, 'vi') AS v04;
-- the same in English
SELECT format_number(2259, 0, 'en') AS e01, format_percent(4.69, 2, 'en') AS p02,
       format_money(98623000000, 'triệu đồng', 'en') AS c00,
       format_money(243000000, 'đồng', 'en') AS a02;
-- the rate behind P02 from counts: 630 of 13433 households is 4.68994...% -> 4,69%
SELECT format_percent(630 * 100.0 / 13433, 2, 'vi') AS rate_from_counts;
-- default language is Vietnamese; billions
SELECT format_number(98623, 0) AS default_vi, format_money(9000000000, 'tỷ đồng') AS a09,
       format_money(2110000000, 'tỷ đồng', 'vi', 2) AS h02_billions,
       format_money(407000000, 'trieu dong') AS ascii_unit;

-- Rounding half away from zero, by hand: 0.5 -> 1, 1.5 -> 2, 2.5 -> 3,
-- -0.5 -> -1, -2.5 -> -3, 4.685 -> 4.69, 1.005 -> 1.01 (exact decimal; a
-- float 1.005 is 1.00499... and would give 1.00).
SELECT format_number(v, d, 'en') AS en, format_number(v, d, 'vi') AS vi
  FROM (VALUES (0.5, 0), (1.5, 0), (2.5, 0), (-0.5, 0), (-2.5, 0), (4.685, 2), (1.005, 2),
               (-1234567.891, 2), (-0.001, 2), (0, 0), (999.5, 0), (999999.995, 2), (12, 3)) v(v, d);
-- money rounding after exact scaling: 1.500.000 đồng = 1,5 triệu -> 2 triệu;
-- 1.499.999 -> 1 triệu; -2.500.000 -> -3 triệu
SELECT format_money(1500000, 'triệu đồng') AS a, format_money(1499999, 'triệu đồng') AS b,
       format_money(-2500000, 'triệu đồng') AS c, format_money(-2500000, 'triệu đồng', 'vi', 1) AS d;
-- huge values format digit for digit (no float)
SELECT format_number(123456789012345678901234567890.5, 0, 'vi') AS huge,
       format_money(170141183460469231731687303715884105727, 'tỷ đồng', 'en') AS int128_max_billions;

-- Bad input.
\set VERBOSITY default
SELECT format_number('NaN', 0, 'vi');
SELECT format_number('Infinity', 0, 'vi');
SELECT format_number(1, -1, 'vi');
SELECT format_number(1, 0, 'fr');
SELECT format_money(1, 'USD', 'vi');
SELECT format_number(NULL, 0, 'vi') IS NULL AS null_in_null_out;
