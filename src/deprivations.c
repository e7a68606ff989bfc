/*-------------------------------------------------------------------------
 *
 * deprivations.c
 *	  povstat.deprivations: a fixed-size set of indicator positions 1..32
 *	  (the indicators of a standard in which a household is deprived).
 *
 * The value is a uint32 mask passed by value (deprivations.h), so a
 * register of ten million households stores 4 bytes per household and
 * counting deprivations is one popcount.  Text form: "{2,4,11}", positions
 * in ascending order, "{}" for no deprivation.  The input accepts blanks
 * around braces, commas and numbers and the positions in any order, and
 * rejects anything else: duplicates, positions outside 1..32, signs,
 * leading zeros, empty elements.
 *
 * Order (for btree, ORDER BY, merge joins): by deprivation count first, so
 * that sorting puts less deprived households first, then lexicographically
 * by the ascending list of positions ({1,5} < {2,3}).
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "deprivations.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(deprivations_in);
PG_FUNCTION_INFO_V1(deprivations_out);
PG_FUNCTION_INFO_V1(deprivations_recv);
PG_FUNCTION_INFO_V1(deprivations_send);
PG_FUNCTION_INFO_V1(deprivations_from_flags);
PG_FUNCTION_INFO_V1(deprivations_from_positions);
PG_FUNCTION_INFO_V1(deprivations_positions);
PG_FUNCTION_INFO_V1(deprivations_count_fn);
PG_FUNCTION_INFO_V1(deprivations_has_position);
PG_FUNCTION_INFO_V1(deprivations_contains);
PG_FUNCTION_INFO_V1(deprivations_contained);
PG_FUNCTION_INFO_V1(deprivations_union);
PG_FUNCTION_INFO_V1(deprivations_intersect);
PG_FUNCTION_INFO_V1(deprivations_minus);
PG_FUNCTION_INFO_V1(deprivations_eq);
PG_FUNCTION_INFO_V1(deprivations_ne);
PG_FUNCTION_INFO_V1(deprivations_lt);
PG_FUNCTION_INFO_V1(deprivations_le);
PG_FUNCTION_INFO_V1(deprivations_gt);
PG_FUNCTION_INFO_V1(deprivations_ge);
PG_FUNCTION_INFO_V1(deprivations_cmp);
PG_FUNCTION_INFO_V1(deprivations_hash);
PG_FUNCTION_INFO_V1(deprivations_hash_extended);

static void
deprivations_syntax_error(const char *input, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type povstat.deprivations: \"%s\"", input),
			 errdetail("%s", detail),
			 errhint("Write the deprived indicator positions (1 to %d, each once) in braces, e.g. '{2,4,11}', or '{}' for none.",
					 DEPRIVATIONS_MAX_POSITION)));
}

static void
position_range_error(int64 pos, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("indicator position " INT64_FORMAT " %s is outside 1..%d", pos, what,
					DEPRIVATIONS_MAX_POSITION),
			 errhint("Indicator positions are 1-based; povstat.deprivations holds positions 1 to %d.",
					 DEPRIVATIONS_MAX_POSITION)));
}

void
deprivations_check_range(Deprivations d, int n_indicators, const char *std_name)
{
	int			top = deprivations_max_position(d);

	if (unlikely(top > n_indicators))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator position %d is outside standard \"%s\", which has %d indicators",
						top, std_name, n_indicators),
				 errhint("Positions 1 to %d are defined for this standard; see povstat.standard_indicator.",
						 n_indicators)));
}

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Datum
deprivations_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *p = input;
	Deprivations d = 0;

	while (is_blank(*p))
		p++;
	if (*p != '{')
		deprivations_syntax_error(input, "The value must start with \"{\".");
	p++;
	while (is_blank(*p))
		p++;
	if (*p == '}')
		p++;
	else
	{
		for (;;)
		{
			int			pos = 0;
			const char *start = p;

			if (*p < '0' || *p > '9')
				deprivations_syntax_error(input, "Expected an indicator position (a number from 1).");
			if (*p == '0')
				deprivations_syntax_error(input, "Positions start at 1 and are written without leading zeros.");
			while (*p >= '0' && *p <= '9')
			{
				if (p - start >= 2)
					deprivations_syntax_error(input,
											  psprintf("Positions are at most %d.", DEPRIVATIONS_MAX_POSITION));
				pos = pos * 10 + (*p - '0');
				p++;
			}
			if (pos > DEPRIVATIONS_MAX_POSITION)
				deprivations_syntax_error(input,
										  psprintf("Position %d is above %d.", pos, DEPRIVATIONS_MAX_POSITION));
			if (deprivations_has(d, pos))
				deprivations_syntax_error(input, psprintf("Position %d appears twice.", pos));
			d |= deprivations_bit(pos);
			while (is_blank(*p))
				p++;
			if (*p == ',')
			{
				p++;
				while (is_blank(*p))
					p++;
				continue;
			}
			if (*p == '}')
			{
				p++;
				break;
			}
			deprivations_syntax_error(input, "Expected \",\" or \"}\" after a position.");
		}
	}
	while (is_blank(*p))
		p++;
	if (*p != '\0')
		deprivations_syntax_error(input, "Unexpected text after \"}\".");
	PG_RETURN_DEPRIVATIONS(d);
}

Datum
deprivations_out(PG_FUNCTION_ARGS)
{
	Deprivations d = PG_GETARG_DEPRIVATIONS(0);
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int pos = 1; pos <= DEPRIVATIONS_MAX_POSITION; pos++)
	{
		if (!deprivations_has(d, pos))
			continue;
		if (!first)
			appendStringInfoChar(&buf, ',');
		appendStringInfo(&buf, "%d", pos);
		first = false;
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Binary form: the mask as a 4-byte unsigned integer in network order. */
Datum
deprivations_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Deprivations d;

	if (buf->len - buf->cursor != 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type povstat.deprivations"),
				 errdetail("Expected 4 bytes, got %d.", buf->len - buf->cursor),
				 errhint("Send the value produced by povstat.deprivations' send function: a 4-byte mask, bit i-1 for position i.")));
	d = (Deprivations) pq_getmsgint(buf, 4);
	PG_RETURN_DEPRIVATIONS(d);
}

Datum
deprivations_send(PG_FUNCTION_ARGS)
{
	Deprivations d = PG_GETARG_DEPRIVATIONS(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, d);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
check_one_dimension(ArrayType *arr, const char *what)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array, got %d dimensions", what, ARR_NDIM(arr)),
				 errhint("Pass one flag or position per element: povstat.deprivations(d01, d02, ...).")));
}

/*
 * povstat.deprivations(VARIADIC boolean[]): element i true means deprived
 * in indicator i.  A NULL flag makes the whole set unknown, so the result
 * is NULL (and so is any class computed from it): a missing answer on the
 * questionnaire is not silently read as "not deprived".
 */
Datum
deprivations_from_flags(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	Deprivations d = 0;

	check_one_dimension(arr, "the deprivation flags");
	deconstruct_array(arr, BOOLOID, 1, true, TYPALIGN_CHAR, &elems, &nulls, &n);
	if (n > DEPRIVATIONS_MAX_POSITION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d deprivation flags given, at most %d are supported", n, DEPRIVATIONS_MAX_POSITION),
				 errhint("povstat.deprivations holds indicator positions 1 to %d.", DEPRIVATIONS_MAX_POSITION)));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			PG_RETURN_NULL();
		if (DatumGetBool(elems[i]))
			d |= deprivations_bit(i + 1);
	}
	PG_RETURN_DEPRIVATIONS(d);
}

/*
 * povstat.deprivations(int[]): the set of the given positions.  A NULL
 * element gives NULL (unknown set), as for the flags; a duplicate or an
 * out-of-range position is an error.
 */
Datum
deprivations_from_positions(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	Deprivations d = 0;

	check_one_dimension(arr, "the indicator positions");
	deconstruct_array(arr, INT4OID, 4, true, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			PG_RETURN_NULL();
	for (int i = 0; i < n; i++)
	{
		int32		pos = DatumGetInt32(elems[i]);

		if (pos < 1 || pos > DEPRIVATIONS_MAX_POSITION)
			position_range_error(pos, "in the array");
		if (deprivations_has(d, pos))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("indicator position %d appears twice in the array", pos),
					 errhint("List each deprived indicator once, or build the set with | from parts that may overlap.")));
		d |= deprivations_bit(pos);
	}
	PG_RETURN_DEPRIVATIONS(d);
}

Datum
deprivations_positions(PG_FUNCTION_ARGS)
{
	Deprivations d = PG_GETARG_DEPRIVATIONS(0);
	Datum		elems[DEPRIVATIONS_MAX_POSITION];
	int			n = 0;

	for (int pos = 1; pos <= DEPRIVATIONS_MAX_POSITION; pos++)
		if (deprivations_has(d, pos))
			elems[n++] = Int32GetDatum(pos);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, INT4OID, 4, true, TYPALIGN_INT));
}

Datum
deprivations_count_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(deprivations_count(PG_GETARG_DEPRIVATIONS(0)));
}

Datum
deprivations_has_position(PG_FUNCTION_ARGS)
{
	Deprivations d = PG_GETARG_DEPRIVATIONS(0);
	int32		pos = PG_GETARG_INT32(1);

	if (pos < 1 || pos > DEPRIVATIONS_MAX_POSITION)
		position_range_error(pos, "tested with @>");
	PG_RETURN_BOOL(deprivations_has(d, pos));
}

Datum
deprivations_contains(PG_FUNCTION_ARGS)
{
	Deprivations a = PG_GETARG_DEPRIVATIONS(0);
	Deprivations b = PG_GETARG_DEPRIVATIONS(1);

	PG_RETURN_BOOL((a & b) == b);
}

Datum
deprivations_contained(PG_FUNCTION_ARGS)
{
	Deprivations a = PG_GETARG_DEPRIVATIONS(0);
	Deprivations b = PG_GETARG_DEPRIVATIONS(1);

	PG_RETURN_BOOL((a & b) == a);
}

Datum
deprivations_union(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) | PG_GETARG_DEPRIVATIONS(1));
}

Datum
deprivations_intersect(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) & PG_GETARG_DEPRIVATIONS(1));
}

Datum
deprivations_minus(PG_FUNCTION_ARGS)
{
	PG_RETURN_DEPRIVATIONS(PG_GETARG_DEPRIVATIONS(0) & ~PG_GETARG_DEPRIVATIONS(1));
}

/*
 * Total order: count first, then the ascending position lists compared
 * lexicographically.  With equal counts, the lowest position in which the
 * sets differ decides: the set holding it comes first.
 */
static inline int
deprivations_compare(Deprivations a, Deprivations b)
{
	int			ca,
				cb;
	Deprivations diff;

	if (a == b)
		return 0;
	ca = deprivations_count(a);
	cb = deprivations_count(b);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	diff = a ^ b;
	return (a & (diff & -diff)) ? -1 : 1;
}

Datum
deprivations_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEPRIVATIONS(0) == PG_GETARG_DEPRIVATIONS(1));
}

Datum
deprivations_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEPRIVATIONS(0) != PG_GETARG_DEPRIVATIONS(1));
}

Datum
deprivations_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deprivations_compare(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) < 0);
}

Datum
deprivations_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deprivations_compare(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) <= 0);
}

Datum
deprivations_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deprivations_compare(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) > 0);
}

Datum
deprivations_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deprivations_compare(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)) >= 0);
}

Datum
deprivations_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(deprivations_compare(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_DEPRIVATIONS(1)));
}

Datum
deprivations_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32(PG_GETARG_DEPRIVATIONS(0));
}

Datum
deprivations_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended(PG_GETARG_DEPRIVATIONS(0), PG_GETARG_INT64(1));
}
