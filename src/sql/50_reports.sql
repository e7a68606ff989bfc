-------------------------------------------------------------------------------
-- District reports (doc/reports.md)
--
-- Report functions over the user's own tables, passed as regclass and read
-- through documented column names (the conventions below), so that a BI
-- tool or a scheduled job gets plain scalar columns.  They are built only on
-- povstat's types, functions and aggregates: classification by
-- povstat.classify, counts by povstat.class_profile, movements by
-- povstat.transitions, beneficiaries by povstat.programme_summary, and so on.
--
-- Register convention (one row per household and review):
--   household_id bigint, commune_id int, area povstat.area, members int,
--   income numeric (monthly income per capita), d01 .. d12 boolean
--   (deprivation indicators in the standard's order), social_protection
--   boolean, free_migrant boolean, exited_before boolean (had been poor and
--   exited before this review).  Extra columns are ignored.
--
-- The functions run with the caller's rights (no SECURITY DEFINER), quote
-- the table name through regclass output (format %s of a regclass is a
-- properly quoted, schema-qualified name when needed) and pin search_path.
-------------------------------------------------------------------------------

-- Classified register: each household with its class under a standard.
CREATE FUNCTION povstat.report_classified(register regclass, standard text DEFAULT 'VN-2022-2025')
  RETURNS TABLE (household_id bigint, commune_id int, area povstat.area, members int, income numeric,
                 deprivations povstat.deprivations, cls povstat.hh_class,
                 social_protection boolean, free_migrant boolean, exited_before boolean)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  missing text[];
BEGIN
  SELECT array_agg(c ORDER BY c) INTO missing
    FROM unnest(ARRAY['household_id', 'commune_id', 'area', 'members', 'income', 'd01', 'd02', 'd03', 'd04',
                      'd05', 'd06', 'd07', 'd08', 'd09', 'd10', 'd11', 'd12', 'social_protection',
                      'free_migrant', 'exited_before']) c
   WHERE NOT EXISTS (SELECT FROM pg_attribute a
                      WHERE a.attrelid = register AND a.attname = c AND a.attnum > 0 AND NOT a.attisdropped);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'table % is not a povstat register: missing column(s) %', register, array_to_string(missing, ', ')
      USING ERRCODE = 'undefined_column',
            HINT = 'A register has household_id, commune_id, area, members, income, d01..d12, social_protection, free_migrant, exited_before (doc/reports.md).';
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT r.household_id::bigint, r.commune_id::int, r.area, r.members::int, r.income::numeric, x.deps,
            povstat.classify(r.income::numeric, r.area, x.deps, $1),
            r.social_protection, r.free_migrant, r.exited_before
       FROM %s r
       CROSS JOIN LATERAL (SELECT povstat.deprivations(r.d01, r.d02, r.d03, r.d04, r.d05, r.d06,
                                                       r.d07, r.d08, r.d09, r.d10, r.d11, r.d12)) x(deps)',
    register) USING standard;
END
$f$;
COMMENT ON FUNCTION povstat.report_classified(regclass, text) IS
  'Rows of a register table (doc/reports.md convention: household_id, commune_id, area, members, income, d01..d12, social_protection, free_migrant, exited_before) with their deprivation set and class under a standard (default VN-2022-2025).';

-- Lines of a standard as numbers, read once per call (not per row).
CREATE FUNCTION povstat.report_lines(standard text, OUT rural_line numeric, OUT urban_line numeric)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
BEGIN
  SELECT s.rural_poverty_line, s.urban_poverty_line INTO rural_line, urban_line
    FROM povstat.standard s WHERE s.name = standard;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown poverty standard "%"', standard
      USING ERRCODE = 'undefined_object',
            HINT = 'Known standards: ' || (SELECT string_agg(s.name, ', ' ORDER BY s.name) FROM povstat.standard s) || '.';
  END IF;
END
$f$;
COMMENT ON FUNCTION povstat.report_lines(text) IS
  'Rural and urban poverty lines of a registered standard (povstat.standard); unknown standard: ERROR 42704 listing the known ones.';

-- Poverty by commune and district for one review.
CREATE FUNCTION povstat.report_poverty(register regclass, standard text DEFAULT 'VN-2022-2025')
  RETURNS TABLE (commune_id int, households bigint, poor bigint, near_poor bigint, average bigint,
                 better_off bigint, poor_pct float8, near_poor_pct float8, multidimensional_pct float8,
                 poor_social_protection bigint, persons bigint, poor_persons bigint,
                 poverty_gap float8, poverty_severity float8)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  l record;
BEGIN
  l := povstat.report_lines(standard);
  RETURN QUERY
  SELECT c.commune_id,
         count(*), count(*) FILTER (WHERE c.cls = 'poor'), count(*) FILTER (WHERE c.cls = 'near_poor'),
         count(*) FILTER (WHERE c.cls = 'average'), count(*) FILTER (WHERE c.cls = 'better_off'),
         100 * (count(*) FILTER (WHERE c.cls = 'poor'))::float8 / count(*),
         100 * (count(*) FILTER (WHERE c.cls = 'near_poor'))::float8 / count(*),
         100 * (count(*) FILTER (WHERE c.cls <= 'near_poor'))::float8 / count(*),
         count(*) FILTER (WHERE c.cls = 'poor' AND c.social_protection),
         sum(c.members)::bigint, (sum(c.members) FILTER (WHERE c.cls = 'poor'))::bigint,
         povstat.poverty_gap(c.income::float8, CASE c.area WHEN 'urban' THEN l.urban_line ELSE l.rural_line END::float8),
         povstat.poverty_severity(c.income::float8, CASE c.area WHEN 'urban' THEN l.urban_line ELSE l.rural_line END::float8)
    FROM povstat.report_classified(register, standard) c
   GROUP BY GROUPING SETS ((c.commune_id), ())
   ORDER BY c.commune_id NULLS LAST;
END
$f$;
COMMENT ON FUNCTION povstat.report_poverty(regclass, text) IS
  'Poverty by commune for one review register (doc/reports.md convention), with a district row (commune_id NULL): households, each class, rates in percent of all registered households (unrounded), social-protection poor, persons, income FGT1/FGT2 against the standard''s line.';

-- Movements between two reviews, by commune and district.
CREATE FUNCTION povstat.report_transitions(before regclass, after regclass, standard text DEFAULT 'VN-2022-2025')
  RETURNS TABLE (commune_id int, households_start float8, households_end float8,
                 households_entered float8, households_left float8,
                 poor_start float8, poor_remained float8, poor_exited float8,
                 poor_exited_to_near_poor float8, poor_exited_above_near_poor float8, poor_left float8,
                 poor_newly float8, poor_returned float8, poor_entered float8, poor_end float8,
                 poor_exit_rate float8, poor_newly_rate float8, poor_returned_rate float8,
                 near_poor_start float8, near_poor_remained float8, near_poor_exited float8,
                 near_poor_exited_to_poor float8, near_poor_exited_above float8, near_poor_left float8,
                 near_poor_newly float8, near_poor_returned float8, near_poor_entered float8,
                 near_poor_end float8, near_poor_exit_rate float8, near_poor_newly_rate float8,
                 near_poor_returned_rate float8)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
BEGIN
  RETURN QUERY
  SELECT s.commune_id, (s.t).*
    FROM (SELECT coalesce(b.commune_id, a.commune_id) AS commune_id,
                 povstat.transitions(b.cls, a.cls, coalesce(b.exited_before, a.exited_before, false)) AS t
            FROM povstat.report_classified(before, standard) b
            FULL JOIN povstat.report_classified(after, standard) a USING (household_id)
           GROUP BY GROUPING SETS ((coalesce(b.commune_id, a.commune_id)), ())) s
   ORDER BY s.commune_id NULLS LAST;
END
$f$;
COMMENT ON FUNCTION povstat.report_transitions(regclass, regclass, text) IS
  'Movements between two review registers joined on household_id (absent = not on that register), by commune with a district row (commune_id NULL): the columns of povstat.transitions_result; exited_before of the earlier register tells re-poor from newly poor.';

-- Progress against a reduction target that excludes social-protection poor.
CREATE FUNCTION povstat.report_target(baseline regclass, current regclass,
                                      target_reduction_pct numeric DEFAULT 50,
                                      standard text DEFAULT 'VN-2022-2025')
  RETURNS TABLE (baseline_poor bigint, baseline_social_protection bigint, baseline_counted bigint,
                 current_poor bigint, current_social_protection bigint, current_counted bigint,
                 target_pct numeric, reduced bigint, reduced_pct numeric,
                 target_count bigint, remaining bigint, met boolean)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  b record;
  c record;
  p record;
BEGIN
  SELECT count(*) FILTER (WHERE x.cls = 'poor') AS poor,
         count(*) FILTER (WHERE x.cls = 'poor' AND x.social_protection) AS sp,
         count(*) FILTER (WHERE povstat.counts_toward_target(x.cls, x.social_protection)) AS counted
    INTO b FROM povstat.report_classified(baseline, standard) x;
  SELECT count(*) FILTER (WHERE x.cls = 'poor') AS poor,
         count(*) FILTER (WHERE x.cls = 'poor' AND x.social_protection) AS sp,
         count(*) FILTER (WHERE povstat.counts_toward_target(x.cls, x.social_protection)) AS counted
    INTO c FROM povstat.report_classified(current, standard) x;
  p := povstat.reduction_progress(b.counted, c.counted, report_target.target_reduction_pct);
  RETURN QUERY SELECT b.poor, b.sp, b.counted, c.poor, c.sp, c.counted, report_target.target_reduction_pct,
                      p.reduced::bigint, round(p.reduced_pct, 2), floor(p.target_count)::bigint,
                      p.remaining::bigint, p.met::boolean;
END
$f$;
COMMENT ON FUNCTION povstat.report_target(regclass, regclass, numeric, text) IS
  'Progress against a poverty-reduction target (default 50%) between a baseline and a current register, counting only poor households that are not social-protection households (povstat.counts_toward_target), through povstat.reduction_progress.';

-- Support programmes: payments, exact beneficiaries, amounts, per beneficiary.
-- Ledger convention: programme text, household_id bigint, amount bigint
-- (đồng), paid_on date.
CREATE FUNCTION povstat.report_support(ledger regclass, date_from date DEFAULT NULL, date_to date DEFAULT NULL)
  RETURNS TABLE (programme text, payments bigint, beneficiaries bigint, total numeric,
                 per_beneficiary numeric, min_amount bigint, max_amount bigint)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT s.programme, (s.r).payments::bigint, (s.r).beneficiaries::bigint, (s.r).total::numeric,
            (s.r).mean_per_beneficiary::numeric, (s.r).min_amount::bigint, (s.r).max_amount::bigint
       FROM (SELECT p.programme::text AS programme,
                    povstat.programme_summary(p.household_id::bigint, p.amount::bigint) AS r
               FROM %s p
              WHERE ($1 IS NULL OR p.paid_on >= $1) AND ($2 IS NULL OR p.paid_on <= $2)
              GROUP BY p.programme) s
      ORDER BY s.programme', ledger) USING date_from, date_to;
END
$f$;
COMMENT ON FUNCTION povstat.report_support(regclass, date, date) IS
  'Support programmes from a payment ledger (doc/reports.md convention: programme, household_id, amount in đồng, paid_on), optionally within [date_from, date_to]: payments, exact distinct beneficiaries, total, mean per beneficiary, smallest and largest payment (povstat.programme_summary).';

-- Coverage indicators.  Source convention: indicator text, reached boolean
-- (one row per member of the target population of each indicator).
CREATE FUNCTION povstat.report_coverage(source regclass)
  RETURNS TABLE (indicator text, population bigint, reached bigint, coverage_pct float8)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT s.indicator::text, count(*), count(*) FILTER (WHERE s.reached),
            100 * povstat.coverage(s.reached)
       FROM %s s GROUP BY s.indicator ORDER BY s.indicator', source);
END
$f$;
COMMENT ON FUNCTION povstat.report_coverage(regclass) IS
  'Coverage per indicator from a source relation with columns indicator text and reached boolean (one row per member of the target population): population, reached and coverage in percent (povstat.coverage).';

-- The district report as text.  Figures convention: a relation with
-- columns id text and value numeric, one row per figure id of
-- data/tan_hung/figures.csv (P01..P08 poverty, T01 target, E01..E05
-- employment, C00..C07 credit, S01..S02 coverage, V01..V06 training,
-- A01..A10 allowances and gifts, H01..H02 housing, M01 health), values in
-- the CSV's units (counts, percent, million VND or VND).  A missing figure
-- prints as "…".
CREATE FUNCTION povstat.report_district_text(figures regclass, lang text DEFAULT 'vi',
                                             unit_name text DEFAULT NULL, period text DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  v jsonb;
  t text;
BEGIN
  IF lang IS NULL OR lang NOT IN ('vi', 'en') THEN
    RAISE EXCEPTION 'unknown report language "%"', lang
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''vi'' or ''en''.';
  END IF;
  EXECUTE format('SELECT jsonb_object_agg(f.id::text, f.value::numeric) FROM %s f WHERE f.value IS NOT NULL', figures)
    INTO v;
  v := coalesce(v, '{}');
  IF lang = 'vi' THEN
    t := concat_ws(E'\n',
      'BÁO CÁO KẾT QUẢ GIẢM NGHÈO' || coalesce(' — ' || unit_name, '') || coalesce(' (' || period || ')', ''),
      '',
      '1. Hộ nghèo, hộ cận nghèo (chuẩn nghèo đa chiều giai đoạn 2022 - 2025)',
      format('Hộ nghèo năm 2022 là %s hộ, chiếm tỷ lệ %s; hộ cận nghèo là %s hộ, chiếm tỷ lệ %s.',
             povstat.report_fig(v, 'P01', 'count', lang), povstat.report_fig(v, 'P02', 'pct2', lang),
             povstat.report_fig(v, 'P03', 'count', lang), povstat.report_fig(v, 'P04', 'pct2', lang)),
      format('Đến nay hộ nghèo còn %s hộ, chiếm tỷ lệ %s; hộ cận nghèo %s hộ, tỷ lệ %s.',
             povstat.report_fig(v, 'P05', 'count', lang), povstat.report_fig(v, 'P06', 'pct2', lang),
             povstat.report_fig(v, 'P07', 'count', lang), povstat.report_fig(v, 'P08', 'pct2', lang)),
      format('Mục tiêu đến năm 2025: giảm %s số hộ nghèo so với đầu kỳ (trừ số hộ nghèo thuộc hộ bảo trợ xã hội).',
             povstat.report_fig(v, 'T01', 'pct0', lang)),
      '',
      '2. Giải quyết việc làm',
      format('Giải quyết việc làm thông qua xác nhận hồ sơ đi làm việc: %s hồ sơ, đạt tỷ lệ %s so với kế hoạch; %s lao động đi làm việc ở nước ngoài theo hợp đồng, trong đó %s trường hợp được vay vốn với tổng số tiền %s.',
             povstat.report_fig(v, 'E01', 'count', lang), povstat.report_fig(v, 'E02', 'pct0', lang),
             povstat.report_fig(v, 'E03', 'count', lang), povstat.report_fig(v, 'E04', 'count2', lang),
             povstat.report_fig(v, 'E05', 'million', lang)),
      '',
      '3. Tín dụng chính sách',
      format('Tổng dư nợ cho vay các chương trình là %s, trong đó: hộ nghèo %s; hộ cận nghèo %s; hộ mới thoát nghèo %s; học sinh, sinh viên %s; nước sạch và vệ sinh môi trường %s; giải quyết việc làm %s.',
             povstat.report_fig(v, 'C00', 'million', lang), povstat.report_fig(v, 'C01', 'million', lang),
             povstat.report_fig(v, 'C02', 'million', lang), povstat.report_fig(v, 'C03', 'million', lang),
             povstat.report_fig(v, 'C04', 'million', lang), povstat.report_fig(v, 'C05', 'million', lang),
             povstat.report_fig(v, 'C06', 'million', lang)),
      format('%s hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu vay vốn và có điều kiện sản xuất, kinh doanh được tiếp cận nguồn vốn.',
             povstat.report_fig(v, 'C07', 'pct0', lang)),
      '',
      '4. Giáo dục, y tế, dạy nghề',
      format('%s con em hộ nghèo, hộ cận nghèo được miễn, giảm học phí; cấp thẻ bảo hiểm y tế cho hộ nghèo, hộ cận nghèo và hộ di dân tự do từ Campuchia đạt %s.',
             povstat.report_fig(v, 'S01', 'pct0', lang), povstat.report_fig(v, 'S02', 'pct0', lang)),
      format('Năm 2022 tổ chức dạy nghề %s lớp với %s lao động; tỷ lệ lao động qua đào tạo đạt %s, trong đó có bằng cấp, chứng chỉ %s. Chín tháng đầu năm 2023: %s lớp dạy nghề với %s học viên.',
             povstat.report_fig(v, 'V01', 'count2', lang), povstat.report_fig(v, 'V02', 'count', lang),
             povstat.report_fig(v, 'V03', 'pct1', lang), povstat.report_fig(v, 'V04', 'pct2', lang),
             povstat.report_fig(v, 'V05', 'count2', lang), povstat.report_fig(v, 'V06', 'count', lang)),
      '',
      '5. Trợ cấp, hỗ trợ',
      format('Trợ cấp Tết cho %s hộ nghèo với số tiền %s; %s hộ di dân tự do từ Campuchia với số tiền %s. Hỗ trợ tiền điện cho hộ nghèo và hộ bảo trợ xã hội năm 2022: %s.',
             povstat.report_fig(v, 'A01', 'count', lang), povstat.report_fig(v, 'A02', 'dong', lang),
             povstat.report_fig(v, 'A03', 'count', lang), povstat.report_fig(v, 'A04', 'dong', lang),
             povstat.report_fig(v, 'A05', 'dong', lang)),
      format('Trợ cấp khó khăn đột xuất cho %s đối tượng với số tiền %s. Trao tặng %s phần quà, trị giá %s. Quỹ vì người nghèo vận động được %s.',
             povstat.report_fig(v, 'A06', 'count', lang), povstat.report_fig(v, 'A07', 'dong', lang),
             povstat.report_fig(v, 'A08', 'count', lang), povstat.report_fig(v, 'A09', 'dong', lang),
             povstat.report_fig(v, 'A10', 'dong', lang)),
      format('Xây dựng, sửa chữa %s căn nhà đại đoàn kết, nhà tình thương với kinh phí %s. Khám và cấp thuốc miễn phí cho %s người.',
             povstat.report_fig(v, 'H01', 'count', lang), povstat.report_fig(v, 'H02', 'million', lang),
             povstat.report_fig(v, 'M01', 'count', lang)));
  ELSE
    t := concat_ws(E'\n',
      'POVERTY REDUCTION REPORT' || coalesce(' — ' || unit_name, '') || coalesce(' (' || period || ')', ''),
      '',
      '1. Poor and near-poor households (multidimensional standard 2022-2025)',
      format('In 2022 there were %s poor households, %s of all households, and %s near-poor households, %s.',
             povstat.report_fig(v, 'P01', 'count', lang), povstat.report_fig(v, 'P02', 'pct2', lang),
             povstat.report_fig(v, 'P03', 'count', lang), povstat.report_fig(v, 'P04', 'pct2', lang)),
      format('As of this report, %s poor households remain (%s) and %s households are near-poor (%s).',
             povstat.report_fig(v, 'P05', 'count', lang), povstat.report_fig(v, 'P06', 'pct2', lang),
             povstat.report_fig(v, 'P07', 'count', lang), povstat.report_fig(v, 'P08', 'pct2', lang)),
      format('Target for 2025: %s fewer poor households than at the start of the period (social-protection poor households excluded).',
             povstat.report_fig(v, 'T01', 'pct0', lang)),
      '',
      '2. Employment',
      format('Job placements confirmed by dossier: %s, %s of the plan; %s workers went abroad on contract, %s of them with a loan totalling %s.',
             povstat.report_fig(v, 'E01', 'count', lang), povstat.report_fig(v, 'E02', 'pct0', lang),
             povstat.report_fig(v, 'E03', 'count', lang), povstat.report_fig(v, 'E04', 'count', lang),
             povstat.report_fig(v, 'E05', 'million', lang)),
      '',
      '3. Social-policy credit',
      format('Outstanding loans total %s: poor households %s; near-poor households %s; households newly out of poverty %s; students %s; clean water and sanitation %s; job creation %s.',
             povstat.report_fig(v, 'C00', 'million', lang), povstat.report_fig(v, 'C01', 'million', lang),
             povstat.report_fig(v, 'C02', 'million', lang), povstat.report_fig(v, 'C03', 'million', lang),
             povstat.report_fig(v, 'C04', 'million', lang), povstat.report_fig(v, 'C05', 'million', lang),
             povstat.report_fig(v, 'C06', 'million', lang)),
      format('%s of poor, near-poor and newly-out-of-poverty households with a need to borrow and the means to produce or trade were reached.',
             povstat.report_fig(v, 'C07', 'pct0', lang)),
      '',
      '4. Education, health, vocational training',
      format('%s of children of poor and near-poor households had tuition exemption or reduction; health-insurance cards reached %s of poor, near-poor and free-migrant households from Cambodia.',
             povstat.report_fig(v, 'S01', 'pct0', lang), povstat.report_fig(v, 'S02', 'pct0', lang)),
      format('In 2022, %s vocational classes trained %s workers; %s of the labour force is trained, %s with a diploma or certificate. In the first nine months of 2023: %s classes, %s trainees.',
             povstat.report_fig(v, 'V01', 'count', lang), povstat.report_fig(v, 'V02', 'count', lang),
             povstat.report_fig(v, 'V03', 'pct1', lang), povstat.report_fig(v, 'V04', 'pct2', lang),
             povstat.report_fig(v, 'V05', 'count', lang), povstat.report_fig(v, 'V06', 'count', lang)),
      '',
      '5. Allowances and support',
      format('Tet allowance: %s poor households, %s; %s free-migrant households from Cambodia, %s. Electricity support to poor and social-protection households in 2022: %s.',
             povstat.report_fig(v, 'A01', 'count', lang), povstat.report_fig(v, 'A02', 'dong', lang),
             povstat.report_fig(v, 'A03', 'count', lang), povstat.report_fig(v, 'A04', 'dong', lang),
             povstat.report_fig(v, 'A05', 'dong', lang)),
      format('Emergency hardship support: %s recipients, %s. Gifts: %s parts worth %s. Fund for the poor: %s raised.',
             povstat.report_fig(v, 'A06', 'count', lang), povstat.report_fig(v, 'A07', 'dong', lang),
             povstat.report_fig(v, 'A08', 'count', lang), povstat.report_fig(v, 'A09', 'dong', lang),
             povstat.report_fig(v, 'A10', 'dong', lang)),
      format('%s great-solidarity and charity houses built or repaired at a cost of %s. Free medical examinations and medicine: %s people.',
             povstat.report_fig(v, 'H01', 'count', lang), povstat.report_fig(v, 'H02', 'million', lang),
             povstat.report_fig(v, 'M01', 'count', lang)));
  END IF;
  RETURN t;
END
$f$;
COMMENT ON FUNCTION povstat.report_district_text(regclass, text, text, text) IS
  'The district poverty-reduction report as text, in Vietnamese (''vi'') or English (''en''), from a figures relation (id text, value numeric; ids of data/tan_hung/figures.csv), figures formatted as such reports format them (''630 hộ, chiếm tỷ lệ 4,69%'', ''98.623 triệu đồng'').';

-- One figure of a figures map, formatted for the report text.
CREATE FUNCTION povstat.report_fig(figures jsonb, id text, style text, lang text)
  RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  x numeric := (figures ->> id)::numeric;
BEGIN
  IF x IS NULL THEN
    RETURN '…';
  END IF;
  RETURN CASE style
    WHEN 'count' THEN povstat.format_number(x, 0, lang)
    -- Vietnamese reports write small counts with two digits ("05 lớp")
    WHEN 'count2' THEN CASE WHEN lang = 'vi' AND x >= 0 AND x < 10 AND x = trunc(x)
                            THEN '0' || povstat.format_number(x, 0, lang)
                            ELSE povstat.format_number(x, 0, lang) END
    WHEN 'pct0' THEN povstat.format_percent(x, 0, lang)
    WHEN 'pct1' THEN povstat.format_percent(x, 1, lang)
    WHEN 'pct2' THEN povstat.format_percent(x, 2, lang)
    WHEN 'million' THEN povstat.format_money(x * 1000000, 'million', lang)
    WHEN 'dong' THEN povstat.format_money(x, 'dong', lang)
  END;
END
$f$;
COMMENT ON FUNCTION povstat.report_fig(jsonb, text, text, text) IS
  'Formats figure id of a jsonb map {id: value} in a report style (count, count2, pct0, pct1, pct2, million, dong) for lang ''vi'' or ''en''; "…" when the figure is missing. Used by povstat.report_district_text.';

-------------------------------------------------------------------------------
-- Rollups for scheduled reports: mergeable states per commune, merged up
-- the administrative tree without rescanning households.
-------------------------------------------------------------------------------

-- States of one review register per commune, for a materialized summary.
CREATE FUNCTION povstat.report_commune_states(register regclass, standard text DEFAULT 'VN-2022-2025')
  RETURNS TABLE (commune_id int, households bigint, poor bigint, near_poor bigint, average bigint,
                 better_off bigint, poor_social_protection bigint, income_fgt povstat.fgt_state,
                 classes povstat.profile_state, poor_households povstat.household_set)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  l record;
BEGIN
  l := povstat.report_lines(standard);
  RETURN QUERY
  SELECT c.commune_id,
         count(*), count(*) FILTER (WHERE c.cls = 'poor'), count(*) FILTER (WHERE c.cls = 'near_poor'),
         count(*) FILTER (WHERE c.cls = 'average'), count(*) FILTER (WHERE c.cls = 'better_off'),
         count(*) FILTER (WHERE c.cls = 'poor' AND c.social_protection),
         povstat.fgt_state(c.income::float8, CASE c.area WHEN 'urban' THEN l.urban_line ELSE l.rural_line END::float8),
         povstat.profile_state(c.cls),
         coalesce(povstat.household_set(c.household_id) FILTER (WHERE c.cls = 'poor'), '{}'::povstat.household_set)
    FROM povstat.report_classified(register, standard) c
   GROUP BY c.commune_id
   ORDER BY c.commune_id;
END
$f$;
COMMENT ON FUNCTION povstat.report_commune_states(regclass, text) IS
  'Per commune of a review register: class counts (additive), the income FGT state against the standard''s line (povstat.fgt_state), the class profile state (povstat.profile_state) and the exact set of poor households (povstat.household_set), all merged with povstat.merge, for a materialized summary that povstat.report_rollup merges up to district and province.';

-- Merge a per-commune summary up the unit tree.  Summary convention:
-- review int, commune_id int, households, poor, near_poor, average,
-- better_off, poor_social_protection bigint, income_fgt povstat.fgt_state,
-- classes povstat.profile_state, poor_households povstat.household_set
-- (as report_commune_states returns, plus review).  Units convention:
-- unit_id int, parent_id int, level text ('commune', 'district',
-- 'province'), name text.
CREATE FUNCTION povstat.report_rollup(summary regclass, units regclass)
  RETURNS TABLE (review int, level text, unit_id int, name text, households bigint, poor bigint,
                 near_poor bigint, average bigint, better_off bigint, poor_social_protection bigint,
                 poor_pct float8, near_poor_pct float8, poverty_gap float8, poverty_severity float8,
                 poor_rate_profile float8, poor_households_distinct bigint)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = povstat, pg_catalog
  AS $f$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT g.review, g.level, g.unit_id, u.name::text, g.households, g.poor, g.near_poor, g.average,
            g.better_off, g.psp, 100 * g.poor::float8 / g.households, 100 * g.near_poor::float8 / g.households,
            povstat.poverty_gap(g.fgt), povstat.poverty_severity(g.fgt),
            povstat.class_rate(g.classes, ''poor''), povstat.cardinality(g.poor_set)
       FROM (SELECT s.review::int AS review,
                    CASE WHEN GROUPING(c.unit_id) = 0 THEN ''commune''
                         WHEN GROUPING(d.unit_id) = 0 THEN ''district'' ELSE ''province'' END AS level,
                    coalesce(c.unit_id, d.unit_id, p.unit_id)::int AS unit_id,
                    sum(s.households)::bigint AS households, sum(s.poor)::bigint AS poor,
                    sum(s.near_poor)::bigint AS near_poor, sum(s.average)::bigint AS average,
                    sum(s.better_off)::bigint AS better_off, sum(s.poor_social_protection)::bigint AS psp,
                    povstat.merge(s.income_fgt) AS fgt, povstat.merge(s.classes) AS classes,
                    povstat.merge(s.poor_households) AS poor_set
               FROM %1$s s
               JOIN %2$s c ON c.unit_id = s.commune_id
               LEFT JOIN %2$s d ON d.unit_id = c.parent_id
               LEFT JOIN %2$s p ON p.unit_id = d.parent_id
              GROUP BY GROUPING SETS ((s.review, c.unit_id), (s.review, d.unit_id), (s.review, p.unit_id))) g
       JOIN %2$s u ON u.unit_id = g.unit_id
      ORDER BY g.review, CASE g.level WHEN ''province'' THEN 1 WHEN ''district'' THEN 2 ELSE 3 END, g.unit_id',
    summary, units);
END
$f$;
COMMENT ON FUNCTION povstat.report_rollup(regclass, regclass) IS
  'Merges a per-commune summary of stored states (doc/reports.md convention) up to districts and provinces through a units table (unit_id, parent_id, level, name), without reading households: class counts are summed; FGT states, class-profile states and poor-household sets merged with povstat.merge (poor_rate_profile from the merged profile, poor_households_distinct the exact size of the merged set).';

-- Social-policy credit by programme with a district total reconciled
-- against the stated total (loan-ledger convention of doc/credit.md:
-- loan_id, programme, event_date, event_kind, amount in đồng).
CREATE FUNCTION povstat.report_credit(ledger regclass, as_of date, stated_total numeric DEFAULT NULL,
                                      unit numeric DEFAULT 1)
  RETURNS TABLE (programme text, name_vi text, name_en text, disbursed numeric, repaid numeric,
                 written_off numeric, outstanding numeric, loans_outstanding bigint,
                 share_pct float8, stated numeric, reconciled boolean)
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = povstat, pg_catalog
  AS $f$
DECLARE
  rec record;
BEGIN
  IF stated_total IS NOT NULL THEN
    rec := povstat.credit_reconcile(ledger, as_of, stated_total, unit);
  END IF;
  RETURN QUERY
  SELECT b.programme, b.name_vi, b.name_en, b.disbursed, b.repaid, b.written_off, b.outstanding,
         b.loans_outstanding, 100 * b.outstanding::float8 / nullif(sum(b.outstanding) OVER (), 0)::float8,
         NULL::numeric, NULL::boolean
    FROM povstat.credit_balances(ledger, as_of) b
  UNION ALL
  SELECT NULL, 'Tổng dư nợ', 'Total outstanding', sum(b.disbursed), sum(b.repaid), sum(b.written_off),
         coalesce(sum(b.outstanding), 0), coalesce(sum(b.loans_outstanding), 0)::bigint,
         CASE WHEN sum(b.outstanding) > 0 THEN 100::float8 END,
         rec.stated_total, rec.ok
    FROM povstat.credit_balances(ledger, as_of) b;
END
$f$;
COMMENT ON FUNCTION povstat.report_credit(regclass, date, numeric, numeric) IS
  'Social-policy credit as of a date from a loan ledger (povstat.credit_balances): one row per programme (share of the total in percent) and a total row (programme NULL) reconciled with povstat.credit_reconcile against stated_total x unit when given (stated in đồng, reconciled true/false).';
