-- Sample values of povstat.mpi_state (one column "v").
SELECT povstat.mpi_state(d, 12, 3) AS v
  FROM (SELECT CASE i % 4 WHEN 0 THEN '{}' WHEN 1 THEN '{1,4,7}' WHEN 2 THEN '{2}' ELSE '{3,5,9,11}' END::povstat.deprivations d
          FROM generate_series(1, 20) i) t
UNION ALL SELECT povstat.mpi_state(d, 10, 1, w)
  FROM (VALUES ('{1,2}'::povstat.deprivations, 2.5::float8), ('{}', 0), ('{10}', 1e-300)) t(d, w)
UNION ALL SELECT povstat.mpi_state(d, ARRAY[0.25, 0.25, 0.5]::float8[], 0.3)
  FROM (VALUES ('{1,3}'::povstat.deprivations), ('{2}'), ('{}')) t(d)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.mpi_state('{1,2,3}'::povstat.deprivations, 12, 2) s FROM generate_series(1, 9) i GROUP BY i % 3) q
