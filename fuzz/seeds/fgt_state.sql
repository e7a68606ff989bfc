-- Sample values of povstat.fgt_state (one column "v"), one per convention:
-- seeds for the fuzzer, and rows for the hostile-bytes and dump/restore suites.
SELECT povstat.fgt_state(y, 10) AS v FROM generate_series(1, 20) y
UNION ALL SELECT povstat.fgt_state(y, 10, w) FROM (VALUES (0.5::float8, 3.0::float8), (0, 1), (-2, 0.25), (12, 1e6)) t(y, w)
UNION ALL SELECT povstat.fgt_state_strict(y, 10) FROM generate_series(-5, 15) y
UNION ALL SELECT povstat.fgt_state(y, 10, 0::float8) FROM generate_series(1, 3) y
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.fgt_state(y * 0.1, 7) s FROM generate_series(1, 200) y GROUP BY y % 3) q
UNION ALL SELECT povstat.fgt_state(y, 1e300, 1e-300) FROM (VALUES (1e-300::float8), (5e-324), (1e300)) t(y)
