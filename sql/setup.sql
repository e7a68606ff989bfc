-- Creates the extension once for the whole pg_regress suite.
SET client_min_messages = warning;
CREATE EXTENSION povstat;
RESET client_min_messages;
SELECT povstat.version() = extversion AS library_matches_extension
  FROM pg_extension WHERE extname = 'povstat';
