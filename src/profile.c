/*-------------------------------------------------------------------------
 *
 * profile.c
 *	  Class profile: the number (or weighted number) of households in each
 *	  class of povstat.hh_class and its share of all households, as a
 *	  streaming aggregate over a povstat.profile_state.
 *
 * Convention (measures.md, "Vietnam's household classes": a rate is the
 * households in the class over all households in the area's register):
 *	- the total counts every row with weight > 0, including rows whose
 *	  class is NULL: a household whose class is unknown is still a
 *	  registered household.  They are reported as "unclassified" and stay
 *	  in the denominator of every rate, so the five rates sum to 1.  To
 *	  leave them out, filter them: class_profile(cls) FILTER (WHERE cls IS
 *	  NOT NULL);
 *	- the weight (e.g. members, to count persons) multiplies each row; a
 *	  NULL weight skips the row, weight 0 counts as absent;
 *	- no rows, or total weight 0, give NULL.
 *
 * Per row the unweighted aggregates do an enum-to-slot lookup (four
 * compares against values resolved once per query) and one increment; the
 * weighted ones add one compensated sum.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/htup_details.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "profile.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(profile_state_in);
PG_FUNCTION_INFO_V1(profile_state_out);
PG_FUNCTION_INFO_V1(profile_state_recv);
PG_FUNCTION_INFO_V1(profile_state_send);
PG_FUNCTION_INFO_V1(profile_accum);
PG_FUNCTION_INFO_V1(profile_target_accum);
PG_FUNCTION_INFO_V1(profile_combine);
PG_FUNCTION_INFO_V1(profile_result);
PG_FUNCTION_INFO_V1(profile_count_final);
PG_FUNCTION_INFO_V1(profile_rate_final);
PG_FUNCTION_INFO_V1(profile_count);
PG_FUNCTION_INFO_V1(profile_rate);
PG_FUNCTION_INFO_V1(profile_rows);
PG_FUNCTION_INFO_V1(profile_unclassified);
PG_FUNCTION_INFO_V1(profile_population);

#define PROFILE_TYPNAME "profile_state"

static const char *const slot_names[PROFILE_NSLOTS] = {
	"poor", "near_poor", "average", "better_off", "unclassified"
};

static ProfileState *
profile_state_new(MemoryContext cxt, uint16 flags)
{
	ProfileState *s = MemoryContextAllocZero(cxt, sizeof(ProfileState));

	SET_VARSIZE(s, sizeof(ProfileState));
	s->hdr.magic = POVSTAT_MAGIC_PROFILE;
	s->hdr.version = PROFILE_STATE_VERSION;
	s->hdr.flags = flags;
	return s;
}

static void
profile_state_validate(const ProfileState *s, bool binary)
{
	bool		weighted = (s->hdr.flags & PROFILE_FLAG_WEIGHTED) != 0;

	if ((s->hdr.flags & ~PROFILE_FLAG_MASK) != 0 ||
		(s->hdr.flags & PROFILE_TARGET_MASK) > HH_NCLASSES)
		state_value_error(PROFILE_TYPNAME, binary, psprintf("invalid flags 0x%x", s->hdr.flags));
	for (int i = 0; i < PROFILE_NSLOTS; i++)
	{
		state_check_count(PROFILE_TYPNAME, psprintf("%s_rows", slot_names[i]), s->rows[i], binary);
		state_check_sum(PROFILE_TYPNAME, slot_names[i], &s->weight[i], binary);
		if (!weighted && (s->weight[i].sum != 0 || s->weight[i].comp != 0))
			state_value_error(PROFILE_TYPNAME, binary,
							  "an unweighted profile_state has no weight sums");
		if (weighted && s->rows[i] == 0 && kahan_value(&s->weight[i]) != 0)
			state_value_error(PROFILE_TYPNAME, binary,
							  psprintf("weight without rows in class \"%s\"", slot_names[i]));
	}
}

/* Weight sums grown to infinity by huge weights must not be stored. */
static void
profile_require_finite(const ProfileState *s)
{
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		state_require_finite(PROFILE_TYPNAME, slot_names[i], &s->weight[i]);
}

Datum
profile_state_out(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);
	StringInfoData buf;

	profile_require_finite(s);
	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", s->hdr.version);
	state_text_int64(&buf, "weighted", (s->hdr.flags & PROFILE_FLAG_WEIGHTED) ? 1 : 0);
	state_text_int64(&buf, "target", s->hdr.flags & PROFILE_TARGET_MASK);
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		state_text_int64(&buf, psprintf("%s_rows", slot_names[i]), s->rows[i]);
	if (s->hdr.flags & PROFILE_FLAG_WEIGHTED)
		for (int i = 0; i < PROFILE_NSLOTS; i++)
		{
			state_text_float8(&buf, slot_names[i], s->weight[i].sum);
			state_text_float8(&buf, psprintf("%s_c", slot_names[i]), s->weight[i].comp);
		}
	state_text_end(&buf);
	PG_RETURN_CSTRING(buf.data);
}

Datum
profile_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	ProfileState *s;
	int64		weighted,
				target;

	state_reader_init(&r, str, PROFILE_TYPNAME);
	if (state_read_int64(&r, "v") != PROFILE_STATE_VERSION)
		state_text_error(&r, "unsupported profile_state version");
	weighted = state_read_int64(&r, "weighted");
	if (weighted != 0 && weighted != 1)
		state_text_error(&r, "field \"weighted\" must be 0 or 1");
	target = state_read_int64(&r, "target");
	if (target < 0 || target > HH_NCLASSES)
		state_text_error(&r, "field \"target\" must be 0 (none) or 1 to 4 (a class)");
	s = profile_state_new(CurrentMemoryContext,
						  (weighted ? PROFILE_FLAG_WEIGHTED : 0) | (uint16) target);
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		s->rows[i] = state_read_int64(&r, psprintf("%s_rows", slot_names[i]));
	if (weighted)
		for (int i = 0; i < PROFILE_NSLOTS; i++)
		{
			s->weight[i].sum = state_read_float8(&r, slot_names[i]);
			s->weight[i].comp = state_read_float8(&r, psprintf("%s_c", slot_names[i]));
		}
	state_reader_finish(&r);
	profile_state_validate(s, false);
	PG_RETURN_POINTER(s);
}

Datum
profile_state_send(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);
	StringInfoData buf;

	profile_require_finite(s);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->hdr.magic);
	pq_sendbyte(&buf, s->hdr.version);
	pq_sendint16(&buf, s->hdr.flags);
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		pq_sendint64(&buf, s->rows[i]);
	if (s->hdr.flags & PROFILE_FLAG_WEIGHTED)
		for (int i = 0; i < PROFILE_NSLOTS; i++)
		{
			pq_sendfloat8(&buf, s->weight[i].sum);
			pq_sendfloat8(&buf, s->weight[i].comp);
		}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
profile_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ProfileState *s;
	int			magic,
				version;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_PROFILE)
		state_binary_error(PROFILE_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != PROFILE_STATE_VERSION)
		state_binary_error(PROFILE_TYPNAME, psprintf("unsupported version %d", version));
	s = profile_state_new(CurrentMemoryContext, pq_getmsgint(buf, 2));
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		s->rows[i] = pq_getmsgint64(buf);
	if (s->hdr.flags & PROFILE_FLAG_WEIGHTED)
		for (int i = 0; i < PROFILE_NSLOTS; i++)
		{
			s->weight[i].sum = pq_getmsgfloat8(buf);
			s->weight[i].comp = pq_getmsgfloat8(buf);
		}
	pq_getmsgend(buf);
	profile_state_validate(s, true);
	PG_RETURN_POINTER(s);
}

/* Slot of a povstat.hh_class value; four compares, no catalog access. */
static inline int
class_slot(const HhClassMap *map, Oid value)
{
	for (int i = 0; i < HH_NCLASSES; i++)
		if (map->oids[i] == value)
			return i;
	return (int) hh_class_from_oid(map, value);	/* raises the error */
}

/*
 * One row.  Arguments after the state: cls, [target,] [weight].  A NULL
 * class counts as unclassified; a NULL target or weight skips the row.
 */
static Datum
profile_accum_common(FunctionCallInfo fcinfo, const char *funcname, bool has_target)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, funcname);
	ProfileState *state = PG_ARGISNULL(0) ? NULL : (ProfileState *) PG_GETARG_POINTER(0);
	const HhClassMap *map = hh_class_map(fcinfo->flinfo);
	int			weight_arg = has_target ? 3 : 2;
	bool		weighted = PG_NARGS() > weight_arg;
	double		w = 1;
	int			slot;

	for (int i = 2; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
		{
			if (state == NULL)
				PG_RETURN_NULL();
			PG_RETURN_POINTER(state);
		}
	if (weighted)
	{
		w = PG_GETARG_FLOAT8(weight_arg);
		povstat_check_weight(w, fcinfo);
	}
	slot = PG_ARGISNULL(1) ? PROFILE_UNCLASSIFIED : class_slot(map, PG_GETARG_OID(1));

	if (state == NULL)
	{
		uint16		flags = weighted ? PROFILE_FLAG_WEIGHTED : 0;

		if (has_target)
			flags |= class_slot(map, PG_GETARG_OID(2)) + 1;
		state = profile_state_new(aggcontext, flags);
	}
	else if (has_target &&
			 unlikely(PG_GETARG_OID(2) != map->oids[(state->hdr.flags & PROFILE_TARGET_MASK) - 1]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target class changed from \"%s\" to \"%s\" within one aggregate",
						hh_class_labels[(state->hdr.flags & PROFILE_TARGET_MASK) - 1],
						hh_class_labels[class_slot(map, PG_GETARG_OID(2))]),
				 errhint("Pass a constant target class, or use povstat.class_profile() for all classes at once.")));

	if (w == 0)
		PG_RETURN_POINTER(state);
	state->rows[slot]++;
	if (weighted)
		kahan_add(&state->weight[slot], w);
	PG_RETURN_POINTER(state);
}

Datum
profile_accum(PG_FUNCTION_ARGS)
{
	return profile_accum_common(fcinfo, "povstat.class_profile", false);
}

Datum
profile_target_accum(PG_FUNCTION_ARGS)
{
	return profile_accum_common(fcinfo, "povstat.class_count", true);
}

/*
 * Merge the second state into the first.  A weighted state (persons, say)
 * and an unweighted one (households) count different things and do not
 * merge; states for different target classes do, and the result has no
 * target of its own.
 */
Datum
profile_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(profile_state)");
	ProfileState *a,
			   *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = PG_GETARG_PROFILESTATE(1);
	if (b->hdr.magic != POVSTAT_MAGIC_PROFILE || VARSIZE(b) != sizeof(ProfileState))
		state_binary_error(PROFILE_TYPNAME, "not a profile_state");
	if (PG_ARGISNULL(0))
	{
		a = MemoryContextAlloc(aggcontext, sizeof(ProfileState));
		memcpy(a, b, sizeof(ProfileState));
		PG_RETURN_POINTER(a);
	}
	a = (ProfileState *) PG_GETARG_POINTER(0);
	if ((a->hdr.flags ^ b->hdr.flags) & PROFILE_FLAG_WEIGHTED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge a weighted profile_state with an unweighted one"),
				 errhint("Build all states to be merged with the same weight (e.g. all with members, or all without).")));
	if ((a->hdr.flags ^ b->hdr.flags) & PROFILE_TARGET_MASK)
		a->hdr.flags &= ~PROFILE_TARGET_MASK;
	for (int i = 0; i < PROFILE_NSLOTS; i++)
	{
		state_merge_count(PROFILE_TYPNAME, slot_names[i], &a->rows[i], b->rows[i]);
		state_merge_sum(PROFILE_TYPNAME, slot_names[i], &a->weight[i], &b->weight[i]);
	}
	PG_RETURN_POINTER(a);
}

/* ---- finishers ---- */

/* Weighted count of a slot (the row count when unweighted). */
static double
slot_count(const ProfileState *s, int slot)
{
	double		v;

	if (!(s->hdr.flags & PROFILE_FLAG_WEIGHTED))
		return (double) s->rows[slot];
	v = kahan_value(&s->weight[slot]);
	if (isinf(v) || isnan(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weight sum of class \"%s\" overflows", slot_names[slot]),
				 errhint("Weights must be finite; check the weight column for huge values.")));
	return v;
}

static double
profile_total(const ProfileState *s)
{
	KahanSum	t = {0, 0};

	for (int i = 0; i < PROFILE_NSLOTS; i++)
		kahan_add(&t, slot_count(s, i));
	return kahan_value(&t);
}

static int
target_of(const ProfileState *s, const char *fn)
{
	int			t = s->hdr.flags & PROFILE_TARGET_MASK;

	if (t == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this profile_state has no target class"),
				 errhint("Name the class: povstat.%s(state, 'poor').", fn)));
	return t - 1;
}

/* povstat.class_profile(profile_state): the composite class_profile_result. */
Datum
profile_result(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);
	TupleDesc	tupdesc;
	Datum		values[2 + 2 * PROFILE_NSLOTS];
	bool		nulls[2 + 2 * PROFILE_NSLOTS] = {0};
	int64		rows = 0;
	double		total = profile_total(s);

	if (total <= 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
		tupdesc->natts != lengthof(values))
		elog(ERROR, "povstat.class_profile_result does not have %d columns", (int) lengthof(values));
	tupdesc = BlessTupleDesc(tupdesc);
	for (int i = 0; i < PROFILE_NSLOTS; i++)
		if (pg_add_s64_overflow(rows, s->rows[i], &rows))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("the row count of this profile_state overflows bigint"),
					 errhint("Check the rollup for states counted repeatedly.")));
	values[0] = Int64GetDatum(rows);
	values[1] = Float8GetDatum(total);
	for (int i = 0; i < PROFILE_NSLOTS; i++)
	{
		double		c = slot_count(s, i);

		values[2 + i] = Float8GetDatum(c);
		values[2 + PROFILE_NSLOTS + i] = Float8GetDatum(c / total);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* Counts and rates are NULL when the total weight is 0 (all rows absent). */
static Datum
return_count(FunctionCallInfo fcinfo, const ProfileState *s, int slot)
{
	if (profile_total(s) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(slot_count(s, slot));
}

static Datum
return_rate(FunctionCallInfo fcinfo, const ProfileState *s, int slot)
{
	double		total = profile_total(s);

	if (total <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(slot_count(s, slot) / total);
}

/* Final functions of class_count(cls, target) and class_rate(cls, target). */
Datum
profile_count_final(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	return return_count(fcinfo, s, target_of(s, "class_count"));
}

Datum
profile_rate_final(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	return return_rate(fcinfo, s, target_of(s, "class_rate"));
}

Datum
profile_count(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	return return_count(fcinfo, s, class_slot(hh_class_map(fcinfo->flinfo), PG_GETARG_OID(1)));
}

Datum
profile_rate(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	return return_rate(fcinfo, s, class_slot(hh_class_map(fcinfo->flinfo), PG_GETARG_OID(1)));
}

Datum
profile_rows(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	PG_RETURN_INT64(s->rows[class_slot(hh_class_map(fcinfo->flinfo), PG_GETARG_OID(1))]);
}

Datum
profile_unclassified(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	return return_count(fcinfo, s, PROFILE_UNCLASSIFIED);
}

Datum
profile_population(PG_FUNCTION_ARGS)
{
	ProfileState *s = PG_GETARG_PROFILESTATE(0);

	PG_RETURN_FLOAT8(profile_total(s));
}
