-- Tân Hưng: materialized per-commune summary of both reviews, storing
-- mergeable states (class counts, FGT state, class profile, set of poor households), for scheduled reports.
-- Refresh with REFRESH MATERIALIZED VIEW tan_hung.commune_summary; roll up
-- with povstat.report_rollup('tan_hung.commune_summary', 'tan_hung.admin_units').
CREATE MATERIALIZED VIEW tan_hung.commune_summary AS
  SELECT 2022 AS review, s.* FROM povstat.report_commune_states('tan_hung.register_2022') s
  UNION ALL
  SELECT 2023, s.* FROM povstat.report_commune_states('tan_hung.register_2023') s;
CREATE UNIQUE INDEX ON tan_hung.commune_summary (review, commune_id);
COMMENT ON MATERIALIZED VIEW tan_hung.commune_summary IS
  'Per commune and review: class counts and income FGT state (povstat.fgt_state), merged up by povstat.report_rollup.';
