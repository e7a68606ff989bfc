/*-------------------------------------------------------------------------
 *
 * programme.h
 *	  State of povstat.programme_summary: payments, exact total in đồng,
 *	  min, max and the exact set of beneficiary households.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_PROGRAMME_H
#define POVSTAT_PROGRAMME_H

#include "povstat.h"

#include "household_set.h"

#define PROGRAMME_STATE_VERSION	1
#define PROGRAMME_TYPNAME		"programme_state"

/*
 * The total is a sum of amounts >= 0 held in 128 bits: with amounts below
 * 2^63 and fewer than 2^63 payments no single pass can overflow it, and a
 * merge that would pass 2^127 - 1 is an error (22003).
 */
#ifndef HAVE_INT128
#error "povstat needs a 128-bit integer type (HAVE_INT128) for exact money totals"
#endif

/*
 * Flat form.  The beneficiary set follows as a complete household_set
 * varlena, 8-byte aligned (sizeof is a multiple of 8).
 */
typedef struct ProgrammeStateData
{
	PovstatStateHeader hdr;
	int64		payments;		/* rows with non-NULL id and amount */
	int64		min_amount;		/* 0 when payments = 0 */
	int64		max_amount;
	uint64		total_lo;		/* total, low and high 64 bits */
	uint64		total_hi;
} ProgrammeStateData;

#define PROGRAMME_SET(s) ((HouseholdSetData *) ((char *) (s) + sizeof(ProgrammeStateData)))

#endif							/* POVSTAT_PROGRAMME_H */
