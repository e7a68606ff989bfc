-- Sample values of povstat.coverage_state (one column "v").
SELECT povstat.coverage_state(r) AS v FROM (VALUES (true), (false), (NULL), (true)) t(r)
UNION ALL SELECT povstat.coverage_state(r, w) FROM (VALUES (true, 2.5::float8), (false, 0), (NULL, 1e300), (true, 5e-324)) t(r, w)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.coverage_state(i % 3 = 0, i * 0.1) s FROM generate_series(1, 300) i GROUP BY i % 5) q
UNION ALL SELECT povstat.coverage_state(r) FROM (VALUES (NULL::boolean)) t(r)
