/*-------------------------------------------------------------------------
 *
 * classify.h
 *	  A poverty standard of povstat.standard as resolved for C code: lines
 *	  per area, kept both as exact numerics and as double thresholds, and
 *	  the classification rule.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_CLASSIFY_H
#define POVSTAT_CLASSIFY_H

#include "povstat.h"

#include "utils/date.h"
#include "utils/numeric.h"

#include "hh_class.h"

typedef enum PovArea
{
	AREA_RURAL = 0,
	AREA_URBAN,
	AREA_N
} PovArea;

typedef enum PovLine
{
	LINE_POVERTY = 0,
	LINE_NEAR_POOR,
	LINE_AVERAGE,
	LINE_N
} PovLine;

/*
 * One income line: the registered value, compared exactly with numeric
 * incomes, and the nearest double, compared with float8 incomes (as SQL's
 * float8 <= numeric does, after casting the numeric to float8).
 */
typedef struct PovLineValue
{
	Numeric		exact;
	double		threshold;
} PovLineValue;

typedef struct ResolvedStandard
{
	char	   *name;
	int			namelen;
	char	   *jurisdiction;
	DateADT		valid_from;		/* DATEVAL_NOBEGIN when open */
	DateADT		valid_to;		/* inclusive; DATEVAL_NOEND when open */
	bool		or_band;		/* rule_kind = 'or_band' (2016-2020) */
	bool		has_average;	/* average band defined */
	int			cutoff;			/* deprivations from which "deprived" */
	int			n_indicators;	/* positions allowed; 32 when unknown */
	bool		n_known;		/* n_indicators was registered */
	PovLineValue lines[AREA_N][LINE_N];
} ResolvedStandard;

#endif							/* POVSTAT_CLASSIFY_H */
