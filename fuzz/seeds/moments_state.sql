-- Sample values of povstat.moments_state (one column "v").
SELECT povstat.moments_state(y) AS v FROM generate_series(1, 30) y
UNION ALL SELECT povstat.moments_state(y, w) FROM (VALUES (0.5::float8, 2::float8), (3, 0), (1e300, 1e-300), (5e-324, 1)) t(y, w)
UNION ALL SELECT povstat.ge_state(y, 2) FROM generate_series(1, 10) y
UNION ALL SELECT povstat.ge_state(y, -1.5, 2) FROM generate_series(1, 10) y
UNION ALL SELECT povstat.atkinson_state(y, 0.5) FROM generate_series(1, 10) y
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.moments_state(y * 0.7) s FROM generate_series(1, 90) y GROUP BY y % 4) q
