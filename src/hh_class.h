/*-------------------------------------------------------------------------
 *
 * hh_class.h
 *	  The household classes of Vietnam's poverty standards, as C indexes
 *	  mapped to and from the values of the SQL enum povstat.hh_class.
 *
 * Enum values are OIDs assigned at CREATE EXTENSION time (and kept by
 * pg_upgrade), so C code never hard-codes them: it resolves the four
 * labels once per call site and caches the mapping in fn_extra.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_HH_CLASS_H
#define POVSTAT_HH_CLASS_H

#include "povstat.h"

typedef enum HhClass
{
	HH_POOR = 0,
	HH_NEAR_POOR,
	HH_AVERAGE,
	HH_BETTER_OFF,
	HH_NCLASSES
} HhClass;

typedef struct HhClassMap
{
	Oid			typid;			/* povstat.hh_class */
	Oid			oids[HH_NCLASSES];	/* enum value of each class */
} HhClassMap;

extern const char *const hh_class_labels[HH_NCLASSES];

/* Map cached in flinfo->fn_extra (allocated in fn_mcxt on first use). */
extern const HhClassMap *hh_class_map(FmgrInfo *flinfo);
/* For callers that keep their own cache in fn_extra and embed a map in it. */
extern void hh_class_map_init(HhClassMap *map);
extern HhClass hh_class_from_oid(const HhClassMap *map, Oid value);

static inline Oid
hh_class_to_oid(const HhClassMap *map, HhClass cls)
{
	return map->oids[cls];
}

#endif							/* POVSTAT_HH_CLASS_H */
