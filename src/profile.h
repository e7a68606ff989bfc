/*-------------------------------------------------------------------------
 *
 * profile.h
 *	  State of the class profile: how many households (or weighted units)
 *	  fall in each class of povstat.hh_class, and how many are unclassified.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_PROFILE_H
#define POVSTAT_PROFILE_H

#include "povstat.h"

#include "hh_class.h"

#define PROFILE_STATE_VERSION	1

/* slots: the four classes in enum order, then rows whose class is NULL */
#define PROFILE_UNCLASSIFIED	HH_NCLASSES
#define PROFILE_NSLOTS			(HH_NCLASSES + 1)

/*
 * hdr.flags: bit 0x10 = weighted; bits 0x07 = the target class of
 * class_count()/class_rate() plus 1 (0 = no target).
 */
#define PROFILE_FLAG_WEIGHTED		0x0010
#define PROFILE_TARGET_MASK			0x0007
#define PROFILE_FLAG_MASK			(PROFILE_FLAG_WEIGHTED | PROFILE_TARGET_MASK)

/*
 * Exact row counts per slot (rows with weight > 0) and, for the weighted
 * aggregates, compensated weight sums per slot.  The unweighted aggregates
 * only count rows (their weight sums stay 0): the count is the result.
 */
typedef struct ProfileState
{
	PovstatStateHeader hdr;
	int64		rows[PROFILE_NSLOTS];
	KahanSum	weight[PROFILE_NSLOTS];
} ProfileState;

#define DatumGetProfileState(d)		((ProfileState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_PROFILESTATE(n)	DatumGetProfileState(PG_GETARG_DATUM(n))

#endif							/* POVSTAT_PROFILE_H */
