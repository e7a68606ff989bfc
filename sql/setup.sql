-- Creates the extension once for the whole pg_regress suite.
-- When scripts/test.sh runs the suite as an ordinary role, the superuser has
-- installed povstat in the test database already and created the role that
-- sql/credit.sql switches to; run by hand as a superuser, this creates both.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS povstat;
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'regress_povstat_credit_reader') THEN
    CREATE ROLE regress_povstat_credit_reader;
  END IF;
END
$$;
RESET client_min_messages;
SELECT povstat.version() = extversion AS library_matches_extension
  FROM pg_extension WHERE extname = 'povstat';
