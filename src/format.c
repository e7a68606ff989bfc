/*-------------------------------------------------------------------------
 *
 * format.c
 *	  Report formatting in Vietnamese and English conventions:
 *	  povstat.format_number, format_percent and format_money.
 *
 * Vietnamese writes "98.623" for ninety-eight thousand six hundred and
 * twenty-three and "4,69" for four point six nine: "." groups thousands
 * and "," marks decimals; English does the opposite.  Numbers are rounded
 * half away from zero (numeric's round(), the rule Vietnamese statistical
 * reports use) before formatting, exactly: the value stays a numeric, no
 * float is involved, so huge and long values format digit for digit.
 * Formatting does not depend on lc_numeric or any other setting, so the
 * functions are IMMUTABLE.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(povstat_format_number);
PG_FUNCTION_INFO_V1(povstat_format_percent);
PG_FUNCTION_INFO_V1(povstat_format_money);

#define FORMAT_MAX_DECIMALS 100

typedef struct NumberStyle
{
	char		group;			/* thousands separator */
	char		decimal;		/* decimal mark */
	bool		vi;
} NumberStyle;

static NumberStyle
style_for(text *lang)
{
	char	   *l = text_to_cstring(lang);
	NumberStyle st;

	if (strcmp(l, "vi") == 0)
	{
		st.group = '.';
		st.decimal = ',';
		st.vi = true;
	}
	else if (strcmp(l, "en") == 0)
	{
		st.group = ',';
		st.decimal = '.';
		st.vi = false;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown report language \"%s\"", l),
				 errhint("Use 'vi' (98.623; 4,69) or 'en' (98,623; 4.69).")));
	return st;
}

/* Round half away from zero to "decimals" places and write with separators. */
static void
format_numeric(StringInfo out, Numeric value, int decimals, NumberStyle st)
{
	Numeric		rounded;
	char	   *digits;
	char	   *p;
	char	   *point;
	int			intlen;
	bool		negative;
	bool		allzero = true;

	if (numeric_is_nan(value) || numeric_is_inf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot format %s as a report number",
						numeric_is_nan(value) ? "NaN" : "an infinite value"),
				 errhint("Pass a finite value, or NULL to get NULL.")));
	if (decimals < 0 || decimals > FORMAT_MAX_DECIMALS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of decimals %d is outside 0..%d", decimals, FORMAT_MAX_DECIMALS),
				 errhint("Reports use 0 to 2 decimals.")));

	/* numeric round(): half away from zero, result scale = decimals */
	rounded = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(value),
												  Int32GetDatum(decimals)));
	digits = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(rounded)));
	negative = (digits[0] == '-');
	p = negative ? digits + 1 : digits;
	for (char *q = p; *q; q++)
		if (*q >= '1' && *q <= '9')
			allzero = false;
	point = strchr(p, '.');
	intlen = point ? (int) (point - p) : (int) strlen(p);

	if (negative && !allzero)	/* no "-0" */
		appendStringInfoChar(out, '-');
	for (int i = 0; i < intlen; i++)
	{
		if (i > 0 && (intlen - i) % 3 == 0)
			appendStringInfoChar(out, st.group);
		appendStringInfoChar(out, p[i]);
	}
	if (point)
	{
		appendStringInfoChar(out, st.decimal);
		appendStringInfoString(out, point + 1);
	}
}

/* povstat.format_number(value numeric, decimals int, lang text) */
Datum
povstat_format_number(PG_FUNCTION_ARGS)
{
	StringInfoData out;

	initStringInfo(&out);
	format_numeric(&out, PG_GETARG_NUMERIC(0), PG_GETARG_INT32(1), style_for(PG_GETARG_TEXT_PP(2)));
	PG_RETURN_TEXT_P(cstring_to_text(out.data));
}

/* povstat.format_percent(value numeric, decimals int, lang text): value in percent */
Datum
povstat_format_percent(PG_FUNCTION_ARGS)
{
	StringInfoData out;

	initStringInfo(&out);
	format_numeric(&out, PG_GETARG_NUMERIC(0), PG_GETARG_INT32(1), style_for(PG_GETARG_TEXT_PP(2)));
	appendStringInfoChar(&out, '%');
	PG_RETURN_TEXT_P(cstring_to_text(out.data));
}

/*
 * povstat.format_money(amount numeric, unit text, lang text, decimals int):
 * amount in đồng, shown in đồng, triệu đồng (10^6) or tỷ đồng (10^9).
 * The scaling multiplies by 10^-6 or 10^-9, which numeric does exactly, so
 * the only rounding is the final one (division could round first).
 */
Datum
povstat_format_money(PG_FUNCTION_ARGS)
{
	Numeric		amount = PG_GETARG_NUMERIC(0);
	char	   *unit = text_to_cstring(PG_GETARG_TEXT_PP(1));
	NumberStyle st = style_for(PG_GETARG_TEXT_PP(2));
	int			decimals = PG_GETARG_INT32(3);
	const char *factor;
	const char *label;
	StringInfoData out;

	if (strcmp(unit, "đồng") == 0 || strcmp(unit, "dong") == 0)
	{
		factor = NULL;
		label = st.vi ? "đồng" : "VND";
	}
	else if (strcmp(unit, "triệu đồng") == 0 || strcmp(unit, "trieu dong") == 0)
	{
		factor = "0.000001";
		label = st.vi ? "triệu đồng" : "million VND";
	}
	else if (strcmp(unit, "tỷ đồng") == 0 || strcmp(unit, "ty dong") == 0)
	{
		factor = "0.000000001";
		label = st.vi ? "tỷ đồng" : "billion VND";
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown money unit \"%s\"", unit),
				 errhint("Use 'đồng', 'triệu đồng' (millions) or 'tỷ đồng' (billions); the amount is in đồng.")));

	if (factor != NULL && !numeric_is_nan(amount) && !numeric_is_inf(amount))
		amount = DatumGetNumeric(DirectFunctionCall2(numeric_mul, NumericGetDatum(amount),
													 DirectFunctionCall3(numeric_in, CStringGetDatum(factor),
																		 ObjectIdGetDatum(InvalidOid),
																		 Int32GetDatum(-1))));
	initStringInfo(&out);
	format_numeric(&out, amount, decimals, st);
	appendStringInfoChar(&out, ' ');
	appendStringInfoString(&out, label);
	PG_RETURN_TEXT_P(cstring_to_text(out.data));
}
