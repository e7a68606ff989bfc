-------------------------------------------------------------------------------
-- Household classification (src/classify.c)
--
-- povstat.classify(income, area, deprivations, standard | date) applies a
-- standard of povstat.standard: income per person per month at or below a
-- line counts as below it.  The standard is looked up once per call site
-- and command, not per row.  NULL arguments give NULL.
-------------------------------------------------------------------------------

CREATE FUNCTION povstat.classify(income numeric, area povstat.area, deprivations povstat.deprivations,
                                 standard text) RETURNS povstat.hh_class
  AS 'MODULE_PATHNAME', 'classify_numeric_standard' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.classify(numeric, povstat.area, povstat.deprivations, text) IS
  'Class of a household (poor, near_poor, average, better_off) under the named standard of povstat.standard, from its income per person per month (exact numeric comparison; at a line = below it), area and deprivation set. Errors: negative/NaN/infinite income, unknown standard (42704), position beyond the standard''s indicators.';

CREATE FUNCTION povstat.classify(income float8, area povstat.area, deprivations povstat.deprivations,
                                 standard text) RETURNS povstat.hh_class
  AS 'MODULE_PATHNAME', 'classify_float8_standard' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.classify(float8, povstat.area, povstat.deprivations, text) IS
  'povstat.classify for float8 incomes (survey files): each income is compared with the line cast to float8, as income <= line would in SQL.';

CREATE FUNCTION povstat.classify(income numeric, area povstat.area, deprivations povstat.deprivations,
                                 on_date date) RETURNS povstat.hh_class
  AS 'MODULE_PATHNAME', 'classify_numeric_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.classify(numeric, povstat.area, povstat.deprivations, date) IS
  'povstat.classify under the national standard (jurisdiction VN) in force on the date, e.g. VN-2022-2025 for 2022-01-01 to 2026-12-31; a date no standard covers is an error (22023).';

CREATE FUNCTION povstat.classify(income float8, area povstat.area, deprivations povstat.deprivations,
                                 on_date date) RETURNS povstat.hh_class
  AS 'MODULE_PATHNAME', 'classify_float8_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.classify(float8, povstat.area, povstat.deprivations, date) IS
  'povstat.classify for float8 incomes under the national standard in force on the date.';

CREATE FUNCTION povstat.label(class povstat.hh_class, lang text DEFAULT 'vi') RETURNS text
  AS 'MODULE_PATHNAME', 'hh_class_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.label(povstat.hh_class, text) IS
  'Name of a household class in Vietnamese (lang ''vi'': hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, hộ có mức sống trên trung bình) or English (''en'').';

CREATE FUNCTION povstat.monthly_income_per_capita(annual_household_income numeric, members integer)
  RETURNS numeric
  AS 'MODULE_PATHNAME', 'monthly_income_per_capita' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.monthly_income_per_capita(numeric, integer) IS
  'Income per person per month = annual household income / (12 * members), one numeric division (exact when the quotient terminates within 16 significant digits). Errors (22023): negative, NaN or infinite income; members <= 0.';
