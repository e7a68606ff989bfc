/*-------------------------------------------------------------------------
 *
 * programme.c
 *	  povstat.programme_summary(household_id, amount): in one pass over a
 *	  payment ledger, the number of payments, the exact number of distinct
 *	  beneficiary households, the exact total in đồng, the mean per
 *	  beneficiary, and the smallest and largest payment.
 *
 * Conventions (doc/accounting.md):
 *	- a row is one payment; NULL id or NULL amount skips the row;
 *	- amounts are whole đồng >= 0; a negative amount (a refund or a
 *	  reversal) is an ERROR (22023): netting refunds against payments would
 *	  silently change "payments", "min" and the beneficiary count, so the
 *	  ledger must net them before aggregating;
 *	- the total is summed in 128 bits and returned as numeric: exact for
 *	  any ledger PostgreSQL can hold (a bigint sum() would overflow at
 *	  9.2 quintillion đồng, and sum(bigint) switches to slower numeric);
 *	- beneficiaries are a household_set, so partial states from parallel
 *	  workers, communes or months merge exactly, where count(DISTINCT)
 *	  can neither run in parallel nor merge.
 *
 * The state is an expanded object like household_set's (see the header of
 * household_set.c for why): the live bitmaps and counters stay in the
 * aggregate context, and PostgreSQL flattens the object when it has to
 * store it (a parallel worker's partial result, a rollup table).
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "programme.h"

#include "access/htup_details.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(programme_state_in);
PG_FUNCTION_INFO_V1(programme_state_out);
PG_FUNCTION_INFO_V1(programme_state_recv);
PG_FUNCTION_INFO_V1(programme_state_send);
PG_FUNCTION_INFO_V1(programme_accum);
PG_FUNCTION_INFO_V1(programme_combine);
PG_FUNCTION_INFO_V1(programme_summary_final);
PG_FUNCTION_INFO_V1(programme_payments);
PG_FUNCTION_INFO_V1(programme_beneficiaries);
PG_FUNCTION_INFO_V1(programme_total);
PG_FUNCTION_INFO_V1(programme_mean);
PG_FUNCTION_INFO_V1(programme_min);
PG_FUNCTION_INFO_V1(programme_max);
PG_FUNCTION_INFO_V1(programme_beneficiary_set);

#define INT128_MAX_VALUE ((int128) (((uint128) 1 << 127) - 1))

typedef struct ProgExpanded
{
	ExpandedObjectHeader hdr;
	int64		payments;
	int64		min_amount;
	int64		max_amount;
	int128		total;
	HsetCore	core;
} ProgExpanded;

/* A state argument, whichever form it came in. */
typedef struct ProgView
{
	int64		payments;
	int64		min_amount;
	int64		max_amount;
	int128		total;
	HsetCore   *core;			/* expanded: live set */
	HouseholdSetData *set;		/* flat: embedded set */
} ProgView;

static Size
prog_eoh_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ProgExpanded *e = (ProgExpanded *) eohptr;

	return sizeof(ProgrammeStateData) + hset_core_flat_size(&e->core);
}

static void
prog_fill_header(ProgrammeStateData *s, Size size, int64 payments, int64 min_amount,
				 int64 max_amount, int128 total)
{
	memset(s, 0, sizeof(ProgrammeStateData));
	SET_VARSIZE(s, size);
	s->hdr.magic = POVSTAT_MAGIC_PROGRAM;
	s->hdr.version = PROGRAMME_STATE_VERSION;
	s->payments = payments;
	s->min_amount = min_amount;
	s->max_amount = max_amount;
	s->total_lo = (uint64) ((uint128) total);
	s->total_hi = (uint64) ((uint128) total >> 64);
}

static void
prog_eoh_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ProgExpanded *e = (ProgExpanded *) eohptr;
	ProgrammeStateData *s = (ProgrammeStateData *) result;
	Size		setsize = hset_core_flat_size(&e->core);

	if (sizeof(ProgrammeStateData) + setsize != allocated_size)
		elog(ERROR, "programme_state: flatten size mismatch");
	prog_fill_header(s, allocated_size, e->payments, e->min_amount, e->max_amount, e->total);
	hset_core_flatten(&e->core, PROGRAMME_SET(s), setsize);
}

static const ExpandedObjectMethods prog_eoh_methods = {
	prog_eoh_get_flat_size,
	prog_eoh_flatten_into
};

static ProgExpanded *
prog_expanded_new(MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "povstat programme_state",
											  ALLOCSET_SMALL_SIZES);
	ProgExpanded *e = MemoryContextAllocZero(cxt, sizeof(ProgExpanded));

	EOH_init_header(&e->hdr, &prog_eoh_methods, cxt);
	hset_core_init(&e->core, cxt);
	return e;
}

static int128
prog_flat_total(const ProgrammeStateData *s)
{
	return (int128) (((uint128) s->total_hi << 64) | s->total_lo);
}

/*
 * Everything a state read from outside must satisfy.  The bounds on the
 * total follow from min <= each amount <= max.
 */
static void
prog_validate(int64 payments, int64 min_amount, int64 max_amount, int128 total,
			  uint64 households, bool binary)
{
	if (payments < 0)
		state_value_error(PROGRAMME_TYPNAME, binary, "payments must be >= 0");
	if (total < 0)
		state_value_error(PROGRAMME_TYPNAME, binary, "total must be >= 0 and below 2^127");
	if (payments == 0)
	{
		if (households != 0 || total != 0 || min_amount != 0 || max_amount != 0)
			state_value_error(PROGRAMME_TYPNAME, binary,
							  "a state without payments must have no households, total, min or max");
		return;
	}
	if (min_amount < 0 || min_amount > max_amount)
		state_value_error(PROGRAMME_TYPNAME, binary, "need 0 <= min <= max");
	if (households < 1 || households > (uint64) payments)
		state_value_error(PROGRAMME_TYPNAME, binary,
						  "the number of households must be between 1 and the number of payments");
	if (total < (int128) max_amount + (int128) min_amount * (payments - 1) ||
		total > (int128) min_amount + (int128) max_amount * (payments - 1))
		state_value_error(PROGRAMME_TYPNAME, binary,
						  "total is inconsistent with the payments, min and max");
}

static void
prog_view(Datum d, ProgView *v)
{
	ProgrammeStateData *s;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &prog_eoh_methods)
		{
			ProgExpanded *e = (ProgExpanded *) eoh;

			v->payments = e->payments;
			v->min_amount = e->min_amount;
			v->max_amount = e->max_amount;
			v->total = e->total;
			v->core = &e->core;
			v->set = NULL;
			return;
		}
	}
	s = (ProgrammeStateData *) PG_DETOAST_DATUM(d);
	if (VARSIZE(s) < sizeof(ProgrammeStateData) + offsetof(HouseholdSetData, dir) ||
		s->hdr.magic != POVSTAT_MAGIC_PROGRAM || s->hdr.version != PROGRAMME_STATE_VERSION)
		state_binary_error(PROGRAMME_TYPNAME, "not a programme_state");
	if (VARSIZE(PROGRAMME_SET(s)) != VARSIZE(s) - sizeof(ProgrammeStateData))
		state_binary_error(PROGRAMME_TYPNAME, "embedded household_set has the wrong length");
	hset_flat_check(PROGRAMME_SET(s), VARSIZE(PROGRAMME_SET(s)), PROGRAMME_TYPNAME);
	v->payments = s->payments;
	v->min_amount = s->min_amount;
	v->max_amount = s->max_amount;
	v->total = prog_flat_total(s);
	v->core = NULL;
	v->set = PROGRAMME_SET(s);
}

static uint64
prog_view_households(const ProgView *v)
{
	return v->core ? hset_core_cardinality(v->core) : v->set->cardinality;
}

/* ---------------------------------------------------------------- text */

static void
append_int128(StringInfo buf, int128 v)
{
	char		digits[48];
	int			n = 0;
	uint128		u = (uint128) v;

	Assert(v >= 0);
	do
	{
		digits[n++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		appendStringInfoChar(buf, digits[--n]);
}

static Datum
int128_to_numeric(int128 v)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_int128(&buf, v);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf.data),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static void
prog_expect(StateTextReader *r, const char *literal)
{
	size_t		len = strlen(literal);

	if (strncmp(r->pos, literal, len) != 0)
		state_text_error(r, psprintf("expected \"%s\"", literal));
	r->pos += len;
}

Datum
programme_state_out(PG_FUNCTION_ARGS)
{
	ProgView	v;
	StringInfoData buf;
	HsetCore   *c;

	prog_view(PG_GETARG_DATUM(0), &v);
	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", PROGRAMME_STATE_VERSION);
	state_text_int64(&buf, "payments", v.payments);
	appendStringInfoString(&buf, ",total=");
	append_int128(&buf, v.total);
	state_text_int64(&buf, "min", v.min_amount);
	state_text_int64(&buf, "max", v.max_amount);
	appendStringInfoString(&buf, ",households=");
	if (v.core)
		hset_core_out(v.core, &buf);
	else
	{
		c = palloc(sizeof(HsetCore));
		hset_core_init(c, CurrentMemoryContext);
		hset_core_load(c, v.set, false);
		hset_core_out(c, &buf);
		hset_core_free(c);
	}
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
programme_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	int64		payments,
				min_amount,
				max_amount;
	int128		total = 0;
	HsetCore   *c;
	HouseholdSetData *set;
	ProgrammeStateData *s;
	Size		size;

	state_reader_init(&r, str, PROGRAMME_TYPNAME);
	if (state_read_int64(&r, "v") != PROGRAMME_STATE_VERSION)
		state_text_error(&r, "unsupported programme_state version");
	payments = state_read_int64(&r, "payments");
	prog_expect(&r, ",total=");
	if (*r.pos < '0' || *r.pos > '9')
		state_text_error(&r, "field \"total\" is not an integer >= 0");
	while (*r.pos >= '0' && *r.pos <= '9')
	{
		if (total > (INT128_MAX_VALUE - (*r.pos - '0')) / 10)
			state_text_error(&r, "field \"total\" is out of range (>= 2^127)");
		total = total * 10 + (*r.pos - '0');
		r.pos++;
	}
	min_amount = state_read_int64(&r, "min");
	max_amount = state_read_int64(&r, "max");
	prog_expect(&r, ",households=");
	if (*r.pos != '{')
		state_text_error(&r, "expected \"{\"");
	c = palloc(sizeof(HsetCore));
	hset_core_init(c, CurrentMemoryContext);
	r.pos = hset_core_parse(c, r.pos, str, PROGRAMME_TYPNAME);
	state_reader_finish(&r);
	prog_validate(payments, min_amount, max_amount, total, hset_core_cardinality(c), false);

	set = hset_core_to_flat(c);
	hset_core_free(c);
	size = sizeof(ProgrammeStateData) + VARSIZE(set);
	s = palloc(size);
	prog_fill_header(s, size, payments, min_amount, max_amount, total);
	memcpy(PROGRAMME_SET(s), set, VARSIZE(set));
	PG_RETURN_POINTER(s);
}

/* -------------------------------------------------------------- binary */

Datum
programme_state_send(PG_FUNCTION_ARGS)
{
	ProgrammeStateData *s = (ProgrammeStateData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendint64(&buf, s->payments);
	pq_sendint64(&buf, s->min_amount);
	pq_sendint64(&buf, s->max_amount);
	pq_sendint64(&buf, (int64) s->total_hi);
	pq_sendint64(&buf, (int64) s->total_lo);
	hset_flat_send(PROGRAMME_SET(s), &buf);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
programme_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			magic = pq_getmsgbyte(buf);
	int			version = pq_getmsgbyte(buf);
	int			flags = pq_getmsgint(buf, 2);
	int64		payments,
				min_amount,
				max_amount;
	uint64		hi,
				lo;
	int128		total;
	HouseholdSetData *set;
	ProgrammeStateData *s;
	Size		size;

	if (magic != POVSTAT_MAGIC_PROGRAM)
		state_binary_error(PROGRAMME_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != PROGRAMME_STATE_VERSION)
		state_binary_error(PROGRAMME_TYPNAME, psprintf("unsupported version %d", version));
	if (flags != 0)
		state_binary_error(PROGRAMME_TYPNAME, "unknown flags");
	payments = pq_getmsgint64(buf);
	min_amount = pq_getmsgint64(buf);
	max_amount = pq_getmsgint64(buf);
	hi = (uint64) pq_getmsgint64(buf);
	lo = (uint64) pq_getmsgint64(buf);
	total = (int128) (((uint128) hi << 64) | lo);
	set = hset_flat_recv(buf, PROGRAMME_TYPNAME);
	pq_getmsgend(buf);
	prog_validate(payments, min_amount, max_amount, total, set->cardinality, true);
	size = sizeof(ProgrammeStateData) + VARSIZE(set);
	s = palloc(size);
	prog_fill_header(s, size, payments, min_amount, max_amount, total);
	memcpy(PROGRAMME_SET(s), set, VARSIZE(set));
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------- aggregates */

static ProgExpanded *
prog_rw_expanded(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &prog_eoh_methods)
			return (ProgExpanded *) eoh;
	}
	return NULL;
}

static void
prog_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("programme total or payment count out of range"),
			 errdetail("The total is exact up to 2^127 - 1 đồng and the count up to 2^63 - 1 payments."),
			 errhint("Check the ledger for duplicated or corrupt rows.")));
}

/* Fold a state (any form) into e. */
static void
prog_merge_into(ProgExpanded *e, Datum d)
{
	ProgView	v;

	prog_view(d, &v);
	if (v.payments == 0)
		return;
	if (e->payments == 0)
	{
		e->min_amount = v.min_amount;
		e->max_amount = v.max_amount;
	}
	else
	{
		e->min_amount = Min(e->min_amount, v.min_amount);
		e->max_amount = Max(e->max_amount, v.max_amount);
	}
	if (pg_add_s64_overflow(e->payments, v.payments, &e->payments) ||
		v.total > INT128_MAX_VALUE - e->total)
		prog_overflow();
	e->total += v.total;
	if (v.core)
		hset_core_or(&e->core, v.core);
	else
	{
		HsetCore   *c = palloc(sizeof(HsetCore));

		hset_core_init(c, CurrentMemoryContext);
		hset_core_load(c, v.set, false);
		hset_core_or(&e->core, c);
		hset_core_free(c);
	}
}

static ProgExpanded *
prog_state(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	ProgExpanded *e;

	if (PG_ARGISNULL(0))
		return prog_expanded_new(aggcontext);
	e = prog_rw_expanded(PG_GETARG_DATUM(0));
	if (e == NULL)
	{
		/* a flat state: work on an expanded copy we own */
		e = prog_expanded_new(aggcontext);
		prog_merge_into(e, PG_GETARG_DATUM(0));
	}
	return e;
}

/* programme_summary(household_id bigint, amount bigint) and programme_state(...) */
Datum
programme_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.programme_summary");
	ProgExpanded *e;
	int64		id,
				amount;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	id = PG_GETARG_INT64(1);
	amount = PG_GETARG_INT64(2);
	if (unlikely(id < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("household id " INT64_FORMAT " passed to %s is negative", id, povstat_fn_name(fcinfo)),
				 errhint("Household ids must be >= 0.")));
	if (unlikely(amount < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("payment amount " INT64_FORMAT " passed to %s is negative", amount, povstat_fn_name(fcinfo)),
				 errhint("Amounts are whole đồng >= 0; net refunds and reversals against their payments before aggregating.")));

	e = prog_state(fcinfo, aggcontext);
	if (e->payments == 0)
		e->min_amount = e->max_amount = amount;
	else if (amount < e->min_amount)
		e->min_amount = amount;
	else if (amount > e->max_amount)
		e->max_amount = amount;
	if (unlikely(e->payments == PG_INT64_MAX || (int128) amount > INT128_MAX_VALUE - e->total))
		prog_overflow();
	e->payments++;
	e->total += amount;
	hset_core_add(&e->core, (uint64) id);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* Combine function, and transition function of povstat.merge(programme_state). */
Datum
programme_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(programme_state)");
	ProgExpanded *e;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	e = prog_state(fcinfo, aggcontext);
	prog_merge_into(e, PG_GETARG_DATUM(1));
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* ----------------------------------------------------------- finishers */

static Datum
prog_mean(const ProgView *v, bool *isnull)
{
	uint64		n = prog_view_households(v);

	*isnull = (n == 0);
	if (n == 0)
		return (Datum) 0;
	return DirectFunctionCall2(numeric_div, int128_to_numeric(v->total),
							   NumericGetDatum(int64_to_numeric((int64) n)));
}

/* povstat.programme_summary(programme_state) -> povstat.programme_totals */
Datum
programme_summary_final(PG_FUNCTION_ARGS)
{
	ProgView	v;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "programme_summary: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	prog_view(PG_GETARG_DATUM(0), &v);
	values[0] = Int64GetDatum(v.payments);
	values[1] = Int64GetDatum((int64) prog_view_households(&v));
	values[2] = int128_to_numeric(v.total);
	values[3] = prog_mean(&v, &nulls[3]);
	values[4] = Int64GetDatum(v.min_amount);
	values[5] = Int64GetDatum(v.max_amount);
	if (v.payments == 0)
		nulls[4] = nulls[5] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
programme_payments(PG_FUNCTION_ARGS)
{
	ProgView	v;

	prog_view(PG_GETARG_DATUM(0), &v);
	PG_RETURN_INT64(v.payments);
}

Datum
programme_beneficiaries(PG_FUNCTION_ARGS)
{
	ProgView	v;

	prog_view(PG_GETARG_DATUM(0), &v);
	PG_RETURN_INT64((int64) prog_view_households(&v));
}

Datum
programme_total(PG_FUNCTION_ARGS)
{
	ProgView	v;

	prog_view(PG_GETARG_DATUM(0), &v);
	PG_RETURN_DATUM(int128_to_numeric(v.total));
}

Datum
programme_mean(PG_FUNCTION_ARGS)
{
	ProgView	v;
	bool		isnull;
	Datum		r;

	prog_view(PG_GETARG_DATUM(0), &v);
	r = prog_mean(&v, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(r);
}

Datum
programme_min(PG_FUNCTION_ARGS)
{
	ProgView	v;

	prog_view(PG_GETARG_DATUM(0), &v);
	if (v.payments == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(v.min_amount);
}

Datum
programme_max(PG_FUNCTION_ARGS)
{
	ProgView	v;

	prog_view(PG_GETARG_DATUM(0), &v);
	if (v.payments == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(v.max_amount);
}

/* povstat.beneficiary_set(programme_state) -> household_set */
Datum
programme_beneficiary_set(PG_FUNCTION_ARGS)
{
	ProgView	v;
	HouseholdSetData *out;

	prog_view(PG_GETARG_DATUM(0), &v);
	if (v.core)
		PG_RETURN_POINTER(hset_core_to_flat(v.core));
	out = palloc(VARSIZE(v.set));
	memcpy(out, v.set, VARSIZE(v.set));
	PG_RETURN_POINTER(out);
}
