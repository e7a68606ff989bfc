/*-------------------------------------------------------------------------
 *
 * mpi.c
 *	  Alkire-Foster multidimensional poverty (the adjusted headcount ratio
 *	  M0 and its parts) as streaming aggregates over a povstat.mpi_state.
 *
 * Reference: /work/shared/reference/measures.md, "Multidimensional (Alkire
 * & Foster 2011)":
 *	- d_ij in {0, 1} (position j of the row's povstat.deprivations set),
 *	  indicator weights v_j summing to 1, score c_i = sum_j v_j d_ij, cutoff
 *	  k; a unit is poor when c_i >= k;
 *	- H = sum_poor w / W;  A = sum_poor w c_i / sum_poor w;  M0 = H A;
 *	- censored headcount of j = sum w d_ij [poor] / W; uncensored = sum
 *	  w d_ij / W; contribution of j = v_j censored_j / M0 (they sum to 1).
 *
 * With equal weights the cutoff is decided on the integer number of
 * deprivations: a float sum of six weights 1/12 is 0.49999999999999994,
 * which would wrongly fail k = 0.5.  mpi(deps, n_indicators, k) takes k as
 * that count (poor iff count >= k); mpi(deps, weights, k) detects equal
 * weights and uses the count ceil(k n) (computed with a 1e-9 allowance for
 * a k that is itself rounded).  With unequal weights the score is compared
 * with k less 1e-12, far above the rounding of a sum of at most 32 weights
 * and far below any meaningful difference of scores.
 *
 * Rows: NULL in any argument skips the row; weight 0 counts as absent; a
 * position above the number of indicators is an error; no rows or W = 0
 * give NULL.  A is NULL when nobody is poor (M0 = 0), and so are the
 * contributions.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mpi.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(mpi_state_in);
PG_FUNCTION_INFO_V1(mpi_state_out);
PG_FUNCTION_INFO_V1(mpi_state_recv);
PG_FUNCTION_INFO_V1(mpi_state_send);
PG_FUNCTION_INFO_V1(mpi_int_accum);
PG_FUNCTION_INFO_V1(mpi_weights_accum);
PG_FUNCTION_INFO_V1(mpi_combine);
PG_FUNCTION_INFO_V1(mpi_result);
PG_FUNCTION_INFO_V1(mpi_h);
PG_FUNCTION_INFO_V1(mpi_a);
PG_FUNCTION_INFO_V1(mpi_m0);
PG_FUNCTION_INFO_V1(mpi_population);
PG_FUNCTION_INFO_V1(mpi_censored_headcount);
PG_FUNCTION_INFO_V1(mpi_uncensored_headcount);
PG_FUNCTION_INFO_V1(mpi_contribution);
PG_FUNCTION_INFO_V1(mpi_indicators);

#define MPI_TYPNAME "mpi_state"
#define MPI_WEIGHT_SUM_TOLERANCE 1e-9
#define MPI_K_TOLERANCE 1e-9
#define MPI_SCORE_TOLERANCE 1e-12

static MpiState *
mpi_state_new(MemoryContext cxt, uint16 flags, int n)
{
	MpiState   *s = MemoryContextAllocZero(cxt, MPI_STATE_SIZE(n));

	SET_VARSIZE(s, MPI_STATE_SIZE(n));
	s->hdr.magic = POVSTAT_MAGIC_MPI;
	s->hdr.version = MPI_STATE_VERSION;
	s->hdr.flags = flags;
	s->n = n;
	return s;
}

/* Integer cutoff equivalent to score >= k when every weight is 1/n. */
static int
equal_weights_cutoff(double k, int n)
{
	int			c = (int) ceil(k * n - MPI_K_TOLERANCE);

	return c < 1 ? 1 : c;
}

static void
check_int_params(int n, int k)
{
	if (n < 1 || n > DEPRIVATIONS_MAX_POSITION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of indicators %d is outside 1 to %d", n, DEPRIVATIONS_MAX_POSITION),
				 errhint("Pass the number of indicators of the standard, e.g. 12 for Vietnam 2022-2025.")));
	if (k < 1 || k > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cutoff k = %d is outside 1 to %d (the number of indicators)", k, n),
				 errhint("k is the number of deprivations that makes a unit poor, e.g. 3 of 12.")));
}

static void
check_k(double k)
{
	if (isnan(k) || isinf(k) || k <= 0 || k > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cutoff k = %g is outside (0, 1]", k),
				 errhint("With indicator weights, k is the weighted share of deprivations that makes a unit poor, e.g. 0.25; pass an integer k with the number of indicators instead for a count.")));
}

/*
 * Read an indicator-weights array into v (n entries).  Each weight must be
 * finite and >= 0 and they must sum to 1 (Alkire-Foster normalisation).
 */
static int
read_weights(ArrayType *arr, double *v)
{
	int			n;
	double		sum = 0;

	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != FLOAT8OID ||
		ARR_DIMS(arr)[0] < 1 || ARR_DIMS(arr)[0] > DEPRIVATIONS_MAX_POSITION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weights must be a one-dimensional float8 array of 1 to %d elements without NULLs",
						DEPRIVATIONS_MAX_POSITION),
				 errhint("Pass one weight per indicator in position order, e.g. array_fill(1.0/12, ARRAY[12])::float8[].")));
	n = ARR_DIMS(arr)[0];
	memcpy(v, ARR_DATA_PTR(arr), n * sizeof(double));
	for (int j = 0; j < n; j++)
	{
		if (isnan(v[j]) || isinf(v[j]) || v[j] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weight %g of indicator %d is not a finite number >= 0", v[j], j + 1),
					 errhint("Indicator weights are shares of the score, e.g. 1/12 each for 12 indicators.")));
		sum += v[j];
	}
	if (fabs(sum - 1) > MPI_WEIGHT_SUM_TOLERANCE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weights sum to %.17g, not 1", sum),
				 errhint("Alkire-Foster weights are normalised: divide each weight by their sum.")));
	return n;
}

static bool
weights_equal(const double *v, int n)
{
	for (int j = 1; j < n; j++)
		if (v[j] != v[0])
			return false;
	return true;
}

/* Everything a state from outside must satisfy (built states do). */
static void
mpi_state_validate(const MpiState *s, bool binary)
{
	uint16		f = s->hdr.flags;
	bool		weighted = (f & MPI_FLAG_WEIGHTED) != 0;
	double		v[DEPRIVATIONS_MAX_POSITION];
	double		sum = 0;

	if ((f & ~MPI_FLAG_MASK) != 0)
		state_value_error(MPI_TYPNAME, binary, psprintf("invalid flags 0x%x", f));
	if (s->n < 1 || s->n > DEPRIVATIONS_MAX_POSITION)
		state_value_error(MPI_TYPNAME, binary, psprintf("invalid number of indicators %d", s->n));
	for (int j = 0; j < s->n; j++)
	{
		v[j] = s->ind[j].weight;
		if (isnan(v[j]) || isinf(v[j]) || v[j] < 0)
			state_value_error(MPI_TYPNAME, binary, psprintf("invalid weight of indicator %d", j + 1));
		sum += v[j];
	}
	if (f & MPI_FLAG_INT)
	{
		/* range first: casting a huge or NaN k to int is undefined */
		if (!(f & MPI_FLAG_EQUAL) || !(s->k >= 1 && s->k <= s->n) ||
			s->k != (int) s->k || s->k_count != (int) s->k)
			state_value_error(MPI_TYPNAME, binary, "invalid integer cutoff");
		for (int j = 0; j < s->n; j++)
			if (v[j] != 1.0 / s->n)
				state_value_error(MPI_TYPNAME, binary, "indicator weights of an integer-cutoff state must be 1/n");
	}
	else
	{
		if (isnan(s->k) || s->k <= 0 || s->k > 1)
			state_value_error(MPI_TYPNAME, binary, psprintf("cutoff k = %g is outside (0, 1]", s->k));
		if (fabs(sum - 1) > MPI_WEIGHT_SUM_TOLERANCE)
			state_value_error(MPI_TYPNAME, binary, "indicator weights do not sum to 1");
		if (((f & MPI_FLAG_EQUAL) != 0) != weights_equal(v, s->n))
			state_value_error(MPI_TYPNAME, binary, "equal-weights flag does not match the weights");
		if ((f & MPI_FLAG_EQUAL) ? s->k_count != equal_weights_cutoff(s->k, s->n) : s->k_count != 0)
			state_value_error(MPI_TYPNAME, binary, "count cutoff does not match k");
	}

	state_check_count(MPI_TYPNAME, "rows", s->rows, binary);
	state_check_count(MPI_TYPNAME, "poor_rows", s->poor_rows, binary);
	if (s->poor_rows > s->rows)
		state_value_error(MPI_TYPNAME, binary, "row counts are inconsistent");
	state_check_sum(MPI_TYPNAME, "weight", &s->weight, binary);
	state_check_sum(MPI_TYPNAME, "weight_poor", &s->weight_poor, binary);
	for (int j = 0; j < s->n; j++)
	{
		const MpiIndicator *ind = &s->ind[j];

		state_check_count(MPI_TYPNAME, "indicator rows", ind->rows, binary);
		state_check_count(MPI_TYPNAME, "indicator poor_rows", ind->poor_rows, binary);
		if (ind->rows > s->rows || ind->poor_rows > ind->rows || ind->poor_rows > s->poor_rows)
			state_value_error(MPI_TYPNAME, binary,
							  psprintf("row counts of indicator %d are inconsistent", j + 1));
		state_check_sum(MPI_TYPNAME, "uncensored", &ind->uncensored, binary);
		state_check_sum(MPI_TYPNAME, "censored", &ind->censored, binary);
		if (!weighted && (ind->uncensored.sum != 0 || ind->uncensored.comp != 0 ||
						  ind->censored.sum != 0 || ind->censored.comp != 0))
			state_value_error(MPI_TYPNAME, binary, "an unweighted mpi_state has no weight sums");
	}
	if (!weighted && (s->weight.sum != 0 || s->weight.comp != 0 ||
					  s->weight_poor.sum != 0 || s->weight_poor.comp != 0))
		state_value_error(MPI_TYPNAME, binary, "an unweighted mpi_state has no weight sums");
	if (weighted)
	{
		double		w = kahan_value(&s->weight) * (1 + 1e-9);

		if (kahan_value(&s->weight_poor) > w)
			state_value_error(MPI_TYPNAME, binary, "a partial weight exceeds the total weight");
		if (s->rows == 0 && kahan_value(&s->weight) != 0)
			state_value_error(MPI_TYPNAME, binary, "weight without rows");
	}
}

Datum
mpi_state_out(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	bool		weighted = (s->hdr.flags & MPI_FLAG_WEIGHTED) != 0;
	StringInfoData buf;

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "int", (s->hdr.flags & MPI_FLAG_INT) ? 1 : 0);
	state_text_int64(&buf, "equal", (s->hdr.flags & MPI_FLAG_EQUAL) ? 1 : 0);
	state_text_int64(&buf, "weighted", weighted ? 1 : 0);
	state_text_int64(&buf, "n", s->n);
	state_text_float8(&buf, "k", s->k);
	state_text_int64(&buf, "k_count", s->k_count);
	state_text_int64(&buf, "rows", s->rows);
	state_text_int64(&buf, "poor_rows", s->poor_rows);
	if (weighted)
	{
		state_text_float8(&buf, "weight", s->weight.sum);
		state_text_float8(&buf, "weight_c", s->weight.comp);
		state_text_float8(&buf, "weight_poor", s->weight_poor.sum);
		state_text_float8(&buf, "weight_poor_c", s->weight_poor.comp);
	}
	for (int j = 0; j < s->n; j++)
	{
		const MpiIndicator *ind = &s->ind[j];

		state_text_float8(&buf, psprintf("v%d", j + 1), ind->weight);
		state_text_int64(&buf, psprintf("rows%d", j + 1), ind->rows);
		state_text_int64(&buf, psprintf("poor_rows%d", j + 1), ind->poor_rows);
		if (weighted)
		{
			state_text_float8(&buf, psprintf("u%d", j + 1), ind->uncensored.sum);
			state_text_float8(&buf, psprintf("u%d_c", j + 1), ind->uncensored.comp);
			state_text_float8(&buf, psprintf("c%d", j + 1), ind->censored.sum);
			state_text_float8(&buf, psprintf("c%d_c", j + 1), ind->censored.comp);
		}
	}
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
mpi_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	MpiState   *s;
	uint16		flags;
	int64		n;

	state_reader_init(&r, str, MPI_TYPNAME);
	if (state_read_int64(&r, "v") != MPI_STATE_VERSION)
		state_text_error(&r, "unsupported mpi_state version");
	flags = state_read_flag(&r, "int", MPI_FLAG_INT);
	flags |= state_read_flag(&r, "equal", MPI_FLAG_EQUAL);
	flags |= state_read_flag(&r, "weighted", MPI_FLAG_WEIGHTED);
	n = state_read_int64(&r, "n");
	if (n < 1 || n > DEPRIVATIONS_MAX_POSITION)
		state_text_error(&r, "field \"n\" must be 1 to 32");
	s = mpi_state_new(CurrentMemoryContext, flags, (int) n);
	s->k = state_read_float8(&r, "k");
	{
		int64		kc = state_read_int64(&r, "k_count");

		if (kc < 0 || kc > n)
			state_text_error(&r, "field \"k_count\" must be 0 to n");
		s->k_count = (int32) kc;
	}
	s->rows = state_read_int64(&r, "rows");
	s->poor_rows = state_read_int64(&r, "poor_rows");
	if (flags & MPI_FLAG_WEIGHTED)
	{
		s->weight.sum = state_read_float8(&r, "weight");
		s->weight.comp = state_read_float8(&r, "weight_c");
		s->weight_poor.sum = state_read_float8(&r, "weight_poor");
		s->weight_poor.comp = state_read_float8(&r, "weight_poor_c");
	}
	for (int j = 0; j < n; j++)
	{
		MpiIndicator *ind = &s->ind[j];

		ind->weight = state_read_float8(&r, psprintf("v%d", j + 1));
		ind->rows = state_read_int64(&r, psprintf("rows%d", j + 1));
		ind->poor_rows = state_read_int64(&r, psprintf("poor_rows%d", j + 1));
		if (flags & MPI_FLAG_WEIGHTED)
		{
			ind->uncensored.sum = state_read_float8(&r, psprintf("u%d", j + 1));
			ind->uncensored.comp = state_read_float8(&r, psprintf("u%d_c", j + 1));
			ind->censored.sum = state_read_float8(&r, psprintf("c%d", j + 1));
			ind->censored.comp = state_read_float8(&r, psprintf("c%d_c", j + 1));
		}
	}
	state_reader_finish(&r);
	mpi_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
mpi_state_send(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	bool		weighted = (s->hdr.flags & MPI_FLAG_WEIGHTED) != 0;
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	pq_sendbyte(&buf, (uint8) s->n);
	pq_sendbyte(&buf, (uint8) s->k_count);
	pq_sendfloat8(&buf, s->k);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->poor_rows);
	if (weighted)
	{
		pq_sendfloat8(&buf, s->weight.sum);
		pq_sendfloat8(&buf, s->weight.comp);
		pq_sendfloat8(&buf, s->weight_poor.sum);
		pq_sendfloat8(&buf, s->weight_poor.comp);
	}
	for (int j = 0; j < s->n; j++)
	{
		const MpiIndicator *ind = &s->ind[j];

		pq_sendfloat8(&buf, ind->weight);
		pq_sendint64(&buf, ind->rows);
		pq_sendint64(&buf, ind->poor_rows);
		if (weighted)
		{
			pq_sendfloat8(&buf, ind->uncensored.sum);
			pq_sendfloat8(&buf, ind->uncensored.comp);
			pq_sendfloat8(&buf, ind->censored.sum);
			pq_sendfloat8(&buf, ind->censored.comp);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
mpi_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MpiState   *s;
	int			magic,
				version,
				flags,
				n;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_MPI)
		state_binary_error(MPI_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != MPI_STATE_VERSION)
		state_binary_error(MPI_TYPNAME, psprintf("unsupported version %d", version));
	flags = pq_getmsgint(buf, 2);
	n = pq_getmsgbyte(buf);
	if (n < 1 || n > DEPRIVATIONS_MAX_POSITION)
		state_binary_error(MPI_TYPNAME, psprintf("invalid number of indicators %d", n));
	s = mpi_state_new(CurrentMemoryContext, flags, n);
	s->k_count = pq_getmsgbyte(buf);
	s->k = pq_getmsgfloat8(buf);
	s->rows = pq_getmsgint64(buf);
	s->poor_rows = pq_getmsgint64(buf);
	if (flags & MPI_FLAG_WEIGHTED)
	{
		s->weight.sum = pq_getmsgfloat8(buf);
		s->weight.comp = pq_getmsgfloat8(buf);
		s->weight_poor.sum = pq_getmsgfloat8(buf);
		s->weight_poor.comp = pq_getmsgfloat8(buf);
	}
	for (int j = 0; j < n; j++)
	{
		MpiIndicator *ind = &s->ind[j];

		ind->weight = pq_getmsgfloat8(buf);
		ind->rows = pq_getmsgint64(buf);
		ind->poor_rows = pq_getmsgint64(buf);
		if (flags & MPI_FLAG_WEIGHTED)
		{
			ind->uncensored.sum = pq_getmsgfloat8(buf);
			ind->uncensored.comp = pq_getmsgfloat8(buf);
			ind->censored.sum = pq_getmsgfloat8(buf);
			ind->censored.comp = pq_getmsgfloat8(buf);
		}
	}
	pq_getmsgend(buf);
	mpi_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

/*
 * Are the indicator weights and k of this aggregate call constants?  Then
 * they are checked once, on the first row, instead of on every row.  The
 * answer is kept in the transition function's fn_extra.
 */
typedef struct MpiCallCache
{
	bool		params_const;
} MpiCallCache;

static bool
mpi_params_const(FunctionCallInfo fcinfo)
{
	MpiCallCache *c = (MpiCallCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		Aggref	   *aggref = AggGetAggref(fcinfo);
		bool		is_const = false;

		if (aggref != NULL && list_length(aggref->args) >= 3)
		{
			TargetEntry *weights = (TargetEntry *) list_nth(aggref->args, 1);
			TargetEntry *k = (TargetEntry *) list_nth(aggref->args, 2);

			is_const = IsA(weights->expr, Const) && IsA(k->expr, Const);
		}
		c = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(MpiCallCache));
		c->params_const = is_const;
		fcinfo->flinfo->fn_extra = c;
	}
	return c->params_const;
}

static void
params_changed_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("indicator weights, number of indicators or k changed within one aggregate"),
			 errhint("Pass constant parameters; compute each set of parameters with its own aggregate call.")));
}

/* Rows must not name a position beyond the indicators of the aggregate. */
static inline void
check_positions(Deprivations d, int n, FunctionCallInfo fcinfo)
{
	if (unlikely(n < DEPRIVATIONS_MAX_POSITION && (d >> n) != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deprivation set passed to %s holds position %d, beyond its %d indicators",
						povstat_fn_name(fcinfo), deprivations_max_position(d), n),
				 errhint("Pass the number of indicators of the standard (or one weight per indicator), or drop the extra positions.")));
}

/*
 * One row.  Arguments after the state: deps, n_indicators int | weights
 * float8[], k int | float8, [weight].  NULL in any of them skips the row.
 */
static Datum
mpi_accum_common(FunctionCallInfo fcinfo, bool int_form)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.mpi");
	MpiState   *state = PG_ARGISNULL(0) ? NULL : (MpiState *) PG_GETARG_POINTER(0);
	bool		weighted = PG_NARGS() > 4;
	Deprivations d;
	double		w = 1;
	bool		poor;

	for (int i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (state == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(state);
		}
	d = PG_GETARG_DEPRIVATIONS(1);
	if (weighted)
	{
		w = PG_GETARG_FLOAT8(4);
		povstat_check_weight(w, fcinfo);
	}

	if (int_form)
	{
		int			n = PG_GETARG_INT32(2);
		int			k = PG_GETARG_INT32(3);

		if (state == NULL)
		{
			check_int_params(n, k);
			state = mpi_state_new(aggcontext, MPI_FLAG_INT | MPI_FLAG_EQUAL |
								  (weighted ? MPI_FLAG_WEIGHTED : 0), n);
			state->k = k;
			state->k_count = k;
			for (int j = 0; j < n; j++)
				state->ind[j].weight = 1.0 / n;
		}
		else if (unlikely(n != state->n || k != state->k_count))
			params_changed_error();
	}
	else if (state == NULL || !mpi_params_const(fcinfo))
	{
		double		v[DEPRIVATIONS_MAX_POSITION];
		double		k = PG_GETARG_FLOAT8(3);
		int			n = read_weights(PG_GETARG_ARRAYTYPE_P(2), v);

		check_k(k);
		if (state == NULL)
		{
			bool		equal = weights_equal(v, n);

			state = mpi_state_new(aggcontext, (equal ? MPI_FLAG_EQUAL : 0) |
								  (weighted ? MPI_FLAG_WEIGHTED : 0), n);
			state->k = k;
			state->k_count = equal ? equal_weights_cutoff(k, n) : 0;
			for (int j = 0; j < n; j++)
				state->ind[j].weight = v[j];
		}
		else
		{
			if (n != state->n || k != state->k)
				params_changed_error();
			for (int j = 0; j < n; j++)
				if (v[j] != state->ind[j].weight)
					params_changed_error();
		}
	}

	check_positions(d, state->n, fcinfo);
	if (w == 0)
		PG_RETURN_POINTER(state);

	if (state->hdr.flags & MPI_FLAG_EQUAL)
		poor = deprivations_count(d) >= state->k_count;
	else
	{
		double		score = 0;

		for (Deprivations rest = d; rest != 0; rest &= rest - 1)
			score += state->ind[pg_rightmost_one_pos32(rest)].weight;
		poor = score >= state->k - MPI_SCORE_TOLERANCE;
	}

	state->rows++;
	if (poor)
		state->poor_rows++;
	if (weighted)
	{
		kahan_add(&state->weight, w);
		if (poor)
			kahan_add(&state->weight_poor, w);
	}
	for (Deprivations rest = d; rest != 0; rest &= rest - 1)
	{
		MpiIndicator *ind = &state->ind[pg_rightmost_one_pos32(rest)];

		ind->rows++;
		if (poor)
			ind->poor_rows++;
		if (weighted)
		{
			kahan_add(&ind->uncensored, w);
			if (poor)
				kahan_add(&ind->censored, w);
		}
	}
	PG_RETURN_POINTER(state);
}

Datum
mpi_int_accum(PG_FUNCTION_ARGS)
{
	return mpi_accum_common(fcinfo, true);
}

Datum
mpi_weights_accum(PG_FUNCTION_ARGS)
{
	return mpi_accum_common(fcinfo, false);
}

static void
count_overflow_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("row count overflows in povstat.merge(mpi_state)"),
			 errhint("The merged states hold more than 2^63 rows; check the rollup for states counted repeatedly.")));
}

/*
 * Merge the second state into the first: same indicators, weights, cutoff
 * and weighting, or an error.
 */
Datum
mpi_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(mpi_state)");
	MpiState   *a,
			   *b;
	bool		same;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_MPISTATE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_MPI || b->n < 1 || b->n > DEPRIVATIONS_MAX_POSITION ||
		VARSIZE(b) != MPI_STATE_SIZE(b->n))
		state_binary_error(MPI_TYPNAME, "not an mpi_state");
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, VARSIZE(b));
		memcpy(a, b, VARSIZE(b));
		PG_RETURN_POINTER(a);
	}
	a = (MpiState *) PG_GETARG_POINTER(0);
	same = a->hdr.flags == b->hdr.flags && a->n == b->n && a->k == b->k &&
		a->k_count == b->k_count;
	for (int j = 0; same && j < a->n; j++)
		same = a->ind[j].weight == b->ind[j].weight;
	if (!same)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge mpi_state values with different indicators, weights, cutoff or weighting"),
				 errdetail("One has %d indicators, k = %g and is %s, the other %d, k = %g and %s.",
						   a->n, a->k, (a->hdr.flags & MPI_FLAG_WEIGHTED) ? "weighted" : "unweighted",
						   b->n, b->k, (b->hdr.flags & MPI_FLAG_WEIGHTED) ? "weighted" : "unweighted"),
				 errhint("Merge only states built by the same aggregate call (same indicator weights, k, and weight or none).")));

	if (pg_add_s64_overflow(a->rows, b->rows, &a->rows) ||
		pg_add_s64_overflow(a->poor_rows, b->poor_rows, &a->poor_rows))
		count_overflow_error();
	kahan_merge(&a->weight, &b->weight);
	kahan_merge(&a->weight_poor, &b->weight_poor);
	for (int j = 0; j < a->n; j++)
	{
		if (pg_add_s64_overflow(a->ind[j].rows, b->ind[j].rows, &a->ind[j].rows) ||
			pg_add_s64_overflow(a->ind[j].poor_rows, b->ind[j].poor_rows, &a->ind[j].poor_rows))
			count_overflow_error();
		kahan_merge(&a->ind[j].uncensored, &b->ind[j].uncensored);
		kahan_merge(&a->ind[j].censored, &b->ind[j].censored);
	}
	PG_RETURN_POINTER(a);
}

/* ---- finishers ---- */

typedef struct MpiFigures
{
	int			n;
	double		h;
	double		m0;
	double		a;				/* valid when has_a */
	bool		has_a;			/* false when nobody is poor */
	double		censored[DEPRIVATIONS_MAX_POSITION];
	double		uncensored[DEPRIVATIONS_MAX_POSITION];
	double		contribution[DEPRIVATIONS_MAX_POSITION];	/* valid when has_a */
	double		v[DEPRIVATIONS_MAX_POSITION];
} MpiFigures;

static double
finite_sum(const KahanSum *k)
{
	double		v = kahan_value(k);

	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("a weight sum of this mpi_state overflows"),
				 errhint("Weights must be finite; check the weight column for huge values.")));
	return v;
}

/*
 * All figures of a state; false when W = 0 (NULL results).  Unweighted
 * states use their exact integer counts; with integer cutoffs (weights
 * 1/n) the weighted deprivation total is divided by n once instead of
 * multiplying each term by a rounded 1/n, so the AF example gives exactly
 * 0.375.
 */
static bool
mpi_figures(const MpiState *s, MpiFigures *f)
{
	bool		weighted = (s->hdr.flags & MPI_FLAG_WEIGHTED) != 0;
	bool		int_form = (s->hdr.flags & MPI_FLAG_INT) != 0;
	double		W = weighted ? finite_sum(&s->weight) : (double) s->rows;
	double		Wp = weighted ? finite_sum(&s->weight_poor) : (double) s->poor_rows;
	KahanSum	dep = {0, 0};	/* sum_j v_j censored_j (times n if int_form) */
	double		total;

	if (W <= 0)
		return false;
	f->n = s->n;
	for (int j = 0; j < s->n; j++)
	{
		const MpiIndicator *ind = &s->ind[j];
		double		c = weighted ? finite_sum(&ind->censored) : (double) ind->poor_rows;
		double		u = weighted ? finite_sum(&ind->uncensored) : (double) ind->rows;

		f->v[j] = ind->weight;
		f->censored[j] = c / W;
		f->uncensored[j] = u / W;
		kahan_add(&dep, int_form ? c : ind->weight * c);
	}
	total = kahan_value(&dep);
	f->h = Wp / W;
	f->m0 = int_form ? total / ((double) s->n * W) : total / W;
	/* a poor unit has a score >= k > 0, so total > 0 whenever Wp > 0 */
	f->has_a = Wp > 0;
	if (f->has_a)
		f->a = int_form ? total / ((double) s->n * Wp) : total / Wp;
	if (f->has_a)
	{
		for (int j = 0; j < s->n; j++)
		{
			double		c = weighted ? finite_sum(&s->ind[j].censored) : (double) s->ind[j].poor_rows;

			f->contribution[j] = total > 0 ? (int_form ? c : f->v[j] * c) / total : 0;
		}
	}
	return true;
}

static Datum
float8_array(const double *x, int n)
{
	Datum		d[DEPRIVATIONS_MAX_POSITION];

	for (int j = 0; j < n; j++)
		d[j] = Float8GetDatum(x[j]);
	return PointerGetDatum(construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* povstat.mpi(mpi_state): the composite povstat.mpi_result. */
Datum
mpi_result(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	MpiFigures	f;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {0};

	if (!mpi_figures(s, &f))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE || tupdesc->natts != 6)
		elog(ERROR, "povstat.mpi_result does not have 6 columns");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(f.h);
	values[1] = Float8GetDatum(f.has_a ? f.a : 0);
	nulls[1] = !f.has_a;
	values[2] = Float8GetDatum(f.m0);
	values[3] = float8_array(f.censored, f.n);
	values[4] = float8_array(f.uncensored, f.n);
	if (f.has_a)
		values[5] = float8_array(f.contribution, f.n);
	else
		nulls[5] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
mpi_h(PG_FUNCTION_ARGS)
{
	MpiFigures	f;

	if (!mpi_figures(PG_GETARG_MPISTATE(0), &f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.h);
}

Datum
mpi_a(PG_FUNCTION_ARGS)
{
	MpiFigures	f;

	if (!mpi_figures(PG_GETARG_MPISTATE(0), &f) || !f.has_a)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.a);
}

Datum
mpi_m0(PG_FUNCTION_ARGS)
{
	MpiFigures	f;

	if (!mpi_figures(PG_GETARG_MPISTATE(0), &f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.m0);
}

Datum
mpi_population(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);

	if (s->hdr.flags & MPI_FLAG_WEIGHTED)
		PG_RETURN_FLOAT8(finite_sum(&s->weight));
	PG_RETURN_FLOAT8((double) s->rows);
}

static int
indicator_arg(FunctionCallInfo fcinfo, const MpiState *s)
{
	int			j = PG_GETARG_INT32(1);

	if (j < 1 || j > s->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator %d is outside 1 to %d", j, s->n),
				 errhint("Indicators are numbered by position, 1 to the number of indicators of the state.")));
	return j - 1;
}

Datum
mpi_censored_headcount(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	int			j = indicator_arg(fcinfo, s);
	MpiFigures	f;

	if (!mpi_figures(s, &f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.censored[j]);
}

Datum
mpi_uncensored_headcount(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	int			j = indicator_arg(fcinfo, s);
	MpiFigures	f;

	if (!mpi_figures(s, &f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.uncensored[j]);
}

Datum
mpi_contribution(PG_FUNCTION_ARGS)
{
	MpiState   *s = PG_GETARG_MPISTATE(0);
	int			j = indicator_arg(fcinfo, s);
	MpiFigures	f;

	if (!mpi_figures(s, &f) || !f.has_a)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(f.contribution[j]);
}

/*
 * povstat.mpi_indicators(mpi_state): one row per indicator (position,
 * weight, uncensored and censored headcount, contribution), for BI tools
 * that read rows rather than arrays.
 */
Datum
mpi_indicators(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MpiState   *s = PG_GETARG_MPISTATE(0);
	MpiFigures	f;

	InitMaterializedSRF(fcinfo, 0);
	if (!mpi_figures(s, &f))
		return (Datum) 0;
	for (int j = 0; j < f.n; j++)
	{
		Datum		values[5];
		bool		nulls[5] = {0};

		values[0] = Int32GetDatum(j + 1);
		values[1] = Float8GetDatum(f.v[j]);
		values[2] = Float8GetDatum(f.uncensored[j]);
		values[3] = Float8GetDatum(f.censored[j]);
		values[4] = Float8GetDatum(f.has_a ? f.contribution[j] : 0);
		nulls[4] = !f.has_a;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
