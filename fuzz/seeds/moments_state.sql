-- Sample values of povstat.moments_state (one column "v"), one per builder
-- and parameter kind: seeds for the fuzzer and rows for the hostile-bytes suite.
SELECT povstat.moments_state(y) AS v FROM generate_series(0, 20) y
UNION ALL SELECT povstat.moments_state(y, w) FROM (VALUES (0.5::float8, 3.0::float8), (0, 1), (12, 1e6)) t(y, w)
UNION ALL SELECT povstat.ge_state(y, 0.5) FROM generate_series(1, 10) y
UNION ALL SELECT povstat.ge_state(y, -1, 2) FROM generate_series(0, 10) y
UNION ALL SELECT povstat.atkinson_state(y, 2) FROM generate_series(0, 10) y
UNION ALL SELECT povstat.atkinson_state(y, 0.5, 0.25) FROM generate_series(1, 10) y
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.moments_state(y * 0.1) s FROM generate_series(1, 200) y GROUP BY y % 3) q
UNION ALL SELECT povstat.moments_state(y, 1e-300) FROM (VALUES (1e-300::float8), (5e-324), (1e100)) t(y)
