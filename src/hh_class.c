/*-------------------------------------------------------------------------
 *
 * hh_class.c
 *	  Resolution of povstat.hh_class enum values for C code.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "hh_class.h"
#include "utils/syscache.h"

const char *const hh_class_labels[HH_NCLASSES] = {
	"poor", "near_poor", "average", "better_off"
};

void
hh_class_map_init(HhClassMap *map)
{
	Oid			nsp = get_namespace_oid("povstat", false);

	map->typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								 CStringGetDatum("hh_class"), ObjectIdGetDatum(nsp));
	if (!OidIsValid(map->typid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type povstat.hh_class does not exist"),
				 errhint("Reinstall the extension: DROP EXTENSION povstat; CREATE EXTENSION povstat;")));
	for (int i = 0; i < HH_NCLASSES; i++)
	{
		HeapTuple	tup = SearchSysCache2(ENUMTYPOIDNAME,
										  ObjectIdGetDatum(map->typid),
										  CStringGetDatum(hh_class_labels[i]));

		if (!HeapTupleIsValid(tup))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("povstat.hh_class has no value \"%s\"", hh_class_labels[i]),
					 errhint("Reinstall the extension: DROP EXTENSION povstat; CREATE EXTENSION povstat;")));
		map->oids[i] = ((Form_pg_enum) GETSTRUCT(tup))->oid;
		ReleaseSysCache(tup);
	}
}

const HhClassMap *
hh_class_map(FmgrInfo *flinfo)
{
	if (flinfo->fn_extra == NULL)
	{
		HhClassMap *map = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(HhClassMap));

		hh_class_map_init(map);
		flinfo->fn_extra = map;
	}
	return (const HhClassMap *) flinfo->fn_extra;
}

HhClass
hh_class_from_oid(const HhClassMap *map, Oid value)
{
	for (int i = 0; i < HH_NCLASSES; i++)
		if (map->oids[i] == value)
			return (HhClass) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("enum value %u is not a povstat.hh_class", value),
			 errhint("Pass a povstat.hh_class value such as 'poor'::povstat.hh_class.")));
	return HH_POOR;				/* keep compiler quiet */
}
