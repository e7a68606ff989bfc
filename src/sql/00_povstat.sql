-- povstat install script, assembled by "make" from src/sql/*.sql: one
-- fragment per concern, in the order of the C files in src/.
\echo Use "CREATE EXTENSION povstat" to load this file. \quit

COMMENT ON SCHEMA povstat IS
  'povstat: poverty statistics (household classification, poverty and inequality aggregates, programme accounting)';

-- Functions of the extension run with the caller's rights.  None is
-- SECURITY DEFINER; SQL-language ones pin search_path to povstat, pg_catalog.
REVOKE ALL ON SCHEMA povstat FROM PUBLIC;
GRANT USAGE ON SCHEMA povstat TO PUBLIC;

CREATE FUNCTION povstat.version() RETURNS text
  AS 'MODULE_PATHNAME', 'povstat_version'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.version() IS
  'Version of the loaded povstat library (may differ from the installed extension version until ALTER EXTENSION povstat UPDATE).';

-- Household classes, from poorest; the declared order makes < and ORDER BY
-- follow living standard.
CREATE TYPE povstat.hh_class AS ENUM ('poor', 'near_poor', 'average', 'better_off');
COMMENT ON TYPE povstat.hh_class IS
  'Household class under a poverty standard, ordered from poorest: poor (hộ nghèo), near_poor (hộ cận nghèo), average (hộ có mức sống trung bình), better_off (above the average band).';

CREATE TYPE povstat.area AS ENUM ('rural', 'urban');
COMMENT ON TYPE povstat.area IS
  'Area of residence that selects the income line: rural (nông thôn) or urban (thành thị; đô thị from 2027).';
