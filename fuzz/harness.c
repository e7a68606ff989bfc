/*-------------------------------------------------------------------------
 *
 * harness.c
 *	  libFuzzer entry point shared by all povstat types: feeds each input to
 *	  the type's text input function (as a NUL-terminated string) and to its
 *	  binary receive function (as a StringInfo over the bytes), the way the
 *	  server calls them, and checks what a correct type must guarantee:
 *
 *	- bad input ends in an ERROR whose SQLSTATE is one of the data-exception
 *	  or protocol codes a client can expect (22P02, 22P03, 22023, 22003,
 *	  08P01, plus the type's extra_sqlstates); an internal error (XX000,
 *	  elog), a crash or a sanitizer report is a finding;
 *	- a value accepted by either path prints, and its text reads back to
 *	  the same text and the same bytes; its binary form reads back to the
 *	  same value and the same bytes (states must round-trip exactly);
 *	- the finishers and the combine function, applied to any accepted
 *	  value, either return or raise a clean ERROR, and a combined value
 *	  prints to a text that the input function accepts (a merged rollup
 *	  must survive dump and restore);
 *	- for a target with stored_values, the input bytes are instead a value
 *	  as a table stores it: every reader returns or raises a clean ERROR,
 *	  and a value that prints passes the checks above.
 *
 * Any violation prints what happened and aborts, which libFuzzer records
 * as a crash with the input that caused it.  FUZZ_SKIP_COMBINE=1 in the
 * environment leaves out the combine check (to look past a known combine
 * bug); FUZZ_VERBOSE=1 prints every ERROR.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/memutils.h"

#include "fuzz.h"

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const default_sqlstates = "22P02 22P03 22023 22003 08P01";

static const char *
sqlstate_text(int code)
{
	static char buf[6];

	for (int i = 0; i < 5; i++)
	{
		buf[i] = PGUNSIXBIT(code);
		code >>= 6;
	}
	buf[5] = '\0';
	return buf;
}

static void
finding(const char *what)
{
	fprintf(stderr, "povstat fuzz finding [%s]: %s\n", fuzz_type.name, what);
	if (fuzz_last_error.message)
		fprintf(stderr, "  last ERROR %s: %s\n  at %s:%d (%s)\n  detail: %s\n",
				sqlstate_text(fuzz_last_error.sqlerrcode), fuzz_last_error.message,
				fuzz_last_error.filename ? fuzz_last_error.filename : "?",
				fuzz_last_error.lineno,
				fuzz_last_error.funcname ? fuzz_last_error.funcname : "?",
				fuzz_last_error.detail ? fuzz_last_error.detail : "");
	abort();
}

static void
check_sqlstate(const char *during)
{
	const char *code = sqlstate_text(fuzz_last_error.sqlerrcode);

	if (strstr(default_sqlstates, code) != NULL ||
		(fuzz_type.extra_sqlstates && strstr(fuzz_type.extra_sqlstates, code) != NULL))
	{
		if (getenv("FUZZ_VERBOSE"))
			fprintf(stderr, "%s: ERROR %s: %s (%s)\n", during, code,
					fuzz_last_error.message, fuzz_last_error.detail ? fuzz_last_error.detail : "");
		return;
	}
	finding(psprintf("%s raised an ERROR with unexpected SQLSTATE %s", during, code));
}

/*
 * Call fn as the executor would (no flinfo, no collation); false if it
 * raised an ERROR, which is then in fuzz_last_error.
 */
static bool
guarded_call_nulls(PGFunction fn, int nargs, Datum a0, Datum a1, Datum a2, bool a0_null,
				   Datum *result, bool *isnull)
{
	LOCAL_FCINFO(fcinfo, 3);
	sigjmp_buf	jb;
	sigjmp_buf *save = PG_exception_stack;
	MemoryContext save_cxt = CurrentMemoryContext;
	bool		ok;

	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a0;
	fcinfo->args[1].value = a1;
	fcinfo->args[2].value = a2;
	for (int i = 0; i < 3; i++)
		fcinfo->args[i].isnull = false;
	fcinfo->args[0].isnull = a0_null;
	memset(&fuzz_last_error, 0, sizeof(fuzz_last_error));
	if (sigsetjmp(jb, 0) == 0)
	{
		PG_exception_stack = &jb;
		*result = fn(fcinfo);
		*isnull = fcinfo->isnull;
		ok = true;
	}
	else
		ok = false;
	PG_exception_stack = save;
	CurrentMemoryContext = save_cxt;
	return ok;
}

static bool
guarded_call(PGFunction fn, int nargs, Datum a0, Datum a1, Datum a2, Datum *result, bool *isnull)
{
	return guarded_call_nulls(fn, nargs, a0, a1, a2, false, result, isnull);
}

/* Input and receive get (value, typioparam, typmod) like InputFunctionCall. */
static bool
call_in(const char *str, Datum *value)
{
	bool		isnull;

	if (!guarded_call(fuzz_type.in, 3, CStringGetDatum(str), ObjectIdGetDatum(InvalidOid),
					  Int32GetDatum(-1), value, &isnull))
		return false;
	if (isnull)
		finding("input function returned NULL for a non-NULL input");
	return true;
}

static bool
call_recv(const char *bytes, int len, Datum *value)
{
	StringInfoData buf;
	bool		isnull;
	bool		ok;

	/* exact-size copy, NUL after the end as the server guarantees */
	buf.data = palloc(len + 1);
	memcpy(buf.data, bytes, len);
	buf.data[len] = '\0';
	buf.len = len;
	buf.maxlen = len + 1;
	buf.cursor = 0;
	ok = guarded_call(fuzz_type.recv, 3, PointerGetDatum(&buf), ObjectIdGetDatum(InvalidOid),
					  Int32GetDatum(-1), value, &isnull);
	if (ok && isnull)
		finding("receive function returned NULL for a non-NULL input");
	return ok;
}

static char *
must_out(Datum value, const char *what)
{
	Datum		r;
	bool		isnull;

	if (!guarded_call(fuzz_type.out, 1, value, 0, 0, &r, &isnull) || isnull)
		finding(psprintf("output function failed on %s", what));
	return DatumGetCString(r);
}

static bytea *
must_send(Datum value, const char *what)
{
	Datum		r;
	bool		isnull;

	if (!guarded_call(fuzz_type.send, 1, value, 0, 0, &r, &isnull) || isnull)
		finding(psprintf("send function failed on %s", what));
	return DatumGetByteaPP(r);
}

static Datum
copy_value(Datum value)
{
	struct varlena *v;
	struct varlena *copy;

	if (fuzz_type.byval)
		return value;
	v = (struct varlena *) DatumGetPointer(value);
	copy = palloc(VARSIZE_ANY(v));
	memcpy(copy, v, VARSIZE_ANY(v));
	return PointerGetDatum(copy);
}

static bool
same_value(Datum a, Datum b)
{
	if (fuzz_type.byval)
		return a == b;
	return VARSIZE_ANY(DatumGetPointer(a)) == VARSIZE_ANY(DatumGetPointer(b)) &&
		memcmp(DatumGetPointer(a), DatumGetPointer(b), VARSIZE_ANY(DatumGetPointer(a))) == 0;
}

/*
 * Everything that must hold for a value the type accepted.  "how" names
 * the path that produced it.
 */
static void
check_accepted(Datum value, const char *how)
{
	char	   *text1,
			   *text2;
	Datum		v2,
				v3,
				r;
	bytea	   *bin1,
			   *bin2;
	bool		isnull;

	/* a known, reported slowness for huge values: see fuzz.h */
	if (fuzz_type.size_fn && getenv("FUZZ_STRICT") == NULL &&
		guarded_call(fuzz_type.size_fn, 1, copy_value(value), 0, 0, &r, &isnull) &&
		!isnull && DatumGetInt64(r) > fuzz_type.size_limit)
		return;

	/* text round trip */
	text1 = must_out(value, how);
	if (!call_in(text1, &v2))
		finding(psprintf("input function rejects the output \"%s\" of a value from %s", text1, how));
	text2 = must_out(v2, "re-read text");
	if (strcmp(text1, text2) != 0)
		finding(psprintf("text round trip changes \"%s\" into \"%s\"", text1, text2));
	if (!fuzz_type.noncanonical && !same_value(value, v2))
		finding(psprintf("value from %s and its text \"%s\" read back differ in their bytes",
						 how, text1));

	/* binary round trip */
	bin1 = must_send(value, how);
	if (!call_recv(VARDATA_ANY(bin1), VARSIZE_ANY_EXHDR(bin1), &v3))
		finding(psprintf("receive function rejects the send output of \"%s\"", text1));
	if (strcmp(must_out(v3, "received value"), text1) != 0)
		finding(psprintf("binary round trip changes \"%s\"", text1));
	bin2 = must_send(v3, "received value");
	if (VARSIZE_ANY(bin1) != VARSIZE_ANY(bin2) ||
		memcmp(VARDATA_ANY(bin1), VARDATA_ANY(bin2), VARSIZE_ANY_EXHDR(bin1)) != 0)
		finding(psprintf("binary round trip of \"%s\" changes the bytes", text1));

	/* finishers: a result or a clean ERROR */
	for (int i = 0; i < FUZZ_MAX_FINISHERS && fuzz_type.finishers[i]; i++)
		if (!guarded_call(fuzz_type.finishers[i], 1, copy_value(value), 0, 0, &r, &isnull))
			check_sqlstate(psprintf("finisher #%d on \"%s\"", i, text1));

	/* combine with itself, as an aggregate would; the result must be storable */
	if (fuzz_type.combine && getenv("FUZZ_SKIP_COMBINE") == NULL &&
		(fuzz_type.combine_known_issue == NULL || getenv("FUZZ_STRICT") != NULL))
	{
		bool		ok;

		fuzz_in_aggregate = true;
		ok = guarded_call(fuzz_type.combine, 2, copy_value(value), copy_value(value), 0, &r, &isnull);
		fuzz_in_aggregate = false;
		if (!ok)
			check_sqlstate(psprintf("combine of \"%s\" with itself", text1));
		else if (!isnull)
		{
			char	   *merged = must_out(r, "combined value");

			if (!call_in(merged, &v2))
				finding(psprintf("combining \"%s\" with itself gives \"%s\", which the input function rejects",
								 text1, merged));
		}
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (fuzz_type.combine_known_issue && getenv("FUZZ_STRICT") == NULL)
		fprintf(stderr, "povstat fuzz [%s]: combine not checked, known issue: %s\n",
				fuzz_type.name, fuzz_type.combine_known_issue);
	if (fuzz_type.recv_known_issue && getenv("FUZZ_STRICT") == NULL)
		fprintf(stderr, "povstat fuzz [%s]: received values not round-tripped, known issue: %s\n",
				fuzz_type.name, fuzz_type.recv_known_issue);
	if (fuzz_type.size_known_issue && getenv("FUZZ_STRICT") == NULL)
		fprintf(stderr, "povstat fuzz [%s]: values above size " INT64_FORMAT " not checked, known issue: %s\n",
				fuzz_type.name, fuzz_type.size_limit, fuzz_type.size_known_issue);
	return 0;
}

/*
 * A stored value: the bytes as the content of a varlena, MAXALIGNed as a
 * tuple's attribute is, handed to every reader.  Each must return or raise
 * a clean ERROR; a value that prints is checked like an accepted one.
 */
static void
check_stored(const uint8_t *data, size_t size)
{
	struct varlena *v = palloc(size + VARHDRSZ);
	Datum		value = PointerGetDatum(v);
	Datum		r;
	bool		isnull;
	bool		ok;

	SET_VARSIZE(v, size + VARHDRSZ);
	memcpy(VARDATA(v), data, size);
	for (int i = 0; i < FUZZ_MAX_FINISHERS && fuzz_type.finishers[i]; i++)
		if (!guarded_call(fuzz_type.finishers[i], 1, copy_value(value), 0, 0, &r, &isnull))
			check_sqlstate(psprintf("finisher #%d on a stored value", i));
	if (fuzz_type.combine)
	{
		fuzz_in_aggregate = true;
		ok = guarded_call(fuzz_type.combine, 2, copy_value(value), copy_value(value), 0, &r, &isnull);
		fuzz_in_aggregate = false;
		if (!ok)
			check_sqlstate("combine of a stored value with itself");

		/*
		 * As an aggregate over stored values merges them: the first value
		 * into a NULL state, the second into that.  Whatever the combine
		 * function kept of them must finish and print, or fail cleanly.
		 */
		fuzz_in_aggregate = true;
		ok = guarded_call_nulls(fuzz_type.combine, 2, (Datum) 0, copy_value(value), 0, true, &r, &isnull);
		if (ok && !isnull)
			ok = guarded_call(fuzz_type.combine, 2, r, copy_value(value), 0, &r, &isnull);
		fuzz_in_aggregate = false;
		if (!ok)
			check_sqlstate("merge of a stored value, twice, from a NULL state");
		else if (!isnull)
		{
			Datum		f;
			bool		fnull;

			for (int i = 0; i < FUZZ_MAX_FINISHERS && fuzz_type.finishers[i]; i++)
				if (!guarded_call(fuzz_type.finishers[i], 1, r, 0, 0, &f, &fnull))
					check_sqlstate(psprintf("finisher #%d on a merge of stored values", i));
			if (!guarded_call(fuzz_type.out, 1, r, 0, 0, &f, &fnull))
				check_sqlstate("output of a merge of stored values");
		}
	}
	if (guarded_call(fuzz_type.out, 1, copy_value(value), 0, 0, &r, &isnull))
		check_accepted(value, "storage");
	else
		check_sqlstate("output function on a stored value");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str;
	Datum		value;

	if (size > 1024 * 1024)
		return 0;

	if (fuzz_type.stored_values)
	{
		check_stored(data, size);
		fuzz_reset_memory();
		return 0;
	}

	/* text input: NUL-terminated copy, as InputFunctionCall gets it */
	str = palloc(size + 1);
	memcpy(str, data, size);
	str[size] = '\0';
	if (call_in(str, &value))
		check_accepted(value, "input");
	else
		check_sqlstate("input function");

	/* binary receive over the same bytes */
	if (call_recv((const char *) data, (int) size, &value))
	{
		if (fuzz_type.recv_known_issue == NULL || getenv("FUZZ_STRICT") != NULL)
			check_accepted(value, "receive");
	}
	else
		check_sqlstate("receive function");

	fuzz_reset_memory();
	return 0;
}
