/*-------------------------------------------------------------------------
 *
 * povstat.c
 *	  Module entry point, povstat.version(), and the row checks that every
 *	  aggregate applies before a value reaches its state.
 *
 * The checks live here rather than in each statistic's file so that every
 * aggregate rejects the same inputs with the same SQLSTATE and wording;
 * the bad-input matrix in doc/bad-input.md describes them once.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(povstat_version);

/*
 * povstat.version() - the version of the loaded shared library, which can
 * differ from pg_extension.extversion between "make install" and
 * "ALTER EXTENSION povstat UPDATE".
 */
Datum
povstat_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(POVSTAT_VERSION_STRING));
}

/*
 * Name of the aggregate (or function) being evaluated, for messages.  It is
 * looked up only when an error is about to be raised, so the row path pays
 * nothing for it.
 */
const char *
povstat_fn_name(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	Oid			fn = InvalidOid;
	char	   *name;

	if (aggref != NULL)
		fn = aggref->aggfnoid;
	else if (fcinfo->flinfo != NULL)
		fn = fcinfo->flinfo->fn_oid;
	if (!OidIsValid(fn) || (name = get_func_name(fn)) == NULL)
		return "a povstat function";
	return psprintf("%s.%s", get_namespace_name(get_func_namespace(fn)), name);
}

/*
 * The error reports of the inline row checks in povstat.h: one message
 * shape, "<what> <value> passed to <function> <must be>", each with its hint.
 */
static void report_row_value(const char *what, double value, const char *must,
							 const char *hint, FunctionCallInfo fcinfo) pg_attribute_noreturn();

static void
report_row_value(const char *what, double value, const char *must,
				 const char *hint, FunctionCallInfo fcinfo)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %g passed to %s %s", what, value, povstat_fn_name(fcinfo), must),
			 errhint("%s", hint)));
	pg_unreachable();
}

void
povstat_report_income(double income, FunctionCallInfo fcinfo)
{
	report_row_value("income", income, "is not a finite number",
					 "Replace NaN and infinite incomes with NULL (the row is then skipped) or with a measured value.",
					 fcinfo);
}

void
povstat_report_negative_income(double income, FunctionCallInfo fcinfo)
{
	report_row_value("income", income, "is negative",
					 "This measure is defined for incomes >= 0; filter negative incomes out or bottom-code them explicitly before aggregating.",
					 fcinfo);
}

void
povstat_report_weight(double weight, FunctionCallInfo fcinfo)
{
	report_row_value("weight", weight, "is not a finite number >= 0",
					 "Weights must be finite and non-negative; a weight of 0 makes the row count as absent.",
					 fcinfo);
}

void
povstat_report_line(double line, FunctionCallInfo fcinfo)
{
	report_row_value("poverty line", line, "is not a finite number > 0",
					 "Pass the line in the same unit as the income, e.g. 1500000 VND per person per month.",
					 fcinfo);
}

/*
 * The state of a povstat aggregate is allocated in, and updated in place
 * in, the aggregate's own memory context; being called as a plain function
 * is a misuse we reject rather than guess at.
 */
MemoryContext
povstat_agg_context(FunctionCallInfo fcinfo, const char *funcname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called as part of an aggregate", povstat_fn_name(fcinfo)),
				 errhint("Call the aggregate that uses it instead of the support function.")));
	return aggcontext;
}
