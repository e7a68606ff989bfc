/*-------------------------------------------------------------------------
 *
 * pgstub.c
 *	  A minimal stand-in for the parts of the PostgreSQL backend that
 *	  povstat's input, output, receive and send functions call, so that the
 *	  real C files of src/ can be linked into a libFuzzer binary without a
 *	  server.
 *
 * Fidelity matters more than brevity here: each function behaves as the
 * backend's does in the respects a parser can observe.
 *	- palloc & co. raise an ERROR for requests above MaxAllocSize, as the
 *	  backend does; every chunk is tracked and freed at the end of each
 *	  fuzz iteration (fuzz_reset_memory), like a per-call memory context
 *	  reset.  pfree really frees, so AddressSanitizer sees use after free.
 *	- ereport/elog: errstart/errfinish record level, SQLSTATE and the
 *	  formatted texts; at ERROR or above errfinish siglongjmps to
 *	  PG_exception_stack, exactly the protocol PG_TRY/PG_CATCH rely on.
 *	  Messages below ERROR are formatted (so that their arguments are
 *	  evaluated and checked) and dropped.
 *	- pq_getmsg* raise the backend's errors (08P01 protocol violation) on a
 *	  short read and on unread trailing bytes.
 *	- StringInfo grows the same way and fails at MaxAllocSize.
 * Formatting goes through PostgreSQL's own snprintf (libpgport), which
 * port.h substitutes for the C library's, as in the server.
 *
 * Server functions that the fuzzed paths must never reach (catalog and
 * SPI access, set-returning-function machinery) are not here: fuzz/
 * traps.list names them and the Makefile generates stubs that abort, so
 * reaching one shows up as a crash with the function's name.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>
#include <signal.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "nodes/memnodes.h"
#include "port/pg_bswap.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "fuzz.h"

/* ---------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------
 */

/*
 * Every chunk carries a header linking it into one list; the last field of
 * the header is the owning context, where GetMemoryChunkContext() looks
 * for it in the real allocator.
 */
typedef struct FuzzChunk
{
	struct FuzzChunk *prev;
	struct FuzzChunk *next;
	Size		size;
	MemoryContext context;
} FuzzChunk;

#define CHUNK_HDRSZ		MAXALIGN(sizeof(FuzzChunk))

static FuzzChunk chunk_list = {&chunk_list, &chunk_list, 0, NULL};

/*
 * TopMemoryContext and CacheMemoryContext outlive every call in the
 * backend (code keeps static pointers into them), so their chunks go to a
 * list that is never reset; everything else is per iteration.
 */
static FuzzChunk persistent_list = {&persistent_list, &persistent_list, 0, NULL};
static MemoryContextData fuzz_context_data;
static MemoryContextData top_context_data;
MemoryContext CurrentMemoryContext = &fuzz_context_data;
MemoryContext TopMemoryContext = &top_context_data;
MemoryContext CurTransactionContext = &fuzz_context_data;
MemoryContext TopTransactionContext = &fuzz_context_data;
MemoryContext ErrorContext = &fuzz_context_data;
MemoryContext CacheMemoryContext = &top_context_data;
MemoryContext MessageContext = &fuzz_context_data;
MemoryContext PortalContext = &fuzz_context_data;

static void *
chunk_alloc(MemoryContext cxt, Size size, int flags)
{
	FuzzChunk  *c;

	if (!((flags & MCXT_ALLOC_HUGE) ? AllocHugeSizeIsValid(size) : AllocSizeIsValid(size)))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	c = malloc(CHUNK_HDRSZ + size);
	if (c == NULL)
		abort();
	c->size = size;
	c->context = cxt;
	{
		FuzzChunk  *list = (cxt == &top_context_data) ? &persistent_list : &chunk_list;

		c->next = list->next;
		c->prev = list;
		list->next->prev = c;
		list->next = c;
	}
	if (flags & MCXT_ALLOC_ZERO)
		memset((char *) c + CHUNK_HDRSZ, 0, size);
	else
		memset((char *) c + CHUNK_HDRSZ, 0x7f, size);	/* as CLOBBER_FREED_MEMORY */
	return (char *) c + CHUNK_HDRSZ;
}

static FuzzChunk *
chunk_of(void *pointer)
{
	return (FuzzChunk *) ((char *) pointer - CHUNK_HDRSZ);
}

static void
chunk_free(FuzzChunk *c)
{
	c->prev->next = c->next;
	c->next->prev = c->prev;
	free(c);
}

/*
 * Contexts: each created context records its parent, and reset callbacks
 * are kept per context, so that MemoryContextReset/Delete run the
 * callbacks of the context and its descendants as the backend does (code
 * such as household_set frees malloc'd CRoaring bitmaps in them).  The
 * chunks themselves are all freed at the end of the iteration.
 */
typedef struct FuzzContext
{
	MemoryContextData data;		/* first: a MemoryContext points here */
	MemoryContext parent;
} FuzzContext;

typedef struct FuzzCallback
{
	MemoryContext context;
	MemoryContextCallback *cb;
	struct FuzzCallback *next;
} FuzzCallback;

static FuzzCallback *callbacks = NULL;
static int	ncontexts = 0;
static FuzzContext *contexts[1024];

static bool
context_within(MemoryContext c, MemoryContext ancestor)
{
	while (c != NULL)
	{
		MemoryContext parent = NULL;

		if (c == ancestor)
			return true;
		for (int i = 0; i < ncontexts; i++)
			if ((MemoryContext) contexts[i] == c)
				parent = contexts[i]->parent;
		c = parent;
	}
	return false;
}

/* Runs (LIFO, as the backend) and forgets the callbacks of cxt's subtree; NULL: all. */
static void
run_callbacks(MemoryContext cxt)
{
	FuzzCallback **p = &callbacks;

	while (*p)
	{
		FuzzCallback *f = *p;

		if (cxt == NULL || context_within(f->context, cxt))
		{
			*p = f->next;
			f->cb->func(f->cb->arg);
			free(f);
			p = &callbacks;		/* a callback may have registered or run others */
		}
		else
			p = &f->next;
	}
}

void
MemoryContextRegisterResetCallback(MemoryContext context, MemoryContextCallback *cb)
{
	FuzzCallback *f = malloc(sizeof(FuzzCallback));

	if (f == NULL)
		abort();
	f->context = context;
	f->cb = cb;
	f->next = callbacks;
	callbacks = f;
}

void
fuzz_reset_memory(void)
{
	run_callbacks(NULL);
	ncontexts = 0;
	while (chunk_list.next != &chunk_list)
		chunk_free(chunk_list.next);
	CurrentMemoryContext = &fuzz_context_data;
}

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, 0);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, MCXT_ALLOC_ZERO);
}

void *
MemoryContextAllocZeroAligned(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, MCXT_ALLOC_ZERO);
}

void *
MemoryContextAllocExtended(MemoryContext context, Size size, int flags)
{
	return chunk_alloc(context, size, flags);
}

void *
MemoryContextAllocHuge(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, MCXT_ALLOC_HUGE);
}

void *
palloc(Size size)
{
	return chunk_alloc(CurrentMemoryContext, size, 0);
}

void *
palloc0(Size size)
{
	return chunk_alloc(CurrentMemoryContext, size, MCXT_ALLOC_ZERO);
}

void *
palloc_extended(Size size, int flags)
{
	return chunk_alloc(CurrentMemoryContext, size, flags);
}

static void *
chunk_realloc(void *pointer, Size size, int flags)
{
	FuzzChunk  *old = chunk_of(pointer);
	void	   *p = chunk_alloc(old->context, size, flags);

	if (p == NULL)
		return NULL;
	memcpy(p, pointer, Min(old->size, size));
	chunk_free(old);
	return p;
}

void *
repalloc(void *pointer, Size size)
{
	return chunk_realloc(pointer, size, 0);
}

void *
repalloc_huge(void *pointer, Size size)
{
	return chunk_realloc(pointer, size, MCXT_ALLOC_HUGE);
}

void
pfree(void *pointer)
{
	chunk_free(chunk_of(pointer));
}

char *
MemoryContextStrdup(MemoryContext context, const char *string)
{
	Size		len = strlen(string) + 1;
	char	   *p = MemoryContextAlloc(context, len);

	memcpy(p, string, len);
	return p;
}

char *
pstrdup(const char *in)
{
	return MemoryContextStrdup(CurrentMemoryContext, in);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *p;

	len = strnlen(in, len);
	p = palloc(len + 1);
	memcpy(p, in, len);
	p[len] = '\0';
	return p;
}

/*
 * Contexts are bookkeeping-free here: everything allocated in an iteration
 * is freed at its end, whatever context it was charged to.
 */
MemoryContext
AllocSetContextCreateInternal(MemoryContext parent, const char *name,
							  Size minContextSize, Size initBlockSize, Size maxBlockSize)
{
	FuzzContext *c = MemoryContextAllocZero(parent, sizeof(FuzzContext));

	c->parent = parent;
	if (ncontexts >= lengthof(contexts))
	{
		fprintf(stderr, "fuzz: more than %d memory contexts in one input\n", (int) lengthof(contexts));
		abort();
	}
	contexts[ncontexts++] = c;
	return (MemoryContext) c;
}

void
MemoryContextReset(MemoryContext context)
{
	run_callbacks(context);
}

void
MemoryContextDelete(MemoryContext context)
{
	run_callbacks(context);
}

/* ---------------------------------------------------------------------
 * Expanded objects (utils/adt/expandeddatum.c semantics)
 * ---------------------------------------------------------------------
 */

void
EOH_init_header(ExpandedObjectHeader *eohptr, const ExpandedObjectMethods *methods,
				MemoryContext obj_context)
{
	varattrib_1b_e *ptr;

	eohptr->vl_len_ = EOH_HEADER_MAGIC;
	eohptr->eoh_methods = methods;
	eohptr->eoh_context = obj_context;
	ptr = (varattrib_1b_e *) eohptr->eoh_rw_ptr;
	SET_VARTAG_EXTERNAL(ptr, VARTAG_EXPANDED_RW);
	memcpy(ptr->va_data, &eohptr, sizeof(eohptr));
	ptr = (varattrib_1b_e *) eohptr->eoh_ro_ptr;
	SET_VARTAG_EXTERNAL(ptr, VARTAG_EXPANDED_RO);
	memcpy(ptr->va_data, &eohptr, sizeof(eohptr));
}

ExpandedObjectHeader *
DatumGetEOHP(Datum d)
{
	varattrib_1b_e *datum = (varattrib_1b_e *) DatumGetPointer(d);
	varatt_expanded ptr;

	if (!VARATT_IS_EXTERNAL_EXPANDED(datum))
	{
		fprintf(stderr, "fuzz: DatumGetEOHP on a value that is not expanded\n");
		abort();
	}
	memcpy(&ptr, VARDATA_EXTERNAL(datum), sizeof(ptr));
	return ptr.eohptr;
}

Size
EOH_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return eohptr->eoh_methods->get_flat_size(eohptr);
}

void
EOH_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	eohptr->eoh_methods->flatten_into(eohptr, result, allocated_size);
}

Datum
TransferExpandedObject(Datum d, MemoryContext new_parent)
{
	return d;
}

void
MemoryContextSetIdentifier(MemoryContext context, const char *id)
{
}

size_t
pvsnprintf(char *buf, size_t len, const char *fmt, va_list args)
{
	int			n = vsnprintf(buf, len, fmt, args);

	if (n < 0)
		elog(ERROR, "vsnprintf failed: %m with format string \"%s\"", fmt);
	if ((size_t) n >= len)
	{
		if ((size_t) n >= MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("out of memory")));
		return n + 1;
	}
	return n;
}

static char *
vformat(const char *fmt, va_list args)
{
	va_list		copy;
	int			n;
	char	   *buf;

	va_copy(copy, args);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		elog(ERROR, "vsnprintf failed: %m with format string \"%s\"", fmt);
	buf = palloc(n + 1);
	vsnprintf(buf, n + 1, fmt, args);
	return buf;
}

char *
psprintf(const char *fmt,...)
{
	va_list		args;
	char	   *s;

	va_start(args, fmt);
	s = vformat(fmt, args);
	va_end(args);
	return s;
}

/* ---------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------
 */

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;

/* The error being built, and the last one thrown (for the harness). */
static FuzzError cur_error;
FuzzError	fuzz_last_error;
static bool error_in_progress = false;

bool
errstart(int elevel, const char *domain)
{
	if (error_in_progress && elevel >= ERROR)
	{
		/* an ERROR raised while building an ERROR's message */
		fprintf(stderr, "fuzz: recursive ereport(ERROR) while reporting \"%s\"\n",
				cur_error.message ? cur_error.message : "");
		abort();
	}
	memset(&cur_error, 0, sizeof(cur_error));
	cur_error.elevel = elevel;
	/* as in the backend: ERROR and above default to XX000, others to 00000 */
	cur_error.sqlerrcode = elevel >= ERROR ? ERRCODE_INTERNAL_ERROR :
		elevel == WARNING ? ERRCODE_WARNING : ERRCODE_SUCCESSFUL_COMPLETION;
	error_in_progress = true;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	error_in_progress = false;
	cur_error.filename = filename;
	cur_error.lineno = lineno;
	cur_error.funcname = funcname;
	if (cur_error.elevel < ERROR)
		return;
	fuzz_last_error = cur_error;
	if (cur_error.elevel > ERROR || PG_exception_stack == NULL)
	{
		fprintf(stderr, "fuzz: %s at %s:%d outside a handler: %s\n",
				cur_error.elevel > ERROR ? "FATAL/PANIC" : "ERROR",
				filename, lineno, cur_error.message ? cur_error.message : "");
		abort();
	}
	siglongjmp(*PG_exception_stack, 1);
}

void
pg_re_throw(void)
{
	if (PG_exception_stack == NULL)
		abort();
	siglongjmp(*PG_exception_stack, 1);
}

void
FlushErrorState(void)
{
	memset(&fuzz_last_error, 0, sizeof(fuzz_last_error));
}

int
errcode(int sqlerrcode)
{
	cur_error.sqlerrcode = sqlerrcode;
	return 0;
}

int
geterrcode(void)
{
	return cur_error.sqlerrcode;
}

#define FORMAT_INTO(field) \
	do { \
		va_list		args; \
		va_start(args, fmt); \
		cur_error.field = vformat(fmt, args); \
		va_end(args); \
	} while (0)

int
errmsg(const char *fmt,...)
{
	FORMAT_INTO(message);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	FORMAT_INTO(message);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	FORMAT_INTO(detail);
	return 0;
}

int
errdetail_internal(const char *fmt,...)
{
	FORMAT_INTO(detail);
	return 0;
}

int
errdetail_log(const char *fmt,...)
{
	FORMAT_INTO(detail);
	return 0;
}

int
errhint(const char *fmt,...)
{
	FORMAT_INTO(hint);
	return 0;
}

int
errcontext_msg(const char *fmt,...)
{
	FORMAT_INTO(context);
	return 0;
}

int
set_errcontext_domain(const char *domain)
{
	return 0;
}

int
errposition(int cursorpos)
{
	return 0;
}

int
errhidestmt(bool hide_stmt)
{
	return 0;
}

int
errhidecontext(bool hide_ctx)
{
	return 0;
}

/* ---------------------------------------------------------------------
 * StringInfo (same growth rule and limit as the backend's)
 * ---------------------------------------------------------------------
 */

void
initStringInfo(StringInfo str)
{
	str->maxlen = 1024;
	str->data = palloc(str->maxlen);
	resetStringInfo(str);
}

StringInfo
makeStringInfo(void)
{
	StringInfo	str = palloc(sizeof(StringInfoData));

	initStringInfo(str);
	return str;
}

void
resetStringInfo(StringInfo str)
{
	str->data[0] = '\0';
	str->len = 0;
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	int			newlen;

	if (needed < 0)
		elog(ERROR, "invalid string enlargement request size: %d", needed);
	if (((Size) needed) >= (MaxAllocSize - (Size) str->len))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("out of memory"),
				 errdetail("Cannot enlarge string buffer containing %d bytes by %d more bytes.",
						   str->len, needed)));
	needed += str->len + 1;
	if (needed <= str->maxlen)
		return;
	newlen = 2 * str->maxlen;
	while (needed > newlen)
		newlen = 2 * newlen;
	if (newlen > (int) MaxAllocSize)
		newlen = (int) MaxAllocSize;
	str->data = repalloc(str->data, newlen);
	str->maxlen = newlen;
}

int
appendStringInfoVA(StringInfo str, const char *fmt, va_list args)
{
	int			avail = str->maxlen - str->len;
	size_t		nprinted;

	nprinted = pvsnprintf(str->data + str->len, (size_t) avail, fmt, args);
	if (nprinted < (size_t) avail)
	{
		str->len += (int) nprinted;
		return 0;
	}
	/* restore the terminator the truncated print overwrote */
	str->data[str->len] = '\0';
	return (int) nprinted;
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(str, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(str, needed);
	}
}

void
appendBinaryStringInfo(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

void
appendBinaryStringInfoNT(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	appendBinaryStringInfo(str, s, strlen(s));
}

void
appendStringInfoChar(StringInfo str, char ch)
{
	if (str->len + 1 >= str->maxlen)
		enlargeStringInfo(str, 1);
	str->data[str->len] = ch;
	str->len++;
	str->data[str->len] = '\0';
}

void
appendStringInfoSpaces(StringInfo str, int count)
{
	if (count > 0)
	{
		enlargeStringInfo(str, count);
		memset(str->data + str->len, ' ', count);
		str->len += count;
		str->data[str->len] = '\0';
	}
}

/* ---------------------------------------------------------------------
 * Binary send/receive (libpq/pqformat.c semantics)
 * ---------------------------------------------------------------------
 */

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	/* room for the varlena header, filled in by pq_endtypsend */
	appendStringInfoSpaces(buf, VARHDRSZ);
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	Assert(buf->len >= VARHDRSZ);
	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendbytes(StringInfo buf, const char *data, int datalen)
{
	appendBinaryStringInfo(buf, data, datalen);
}

void
pq_sendstring(StringInfo buf, const char *str)
{
	appendBinaryStringInfo(buf, str, strlen(str) + 1);
}

void
pq_sendtext(StringInfo buf, const char *str, int slen)
{
	appendBinaryStringInfo(buf, str, slen);
}

void
pq_sendfloat4(StringInfo buf, float4 f)
{
	union
	{
		float4		f;
		uint32		i;
	}			swap;

	swap.f = f;
	pq_sendint32(buf, swap.i);
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.f = f;
	pq_sendint64(buf, swap.i);
}

int
pq_getmsgbyte(StringInfo msg)
{
	if (msg->cursor >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("no data left in message")));
	return (unsigned char) msg->data[msg->cursor++];
}

void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
{
	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	memcpy(buf, &msg->data[msg->cursor], datalen);
	msg->cursor += datalen;
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
	const char *result;

	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	result = &msg->data[msg->cursor];
	msg->cursor += datalen;
	return result;
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	unsigned char n8;
	uint16		n16;
	uint32		n32;

	switch (b)
	{
		case 1:
			pq_copymsgbytes(msg, (char *) &n8, 1);
			return n8;
		case 2:
			pq_copymsgbytes(msg, (char *) &n16, 2);
			return pg_ntoh16(n16);
		case 4:
			pq_copymsgbytes(msg, (char *) &n32, 4);
			return pg_ntoh32(n32);
		default:
			elog(ERROR, "unsupported integer size %d", b);
	}
	return 0;
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		n64;

	pq_copymsgbytes(msg, (char *) &n64, sizeof(n64));
	return pg_ntoh64(n64);
}

float4
pq_getmsgfloat4(StringInfo msg)
{
	union
	{
		float4		f;
		uint32		i;
	}			swap;

	swap.i = pq_getmsgint(msg, 4);
	return swap.f;
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.i = pq_getmsgint64(msg);
	return swap.f;
}

const char *
pq_getmsgstring(StringInfo msg)
{
	char	   *str = &msg->data[msg->cursor];
	int			slen = strlen(str);

	/* the backend relies on data[len] == '\0'; so does this */
	if (msg->cursor + slen >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid string in message")));
	msg->cursor += slen + 1;
	return str;
}

void
pq_getmsgend(StringInfo msg)
{
	if (msg->cursor != msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid message format")));
}

/* ---------------------------------------------------------------------
 * fmgr, varlena and text helpers
 * ---------------------------------------------------------------------
 */

/*
 * Values reach the fuzzed functions only from the harness, never from
 * disk: a short (1-byte) header is expanded as the backend does; toast
 * pointers and compressed values cannot occur and abort.
 */
struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(datum))
	{
		/* flatten, as heap_tuple_fetch_attr does */
		ExpandedObjectHeader *eoh = DatumGetEOHP(PointerGetDatum(datum));
		Size		size = EOH_get_flat_size(eoh);
		struct varlena *result = palloc(size);

		EOH_flatten_into(eoh, result, size);
		return result;
	}
	if (VARATT_IS_EXTERNAL(datum) || VARATT_IS_COMPRESSED(datum))
	{
		fprintf(stderr, "fuzz: toasted datum reached pg_detoast_datum\n");
		abort();
	}
	if (VARATT_IS_SHORT(datum))
	{
		Size		data_size = VARSIZE_SHORT(datum) - VARHDRSZ_SHORT;
		struct varlena *result = palloc(data_size + VARHDRSZ);

		SET_VARSIZE(result, data_size + VARHDRSZ);
		memcpy(VARDATA(result), VARDATA_SHORT(datum), data_size);
		return result;
	}
	return datum;
}

struct varlena *
pg_detoast_datum_copy(struct varlena *datum)
{
	struct varlena *d = pg_detoast_datum(datum);

	if (d == datum)
	{
		d = palloc(VARSIZE(datum));
		memcpy(d, datum, VARSIZE(datum));
	}
	return d;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	if (VARATT_IS_EXTERNAL(datum) || VARATT_IS_COMPRESSED(datum))
		return pg_detoast_datum(datum);
	return datum;
}

text *
cstring_to_text_with_len(const char *s, int len)
{
	text	   *result = palloc(len + VARHDRSZ);

	SET_VARSIZE(result, len + VARHDRSZ);
	memcpy(VARDATA(result), s, len);
	return result;
}

text *
cstring_to_text(const char *s)
{
	return cstring_to_text_with_len(s, strlen(s));
}

char *
text_to_cstring(const text *t)
{
	text	   *tunpacked = (text *) pg_detoast_datum_packed(unconstify(text *, t));
	int			len = VARSIZE_ANY_EXHDR(tunpacked);
	char	   *result = palloc(len + 1);

	memcpy(result, VARDATA_ANY(tunpacked), len);
	result[len] = '\0';
	return result;
}

Datum
DirectFunctionCall1Coll(PGFunction func, Oid collation, Datum arg1)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, 1, collation, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	result = (*func) (fcinfo);
	if (fcinfo->isnull)
		elog(ERROR, "function %p returned NULL", (void *) func);
	return result;
}

Datum
DirectFunctionCall2Coll(PGFunction func, Oid collation, Datum arg1, Datum arg2)
{
	LOCAL_FCINFO(fcinfo, 2);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, 2, collation, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = arg2;
	fcinfo->args[1].isnull = false;
	result = (*func) (fcinfo);
	if (fcinfo->isnull)
		elog(ERROR, "function %p returned NULL", (void *) func);
	return result;
}

Datum
DirectFunctionCall3Coll(PGFunction func, Oid collation, Datum arg1, Datum arg2, Datum arg3)
{
	LOCAL_FCINFO(fcinfo, 3);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, 3, collation, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = arg2;
	fcinfo->args[1].isnull = false;
	fcinfo->args[2].value = arg3;
	fcinfo->args[2].isnull = false;
	result = (*func) (fcinfo);
	if (fcinfo->isnull)
		elog(ERROR, "function %p returned NULL", (void *) func);
	return result;
}

/* ---------------------------------------------------------------------
 * Aggregate call context and catalog names
 * ---------------------------------------------------------------------
 */

/*
 * The harness calls combine functions "as an aggregate" (fuzz_in_aggregate
 * set); states then live in the one fuzz context.
 */
bool		fuzz_in_aggregate = false;

int
AggCheckCallContext(FunctionCallInfo fcinfo, MemoryContext *aggcontext)
{
	if (!fuzz_in_aggregate)
	{
		if (aggcontext)
			*aggcontext = NULL;
		return 0;
	}
	if (aggcontext)
		*aggcontext = CurrentMemoryContext;
	return 1;					/* AGG_CONTEXT_AGGREGATE */
}

/* No AggState here: as the server answers outside an Agg node. */
bool
AggStateIsShared(FunctionCallInfo fcinfo)
{
	return true;
}

struct Aggref *
AggGetAggref(FunctionCallInfo fcinfo)
{
	return NULL;
}

/* No catalog: names are unknown, which callers turn into a generic text. */
char *
get_func_name(Oid funcid)
{
	return NULL;
}

Oid
get_func_namespace(Oid funcid)
{
	return InvalidOid;
}

char *
get_namespace_name(Oid nspid)
{
	return NULL;
}

/* Interrupts never arrive in the fuzzer. */
volatile sig_atomic_t InterruptPending = false;
volatile uint32 InterruptHoldoffCount = 0;
volatile uint32 CritSectionCount = 0;

void
ProcessInterrupts(void)
{
}
