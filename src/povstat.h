/*-------------------------------------------------------------------------
 *
 * povstat.h
 *	  Declarations shared by every povstat module: input checks that every
 *	  aggregate applies to its rows, compensated summation, and the common
 *	  shape of a mergeable aggregate state.
 *
 * Every aggregate state in povstat is a varlena SQL type (never "internal")
 * so that one state serves parallel workers, Citus workers and rollup
 * tables.  Each state starts with the same small header so that input and
 * receive functions can reject a value of the wrong type or version early.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_H
#define POVSTAT_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"

#define POVSTAT_VERSION_STRING "0.1"

/*
 * Header shared by all state types.  "magic" tells one state type from
 * another (a text or binary value of fgt_state fed to mpi_state's input is
 * rejected), "version" lets a later release read older states.
 */
typedef struct PovstatStateHeader
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		magic;			/* one of POVSTAT_MAGIC_* */
	uint8		version;		/* layout version of that state type */
	uint16		flags;			/* per-type flags */
} PovstatStateHeader;

#define POVSTAT_MAGIC_FGT		0x46	/* 'F' */
#define POVSTAT_MAGIC_SAMPLE	0x53	/* 'S' */
#define POVSTAT_MAGIC_PROFILE	0x50	/* 'P' */
#define POVSTAT_MAGIC_MPI		0x4D	/* 'M' */
#define POVSTAT_MAGIC_MOMENTS	0x49	/* 'I' (inequality moments) */
#define POVSTAT_MAGIC_TRANSIT	0x54	/* 'T' */
#define POVSTAT_MAGIC_PROGRAM	0x47	/* 'G' */
#define POVSTAT_MAGIC_COVERAGE	0x43	/* 'C' */
#define POVSTAT_MAGIC_HSET		0x48	/* 'H' household_set */

/*
 * Neumaier's variant of Kahan summation.  Long sums of weights and weighted
 * incomes over tens of millions of rows lose digits with naive addition;
 * the compensation term keeps the error independent of the row count, so
 * results do not depend on row order beyond the last bit.
 */
typedef struct KahanSum
{
	double		sum;
	double		comp;
} KahanSum;

static inline void
kahan_add(KahanSum *k, double x)
{
	double		t = k->sum + x;

	if (fabs(k->sum) >= fabs(x))
		k->comp += (k->sum - t) + x;
	else
		k->comp += (x - t) + k->sum;
	k->sum = t;
}

static inline void
kahan_merge(KahanSum *into, const KahanSum *from)
{
	kahan_add(into, from->sum);
	kahan_add(into, from->comp);
}

static inline double
kahan_value(const KahanSum *k)
{
	return k->sum + k->comp;
}

/*
 * Row checks; each raises an ERROR naming the value and a hint.  They run
 * on every row of every streaming aggregate, so the test is inline and
 * only the report is a call (povstat.c).
 */
extern void povstat_report_income(double income, FunctionCallInfo fcinfo) pg_attribute_noreturn();
extern void povstat_report_negative_income(double income, FunctionCallInfo fcinfo) pg_attribute_noreturn();
extern void povstat_report_weight(double weight, FunctionCallInfo fcinfo) pg_attribute_noreturn();
extern void povstat_report_line(double line, FunctionCallInfo fcinfo) pg_attribute_noreturn();

/* Income may be any finite number here; measures needing y >= 0 check more. */
static inline void
povstat_check_income(double income, FunctionCallInfo fcinfo)
{
	if (unlikely(!isfinite(income)))
		povstat_report_income(income, fcinfo);
}

static inline void
povstat_check_nonneg_income(double income, FunctionCallInfo fcinfo)
{
	if (unlikely(!isfinite(income)))
		povstat_report_income(income, fcinfo);
	if (unlikely(income < 0))
		povstat_report_negative_income(income, fcinfo);
}

static inline void
povstat_check_weight(double weight, FunctionCallInfo fcinfo)
{
	if (unlikely(!isfinite(weight) || weight < 0))
		povstat_report_weight(weight, fcinfo);
}

static inline void
povstat_check_line(double line, FunctionCallInfo fcinfo)
{
	if (unlikely(!isfinite(line) || line <= 0))
		povstat_report_line(line, fcinfo);
}

/* "schema.name" of the calling aggregate or function; for error messages only. */
extern const char *povstat_fn_name(FunctionCallInfo fcinfo);

/* Memory context in which an aggregate's state lives; errors outside one. */
extern MemoryContext povstat_agg_context(FunctionCallInfo fcinfo, const char *funcname);

/*
 * Text form of states (state_io.c).  A state prints as
 *     (name=value,name=value,...)
 * with floats in the shortest form that reads back to the same double, so a
 * state shipped as text (Citus does that) merges to exactly the value the
 * worker had.  The reader checks each name in order and rejects anything
 * else, so a malformed or truncated text never becomes a state.
 */
typedef struct StateTextReader
{
	const char *input;			/* whole input, for messages */
	const char *pos;			/* next unread character */
	const char *typname;		/* SQL type name, for messages */
	bool		first;
} StateTextReader;

extern void state_text_begin(StringInfo out);
extern void state_text_int64(StringInfo out, const char *name, int64 value);
extern void state_text_float8(StringInfo out, const char *name, double value);
extern void state_text_end(StringInfo out);

extern void state_reader_init(StateTextReader *r, const char *input, const char *typname);
extern int64 state_read_int64(StateTextReader *r, const char *name);
extern double state_read_float8(StateTextReader *r, const char *name);
extern uint16 state_read_flag(StateTextReader *r, const char *name, uint16 flag);
extern void state_reader_finish(StateTextReader *r);
extern void state_text_error(const StateTextReader *r, const char *detail) pg_attribute_noreturn();

/* Binary form: a malformed value is an ERROR with SQLSTATE 22P03. */
extern void state_binary_error(const char *typname, const char *detail) pg_attribute_noreturn();

/* A field of a state read from outside is out of range (22P02 text, 22P03 binary). */
extern void state_value_error(const char *typname, bool binary, const char *detail) pg_attribute_noreturn();

/* Value checks used by input, receive and combine functions of states. */
extern void state_check_sum(const char *typname, const char *field, const KahanSum *k,
							bool binary);
extern void state_check_count(const char *typname, const char *field, int64 value,
							  bool binary);

/*
 * Merging states (combine functions).  A state read from a table can hold
 * any count or sum its input accepted, so the sum of two may leave the
 * range: that is an ERROR (22003), never a wrapped count or an infinite sum
 * whose text form would not read back.
 */
extern void state_merge_count(const char *typname, const char *field, int64 *into, int64 add);
extern void state_merge_sum(const char *typname, const char *field, KahanSum *into,
							const KahanSum *from);

/* A sum leaving an aggregate (output, send, finishers) must be finite. */
extern void state_require_finite(const char *typname, const char *field, const KahanSum *k);

#endif							/* POVSTAT_H */
