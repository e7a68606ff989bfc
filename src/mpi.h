/*-------------------------------------------------------------------------
 *
 * mpi.h
 *	  State of the Alkire-Foster multidimensional poverty aggregates.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_MPI_H
#define POVSTAT_MPI_H

#include "povstat.h"

#include "deprivations.h"

#define MPI_STATE_VERSION	1

/* hdr.flags */
#define MPI_FLAG_INT		0x0001	/* mpi(deps, n_indicators, k): weights 1/n, k a count */
#define MPI_FLAG_EQUAL		0x0002	/* all indicator weights equal: cutoff on the count */
#define MPI_FLAG_WEIGHTED	0x0004	/* rows carry a weight: the KahanSums are kept */
#define MPI_FLAG_MASK		(MPI_FLAG_INT | MPI_FLAG_EQUAL | MPI_FLAG_WEIGHTED)

/* Sums of one indicator j (d_j = 1 when the row is deprived in j). */
typedef struct MpiIndicator
{
	double		weight;			/* v_j, the indicator's weight */
	int64		rows;			/* rows with d_j = 1 */
	int64		poor_rows;		/* of which multidimensionally poor */
	KahanSum	uncensored;		/* sum of w d_j (weighted states only) */
	KahanSum	censored;		/* sum of w d_j over the poor (weighted only) */
} MpiIndicator;

/*
 * Rows with weight > 0.  Unweighted states keep exact integer counts only;
 * weighted ones also compensated weight sums.  Size: header plus one
 * MpiIndicator per indicator (n <= 32), fixed for the aggregate.
 */
typedef struct MpiState
{
	PovstatStateHeader hdr;
	int32		n;				/* number of indicators, 1..32 */
	int32		k_count;		/* MPI_FLAG_EQUAL: poor iff count >= k_count */
	double		k;				/* cutoff as given (a count with MPI_FLAG_INT) */
	int64		rows;
	int64		poor_rows;
	KahanSum	weight;			/* W (weighted only) */
	KahanSum	weight_poor;	/* weight of the poor (weighted only) */
	MpiIndicator ind[FLEXIBLE_ARRAY_MEMBER];
} MpiState;

#define MPI_STATE_SIZE(n)	(offsetof(MpiState, ind) + (n) * sizeof(MpiIndicator))

#define DatumGetMpiState(d)		((MpiState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_MPISTATE(n)	DatumGetMpiState(PG_GETARG_DATUM(n))

#endif							/* POVSTAT_MPI_H */
