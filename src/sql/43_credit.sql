
-------------------------------------------------------------------------------
-- Social-policy credit (doc/credit.md)
--
-- A catalog of the lending programmes of the Vietnam Bank for Social Policies
-- (Ngân hàng Chính sách xã hội, NHCSXH / VBSP), and balances over a loan
-- ledger as of a date, with a reconciliation against a stated total.
-- Money is numeric đồng throughout: exact, no floating point.
-------------------------------------------------------------------------------

CREATE TABLE povstat.credit_programme (
  code              text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name_vi           text NOT NULL CHECK (name_vi <> ''),
  name_en           text NOT NULL CHECK (name_en <> ''),
  legal_basis       text,
  interest_rate_pct numeric(6,3) CHECK (interest_rate_pct >= 0 AND interest_rate_pct < 100),
  rate_note         text,
  sort_order        integer NOT NULL DEFAULT 1000,
  builtin           boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE povstat.credit_programme IS
  'Lending programmes of the Vietnam Bank for Social Policies (NHCSXH/VBSP). Rows shipped with povstat have builtin = true; rows you add (builtin false, the default) are kept by pg_dump. The ledger functions accept only codes listed here.';
COMMENT ON COLUMN povstat.credit_programme.code IS 'Programme code used in loan ledgers (lower case, digits, underscore).';
COMMENT ON COLUMN povstat.credit_programme.name_vi IS 'Vietnamese name as used by NHCSXH and district reports.';
COMMENT ON COLUMN povstat.credit_programme.name_en IS 'English name.';
COMMENT ON COLUMN povstat.credit_programme.legal_basis IS 'Main legal instrument(s) of the programme; NULL where not confirmed.';
COMMENT ON COLUMN povstat.credit_programme.interest_rate_pct IS 'Lending rate, percent per year, as published by NHCSXH (general rate where the programme has several; see rate_note); NULL where not confirmed.';
COMMENT ON COLUMN povstat.credit_programme.rate_note IS 'Source and scope of the rate; other rates within the programme.';
COMMENT ON COLUMN povstat.credit_programme.sort_order IS 'Order of programmes in reports (povstat.credit_balances).';
COMMENT ON COLUMN povstat.credit_programme.builtin IS 'True for rows installed by the extension (not dumped by pg_dump; do not set it on your own rows).';

GRANT SELECT ON povstat.credit_programme TO PUBLIC;

-- Rates: vbsp.org.vn "Lãi suất cho vay" (page seen 2025); near-poor = 120 %
-- and newly out of poverty = 125 % of the poor-household rate.
INSERT INTO povstat.credit_programme
  (code, name_vi, name_en, legal_basis, interest_rate_pct, rate_note, sort_order, builtin) VALUES
  ('poor', 'Cho vay hộ nghèo', 'Loans to poor households',
   'Nghị định 78/2002/NĐ-CP', 6.6, 'NHCSXH published rate (group I)', 10, true),
  ('near_poor', 'Cho vay hộ cận nghèo', 'Loans to near-poor households',
   'Quyết định 15/2013/QĐ-TTg', 7.92, 'NHCSXH published rate (group II); 120 % of the poor-household rate', 20, true),
  ('newly_out_of_poverty', 'Cho vay hộ mới thoát nghèo', 'Loans to households newly out of poverty',
   'Quyết định 28/2015/QĐ-TTg, sửa đổi bởi Quyết định 02/2021/QĐ-TTg', 8.25,
   'NHCSXH published rate (group III); 125 % of the poor-household rate; eligible up to 3 years after leaving the poor or near-poor list', 30, true),
  ('students', 'Cho vay học sinh, sinh viên có hoàn cảnh khó khăn', 'Loans to disadvantaged students (HSSV)',
   'Quyết định 157/2007/QĐ-TTg, sửa đổi bởi Quyết định 05/2022/QĐ-TTg', 6.6,
   'NHCSXH published rate (group IV); up to 4,000,000 đồng per student per month from 19/05/2022', 40, true),
  ('job_creation', 'Cho vay hỗ trợ tạo việc làm, duy trì và mở rộng việc làm', 'Job creation loans',
   'Nghị định 61/2015/NĐ-CP', 7.92,
   'NHCSXH published rate (group V); 3.96 % for ethnic-minority workers in especially difficult areas, people with disabilities, and businesses with >= 30 % such workers', 50, true),
  ('overseas_workers', 'Cho vay người lao động đi làm việc ở nước ngoài theo hợp đồng', 'Loans to workers going abroad on fixed-term contracts',
   NULL, 6.6,
   'NHCSXH published rate (group VI); 3.3 % for poor and ethnic-minority workers of poor districts (Quyết định 27/2019/QĐ-TTg)', 60, true),
  ('clean_water_sanitation', 'Cho vay nước sạch và vệ sinh môi trường nông thôn', 'Rural clean water and sanitation loans',
   'Quyết định 10/2024/QĐ-TTg', 9.0, 'NHCSXH published rate (group VII)', 70, true),
  ('difficult_area_business', 'Cho vay hộ gia đình sản xuất, kinh doanh tại vùng khó khăn', 'Loans to household businesses in disadvantaged areas',
   'Quyết định 17/2023/QĐ-TTg', 9.0, 'NHCSXH published rate (group VII)', 80, true),
  ('housing_poor', 'Cho vay hỗ trợ hộ nghèo về nhà ở', 'Housing loans to poor households',
   NULL, 3.0, 'NHCSXH published rate (group VII)', 90, true),
  ('forestry', 'Cho vay phát triển lâm nghiệp', 'Forestry development loans',
   NULL, 6.6, 'NHCSXH published rate (group VII)', 100, true),
  ('ethnic_minority_decree_28', 'Cho vay theo Nghị định 28/2022/NĐ-CP', 'Loans under Decree 28/2022 (ethnic-minority and mountainous areas programme)',
   'Nghị định 28/2022/NĐ-CP', 3.3, 'NHCSXH published rate; residential and production land, housing, change of occupation, value chains', 110, true);

-- User-added programmes survive pg_dump / restore; the shipped rows come
-- back from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('povstat.credit_programme', 'WHERE NOT builtin');

-- Shipped rows are read-only (see povstat.registry_guard in 21_standards.sql).
CREATE TRIGGER credit_programme_guard BEFORE INSERT OR UPDATE OR DELETE ON povstat.credit_programme
  FOR EACH ROW EXECUTE FUNCTION povstat.registry_guard();
COMMENT ON TRIGGER credit_programme_guard ON povstat.credit_programme IS
  'Built-in programmes are read-only; see povstat.registry_guard().';

-- Ledger conventions, checked by povstat.credit_ledger_relation:
--   loan_id     any type with equality and ordering (bigint, text, ...)
--   programme   text/varchar: a povstat.credit_programme code
--   event_date  date
--   event_kind  text/varchar: 'disbursement', 'repayment' or 'write_off'
--   amount      smallint/integer/bigint/numeric: whole đồng, >= 0
CREATE FUNCTION povstat.credit_ledger_relation(ledger regclass) RETURNS text
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = povstat, pg_catalog
AS $fn$
DECLARE
  rel text;
  kind "char";
  col record;
BEGIN
  SELECT format('%I.%I', n.nspname, c.relname), c.relkind INTO rel, kind
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = ledger;
  IF rel IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_table',
      MESSAGE = format('loan ledger relation with OID %s does not exist', ledger::oid),
      HINT = 'Pass the ledger by name, e.g. ''my_schema.loan_events''::regclass.';
  END IF;
  IF kind NOT IN ('r', 'v', 'm', 'f', 'p') THEN
    RAISE EXCEPTION USING ERRCODE = 'wrong_object_type',
      MESSAGE = format('%s is not a table, view, materialized view or foreign table', rel),
      HINT = 'Pass the relation that holds the loan events.';
  END IF;
  FOR col IN
    SELECT r.name, r.types, a.atttypid
      FROM (VALUES (1, 'loan_id', NULL::regtype[]),
                   (2, 'programme', '{text,varchar,bpchar}'::regtype[]),
                   (3, 'event_date', '{date}'::regtype[]),
                   (4, 'event_kind', '{text,varchar,bpchar}'::regtype[]),
                   (5, 'amount', '{int2,int4,int8,numeric}'::regtype[])) r(ord, name, types)
      LEFT JOIN pg_catalog.pg_attribute a
        ON a.attrelid = ledger AND a.attname = r.name AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY r.ord
  LOOP
    IF col.atttypid IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'undefined_column',
        MESSAGE = format('loan ledger %s has no column "%s"', rel, col.name),
        HINT = 'A loan ledger has columns loan_id, programme, event_date, event_kind, amount (doc/credit.md); wrap another layout in a view that renames its columns.';
    END IF;
    IF col.types IS NOT NULL AND NOT (col.atttypid::regtype = ANY (col.types)) THEN
      RAISE EXCEPTION USING ERRCODE = 'datatype_mismatch',
        MESSAGE = format('column "%s" of loan ledger %s has type %s', col.name, rel, col.atttypid::regtype),
        HINT = format('Use one of %s (doc/credit.md), casting in a view if needed.', col.types::text);
    END IF;
  END LOOP;
  RETURN rel;
END
$fn$;
COMMENT ON FUNCTION povstat.credit_ledger_relation(regclass) IS
  'Checks that a relation follows the loan-ledger conventions (columns loan_id, programme, event_date date, event_kind, amount whole đồng) and returns its quoted, schema-qualified name; support function of povstat.credit_balances.';

-- Validation of a ledger as of a date: the first problem, or no row.
CREATE FUNCTION povstat.credit_ledger_check(ledger regclass, as_of date)
  RETURNS void
  LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
  SET search_path = povstat, pg_catalog
AS $fn$
DECLARE
  rel text := povstat.credit_ledger_relation(ledger);
  p record;
  n bigint;
BEGIN
  EXECUTE format($q$
    WITH loans AS (
      SELECT loan_id,
             min(CASE WHEN programme IS NULL THEN 'programme'
                      WHEN event_kind IS NULL THEN 'event_kind'
                      WHEN amount IS NULL THEN 'amount'
                      WHEN event_date IS NULL THEN 'event_date' END) AS null_column,
             min(event_kind::text) FILTER (WHERE event_kind::text NOT IN ('disbursement', 'repayment', 'write_off')) AS bad_kind,
             min(amount::numeric) FILTER (WHERE amount < 0 OR amount::numeric <> trunc(amount::numeric)) AS bad_amount,
             min(programme::text) AS prog, max(programme::text) AS prog2,
             coalesce(sum(amount::numeric) FILTER (WHERE event_kind::text = 'disbursement'), 0) AS disbursed,
             coalesce(sum(amount::numeric) FILTER (WHERE event_kind::text IN ('repayment', 'write_off')), 0) AS paid
        FROM %s
       WHERE event_date <= $1 OR event_date IS NULL
       GROUP BY loan_id)
    SELECT l.loan_id IS NULL AS null_loan, l.loan_id::text AS loan, l.null_column, l.bad_kind,
           l.bad_amount, l.prog, l.prog2, l.disbursed, l.paid,
           l.prog IS NOT NULL AND NOT EXISTS (SELECT 1 FROM povstat.credit_programme c WHERE c.code = l.prog) AS unknown_programme
      FROM loans l
     WHERE l.loan_id IS NULL OR l.null_column IS NOT NULL OR l.bad_kind IS NOT NULL
        OR l.bad_amount IS NOT NULL OR l.prog <> l.prog2 OR l.paid > l.disbursed
        OR NOT EXISTS (SELECT 1 FROM povstat.credit_programme c WHERE c.code = l.prog)
     ORDER BY (l.loan_id IS NULL) DESC, (l.null_column IS NOT NULL) DESC, (l.bad_kind IS NOT NULL) DESC,
              (l.bad_amount IS NOT NULL) DESC, coalesce(l.prog <> l.prog2, false) DESC,
              coalesce(l.prog IS NOT NULL AND NOT EXISTS (SELECT 1 FROM povstat.credit_programme c
                                                           WHERE c.code = l.prog), false) DESC,
              l.loan_id
     LIMIT 1 $q$, rel)
    INTO p USING as_of;
  GET DIAGNOSTICS n = ROW_COUNT;	-- EXECUTE does not set FOUND
  IF n = 0 THEN
    RETURN;
  END IF;
  IF p.null_loan THEN
    RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed',
      MESSAGE = format('loan ledger %s has an event with a NULL loan_id', rel),
      HINT = 'Every ledger event must name its loan.';
  ELSIF p.null_column IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed',
      MESSAGE = format('loan %s in ledger %s has an event with a NULL %s', p.loan, rel, p.null_column),
      HINT = 'Ledger events need programme, event_date, event_kind and amount; fix or remove the row.';
  ELSIF p.bad_kind IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('unknown event kind "%s" for loan %s in ledger %s', p.bad_kind, p.loan, rel),
      HINT = 'event_kind must be ''disbursement'', ''repayment'' or ''write_off''.';
  ELSIF p.bad_amount IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('amount %s of loan %s in ledger %s is not a whole number of đồng >= 0', p.bad_amount, p.loan, rel),
      HINT = 'Record amounts in đồng as non-negative integers; the event kind gives the direction.';
  ELSIF p.prog <> p.prog2 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('loan %s in ledger %s is recorded under programmes "%s" and "%s"', p.loan, rel, p.prog, p.prog2),
      HINT = 'A loan belongs to one programme; give a loan moved to another programme a new loan_id.';
  ELSIF p.unknown_programme THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_object',
      MESSAGE = format('credit programme "%s" (loan %s in ledger %s) does not exist', p.prog, p.loan, rel),
      HINT = 'See SELECT code FROM povstat.credit_programme; add a local programme with INSERT INTO povstat.credit_programme.';
  ELSE
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('loan %s in ledger %s has repayments and write-offs of %s đồng, more than its disbursements of %s đồng as of %s',
                       p.loan, rel, p.paid, p.disbursed, to_char(as_of, 'YYYY-MM-DD')),
      HINT = 'Check the loan''s events and their dates: a repayment cannot precede the money it repays.';
  END IF;
END
$fn$;
COMMENT ON FUNCTION povstat.credit_ledger_check(regclass, date) IS
  'Raises an error for the first problem in a loan ledger as of a date (NULL fields, unknown event kind, negative or fractional amount, a loan under two programmes, unknown programme code (42704), repayments and write-offs above disbursements); returns nothing when the ledger is sound.';

CREATE FUNCTION povstat.credit_balances(ledger regclass, as_of date)
  RETURNS TABLE (programme text, name_vi text, name_en text, disbursed numeric,
                 repaid numeric, written_off numeric, outstanding numeric,
                 loans_outstanding bigint)
  LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
  SET search_path = povstat, pg_catalog
AS $fn$
DECLARE
  rel text := povstat.credit_ledger_relation(ledger);
BEGIN
  -- A STABLE function reads the ledger twice under one snapshot.
  PERFORM povstat.credit_ledger_check(ledger, as_of);
  RETURN QUERY EXECUTE format($q$
    WITH loans AS (
      SELECT loan_id, min(programme::text) AS prog,
             coalesce(sum(amount::numeric) FILTER (WHERE event_kind::text = 'disbursement'), 0) AS d,
             coalesce(sum(amount::numeric) FILTER (WHERE event_kind::text = 'repayment'), 0) AS r,
             coalesce(sum(amount::numeric) FILTER (WHERE event_kind::text = 'write_off'), 0) AS w
        FROM %s
       WHERE event_date <= $1
       GROUP BY loan_id)
    SELECT c.code, c.name_vi, c.name_en, sum(l.d), sum(l.r), sum(l.w), sum(l.d - l.r - l.w),
           count(*) FILTER (WHERE l.d - l.r - l.w > 0)
      FROM loans l JOIN povstat.credit_programme c ON c.code = l.prog
     GROUP BY c.code, c.name_vi, c.name_en, c.sort_order
     ORDER BY c.sort_order, c.code $q$, rel)
    USING as_of;
END
$fn$;
COMMENT ON FUNCTION povstat.credit_balances(regclass, date) IS
  'Balances of a loan ledger as of a date (events dated <= as_of), one row per programme with events: disbursed, repaid, written off and outstanding (exact numeric đồng), and the number of loans with an outstanding balance. Validates the ledger first (povstat.credit_ledger_check). Runs with the caller''s rights.';

CREATE FUNCTION povstat.credit_reconcile(ledger regclass, as_of date, stated numeric,
                                         unit numeric DEFAULT 1,
                                         OUT computed_total numeric, OUT stated_total numeric,
                                         OUT difference numeric, OUT ok boolean)
  LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
  SET search_path = povstat, pg_catalog
AS $fn$
BEGIN
  IF unit <= 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('unit %s is not > 0', unit),
      HINT = 'Pass the unit the stated total is written in: 1 (đồng), 1000000 (triệu đồng), 1000000000 (tỷ đồng).';
  END IF;
  SELECT coalesce(sum(b.outstanding), 0) INTO computed_total
    FROM povstat.credit_balances(ledger, as_of) b;
  stated_total := stated * unit;
  difference := computed_total - stated_total;
  -- the report states the total rounded (half away from zero) to its own digits
  ok := round(computed_total / unit, scale(stated)) = stated;
END
$fn$;
COMMENT ON FUNCTION povstat.credit_reconcile(regclass, date, numeric, numeric) IS
  'Checks a stated total outstanding against a loan ledger as of a date: computed_total = sum of programme balances (đồng), stated_total = stated x unit (đồng), difference = computed - stated (đồng), ok = the computed total rounded half away from zero to the digits of stated (in unit) equals stated. E.g. stated 98623, unit 1000000 for "98.623 triệu đồng".';
