/*-------------------------------------------------------------------------
 *
 * moments.c
 *	  Inequality measures computable from a constant-size state of weighted
 *	  power and log sums: generalised entropy GE(alpha), Theil (GE(1)), mean
 *	  log deviation (GE(0)) and Atkinson(epsilon), as streaming aggregates
 *	  over a povstat.moments_state.
 *
 * Reference: /work/shared/reference/measures.md, "Inequality":
 *	- GE(alpha) (Shorrocks 1980), r = y/mu:
 *		  (sum w r^alpha / W - 1) / (alpha^2 - alpha);
 *	  GE(1) = Theil T = sum w r ln r / W with 0 ln 0 = 0;
 *	  GE(0) = MLD = -sum w ln r / W;
 *	- Atkinson(eps) = 1 - (sum w r^(1-eps) / W)^(1/(1-eps)), and for eps = 1
 *	  1 - exp(sum w ln r / W) (the geometric mean over the arithmetic mean);
 *	- measures undefined at y = 0 (MLD, GE(alpha) for alpha <= 0, Atkinson
 *	  for eps >= 1) are computed over the units with y > 0, W and mu
 *	  recomputed over that subset; the others over all units (a zero income
 *	  adds 0 to sum w r^alpha for alpha > 0, and 0 ln 0 = 0 in Theil);
 *	- negative incomes are an error; weight 0 = absent row; NULL skips the
 *	  row; no rows, W = 0, or mean income 0 give NULL.
 *
 * In terms of the sums of the state (S1 = sum w y, T = sum w y ln y,
 * L = sum w ln y, P = sum w y^p over y > 0):
 *	  Theil = T / S1 - ln mu		(since W mu = S1)
 *	  MLD	= ln mu+ - L / W+
 *	  GE(a) = ((P / W) / mu^a - 1) / (a^2 - a)
 *	  A(e)	= 1 - (P / W)^(1/p) / mu, p = 1 - e;  A(1) = 1 - exp(L / W+) / mu+
 * The results are >= 0 mathematically (Jensen); a value a few ulps below
 * 0, which rounding can give for all-equal incomes, is reported as 0.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "libpq/pqformat.h"
#include "moments.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(moments_state_in);
PG_FUNCTION_INFO_V1(moments_state_out);
PG_FUNCTION_INFO_V1(moments_state_recv);
PG_FUNCTION_INFO_V1(moments_state_send);
PG_FUNCTION_INFO_V1(moments_log_accum);
PG_FUNCTION_INFO_V1(moments_state_accum);
PG_FUNCTION_INFO_V1(moments_ge_accum);
PG_FUNCTION_INFO_V1(moments_ge_state_accum);
PG_FUNCTION_INFO_V1(moments_atkinson_accum);
PG_FUNCTION_INFO_V1(moments_atkinson_state_accum);
PG_FUNCTION_INFO_V1(moments_combine);
PG_FUNCTION_INFO_V1(moments_theil);
PG_FUNCTION_INFO_V1(moments_mld);
PG_FUNCTION_INFO_V1(moments_ge_final);
PG_FUNCTION_INFO_V1(moments_ge_alpha);
PG_FUNCTION_INFO_V1(moments_atkinson_final);
PG_FUNCTION_INFO_V1(moments_atkinson_eps);
PG_FUNCTION_INFO_V1(moments_population);
PG_FUNCTION_INFO_V1(moments_mean);

#define MOM_TYPNAME "moments_state"

typedef enum MomKind
{
	MOM_NONE = 0,				/* Theil, MLD, moments_state(): no parameter */
	MOM_GE = 1,
	MOM_ATKINSON = 2
} MomKind;

static MomentsState *
moments_state_new(MemoryContext cxt, uint16 flags, double param, double power)
{
	MomentsState *s = MemoryContextAllocZero(cxt, sizeof(MomentsState));

	SET_VARSIZE(s, sizeof(MomentsState));
	s->hdr.magic = POVSTAT_MAGIC_MOMENTS;
	s->hdr.version = MOMENTS_STATE_VERSION;
	s->hdr.flags = flags;
	s->param = param;
	s->power = power;
	return s;
}

static void
check_alpha(double alpha)
{
	if (isnan(alpha) || isinf(alpha))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("GE alpha %g is not a finite number", alpha),
				 errhint("Common choices: 0 (mean log deviation), 1 (Theil), 2 (half the squared coefficient of variation).")));
}

static void
check_epsilon(double eps)
{
	if (isnan(eps) || isinf(eps) || eps < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Atkinson epsilon %g is not a finite number >= 0", eps),
				 errhint("epsilon is the inequality aversion; common choices are 0.5, 1 and 2.")));
}

/* Does the measure need the sum of w y^p (p not served by the other sums)? */
static bool
ge_needs_pow(double alpha)
{
	return alpha != 0 && alpha != 1 && alpha != 2;
}

static bool
atkinson_needs_pow(double eps)
{
	return eps != 0 && eps != 1;
}

/* Flags of a result aggregate: only what its final function reads. */
static uint16
result_flags(MomKind kind, double param)
{
	switch (kind)
	{
		case MOM_GE:
			if (param == 0 || param == 1)
				return MOM_FLAG_GE | MOM_FLAG_LOG;
			return MOM_FLAG_GE | (ge_needs_pow(param) ? MOM_FLAG_POW : 0);
		case MOM_ATKINSON:
			if (param == 1)
				return MOM_FLAG_ATKINSON | MOM_FLAG_LOG;
			return MOM_FLAG_ATKINSON | (atkinson_needs_pow(param) ? MOM_FLAG_POW : 0);
		default:
			return MOM_FLAG_LOG;
	}
}

/* Flags of a state-producing aggregate: every sum, so any finisher works. */
static uint16
state_flags(MomKind kind, double param)
{
	return result_flags(kind, param) | MOM_FLAG_LOG;
}

static double
power_of(MomKind kind, double param)
{
	return kind == MOM_GE ? param : 1.0 - param;
}

static void
check_signed_sum(const char *field, const KahanSum *k, bool binary)
{
	if (isnan(k->sum) || isinf(k->sum) || isnan(k->comp) || isinf(k->comp) ||
		isinf(k->sum + k->comp))
		state_value_error(MOM_TYPNAME, binary,
						  psprintf("field \"%s\" must be a finite sum", field));
}

/*
 * Everything a state read from outside must satisfy; states built by the
 * transition functions satisfy it by construction.
 */
static void
moments_state_validate(const MomentsState *s, bool binary)
{
	uint16		f = s->hdr.flags;
	MomKind		kind = (f & MOM_FLAG_GE) ? MOM_GE : (f & MOM_FLAG_ATKINSON) ? MOM_ATKINSON : MOM_NONE;
	double		w;

	if ((f & ~MOM_FLAG_MASK) != 0 ||
		((f & MOM_FLAG_GE) && (f & MOM_FLAG_ATKINSON)))
		state_value_error(MOM_TYPNAME, binary, psprintf("invalid flags 0x%x", f));
	if (isnan(s->param) || isinf(s->param) || isnan(s->power) || isinf(s->power))
		state_value_error(MOM_TYPNAME, binary, "parameter is not finite");
	if (kind == MOM_NONE && (s->param != 0 || (f & MOM_FLAG_POW)))
		state_value_error(MOM_TYPNAME, binary, "a state without a parameter has param 0 and no power sum");
	if (kind == MOM_ATKINSON && s->param < 0)
		state_value_error(MOM_TYPNAME, binary, psprintf("invalid Atkinson epsilon %g", s->param));
	if (kind != MOM_NONE)
	{
		/* the power sum is kept exactly when the parameter needs it */
		if ((result_flags(kind, s->param) & ~MOM_FLAG_LOG) != (f & ~MOM_FLAG_LOG))
			state_value_error(MOM_TYPNAME, binary, "flags do not match the parameter");
		if (((f & MOM_FLAG_POW) && (kind == MOM_GE || kind == MOM_ATKINSON) &&
			 s->power != power_of(kind, s->param)))
			state_value_error(MOM_TYPNAME, binary, "power does not match the parameter");
	}
	if (!(f & MOM_FLAG_POW) && (s->power != 0 || s->wpow.sum != 0 || s->wpow.comp != 0))
		state_value_error(MOM_TYPNAME, binary, "power sum present without the power flag");
	if (!(f & MOM_FLAG_LOG) && (s->wlog.sum != 0 || s->wlog.comp != 0 ||
								s->wylog.sum != 0 || s->wylog.comp != 0))
		state_value_error(MOM_TYPNAME, binary, "log sums present without the log flag");

	state_check_count(MOM_TYPNAME, "rows", s->rows, binary);
	state_check_count(MOM_TYPNAME, "positive_rows", s->positive_rows, binary);
	if (s->positive_rows > s->rows)
		state_value_error(MOM_TYPNAME, binary, "row counts are inconsistent");
	state_check_sum(MOM_TYPNAME, "weight", &s->weight, binary);
	state_check_sum(MOM_TYPNAME, "weight_positive", &s->weight_positive, binary);
	state_check_sum(MOM_TYPNAME, "wy", &s->wy, binary);
	state_check_sum(MOM_TYPNAME, "wy2", &s->wy2, binary);
	state_check_sum(MOM_TYPNAME, "wpow", &s->wpow, binary);
	check_signed_sum("wlog", &s->wlog, binary);
	check_signed_sum("wylog", &s->wylog, binary);

	w = kahan_value(&s->weight) * (1 + 1e-9);
	if (kahan_value(&s->weight_positive) > w)
		state_value_error(MOM_TYPNAME, binary, "a partial weight exceeds the total weight");
	if (s->rows == 0 && kahan_value(&s->weight) != 0)
		state_value_error(MOM_TYPNAME, binary, "weight without rows");
	if (s->positive_rows == 0 && (kahan_value(&s->weight_positive) != 0 || kahan_value(&s->wy) != 0))
		state_value_error(MOM_TYPNAME, binary, "income sums without rows of positive income");
}

#define MOM_SUMS(s) \
	{&(s)->weight, &(s)->weight_positive, &(s)->wy, &(s)->wy2, &(s)->wlog, &(s)->wylog, &(s)->wpow}
static const char *const mom_sum_names[] = {
	"weight", "weight_positive", "wy", "wy2", "wlog", "wylog", "wpow"
};

#define MOM_NSUMS 7

Datum
moments_state_out(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);
	const KahanSum *sums[] = MOM_SUMS(s);
	StringInfoData buf;
	uint16		f = s->hdr.flags;

	/* sums grown to infinity by huge rows must not be stored */
	for (int i = 0; i < MOM_NSUMS; i++)
		state_require_finite(MOM_TYPNAME, mom_sum_names[i], sums[i]);
	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "kind", (f & MOM_FLAG_GE) ? MOM_GE : (f & MOM_FLAG_ATKINSON) ? MOM_ATKINSON : MOM_NONE);
	state_text_int64(&buf, "log", (f & MOM_FLAG_LOG) ? 1 : 0);
	state_text_int64(&buf, "pow", (f & MOM_FLAG_POW) ? 1 : 0);
	state_text_float8(&buf, "param", s->param);
	state_text_float8(&buf, "power", s->power);
	state_text_int64(&buf, "rows", s->rows);
	state_text_int64(&buf, "positive_rows", s->positive_rows);
	for (int i = 0; i < MOM_NSUMS; i++)
	{
		state_text_float8(&buf, mom_sum_names[i], sums[i]->sum);
		state_text_float8(&buf, psprintf("%s_c", mom_sum_names[i]), sums[i]->comp);
	}
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
moments_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	MomentsState *s;
	int64		kind;
	uint16		flags;

	state_reader_init(&r, str, MOM_TYPNAME);
	if (state_read_int64(&r, "v") != MOMENTS_STATE_VERSION)
		state_text_error(&r, "unsupported moments_state version");
	kind = state_read_int64(&r, "kind");
	if (kind < MOM_NONE || kind > MOM_ATKINSON)
		state_text_error(&r, "field \"kind\" must be 0 (none), 1 (GE) or 2 (Atkinson)");
	flags = kind == MOM_GE ? MOM_FLAG_GE : kind == MOM_ATKINSON ? MOM_FLAG_ATKINSON : 0;
	flags |= state_read_flag(&r, "log", MOM_FLAG_LOG);
	flags |= state_read_flag(&r, "pow", MOM_FLAG_POW);
	s = moments_state_new(CurrentMemoryContext, flags, 0, 0);
	s->param = state_read_float8(&r, "param");
	s->power = state_read_float8(&r, "power");
	s->rows = state_read_int64(&r, "rows");
	s->positive_rows = state_read_int64(&r, "positive_rows");
	{
		KahanSum   *sums[] = MOM_SUMS(s);

		for (int i = 0; i < MOM_NSUMS; i++)
		{
			sums[i]->sum = state_read_float8(&r, mom_sum_names[i]);
			sums[i]->comp = state_read_float8(&r, psprintf("%s_c", mom_sum_names[i]));
		}
	}
	state_reader_finish(&r);
	moments_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
moments_state_send(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);
	const KahanSum *sums[] = MOM_SUMS(s);
	StringInfoData buf;

	/* sums grown to infinity by huge rows must not be stored */
	for (int i = 0; i < MOM_NSUMS; i++)
		state_require_finite(MOM_TYPNAME, mom_sum_names[i], sums[i]);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendfloat8(&buf, s->param);
	pq_sendfloat8(&buf, s->power);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->positive_rows);
	for (int i = 0; i < MOM_NSUMS; i++)
	{
		pq_sendfloat8(&buf, sums[i]->sum);
		pq_sendfloat8(&buf, sums[i]->comp);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* pq_getmsg* reject short reads, pq_getmsgend trailing bytes. */
Datum
moments_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MomentsState *s;
	int			magic,
				version;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_MOMENTS)
		state_binary_error(MOM_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != MOMENTS_STATE_VERSION)
		state_binary_error(MOM_TYPNAME, psprintf("unsupported version %d", version));
	s = moments_state_new(CurrentMemoryContext, pq_getmsgint(buf, 2), 0, 0);
	s->param = pq_getmsgfloat8(buf);
	s->power = pq_getmsgfloat8(buf);
	s->rows = pq_getmsgint64(buf);
	s->positive_rows = pq_getmsgint64(buf);
	{
		KahanSum   *sums[] = MOM_SUMS(s);

		for (int i = 0; i < MOM_NSUMS; i++)
		{
			sums[i]->sum = pq_getmsgfloat8(buf);
			sums[i]->comp = pq_getmsgfloat8(buf);
		}
	}
	pq_getmsgend(buf);
	moments_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

static void
overflow_error(FunctionCallInfo fcinfo, double income, double weight)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("income %g with weight %g overflows a power sum of %s",
					income, weight, povstat_fn_name(fcinfo)),
			 errhint("These measures do not depend on the income unit: divide the incomes by a constant (e.g. 1000) first.")));
}

/*
 * w y^p over y > 0.  The exponents of common parameters (Atkinson 0.5 and
 * 2, GE(-1), GE(0.5)) have exact cheaper forms than pow().
 */
static inline double
weighted_power(double w, double y, double p)
{
	if (p == 0.5)
		return w * sqrt(y);
	if (p == -1)
		return w / y;
	if (p == 3)
		return w * y * y * y;
	return w * pow(y, p);
}

/*
 * One row.  Arguments after the state: income, [param,] [weight].  NULL in
 * any of them skips the row, as SQL aggregates skip NULL input.
 */
static Datum
moments_accum_common(FunctionCallInfo fcinfo, const char *funcname,
					 MomKind kind, bool all_sums)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, funcname);
	MomentsState *state = PG_ARGISNULL(0) ? NULL : (MomentsState *) PG_GETARG_POINTER(0);
	int			weight_arg = kind == MOM_NONE ? 2 : 3;
	double		y,
				w = 1,
				wy,
				wy2;
	uint16		flags;

	for (int i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (state == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(state);
		}

	y = PG_GETARG_FLOAT8(1);
	povstat_check_nonneg_income(y, fcinfo);
	if (PG_NARGS() > weight_arg)
	{
		w = PG_GETARG_FLOAT8(weight_arg);
		povstat_check_weight(w, fcinfo);
	}

	if (state == NULL)
	{
		double		param = 0;

		if (kind != MOM_NONE)
		{
			param = PG_GETARG_FLOAT8(2);
			if (kind == MOM_GE)
				check_alpha(param);
			else
				check_epsilon(param);
		}
		flags = all_sums ? state_flags(kind, param) : result_flags(kind, param);
		state = moments_state_new(aggcontext, flags, param,
								  (flags & MOM_FLAG_POW) ? power_of(kind, param) : 0);
	}
	else if (kind != MOM_NONE && unlikely(PG_GETARG_FLOAT8(2) != state->param))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %g changed to %g within one aggregate",
						kind == MOM_GE ? "GE alpha" : "Atkinson epsilon",
						state->param, PG_GETARG_FLOAT8(2)),
				 errhint("Pass a constant parameter; compute each value with its own aggregate call.")));

	if (w == 0)
		PG_RETURN_POINTER(state);

	flags = state->hdr.flags;
	wy = w * y;
	wy2 = wy * y;
	if (unlikely(isinf(wy2)))
		overflow_error(fcinfo, y, w);
	state->rows++;
	kahan_add(&state->weight, w);
	kahan_add(&state->wy, wy);
	kahan_add(&state->wy2, wy2);
	if (y > 0)
	{
		state->positive_rows++;
		kahan_add(&state->weight_positive, w);
		if (flags & MOM_FLAG_LOG)
		{
			double		l = log(y);

			kahan_add(&state->wlog, w * l);
			kahan_add(&state->wylog, wy * l);
		}
		if (flags & MOM_FLAG_POW)
		{
			double		t = weighted_power(w, y, state->power);

			if (unlikely(isinf(t)))
				overflow_error(fcinfo, y, w);
			kahan_add(&state->wpow, t);
		}
	}
	PG_RETURN_POINTER(state);
}

Datum
moments_log_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.theil", MOM_NONE, false);
}

Datum
moments_state_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.moments_state", MOM_NONE, true);
}

Datum
moments_ge_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.ge", MOM_GE, false);
}

Datum
moments_ge_state_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.ge_state", MOM_GE, true);
}

Datum
moments_atkinson_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.atkinson", MOM_ATKINSON, false);
}

Datum
moments_atkinson_state_accum(PG_FUNCTION_ARGS)
{
	return moments_accum_common(fcinfo, "povstat.atkinson_state", MOM_ATKINSON, true);
}

/*
 * Merge the second state into the first (parallel workers, and
 * povstat.merge(moments_state) over stored states).
 */
Datum
moments_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(moments_state)");
	MomentsState *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_MOMENTSSTATE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_MOMENTS || VARSIZE(b) != sizeof(MomentsState))
		state_binary_error(MOM_TYPNAME, "not a moments_state");
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, sizeof(MomentsState));
		memcpy(a, b, sizeof(MomentsState));
		PG_RETURN_POINTER(a);
	}
	a = (MomentsState *) PG_GETARG_POINTER(0);
	if (a->hdr.flags != b->hdr.flags || a->param != b->param || a->power != b->power)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge moments_state values built for different measures"),
				 errdetail("One has flags 0x%x and parameter %g, the other flags 0x%x and parameter %g.",
						   a->hdr.flags, a->param, b->hdr.flags, b->param),
				 errhint("Merge only states built by the same aggregate with the same parameter.")));
	state_merge_count(MOM_TYPNAME, "rows", &a->rows, b->rows);
	state_merge_count(MOM_TYPNAME, "positive_rows", &a->positive_rows, b->positive_rows);
	{
		KahanSum   *as[] = MOM_SUMS(a);
		KahanSum   *bs[] = MOM_SUMS(b);

		for (int i = 0; i < MOM_NSUMS; i++)
			state_merge_sum(MOM_TYPNAME, mom_sum_names[i], as[i], bs[i]);
	}
	PG_RETURN_POINTER(a);
}

/* ---- finishers ---- */

/*
 * A sum a finisher reads: a sum that overflowed (only possible for states
 * merged from many huge ones) is an error, not a silent Infinity or NaN.
 */
static double
sum_value(const KahanSum *k, const char *what)
{
	double		v = kahan_value(k);

	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the %s of this moments_state overflowed", what),
				 errhint("Divide the incomes by a constant (e.g. 1000) before aggregating; these measures do not depend on the unit.")));
	return v;
}

/*
 * W and mu of the subset a measure is defined on (all rows, or rows with
 * y > 0).  false when that subset has no weight or a zero mean, where the
 * measures are undefined (NULL).
 */
static bool
subset(const MomentsState *s, bool positive_only, double *W, double *mu)
{
	double		s1 = sum_value(&s->wy, "income sum");

	*W = sum_value(positive_only ? &s->weight_positive : &s->weight, "weight sum");
	if (*W <= 0 || s1 <= 0)
		return false;
	*mu = s1 / *W;
	return true;
}

static void
missing_sum_error(const char *measure, double param, const MomentsState *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("this moments_state cannot give %s %g", measure, param),
			 errhint("States of povstat.moments_state() give Theil, MLD, GE(0, 1, 2) and Atkinson(0, 1); "
					 "povstat.ge_state(income, alpha) and povstat.atkinson_state(income, epsilon) add their own parameter (%g here).",
					 s->param)));
}

/* mean of r^p = (P / W) / mu^p, in log space when mu^p leaves the double range */
static double
mean_ratio_power(double P, double W, double mu, double p)
{
	double		d = pow(mu, p);

	if (d == 0 || isinf(d))
		return exp(log(P / W) - p * log(mu));
	return (P / W) / d;
}

static double
nonneg(double x)
{
	return x < 0 ? 0 : x;
}

static bool
theil_value(const MomentsState *s, double *result)
{
	double		W,
				mu;

	if (!(s->hdr.flags & MOM_FLAG_LOG))
		missing_sum_error("GE alpha", 1, s);
	if (!subset(s, false, &W, &mu))
		return false;
	*result = nonneg(sum_value(&s->wylog, "sum of w y ln y") / sum_value(&s->wy, "income sum") - log(mu));
	return true;
}

static bool
mld_value(const MomentsState *s, double *result)
{
	double		W,
				mu;

	if (!(s->hdr.flags & MOM_FLAG_LOG))
		missing_sum_error("GE alpha", 0, s);
	if (!subset(s, true, &W, &mu))
		return false;
	*result = nonneg(log(mu) - sum_value(&s->wlog, "sum of w ln y") / W);
	return true;
}

static bool
ge_value(const MomentsState *s, double alpha, double *result)
{
	double		W,
				mu,
				P;

	if (alpha == 1)
		return theil_value(s, result);
	if (alpha == 0)
		return mld_value(s, result);
	if (alpha == 2)
		P = sum_value(&s->wy2, "sum of w y^2");
	else if ((s->hdr.flags & MOM_FLAG_POW) && s->power == alpha)
		P = sum_value(&s->wpow, "power sum");
	else
	{
		missing_sum_error("GE alpha", alpha, s);
		P = 0;					/* keep compiler quiet */
	}
	if (!subset(s, alpha < 0, &W, &mu))
		return false;
	*result = nonneg((mean_ratio_power(P, W, mu, alpha) - 1) / (alpha * alpha - alpha));
	return true;
}

static bool
atkinson_value(const MomentsState *s, double eps, double *result)
{
	double		W,
				mu,
				P,
				p = 1.0 - eps;

	if (eps == 1)
	{
		if (!(s->hdr.flags & MOM_FLAG_LOG))
			missing_sum_error("Atkinson epsilon", eps, s);
		if (!subset(s, true, &W, &mu))
			return false;
		*result = nonneg(1.0 - exp(sum_value(&s->wlog, "sum of w ln y") / W - log(mu)));
		return true;
	}
	if (eps == 0)
	{
		if (!subset(s, false, &W, &mu))
			return false;
		*result = 0;
		return true;
	}
	if ((s->hdr.flags & MOM_FLAG_POW) && s->power == p)
		P = sum_value(&s->wpow, "power sum");
	else
	{
		missing_sum_error("Atkinson epsilon", eps, s);
		P = 0;					/* keep compiler quiet */
	}
	if (!subset(s, eps > 1, &W, &mu))
		return false;
	*result = nonneg(1.0 - pow(mean_ratio_power(P, W, mu, p), 1.0 / p));
	return true;
}

#define RETURN_MEASURE(call) \
	do { \
		double result; \
		if (!(call)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(result); \
	} while (0)

Datum
moments_theil(PG_FUNCTION_ARGS)
{
	RETURN_MEASURE(theil_value(PG_GETARG_MOMENTSSTATE(0), &result));
}

Datum
moments_mld(PG_FUNCTION_ARGS)
{
	RETURN_MEASURE(mld_value(PG_GETARG_MOMENTSSTATE(0), &result));
}

/* Final function of ge(income, alpha): the state's own alpha. */
Datum
moments_ge_final(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);

	if (!(s->hdr.flags & MOM_FLAG_GE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this moments_state was not built for a GE alpha"),
				 errhint("Name the alpha: povstat.ge(state, alpha).")));
	RETURN_MEASURE(ge_value(s, s->param, &result));
}

Datum
moments_ge_alpha(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);
	double		alpha = PG_GETARG_FLOAT8(1);

	check_alpha(alpha);
	RETURN_MEASURE(ge_value(s, alpha, &result));
}

/* Final function of atkinson(income, epsilon): the state's own epsilon. */
Datum
moments_atkinson_final(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);

	if (!(s->hdr.flags & MOM_FLAG_ATKINSON))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this moments_state was not built for an Atkinson epsilon"),
				 errhint("Name the epsilon: povstat.atkinson(state, epsilon).")));
	RETURN_MEASURE(atkinson_value(s, s->param, &result));
}

Datum
moments_atkinson_eps(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);
	double		eps = PG_GETARG_FLOAT8(1);

	check_epsilon(eps);
	RETURN_MEASURE(atkinson_value(s, eps, &result));
}

/* Total weight W of a state (persons when members was the weight). */
Datum
moments_population(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);

	PG_RETURN_FLOAT8(sum_value(&s->weight, "weight sum"));
}

/* Weighted mean income mu over all rows; NULL when W = 0. */
Datum
moments_mean(PG_FUNCTION_ARGS)
{
	MomentsState *s = PG_GETARG_MOMENTSSTATE(0);
	double		W = sum_value(&s->weight, "weight sum");

	if (W <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum_value(&s->wy, "income sum") / W);
}
