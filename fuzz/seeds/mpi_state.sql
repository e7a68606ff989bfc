-- Sample values of povstat.mpi_state (one column "v"): count and weights
-- forms, equal and unequal weights, weighted and not.
SELECT povstat.mpi_state(d, 4, 2) AS v FROM (VALUES ('{}'::povstat.deprivations), ('{2,4}'), ('{1,2,3,4}'), ('{2}')) t(d)
UNION ALL SELECT povstat.mpi_state(d, 12, 3, w) FROM (VALUES ('{1,5,12}'::povstat.deprivations, 2.5::float8), ('{}', 1), ('{3}', 1e6)) t(d, w)
UNION ALL SELECT povstat.mpi_state(d, '{0.4,0.2,0.2,0.2}', 0.4) FROM (VALUES ('{1}'::povstat.deprivations), ('{2,3}')) t(d)
UNION ALL SELECT povstat.mpi_state(d, array_fill((1.0 / 12)::float8, ARRAY[12]), 0.5, 3) FROM (VALUES ('{1,3,5,7,9,11}'::povstat.deprivations)) t(d)
UNION ALL SELECT povstat.mpi_state(d, 32, 1) FROM (VALUES ('{1,32}'::povstat.deprivations)) t(d)
UNION ALL SELECT povstat.merge(s) FROM (SELECT povstat.mpi_state(povstat.deprivations(ARRAY[1 + i % 12]), 12, 1) s FROM generate_series(1, 50) i GROUP BY i % 3) q
