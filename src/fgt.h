/*-------------------------------------------------------------------------
 *
 * fgt.h
 *	  State of the absolute-line poverty aggregates (FGT family, Watts).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_FGT_H
#define POVSTAT_FGT_H

#include "povstat.h"

#define FGT_STATE_VERSION	1

/* hdr.flags */
#define FGT_FLAG_STRICT		0x0001	/* poor means income < line, not <= */
#define FGT_FLAG_ALPHA		0x0002	/* alpha was given (general fgt()) */
#define FGT_FLAG_WATTS		0x0004	/* the watts sum is kept (costs a log per poor row) */
#define FGT_FLAG_MASK		(FGT_FLAG_STRICT | FGT_FLAG_ALPHA | FGT_FLAG_WATTS)

/*
 * Sums over the rows with weight > 0.  g = 1 - income/line is the
 * normalised gap of a poor row.  One state carries every member of the
 * family so that a rollup table stores it once and finishes it into the
 * headcount, gap, severity or Watts index later.
 */
typedef struct FgtState
{
	PovstatStateHeader hdr;
	double		alpha;			/* exponent of gap_alpha; 0 unless FGT_FLAG_ALPHA */
	int64		rows;			/* rows with weight > 0 */
	int64		poor_rows;		/* of which poor */
	int64		nonpositive_rows;	/* of which income <= 0 (outside Watts) */
	int64		negative_rows;	/* of which income < 0 (Watts undefined) */
	KahanSum	weight;			/* W */
	KahanSum	weight_positive;	/* W over income > 0 (Watts denominator) */
	KahanSum	weight_poor;	/* sum of w over poor rows */
	KahanSum	gap;			/* sum of w g */
	KahanSum	gap2;			/* sum of w g^2 */
	KahanSum	gap_alpha;		/* sum of w g^alpha */
	KahanSum	watts;			/* sum of w ln(line/income), poor rows with income > 0 */
} FgtState;

#define DatumGetFgtState(d)		((FgtState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_FGTSTATE(n)	DatumGetFgtState(PG_GETARG_DATUM(n))

#endif							/* POVSTAT_FGT_H */
