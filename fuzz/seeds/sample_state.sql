-- Sample values of povstat.sample_state (one column "v").
SELECT povstat.sample_state(y) AS v FROM generate_series(1, 25) y
UNION ALL SELECT povstat.sample_state(y, w) FROM (VALUES (0.5::float8, 2::float8), (3, 0), (-7, 1e-300), (5e-324, 1), (1e300, 3)) t(y, w)
UNION ALL SELECT povstat.sample_state_at(y, 12) FROM generate_series(1, 20) y
UNION ALL SELECT povstat.sample_state_at(y, 12, 1 + y % 3) FROM generate_series(1, 20) y
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.sample_state(y * 0.3) s FROM generate_series(1, 60) y GROUP BY y % 3) q
UNION ALL SELECT povstat.sample_state(y) FROM (VALUES (42::float8)) t(y)
