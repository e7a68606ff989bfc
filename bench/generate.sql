-- Benchmark households: :rows rows, deterministic (setseed), lognormal income
-- per capita per month, deprivation flags more likely at low income.  Built
-- in one pass (no UPDATE, so no dead tuples) and loaded into shared buffers.
--
-- Column order: a register's own columns first (identity, place, income,
-- weight, lines, the deprivations as povstat stores them, the programme's
-- payee and amount), then the representations only the plain-SQL peers
-- read (12 boolean flags, their count, a bit string).  PostgreSQL deforms a
-- row from its first column up to the last one a query reads, so a column
-- behind the 15 peer-only ones costs every query that reads it 25-80 ns
-- a row here (bench/NOTES.md); the peers' flags lie behind the register's
-- columns in either order.
SELECT setseed(0.20221231);
DROP TABLE IF EXISTS hh;
SELECT CASE WHEN to_regtype('povstat.deprivations') IS NOT NULL
            THEN 'povstat.deprivations(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12])'
            ELSE 'NULL::int' END AS deps_expr \gset
CREATE UNLOGGED TABLE hh AS
SELECT i::bigint AS household_id,
       1 + (i % 120)::int AS commune,
       area,
       members,
       income,
       weight,
       CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END::float8 AS line,
       CASE area WHEN 'urban' THEN 3000000 ELSE 2250000 END::float8 AS avg_line,
       :deps_expr AS deps,
       (i / 2)::bigint AS payee,
       (members * 500000)::bigint AS amount,
       f[1] d01, f[2] d02, f[3] d03, f[4] d04, f[5] d05, f[6] d06,
       f[7] d07, f[8] d08, f[9] d09, f[10] d10, f[11] d11, f[12] d12,
       (SELECT count(*) FILTER (WHERE x)::int FROM unnest(f) x) AS ndeps,
       array_to_string(f::int[], '')::bit(12) AS deps_bits
  FROM (SELECT i, area, members, income,
               (0.5 + random())::float8 AS weight,
               ARRAY(SELECT random() < greatest(0.02, least(0.9, 0.35 - 0.12 * (ln(income) - 14.9)))
                       FROM generate_series(1, 12) j WHERE i > 0) AS f
          FROM (SELECT i,
                       (CASE WHEN random() < 0.25 THEN 'urban' ELSE 'rural' END)::povstat.area AS area,
                       1 + floor(random() * 6)::int AS members,
                       round(exp(14.9 + 0.7 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::float8 AS income
                  FROM generate_series(1, :rows) i) base) g;
VACUUM (FREEZE, ANALYZE) hh;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT pg_prewarm('hh');
