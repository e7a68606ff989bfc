-- Sample values of povstat.household_set (one column "v").
SELECT povstat.household_set(i) AS v FROM generate_series(1, 100) i
UNION ALL SELECT povstat.household_set(i) FROM (VALUES (0::bigint), (4294967295), (4294967296), (9223372036854775807)) t(i)
UNION ALL SELECT povstat.household_set(i * 3) FROM generate_series(1, 5000) i
UNION ALL SELECT povstat.household_set(i) FROM (VALUES (42::bigint)) t(i)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.household_set(i) s FROM generate_series(1, 300) i GROUP BY i % 4) q
