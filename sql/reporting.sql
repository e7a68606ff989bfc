-- Coverage, achievement, reduction progress and report number formats.
-- Expected values by hand in comments.
SET extra_float_digits = 0;

-- Vietnamese: "." groups thousands, "," marks decimals; English the reverse.
SELECT povstat.format_number(98623, 0, 'vi') AS vi,          -- 98.623
       povstat.format_number(98623, 0, 'en') AS en,          -- 98,623
       povstat.format_number(4.69, 2, 'vi') AS pct_vi,       -- 4,69
       povstat.format_number(4.69, 2, 'en') AS pct_en,       -- 4.69
       povstat.format_number(243000000, 0) AS default_vi;    -- 243.000.000
-- rounding half away from zero: 4.685 -> 4.69, -4.685 -> -4.69, 0.5 -> 1, -0.5 -> -1
SELECT povstat.format_number(4.685, 2) a, povstat.format_number(-4.685, 2) b,
       povstat.format_number(0.5, 0) c, povstat.format_number(-0.5, 0) d,
       povstat.format_number(-0.004, 2) e,                   -- rounds to zero: no minus sign
       povstat.format_number(-1234567.891, 1, 'en') f,       -- -1,234,567.9
       povstat.format_number(999.999, 2) g,                  -- 1.000,00
       povstat.format_number(123456789012345678901234567890, 0) h;
SELECT povstat.format_percent(4.69, 2) AS vi, povstat.format_percent(6.2287, 2, 'en') AS en,
       povstat.format_percent(151.1037, 0) AS whole;         -- 4,69%  6.23%  151%
SELECT povstat.format_money(98623000000, 'million') AS c00,               -- 98.623 triệu đồng
       povstat.format_money(98623000000, 'million', 'en') AS c00_en,      -- 98,623 million VND
       povstat.format_money(243000000, 'dong') AS a02,                    -- 243.000.000 đồng
       povstat.format_money(9000000000, 'tỷ') AS a09,                     -- 9 tỷ đồng
       povstat.format_money(2110000000, 'billion', 'vi', 2) AS h02;       -- 2,11 tỷ đồng

-- Achievement: 2259 placements against a plan of 1495: 225900 / 1495 = 151.10...
SELECT round(povstat.achievement_pct(2259, 1495), 4) AS exact4,
       povstat.achievement_pct(2259, 1495, 0) AS rounded,     -- 151
       povstat.achievement_pct(2259, 1500, 0) AS plan1500,    -- 150.6 -> 151
       povstat.achievement_pct(2259, 1501, 0) AS plan1501,    -- 150.499... -> 150
       povstat.achievement_pct(1, 8, 1) AS half_up;           -- 12.5 -> 12.5 (one decimal)

-- Reduction progress: baseline 630, now 483, target -50 %:
-- reduced 147, 14700/630 = 23.333...%, target count 315, remaining 483 - 315 = 168, not met
SELECT (p).reduced, round((p).reduced_pct, 4) AS reduced_pct, (p).target_count, (p).remaining, (p).met
  FROM (SELECT povstat.reduction_progress(630, 483, 50) p) t;
-- odd baseline: 561 * 50 % = 280.5 allowed; 280 meets it, 281 does not (remaining 1)
SELECT (povstat.reduction_progress(561, 280, 50)).met AS met_280,
       (povstat.reduction_progress(561, 281, 50)).met AS met_281,
       (povstat.reduction_progress(561, 281, 50)).remaining AS remaining_281,
       (povstat.reduction_progress(100, 120, 50)).reduced AS increase;   -- -20

-- Coverage: 3 of 4 reached (one NULL status left out and counted apart)
SELECT povstat.coverage(r) AS rate, povstat.unknown_status(povstat.coverage_state(r)) AS unknown
  FROM (VALUES (true), (true), (false), (true), (NULL)) v(r);
-- weighted by members: reached 2 + 3 = 5 of 2 + 3 + 5 = 10 persons
SELECT povstat.coverage(r, m) FROM (VALUES (true, 2.0::float8), (true, 3), (false, 5)) v(r, m);
-- empty input gives NULL; a zero-weight row is absent (0 of 1 reached)
SELECT povstat.coverage(r) FROM (VALUES (true)) v(r) WHERE false;
SELECT povstat.coverage(r, w) FROM (VALUES (true, 0.0::float8), (false, 1)) v(r, w);

-- generated data against plain SQL; state round trip; merge; parallel
CREATE TABLE cov AS SELECT i, (i % 7 <> 0) AS reached, 1 + i % 4 AS members, i % 13 AS commune
  FROM generate_series(1, 30000) i;
SELECT povstat.coverage(reached, members) = sum(members) FILTER (WHERE reached)::float8 / sum(members) AS equal_plain
  FROM cov;
SELECT s::text::povstat.coverage_state::text = s::text AS round_trip
  FROM (SELECT povstat.coverage_state(reached, members) s FROM cov) t;
SELECT povstat.coverage(povstat.merge(s)) = (SELECT povstat.coverage(reached, members) FROM cov) AS merge_equal
  FROM (SELECT commune, povstat.coverage_state(reached, members) s FROM cov GROUP BY commune) t;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT povstat.coverage(reached) FROM cov;
SELECT abs(povstat.coverage(reached) - 25715.0::float8 / 30000) < 1e-15 AS parallel_equal FROM cov;  -- 30000 - floor(30000/7) = 30000 - 4285 = 25715
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET force_parallel_mode;

-- Bad input
\set VERBOSITY default
SELECT povstat.format_number(1, 0, 'fr');
SELECT povstat.format_number(1, -1, 'vi');
SELECT povstat.format_number('NaN', 0, 'vi');
SELECT povstat.format_money(1, 'dollar');
SELECT povstat.achievement_pct(10, 0);
SELECT povstat.reduction_progress(0, 5, 50);
SELECT povstat.reduction_progress(10, 5, 150);
SELECT povstat.coverage(true, -1.0::float8);
SELECT '(v=1,rows=1,reached_rows=2,unknown_rows=0,eligible=1,eligible_c=0,reached=1,reached_c=0)'::povstat.coverage_state;
SELECT '(v=1,rows=1)'::povstat.coverage_state;
-- NULL in, NULL out
SELECT povstat.format_number(NULL, 0, 'vi') IS NULL AS null_number, povstat.achievement_pct(NULL, 5) IS NULL AS null_pct;
