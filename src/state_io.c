/*-------------------------------------------------------------------------
 *
 * state_io.c
 *	  Text form shared by povstat's aggregate state types, and the checks
 *	  their input, receive and combine functions apply.
 *
 * States cross process and machine boundaries (parallel workers, Citus
 * ships them as text, rollup tables store them), so the reader trusts
 * nothing: every field is named, in a fixed order, fully consumed, and
 * range-checked by the caller before it becomes part of a state.  Floats
 * are written in the shortest decimal form that reads back to the same
 * double (Ryu, as float8out uses), which makes the text round trip exact.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include <errno.h>
#include <limits.h>

#include "common/int.h"
#include "common/shortest_dec.h"

void
state_text_begin(StringInfo out)
{
	appendStringInfoChar(out, '(');
}

static void
state_text_name(StringInfo out, const char *name)
{
	if (out->len > 0 && out->data[out->len - 1] != '(')
		appendStringInfoChar(out, ',');
	appendStringInfoString(out, name);
	appendStringInfoChar(out, '=');
}

void
state_text_int64(StringInfo out, const char *name, int64 value)
{
	state_text_name(out, name);
	appendStringInfo(out, INT64_FORMAT, value);
}

void
state_text_float8(StringInfo out, const char *name, double value)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	state_text_name(out, name);
	double_to_shortest_decimal_buf(value, buf);
	appendStringInfoString(out, buf);
}

void
state_text_end(StringInfo out)
{
	appendStringInfoChar(out, ')');
}

void
state_text_error(const StateTextReader *r, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type povstat.%s: \"%s\"", r->typname, r->input),
			 errdetail("%s (at character %d).", detail, (int) (r->pos - r->input) + 1),
			 errhint("Use the text that povstat.%s's output function prints, e.g. from a rollup table.", r->typname)));
}

void
state_binary_error(const char *typname, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type povstat.%s", typname),
			 errdetail("%s", detail),
			 errhint("Send values produced by povstat.%s's send function of the same povstat version.", typname)));
}

void
state_reader_init(StateTextReader *r, const char *input, const char *typname)
{
	r->input = input;
	r->pos = input;
	r->typname = typname;
	r->first = true;
	if (*r->pos != '(')
		state_text_error(r, "expected \"(\"");
	r->pos++;
}

/* Consume "name=" (preceded by "," except for the first field). */
static void
state_read_name(StateTextReader *r, const char *name)
{
	size_t		len = strlen(name);

	if (!r->first)
	{
		if (*r->pos != ',')
			state_text_error(r, psprintf("expected \",\" before field \"%s\"", name));
		r->pos++;
	}
	r->first = false;
	if (strncmp(r->pos, name, len) != 0 || r->pos[len] != '=')
		state_text_error(r, psprintf("expected field \"%s=\"", name));
	r->pos += len + 1;
}

int64
state_read_int64(StateTextReader *r, const char *name)
{
	char	   *end;
	long long	value;

	state_read_name(r, name);
	if (!(*r->pos == '-' || (*r->pos >= '0' && *r->pos <= '9')))
		state_text_error(r, psprintf("field \"%s\" is not an integer", name));
	errno = 0;
	value = strtoll(r->pos, &end, 10);
	if (errno == ERANGE || end == r->pos)
		state_text_error(r, psprintf("field \"%s\" is not a 64-bit integer", name));
	r->pos = end;
	return (int64) value;
}

double
state_read_float8(StateTextReader *r, const char *name)
{
	char	   *end;
	double		value;

	state_read_name(r, name);
	/* strtod would also take blanks, "inf", "nan" and hex; states never hold those */
	if (!(*r->pos == '-' || (*r->pos >= '0' && *r->pos <= '9')))
		state_text_error(r, psprintf("field \"%s\" is not a finite number", name));
	errno = 0;
	value = strtod(r->pos, &end);
	if (end == r->pos || isnan(value) || isinf(value))
		state_text_error(r, psprintf("field \"%s\" is not a finite number", name));
	/* ERANGE on underflow still returns the correctly rounded subnormal */
	if (errno == ERANGE && fabs(value) >= 1.0)
		state_text_error(r, psprintf("field \"%s\" is out of range", name));
	r->pos = end;
	return value;
}

/* A 0/1 field of a state's text form, returned as the given flag bit or 0. */
uint16
state_read_flag(StateTextReader *r, const char *name, uint16 flag)
{
	int64		v = state_read_int64(r, name);

	if (v != 0 && v != 1)
		state_text_error(r, psprintf("field \"%s\" must be 0 or 1", name));
	return v ? flag : 0;
}

void
state_reader_finish(StateTextReader *r)
{
	if (*r->pos != ')')
		state_text_error(r, "expected \")\"");
	r->pos++;
	if (*r->pos != '\0')
		state_text_error(r, "unexpected characters after \")\"");
}

void
state_value_error(const char *typname, bool binary, const char *detail)
{
	if (binary)
		state_binary_error(typname, detail);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid value for type povstat.%s", typname),
			 errdetail("%s", detail),
			 errhint("Use the text that povstat.%s's output function prints, e.g. from a rollup table.", typname)));
}

/* Sums of weights and of non-negative terms: finite and >= 0. */
void
state_check_sum(const char *typname, const char *field, const KahanSum *k, bool binary)
{
	double		v = k->sum + k->comp;

	if (isnan(k->sum) || isinf(k->sum) || isnan(k->comp) || isinf(k->comp) ||
		isinf(v) || v < 0)
		state_value_error(typname, binary,
						  psprintf("field \"%s\" must be a finite sum >= 0, got %g", field, v));
}

void
state_check_count(const char *typname, const char *field, int64 value, bool binary)
{
	if (value < 0)
		state_value_error(typname, binary,
						  psprintf("field \"%s\" must be a count >= 0, got " INT64_FORMAT,
								   field, value));
}

void
state_merge_count(const char *typname, const char *field, int64 *into, int64 add)
{
	if (unlikely(pg_add_s64_overflow(*into, add, into)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("count \"%s\" of merged povstat.%s values overflows bigint", field, typname),
				 errhint("The merged states hold more than 2^63 rows; check the rollup for states counted repeatedly.")));
}

void
state_merge_sum(const char *typname, const char *field, KahanSum *into, const KahanSum *from)
{
	kahan_merge(into, from);
	state_require_finite(typname, field, into);
}

void
state_require_finite(const char *typname, const char *field, const KahanSum *k)
{
	if (unlikely(!isfinite(k->sum) || !isfinite(k->comp) || !isfinite(k->sum + k->comp)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum \"%s\" of povstat.%s overflows float8", field, typname),
				 errhint("Weights are household or person counts and incomes money amounts; check for a mistaken weight or income column, or states counted repeatedly.")));
}
