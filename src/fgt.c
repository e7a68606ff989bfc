/*-------------------------------------------------------------------------
 *
 * fgt.c
 *	  Absolute-line poverty: the Foster-Greer-Thorbecke family (headcount
 *	  ratio, poverty gap, poverty severity, general alpha) and the Watts
 *	  index, as streaming aggregates over a povstat.fgt_state.
 *
 * Conventions (doc/measures.md, following ../measures reference):
 *	- poor means income <= line (Vietnam's "từ ... trở xuống"); the *_strict
 *	  aggregates use income < line (World Bank PIP, Eurostat);
 *	- FGT(alpha) = sum over poor of w (1 - y/z)^alpha / W (Foster, Greer and
 *	  Thorbecke 1984); the line z may differ per row;
 *	- Watts = sum over poor with y > 0 of w ln(z/y) / W+, where W+ is the
 *	  weight of rows with y > 0 (Watts 1968; zero incomes are outside it);
 *	- a weight of 0 makes the row count as absent; NULL income, line or
 *	  weight skips the row; no rows (or W = 0) gives NULL.
 *
 * This file is the pattern the other aggregates follow: the state is a
 * varlena SQL type allocated once in the aggregate context and updated in
 * place (the executor then neither copies nor frees it per row), the
 * combine function merges into its first argument, and the input, receive
 * and combine functions validate everything they read.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "common/int.h"
#include "fgt.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(fgt_state_in);
PG_FUNCTION_INFO_V1(fgt_state_out);
PG_FUNCTION_INFO_V1(fgt_state_recv);
PG_FUNCTION_INFO_V1(fgt_state_send);
PG_FUNCTION_INFO_V1(fgt_accum);
PG_FUNCTION_INFO_V1(fgt_strict_accum);
PG_FUNCTION_INFO_V1(fgt_state_accum);
PG_FUNCTION_INFO_V1(fgt_state_strict_accum);
PG_FUNCTION_INFO_V1(fgt_alpha_accum);
PG_FUNCTION_INFO_V1(fgt_alpha_strict_accum);
PG_FUNCTION_INFO_V1(fgt_watts_accum);
PG_FUNCTION_INFO_V1(fgt_watts_strict_accum);
PG_FUNCTION_INFO_V1(fgt_combine);
PG_FUNCTION_INFO_V1(fgt_headcount_ratio);
PG_FUNCTION_INFO_V1(fgt_headcount);
PG_FUNCTION_INFO_V1(fgt_population);
PG_FUNCTION_INFO_V1(fgt_poverty_gap);
PG_FUNCTION_INFO_V1(fgt_poverty_severity);
PG_FUNCTION_INFO_V1(fgt_final);
PG_FUNCTION_INFO_V1(fgt_alpha_final);
PG_FUNCTION_INFO_V1(fgt_watts);

#define FGT_TYPNAME "fgt_state"

static FgtState *
fgt_state_new(MemoryContext cxt, uint16 flags, double alpha)
{
	FgtState   *state = MemoryContextAllocZero(cxt, sizeof(FgtState));

	SET_VARSIZE(state, sizeof(FgtState));
	state->hdr.magic = POVSTAT_MAGIC_FGT;
	state->hdr.version = FGT_STATE_VERSION;
	state->hdr.flags = flags;
	state->alpha = alpha;
	return state;
}

static void
fgt_check_alpha(double alpha)
{
	if (isnan(alpha) || isinf(alpha) || alpha < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("FGT alpha %g is not a finite number >= 0", alpha),
				 errhint("Use 0 for the headcount ratio, 1 for the poverty gap, 2 for poverty severity.")));
}

/*
 * Everything a state read from outside must satisfy; a state built by the
 * transition functions satisfies it by construction.
 */
static void
fgt_state_validate(const FgtState *s, bool binary)
{
	const KahanSum *sums[] = {&s->weight, &s->weight_positive, &s->weight_poor,
	&s->gap, &s->gap2, &s->gap_alpha, &s->watts};
	const char *names[] = {"weight", "weight_positive", "weight_poor",
	"gap", "gap2", "gap_alpha", "watts"};
	double		w;

	if ((s->hdr.flags & ~FGT_FLAG_MASK) != 0)
		state_value_error(FGT_TYPNAME, binary, psprintf("unknown flags 0x%x", s->hdr.flags));
	if (isnan(s->alpha) || isinf(s->alpha) || s->alpha < 0 ||
		(!(s->hdr.flags & FGT_FLAG_ALPHA) && s->alpha != 0))
		state_value_error(FGT_TYPNAME, binary, psprintf("invalid alpha %g", s->alpha));
	state_check_count(FGT_TYPNAME, "rows", s->rows, binary);
	state_check_count(FGT_TYPNAME, "poor_rows", s->poor_rows, binary);
	state_check_count(FGT_TYPNAME, "nonpositive_rows", s->nonpositive_rows, binary);
	state_check_count(FGT_TYPNAME, "negative_rows", s->negative_rows, binary);
	if (s->poor_rows > s->rows || s->nonpositive_rows > s->rows ||
		s->negative_rows > s->nonpositive_rows)
		state_value_error(FGT_TYPNAME, binary, "row counts are inconsistent");
	for (int i = 0; i < lengthof(sums); i++)
		state_check_sum(FGT_TYPNAME, names[i], sums[i], binary);

	/* subsets of the rows cannot weigh more than all of them */
	w = kahan_value(&s->weight) * (1 + 1e-9);
	if (kahan_value(&s->weight_poor) > w || kahan_value(&s->weight_positive) > w)
		state_value_error(FGT_TYPNAME, binary, "a partial weight exceeds the total weight");
	if (s->rows == 0 && kahan_value(&s->weight) != 0)
		state_value_error(FGT_TYPNAME, binary, "weight without rows");
}

/*
 * A sum that leaves the float8 range (weights or incomes near 1e308) would
 * give NaN results and a state whose text form does not read back, so a
 * rollup table holding it could not be restored: refuse such a state.  An
 * infinite sum stays infinite, so the check runs where a state leaves the
 * aggregate (finishers, output, send) and after merges, not on every row.
 */
static void
fgt_check_overflow(const FgtState *s)
{
#define SUM_OK(f) (isfinite(s->f.sum) && isfinite(s->f.comp) && isfinite(s->f.sum + s->f.comp))
	if (unlikely(!(SUM_OK(weight) && SUM_OK(weight_positive) && SUM_OK(weight_poor) &&
				   SUM_OK(gap) && SUM_OK(gap2) && SUM_OK(gap_alpha) && SUM_OK(watts))))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("a weighted sum of povstat.fgt_state overflows float8"),
				 errhint("Weights are household or person counts and incomes money amounts; check for a mistaken weight, income or line column.")));
#undef SUM_OK
}

/* A state argument leaving the aggregate: finite sums only. */
static FgtState *
fgt_state_arg(FunctionCallInfo fcinfo, int n)
{
	FgtState   *s = PG_GETARG_FGTSTATE(n);

	fgt_check_overflow(s);
	return s;
}

Datum
fgt_state_out(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "strict", (s->hdr.flags & FGT_FLAG_STRICT) ? 1 : 0);
	state_text_int64(&buf, "has_alpha", (s->hdr.flags & FGT_FLAG_ALPHA) ? 1 : 0);
	state_text_int64(&buf, "has_watts", (s->hdr.flags & FGT_FLAG_WATTS) ? 1 : 0);
	state_text_float8(&buf, "alpha", s->alpha);
	state_text_int64(&buf, "rows", s->rows);
	state_text_int64(&buf, "poor_rows", s->poor_rows);
	state_text_int64(&buf, "nonpositive_rows", s->nonpositive_rows);
	state_text_int64(&buf, "negative_rows", s->negative_rows);
#define OUT_SUM(f) \
	do { \
		state_text_float8(&buf, #f, s->f.sum); \
		state_text_float8(&buf, #f "_c", s->f.comp); \
	} while (0)
	OUT_SUM(weight);
	OUT_SUM(weight_positive);
	OUT_SUM(weight_poor);
	OUT_SUM(gap);
	OUT_SUM(gap2);
	OUT_SUM(gap_alpha);
	OUT_SUM(watts);
#undef OUT_SUM
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
fgt_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	uint16		flags;
	FgtState   *s;

	state_reader_init(&r, str, FGT_TYPNAME);
	if (state_read_int64(&r, "v") != FGT_STATE_VERSION)
		state_text_error(&r, "unsupported fgt_state version");
	flags = state_read_flag(&r, "strict", FGT_FLAG_STRICT);
	flags |= state_read_flag(&r, "has_alpha", FGT_FLAG_ALPHA);
	flags |= state_read_flag(&r, "has_watts", FGT_FLAG_WATTS);
	s = fgt_state_new(CurrentMemoryContext, flags, 0);
	s->alpha = state_read_float8(&r, "alpha");
	s->rows = state_read_int64(&r, "rows");
	s->poor_rows = state_read_int64(&r, "poor_rows");
	s->nonpositive_rows = state_read_int64(&r, "nonpositive_rows");
	s->negative_rows = state_read_int64(&r, "negative_rows");
#define IN_SUM(f) \
	do { \
		s->f.sum = state_read_float8(&r, #f); \
		s->f.comp = state_read_float8(&r, #f "_c"); \
	} while (0)
	IN_SUM(weight);
	IN_SUM(weight_positive);
	IN_SUM(weight_poor);
	IN_SUM(gap);
	IN_SUM(gap2);
	IN_SUM(gap_alpha);
	IN_SUM(watts);
#undef IN_SUM
	state_reader_finish(&r);
	fgt_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
fgt_state_send(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);
	StringInfoData buf;
	const KahanSum *sums[] = {&s->weight, &s->weight_positive, &s->weight_poor,
	&s->gap, &s->gap2, &s->gap_alpha, &s->watts};

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendfloat8(&buf, s->alpha);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->poor_rows);
	pq_sendint64(&buf, s->nonpositive_rows);
	pq_sendint64(&buf, s->negative_rows);
	for (int i = 0; i < lengthof(sums); i++)
	{
		pq_sendfloat8(&buf, sums[i]->sum);
		pq_sendfloat8(&buf, sums[i]->comp);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * pq_getmsg* raise an ERROR on a short read and pq_getmsgend on trailing
 * bytes, so the length is checked field by field; the values are checked
 * by fgt_state_validate.
 */
Datum
fgt_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	FgtState   *s;
	KahanSum   *sums[7];
	int			magic,
				version,
				flags;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_FGT)
		state_binary_error(FGT_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != FGT_STATE_VERSION)
		state_binary_error(FGT_TYPNAME, psprintf("unsupported version %d", version));
	flags = pq_getmsgint(buf, 2);
	s = fgt_state_new(CurrentMemoryContext, flags, 0);
	s->alpha = pq_getmsgfloat8(buf);
	s->rows = pq_getmsgint64(buf);
	s->poor_rows = pq_getmsgint64(buf);
	s->nonpositive_rows = pq_getmsgint64(buf);
	s->negative_rows = pq_getmsgint64(buf);
	sums[0] = &s->weight;
	sums[1] = &s->weight_positive;
	sums[2] = &s->weight_poor;
	sums[3] = &s->gap;
	sums[4] = &s->gap2;
	sums[5] = &s->gap_alpha;
	sums[6] = &s->watts;
	for (int i = 0; i < lengthof(sums); i++)
	{
		sums[i]->sum = pq_getmsgfloat8(buf);
		sums[i]->comp = pq_getmsgfloat8(buf);
	}
	pq_getmsgend(buf);
	fgt_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

/*
 * One row.  Arguments after the state: income, line, [alpha,] [weight].
 * NULL in any of them skips the row, as SQL aggregates skip NULL input.
 */
static Datum
fgt_accum_common(FunctionCallInfo fcinfo, const char *funcname,
				 bool strict, bool has_alpha, bool nonneg, bool watts)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, funcname);
	FgtState   *state = PG_ARGISNULL(0) ? NULL : (FgtState *) PG_GETARG_POINTER(0);
	int			weight_arg = has_alpha ? 4 : 3;
	double		income,
				line,
				alpha = 0,
				w = 1;
	bool		poor;

	for (int i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (state == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(state);
		}

	income = PG_GETARG_FLOAT8(1);
	line = PG_GETARG_FLOAT8(2);
	if (nonneg)
		povstat_check_nonneg_income(income, fcinfo);
	else
		povstat_check_income(income, fcinfo);
	povstat_check_line(line, fcinfo);
	if (PG_NARGS() > weight_arg)
	{
		w = PG_GETARG_FLOAT8(weight_arg);
		povstat_check_weight(w, fcinfo);
	}

	if (state == NULL)
	{
		if (has_alpha)
		{
			alpha = PG_GETARG_FLOAT8(3);
			fgt_check_alpha(alpha);
		}
		state = fgt_state_new(aggcontext,
							  (strict ? FGT_FLAG_STRICT : 0) | (has_alpha ? FGT_FLAG_ALPHA : 0) |
							  (watts ? FGT_FLAG_WATTS : 0),
							  alpha);
	}
	else if (has_alpha && PG_GETARG_FLOAT8(3) != state->alpha)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("FGT alpha changed from %g to %g within one aggregate",
						state->alpha, PG_GETARG_FLOAT8(3)),
				 errhint("Pass a constant alpha; compute each alpha with its own aggregate call.")));

	if (w == 0)
		PG_RETURN_POINTER(state);

	state->rows++;
	kahan_add(&state->weight, w);
	if (income > 0)
		kahan_add(&state->weight_positive, w);
	else
	{
		state->nonpositive_rows++;
		if (income < 0)
			state->negative_rows++;
	}

	poor = strict ? income < line : income <= line;
	if (poor)
	{
		double		g = 1.0 - income / line;

		state->poor_rows++;
		kahan_add(&state->weight_poor, w);
		kahan_add(&state->gap, w * g);
		kahan_add(&state->gap2, w * g * g);
		if (has_alpha)
			kahan_add(&state->gap_alpha, w * pow(g, state->alpha));
		if (watts && income > 0)
		{
			double		ratio = line / income;

			/* a subnormal income can overflow the ratio; the logs cannot */
			kahan_add(&state->watts, w * (likely(isfinite(ratio)) ? log(ratio) : log(line) - log(income)));
		}
	}
	PG_RETURN_POINTER(state);
}

/*
 * The result aggregates keep only the sums their final function reads: the
 * Watts log costs more than the rest of a row, so only the Watts and
 * state-producing aggregates pay for it.
 */
Datum
fgt_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.headcount_ratio", false, false, false, false);
}

Datum
fgt_strict_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.headcount_ratio_strict", true, false, false, false);
}

Datum
fgt_state_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.fgt_state", false, false, false, true);
}

Datum
fgt_state_strict_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.fgt_state_strict", true, false, false, true);
}

Datum
fgt_alpha_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.fgt", false, true, false, false);
}

Datum
fgt_alpha_strict_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.fgt_strict", true, true, false, false);
}

Datum
fgt_watts_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.watts", false, false, true, true);
}

Datum
fgt_watts_strict_accum(PG_FUNCTION_ARGS)
{
	return fgt_accum_common(fcinfo, "povstat.watts_strict", true, false, true, true);
}

/*
 * Merge the second state into the first.  Serves parallel workers, and the
 * povstat.merge(fgt_state) aggregate over stored states, whose values come
 * from tables and were validated by the input or receive function.
 */
Datum
fgt_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(fgt_state)");
	FgtState   *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_FGTSTATE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_FGT || VARSIZE(b) != sizeof(FgtState))
		state_binary_error(FGT_TYPNAME, "not an fgt_state");
	if (PG_ARGISNULL(0))
	{
		/* the first state must live in the aggregate context: copy it there */
		a = MemoryContextAlloc(aggcontext, sizeof(FgtState));
		memcpy(a, b, sizeof(FgtState));
		PG_RETURN_POINTER(a);
	}
	a = (FgtState *) PG_GETARG_POINTER(0);
	if (a->hdr.flags != b->hdr.flags || a->alpha != b->alpha)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge fgt_state values of different conventions"),
				 errdetail("One is %s with alpha %g%s, the other %s with alpha %g%s.",
						   (a->hdr.flags & FGT_FLAG_STRICT) ? "strict (<)" : "non-strict (<=)", a->alpha,
						   (a->hdr.flags & FGT_FLAG_WATTS) ? " and Watts sums" : " without Watts sums",
						   (b->hdr.flags & FGT_FLAG_STRICT) ? "strict (<)" : "non-strict (<=)", b->alpha,
						   (b->hdr.flags & FGT_FLAG_WATTS) ? " and Watts sums" : " without Watts sums"),
				 errhint("Merge only states built by the same aggregate (e.g. povstat.fgt_state) with the same alpha.")));

	/* stored states can hold any count; their sum must still be a count */
	if (pg_add_s64_overflow(a->rows, b->rows, &a->rows) ||
		pg_add_s64_overflow(a->poor_rows, b->poor_rows, &a->poor_rows) ||
		pg_add_s64_overflow(a->nonpositive_rows, b->nonpositive_rows, &a->nonpositive_rows) ||
		pg_add_s64_overflow(a->negative_rows, b->negative_rows, &a->negative_rows))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("row count of merged povstat.fgt_state values overflows bigint"),
				 errhint("The states being merged were not built from real rows; check where they came from.")));
	kahan_merge(&a->weight, &b->weight);
	kahan_merge(&a->weight_positive, &b->weight_positive);
	kahan_merge(&a->weight_poor, &b->weight_poor);
	kahan_merge(&a->gap, &b->gap);
	kahan_merge(&a->gap2, &b->gap2);
	kahan_merge(&a->gap_alpha, &b->gap_alpha);
	kahan_merge(&a->watts, &b->watts);
	fgt_check_overflow(a);
	PG_RETURN_POINTER(a);
}

/* Finishers: each is both an aggregate's final function and SQL-callable. */

static double
ratio_or_null(FunctionCallInfo fcinfo, const KahanSum *num, const KahanSum *den, bool *isnull)
{
	double		d = kahan_value(den);

	*isnull = (d <= 0);
	return *isnull ? 0 : kahan_value(num) / d;
}

#define RETURN_RATIO(num, den) \
	do { \
		bool isnull; \
		double r = ratio_or_null(fcinfo, (num), (den), &isnull); \
		if (isnull) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(r); \
	} while (0)

Datum
fgt_headcount_ratio(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	RETURN_RATIO(&s->weight_poor, &s->weight);
}

/* Weighted number of poor units (households, or persons with members as weight). */
Datum
fgt_headcount(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	PG_RETURN_FLOAT8(kahan_value(&s->weight_poor));
}

Datum
fgt_population(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	PG_RETURN_FLOAT8(kahan_value(&s->weight));
}

Datum
fgt_poverty_gap(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	RETURN_RATIO(&s->gap, &s->weight);
}

Datum
fgt_poverty_severity(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	RETURN_RATIO(&s->gap2, &s->weight);
}

static Datum
fgt_for_alpha(FunctionCallInfo fcinfo, FgtState *s, double alpha)
{
	if (alpha == 0)
		RETURN_RATIO(&s->weight_poor, &s->weight);
	if (alpha == 1)
		RETURN_RATIO(&s->gap, &s->weight);
	if (alpha == 2)
		RETURN_RATIO(&s->gap2, &s->weight);
	if ((s->hdr.flags & FGT_FLAG_ALPHA) && alpha == s->alpha)
		RETURN_RATIO(&s->gap_alpha, &s->weight);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("this fgt_state cannot give FGT for alpha %g", alpha),
			 errhint("A state gives alpha 0, 1 and 2, and the alpha it was built with (%g here).",
					 s->alpha)));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/* Final function of fgt(income, line, alpha): the state's own alpha. */
Datum
fgt_final(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	return fgt_for_alpha(fcinfo, s, s->alpha);
}

/* povstat.fgt(fgt_state, alpha) */
Datum
fgt_alpha_final(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);
	double		alpha = PG_GETARG_FLOAT8(1);

	fgt_check_alpha(alpha);
	return fgt_for_alpha(fcinfo, s, alpha);
}

Datum
fgt_watts(PG_FUNCTION_ARGS)
{
	FgtState   *s = fgt_state_arg(fcinfo, 0);

	if (!(s->hdr.flags & FGT_FLAG_WATTS))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this fgt_state was built without the Watts sums"),
				 errhint("Build the state with povstat.fgt_state(), which keeps them.")));
	if (s->negative_rows > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the Watts index is undefined: the state holds " INT64_FORMAT " rows with negative income",
						s->negative_rows),
				 errhint("Filter out negative incomes before building the state, or use the povstat.watts aggregate, which rejects them row by row.")));
	RETURN_RATIO(&s->watts, &s->weight_positive);
}
