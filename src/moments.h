/*-------------------------------------------------------------------------
 *
 * moments.h
 *	  State of the inequality moments: generalised entropy GE(alpha), Theil,
 *	  mean log deviation and Atkinson, all computable from weighted power
 *	  and log sums of the incomes (measures.md, "Inequality").
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_MOMENTS_H
#define POVSTAT_MOMENTS_H

#include "povstat.h"

#define MOMENTS_STATE_VERSION	1

/* hdr.flags */
#define MOM_FLAG_LOG		0x0001	/* wlog and wylog are kept (a log per row) */
#define MOM_FLAG_POW		0x0002	/* wpow = sum of w y^power over y > 0 is kept */
#define MOM_FLAG_GE			0x0004	/* param is a GE alpha */
#define MOM_FLAG_ATKINSON	0x0008	/* param is an Atkinson epsilon */
#define MOM_FLAG_MASK		(MOM_FLAG_LOG | MOM_FLAG_POW | MOM_FLAG_GE | MOM_FLAG_ATKINSON)

/*
 * Sums over the rows with weight > 0 (incomes are >= 0; negative ones are
 * rejected row by row).  Measures undefined at y = 0 use the "positive"
 * subset: weight_positive, and wy, which is the same over both subsets
 * because a zero income adds exactly 0 to it.  Only the sums a result
 * aggregate needs are kept (a log or pow per row costs more than the rest
 * of the row); the state-producing aggregates keep them all.
 */
typedef struct MomentsState
{
	PovstatStateHeader hdr;
	double		param;			/* alpha (GE) or epsilon (Atkinson); else 0 */
	double		power;			/* exponent of wpow: alpha, or 1 - epsilon */
	int64		rows;			/* rows with weight > 0 */
	int64		positive_rows;	/* of which income > 0 */
	KahanSum	weight;			/* W */
	KahanSum	weight_positive;	/* W over y > 0 */
	KahanSum	wy;				/* sum of w y */
	KahanSum	wy2;			/* sum of w y^2 (GE(2)) */
	KahanSum	wlog;			/* sum over y > 0 of w ln y (signed) */
	KahanSum	wylog;			/* sum over y > 0 of w y ln y (signed) */
	KahanSum	wpow;			/* sum over y > 0 of w y^power */
} MomentsState;

#define DatumGetMomentsState(d)		((MomentsState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_MOMENTSSTATE(n)	DatumGetMomentsState(PG_GETARG_DATUM(n))

#endif							/* POVSTAT_MOMENTS_H */
