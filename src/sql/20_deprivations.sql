-------------------------------------------------------------------------------
-- Deprivation sets (src/deprivations.c)
--
-- povstat.deprivations is the set of indicator positions (1..32) in which a
-- household is deprived: 4 bytes, passed by value.  Text form '{2,4,11}'.
-------------------------------------------------------------------------------

CREATE TYPE povstat.deprivations;

CREATE FUNCTION povstat.deprivations_in(cstring) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.deprivations_out(povstat.deprivations) RETURNS cstring
  AS 'MODULE_PATHNAME', 'deprivations_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.deprivations_recv(internal) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION povstat.deprivations_send(povstat.deprivations) RETURNS bytea
  AS 'MODULE_PATHNAME', 'deprivations_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE povstat.deprivations (
  INPUT = povstat.deprivations_in,
  OUTPUT = povstat.deprivations_out,
  RECEIVE = povstat.deprivations_recv,
  SEND = povstat.deprivations_send,
  INTERNALLENGTH = 4,
  PASSEDBYVALUE,
  ALIGNMENT = int4,
  STORAGE = plain
);
COMMENT ON TYPE povstat.deprivations IS
  'Set of indicator positions (1 to 32) in which a household is deprived, e.g. ''{2,4,11}''; ''{}'' for none. 4 bytes; bit i-1 stands for position i. Ordered by deprivation count, then by the ascending list of positions.';
COMMENT ON FUNCTION povstat.deprivations_in(cstring) IS
  'Text input of povstat.deprivations: positions 1..32 in braces, each at most once, any order; anything else is rejected (22P02).';
COMMENT ON FUNCTION povstat.deprivations_out(povstat.deprivations) IS
  'Text output of povstat.deprivations: positions in ascending order, e.g. {2,4,11}.';
COMMENT ON FUNCTION povstat.deprivations_recv(internal) IS
  'Binary input of povstat.deprivations: a 4-byte mask in network byte order, bit i-1 for position i.';
COMMENT ON FUNCTION povstat.deprivations_send(povstat.deprivations) IS
  'Binary output of povstat.deprivations: a 4-byte mask in network byte order, bit i-1 for position i.';

-- Constructors and accessors
CREATE FUNCTION povstat.deprivations(VARIADIC flags boolean[]) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_from_flags' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations(boolean[]) IS
  'Deprivation set from one flag per indicator, in position order: povstat.deprivations(d01, d02, ..., d12). true = deprived. A NULL flag makes the set unknown: the result is NULL. At most 32 flags.';

CREATE FUNCTION povstat.deprivations(positions integer[]) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_from_positions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations(integer[]) IS
  'Deprivation set from an array of positions (1..32, each once, any order), e.g. povstat.deprivations(ARRAY[2,4,11]). A NULL element gives NULL; a duplicate or out-of-range position is an error (22023).';

CREATE FUNCTION povstat.positions(povstat.deprivations) RETURNS integer[]
  AS 'MODULE_PATHNAME', 'deprivations_positions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.positions(povstat.deprivations) IS
  'Positions in the set as an ascending integer array ({} when empty); inverse of povstat.deprivations(integer[]).';

CREATE FUNCTION povstat.deprivation_count(povstat.deprivations) RETURNS integer
  AS 'MODULE_PATHNAME', 'deprivations_count_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivation_count(povstat.deprivations) IS
  'Number of indicators in which the household is deprived (size of the set).';

-- Set operators
CREATE FUNCTION povstat.deprivations_has_position(povstat.deprivations, integer) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_has_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_has_position(povstat.deprivations, integer) IS
  'Is the position (1..32) in the set? Implements deprivations @> integer; a position outside 1..32 is an error (22023).';
CREATE FUNCTION povstat.deprivations_contains(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_contains(povstat.deprivations, povstat.deprivations) IS
  'Does the first set contain every position of the second? Implements @>.';
CREATE FUNCTION povstat.deprivations_contained(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_contained(povstat.deprivations, povstat.deprivations) IS
  'Is every position of the first set in the second? Implements <@.';
CREATE FUNCTION povstat.deprivations_union(povstat.deprivations, povstat.deprivations) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_union(povstat.deprivations, povstat.deprivations) IS
  'Union of two deprivation sets; implements |.';
CREATE FUNCTION povstat.deprivations_intersect(povstat.deprivations, povstat.deprivations) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_intersect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_intersect(povstat.deprivations, povstat.deprivations) IS
  'Intersection of two deprivation sets; implements &.';
CREATE FUNCTION povstat.deprivations_minus(povstat.deprivations, povstat.deprivations) RETURNS povstat.deprivations
  AS 'MODULE_PATHNAME', 'deprivations_minus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povstat.deprivations_minus(povstat.deprivations, povstat.deprivations) IS
  'Positions of the first set that are not in the second; implements -.';

CREATE OPERATOR povstat.@> (LEFTARG = povstat.deprivations, RIGHTARG = integer,
  FUNCTION = povstat.deprivations_has_position);
COMMENT ON OPERATOR povstat.@> (povstat.deprivations, integer) IS 'deprivation set contains the indicator position';
CREATE OPERATOR povstat.@> (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_contains, COMMUTATOR = OPERATOR(povstat.<@),
  RESTRICT = contsel, JOIN = contjoinsel);
COMMENT ON OPERATOR povstat.@> (povstat.deprivations, povstat.deprivations) IS 'first deprivation set contains the second';
CREATE OPERATOR povstat.<@ (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_contained, COMMUTATOR = OPERATOR(povstat.@>),
  RESTRICT = contsel, JOIN = contjoinsel);
COMMENT ON OPERATOR povstat.<@ (povstat.deprivations, povstat.deprivations) IS 'first deprivation set is contained in the second';
CREATE OPERATOR povstat.| (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_union, COMMUTATOR = OPERATOR(povstat.|));
COMMENT ON OPERATOR povstat.| (povstat.deprivations, povstat.deprivations) IS 'union of deprivation sets';
CREATE OPERATOR povstat.& (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_intersect, COMMUTATOR = OPERATOR(povstat.&));
COMMENT ON OPERATOR povstat.& (povstat.deprivations, povstat.deprivations) IS 'intersection of deprivation sets';
CREATE OPERATOR povstat.- (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_minus);
COMMENT ON OPERATOR povstat.- (povstat.deprivations, povstat.deprivations) IS 'difference of deprivation sets';

-- Comparison, btree and hash support (GROUP BY, DISTINCT, ORDER BY, joins)
CREATE FUNCTION povstat.deprivations_eq(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_ne(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_lt(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_le(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_gt(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_ge(povstat.deprivations, povstat.deprivations) RETURNS boolean
  AS 'MODULE_PATHNAME', 'deprivations_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_cmp(povstat.deprivations, povstat.deprivations) RETURNS integer
  AS 'MODULE_PATHNAME', 'deprivations_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_hash(povstat.deprivations) RETURNS integer
  AS 'MODULE_PATHNAME', 'deprivations_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION povstat.deprivations_hash_extended(povstat.deprivations, bigint) RETURNS bigint
  AS 'MODULE_PATHNAME', 'deprivations_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION povstat.deprivations_eq(povstat.deprivations, povstat.deprivations) IS 'Equality of deprivation sets; implements =.';
COMMENT ON FUNCTION povstat.deprivations_ne(povstat.deprivations, povstat.deprivations) IS 'Inequality of deprivation sets; implements <>.';
COMMENT ON FUNCTION povstat.deprivations_lt(povstat.deprivations, povstat.deprivations) IS 'Order of deprivation sets (count, then positions); implements <.';
COMMENT ON FUNCTION povstat.deprivations_le(povstat.deprivations, povstat.deprivations) IS 'Order of deprivation sets (count, then positions); implements <=.';
COMMENT ON FUNCTION povstat.deprivations_gt(povstat.deprivations, povstat.deprivations) IS 'Order of deprivation sets (count, then positions); implements >.';
COMMENT ON FUNCTION povstat.deprivations_ge(povstat.deprivations, povstat.deprivations) IS 'Order of deprivation sets (count, then positions); implements >=.';
COMMENT ON FUNCTION povstat.deprivations_cmp(povstat.deprivations, povstat.deprivations) IS 'Btree support: -1, 0 or 1 by deprivation count, then by the ascending list of positions.';
COMMENT ON FUNCTION povstat.deprivations_hash(povstat.deprivations) IS 'Hash support for povstat.deprivations (hash joins, hash aggregation).';
COMMENT ON FUNCTION povstat.deprivations_hash_extended(povstat.deprivations, bigint) IS 'Seeded hash support for povstat.deprivations (hash partitioning).';

CREATE OPERATOR povstat.= (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_eq, COMMUTATOR = OPERATOR(povstat.=), NEGATOR = OPERATOR(povstat.<>),
  RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR povstat.<> (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_ne, COMMUTATOR = OPERATOR(povstat.<>), NEGATOR = OPERATOR(povstat.=),
  RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR povstat.< (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_lt, COMMUTATOR = OPERATOR(povstat.>), NEGATOR = OPERATOR(povstat.>=),
  RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR povstat.<= (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_le, COMMUTATOR = OPERATOR(povstat.>=), NEGATOR = OPERATOR(povstat.>),
  RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR povstat.> (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_gt, COMMUTATOR = OPERATOR(povstat.<), NEGATOR = OPERATOR(povstat.<=),
  RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR povstat.>= (LEFTARG = povstat.deprivations, RIGHTARG = povstat.deprivations,
  FUNCTION = povstat.deprivations_ge, COMMUTATOR = OPERATOR(povstat.<=), NEGATOR = OPERATOR(povstat.<),
  RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR povstat.= (povstat.deprivations, povstat.deprivations) IS 'equal deprivation sets';
COMMENT ON OPERATOR povstat.<> (povstat.deprivations, povstat.deprivations) IS 'different deprivation sets';
COMMENT ON OPERATOR povstat.< (povstat.deprivations, povstat.deprivations) IS 'less deprived (count, then positions)';
COMMENT ON OPERATOR povstat.<= (povstat.deprivations, povstat.deprivations) IS 'less deprived or equal (count, then positions)';
COMMENT ON OPERATOR povstat.> (povstat.deprivations, povstat.deprivations) IS 'more deprived (count, then positions)';
COMMENT ON OPERATOR povstat.>= (povstat.deprivations, povstat.deprivations) IS 'more deprived or equal (count, then positions)';

CREATE OPERATOR CLASS povstat.deprivations_ops
  DEFAULT FOR TYPE povstat.deprivations USING btree AS
    OPERATOR 1 povstat.<,
    OPERATOR 2 povstat.<=,
    OPERATOR 3 povstat.=,
    OPERATOR 4 povstat.>=,
    OPERATOR 5 povstat.>,
    FUNCTION 1 povstat.deprivations_cmp(povstat.deprivations, povstat.deprivations);
COMMENT ON OPERATOR CLASS povstat.deprivations_ops USING btree IS
  'Default btree order of povstat.deprivations: deprivation count, then ascending position list.';

CREATE OPERATOR CLASS povstat.deprivations_hash_ops
  DEFAULT FOR TYPE povstat.deprivations USING hash AS
    OPERATOR 1 povstat.=,
    FUNCTION 1 povstat.deprivations_hash(povstat.deprivations),
    FUNCTION 2 povstat.deprivations_hash_extended(povstat.deprivations, bigint);
COMMENT ON OPERATOR CLASS povstat.deprivations_hash_ops USING hash IS
  'Default hash operator class of povstat.deprivations (GROUP BY, DISTINCT, hash joins).';
COMMENT ON OPERATOR FAMILY povstat.deprivations_ops USING btree IS
  'Btree operator family of povstat.deprivations.';
COMMENT ON OPERATOR FAMILY povstat.deprivations_hash_ops USING hash IS
  'Hash operator family of povstat.deprivations.';
