-- pgTAP: social-policy credit catalog and ledger functions.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SELECT plan(11);

SELECT has_table('povstat', 'credit_programme', 'programme catalog exists');
SELECT ok((SELECT count(*) >= 10 FROM povstat.credit_programme WHERE builtin), 'at least ten shipped programmes');
SELECT set_has('SELECT code FROM povstat.credit_programme',
               $$VALUES ('poor'), ('near_poor'), ('newly_out_of_poverty'), ('students'),
                        ('clean_water_sanitation'), ('job_creation'), ('overseas_workers')$$,
               'the programmes of district reports are present');
SELECT is((SELECT interest_rate_pct FROM povstat.credit_programme WHERE code = 'poor'), 6.6::numeric(6,3),
          'poor-household rate 6.6 %');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'povstat'::regnamespace
              AND p.proname LIKE 'credit%' AND (p.prosecdef OR p.proconfig IS NULL)),
          0::bigint, 'credit functions pin search_path and are not SECURITY DEFINER');

CREATE TEMP TABLE l (loan_id int, programme text, event_date date, event_kind text, amount bigint);
INSERT INTO l VALUES (1, 'poor', '2023-01-01', 'disbursement', 1000), (1, 'poor', '2023-02-01', 'repayment', 300),
                     (2, 'students', '2023-01-01', 'disbursement', 500), (2, 'students', '2023-03-01', 'write_off', 500);
-- poor 1000 - 300 = 700 (1 loan); students 500 - 500 = 0 (0 loans); total 700
SELECT results_eq($$SELECT programme, outstanding, loans_outstanding FROM povstat.credit_balances('l', '2023-12-31')$$,
                  $$VALUES ('poor', 700::numeric, 1::bigint), ('students', 0::numeric, 0::bigint)$$,
                  'balances by hand');
SELECT is((SELECT ok FROM povstat.credit_reconcile('l', '2023-12-31', 700)), true, 'reconciles with 700');
SELECT is((SELECT difference FROM povstat.credit_reconcile('l', '2023-12-31', 701)), -1::numeric, 'difference -1');

INSERT INTO l VALUES (3, 'no_such_programme', '2023-01-01', 'disbursement', 1);
SELECT throws_ok($$SELECT * FROM povstat.credit_balances('l', '2023-12-31')$$, '42704', NULL,
                 'unknown programme code: 42704');
DELETE FROM l WHERE loan_id = 3;
INSERT INTO l VALUES (4, 'poor', '2023-01-01', 'repayment', 1);
SELECT throws_ok($$SELECT * FROM povstat.credit_balances('l', '2023-12-31')$$, '22023', NULL,
                 'repayment without disbursement: 22023');
DELETE FROM l WHERE loan_id = 4;
INSERT INTO l VALUES (5, 'poor', '2023-01-01', 'refund', 1);
SELECT throws_ok($$SELECT * FROM povstat.credit_balances('l', '2023-12-31')$$, '22023', NULL,
                 'unknown event kind: 22023');

SELECT * FROM finish();
ROLLBACK;
