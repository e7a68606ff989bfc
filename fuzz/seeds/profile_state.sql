-- Sample values of povstat.profile_state (one column "v").
SELECT povstat.profile_state(c) AS v
  FROM (SELECT ('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + i % 4] c FROM generate_series(1, 30) i) t
UNION ALL SELECT povstat.profile_state(c, w)
  FROM (VALUES ('poor'::povstat.hh_class, 2.5::float8), (NULL, 1), ('better_off', 0), ('near_poor', 1e300)) t(c, w)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.profile_state(('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + i % 4]) s
                                          FROM generate_series(1, 40) i GROUP BY i % 3) q
