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
 * One income line.  "exact" is the registered value.  For float8 incomes y,
 * y <= exact holds exactly when (le ? y <= threshold : y < threshold): the
 * threshold is the double nearest the line and "le" says on which side of
 * the line it fell, so no income is misclassified by the rounding of the
 * line to double.
 */
typedef struct PovLineValue
{
	Numeric		exact;
	double		threshold;
	bool		le;
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
