-- pgTAP: limits of the state types (doc/robustness.md, Findings): merging
-- stored states whose counts or sums leave the range is an error (22003),
-- never a wrapped count or an infinite sum; a state input whose cutoff is
-- out of range is refused before any conversion; a household_set of
-- billions of ids prints in ranges of at most 2^32 ids (the input's limit)
-- without walking them one by one.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS povstat;
SET LOCAL search_path = public, povstat;
SELECT plan(17);

-- counts at the top of bigint: 2^63 - 1 plus 1 overflows
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,rows=9223372036854775807,reached_rows=0,unknown_rows=0,eligible=2,eligible_c=0,reached=0,reached_c=0)'::povstat.coverage_state),
  ('(v=1,rows=1,reached_rows=1,unknown_rows=0,eligible=2,eligible_c=0,reached=2,reached_c=0)')) v(s)$$,
  '22003', NULL, 'coverage_state: merged row count beyond bigint is an error');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,rows=0,reached_rows=0,unknown_rows=9223372036854775807,eligible=0,eligible_c=0,reached=0,reached_c=0)'::povstat.coverage_state),
  ('(v=1,rows=0,reached_rows=0,unknown_rows=1,eligible=0,eligible_c=0,reached=0,reached_c=0)')) v(s)$$,
  '22003', NULL, 'coverage_state: merged unknown-status count beyond bigint is an error');
-- weights 1e308 + 1e308 leave float8 (max about 1.8e308)
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,rows=1,reached_rows=1,unknown_rows=0,eligible=1e308,eligible_c=0,reached=1e308,reached_c=0)'::povstat.coverage_state),
  ('(v=1,rows=1,reached_rows=1,unknown_rows=0,eligible=1e308,eligible_c=0,reached=1e308,reached_c=0)')) v(s)$$,
  '22003', NULL, 'coverage_state: merged weight sum beyond float8 is an error');
SELECT throws_ok($$SELECT povstat.coverage(true, 1e308::float8) FROM generate_series(1, 2)$$,
  '22003', NULL, 'coverage: rows whose weights sum beyond float8 give an error, not NaN');
SELECT throws_ok($$SELECT povstat.coverage_state(true, 1e308::float8)::text FROM generate_series(1, 2)$$,
  '22003', NULL, 'coverage_state: a state with an infinite sum is not printed');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=9223372036854775807,positive_rows=1,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=2,wy_c=0,wy2=4,wy2_c=0,wlog=0.6931471805599453,wlog_c=0,wylog=1.3862943611198906,wylog_c=0,wpow=0,wpow_c=0)'::povstat.moments_state),
  ('(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=1,weight=1,weight_c=0,weight_positive=1,weight_positive_c=0,wy=2,wy_c=0,wy2=4,wy2_c=0,wlog=0.6931471805599453,wlog_c=0,wylog=1.3862943611198906,wylog_c=0,wpow=0,wpow_c=0)')) v(s)$$,
  '22003', NULL, 'moments_state: merged row count beyond bigint is an error');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=1,weight=1e308,weight_c=0,weight_positive=1e308,weight_positive_c=0,wy=2,wy_c=0,wy2=4,wy2_c=0,wlog=0.6931471805599453,wlog_c=0,wylog=1.3862943611198906,wylog_c=0,wpow=0,wpow_c=0)'::povstat.moments_state),
  ('(v=1,kind=0,log=1,pow=0,param=0,power=0,rows=1,positive_rows=1,weight=1e308,weight_c=0,weight_positive=1e308,weight_positive_c=0,wy=2,wy_c=0,wy2=4,wy2_c=0,wlog=0.6931471805599453,wlog_c=0,wylog=1.3862943611198906,wylog_c=0,wpow=0,wpow_c=0)')) v(s)$$,
  '22003', NULL, 'moments_state: merged weight sum beyond float8 is an error');
SELECT throws_ok($$SELECT povstat.merge(s) FROM (VALUES
  ('(v=1,weighted=1,target=0,poor_rows=1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0,poor=1e308,poor_c=0,near_poor=0,near_poor_c=0,average=0,average_c=0,better_off=0,better_off_c=0,unclassified=0,unclassified_c=0)'::povstat.profile_state),
  ('(v=1,weighted=1,target=0,poor_rows=1,near_poor_rows=0,average_rows=0,better_off_rows=0,unclassified_rows=0,poor=1e308,poor_c=0,near_poor=0,near_poor_c=0,average=0,average_c=0,better_off=0,better_off_c=0,unclassified=0,unclassified_c=0)')) v(s)$$,
  '22003', NULL, 'profile_state: merged weight sum beyond float8 is an error');
SELECT throws_ok($$SELECT povstat.profile_state('poor'::povstat.hh_class, 1e308::float8)::text FROM generate_series(1, 2)$$,
  '22003', NULL, 'profile_state: a state with an infinite weight sum is not printed');

-- an integer-cutoff mpi_state whose k is far outside int: refused (22P02)
SELECT throws_ok($$SELECT '(v=1,int=1,equal=1,weighted=0,n=12,k=1e300,k_count=3,rows=0,poor_rows=0,v1=0.08333333333333333,rows1=0,poor_rows1=0,v2=0.08333333333333333,rows2=0,poor_rows2=0,v3=0.08333333333333333,rows3=0,poor_rows3=0,v4=0.08333333333333333,rows4=0,poor_rows4=0,v5=0.08333333333333333,rows5=0,poor_rows5=0,v6=0.08333333333333333,rows6=0,poor_rows6=0,v7=0.08333333333333333,rows7=0,poor_rows7=0,v8=0.08333333333333333,rows8=0,poor_rows8=0,v9=0.08333333333333333,rows9=0,poor_rows9=0,v10=0.08333333333333333,rows10=0,poor_rows10=0,v11=0.08333333333333333,rows11=0,poor_rows11=0,v12=0.08333333333333333,rows12=0,poor_rows12=0)'::povstat.mpi_state$$,
  '22P02', NULL, 'mpi_state: integer cutoff k = 1e300 is refused');

-- household_set printing.  Islands of consecutive ids by plain SQL (gaps and
-- islands: id - row_number() is constant within a run) over 3 million ids
-- with every 100000th missing, and a run across the 2^32 bucket boundary.
CREATE TEMP TABLE hs_ids AS
  SELECT i::bigint AS id FROM generate_series(1, 3000000) i WHERE i % 100000 <> 0
  UNION ALL SELECT i FROM generate_series(4294960000, 4294980000) i
  UNION ALL SELECT 4294990000;
SELECT is((SELECT povstat.household_set(id)::text FROM hs_ids),
          (SELECT '{' || string_agg(CASE WHEN lo = hi THEN lo::text ELSE lo || '-' || hi END, ',' ORDER BY lo) || '}'
             FROM (SELECT min(id) lo, max(id) hi
                     FROM (SELECT id, id - row_number() OVER (ORDER BY id) g FROM hs_ids) t GROUP BY g) r),
          'household_set text: runs (short, long, across buckets) equal the islands of plain SQL');

-- 2^33 + 409 ids: each printed range holds at most 2^32 ids, so the text reads back
SET LOCAL statement_timeout = '5s';
SELECT is('{0-4294967295,4294967296-8589934591,8589934592-8589935000}'::povstat.household_set::text,
          '{0-4294967295,4294967296-8589934591,8589934592-8589935000}',
          'household_set text: a run of 2^33 + 409 ids prints in ranges of at most 2^32 ids');
-- one run 4294966000 .. 8589936000 (4294970001 ids): split after 2^32 ids,
-- 4294966000 + 4294967296 - 1 = 8589933295
SELECT is('{4294966000-4294967295,4294967296-8589934591,8589934592-8589936000}'::povstat.household_set::text,
          '{4294966000-8589933295,8589933296-8589936000}',
          'household_set text: a run across two buckets is split at 2^32 ids');
SELECT is(povstat.cardinality(s::text::povstat.household_set), povstat.cardinality(s),
          'household_set text: the split run reads back with the same cardinality')
  FROM (SELECT '{4294966000-4294967295,4294967296-8589934591,8589934592-8589936000}'::povstat.household_set s) v;
SELECT ok(s::text::povstat.household_set <@ s AND s <@ s::text::povstat.household_set,
          'household_set text: the split run reads back to the same set')
  FROM (SELECT '{4294966000-4294967295,4294967296-8589934591,8589934592-8589936000}'::povstat.household_set s) v;
SELECT is('{0-4294967295}'::povstat.household_set::text, '{0-4294967295}',
          'household_set text: a full bucket prints within the statement timeout');
SELECT is('{5-5000,5002-1000000,1000002}'::povstat.household_set::text, '{5-5000,5002-1000000,1000002}',
          'household_set text: runs ending at the last container of a bucket');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
