-------------------------------------------------------------------------------
-- Poverty standards registry (used by povstat.classify, src/classify.c)
--
-- povstat.standard holds one row per standard: income lines per area, the
-- rule that combines income and deprivations, the deprivation cutoff and
-- the period in which it is in force for a jurisdiction.  Built-in rows
-- (builtin = true) are Vietnam's national standards and are read-only;
-- users register their own (a province's higher local lines, a research
-- line) with plain INSERTs.  pg_dump saves the user rows (not the built-in
-- ones, which CREATE EXTENSION recreates): see pg_extension_config_dump
-- below.  Lines are money per person per month, in the unit of the
-- incomes classified (VND for the built-in standards).
-------------------------------------------------------------------------------

-- A range over text with a deterministic collation: the singleton range
-- [j, j] overlaps [k, k] exactly when j = k, which lets a plain GiST
-- exclusion constraint say "same jurisdiction and overlapping period"
-- without the btree_gist extension.
CREATE TYPE povstat.jurisdiction_range AS RANGE (SUBTYPE = text, COLLATION = "C");
COMMENT ON TYPE povstat.jurisdiction_range IS
  'Range over jurisdiction codes; povstat.standard uses singleton ranges [j, j] in its exclusion constraint (no two standards of one jurisdiction in force on the same day).';
COMMENT ON FUNCTION povstat.jurisdiction_range(text, text) IS
  'Constructor of povstat.jurisdiction_range (bounds [)).';
COMMENT ON FUNCTION povstat.jurisdiction_range(text, text, text) IS
  'Constructor of povstat.jurisdiction_range with explicit bound kinds, e.g. ''[]''.';

CREATE TABLE povstat.standard (
  name                 text PRIMARY KEY CHECK (name ~ '^\S(.*\S)?$'),
  jurisdiction         text NOT NULL CHECK (jurisdiction ~ '^\S(.*\S)?$'),
  legal_basis          text,
  valid_from           date,
  valid_to             date,
  rule_kind            text NOT NULL CHECK (rule_kind IN ('and', 'or_band')),
  rural_poverty_line   numeric NOT NULL,
  urban_poverty_line   numeric NOT NULL,
  rural_near_poor_line numeric NOT NULL,
  urban_near_poor_line numeric NOT NULL,
  rural_average_upper  numeric,
  urban_average_upper  numeric,
  deprivation_cutoff   integer NOT NULL DEFAULT 3 CHECK (deprivation_cutoff BETWEEN 0 AND 32),
  n_indicators         integer CHECK (n_indicators BETWEEN 1 AND 32),
  note                 text,
  builtin              boolean NOT NULL DEFAULT false,
  -- lines: finite and > 0 (NaN sorts above Infinity in numeric, so "< Infinity" excludes both)
  CONSTRAINT standard_lines_positive CHECK (
    rural_poverty_line > 0 AND rural_poverty_line < 'Infinity' AND
    urban_poverty_line > 0 AND urban_poverty_line < 'Infinity' AND
    rural_near_poor_line < 'Infinity' AND urban_near_poor_line < 'Infinity' AND
    (rural_average_upper IS NULL OR rural_average_upper < 'Infinity') AND
    (urban_average_upper IS NULL OR urban_average_upper < 'Infinity')),
  CONSTRAINT standard_near_poor_not_below_poverty CHECK (
    rural_near_poor_line >= rural_poverty_line AND urban_near_poor_line >= urban_poverty_line),
  CONSTRAINT standard_average_band CHECK (
    (rural_average_upper IS NULL) = (urban_average_upper IS NULL) AND
    (rural_average_upper IS NULL OR (rural_average_upper > rural_near_poor_line AND
                                     urban_average_upper > urban_near_poor_line))),
  CONSTRAINT standard_valid_range CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT standard_cutoff_within_indicators CHECK (n_indicators IS NULL OR deprivation_cutoff <= n_indicators),
  CONSTRAINT standard_no_overlap EXCLUDE USING gist (
    povstat.jurisdiction_range(jurisdiction, jurisdiction, '[]') WITH &&,
    daterange(valid_from, valid_to, '[]') WITH &&)
);
COMMENT ON TABLE povstat.standard IS
  'Registry of poverty standards: income lines per area, classification rule, deprivation cutoff, period in force per jurisdiction. Built-in rows (builtin = true) are read-only; add your own with INSERT (they survive pg_dump). See doc/classification.md.';
COMMENT ON COLUMN povstat.standard.name IS 'Name passed to povstat.classify(..., standard), e.g. VN-2022-2025.';
COMMENT ON COLUMN povstat.standard.jurisdiction IS 'Who applies the standard: VN for the national standards (used by the date overloads of classify), e.g. VN-HN for a province''s local standard.';
COMMENT ON COLUMN povstat.standard.legal_basis IS 'Legal act that sets the standard, e.g. Decree 07/2021/NĐ-CP.';
COMMENT ON COLUMN povstat.standard.valid_from IS 'First day in force (inclusive); NULL = no lower bound.';
COMMENT ON COLUMN povstat.standard.valid_to IS 'Last day in force (inclusive); NULL = open-ended.';
COMMENT ON COLUMN povstat.standard.rule_kind IS
  'and: poor = income <= poverty line AND deprivations >= cutoff, near-poor = other incomes <= near-poor line (2022 onwards). or_band: poor = income <= poverty line OR (income <= near-poor line AND deprivations >= cutoff), near-poor = the rest up to the near-poor line (2016-2020).';
COMMENT ON COLUMN povstat.standard.rural_poverty_line IS 'Poverty line, rural areas (per person per month; at or below the line counts as below).';
COMMENT ON COLUMN povstat.standard.urban_poverty_line IS 'Poverty line, urban areas.';
COMMENT ON COLUMN povstat.standard.rural_near_poor_line IS 'Near-poor line, rural areas (>= the poverty line; equal to it under the and rule of the national standards).';
COMMENT ON COLUMN povstat.standard.urban_near_poor_line IS 'Near-poor line, urban areas.';
COMMENT ON COLUMN povstat.standard.rural_average_upper IS 'Upper bound of the average-living-standard band, rural; NULL = no average class (band not defined or not known).';
COMMENT ON COLUMN povstat.standard.urban_average_upper IS 'Upper bound of the average-living-standard band, urban; NULL together with the rural bound.';
COMMENT ON COLUMN povstat.standard.deprivation_cutoff IS 'Number of deprivations from which a household in the deprivation band is poor (3 in the national standards).';
COMMENT ON COLUMN povstat.standard.n_indicators IS 'Number of deprivation indicators (positions 1..n); NULL = not confirmed, positions up to 32 accepted.';
COMMENT ON COLUMN povstat.standard.note IS 'Free text: sources, what is unconfirmed.';
COMMENT ON COLUMN povstat.standard.builtin IS 'true for rows shipped with povstat (read-only, not dumped); false for user rows.';
COMMENT ON CONSTRAINT standard_no_overlap ON povstat.standard IS
  'No two standards of the same jurisdiction are in force on the same day (inclusive date ranges).';

CREATE TABLE povstat.standard_indicator (
  standard     text NOT NULL REFERENCES povstat.standard (name) ON UPDATE CASCADE ON DELETE CASCADE,
  position     integer NOT NULL CHECK (position BETWEEN 1 AND 32),
  code         text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name_vi      text NOT NULL,
  name_en      text NOT NULL,
  dimension    text NOT NULL,
  dimension_vi text NOT NULL,
  builtin      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (standard, position),
  UNIQUE (standard, code)
);
COMMENT ON TABLE povstat.standard_indicator IS
  'Deprivation indicators of each standard: position in povstat.deprivations, code, Vietnamese and English names, dimension. Built-in rows are read-only; add missing indicators (e.g. of VN-2027-2030, not yet confirmed) with INSERT.';
COMMENT ON COLUMN povstat.standard_indicator.standard IS 'Standard (povstat.standard.name).';
COMMENT ON COLUMN povstat.standard_indicator.position IS 'Position of the indicator in povstat.deprivations (1-based, at most the standard''s n_indicators).';
COMMENT ON COLUMN povstat.standard_indicator.code IS 'Short identifier (lower case), e.g. health_insurance.';
COMMENT ON COLUMN povstat.standard_indicator.name_vi IS 'Indicator name in Vietnamese (chỉ số).';
COMMENT ON COLUMN povstat.standard_indicator.name_en IS 'Indicator name in English.';
COMMENT ON COLUMN povstat.standard_indicator.dimension IS 'Dimension (English identifier), e.g. health.';
COMMENT ON COLUMN povstat.standard_indicator.dimension_vi IS 'Dimension in Vietnamese (chiều).';
COMMENT ON COLUMN povstat.standard_indicator.builtin IS 'true for rows shipped with povstat (read-only, not dumped).';

-- Built-in rows.  Sources: Decision 59/2015/QĐ-TTg Art. 1-2; Decree
-- 07/2021/NĐ-CP Art. 3; Decree 351/2025/NĐ-CP (see doc/classification.md).
INSERT INTO povstat.standard (name, jurisdiction, legal_basis, valid_from, valid_to, rule_kind,
    rural_poverty_line, urban_poverty_line, rural_near_poor_line, urban_near_poor_line,
    rural_average_upper, urban_average_upper, deprivation_cutoff, n_indicators, note, builtin)
VALUES
  ('VN-2016-2020', 'VN', 'Decision 59/2015/QĐ-TTg', '2016-01-01', '2021-12-31', 'or_band',
   700000, 900000, 1000000, 1300000, 1500000, 1950000, 3, 10,
   'Multidimensional standard 2016-2020, also applied in 2021 (Decree 07/2021/NĐ-CP Art. 2). Poor: income <= poverty line, or <= near-poor line with >= 3 of 10 deprivations.', true),
  ('VN-2022-2025', 'VN', 'Decree 07/2021/NĐ-CP (extended to 2026 by Decree 351/2025/NĐ-CP)', '2022-01-01', '2026-12-31', 'and',
   1500000, 2000000, 1500000, 2000000, 2250000, 3000000, 3, 12,
   'Multidimensional standard 2022-2025, kept for 2026 by Decree 351/2025/NĐ-CP. Poor: income <= line and >= 3 of 12 deprivations; near-poor: income <= line and < 3.', true),
  ('VN-2027-2030', 'VN', 'Decree 351/2025/NĐ-CP', '2027-01-01', '2030-12-31', 'and',
   2200000, 2800000, 2200000, 2800000, NULL, NULL, 3, NULL,
   'Multidimensional standard 2027-2030. Lines and the >= 3 rule confirmed; the average-living band and the full indicator list are not confirmed: no average class, positions up to 32 accepted.', true);

INSERT INTO povstat.standard_indicator (standard, position, code, name_vi, name_en, dimension, dimension_vi, builtin)
VALUES
  ('VN-2016-2020',  1, 'health_access',      'Tiếp cận các dịch vụ y tế',                   'access to health services',      'health',           'Y tế', true),
  ('VN-2016-2020',  2, 'health_insurance',   'Bảo hiểm y tế',                               'health insurance',               'health',           'Y tế', true),
  ('VN-2016-2020',  3, 'adult_education',    'Trình độ giáo dục của người lớn',             'adult education level',          'education',        'Giáo dục', true),
  ('VN-2016-2020',  4, 'child_schooling',    'Tình trạng đi học của trẻ em',                'school attendance of children',  'education',        'Giáo dục', true),
  ('VN-2016-2020',  5, 'housing_quality',    'Chất lượng nhà ở',                            'housing quality',                'housing',          'Nhà ở', true),
  ('VN-2016-2020',  6, 'housing_area',       'Diện tích nhà ở bình quân đầu người',         'housing area per person',        'housing',          'Nhà ở', true),
  ('VN-2016-2020',  7, 'water_source',       'Nguồn nước sinh hoạt',                        'domestic water source',          'water_sanitation', 'Nước sạch và vệ sinh', true),
  ('VN-2016-2020',  8, 'latrine',            'Hố xí/nhà tiêu hợp vệ sinh',                  'hygienic latrine',               'water_sanitation', 'Nước sạch và vệ sinh', true),
  ('VN-2016-2020',  9, 'telecom',            'Sử dụng dịch vụ viễn thông',                  'use of telecommunication services', 'information',   'Thông tin', true),
  ('VN-2016-2020', 10, 'information_assets', 'Tài sản phục vụ tiếp cận thông tin',          'assets for access to information', 'information',    'Thông tin', true),
  ('VN-2022-2025',  1, 'employment',         'Việc làm',                                    'employment',                     'employment',       'Việc làm', true),
  ('VN-2022-2025',  2, 'dependants',         'Người phụ thuộc trong hộ gia đình',           'dependants in the household',    'employment',       'Việc làm', true),
  ('VN-2022-2025',  3, 'nutrition',          'Dinh dưỡng',                                  'nutrition',                      'health',           'Y tế', true),
  ('VN-2022-2025',  4, 'health_insurance',   'Bảo hiểm y tế',                               'health insurance',               'health',           'Y tế', true),
  ('VN-2022-2025',  5, 'adult_education',    'Trình độ giáo dục của người lớn',             'adult education level',          'education',        'Giáo dục', true),
  ('VN-2022-2025',  6, 'child_schooling',    'Tình trạng đi học của trẻ em',                'school attendance of children',  'education',        'Giáo dục', true),
  ('VN-2022-2025',  7, 'housing_quality',    'Chất lượng nhà ở',                            'housing quality',                'housing',          'Nhà ở', true),
  ('VN-2022-2025',  8, 'housing_area',       'Diện tích nhà ở bình quân đầu người',         'housing area per person',        'housing',          'Nhà ở', true),
  ('VN-2022-2025',  9, 'water_source',       'Nguồn nước sinh hoạt',                        'domestic water source',          'water_sanitation', 'Nước sinh hoạt và vệ sinh', true),
  ('VN-2022-2025', 10, 'latrine',            'Nhà tiêu hợp vệ sinh',                        'hygienic latrine',               'water_sanitation', 'Nước sinh hoạt và vệ sinh', true),
  ('VN-2022-2025', 11, 'telecom',            'Sử dụng dịch vụ viễn thông',                  'use of telecommunication services', 'information',   'Thông tin', true),
  ('VN-2022-2025', 12, 'information_means',  'Phương tiện phục vụ tiếp cận thông tin',      'means of access to information', 'information',      'Thông tin', true),
  -- Decree 351/2025/NĐ-CP: only the employment dimension's two indicators are
  -- confirmed so far; users add the others with INSERT (builtin = false).
  ('VN-2027-2030',  1, 'employment',         'Việc làm',                                    'employment',                     'employment',       'Việc làm', true),
  ('VN-2027-2030',  2, 'dependants',         'Người phụ thuộc trong hộ gia đình',           'dependants in the household',    'employment',       'Việc làm', true);

-- Registries (standards, their indicators, and the credit programmes of
-- 43_credit.sql): built-in rows are read-only, because pg_dump keeps only
-- the rows users add and a change to a shipped row would silently come back
-- as shipped after a restore; user indicators are checked against their
-- standard.
CREATE FUNCTION povstat.registry_guard() RETURNS trigger
  LANGUAGE plpgsql SET search_path = povstat, pg_catalog AS $$
DECLARE
  n integer;
  top integer;
  what text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.builtin THEN
    -- one field reference per statement: a record has only its table's fields
    IF TG_TABLE_NAME = 'credit_programme' THEN
      RAISE EXCEPTION 'row "%" of %.% is built into povstat and cannot be changed or deleted',
            OLD.code, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'check_violation',
              HINT = 'Add a programme of your own (builtin = false) with the corrected details and use its code in your ledgers.';
    ELSIF TG_TABLE_NAME = 'standard' THEN
      what := OLD.name;
    ELSE
      what := 'indicator ' || OLD.position || ' of ' || OLD.standard;
    END IF;
    RAISE EXCEPTION 'row "%" of %.% is built into povstat and cannot be changed or deleted',
          what, TG_TABLE_SCHEMA, TG_TABLE_NAME
      USING ERRCODE = 'check_violation',
            HINT = 'Register a standard of your own with INSERT (builtin = false), e.g. for a local standard with jurisdiction ''VN-HN''.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.builtin THEN
    RAISE EXCEPTION 'rows with builtin = true are created by CREATE EXTENSION povstat only'
      USING ERRCODE = 'check_violation', HINT = 'Insert your rows with builtin = false (the default).';
  END IF;
  IF TG_TABLE_NAME = 'standard_indicator' THEN
    SELECT s.n_indicators INTO n FROM povstat.standard s WHERE s.name = NEW.standard;
    IF n IS NOT NULL AND NEW.position > n THEN
      RAISE EXCEPTION 'indicator position % is beyond the % indicators of standard "%"', NEW.position, n, NEW.standard
        USING ERRCODE = 'check_violation', HINT = 'Positions run from 1 to the standard''s n_indicators.';
    END IF;
  ELSIF TG_TABLE_NAME = 'standard' THEN
    IF NEW.n_indicators IS NOT NULL THEN
      SELECT max(i.position) INTO top FROM povstat.standard_indicator i WHERE i.standard = NEW.name;
      IF top > NEW.n_indicators THEN
        RAISE EXCEPTION 'standard "%" lists an indicator at position %, beyond n_indicators = %', NEW.name, top, NEW.n_indicators
          USING ERRCODE = 'check_violation', HINT = 'Delete the indicators beyond the new count first.';
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION povstat.registry_guard() IS
  'Trigger of the registries povstat.standard, povstat.standard_indicator and povstat.credit_programme: built-in rows are read-only (pg_dump keeps only user rows), builtin = true cannot be inserted, indicator positions stay within the standard''s n_indicators.';

CREATE TRIGGER standard_guard BEFORE INSERT OR UPDATE OR DELETE ON povstat.standard
  FOR EACH ROW EXECUTE FUNCTION povstat.registry_guard();
CREATE TRIGGER standard_indicator_guard BEFORE INSERT OR UPDATE OR DELETE ON povstat.standard_indicator
  FOR EACH ROW EXECUTE FUNCTION povstat.registry_guard();
COMMENT ON TRIGGER standard_guard ON povstat.standard IS 'Built-in standards are read-only; see povstat.registry_guard().';
COMMENT ON TRIGGER standard_indicator_guard ON povstat.standard_indicator IS 'Built-in indicators are read-only; positions within n_indicators; see povstat.registry_guard().';

-- pg_dump saves user rows only; CREATE EXTENSION recreates the built-in ones.
SELECT pg_catalog.pg_extension_config_dump('povstat.standard', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('povstat.standard_indicator', 'WHERE NOT builtin');

-- Everyone may read the registry; the owner of the extension (and roles it
-- grants INSERT, UPDATE, DELETE to) may register standards.
GRANT SELECT ON povstat.standard, povstat.standard_indicator TO PUBLIC;

CREATE FUNCTION povstat.standard_in_force(on_date date, jurisdiction text DEFAULT 'VN') RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = povstat, pg_catalog AS $$
  SELECT s.name FROM povstat.standard s
   WHERE s.jurisdiction = $2 AND daterange(s.valid_from, s.valid_to, '[]') @> $1
$$;
COMMENT ON FUNCTION povstat.standard_in_force(date, text) IS
  'Name of the standard of the jurisdiction (default VN, the national standards) in force on the date; NULL when none is.';
