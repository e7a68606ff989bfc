/*-------------------------------------------------------------------------
 *
 * radix_sort.h
 *	  Radix sort of doubles in place, carrying an optional parallel array
 *	  of weights, for the sort-based aggregates (sample.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_RADIX_SORT_H
#define POVSTAT_RADIX_SORT_H

#include "postgres.h"

/*
 * Sort y[0..n) ascending in place, moving w[i] along with y[i] when w is
 * not NULL.  Takes scratch space of at most max(65536, n / 16) rows (plus
 * a few kB of counters) in CurrentMemoryContext and frees it.  Checks
 * for interrupts.  Values must not be NaN.
 */
extern void radix_sort_doubles(double *y, double *w, size_t n);

/*
 * The order-preserving key of a double: its bits with the sign bit flipped
 * for positive numbers and all bits flipped for negative ones, so that the
 * keys order as unsigned integers exactly as the doubles do (-0.0 just
 * before +0.0).  The radix sort sorts on it; the packed flat form of a
 * sample (sample_pack.c) stores differences of it.
 */
static inline uint64
double_sort_key(double d)
{
	uint64		u;

	memcpy(&u, &d, sizeof(u));
	return (u & UINT64CONST(0x8000000000000000)) ? ~u : (u | UINT64CONST(0x8000000000000000));
}

/* The double whose double_sort_key is key. */
static inline double
double_from_sort_key(uint64 key)
{
	uint64		u = (key & UINT64CONST(0x8000000000000000)) ? (key & ~UINT64CONST(0x8000000000000000)) : ~key;
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* true when y[0..n) is non-decreasing */
extern bool doubles_are_sorted(const double *y, size_t n);

#endif							/* POVSTAT_RADIX_SORT_H */
