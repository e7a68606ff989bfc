/*-------------------------------------------------------------------------
 *
 * classify.c
 *	  Household classification under a registered poverty standard
 *	  (povstat.classify), the labels of the classes (povstat.label) and
 *	  monthly income per capita (povstat.monthly_income_per_capita).
 *
 * Rules (doc/classification.md; lines P <= N <= A per area, cutoff k, D
 * the number of deprivations, "at or below a line" includes the line):
 *	- rule "and" (2022 onwards): I <= P: poor if D >= k, else near-poor;
 *	  P < I <= N: near-poor (empty when N = P, as in the national
 *	  standards);
 *	- rule "or_band" (2016-2020): I <= P: poor; P < I <= N: poor if D >= k,
 *	  else near-poor;
 *	- then N < I <= A: average, and above A (or above N when the standard
 *	  has no average band): better_off.
 *
 * A standard is looked up once per call site, not per row: the resolved
 * rows live in fn_extra, keyed by name (or, for the date overloads, by
 * the period a standard covers) together with the command id and the
 * transaction start, so a query sees one consistent registry and a later
 * command of the same transaction sees its own changes.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "classify.h"
#include "deprivations.h"
#include "executor/spi.h"
#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(classify_numeric_standard);
PG_FUNCTION_INFO_V1(classify_float8_standard);
PG_FUNCTION_INFO_V1(classify_numeric_date);
PG_FUNCTION_INFO_V1(classify_float8_date);
PG_FUNCTION_INFO_V1(hh_class_label);
PG_FUNCTION_INFO_V1(monthly_income_per_capita);

#define CLASSIFY_CACHE_SIZE 8
#define NATIONAL_JURISDICTION "VN"

static const char *const area_labels[AREA_N] = {"rural", "urban"};

typedef struct ClassifyCache
{
	HhClassMap	classes;
	Oid			area_oids[AREA_N];
	Numeric		zero;
	CommandId	cid;			/* registry as seen by this command ... */
	TimestampTz xact_start;		/* ... of this transaction */
	MemoryContext cxt;			/* holds the entries; reset when stale */
	int			n;
	int			last;			/* entry that answered last */
	ResolvedStandard *entries[CLASSIFY_CACHE_SIZE];

	/*
	 * Where the standard argument is a literal (the usual 'VN-2022-2025'),
	 * the entry it resolved to, so that later rows skip the name compare;
	 * NULL until then and whenever entries are freed.  Not for parameters:
	 * PL/pgSQL passes its variables as parameters and keeps this cache
	 * across evaluations with different values.
	 */
	bool		standard_arg_stable;
	const ResolvedStandard *stable_standard;
} ClassifyCache;

/* ------------------------------------------------------------------------
 * Enum values of povstat.area
 * ------------------------------------------------------------------------
 */
static void
area_map_init(Oid *oids)
{
	Oid			nsp = get_namespace_oid("povstat", false);
	Oid			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum("area"), ObjectIdGetDatum(nsp));

	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type povstat.area does not exist"),
				 errhint("Reinstall the extension: DROP EXTENSION povstat; CREATE EXTENSION povstat;")));
	for (int i = 0; i < AREA_N; i++)
	{
		HeapTuple	tup = SearchSysCache2(ENUMTYPOIDNAME, ObjectIdGetDatum(typid),
										  CStringGetDatum(area_labels[i]));

		if (!HeapTupleIsValid(tup))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("povstat.area has no value \"%s\"", area_labels[i]),
					 errhint("Reinstall the extension: DROP EXTENSION povstat; CREATE EXTENSION povstat;")));
		oids[i] = ((Form_pg_enum) GETSTRUCT(tup))->oid;
		ReleaseSysCache(tup);
	}
}

static inline PovArea
area_from_oid(const ClassifyCache *c, Oid value)
{
	if (value == c->area_oids[AREA_RURAL])
		return AREA_RURAL;
	if (value == c->area_oids[AREA_URBAN])
		return AREA_URBAN;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("enum value %u is not a povstat.area", value),
			 errhint("Pass 'rural' or 'urban' as povstat.area.")));
	return AREA_RURAL;			/* keep compiler quiet */
}

static inline int
num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

/*
 * A numeric line and its double, the value SQL compares float8 incomes
 * with (float8 <= numeric casts the numeric to float8).
 */
static void
line_prepare(PovLineValue *line, Numeric exact)
{
	line->exact = exact;
	line->threshold = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(exact)));
}

/* ------------------------------------------------------------------------
 * Registry lookup (SPI), once per call site and key
 * ------------------------------------------------------------------------
 */
#define STANDARD_COLUMNS \
	"SELECT s.name, s.jurisdiction, s.valid_from, s.valid_to, s.rule_kind, " \
	"s.deprivation_cutoff, s.n_indicators, " \
	"s.rural_poverty_line, s.rural_near_poor_line, s.rural_average_upper, " \
	"s.urban_poverty_line, s.urban_near_poor_line, s.urban_average_upper " \
	"FROM povstat.standard s "

static Datum
spi_value(int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, isnull);
}

/* Copy the single SPI result row into a new entry in c->cxt. */
static ResolvedStandard *
entry_from_spi(ClassifyCache *c)
{
	MemoryContext old = MemoryContextSwitchTo(c->cxt);
	ResolvedStandard *e = palloc0(sizeof(ResolvedStandard));
	bool		isnull;
	Datum		v;
	char	   *rule;

	e->name = TextDatumGetCString(spi_value(1, &isnull));
	e->namelen = strlen(e->name);
	e->jurisdiction = TextDatumGetCString(spi_value(2, &isnull));
	v = spi_value(3, &isnull);
	e->valid_from = isnull ? DATEVAL_NOBEGIN : DatumGetDateADT(v);
	v = spi_value(4, &isnull);
	e->valid_to = isnull ? DATEVAL_NOEND : DatumGetDateADT(v);
	rule = TextDatumGetCString(spi_value(5, &isnull));
	e->or_band = strcmp(rule, "or_band") == 0;
	e->cutoff = DatumGetInt32(spi_value(6, &isnull));
	v = spi_value(7, &isnull);
	e->n_known = !isnull;
	e->n_indicators = isnull ? DEPRIVATIONS_MAX_POSITION : DatumGetInt32(v);
	e->has_average = true;
	for (int a = 0; a < AREA_N; a++)
		for (int l = 0; l < LINE_N; l++)
		{
			v = spi_value(8 + a * LINE_N + l, &isnull);
			if (isnull)
			{
				/* only the average bound may be NULL (table constraints) */
				e->has_average = false;
				continue;
			}
			line_prepare(&e->lines[a][l], DatumGetNumericCopy(v));
		}
	MemoryContextSwitchTo(old);
	return e;
}

/* Resolve the SPI result row into a new cache entry; call with SPI connected. */
static const ResolvedStandard *
cache_add(ClassifyCache *c)
{
	ResolvedStandard *e;

	if (c->n == CLASSIFY_CACHE_SIZE)
	{
		/* many different standards at one call site: start over */
		MemoryContextReset(c->cxt);
		c->n = 0;
		c->stable_standard = NULL;
	}
	e = entry_from_spi(c);
	c->entries[c->n] = e;
	c->last = c->n++;
	return e;
}

static char *
spi_string(const char *query)
{
	bool		isnull;
	Datum		v;

	if (SPI_execute(query, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "povstat: could not list standards");
	v = spi_value(1, &isnull);
	return isnull ? pstrdup("(none)") : TextDatumGetCString(v);
}

/* Is the standard argument (name or date) a literal of the query? */
static bool
standard_arg_is_literal(FmgrInfo *flinfo)
{
	List	   *args;

	if (flinfo->fn_expr == NULL || !IsA(flinfo->fn_expr, FuncExpr))
		return false;
	args = ((FuncExpr *) flinfo->fn_expr)->args;
	return list_length(args) > 3 && IsA(list_nth(args, 3), Const);
}

static ClassifyCache *
classify_cache(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	ClassifyCache *c = (ClassifyCache *) flinfo->fn_extra;
	CommandId	cid = GetCurrentCommandId(false);
	TimestampTz xact_start = GetCurrentTransactionStartTimestamp();

	if (unlikely(c == NULL))
	{
		MemoryContext old = MemoryContextSwitchTo(flinfo->fn_mcxt);

		c = palloc0(sizeof(ClassifyCache));
		hh_class_map_init(&c->classes);
		area_map_init(c->area_oids);
		c->zero = int64_to_numeric(0);
		c->cxt = AllocSetContextCreate(flinfo->fn_mcxt, "povstat classify cache",
									   ALLOCSET_SMALL_SIZES);
		c->cid = cid;
		c->xact_start = xact_start;
		c->standard_arg_stable = standard_arg_is_literal(flinfo);
		MemoryContextSwitchTo(old);
		flinfo->fn_extra = c;
	}
	else if (unlikely(c->cid != cid || c->xact_start != xact_start))
	{
		MemoryContextReset(c->cxt);
		c->n = 0;
		c->last = 0;
		c->stable_standard = NULL;
		c->cid = cid;
		c->xact_start = xact_start;
	}
	return c;
}

static const ResolvedStandard *
standard_by_name(ClassifyCache *c, text *name)
{
	const char *s = VARDATA_ANY(name);
	int			len = VARSIZE_ANY_EXHDR(name);
	ResolvedStandard *e;
	const ResolvedStandard *result;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];

	if (likely(c->n > 0))
	{
		e = c->entries[c->last];
		if (e->namelen == len && memcmp(e->name, s, len) == 0)
			return e;
		for (int i = 0; i < c->n; i++)
		{
			e = c->entries[i];
			if (e->namelen == len && memcmp(e->name, s, len) == 0)
			{
				c->last = i;
				return e;
			}
		}
	}

	args[0] = PointerGetDatum(name);
	SPI_connect();
	if (SPI_execute_with_args(STANDARD_COLUMNS "WHERE s.name OPERATOR(pg_catalog.=) $1",
							  1, argtypes, args, NULL, true, 2) != SPI_OK_SELECT)
		elog(ERROR, "povstat: lookup of standard failed");
	if (SPI_processed == 0)
	{
		char	   *known = spi_string("SELECT pg_catalog.string_agg(s.name, ', ' ORDER BY s.jurisdiction, "
									   "s.valid_from NULLS FIRST, s.name) FROM povstat.standard s");

		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("poverty standard \"%s\" does not exist", text_to_cstring(name)),
				 errdetail("Known standards: %s.", known),
				 errhint("Register it in povstat.standard, or pass a date (e.g. DATE '2024-06-30') to use the national standard in force that day.")));
	}
	result = cache_add(c);
	SPI_finish();
	return result;
}

static const ResolvedStandard *
standard_by_date(ClassifyCache *c, DateADT day)
{
	ResolvedStandard *e;
	const ResolvedStandard *result;
	Oid			argtypes[1] = {DATEOID};
	Datum		args[1];

	for (int i = 0; i < c->n; i++)
	{
		int			k = (c->last + i) % c->n;

		e = c->entries[k];
		if (e->valid_from <= day && day <= e->valid_to &&
			strcmp(e->jurisdiction, NATIONAL_JURISDICTION) == 0)
		{
			c->last = k;
			return e;
		}
	}

	args[0] = DateADTGetDatum(day);
	SPI_connect();
	if (SPI_execute_with_args(STANDARD_COLUMNS
							  "WHERE s.jurisdiction OPERATOR(pg_catalog.=) '" NATIONAL_JURISDICTION "' "
							  "AND pg_catalog.daterange(s.valid_from, s.valid_to, '[]') OPERATOR(pg_catalog.@>) $1",
							  1, argtypes, args, NULL, true, 2) != SPI_OK_SELECT)
		elog(ERROR, "povstat: lookup of standard failed");
	if (SPI_processed == 0)
	{
		char	   *known = spi_string("SELECT pg_catalog.string_agg(s.name || ' ' || "
									   "COALESCE(pg_catalog.to_char(s.valid_from, 'YYYY-MM-DD'), '-infinity') || ' to ' || "
									   "COALESCE(pg_catalog.to_char(s.valid_to, 'YYYY-MM-DD'), 'infinity'), ', ' "
									   "ORDER BY s.valid_from NULLS FIRST) FROM povstat.standard s "
									   "WHERE s.jurisdiction OPERATOR(pg_catalog.=) '" NATIONAL_JURISDICTION "'");

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no national poverty standard is in force on %s",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day)))),
				 errdetail("National standards (jurisdiction " NATIONAL_JURISDICTION "): %s.", known),
				 errhint("Pass a date the registry covers, or name a standard: povstat.classify(income, area, deprivations, 'VN-2016-2020').")));
	}
	result = cache_add(c);
	SPI_finish();
	return result;
}

/* ------------------------------------------------------------------------
 * Classification
 * ------------------------------------------------------------------------
 */
typedef struct Income
{
	Numeric		num;			/* NULL for float8 incomes */
	double		dbl;
} Income;

static inline bool
income_at_or_below(const Income *y, const PovLineValue *line)
{
	if (y->num != NULL)
		return num_cmp(y->num, line->exact) <= 0;
	return y->dbl <= line->threshold;
}

static inline HhClass
classify_household(const ResolvedStandard *s, PovArea area, const Income *y, Deprivations d)
{
	const PovLineValue *lines = s->lines[area];
	bool		deprived;

	if (s->n_known)
		deprivations_check_range(d, s->n_indicators, s->name);
	deprived = deprivations_count(d) >= s->cutoff;

	if (income_at_or_below(y, &lines[LINE_POVERTY]))
		return (s->or_band || deprived) ? HH_POOR : HH_NEAR_POOR;
	if (income_at_or_below(y, &lines[LINE_NEAR_POOR]))
		return (s->or_band && deprived) ? HH_POOR : HH_NEAR_POOR;
	if (s->has_average && income_at_or_below(y, &lines[LINE_AVERAGE]))
		return HH_AVERAGE;
	return HH_BETTER_OFF;
}

static void
check_numeric_income(const ClassifyCache *c, Numeric y, FunctionCallInfo fcinfo)
{
	if (unlikely(numeric_is_nan(y) || numeric_is_inf(y)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("income %s passed to %s is not a finite number",
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(y))),
						povstat_fn_name(fcinfo)),
				 errhint("Replace NaN and infinite incomes with NULL (the class is then NULL) or with a measured value.")));
	if (unlikely(num_cmp(y, c->zero) < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("income %s passed to %s is negative",
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(y))),
						povstat_fn_name(fcinfo)),
				 errhint("Household income per capita must be >= 0; bottom-code negative incomes explicitly (e.g. GREATEST(income, 0)) if that is your convention.")));
}

static void
check_float8_income(double y, FunctionCallInfo fcinfo)
{
	if (unlikely(isnan(y) || isinf(y)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("income %g passed to %s is not a finite number", y, povstat_fn_name(fcinfo)),
				 errhint("Replace NaN and infinite incomes with NULL (the class is then NULL) or with a measured value.")));
	if (unlikely(y < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("income %g passed to %s is negative", y, povstat_fn_name(fcinfo)),
				 errhint("Household income per capita must be >= 0; bottom-code negative incomes explicitly (e.g. GREATEST(income, 0)) if that is your convention.")));
}

static Datum
classify_common(FunctionCallInfo fcinfo, bool numeric_income, bool by_date)
{
	ClassifyCache *c = classify_cache(fcinfo);
	Income		y;
	PovArea		area;
	Deprivations d = PG_GETARG_DEPRIVATIONS(2);
	const ResolvedStandard *s;

	if (numeric_income)
	{
		y.num = PG_GETARG_NUMERIC(0);
		y.dbl = 0;
		check_numeric_income(c, y.num, fcinfo);
	}
	else
	{
		y.num = NULL;
		y.dbl = PG_GETARG_FLOAT8(0);
		check_float8_income(y.dbl, fcinfo);
	}
	area = area_from_oid(c, PG_GETARG_OID(1));
	if (c->stable_standard)
		s = c->stable_standard;
	else
	{
		if (by_date)
			s = standard_by_date(c, PG_GETARG_DATEADT(3));
		else
			s = standard_by_name(c, PG_GETARG_TEXT_PP(3));
		if (c->standard_arg_stable)
			c->stable_standard = s;
	}
	PG_RETURN_OID(hh_class_to_oid(&c->classes, classify_household(s, area, &y, d)));
}

Datum
classify_numeric_standard(PG_FUNCTION_ARGS)
{
	return classify_common(fcinfo, true, false);
}

Datum
classify_float8_standard(PG_FUNCTION_ARGS)
{
	return classify_common(fcinfo, false, false);
}

Datum
classify_numeric_date(PG_FUNCTION_ARGS)
{
	return classify_common(fcinfo, true, true);
}

Datum
classify_float8_date(PG_FUNCTION_ARGS)
{
	return classify_common(fcinfo, false, true);
}

/* ------------------------------------------------------------------------
 * Labels and income per capita
 * ------------------------------------------------------------------------
 */
static const char *const labels_vi[HH_NCLASSES] = {
	"hộ nghèo", "hộ cận nghèo", "hộ có mức sống trung bình", "hộ có mức sống trên trung bình"
};
static const char *const labels_en[HH_NCLASSES] = {
	"poor household", "near-poor household", "average living standard household",
	"household above the average living standard"
};

Datum
hh_class_label(PG_FUNCTION_ARGS)
{
	const HhClassMap *map = hh_class_map(fcinfo->flinfo);
	HhClass		cls = hh_class_from_oid(map, PG_GETARG_OID(0));
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(1));

	if (strcmp(lang, "vi") == 0)
		PG_RETURN_TEXT_P(cstring_to_text(labels_vi[cls]));
	if (strcmp(lang, "en") == 0)
		PG_RETURN_TEXT_P(cstring_to_text(labels_en[cls]));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("label language \"%s\" is not supported", lang),
			 errhint("Use 'vi' (Vietnamese) or 'en' (English).")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/*
 * annual / (12 * members) in one numeric division, so the result is
 * rounded once, to the scale numeric division picks (at least 16
 * significant digits); quotients that terminate within it are exact.
 */
Datum
monthly_income_per_capita(PG_FUNCTION_ARGS)
{
	Numeric		annual = PG_GETARG_NUMERIC(0);
	int32		members = PG_GETARG_INT32(1);
	char	   *shown;

	if (numeric_is_nan(annual) || numeric_is_inf(annual) ||
		DatumGetBool(DirectFunctionCall2(numeric_lt, NumericGetDatum(annual),
										 NumericGetDatum(int64_to_numeric(0)))))
	{
		shown = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(annual)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("annual household income %s is not a finite number >= 0", shown),
				 errhint("Pass the household's total income over the year (VND); use NULL when it is unknown.")));
	}
	if (members <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("household size %d is not a positive number of members", members),
				 errhint("Count the members of the household (at least 1); use NULL when it is unknown.")));
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div, NumericGetDatum(annual),
										NumericGetDatum(int64_to_numeric((int64) members * 12))));
}
