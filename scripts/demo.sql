-- The README's main job: load the reference district (Tân Hưng, Long An;
-- doc/reference-district.md) and print its report, in Vietnamese and in
-- English, with the tables behind it.
\set QUIET on
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION povstat;
\echo 'Generating the reference district (Tân Hưng, Long An): registers 2022 and 2023, ledgers ...'
\ir ../data/tan_hung/generate.sql
\ir ../data/tan_hung/report.sql
\ir ../data/tan_hung/rollup.sql

\echo
\echo '== Poverty by commune, 2023 review (VN-2022-2025 standard)'
SELECT coalesce(u.name, 'Toàn huyện / district') AS commune, p.households, p.poor, p.near_poor,
       povstat.format_percent(p.poor_pct::numeric, 2, 'vi') AS "tỷ lệ nghèo",
       povstat.format_percent(p.near_poor_pct::numeric, 2, 'vi') AS "tỷ lệ cận nghèo"
  FROM povstat.report_poverty('tan_hung.register_2023') p
  LEFT JOIN tan_hung.admin_units u ON u.unit_id = p.commune_id
 ORDER BY p.commune_id NULLS LAST;

\echo '== Movements 2022 -> 2023 (district)'
SELECT poor_start, poor_exited, poor_newly, poor_returned, poor_entered, poor_left, poor_end,
       near_poor_start, near_poor_end
  FROM povstat.report_transitions('tan_hung.register_2022', 'tan_hung.register_2023')
 WHERE commune_id IS NULL;

\echo '== Report (tiếng Việt)'
\pset format unaligned
\pset tuples_only on
SELECT povstat.report_district_text('tan_hung.computed_figures', 'vi',
                                    'huyện Tân Hưng, tỉnh Long An', '2022 - 9 tháng đầu năm 2023');
\echo
\echo '== Report (English)'
SELECT povstat.report_district_text('tan_hung.computed_figures', 'en',
                                    'Tân Hưng district, Long An province', '2022 - September 2023');
