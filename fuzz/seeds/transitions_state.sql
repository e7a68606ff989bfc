-- Sample values of povstat.transitions_state (one column "v").
SELECT povstat.transitions_state(b, a) AS v
  FROM (SELECT (enum_range(NULL::povstat.hh_class))[1 + i % 4] b, (enum_range(NULL::povstat.hh_class))[1 + (i * 7) % 4] a
          FROM generate_series(1, 40) i) t
UNION ALL SELECT povstat.transitions_state(b, a, w)
  FROM (VALUES ('poor'::povstat.hh_class, 'near_poor'::povstat.hh_class, 3.5::float8), (NULL, 'poor', 2), ('average', NULL, 0.25), ('better_off', 'better_off', 0)) t(b, a, w)
UNION ALL SELECT povstat.transitions_state(b, a, e)
  FROM (VALUES ('average'::povstat.hh_class, 'poor'::povstat.hh_class, true), ('near_poor', 'poor', false), (NULL, 'near_poor', true), ('better_off', 'near_poor', true)) t(b, a, e)
UNION ALL SELECT povstat.transitions_state(b, a, e, w)
  FROM (VALUES ('average'::povstat.hh_class, 'poor'::povstat.hh_class, true, 1e300::float8), ('poor', 'poor', NULL, 5e-324)) t(b, a, e, w)
