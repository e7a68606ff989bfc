-- Social-policy credit: programme catalog, ledger balances, reconciliation.
-- Expected values computed by hand (comments), from published figures
-- (Tân Hưng district report, tan_hung_figures.csv C00-C06), or by plain SQL.
\set ECHO all
\set SHOW_CONTEXT never

-- The catalog: shipped programmes and confirmed rates (vn_standards §6.1);
-- near-poor = 120 % and newly out of poverty = 125 % of the poor rate.
SELECT code, name_vi, interest_rate_pct, legal_basis IS NOT NULL AS has_basis
  FROM povstat.credit_programme ORDER BY sort_order;
SELECT (SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'poor') * 1.2
         = (SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'near_poor') AS near_poor_120,
       (SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'poor') * 1.25
         = (SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'newly_out_of_poverty') AS newly_out_125;
-- user rows are dumped, shipped rows are not
SELECT extcondition[array_position(extconfig, 'povstat.credit_programme'::regclass)] AS extcondition
  FROM pg_extension WHERE extname = 'povstat';

-- A tiny ledger, balances by hand as of 2023-09-30 (events on that day count):
--   loan 1 poor:      +50,000,000 (2023-01-10) -10,000,000 (2023-06-01) [-5,000,000 on 2023-10-01: later]
--   loan 2 poor:      +30,000,000 (2022-05-05) -30,000,000 (2023-03-03)  -> 0
--   loan 3 near_poor: +40,000,000 (2023-02-02) write-off 4,000,000 (2023-09-30)
--   loan 4 students:  +4,000,000 x 3 (2023-01/02/03-15) -1 (2023-09-29)
--   loan 5 clean_water_sanitation: +20,000,000 on 2023-10-05 (later)
-- poor:      disbursed 80,000,000 repaid 40,000,000 outstanding 40,000,000, 1 loan
-- near_poor: disbursed 40,000,000 written off 4,000,000 outstanding 36,000,000, 1 loan
-- students:  disbursed 12,000,000 repaid 1 outstanding 11,999,999, 1 loan
-- total 87,999,999.  As of 2023-12-31: poor repaid 45,000,000, outstanding
-- 35,000,000; clean water 20,000,000; total 35,000,000 + 36,000,000 +
-- 11,999,999 + 20,000,000 = 102,999,999.
CREATE TABLE ledger (loan_id bigint, programme text, event_date date, event_kind text, amount bigint);
INSERT INTO ledger VALUES
  (1, 'poor', '2023-01-10', 'disbursement', 50000000),
  (1, 'poor', '2023-06-01', 'repayment', 10000000),
  (1, 'poor', '2023-10-01', 'repayment', 5000000),
  (2, 'poor', '2022-05-05', 'disbursement', 30000000),
  (2, 'poor', '2023-03-03', 'repayment', 30000000),
  (3, 'near_poor', '2023-02-02', 'disbursement', 40000000),
  (3, 'near_poor', '2023-09-30', 'write_off', 4000000),
  (4, 'students', '2023-01-15', 'disbursement', 4000000),
  (4, 'students', '2023-02-15', 'disbursement', 4000000),
  (4, 'students', '2023-03-15', 'disbursement', 4000000),
  (4, 'students', '2023-09-29', 'repayment', 1),
  (5, 'clean_water_sanitation', '2023-10-05', 'disbursement', 20000000);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
SELECT programme, repaid, outstanding, loans_outstanding
  FROM povstat.credit_balances('ledger', '2023-12-31');
-- before any event: no rows; the reconciliation total is 0
SELECT count(*) FROM povstat.credit_balances('ledger', '2000-01-01');

-- Reconciliation: 87,999,999 đồng is "88 triệu đồng" rounded; not 87.9.
SELECT * FROM povstat.credit_reconcile('ledger', '2023-09-30', 87999999);
SELECT * FROM povstat.credit_reconcile('ledger', '2023-09-30', 88, 1000000);
SELECT * FROM povstat.credit_reconcile('ledger', '2023-09-30', 87.9, 1000000);
SELECT * FROM povstat.credit_reconcile('ledger', '2023-12-31', 102999999);
SELECT * FROM povstat.credit_reconcile('ledger', '2000-01-01', 0);

-- Published figures: Tân Hưng district, outstanding balances 09/2023 in
-- triệu đồng: poor 1,460; near-poor 3,640; newly out of poverty 39,251;
-- students 6,420; clean water 19,812; job creation 28,040; total 98,623
-- (C00 = C01 + ... + C06).  A ledger with many loans per programme built to
-- those balances: n = balance div 30 loans of 40 M disbursed and 10 M repaid,
-- one loan for the remainder, fully repaid and written-off loans, and events
-- after the report date that must not count.
CREATE TABLE tan_hung_stated (programme text, million numeric);
INSERT INTO tan_hung_stated VALUES ('poor', 1460), ('near_poor', 3640),
  ('newly_out_of_poverty', 39251), ('students', 6420), ('clean_water_sanitation', 19812),
  ('job_creation', 28040);
CREATE TABLE tan_hung_ledger (loan_id text, programme varchar(40), event_date date,
                              event_kind varchar(20), amount numeric(18,0));
INSERT INTO tan_hung_ledger
  SELECT programme || '-' || i, programme, date '2022-01-01' + (i % 500), 'disbursement', 40000000
    FROM tan_hung_stated, generate_series(1, div(million, 30)::int) i
  UNION ALL
  SELECT programme || '-' || i, programme, date '2023-01-01' + (i % 200), 'repayment', 10000000
    FROM tan_hung_stated, generate_series(1, div(million, 30)::int) i
  UNION ALL
  SELECT programme || '-r', programme, date '2023-05-05', 'disbursement', (million % 30 + 1) * 1000000
    FROM tan_hung_stated
  UNION ALL
  SELECT programme || '-r', programme, date '2023-06-06', 'repayment', 1000000
    FROM tan_hung_stated
  UNION ALL
  SELECT programme || '-closed-' || i, programme, date '2021-03-03', 'disbursement', 25000000
    FROM tan_hung_stated, generate_series(1, 20) i
  UNION ALL
  SELECT programme || '-closed-' || i, programme, date '2023-03-03',
         CASE WHEN i % 4 = 0 THEN 'write_off' ELSE 'repayment' END, 25000000
    FROM tan_hung_stated, generate_series(1, 20) i
  UNION ALL
  SELECT programme || '-late-' || i, programme, date '2023-10-01' + i, 'disbursement', 7000000
    FROM tan_hung_stated, generate_series(1, 5) i;
SELECT count(*) AS ledger_rows FROM tan_hung_ledger;
SELECT b.programme, div(b.outstanding, 1000000) AS outstanding_million, s.million AS stated_million,
       b.outstanding = s.million * 1000000 AS equal
  FROM povstat.credit_balances('tan_hung_ledger', '2023-09-30') b
  JOIN tan_hung_stated s USING (programme)
 ORDER BY b.programme;
SELECT * FROM povstat.credit_reconcile('tan_hung_ledger', '2023-09-30', 98623, 1000000);
-- "98,623 triệu đồng" = 98.623 tỷ đồng
SELECT ok FROM povstat.credit_reconcile('tan_hung_ledger', '2023-09-30', 98.623, 1000000000);
-- the same balances by a plain-SQL formula of the definition
WITH f AS (
  SELECT programme::text,
         sum(amount) FILTER (WHERE event_kind = 'disbursement') AS disbursed,
         coalesce(sum(amount) FILTER (WHERE event_kind = 'repayment'), 0) AS repaid,
         coalesce(sum(amount) FILTER (WHERE event_kind = 'write_off'), 0) AS written_off
    FROM tan_hung_ledger WHERE event_date <= '2023-09-30' GROUP BY 1),
l AS (
  SELECT programme::text, count(*) AS loans
    FROM (SELECT loan_id, min(programme) AS programme,
                 sum(CASE WHEN event_kind = 'disbursement' THEN amount ELSE -amount END) AS bal
            FROM tan_hung_ledger WHERE event_date <= '2023-09-30' GROUP BY loan_id) x
   WHERE bal > 0 GROUP BY 1)
SELECT count(*) AS programmes,
       bool_and(b.disbursed = f.disbursed AND b.repaid = f.repaid AND b.written_off = f.written_off
                AND b.outstanding = f.disbursed - f.repaid - f.written_off
                AND b.loans_outstanding = l.loans) AS all_equal
  FROM povstat.credit_balances('tan_hung_ledger', '2023-09-30') b
  JOIN f USING (programme) JOIN l USING (programme);

-- A user-defined programme is accepted once in the catalog.
INSERT INTO povstat.credit_programme (code, name_vi, name_en)
  VALUES ('local_fund', 'Quỹ hỗ trợ địa phương', 'Local support fund');
INSERT INTO ledger VALUES (6, 'local_fund', '2023-04-04', 'disbursement', 3000000);
SELECT programme, outstanding FROM povstat.credit_balances('ledger', '2023-09-30')
 WHERE programme = 'local_fund';
DELETE FROM ledger WHERE loan_id = 6;
DELETE FROM povstat.credit_programme WHERE code = 'local_fund';

-- Names needing quotes, other schemas, views and temporary tables work.
CREATE SCHEMA "Sổ vay";
CREATE TABLE "Sổ vay"."ledger 2023" AS SELECT * FROM ledger;
SELECT programme, outstanding FROM povstat.credit_balances('"Sổ vay"."ledger 2023"', '2023-09-30');
CREATE VIEW ledger_view AS
  SELECT id AS loan_id, prog AS programme, d AS event_date, k AS event_kind, a AS amount
    FROM (VALUES (10::int, 'poor', date '2023-01-01', 'disbursement', 5::int)) v(id, prog, d, k, a);
SELECT programme, outstanding FROM povstat.credit_balances('ledger_view', '2023-09-30');
CREATE TEMP TABLE ledger_tmp AS SELECT * FROM ledger WHERE loan_id = 3;
SELECT programme, outstanding FROM povstat.credit_balances('ledger_tmp', '2023-09-30');

-- The caller's rights apply: a role that cannot read the ledger gets an error.
-- (regress_povstat_credit_reader is created by sql/setup.sql, or by the
-- harness when the suite runs as an ordinary role.)
SET ROLE regress_povstat_credit_reader;
SELECT * FROM povstat.credit_balances('public.ledger', '2023-09-30');
RESET ROLE;
GRANT SELECT ON ledger TO regress_povstat_credit_reader;
SET ROLE regress_povstat_credit_reader;
SELECT sum(outstanding) FROM povstat.credit_balances('public.ledger', '2023-09-30');
RESET ROLE;
REVOKE SELECT ON ledger FROM regress_povstat_credit_reader;

-- Bad input.
\set VERBOSITY default
-- NULL arguments: no rows / NULL result (STRICT)
SELECT count(*) FROM povstat.credit_balances(NULL, '2023-09-30');
SELECT * FROM povstat.credit_reconcile('ledger', NULL, 1);
SELECT * FROM povstat.credit_reconcile('ledger', '2023-09-30', 88, 0);
-- unknown programme code: 42704 naming it
BEGIN;
INSERT INTO ledger VALUES (7, 'poor_households', '2023-01-01', 'disbursement', 1);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
-- repayments above disbursements: 22023 naming the loan; only as of the date
BEGIN;
INSERT INTO ledger VALUES (8, 'poor', '2023-05-01', 'repayment', 100), (8, 'poor', '2023-06-01', 'disbursement', 100);
SAVEPOINT s;
SELECT * FROM povstat.credit_balances('ledger', '2023-05-31');
ROLLBACK TO SAVEPOINT s;
-- 40,000,000 + 100 - 100
SELECT programme, outstanding FROM povstat.credit_balances('ledger', '2023-06-30') WHERE programme = 'poor';
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (9, 'students', '2023-01-01', 'disbursement', 100), (9, 'students', '2023-02-01', 'repayment', 60),
                          (9, 'students', '2023-03-01', 'write_off', 41);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
-- unknown event kind, negative amount, NULLs, a loan under two programmes
BEGIN;
INSERT INTO ledger VALUES (10, 'poor', '2023-01-01', 'disbursment', 100);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (11, 'poor', '2023-01-01', 'disbursement', -100);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (12, 'poor', '2023-01-01', 'disbursement', NULL);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (NULL, 'poor', '2023-01-01', 'disbursement', 5);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (13, 'poor', NULL, 'disbursement', 5);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
BEGIN;
INSERT INTO ledger VALUES (1, 'near_poor', '2023-07-07', 'disbursement', 5);
SELECT * FROM povstat.credit_balances('ledger', '2023-09-30');
ROLLBACK;
-- a ledger that does not exist
SELECT * FROM povstat.credit_balances('ledger_frac', '2023-09-30');
-- fractional đồng in a numeric ledger
CREATE TABLE ledger_frac (loan_id int, programme text, event_date date, event_kind text, amount numeric);
INSERT INTO ledger_frac VALUES (1, 'poor', '2023-01-01', 'disbursement', 100.5);
SELECT * FROM povstat.credit_balances('ledger_frac', '2023-09-30');
-- ledgers not following the conventions
CREATE TABLE ledger_nocol (loan_id int, programme text, event_date date, amount bigint);
SELECT * FROM povstat.credit_balances('ledger_nocol', '2023-09-30');
CREATE TABLE ledger_ts (loan_id int, programme text, event_date timestamptz, event_kind text, amount bigint);
SELECT * FROM povstat.credit_balances('ledger_ts', '2023-09-30');
CREATE TABLE ledger_float (loan_id int, programme text, event_date date, event_kind text, amount float8);
SELECT * FROM povstat.credit_balances('ledger_float', '2023-09-30');
CREATE SEQUENCE not_a_ledger;
SELECT * FROM povstat.credit_balances('not_a_ledger', '2023-09-30');
-- catalog constraints
INSERT INTO povstat.credit_programme (code, name_vi, name_en) VALUES ('Bad Code', 'x', 'x');
INSERT INTO povstat.credit_programme (code, name_vi, name_en, interest_rate_pct) VALUES ('neg_rate', 'x', 'x', -1);
INSERT INTO povstat.credit_programme (code, name_vi, name_en) VALUES ('poor', 'x', 'x');
