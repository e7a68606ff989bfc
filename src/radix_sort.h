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

/* true when y[0..n) is non-decreasing */
extern bool doubles_are_sorted(const double *y, size_t n);

#endif							/* POVSTAT_RADIX_SORT_H */
