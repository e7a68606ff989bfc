/*-------------------------------------------------------------------------
 *
 * transitions.h
 *	  State of povstat.transitions: households counted by their class at
 *	  two successive reviews (poor, near-poor, average, better-off, or
 *	  absent from that review's register).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_TRANSITIONS_H
#define POVSTAT_TRANSITIONS_H

#include "povstat.h"

#include "hh_class.h"

#define TRANSIT_STATE_VERSION	1

/* hdr.flags */
#define TRANSIT_FLAG_RETURNS	0x0001	/* built with exited_before: re-entries known */
#define TRANSIT_FLAG_MASK		TRANSIT_FLAG_RETURNS

/* Row/column index of "absent from that review" after the four classes. */
#define TRANSIT_ABSENT			HH_NCLASSES
#define TRANSIT_N				(HH_NCLASSES + 1)

/* Households in one cell: exact count of rows (weight > 0) and their weight. */
typedef struct TransitCell
{
	int64		rows;
	KahanSum	weight;
} TransitCell;

/*
 * cell[b][a]: households in class b at the first review and a at the
 * second.  cell[ABSENT][ABSENT] is always empty (such a row is skipped).
 *
 * returned[b][a] holds the households of that move that had been in class
 * a at some review before the first one (re-poor, tái nghèo, when a is
 * poor; re-near-poor, tái cận nghèo, when a is near-poor); cell[b][a] then
 * holds the others, so the two are disjoint and the matrix entry is their
 * sum.  Keeping them apart (rather than returned as a subset of cell)
 * makes "newly poor" an exact sum instead of a difference of floats.
 * Only the cells where a is poor or near-poor and b is another class
 * present at the first review can have returned households
 * (transit_returned_cell); a state built without exited_before has none.
 */
typedef struct TransitionsState
{
	PovstatStateHeader hdr;
	TransitCell cell[TRANSIT_N][TRANSIT_N];
	TransitCell returned[TRANSIT_N][TRANSIT_N];
} TransitionsState;

static inline bool
transit_returned_cell(int before, int after)
{
	return (after == HH_POOR || after == HH_NEAR_POOR) &&
		before != after && before != TRANSIT_ABSENT;
}

#define DatumGetTransitionsState(d)	((TransitionsState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_TRANSITSTATE(n)	DatumGetTransitionsState(PG_GETARG_DATUM(n))

#endif							/* POVSTAT_TRANSITIONS_H */
