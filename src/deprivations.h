/*-------------------------------------------------------------------------
 *
 * deprivations.h
 *	  povstat.deprivations: the set of indicators of a poverty standard in
 *	  which a household is deprived, as a 32-bit mask passed by value.
 *
 * Position i (1-based, 1..32) is bit i - 1.  Every uint32 is a valid value,
 * so C code (classify.c, the Alkire-Foster aggregates) reads a datum with
 * DatumGetDeprivations() and tests bits without any validation; values
 * coming from outside are checked by the input, receive and constructor
 * functions in deprivations.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_DEPRIVATIONS_H
#define POVSTAT_DEPRIVATIONS_H

#include "povstat.h"

#include "port/pg_bitutils.h"

typedef uint32 Deprivations;

#define DEPRIVATIONS_MAX_POSITION	32

#define DatumGetDeprivations(X)		((Deprivations) DatumGetUInt32(X))
#define DeprivationsGetDatum(X)		UInt32GetDatum(X)
#define PG_GETARG_DEPRIVATIONS(n)	DatumGetDeprivations(PG_GETARG_DATUM(n))
#define PG_RETURN_DEPRIVATIONS(x)	return DeprivationsGetDatum(x)

/* The one-element set {pos}; pos must be in 1..32. */
static inline Deprivations
deprivations_bit(int pos)
{
	Assert(pos >= 1 && pos <= DEPRIVATIONS_MAX_POSITION);
	return ((Deprivations) 1) << (pos - 1);
}

/* Is position pos (1..32) in the set? */
static inline bool
deprivations_has(Deprivations d, int pos)
{
	return (d & deprivations_bit(pos)) != 0;
}

/* Number of indicators in the set (the deprivation count). */
static inline int
deprivations_count(Deprivations d)
{
	return d == 0 ? 0 : pg_popcount32(d);
}

/* Highest position in the set, 0 for the empty set. */
static inline int
deprivations_max_position(Deprivations d)
{
	return d == 0 ? 0 : pg_leftmost_one_pos32(d) + 1;
}

/*
 * Raise 22023 when d holds a position above n_indicators (the number of
 * indicators of the standard named std_name); deprivations.c.
 */
extern void deprivations_check_range(Deprivations d, int n_indicators,
									 const char *std_name);

#endif							/* POVSTAT_DEPRIVATIONS_H */
