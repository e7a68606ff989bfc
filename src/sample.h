/*-------------------------------------------------------------------------
 *
 * sample.h
 *	  State of the sort-based aggregates: the (income, weight) pairs of a
 *	  sample, as an expanded object while aggregating and as a flat varlena
 *	  everywhere else (tables, parallel workers, text and binary I/O).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_SAMPLE_H
#define POVSTAT_SAMPLE_H

#include "povstat.h"
#include "sample_pack.h"

#include "utils/expandeddatum.h"

#define SAMPLE_STATE_VERSION	1

/* hdr.flags */
#define SAMPLE_FLAG_WEIGHTED	0x0001	/* a weight array follows the incomes */
#define SAMPLE_FLAG_SORTED		0x0002	/* incomes are in ascending order */
#define SAMPLE_FLAG_AT_LINE		0x0004	/* values are income / line (sen, sst, *_at) */
#define SAMPLE_FLAG_PARAM		0x0008	/* param holds the aggregate's constant argument */
#define SAMPLE_FLAG_MASK		0x000F
/*
 * Flat form only, never in a view or the text and binary forms: the data
 * is a packed section (sample_pack.h), and the values are sorted.
 */
#define SAMPLE_FLAG_PACKED		0x0010

/*
 * Flat form, one of two layouts:
 *	- packed (SAMPLE_FLAG_PACKED; what flattening an aggregate's state
 *	  writes, for parallel workers and tables): data holds a
 *	  SamplePackHeader and the sorted pairs, delta-encoded (sample_pack.c);
 *	- plain (what the input and receive functions build): n values, then n
 *	  weights when SAMPLE_FLAG_WEIGHTED; VARSIZE is exactly
 *	  SAMPLE_FLAT_HDRSZ + n * 8 * (1 or 2).
 * Either way nothing lies beyond the used part, so whatever copies VARSIZE
 * bytes carries every pair.  Weights are finite and >= 0 (the aggregates
 * never store a zero weight, but a state read from outside may hold one);
 * values are finite.
 */
typedef struct SampleFlat
{
	PovstatStateHeader hdr;
	int64		n;
	double		param;			/* 0 unless SAMPLE_FLAG_PARAM */
	double		data[FLEXIBLE_ARRAY_MEMBER];
} SampleFlat;

#define SAMPLE_FLAT_HDRSZ	offsetof(SampleFlat, data)

/*
 * Expanded form, the transition state while aggregating.  Lives in its
 * own memory context, a child of the aggregate context, so that the
 * executor keeps it without copying (see sample.c).  cap >= n; the arrays
 * grow by half their size, so they hold at most 1.5 times the rows: 12
 * bytes per row unweighted, 24 weighted.
 */
#define SAMPLE_MAX_RUNS		16

typedef struct SampleExpanded
{
	ExpandedObjectHeader eoh;
	uint16		flags;
	double		param;
	int64		n;
	int64		cap;
	double	   *y;
	double	   *w;				/* NULL unless SAMPLE_FLAG_WEIGHTED */
	Size		y_mapped;		/* bytes of y's own mapping, 0: palloc'd */
	Size		w_mapped;
	MemoryContextCallback unmap_callback;

	/*
	 * Unless sorted: the arrays may be known to be the concatenation of
	 * nruns ascending runs, run r ending before run_end[r] (the combine
	 * function appends sorted parts from parallel workers this way, and
	 * sorting then merges the runs instead of sorting everything).  0: no
	 * such knowledge.
	 */
	int			nruns;
	int64		run_end[SAMPLE_MAX_RUNS];

	/*
	 * Packed parts not decoded yet: copies of the flat states the combine
	 * function received (a parallel leader's parts), decoded when the rows
	 * are first needed (sample_materialize in sample.c).
	 */
	int			npending;
	SampleFlat *pending[SAMPLE_MAX_RUNS];
	Size		pending_mapped[SAMPLE_MAX_RUNS];	/* as y_mapped */
	bool		streamed;		/* a finisher has read the pending parts as a
								 * stream (sample.c, get_source) */

	/*
	 * The packed encoding planned by get_flat_size for flatten_into, valid
	 * while n and flags are those it was planned for (rows are only ever
	 * added, and adding rows or weights changes one of them).
	 */
	SamplePackPlan plan;
	int64		plan_n;			/* -1: no plan */
	uint16		plan_flags;
} SampleExpanded;

/* What the finishers read, from either form. */
typedef struct SampleView
{
	uint16		flags;
	double		param;
	int64		n;
	const double *y;
	const double *w;			/* NULL: every weight is 1 */
} SampleView;

#endif							/* POVSTAT_SAMPLE_H */
