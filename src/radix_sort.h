/*-------------------------------------------------------------------------
 *
 * radix_sort.h
 *	  LSD radix sort of doubles, carrying an optional parallel array of
 *	  weights, for the sort-based aggregates (sample.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_RADIX_SORT_H
#define POVSTAT_RADIX_SORT_H

#include "postgres.h"

/*
 * Sort (*y)[0..n) ascending, moving (*w)[i] along with (*y)[i] when w is
 * not NULL.  *ty and *tw are scratch arrays of n elements (*tw NULL when
 * *w is); on return the pointers may have been swapped so that *y and *w
 * hold the sorted data and *ty, *tw the scratch.  Checks for interrupts
 * between passes.  Values must not be NaN.
 */
extern void radix_sort_doubles(double **y, double **w, double **ty, double **tw, size_t n);

/* true when y[0..n) is non-decreasing */
extern bool doubles_are_sorted(const double *y, size_t n);

#endif							/* POVSTAT_RADIX_SORT_H */
