-- Benchmark households: :rows rows, deterministic (setseed), lognormal income
-- per capita per month, deprivation flags more likely at low income.
SELECT setseed(0.20221231);
DROP TABLE IF EXISTS hh;
CREATE UNLOGGED TABLE hh AS
SELECT i::bigint AS household_id,
       1 + (i % 120)::int AS commune,
       area,
       members,
       income,
       weight,
       CASE area WHEN 'urban' THEN 2000000 ELSE 1500000 END::float8 AS line,
       CASE area WHEN 'urban' THEN 3000000 ELSE 2250000 END::float8 AS avg_line,
       f[1] d01, f[2] d02, f[3] d03, f[4] d04, f[5] d05, f[6] d06,
       f[7] d07, f[8] d08, f[9] d09, f[10] d10, f[11] d11, f[12] d12,
       (i / 2)::bigint AS payee,
       (members * 500000)::bigint AS amount
  FROM (SELECT i, area, members, income,
               (0.5 + random())::float8 AS weight,
               ARRAY(SELECT random() < greatest(0.02, least(0.9, 0.35 - 0.12 * (ln(income) - 14.9)))
                       FROM generate_series(1, 12) j WHERE i > 0) AS f
          FROM (SELECT i,
                       (CASE WHEN random() < 0.25 THEN 'urban' ELSE 'rural' END)::povstat.area AS area,
                       1 + floor(random() * 6)::int AS members,
                       round(exp(14.9 + 0.7 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::float8 AS income
                  FROM generate_series(1, :rows) i) base) g;
ALTER TABLE hh ADD COLUMN ndeps int, ADD COLUMN deps_bits bit(12);
UPDATE hh SET ndeps = d01::int + d02::int + d03::int + d04::int + d05::int + d06::int
                    + d07::int + d08::int + d09::int + d10::int + d11::int + d12::int,
              deps_bits = (d01::int::text || d02::int || d03::int || d04::int || d05::int || d06::int
                    || d07::int || d08::int || d09::int || d10::int || d11::int || d12::int)::bit(12);
-- the deprivation set type, once the extension has it
DO $$
BEGIN
  IF to_regtype('povstat.deprivations') IS NOT NULL THEN
    EXECUTE 'ALTER TABLE hh ADD COLUMN deps povstat.deprivations';
    EXECUTE 'UPDATE hh SET deps = povstat.deprivations(d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12)';
  END IF;
END $$;
VACUUM (FREEZE, ANALYZE) hh;
