/*-------------------------------------------------------------------------
 *
 * coverage.c
 *	  Coverage of a target population by a programme (health insurance
 *	  cards, tuition exemption, credit reaching eligible households): the
 *	  share of the target population that was reached, as a streaming
 *	  aggregate over a povstat.coverage_state.
 *
 * One row per member of the target population; "reached" says whether the
 * programme reached it.  A NULL "reached" (status unknown) skips the row,
 * like any NULL aggregate input, and is counted separately so that a
 * report can show how many statuses are missing instead of losing them.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#define COVERAGE_STATE_VERSION 1
#define COVERAGE_TYPNAME "coverage_state"

typedef struct CoverageState
{
	PovstatStateHeader hdr;
	int64		rows;			/* rows with weight > 0 and known status */
	int64		reached_rows;	/* of which reached */
	int64		unknown_rows;	/* rows skipped because reached was NULL */
	KahanSum	eligible;		/* sum of weights of rows with known status */
	KahanSum	reached;		/* sum of weights of reached rows */
} CoverageState;

PG_FUNCTION_INFO_V1(coverage_state_in);
PG_FUNCTION_INFO_V1(coverage_state_out);
PG_FUNCTION_INFO_V1(coverage_state_recv);
PG_FUNCTION_INFO_V1(coverage_state_send);
PG_FUNCTION_INFO_V1(coverage_accum);
PG_FUNCTION_INFO_V1(coverage_combine);
PG_FUNCTION_INFO_V1(coverage_rate);
PG_FUNCTION_INFO_V1(coverage_reached);
PG_FUNCTION_INFO_V1(coverage_eligible);
PG_FUNCTION_INFO_V1(coverage_unknown);

static CoverageState *
coverage_state_new(MemoryContext cxt)
{
	CoverageState *s = MemoryContextAllocZero(cxt, sizeof(CoverageState));

	SET_VARSIZE(s, sizeof(CoverageState));
	s->hdr.magic = POVSTAT_MAGIC_COVERAGE;
	s->hdr.version = COVERAGE_STATE_VERSION;
	return s;
}

static CoverageState *
coverage_state_arg(FunctionCallInfo fcinfo, int n)
{
	CoverageState *s = (CoverageState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n));

	if (VARSIZE(s) != sizeof(CoverageState) || s->hdr.magic != POVSTAT_MAGIC_COVERAGE)
		state_binary_error(COVERAGE_TYPNAME, "not a coverage_state");
	/* huge weights can overflow a sum; such a state must not leave the aggregate */
	state_require_finite(COVERAGE_TYPNAME, "eligible", &s->eligible);
	state_require_finite(COVERAGE_TYPNAME, "reached", &s->reached);
	return s;
}

static void
coverage_state_validate(const CoverageState *s, bool binary)
{
	if (s->hdr.flags != 0)
		state_value_error(COVERAGE_TYPNAME, binary, psprintf("unknown flags 0x%x", s->hdr.flags));
	state_check_count(COVERAGE_TYPNAME, "rows", s->rows, binary);
	state_check_count(COVERAGE_TYPNAME, "reached_rows", s->reached_rows, binary);
	state_check_count(COVERAGE_TYPNAME, "unknown_rows", s->unknown_rows, binary);
	if (s->reached_rows > s->rows)
		state_value_error(COVERAGE_TYPNAME, binary, "more reached rows than rows");
	state_check_sum(COVERAGE_TYPNAME, "eligible", &s->eligible, binary);
	state_check_sum(COVERAGE_TYPNAME, "reached", &s->reached, binary);
	if (kahan_value(&s->reached) > kahan_value(&s->eligible) * (1 + 1e-9))
		state_value_error(COVERAGE_TYPNAME, binary, "reached weight exceeds eligible weight");
	if (s->rows == 0 && kahan_value(&s->eligible) != 0)
		state_value_error(COVERAGE_TYPNAME, binary, "weight without rows");
}

Datum
coverage_state_out(PG_FUNCTION_ARGS)
{
	CoverageState *s = coverage_state_arg(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "rows", s->rows);
	state_text_int64(&buf, "reached_rows", s->reached_rows);
	state_text_int64(&buf, "unknown_rows", s->unknown_rows);
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
	CoverageState *s = coverage_state_new(CurrentMemoryContext);

	state_reader_init(&r, str, COVERAGE_TYPNAME);
	if (state_read_int64(&r, "v") != COVERAGE_STATE_VERSION)
		state_text_error(&r, "unsupported coverage_state version");
	s->rows = state_read_int64(&r, "rows");
	s->reached_rows = state_read_int64(&r, "reached_rows");
	s->unknown_rows = state_read_int64(&r, "unknown_rows");
	s->eligible.sum = state_read_float8(&r, "eligible");
	s->eligible.comp = state_read_float8(&r, "eligible_c");
	s->reached.sum = state_read_float8(&r, "reached");
	s->reached.comp = state_read_float8(&r, "reached_c");
	state_reader_finish(&r);
	coverage_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
coverage_state_send(PG_FUNCTION_ARGS)
{
	CoverageState *s = coverage_state_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->reached_rows);
	pq_sendint64(&buf, s->unknown_rows);
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
	CoverageState *s = coverage_state_new(CurrentMemoryContext);
	int			magic = pq_getmsgbyte(buf);
	int			version = pq_getmsgbyte(buf);

	if (magic != POVSTAT_MAGIC_COVERAGE)
		state_binary_error(COVERAGE_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != COVERAGE_STATE_VERSION)
		state_binary_error(COVERAGE_TYPNAME, psprintf("unsupported version %d", version));
	s->hdr.flags = pq_getmsgint(buf, 2);
	s->rows = pq_getmsgint64(buf);
	s->reached_rows = pq_getmsgint64(buf);
	s->unknown_rows = pq_getmsgint64(buf);
	s->eligible.sum = pq_getmsgfloat8(buf);
	s->eligible.comp = pq_getmsgfloat8(buf);
	s->reached.sum = pq_getmsgfloat8(buf);
	s->reached.comp = pq_getmsgfloat8(buf);
	pq_getmsgend(buf);
	coverage_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

/* coverage_accum(state, reached boolean [, weight float8]) */
Datum
coverage_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.coverage");
	CoverageState *s = PG_ARGISNULL(0) ? NULL : (CoverageState *) PG_GETARG_POINTER(0);
	double		w = 1;

	if (PG_NARGS() > 2)
	{
		if (PG_ARGISNULL(2))
			goto skip;
		w = PG_GETARG_FLOAT8(2);
		povstat_check_weight(w, fcinfo);
	}
	if (s == NULL)
		s = coverage_state_new(aggcontext);
	if (w == 0)
		PG_RETURN_POINTER(s);
	if (PG_ARGISNULL(1))
	{
		s->unknown_rows++;
		PG_RETURN_POINTER(s);
	}
	s->rows++;
	kahan_add(&s->eligible, w);
	if (PG_GETARG_BOOL(1))
	{
		s->reached_rows++;
		kahan_add(&s->reached, w);
	}
	PG_RETURN_POINTER(s);

skip:
	if (s == NULL)
		PG_RETURN_NULL();
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
	b = coverage_state_arg(fcinfo, 1);
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, sizeof(CoverageState));
		memcpy(a, b, sizeof(CoverageState));
		PG_RETURN_POINTER(a);
	}
	a = (CoverageState *) PG_GETARG_POINTER(0);
	state_merge_count(COVERAGE_TYPNAME, "rows", &a->rows, b->rows);
	state_merge_count(COVERAGE_TYPNAME, "reached_rows", &a->reached_rows, b->reached_rows);
	state_merge_count(COVERAGE_TYPNAME, "unknown_rows", &a->unknown_rows, b->unknown_rows);
	state_merge_sum(COVERAGE_TYPNAME, "eligible", &a->eligible, &b->eligible);
	state_merge_sum(COVERAGE_TYPNAME, "reached", &a->reached, &b->reached);
	PG_RETURN_POINTER(a);
}

/* Share of the target population reached, as a fraction in [0, 1]. */
Datum
coverage_rate(PG_FUNCTION_ARGS)
{
	CoverageState *s = coverage_state_arg(fcinfo, 0);
	double		eligible = kahan_value(&s->eligible);

	if (eligible <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kahan_value(&s->reached) / eligible);
}

Datum
coverage_reached(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(kahan_value(&coverage_state_arg(fcinfo, 0)->reached));
}

Datum
coverage_eligible(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(kahan_value(&coverage_state_arg(fcinfo, 0)->eligible));
}

Datum
coverage_unknown(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(coverage_state_arg(fcinfo, 0)->unknown_rows);
}
