/*-------------------------------------------------------------------------
 *
 * coverage.c
 *	  povstat.coverage(reached boolean [, weight float8]): the share of an
 *	  eligible population that a programme reached (health insurance cards,
 *	  tuition exemption, credit to households with a need), as a mergeable
 *	  state.
 *
 * Conventions (doc/accounting.md): every row with a non-NULL "reached" is
 * an eligible unit; reached = true counts it as reached.  NULL reached or
 * NULL weight skips the row, weight 0 counts as absent; no eligible weight
 * gives a NULL rate.  The rate is a fraction in [0, 1]; reports multiply
 * by 100 and round half away from zero (numeric round()).
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(coverage_state_in);
PG_FUNCTION_INFO_V1(coverage_state_out);
PG_FUNCTION_INFO_V1(coverage_state_recv);
PG_FUNCTION_INFO_V1(coverage_state_send);
PG_FUNCTION_INFO_V1(coverage_accum);
PG_FUNCTION_INFO_V1(coverage_combine);
PG_FUNCTION_INFO_V1(coverage_final);
PG_FUNCTION_INFO_V1(coverage_rate);
PG_FUNCTION_INFO_V1(coverage_reached);
PG_FUNCTION_INFO_V1(coverage_eligible);

#define COVERAGE_STATE_VERSION	1
#define COVERAGE_TYPNAME		"coverage_state"

typedef struct CoverageState
{
	PovstatStateHeader hdr;
	int64		rows;			/* eligible rows with weight > 0 */
	int64		reached_rows;	/* of which reached */
	KahanSum	eligible;		/* their weight */
	KahanSum	reached;		/* weight of the reached ones */
} CoverageState;

#define PG_GETARG_COVERAGE(n) ((CoverageState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static CoverageState *
coverage_new(MemoryContext cxt)
{
	CoverageState *s = MemoryContextAllocZero(cxt, sizeof(CoverageState));

	SET_VARSIZE(s, sizeof(CoverageState));
	s->hdr.magic = POVSTAT_MAGIC_COVERAGE;
	s->hdr.version = COVERAGE_STATE_VERSION;
	return s;
}

static void
coverage_validate(const CoverageState *s, bool binary)
{
	if (s->hdr.flags != 0)
		state_value_error(COVERAGE_TYPNAME, binary, psprintf("unknown flags 0x%x", s->hdr.flags));
	state_check_count(COVERAGE_TYPNAME, "rows", s->rows, binary);
	state_check_count(COVERAGE_TYPNAME, "reached_rows", s->reached_rows, binary);
	if (s->reached_rows > s->rows)
		state_value_error(COVERAGE_TYPNAME, binary, "more reached rows than rows");
	state_check_sum(COVERAGE_TYPNAME, "eligible", &s->eligible, binary);
	state_check_sum(COVERAGE_TYPNAME, "reached", &s->reached, binary);
	if (kahan_value(&s->reached) > kahan_value(&s->eligible) * (1 + 1e-9))
		state_value_error(COVERAGE_TYPNAME, binary, "reached weight exceeds eligible weight");
	if ((s->rows == 0 && kahan_value(&s->eligible) != 0) ||
		(s->reached_rows == 0 && kahan_value(&s->reached) != 0))
		state_value_error(COVERAGE_TYPNAME, binary, "weight without rows");
}

Datum
coverage_state_out(PG_FUNCTION_ARGS)
{
	CoverageState *s = PG_GETARG_COVERAGE(0);
	StringInfoData buf;

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "rows", s->rows);
	state_text_int64(&buf, "reached_rows", s->reached_rows);
	state_text_float8(&buf, "eligible", s->eligible.sum);
	state_text_float8(&buf, "eligible_c", s->eligible.comp);
	state_text_float8(&buf, "reached", s->reached.sum);
	state_text_float8(&buf, "reached_c", s->reached.comp);
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
coverage_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	CoverageState *s = coverage_new(CurrentMemoryContext);

	state_reader_init(&r, str, COVERAGE_TYPNAME);
	if (state_read_int64(&r, "v") != COVERAGE_STATE_VERSION)
		state_text_error(&r, "unsupported coverage_state version");
	s->rows = state_read_int64(&r, "rows");
	s->reached_rows = state_read_int64(&r, "reached_rows");
	s->eligible.sum = state_read_float8(&r, "eligible");
	s->eligible.comp = state_read_float8(&r, "eligible_c");
	s->reached.sum = state_read_float8(&r, "reached");
	s->reached.comp = state_read_float8(&r, "reached_c");
	state_reader_finish(&r);
	coverage_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
coverage_state_send(PG_FUNCTION_ARGS)
{
	CoverageState *s = PG_GETARG_COVERAGE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->reached_rows);
	pq_sendfloat8(&buf, s->eligible.sum);
	pq_sendfloat8(&buf, s->eligible.comp);
	pq_sendfloat8(&buf, s->reached.sum);
	pq_sendfloat8(&buf, s->reached.comp);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
coverage_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CoverageState *s;
	int			magic = pq_getmsgbyte(buf);
	int			version = pq_getmsgbyte(buf);

	if (magic != POVSTAT_MAGIC_COVERAGE)
		state_binary_error(COVERAGE_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != COVERAGE_STATE_VERSION)
		state_binary_error(COVERAGE_TYPNAME, psprintf("unsupported version %d", version));
	s = coverage_new(CurrentMemoryContext);
	s->hdr.flags = pq_getmsgint(buf, 2);
	s->rows = pq_getmsgint64(buf);
	s->reached_rows = pq_getmsgint64(buf);
	s->eligible.sum = pq_getmsgfloat8(buf);
	s->eligible.comp = pq_getmsgfloat8(buf);
	s->reached.sum = pq_getmsgfloat8(buf);
	s->reached.comp = pq_getmsgfloat8(buf);
	pq_getmsgend(buf);
	coverage_validate(s, true);
	PG_RETURN_POINTER(s);
}

/* coverage(reached [, weight]) */
Datum
coverage_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.coverage");
	CoverageState *s = PG_ARGISNULL(0) ? NULL : (CoverageState *) PG_GETARG_POINTER(0);
	bool		reached;
	double		w = 1;

	for (int i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (s == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(s);
		}
	reached = PG_GETARG_BOOL(1);
	if (PG_NARGS() > 2)
	{
		w = PG_GETARG_FLOAT8(2);
		povstat_check_weight(w, fcinfo);
	}
	if (s == NULL)
		s = coverage_new(aggcontext);
	if (w == 0)
		PG_RETURN_POINTER(s);
	s->rows++;
	kahan_add(&s->eligible, w);
	if (reached)
	{
		s->reached_rows++;
		kahan_add(&s->reached, w);
	}
	PG_RETURN_POINTER(s);
}

Datum
coverage_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(coverage_state)");
	CoverageState *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_COVERAGE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_COVERAGE || VARSIZE(b) != sizeof(CoverageState))
		state_binary_error(COVERAGE_TYPNAME, "not a coverage_state");
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, sizeof(CoverageState));
		memcpy(a, b, sizeof(CoverageState));
		PG_RETURN_POINTER(a);
	}
	a = (CoverageState *) PG_GETARG_POINTER(0);
	a->rows += b->rows;
	a->reached_rows += b->reached_rows;
	kahan_merge(&a->eligible, &b->eligible);
	kahan_merge(&a->reached, &b->reached);
	PG_RETURN_POINTER(a);
}

/* povstat.coverage(coverage_state) -> povstat.coverage_result */
Datum
coverage_final(PG_FUNCTION_ARGS)
{
	CoverageState *s = PG_GETARG_COVERAGE(0);
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	double		e = kahan_value(&s->eligible);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "coverage: return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(kahan_value(&s->reached));
	values[1] = Float8GetDatum(e);
	if (e > 0)
		values[2] = Float8GetDatum(Min(kahan_value(&s->reached) / e, 1.0));
	else
		nulls[2] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
coverage_rate(PG_FUNCTION_ARGS)
{
	CoverageState *s = PG_GETARG_COVERAGE(0);
	double		e = kahan_value(&s->eligible);

	if (e <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(Min(kahan_value(&s->reached) / e, 1.0));
}

Datum
coverage_reached(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(kahan_value(&PG_GETARG_COVERAGE(0)->reached));
}

Datum
coverage_eligible(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(kahan_value(&PG_GETARG_COVERAGE(0)->eligible));
}
