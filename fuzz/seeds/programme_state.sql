-- Sample values of povstat.programme_state (one column "v").
SELECT povstat.programme_state(h, a) AS v FROM (SELECT i % 7 h, i * 1000 a FROM generate_series(1, 30) i) t
UNION ALL SELECT povstat.programme_state(h, a) FROM (VALUES (1::bigint, 0::bigint), (2, 9223372036854775807), (3, 1)) t(h, a)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.programme_state(i, 500000) s FROM generate_series(1, 40) i GROUP BY i % 3) q
