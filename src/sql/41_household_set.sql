-------------------------------------------------------------------------------
-- Exact beneficiary sets: povstat.household_set (src/household_set.c)
--
-- A set of household ids (bigint >= 0) on CRoaring: 64-bit ids are split
-- into a bucket per high 32 bits, each a 32-bit roaring bitmap stored in
-- CRoaring's portable format.  Text form '{1,2,5-9}'.  Aggregates skip NULL
-- ids; negative ids are an error (22023).
-------------------------------------------------------------------------------

CREATE TYPE povstat.household_set;

CREATE FUNCTION povstat.household_set_in(cstring) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_out(povstat.household_set) RETURNS cstring
  AS 'MODULE_PATHNAME', 'household_set_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_recv(internal) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_send(povstat.household_set) RETURNS bytea
  AS 'MODULE_PATHNAME', 'household_set_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STORAGE = extended: a register-wide set can exceed a page.
CREATE TYPE povstat.household_set (
  INPUT = povstat.household_set_in,
  OUTPUT = povstat.household_set_out,
  RECEIVE = povstat.household_set_recv,
  SEND = povstat.household_set_send,
  INTERNALLENGTH = VARIABLE,
  ALIGNMENT = double,
  STORAGE = extended
);
COMMENT ON TYPE povstat.household_set IS
  'Exact set of household ids (bigint >= 0) on CRoaring roaring bitmaps; text form {1,2,5-9}. Build with povstat.household_set(id), merge with povstat.union(set); | & - set algebra, @> <@ membership. Mergeable across parallel workers, communes and programmes.';
COMMENT ON FUNCTION povstat.household_set_in(cstring) IS 'Text input of povstat.household_set: ids >= 0 and ranges first-last, comma separated, optionally in braces; order and repetition do not matter.';
COMMENT ON FUNCTION povstat.household_set_out(povstat.household_set) IS 'Text output of povstat.household_set: ascending ids in braces, runs of three or more as first-last.';
COMMENT ON FUNCTION povstat.household_set_recv(internal) IS 'Binary input of povstat.household_set; validates the bucket directory, CRoaring''s portable format and every container invariant.';
COMMENT ON FUNCTION povstat.household_set_send(povstat.household_set) IS 'Binary output of povstat.household_set.';

CREATE FUNCTION povstat.household_set_from_bytea(bytea) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_from_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_to_bytea(povstat.household_set) RETURNS bytea
  AS 'MODULE_PATHNAME', 'household_set_to_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.household_set_from_bytea(bytea) IS 'A household_set from its binary form (as household_set_send writes it), validated as binary input is.';
COMMENT ON FUNCTION povstat.household_set_to_bytea(povstat.household_set) IS 'The binary form of a household_set (what household_set_send writes), for export.';

-- Aggregate support (not for direct calls).
CREATE FUNCTION povstat.household_set_accum(povstat.household_set, bigint)
  RETURNS povstat.household_set AS 'MODULE_PATHNAME', 'household_set_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_union_accum(povstat.household_set, povstat.household_set)
  RETURNS povstat.household_set AS 'MODULE_PATHNAME', 'household_set_union_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION povstat.household_set_accum(povstat.household_set, bigint) IS 'Transition function of povstat.household_set(id); aggregate support.';
COMMENT ON FUNCTION povstat.household_set_union_accum(povstat.household_set, povstat.household_set) IS 'Combine function of povstat.household_set(id) and transition function of povstat.union(household_set); aggregate support.';

CREATE AGGREGATE povstat.household_set(id bigint) (
  SFUNC = povstat.household_set_accum, STYPE = povstat.household_set,
  COMBINEFUNC = povstat.household_set_union_accum, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.household_set(bigint) IS
  'Exact set of the non-NULL household ids (>= 0) of the rows; cardinality() of it equals count(DISTINCT id), and it merges across parallel workers.';
CREATE AGGREGATE povstat.union(povstat.household_set) (
  SFUNC = povstat.household_set_union_accum, STYPE = povstat.household_set,
  COMBINEFUNC = povstat.household_set_union_accum, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.union(povstat.household_set) IS
  'Union of household sets (households reached by any of the programmes/communes). Call it qualified: union is an SQL keyword.';
CREATE AGGREGATE povstat.merge(povstat.household_set) (
  SFUNC = povstat.household_set_union_accum, STYPE = povstat.household_set,
  COMBINEFUNC = povstat.household_set_union_accum, PARALLEL = SAFE);
COMMENT ON AGGREGATE povstat.merge(povstat.household_set) IS 'Merges stored household sets (the union); same as povstat.union(household_set).';

CREATE FUNCTION povstat.cardinality(povstat.household_set) RETURNS bigint
  AS 'MODULE_PATHNAME', 'household_set_cardinality' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.cardinality(povstat.household_set) IS 'Number of households in the set (exact).';

CREATE FUNCTION povstat.union(povstat.household_set, povstat.household_set) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.intersection(povstat.household_set, povstat.household_set) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_intersection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.difference(povstat.household_set, povstat.household_set) RETURNS povstat.household_set
  AS 'MODULE_PATHNAME', 'household_set_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.union(povstat.household_set, povstat.household_set) IS 'Households in either set (operator |).';
COMMENT ON FUNCTION povstat.intersection(povstat.household_set, povstat.household_set) IS 'Households in both sets (operator &), e.g. reached by two programmes.';
COMMENT ON FUNCTION povstat.difference(povstat.household_set, povstat.household_set) IS 'Households in the first set and not in the second (operator -), e.g. poor households not reached.';

CREATE FUNCTION povstat.household_set_contains(povstat.household_set, bigint) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_contains_id' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_contained(bigint, povstat.household_set) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_id_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_contains(povstat.household_set, povstat.household_set) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_contains_set' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_contained(povstat.household_set, povstat.household_set) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_contained_set' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_eq(povstat.household_set, povstat.household_set) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.household_set_ne(povstat.household_set, povstat.household_set) RETURNS boolean
  AS 'MODULE_PATHNAME', 'household_set_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.household_set_contains(povstat.household_set, bigint) IS 'Is the household in the set (operator @>)? A negative id is in no set.';
COMMENT ON FUNCTION povstat.household_set_contained(bigint, povstat.household_set) IS 'Is the household in the set (operator <@)?';
COMMENT ON FUNCTION povstat.household_set_contains(povstat.household_set, povstat.household_set) IS 'Is the second set a subset of the first (operator @>)?';
COMMENT ON FUNCTION povstat.household_set_contained(povstat.household_set, povstat.household_set) IS 'Is the first set a subset of the second (operator <@)?';
COMMENT ON FUNCTION povstat.household_set_eq(povstat.household_set, povstat.household_set) IS 'Do the sets hold the same households (operator =)?';
COMMENT ON FUNCTION povstat.household_set_ne(povstat.household_set, povstat.household_set) IS 'Do the sets differ (operator <>)?';

CREATE FUNCTION povstat.members(povstat.household_set) RETURNS SETOF bigint
  AS 'MODULE_PATHNAME', 'household_set_members' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION povstat.members(povstat.household_set) IS 'The household ids of the set, ascending.';

CREATE OPERATOR povstat.| (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.union, COMMUTATOR = OPERATOR(povstat.|));
CREATE OPERATOR povstat.& (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.intersection, COMMUTATOR = OPERATOR(povstat.&));
CREATE OPERATOR povstat.- (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.difference);
CREATE OPERATOR povstat.@> (LEFTARG = povstat.household_set, RIGHTARG = bigint,
  FUNCTION = povstat.household_set_contains, COMMUTATOR = OPERATOR(povstat.<@));
CREATE OPERATOR povstat.<@ (LEFTARG = bigint, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.household_set_contained, COMMUTATOR = OPERATOR(povstat.@>));
CREATE OPERATOR povstat.@> (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.household_set_contains, COMMUTATOR = OPERATOR(povstat.<@));
CREATE OPERATOR povstat.<@ (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.household_set_contained, COMMUTATOR = OPERATOR(povstat.@>));
CREATE OPERATOR povstat.= (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.household_set_eq, COMMUTATOR = OPERATOR(povstat.=),
  NEGATOR = OPERATOR(povstat.<>));
CREATE OPERATOR povstat.<> (LEFTARG = povstat.household_set, RIGHTARG = povstat.household_set,
  FUNCTION = povstat.household_set_ne, COMMUTATOR = OPERATOR(povstat.<>),
  NEGATOR = OPERATOR(povstat.=));
COMMENT ON OPERATOR povstat.| (povstat.household_set, povstat.household_set) IS 'Union of household sets.';
COMMENT ON OPERATOR povstat.& (povstat.household_set, povstat.household_set) IS 'Intersection of household sets.';
COMMENT ON OPERATOR povstat.- (povstat.household_set, povstat.household_set) IS 'Difference of household sets.';
COMMENT ON OPERATOR povstat.@> (povstat.household_set, bigint) IS 'Set contains the household.';
COMMENT ON OPERATOR povstat.<@ (bigint, povstat.household_set) IS 'Household is in the set.';
COMMENT ON OPERATOR povstat.@> (povstat.household_set, povstat.household_set) IS 'First set contains the second.';
COMMENT ON OPERATOR povstat.<@ (povstat.household_set, povstat.household_set) IS 'First set is contained in the second.';
COMMENT ON OPERATOR povstat.= (povstat.household_set, povstat.household_set) IS 'Same households.';
COMMENT ON OPERATOR povstat.<> (povstat.household_set, povstat.household_set) IS 'Different households.';
