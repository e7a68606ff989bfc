-- Sample values of povstat.profile_state (one column "v"), unweighted and
-- weighted, with unclassified rows: seeds for the fuzzer and hostile-bytes suite.
SELECT povstat.profile_state(c) AS v
  FROM (VALUES ('poor'::povstat.hh_class), ('near_poor'), ('average'), ('better_off'), (NULL)) t(c)
UNION ALL SELECT povstat.profile_state(c, w)
  FROM (VALUES ('poor'::povstat.hh_class, 4.0::float8), ('average', 0.5), (NULL, 2), ('better_off', 1e300)) t(c, w)
UNION ALL SELECT povstat.profile_state(c, 0::float8) FROM (VALUES ('poor'::povstat.hh_class)) t(c)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.profile_state(('{poor,near_poor,average,better_off}'::povstat.hh_class[])[1 + i % 4]) s
                                          FROM generate_series(1, 100) i GROUP BY i % 3) q
