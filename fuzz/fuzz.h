/*-------------------------------------------------------------------------
 *
 * fuzz.h
 *	  What a fuzz target declares about one povstat type, and what the
 *	  backend stubs (pgstub.c) share with the harness (harness.c).
 *
 * Adding a type: write fuzz/targets/<type>.c defining "fuzz_type" (see
 * targets/fgt_state.c), add seeds under fuzz/corpus/<type>/; the Makefile
 * picks both up.  If the type's code calls a server function that the stubs
 * lack, the link fails naming it: implement it in pgstub.c when the fuzzed
 * path needs it, otherwise add its name to traps.list.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_FUZZ_H
#define POVSTAT_FUZZ_H

#include "postgres.h"

#include "fmgr.h"

#define FUZZ_MAX_FINISHERS 16

typedef struct FuzzType
{
	const char *name;			/* SQL type name, for messages */
	PGFunction	in;				/* cstring -> value */
	PGFunction	out;			/* value -> cstring */
	PGFunction	recv;			/* StringInfo -> value */
	PGFunction	send;			/* value -> bytea */
	bool		byval;			/* the Datum is the value (not a varlena) */
	/* equal values may differ in bytes (e.g. CRoaring containers): compare texts only */
	bool		noncanonical;
	PGFunction	combine;		/* (value, value) -> value; NULL if none */
	/* functions of one value, called on every value accepted; NULL-ended */
	PGFunction	finishers[FUZZ_MAX_FINISHERS];
	/* SQLSTATEs besides the default ones that an ERROR may carry, "XXXXX ..." */
	const char *extra_sqlstates;
	/*
	 * A known, reported bug in the combine function: the check is skipped
	 * (with this text printed at start) until it is fixed; FUZZ_STRICT=1
	 * runs it anyway.
	 */
	const char *combine_known_issue;
	/*
	 * A known, reported slowness: values for which size_fn (a finisher
	 * returning int8) exceeds size_limit are not printed, sent or combined
	 * (the parse still runs); FUZZ_STRICT=1 checks them anyway.
	 */
	PGFunction	size_fn;
	int64		size_limit;
	const char *size_known_issue;
	/* known, reported: values only the receive function accepts are not checked */
	const char *recv_known_issue;
	/*
	 * The input is a stored value rather than text or binary I/O: its bytes,
	 * behind a varlena header, go straight to the finishers and combine (a
	 * flat form that no input function builds, e.g. a packed sample_state,
	 * which only a table or a parallel worker hands over).  Accepted values
	 * (those the output function prints) must read back from their text.
	 */
	bool		stored_values;
} FuzzType;

/* Defined by the target file. */
extern const FuzzType fuzz_type;

/* Declares a V1 function of src/ for a target file. */
#define FUZZ_FN(name) extern Datum name(PG_FUNCTION_ARGS)

/* Shared between pgstub.c and harness.c */
typedef struct FuzzError
{
	int			elevel;
	int			sqlerrcode;
	const char *filename;
	int			lineno;
	const char *funcname;
	char	   *message;
	char	   *detail;
	char	   *hint;
	char	   *context;
} FuzzError;

extern FuzzError fuzz_last_error;
extern bool fuzz_in_aggregate;
extern void fuzz_reset_memory(void);

#endif							/* POVSTAT_FUZZ_H */
