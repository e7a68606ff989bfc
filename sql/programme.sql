-- Programme accounting: programme_summary.  (Coverage, achievement and
-- reduction progress: sql/reporting.)  Expected values: by hand (comments), published
-- figures (data/tan_hung/figures.csv) or the plain-SQL
-- formula (count, count(DISTINCT), sum over numeric, min, max).
SET search_path = public, povstat;
SET extra_float_digits = 0;

-- By hand: household 1 paid twice (500.000 + 300.000), household 2 once
-- (500.000): 3 payments, 2 households, total 1.300.000, mean 650.000.
-- NULL id or amount skips the row.
SELECT (programme_summary(id, amt)).*
  FROM (VALUES (1::bigint, 500000::bigint), (2, 500000), (1, 300000), (NULL, 5), (3, NULL)) v(id, amt);

-- Published: Tết allowance to 486 poor households at 500.000 đồng each is
-- 243.000.000 đồng (A01, A02); to 237 free-migrant households 118.500.000 (A03, A04).
SELECT payments(s), beneficiaries(s), total_amount(s), mean_per_beneficiary(s), min_amount(s), max_amount(s)
  FROM (SELECT programme_state(1000 + i, 500000) s FROM generate_series(1, 486) i) t;
SELECT total_amount(programme_state(i, 500000)) AS migrants_total FROM generate_series(1, 237) i;
-- Both groups at once: 723 households, 361.500.000 đồng; a household in
-- both lists (none here) would be counted once.
SELECT beneficiaries(merge(s)), total_amount(merge(s))
  FROM (SELECT programme_state(1000 + i, 500000) s FROM generate_series(1, 486) i
        UNION ALL SELECT programme_state(5000 + i, 500000) FROM generate_series(1, 237) i) t;

-- Per-row amounts near 2^63: 4 x 9223372036854775807 = 36893488147419103228
-- (exact; a bigint sum would overflow), mean per household (2 of them) is half.
SELECT total_amount(s) AS total, total_amount(s) = 36893488147419103228 AS exact,
       mean_per_beneficiary(s) = 18446744073709551614 AS mean_exact
  FROM (SELECT programme_state(i % 2, 9223372036854775807) s FROM generate_series(1, 4) i) t;

-- Generated ledger against plain SQL.
CREATE TABLE pay AS
  SELECT i AS row_id, (i::bigint * 7919) % 6000 + CASE WHEN i % 5 = 0 THEN (3::bigint << 32) ELSE 0 END AS hh,
         ((i * 37) % 1000 + 1) * 10000::bigint AS amount, i % 11 AS commune
    FROM generate_series(1, 30000) i;
WITH p AS (SELECT (programme_summary(hh, amount)).* FROM pay),
     q AS (SELECT count(*) n, count(DISTINCT hh) d, sum(amount::numeric) t, min(amount) lo, max(amount) hi FROM pay)
SELECT p.payments = q.n AS payments_ok, p.beneficiaries = q.d AS beneficiaries_ok,
       p.total = q.t AS total_ok, p.mean_per_beneficiary = q.t / q.d AS mean_ok,
       p.min_amount = q.lo AS min_ok, p.max_amount = q.hi AS max_ok, q.d AS households
  FROM p, q;
-- beneficiary_set is the household_set of the ledger
SELECT beneficiary_set(programme_state(hh, amount)) = household_set(hh) AS set_ok FROM pay;

-- The state: exact text round trip; merge of a split equals one pass.
SELECT s::text::programme_state::text = s::text AS text_round_trip
  FROM (SELECT programme_state(hh, amount) s FROM pay) t;
SELECT '(v=1,payments=3,total=1300000,min=300000,max=500000,households={1,2})'::programme_state;
WITH parts AS (SELECT commune, programme_state(hh, amount) s FROM pay GROUP BY commune)
SELECT programme_summary(merge(s)) = (SELECT programme_summary(hh, amount) FROM pay) AS merge_ok,
       sum(beneficiaries(s)) > beneficiaries(merge(s)) AS communes_share_households
  FROM parts;

-- Parallel plan equals serial plan.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT programme_summary(hh, amount) r FROM pay;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT programme_summary(hh, amount) FROM pay;
SELECT p.r = s.r AS parallel_equal FROM (SELECT programme_summary(hh, amount) r FROM pay) p, serial s;
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Many groups (hash aggregation) equal the plain-SQL figures per group.
SET enable_sort = off;
SELECT count(*) AS groups, bool_and(ok) AS all_equal
  FROM (SELECT row_id % 400 k,
               (programme_summary(hh, amount)).beneficiaries = count(DISTINCT hh)
               AND (programme_summary(hh, amount)).total = sum(amount) AS ok
          FROM pay GROUP BY 1) t;
RESET enable_sort;

-- Bad input.
\set VERBOSITY default
SELECT programme_summary(1, -500000);
SELECT programme_summary(-1, 500000);
-- inconsistent states: total outside [max + min (n - 1), min + max (n - 1)],
-- more households than payments, payments without households
SELECT '(v=1,payments=2,total=5,min=1,max=3,households={1})'::programme_state;
SELECT '(v=1,payments=1,total=3,min=3,max=3,households={1,2})'::programme_state;
SELECT '(v=1,payments=1,total=3,min=3,max=3,households={})'::programme_state;
SELECT '(v=1,payments=1,total=3,min=3,max=3)'::programme_state;
SELECT '(v=1,payments=1,total=170141183460469231731687303715884105728,min=3,max=3,households={1})'::programme_state;
-- overflow: (2^63 - 1) payments of 2^63 - 1 each is a valid state with
-- total (2^63 - 1)^2 = 85070591730234615847396907784232501249; two of them
-- exceed the payment count (and nearly 2^127 đồng): 22003
SELECT merge(s::programme_state) FROM (VALUES
  ('(v=1,payments=9223372036854775807,total=85070591730234615847396907784232501249,min=9223372036854775807,max=9223372036854775807,households={1})'),
  ('(v=1,payments=9223372036854775807,total=85070591730234615847396907784232501249,min=9223372036854775807,max=9223372036854775807,households={1})')) v(s);
