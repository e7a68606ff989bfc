/*-------------------------------------------------------------------------
 *
 * transitions.c
 *	  Poverty dynamics between two reviews: povstat.transitions counts
 *	  households by their class at the first and the second review and
 *	  gives the movements that review tables report (exited poverty,
 *	  newly poor, re-poor, remained poor, the same for near-poor) with
 *	  their rates and the full class-by-class matrix.
 *
 * Conventions (doc/dynamics.md; vn_standards §4.3-4.4):
 *	- a NULL class means the household is absent from that review's
 *	  register (new, moved in or split off before the second review; moved
 *	  away, merged or dissolved after the first); such households are
 *	  counted as entering or leaving the register, never as exiting or
 *	  entering poverty, so that
 *		  end = start - exited - left + newly + returned + entered
 *	  holds for the poor and for the near-poor;
 *	- a row with both classes NULL, or a NULL weight, is skipped; a weight
 *	  of 0 makes the row absent; a NULL exited_before is false;
 *	- exit rates are over the class at the first review, entry rates (newly,
 *	  returned) over the class at the second review, as the Hướng Hóa
 *	  review table defines them ("7=6/10", "9=8/10").
 *
 * The state keeps an exact row count and a compensated weight sum per
 * cell, so one state gives the unweighted household counts and the
 * weighted (e.g. persons) figures, merges across parallel workers and
 * communes, and round-trips exactly through its text form.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "transitions.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(transitions_state_in);
PG_FUNCTION_INFO_V1(transitions_state_out);
PG_FUNCTION_INFO_V1(transitions_state_recv);
PG_FUNCTION_INFO_V1(transitions_state_send);
PG_FUNCTION_INFO_V1(transitions_accum);
PG_FUNCTION_INFO_V1(transitions_returns_accum);
PG_FUNCTION_INFO_V1(transitions_combine);
PG_FUNCTION_INFO_V1(transitions_summary);
PG_FUNCTION_INFO_V1(transitions_matrix);
PG_FUNCTION_INFO_V1(transitions_matrix_array);

#define TRANSIT_TYPNAME "transitions_state"

/* Labels of the matrix rows and columns; codes name the cells in the text form. */
static const char *const transit_labels[TRANSIT_N] = {
	"poor", "near_poor", "average", "better_off", "absent"
};
static const char transit_codes[TRANSIT_N] = {'p', 'n', 'a', 'b', 'x'};

static TransitionsState *
transit_state_new(MemoryContext cxt, uint16 flags)
{
	TransitionsState *state = MemoryContextAllocZero(cxt, sizeof(TransitionsState));

	SET_VARSIZE(state, sizeof(TransitionsState));
	state->hdr.magic = POVSTAT_MAGIC_TRANSIT;
	state->hdr.version = TRANSIT_STATE_VERSION;
	state->hdr.flags = flags;
	return state;
}

/* Cells that exist in the text and binary forms, in their fixed order. */
static inline bool
transit_cell_stored(int b, int a)
{
	return !(b == TRANSIT_ABSENT && a == TRANSIT_ABSENT);
}

static void
transit_check_cell(const char *field, const TransitCell *c, bool binary)
{
	state_check_count(TRANSIT_TYPNAME, field, c->rows, binary);
	state_check_sum(TRANSIT_TYPNAME, field, &c->weight, binary);
	if (c->rows == 0 && (c->weight.sum != 0 || c->weight.comp != 0))
		state_value_error(TRANSIT_TYPNAME, binary,
						  psprintf("cell \"%s\" has weight without rows", field));
}

/*
 * Everything a state read from outside must satisfy; a state built by the
 * transition functions satisfies it by construction.
 */
static void
transit_state_validate(const TransitionsState *s, bool binary)
{
	if ((s->hdr.flags & ~TRANSIT_FLAG_MASK) != 0)
		state_value_error(TRANSIT_TYPNAME, binary, psprintf("unknown flags 0x%x", s->hdr.flags));
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			const TransitCell *c = &s->cell[b][a];
			const TransitCell *r = &s->returned[b][a];
			char	   *field = psprintf("%s->%s", transit_labels[b], transit_labels[a]);

			if (!transit_cell_stored(b, a))
			{
				if (c->rows != 0 || c->weight.sum != 0 || c->weight.comp != 0)
					state_value_error(TRANSIT_TYPNAME, binary, "cell absent->absent must be empty");
			}
			else
				transit_check_cell(field, c, binary);
			if (transit_returned_cell(b, a))
			{
				transit_check_cell(psprintf("returned %s", field), r, binary);
				if (!(s->hdr.flags & TRANSIT_FLAG_RETURNS) && r->rows != 0)
					state_value_error(TRANSIT_TYPNAME, binary,
									  psprintf("cell \"returned %s\" is not empty in a state built without exited_before",
											   field));
			}
			else if (r->rows != 0 || r->weight.sum != 0 || r->weight.comp != 0)
				state_value_error(TRANSIT_TYPNAME, binary,
								  psprintf("no household can return in cell \"%s\"", field));
		}
}

Datum
transitions_state_out(PG_FUNCTION_ARGS)
{
	TransitionsState *s = PG_GETARG_TRANSITSTATE(0);
	StringInfoData buf;
	char		name[8];

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "returns", (s->hdr.flags & TRANSIT_FLAG_RETURNS) ? 1 : 0);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			if (!transit_cell_stored(b, a))
				continue;
			snprintf(name, sizeof(name), "n_%c%c", transit_codes[b], transit_codes[a]);
			state_text_int64(&buf, name, s->cell[b][a].rows);
			name[0] = 'w';
			state_text_float8(&buf, name, s->cell[b][a].weight.sum);
			name[0] = 'c';
			state_text_float8(&buf, name, s->cell[b][a].weight.comp);
		}
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			if (!transit_returned_cell(b, a))
				continue;
			snprintf(name, sizeof(name), "rn_%c%c", transit_codes[b], transit_codes[a]);
			state_text_int64(&buf, name, s->returned[b][a].rows);
			name[1] = 'w';
			state_text_float8(&buf, name, s->returned[b][a].weight.sum);
			name[1] = 'c';
			state_text_float8(&buf, name, s->returned[b][a].weight.comp);
		}
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
transitions_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	TransitionsState *s;
	int64		returns;
	char		name[8];

	state_reader_init(&r, str, TRANSIT_TYPNAME);
	if (state_read_int64(&r, "v") != TRANSIT_STATE_VERSION)
		state_text_error(&r, "unsupported transitions_state version");
	returns = state_read_int64(&r, "returns");
	if (returns != 0 && returns != 1)
		state_text_error(&r, "field \"returns\" must be 0 or 1");
	s = transit_state_new(CurrentMemoryContext, returns ? TRANSIT_FLAG_RETURNS : 0);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			if (!transit_cell_stored(b, a))
				continue;
			snprintf(name, sizeof(name), "n_%c%c", transit_codes[b], transit_codes[a]);
			s->cell[b][a].rows = state_read_int64(&r, name);
			name[0] = 'w';
			s->cell[b][a].weight.sum = state_read_float8(&r, name);
			name[0] = 'c';
			s->cell[b][a].weight.comp = state_read_float8(&r, name);
		}
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			if (!transit_returned_cell(b, a))
				continue;
			snprintf(name, sizeof(name), "rn_%c%c", transit_codes[b], transit_codes[a]);
			s->returned[b][a].rows = state_read_int64(&r, name);
			name[1] = 'w';
			s->returned[b][a].weight.sum = state_read_float8(&r, name);
			name[1] = 'c';
			s->returned[b][a].weight.comp = state_read_float8(&r, name);
		}
	state_reader_finish(&r);
	transit_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

static void
send_cell(StringInfo buf, const TransitCell *c)
{
	pq_sendint64(buf, c->rows);
	pq_sendfloat8(buf, c->weight.sum);
	pq_sendfloat8(buf, c->weight.comp);
}

static void
recv_cell(StringInfo buf, TransitCell *c)
{
	c->rows = pq_getmsgint64(buf);
	c->weight.sum = pq_getmsgfloat8(buf);
	c->weight.comp = pq_getmsgfloat8(buf);
}

Datum
transitions_state_send(PG_FUNCTION_ARGS)
{
	TransitionsState *s = PG_GETARG_TRANSITSTATE(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
			if (transit_cell_stored(b, a))
				send_cell(&buf, &s->cell[b][a]);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
			if (transit_returned_cell(b, a))
				send_cell(&buf, &s->returned[b][a]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Short reads and trailing bytes raise errors in pq_getmsg* / pq_getmsgend. */
Datum
transitions_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TransitionsState *s;
	int			magic,
				version,
				flags;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_TRANSIT)
		state_binary_error(TRANSIT_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != TRANSIT_STATE_VERSION)
		state_binary_error(TRANSIT_TYPNAME, psprintf("unsupported version %d", version));
	flags = pq_getmsgint(buf, 2);
	s = transit_state_new(CurrentMemoryContext, flags);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
			if (transit_cell_stored(b, a))
				recv_cell(buf, &s->cell[b][a]);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
			if (transit_returned_cell(b, a))
				recv_cell(buf, &s->returned[b][a]);
	pq_getmsgend(buf);
	transit_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

static void
transit_weight_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("sum of weights in povstat.transitions overflows float8"),
			 errhint("Weights are household or person counts; check for a mistaken weight column.")));
}

/*
 * One household.  Arguments after the state: before, after,
 * [exited_before,] [weight].  The enum-to-index map is resolved once per
 * call site and cached in fn_extra (hh_class_map), so the row path does no
 * catalog lookup.
 */
static Datum
transitions_accum_common(FunctionCallInfo fcinfo, bool returns)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.transitions");
	TransitionsState *state = PG_ARGISNULL(0) ? NULL : (TransitionsState *) PG_GETARG_POINTER(0);
	int			weight_arg = returns ? 4 : 3;
	const HhClassMap *map;
	int			before,
				after;
	bool		flagged = false;
	double		w = 1;
	TransitCell *c;

	if ((PG_ARGISNULL(1) && PG_ARGISNULL(2)) ||
		(PG_NARGS() > weight_arg && PG_ARGISNULL(weight_arg)))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}

	map = hh_class_map(fcinfo->flinfo);
	before = PG_ARGISNULL(1) ? TRANSIT_ABSENT : hh_class_from_oid(map, PG_GETARG_OID(1));
	after = PG_ARGISNULL(2) ? TRANSIT_ABSENT : hh_class_from_oid(map, PG_GETARG_OID(2));
	if (returns && !PG_ARGISNULL(3))
		flagged = PG_GETARG_BOOL(3);
	if (PG_NARGS() > weight_arg)
	{
		w = PG_GETARG_FLOAT8(weight_arg);
		povstat_check_weight(w, fcinfo);
	}

	if (state == NULL)
		state = transit_state_new(aggcontext, returns ? TRANSIT_FLAG_RETURNS : 0);
	if (w == 0)
		PG_RETURN_POINTER(state);

	if (flagged && transit_returned_cell(before, after))
		c = &state->returned[before][after];
	else
		c = &state->cell[before][after];
	if (unlikely(pg_add_s64_overflow(c->rows, 1, &c->rows)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("household count of povstat.transitions overflows a 64-bit integer")));
	kahan_add(&c->weight, w);
	if (unlikely(isinf(c->weight.sum)))
		transit_weight_overflow();
	PG_RETURN_POINTER(state);
}

Datum
transitions_accum(PG_FUNCTION_ARGS)
{
	return transitions_accum_common(fcinfo, false);
}

Datum
transitions_returns_accum(PG_FUNCTION_ARGS)
{
	return transitions_accum_common(fcinfo, true);
}

static void
merge_cell(TransitCell *into, const TransitCell *from)
{
	if (unlikely(pg_add_s64_overflow(into->rows, from->rows, &into->rows)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("household count of merged transitions_state values overflows a 64-bit integer"),
				 errhint("Check that the states being merged are not repeated many times over.")));
	kahan_merge(&into->weight, &from->weight);
	if (unlikely(!isfinite(into->weight.sum) || !isfinite(into->weight.comp) ||
				 !isfinite(into->weight.sum + into->weight.comp)))
		transit_weight_overflow();
}

/*
 * Merge the second state into the first: parallel workers, and
 * povstat.merge(transitions_state) over stored states.
 */
Datum
transitions_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(transitions_state)");
	TransitionsState *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_TRANSITSTATE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_TRANSIT || VARSIZE(b) != sizeof(TransitionsState))
		state_binary_error(TRANSIT_TYPNAME, "not a transitions_state");
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, sizeof(TransitionsState));
		memcpy(a, b, sizeof(TransitionsState));
		PG_RETURN_POINTER(a);
	}
	a = (TransitionsState *) PG_GETARG_POINTER(0);
	if (a->hdr.flags != b->hdr.flags)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge a transitions_state built with exited_before and one built without it"),
				 errdetail("In the state built without it, re-poor households are counted as newly poor."),
				 errhint("Build every state with the same form of povstat.transitions_state (pass exited_before to all, false where unknown).")));
	for (int i = 0; i < TRANSIT_N; i++)
		for (int j = 0; j < TRANSIT_N; j++)
		{
			merge_cell(&a->cell[i][j], &b->cell[i][j]);
			merge_cell(&a->returned[i][j], &b->returned[i][j]);
		}
	PG_RETURN_POINTER(a);
}

/* ---- finishers ---- */

/* Weight of the move before -> after, returned households included. */
static void
add_move(KahanSum *into, const TransitionsState *s, int before, int after)
{
	kahan_merge(into, &s->cell[before][after].weight);
	kahan_merge(into, &s->returned[before][after].weight);
}

static int64
move_rows(const TransitionsState *s, int before, int after)
{
	int64		n;

	if (pg_add_s64_overflow(s->cell[before][after].rows, s->returned[before][after].rows, &n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("household count of a transitions_state cell overflows a 64-bit integer")));
	return n;
}

/* Fields of povstat.transitions_result, in declaration order. */
enum
{
	F_HH_START,
	F_HH_END,
	F_HH_ENTERED,
	F_HH_LEFT,
	F_CLASS_BLOCK,				/* poor block, then near-poor block */
};

enum
{
	B_START,
	B_REMAINED,
	B_EXITED,
	B_EXITED_TO_OTHER,			/* poor: to near-poor; near-poor: to poor */
	B_EXITED_ABOVE,				/* to average or better-off */
	B_LEFT,
	B_NEWLY,
	B_RETURNED,
	B_ENTERED,
	B_END,
	B_EXIT_RATE,
	B_NEWLY_RATE,
	B_RETURNED_RATE,
	B_NFIELDS
};

#define TRANSIT_NFIELDS (F_CLASS_BLOCK + 2 * B_NFIELDS)

static void
class_block(const TransitionsState *s, int k, Datum *values, bool *nulls)
{
	int			other = (k == HH_POOR) ? HH_NEAR_POOR : HH_POOR;
	KahanSum	f[B_NFIELDS];
	double		start,
				end;

	memset(f, 0, sizeof(f));
	for (int a = 0; a < TRANSIT_N; a++)
		add_move(&f[B_START], s, k, a);
	for (int b = 0; b < TRANSIT_N; b++)
		add_move(&f[B_END], s, b, k);
	add_move(&f[B_REMAINED], s, k, k);
	add_move(&f[B_EXITED_TO_OTHER], s, k, other);
	add_move(&f[B_EXITED_ABOVE], s, k, HH_AVERAGE);
	add_move(&f[B_EXITED_ABOVE], s, k, HH_BETTER_OFF);
	kahan_merge(&f[B_EXITED], &f[B_EXITED_TO_OTHER]);
	kahan_merge(&f[B_EXITED], &f[B_EXITED_ABOVE]);
	add_move(&f[B_LEFT], s, k, TRANSIT_ABSENT);
	add_move(&f[B_ENTERED], s, TRANSIT_ABSENT, k);
	for (int b = 0; b < HH_NCLASSES; b++)
	{
		if (b == k)
			continue;
		kahan_merge(&f[B_NEWLY], &s->cell[b][k].weight);
		kahan_merge(&f[B_RETURNED], &s->returned[b][k].weight);
	}
	/* without exited_before re-entries are not known: all entries are "newly" */

	start = kahan_value(&f[B_START]);
	end = kahan_value(&f[B_END]);
	for (int i = 0; i < B_EXIT_RATE; i++)
	{
		values[i] = Float8GetDatum(kahan_value(&f[i]));
		nulls[i] = false;
	}
	nulls[B_RETURNED] = !(s->hdr.flags & TRANSIT_FLAG_RETURNS);

	nulls[B_EXIT_RATE] = !(start > 0);
	values[B_EXIT_RATE] = Float8GetDatum(nulls[B_EXIT_RATE] ? 0 : kahan_value(&f[B_EXITED]) / start);
	nulls[B_NEWLY_RATE] = !(end > 0);
	values[B_NEWLY_RATE] = Float8GetDatum(nulls[B_NEWLY_RATE] ? 0 : kahan_value(&f[B_NEWLY]) / end);
	nulls[B_RETURNED_RATE] = nulls[B_RETURNED] || !(end > 0);
	values[B_RETURNED_RATE] = Float8GetDatum(nulls[B_RETURNED_RATE] ? 0 : kahan_value(&f[B_RETURNED]) / end);
}

static bool
transit_is_empty(const TransitionsState *s)
{
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
			if (s->cell[b][a].rows != 0 || s->returned[b][a].rows != 0)
				return false;
	return true;
}

/*
 * povstat.transitions_summary(transitions_state): the composite result of
 * povstat.transitions.  NULL for a state without households (all weights 0).
 */
Datum
transitions_summary(PG_FUNCTION_ARGS)
{
	TransitionsState *s = PG_GETARG_TRANSITSTATE(0);
	TupleDesc	tupdesc;
	Datum		values[TRANSIT_NFIELDS];
	bool		nulls[TRANSIT_NFIELDS];
	KahanSum	hh[F_CLASS_BLOCK];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type of povstat.transitions_summary must be a row type");
	if (tupdesc->natts != TRANSIT_NFIELDS)
		elog(ERROR, "povstat.transitions_result has %d attributes, expected %d",
			 tupdesc->natts, TRANSIT_NFIELDS);
	if (transit_is_empty(s))
		PG_RETURN_NULL();

	memset(hh, 0, sizeof(hh));
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			if (b != TRANSIT_ABSENT)
				add_move(&hh[F_HH_START], s, b, a);
			if (a != TRANSIT_ABSENT)
				add_move(&hh[F_HH_END], s, b, a);
		}
	for (int k = 0; k < HH_NCLASSES; k++)
	{
		add_move(&hh[F_HH_ENTERED], s, TRANSIT_ABSENT, k);
		add_move(&hh[F_HH_LEFT], s, k, TRANSIT_ABSENT);
	}
	for (int i = 0; i < F_CLASS_BLOCK; i++)
	{
		values[i] = Float8GetDatum(kahan_value(&hh[i]));
		nulls[i] = false;
	}
	class_block(s, HH_POOR, values + F_CLASS_BLOCK, nulls + F_CLASS_BLOCK);
	class_block(s, HH_NEAR_POOR, values + F_CLASS_BLOCK + B_NFIELDS,
				nulls + F_CLASS_BLOCK + B_NFIELDS);

	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * povstat.transition_matrix(transitions_state): one row per (before,
 * after) pair, 25 rows in class order with "absent" last.
 */
Datum
transitions_matrix(PG_FUNCTION_ARGS)
{
	TransitionsState *s = PG_GETARG_TRANSITSTATE(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};
			KahanSum	w = {0, 0};

			add_move(&w, s, b, a);
			values[0] = CStringGetTextDatum(transit_labels[b]);
			values[1] = CStringGetTextDatum(transit_labels[a]);
			values[2] = Float8GetDatum(kahan_value(&w));
			values[3] = Int64GetDatum(move_rows(s, b, a));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

/* The same matrix as float8[5][5] of weights (rows: before, columns: after). */
Datum
transitions_matrix_array(PG_FUNCTION_ARGS)
{
	TransitionsState *s = PG_GETARG_TRANSITSTATE(0);
	Datum		elems[TRANSIT_N * TRANSIT_N];
	int			dims[2] = {TRANSIT_N, TRANSIT_N};
	int			lbs[2] = {1, 1};

	for (int b = 0; b < TRANSIT_N; b++)
		for (int a = 0; a < TRANSIT_N; a++)
		{
			KahanSum	w = {0, 0};

			add_move(&w, s, b, a);
			elems[b * TRANSIT_N + a] = Float8GetDatum(kahan_value(&w));
		}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 2, dims, lbs,
											 FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}
