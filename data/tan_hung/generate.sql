-- Reference district: Tân Hưng (Long An), reviews 2022 and 2023.
--
-- Deterministic generator of the data behind the district report in
-- ../shared/seed (figures in figures.csv).  Pure SQL and PL/pgSQL; every
-- "random" draw is a hash of a key (md5 of a text), so the data are the same
-- on every run, machine and PostgreSQL version; no network, a few seconds.
-- Needs nothing from povstat except the enum povstat.area.
--
-- Everything lives in schema tan_hung (dropped and recreated).  See
-- doc/reference-district.md for the tables, the conventions the report
-- functions expect and how each published figure is built in.
--
-- Usage: psql -f data/tan_hung/generate.sql   (or \ir from a test)

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS tan_hung CASCADE;
CREATE SCHEMA tan_hung;
RESET client_min_messages;

-- u(key): a uniform draw in [0, 1) from the first 32 bits of md5(key).
CREATE FUNCTION tan_hung.u(key text) RETURNS float8
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0 $$;
COMMENT ON FUNCTION tan_hung.u(text) IS
  'Deterministic uniform draw in [0,1) from md5 of a key (reference-district generator).';

-------------------------------------------------------------------------------
-- Administrative units (data, not schema: units merge and get renamed).
-- Province Long An, district Tân Hưng (code 796), its township and 11
-- communes.  The district level was abolished on 2025-07-01 and Long An
-- merged into Tây Ninh; the successor communes are not recorded here, so the
-- old units simply end on 2025-06-30.
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.admin_units (
  unit_id    int PRIMARY KEY,
  parent_id  int REFERENCES tan_hung.admin_units,
  level      text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  kind       text NOT NULL,              -- tỉnh, huyện, xã, thị trấn
  name       text NOT NULL,
  area       povstat.area,               -- communes only: selects the income line
  valid_from date NOT NULL,
  valid_to   date,                       -- inclusive; NULL = still valid
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((level = 'commune') = (area IS NOT NULL))
);
INSERT INTO tan_hung.admin_units VALUES
  (1,   NULL, 'province', 'tỉnh',      'Long An',   NULL,    '1976-01-01', '2025-06-30'),
  (2,   NULL, 'province', 'tỉnh',      'Tây Ninh',  NULL,    '2025-07-01', NULL),
  (796, 1,    'district', 'huyện',     'Tân Hưng',  NULL,    '1994-01-01', '2025-06-30');
INSERT INTO tan_hung.admin_units
SELECT 79600 + n, 796, 'commune', kind, name, area::povstat.area, '1994-01-01', '2025-06-30'
  FROM (VALUES
    (1,  'thị trấn', 'Tân Hưng',    'urban'),
    (2,  'xã',       'Hưng Điền',   'rural'),
    (3,  'xã',       'Hưng Điền B', 'rural'),
    (4,  'xã',       'Hưng Hà',     'rural'),
    (5,  'xã',       'Hưng Thạnh',  'rural'),
    (6,  'xã',       'Thạnh Hưng',  'rural'),
    (7,  'xã',       'Vĩnh Bửu',    'rural'),
    (8,  'xã',       'Vĩnh Châu A', 'rural'),
    (9,  'xã',       'Vĩnh Châu B', 'rural'),
    (10, 'xã',       'Vĩnh Đại',    'rural'),
    (11, 'xã',       'Vĩnh Lợi',    'rural'),
    (12, 'xã',       'Vĩnh Thạnh',  'rural')) c(n, kind, name, area);
COMMENT ON TABLE tan_hung.admin_units IS
  'Administrative units with validity dates (province, district, commune); units merge and are renamed, so they are data.';

-- Weights for placing households in communes: all households, and poor or
-- near-poor ones (more in the border communes along Cambodia).
CREATE TEMP TABLE _commune_weight AS
SELECT unit_id AS commune_id, w_all, w_poor,
       sum(w_all) OVER (ORDER BY unit_id) - w_all AS lo_all,
       sum(w_all) OVER (ORDER BY unit_id) AS hi_all,
       sum(w_poor) OVER (ORDER BY unit_id) - w_poor AS lo_poor,
       sum(w_poor) OVER (ORDER BY unit_id) AS hi_poor
  FROM (VALUES (79601, 0.16, 0.06), (79602, 0.10, 0.14), (79603, 0.08, 0.13),
               (79604, 0.09, 0.13), (79605, 0.07, 0.07), (79606, 0.07, 0.07),
               (79607, 0.06, 0.06), (79608, 0.07, 0.07), (79609, 0.07, 0.07),
               (79610, 0.08, 0.07), (79611, 0.08, 0.06), (79612, 0.07, 0.07))
       w(unit_id, w_all, w_poor);

-------------------------------------------------------------------------------
-- Households and their path between the two reviews.
--
-- Totals of registered households: 13 435 (2022) and 13 580 (2023), inside
-- the ranges that the four published rates allow (doc/reference-district.md).
-- Class of each household in 2022 and 2023 ('other' = above the income line:
-- average or better off; NULL = not on that register):
--
--   2022 \ 2023   poor  near   other   absent | total 2022
--   poor           380   140     100       10 |    630
--   near-poor       40   560     222       15 |    837
--   other           58   105   11745       60 |  11968
--   absent           5     6     219        - |
--   total 2023     483   811   12286          |  13580
--
-- Of the 58 'other' -> poor, 8 had exited poverty in an earlier review
-- (tái nghèo, re-poor) and 50 are newly poor (phát sinh).  Social-protection
-- (bảo trợ xã hội) poor households: 65 of the 380 who stay poor and 5 of the
-- 10 poor who leave the register (deaths), i.e. 70 in 2022 and 65 in 2023.
-------------------------------------------------------------------------------
CREATE TEMP TABLE _path (grp int, c22 text, c23 text, n int, sp int, repoor int);
INSERT INTO _path VALUES
  (1,  'poor',  'poor',   380, 65, 0),
  (2,  'poor',  'near',   140, 0,  0),
  (3,  'poor',  'other',  100, 0,  0),
  (4,  'poor',  NULL,      10, 5,  0),
  (5,  'near',  'poor',    40, 0,  0),
  (6,  'near',  'near',   560, 0,  0),
  (7,  'near',  'other',  222, 0,  0),
  (8,  'near',  NULL,      15, 0,  0),
  (9,  'other', 'poor',    58, 0,  8),
  (10, 'other', 'near',   105, 0,  0),
  (11, 'other', 'other', 11745, 0, 0),
  (12, 'other', NULL,      60, 0,  0),
  (13, NULL,    'poor',     5, 0,  0),
  (14, NULL,    'near',     6, 0,  0),
  (15, NULL,    'other',  219, 0,  0);

CREATE TEMP TABLE _hh AS
WITH s AS (
  SELECT p.grp, p.c22, p.c23, k,
         k <= p.sp AS social_protection,
         k <= p.repoor AS repoor
    FROM _path p, generate_series(1, p.n) k)
SELECT row_number() OVER (ORDER BY md5('hh:' || grp || ':' || k)) AS household_id,
       grp, c22, c23, k, social_protection, repoor
  FROM s;

-- Commune (fixed across reviews), members, flags.
CREATE TEMP TABLE _hh2 AS
SELECT h.*, cw.commune_id,
       1 + floor(tan_hung.u('m:' || h.household_id) * CASE WHEN h.c22 = 'poor' OR h.c23 = 'poor' THEN 7 ELSE 6 END)::int AS members,
       -- free migrants from Cambodia: border communes, mostly modest incomes
       (cw.commune_id IN (79602, 79603, 79604)
        AND tan_hung.u('fm:' || h.household_id) < CASE WHEN coalesce(h.c22, h.c23) IN ('poor', 'near') THEN 0.30 ELSE 0.055 END) AS free_migrant,
       -- social-protection households that are not poor (electricity support)
       h.social_protection OR (coalesce(h.c22, '') <> 'poor' AND coalesce(h.c23, '') <> 'poor'
                               AND tan_hung.u('sp:' || h.household_id) < 0.006) AS sp,
       -- exited poverty in a review before 2022 (the re-poor, and some others)
       h.repoor OR coalesce(h.c22 = 'other' AND h.c23 = 'other' AND tan_hung.u('ex:' || h.household_id) < 0.03, false) AS exited_before
  FROM _hh h
  JOIN _commune_weight cw
    ON tan_hung.u('c:' || h.household_id) * 1.0 >= CASE WHEN coalesce(h.c22, h.c23) IN ('poor', 'near') THEN cw.lo_poor ELSE cw.lo_all END
   AND tan_hung.u('c:' || h.household_id) * 1.0 <  CASE WHEN coalesce(h.c22, h.c23) IN ('poor', 'near') THEN cw.hi_poor ELSE cw.hi_all END;

-- One row per household and review: class, then income and deprivation
-- count drawn consistently with it.  seq numbers households within
-- (review, class) to place the boundary cases deterministically.
CREATE TEMP TABLE _rv AS
WITH r AS (
  SELECT h.household_id, 2022 AS review, h.c22 AS cls, h.commune_id, h.members, h.free_migrant, h.sp,
         h.exited_before AS exited_before, h.social_protection
    FROM _hh2 h WHERE h.c22 IS NOT NULL
  UNION ALL
  SELECT h.household_id, 2023, h.c23, h.commune_id, h.members, h.free_migrant, h.sp,
         -- in 2023 the flag still means "exited before 2022"
         h.exited_before, h.social_protection
    FROM _hh2 h WHERE h.c23 IS NOT NULL),
a AS (
  SELECT r.*, u.area,
         CASE u.area WHEN 'urban' THEN 2000000 ELSE 1500000 END::numeric AS line,
         row_number() OVER (PARTITION BY r.review, r.cls ORDER BY r.household_id) AS seq,
         tan_hung.u('y:' || r.review || ':' || r.household_id) AS uy,
         tan_hung.u('d:' || r.review || ':' || r.household_id) AS ud
    FROM r JOIN tan_hung.admin_units u ON u.unit_id = r.commune_id)
SELECT a.household_id, a.review, a.cls, a.commune_id, a.area, a.members, a.free_migrant, a.sp,
       a.exited_before, a.seq,
       -- monthly income per capita, VND
       CASE
         WHEN a.cls IN ('poor', 'near') AND a.seq % 37 = 1 THEN a.line::numeric          -- exactly at the line
         WHEN a.cls IN ('poor', 'near') THEN round((a.line * (0.40 + 0.59 * a.uy))::numeric, -3)
         WHEN a.cls = 'other' AND a.seq % 211 = 1 THEN a.line + 1::numeric              -- one đồng above the line
         WHEN a.cls = 'other' AND a.seq % 211 = 2 THEN a.line * 1.5                     -- top of the average band
         WHEN a.cls = 'other' AND a.seq % 211 = 3 THEN a.line * 1.5 + 1                 -- one đồng above it
         WHEN a.cls = 'other' AND a.uy < 0.22 THEN greatest(a.line + 1000, round((a.line * (1.0 + 0.5 * a.uy / 0.22))::numeric, -3))
         ELSE round((a.line * 1.5 * exp(0.05 + 1.6 * (a.uy - 0.22) / 0.78))::numeric, -3)
       END AS income,
       -- number of deprived indicators
       CASE
         WHEN a.cls = 'poor' AND (a.seq % 37 = 1 OR a.ud < 0.40) THEN 3                 -- exactly 3
         WHEN a.cls = 'poor' THEN 4 + floor(4 * (a.ud - 0.40) / 0.60)::int              -- 4..7
         WHEN a.cls = 'near' AND (a.seq % 37 = 1 OR a.ud < 0.35) THEN 2                 -- exactly 2
         WHEN a.cls = 'near' THEN floor(2 * (a.ud - 0.35) / 0.65)::int                  -- 0..1
         WHEN a.cls = 'other' AND a.seq % 211 IN (1, 3) THEN 3 + (a.seq % 5)::int       -- deprived but above the line
         WHEN a.cls = 'other' THEN CASE WHEN a.ud < 0.55 THEN 0 WHEN a.ud < 0.80 THEN 1
                                        WHEN a.ud < 0.93 THEN 2 WHEN a.ud < 0.98 THEN 3 ELSE 4 END
       END AS ndep
  FROM a;

-- Which indicators: the ndep first in a per-household hashed order.  For
-- poor and near-poor households of 2023 the health-insurance indicator (4)
-- comes last: they hold free cards since the 2022 review.
CREATE TEMP TABLE _dep AS
SELECT household_id, review,
       coalesce(array_agg(k ORDER BY k) FILTER (WHERE rk <= ndep), '{}') AS deprived
  FROM (SELECT r.household_id, r.review, r.ndep, k,
               row_number() OVER (PARTITION BY r.household_id, r.review
                                  ORDER BY (r.review = 2023 AND r.cls IN ('poor', 'near') AND k = 4),
                                           md5('k:' || r.review || ':' || r.household_id || ':' || k)) AS rk
          FROM _rv r, generate_series(1, 12) k) x
 GROUP BY household_id, review;

-------------------------------------------------------------------------------
-- Registers (the report functions' input convention, doc/reports.md)
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.register_2022 (
  household_id      bigint PRIMARY KEY,
  commune_id        int NOT NULL REFERENCES tan_hung.admin_units,
  area              povstat.area NOT NULL,
  members           int NOT NULL CHECK (members > 0),
  income            numeric NOT NULL,     -- monthly income per capita, VND
  d01 boolean NOT NULL, d02 boolean NOT NULL, d03 boolean NOT NULL, d04 boolean NOT NULL,
  d05 boolean NOT NULL, d06 boolean NOT NULL, d07 boolean NOT NULL, d08 boolean NOT NULL,
  d09 boolean NOT NULL, d10 boolean NOT NULL, d11 boolean NOT NULL, d12 boolean NOT NULL,
  social_protection boolean NOT NULL,     -- hộ bảo trợ xã hội
  free_migrant      boolean NOT NULL,     -- hộ di dân tự do từ Campuchia
  exited_before     boolean NOT NULL      -- exited poverty in an earlier review
);
CREATE TABLE tan_hung.register_2023 (LIKE tan_hung.register_2022 INCLUDING ALL);

INSERT INTO tan_hung.register_2022
SELECT r.household_id, r.commune_id, r.area, r.members, r.income,
       1 = ANY (d.deprived), 2 = ANY (d.deprived), 3 = ANY (d.deprived), 4 = ANY (d.deprived),
       5 = ANY (d.deprived), 6 = ANY (d.deprived), 7 = ANY (d.deprived), 8 = ANY (d.deprived),
       9 = ANY (d.deprived), 10 = ANY (d.deprived), 11 = ANY (d.deprived), 12 = ANY (d.deprived),
       r.sp, r.free_migrant, r.exited_before
  FROM _rv r JOIN _dep d USING (household_id, review)
 WHERE r.review = 2022 ORDER BY r.household_id;
INSERT INTO tan_hung.register_2023
SELECT r.household_id, r.commune_id, r.area, r.members, r.income,
       1 = ANY (d.deprived), 2 = ANY (d.deprived), 3 = ANY (d.deprived), 4 = ANY (d.deprived),
       5 = ANY (d.deprived), 6 = ANY (d.deprived), 7 = ANY (d.deprived), 8 = ANY (d.deprived),
       9 = ANY (d.deprived), 10 = ANY (d.deprived), 11 = ANY (d.deprived), 12 = ANY (d.deprived),
       r.sp, r.free_migrant, r.exited_before
  FROM _rv r JOIN _dep d USING (household_id, review)
 WHERE r.review = 2023 ORDER BY r.household_id;

COMMENT ON TABLE tan_hung.register_2022 IS
  '2022 review register (rà soát hộ nghèo 2022): one row per registered household; income = monthly income per capita (VND); d01..d12 = deprivation indicators of the 2022-2025 standard.';
COMMENT ON TABLE tan_hung.register_2023 IS
  '2023 review register (as of the report, 2023-09); same columns as register_2022.';

-------------------------------------------------------------------------------
-- Support-payment ledger: one row per payment to a household (VND).
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.payments (
  payment_id   bigint PRIMARY KEY,
  programme    text NOT NULL,
  household_id bigint NOT NULL,
  paid_on      date NOT NULL,
  amount       bigint NOT NULL CHECK (amount > 0)
);
COMMENT ON TABLE tan_hung.payments IS
  'Support payments to households (VND): tet_poor, tet_migrant, electricity, hardship, housing.';

-- Tết allowance (Tết Quý Mão, January 2023): 500.000 đồng to 486 poor
-- households of the 2022 list and to 237 free-migrant households.
INSERT INTO tan_hung.payments
SELECT 100000 + row_number() OVER (ORDER BY md5('tet:' || household_id)), 'tet_poor', household_id, '2023-01-12', 500000
  FROM (SELECT household_id FROM _rv WHERE review = 2022 AND cls = 'poor'
         ORDER BY md5('tetp:' || household_id) LIMIT 486) s;
INSERT INTO tan_hung.payments
SELECT 110000 + row_number() OVER (ORDER BY md5('tet:' || household_id)), 'tet_migrant', household_id, '2023-01-12', 500000
  FROM (SELECT household_id FROM tan_hung.register_2022 WHERE free_migrant
         ORDER BY md5('tetm:' || household_id) LIMIT 237) s;

-- Electricity support 2022, quarterly, to poor and social-protection
-- households of 2022; the last payment takes the rounding so that the year
-- totals 423.665.000 đồng.
INSERT INTO tan_hung.payments
SELECT 200000 + row_number() OVER (ORDER BY q, household_id), 'electricity', household_id,
       make_date(2022, 3 * q, 25), 150000
  FROM tan_hung.register_2022 r, generate_series(1, 4) q
 WHERE r.social_protection OR EXISTS (SELECT FROM _rv v WHERE v.review = 2022 AND v.cls = 'poor' AND v.household_id = r.household_id);
UPDATE tan_hung.payments SET amount = amount + (423665000 - (SELECT sum(amount) FROM tan_hung.payments WHERE programme = 'electricity'))
 WHERE payment_id = (SELECT max(payment_id) FROM tan_hung.payments WHERE programme = 'electricity');

-- Emergency hardship grants (trợ cấp khó khăn đột xuất) 2022..2023-09: 41
-- recipients, 671.200.000 đồng; amounts in hundreds of thousands.
INSERT INTO tan_hung.payments
SELECT 300000 + i, 'hardship', household_id,
       date '2022-01-15' + (i::int * 15), 16400000 + 100000 * ((i * 7) % 11 - 5)
  FROM (SELECT household_id, row_number() OVER (ORDER BY md5('hard:' || household_id)) AS i
          FROM tan_hung.register_2023 WHERE income <= 2000000) s
 WHERE i <= 41;
UPDATE tan_hung.payments SET amount = amount + (671200000 - (SELECT sum(amount) FROM tan_hung.payments WHERE programme = 'hardship'))
 WHERE payment_id = (SELECT max(payment_id) FROM tan_hung.payments WHERE programme = 'hardship');

-- Great-solidarity and charity houses built or repaired 2021..2023-09: 41
-- houses, 2.110 triệu đồng.
INSERT INTO tan_hung.payments
SELECT 400000 + i, 'housing', household_id,
       date '2021-03-01' + (i::int * 22), 51400000 + 1000000 * ((i * 5) % 9 - 4)
  FROM (SELECT household_id, row_number() OVER (ORDER BY md5('house:' || household_id)) AS i
          FROM tan_hung.register_2022 r
         WHERE EXISTS (SELECT FROM _rv v WHERE v.review = 2022 AND v.cls IN ('poor', 'near') AND v.household_id = r.household_id)) s
 WHERE i <= 41;
UPDATE tan_hung.payments SET amount = amount + (2110000000 - (SELECT sum(amount) FROM tan_hung.payments WHERE programme = 'housing'))
 WHERE payment_id = (SELECT max(payment_id) FROM tan_hung.payments WHERE programme = 'housing');

-- Gifts from sponsors (phần quà), 2022..2023-09, recorded per distribution:
-- 20.349 parts worth over 9 tỷ đồng in total.
CREATE TABLE tan_hung.gift_distributions (
  distribution_id int PRIMARY KEY,
  commune_id      int NOT NULL REFERENCES tan_hung.admin_units,
  given_on        date NOT NULL,
  parts           int NOT NULL CHECK (parts > 0),
  value           bigint NOT NULL CHECK (value > 0)   -- VND, all parts of the distribution
);
INSERT INTO tan_hung.gift_distributions
SELECT i, 79601 + (i % 12), date '2022-01-05' + (i * 3),
       parts, parts * (300000 + 50000 * ((i * 3) % 9))
  FROM (SELECT i, CASE WHEN i < 180 THEN 90 + (i * 13) % 47 ELSE 1 END AS parts FROM generate_series(1, 180) i) s;
UPDATE tan_hung.gift_distributions
   SET parts = 20349 - (SELECT sum(parts) FROM tan_hung.gift_distributions WHERE distribution_id < 180)
 WHERE distribution_id = 180;
UPDATE tan_hung.gift_distributions SET value = parts * (300000 + 50000 * ((distribution_id * 3) % 9))
 WHERE distribution_id = 180;

-- Fund for the poor (Quỹ vì người nghèo): contributions raised, over 200 triệu.
CREATE TABLE tan_hung.fund_contributions (
  contribution_id int PRIMARY KEY,
  received_on     date NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0)
);
INSERT INTO tan_hung.fund_contributions
SELECT i, date '2022-10-01' + (i * 4), 1000000 * (2 + (i * 7) % 9)
  FROM generate_series(1, 34) i;

-- Free medical examinations and medicine (400 people).
CREATE TABLE tan_hung.free_medical (
  patient_id   int PRIMARY KEY,
  household_id bigint,
  examined_on  date NOT NULL
);
INSERT INTO tan_hung.free_medical
SELECT i, CASE WHEN i % 3 > 0 THEN 1 + (i * 31) % 13000 END, CASE WHEN i <= 220 THEN date '2022-11-20' ELSE date '2023-06-18' END
  FROM generate_series(1, 400) i;

-------------------------------------------------------------------------------
-- Social-policy credit (Ngân hàng Chính sách xã hội): loan ledger.
-- Outstanding balances on 2023-09-30 by programme equal the published
-- figures C01..C06 (million VND) exactly; events after the report date are
-- in the ledger too, so the as-of date matters.  Loans: disbursement, then
-- yearly repayments; some fully repaid before the date, a few written
-- off; the last loan of each programme (disbursed 2023-09-15) takes what is
-- left of the published balance.
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.loan_events (
  event_id     bigint PRIMARY KEY,
  loan_id      int NOT NULL,
  household_id bigint NOT NULL,
  programme    text NOT NULL,
  event_date   date NOT NULL,
  event_kind   text NOT NULL CHECK (event_kind IN ('disbursement', 'repayment', 'write_off')),
  amount       bigint NOT NULL CHECK (amount > 0)
);
COMMENT ON TABLE tan_hung.loan_events IS
  'Social-policy loan ledger (VND): disbursements, repayments and write-offs by loan and programme.';

DO $gen$
DECLARE
  p record;
  remaining bigint;
  loan int := 0;
  ev bigint := 0;
  a bigint;          -- disbursed
  d0 date;
  k int;             -- installments
  inst bigint;
  paid_before bigint;
  t date;
  hh bigint;
  x float8;
BEGIN
  FOR p IN SELECT * FROM (VALUES
      (1, 'poor',                    1460::bigint,  30, 100, 60),
      (2, 'near_poor',               3640,  30, 100, 60),
      (3, 'newly_out_of_poverty',   39251,  30, 100, 60),
      (4, 'students',                6420,  10,  60, 96),
      (5, 'clean_water_sanitation', 19812,  15,  30, 60),
      (6, 'job_creation',           28040,  30, 100, 48)) v(n, code, target_million, lo_million, hi_million, term_months)
  LOOP
    remaining := p.target_million * 1000000;
    WHILE remaining > 0 LOOP
      loan := loan + 1;
      x := tan_hung.u('loan:' || loan);
      hh := 1 + floor(tan_hung.u('lh:' || loan) * 13665)::bigint;
      IF remaining <= p.hi_million * 1000000 THEN
        -- last loan of the programme: outstanding = what is left
        a := remaining;
        d0 := date '2023-09-15';
        ev := ev + 1;
        INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, d0, 'disbursement', a);
        inst := (a / 4 / 100000) * 100000;
        FOR j IN 1..3 LOOP
          IF inst > 0 THEN
            ev := ev + 1;
            INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, (d0 + make_interval(months => 6 * j))::date, 'repayment', inst);
          END IF;
        END LOOP;
        remaining := 0;
        EXIT;
      END IF;
      a := 1000000 * (p.lo_million + floor(x * (p.hi_million - p.lo_million + 1)))::bigint;
      d0 := date '2019-01-10' + floor(tan_hung.u('ld:' || loan) * 1700)::int;
      ev := ev + 1;
      INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, d0, 'disbursement', a);
      k := p.term_months / 12;
      inst := (a / k / 100000) * 100000;
      paid_before := 0;
      FOR j IN 1..k LOOP
        t := (d0 + make_interval(months => 12 * j))::date;
        EXIT WHEN t > date '2024-12-31';
        IF tan_hung.u('wo:' || loan) < 0.01 AND j = 2 THEN
          -- written off (death, natural disaster): the whole remainder
          ev := ev + 1;
          INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, t, 'write_off', a - paid_before);
          IF t <= date '2023-09-30' THEN paid_before := a; END IF;
          EXIT;
        END IF;
        IF tan_hung.u('early:' || loan) < 0.08 AND j = 2 THEN
          -- repaid early in one go
          ev := ev + 1;
          INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, t, 'repayment', a - paid_before);
          IF t <= date '2023-09-30' THEN paid_before := a; END IF;
          EXIT;
        END IF;
        ev := ev + 1;
        IF j = k THEN
          INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, t, 'repayment', a - inst * (k - 1));
          IF t <= date '2023-09-30' THEN paid_before := a; END IF;
        ELSE
          INSERT INTO tan_hung.loan_events VALUES (ev, loan, hh, p.code, t, 'repayment', inst);
          IF t <= date '2023-09-30' THEN paid_before := paid_before + inst; END IF;
        END IF;
      END LOOP;
      remaining := remaining - (a - paid_before);
    END LOOP;
  END LOOP;
END
$gen$;

-------------------------------------------------------------------------------
-- Employment: job placements confirmed by dossier (2022..2023-09) against a
-- plan (not published: 1.495, any plan in 1.492..1.500 rounds to 151%), and
-- workers sent abroad on contract (59, of whom 5 borrowed 407 triệu).
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.job_placements (
  dossier_id   int PRIMARY KEY,
  commune_id   int NOT NULL REFERENCES tan_hung.admin_units,
  confirmed_on date NOT NULL,
  workplace    text NOT NULL CHECK (workplace IN ('in district', 'outside district'))
);
INSERT INTO tan_hung.job_placements
SELECT i, 79601 + (i * 7) % 12,
       CASE WHEN i <= 1240 THEN date '2022-01-03' + (i * 362 / 1240) ELSE date '2023-01-03' + ((i - 1240) * 268 / 1019) END,
       CASE WHEN tan_hung.u('wp:' || i) < 0.3 THEN 'in district' ELSE 'outside district' END
  FROM generate_series(1, 2259) i;

CREATE TABLE tan_hung.employment_plan (
  period  text PRIMARY KEY,
  planned int NOT NULL CHECK (planned > 0)
);
INSERT INTO tan_hung.employment_plan VALUES ('2022', 800), ('2023-01..09', 695);

CREATE TABLE tan_hung.overseas_workers (
  worker_id    int PRIMARY KEY,
  household_id bigint NOT NULL,
  departed_on  date NOT NULL,
  destination  text NOT NULL,
  loan_amount  bigint CHECK (loan_amount > 0)   -- VND borrowed for the departure, if any
);
INSERT INTO tan_hung.overseas_workers
SELECT i, 1 + (i * 211) % 13600, date '2022-02-01' + (i * 10),
       (ARRAY['Nhật Bản', 'Hàn Quốc', 'Đài Loan'])[1 + i % 3],
       CASE i WHEN 4 THEN 100000000 WHEN 15 THEN 90000000 WHEN 27 THEN 80000000
              WHEN 38 THEN 77000000 WHEN 51 THEN 60000000 END
  FROM generate_series(1, 59) i;

-------------------------------------------------------------------------------
-- Vocational training for rural workers, and the 2022 labour-force survey.
-------------------------------------------------------------------------------
CREATE TABLE tan_hung.training_classes (
  class_id  int PRIMARY KEY,
  opened_on date NOT NULL,
  field     text NOT NULL CHECK (field IN ('agricultural', 'non-agricultural')),
  trade     text NOT NULL
);
INSERT INTO tan_hung.training_classes VALUES
  (1, '2022-03-07', 'agricultural',     'trồng lúa chất lượng cao'),
  (2, '2022-05-09', 'agricultural',     'nuôi cá nước ngọt'),
  (3, '2022-07-04', 'non-agricultural', 'may công nghiệp'),
  (4, '2022-08-15', 'agricultural',     'trồng nấm rơm'),
  (5, '2022-10-10', 'non-agricultural', 'sửa chữa máy nông nghiệp'),
  (6, '2023-03-13', 'agricultural',     'chăn nuôi bò'),
  (7, '2023-05-22', 'agricultural',     'trồng sen'),
  (8, '2023-07-17', 'non-agricultural', 'đan lục bình');
CREATE TABLE tan_hung.trainees (
  trainee_id   int PRIMARY KEY,
  class_id     int NOT NULL REFERENCES tan_hung.training_classes,
  household_id bigint NOT NULL
);
INSERT INTO tan_hung.trainees
SELECT row_number() OVER (ORDER BY c, s), c, 1 + (c * 1000 + s * 37) % 13600
  FROM (VALUES (1, 21), (2, 20), (3, 22), (4, 19), (5, 22),      -- 104 in 2022
               (6, 32), (7, 30), (8, 33)) v(c, n),               -- 95 in 2023
       generate_series(1, n) s;

-- Labour force 2022 by commune and training: persons trained and, of them,
-- with a diploma or certificate.
CREATE TABLE tan_hung.labour_force (
  commune_id int NOT NULL REFERENCES tan_hung.admin_units,
  trained    boolean NOT NULL,
  certified  boolean NOT NULL,
  persons    int NOT NULL CHECK (persons >= 0),
  PRIMARY KEY (commune_id, trained, certified),
  CHECK (trained OR NOT certified)
);
INSERT INTO tan_hung.labour_force
SELECT commune_id, t, c,
       CASE WHEN t AND c THEN cert WHEN t THEN tr - cert ELSE lf - tr END
  FROM (SELECT unit_id AS commune_id,
               -- 27.500 workers, 16.253 trained, 9.001 certified; the last
               -- commune takes the remainders
               CASE WHEN unit_id < 79612 THEN 2300 + (unit_id % 7) * 20 ELSE 27500 - (SELECT sum(2300 + (u % 7) * 20) FROM generate_series(79601, 79611) u) END AS lf,
               CASE WHEN unit_id < 79612 THEN 1360 + (unit_id % 5) * 10 ELSE 16253 - (SELECT sum(1360 + (u % 5) * 10) FROM generate_series(79601, 79611) u) END AS tr,
               CASE WHEN unit_id < 79612 THEN 750 + (unit_id % 3) * 5 ELSE 9001 - (SELECT sum(750 + (u % 3) * 5) FROM generate_series(79601, 79611) u) END AS cert
          FROM tan_hung.admin_units WHERE level = 'commune') s,
       (VALUES (false, false), (true, false), (true, true)) f(t, c);

-------------------------------------------------------------------------------
-- Coverage records (2023-09).
-------------------------------------------------------------------------------
-- Pupils of poor and near-poor households (school year 2023-2024) and
-- whether they have tuition exemption or reduction.
CREATE TABLE tan_hung.pupils (
  pupil_id       int PRIMARY KEY,
  household_id   bigint NOT NULL,
  tuition_exempt boolean NOT NULL
);
INSERT INTO tan_hung.pupils
SELECT row_number() OVER (ORDER BY r.household_id, s), r.household_id,
       -- exemption is recorded for pupils of poor and near-poor households
       EXISTS (SELECT FROM _rv v WHERE v.review = 2023 AND v.cls IN ('poor', 'near') AND v.household_id = r.household_id)
  FROM tan_hung.register_2023 r, generate_series(1, (r.members - 1) / 2) s
 WHERE r.members >= 3 AND (tan_hung.u('pupil:' || r.household_id) < 0.12
       OR EXISTS (SELECT FROM _rv v WHERE v.review = 2023 AND v.cls IN ('poor', 'near') AND v.household_id = r.household_id));

-- Health-insurance cards held by households (2023).
CREATE TABLE tan_hung.health_insurance (
  household_id bigint PRIMARY KEY,
  cards        int NOT NULL CHECK (cards > 0)
);
INSERT INTO tan_hung.health_insurance
SELECT r.household_id, r.members
  FROM tan_hung.register_2023 r
 WHERE r.free_migrant OR r.income <= CASE r.area WHEN 'urban' THEN 2000000 ELSE 1500000 END
    OR tan_hung.u('hi:' || r.household_id) < 0.85;

-- Credit demand survey: poor, near-poor and newly-out-of-poverty households
-- with a need to borrow and the conditions to produce or trade; reached =
-- got access to a loan.  650 eligible, 637 reached (98%).
CREATE TABLE tan_hung.credit_demand (
  household_id bigint PRIMARY KEY,
  category     text NOT NULL CHECK (category IN ('poor', 'near_poor', 'newly_out_of_poverty')),
  has_need     boolean NOT NULL,
  can_borrow   boolean NOT NULL,
  reached      boolean NOT NULL
);
INSERT INTO tan_hung.credit_demand
SELECT household_id, category, has_need, can_borrow,
       has_need AND can_borrow AND n > 13
  FROM (SELECT household_id, category, n,
               n <= 760 AS has_need, n <= 650 AS can_borrow
          FROM (SELECT household_id,
                       CASE c23 WHEN 'poor' THEN 'poor' WHEN 'near' THEN 'near_poor' ELSE 'newly_out_of_poverty' END AS category,
                       row_number() OVER (ORDER BY md5('cd:' || household_id)) AS n
                  FROM _hh2 WHERE c23 IN ('poor', 'near') OR (c22 IN ('poor', 'near') AND c23 = 'other')) a) b;

ANALYZE tan_hung.register_2022, tan_hung.register_2023, tan_hung.payments, tan_hung.loan_events;
DROP TABLE _commune_weight, _path, _hh, _hh2, _rv, _dep;
