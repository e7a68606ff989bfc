/*-------------------------------------------------------------------------
 *
 * household_set.c
 *	  povstat.household_set: an exact set of household ids (bigint >= 0)
 *	  on CRoaring, with the aggregates that build and merge it, set algebra,
 *	  membership, and validated text and binary forms.
 *
 * Why the aggregate state is an expanded object
 * ----------------------------------------------
 * povstat's rule is that every aggregate state is a povstat varlena type, so
 * that parallel workers, Citus and rollup tables can carry it.  A roaring
 * bitmap, though, is a web of malloc'd containers: rebuilding a varlena on
 * every row would cost O(set) per row.  Two designs were weighed:
 *
 *	(a) the state Datum is a read/write expanded object
 *		(utils/expandeddatum.h) whose private memory context holds the live
 *		bitmaps.  nodeAgg keeps such a transition value as is when its
 *		context is a child of the aggregate context (ExecAggTransReparent),
 *		hands it back to the transition function on the next row, makes it
 *		read-only when it becomes the result, and whenever the value has to
 *		be stored in a tuple (partial aggregation in a parallel worker, a
 *		rollup table, datumCopy) PostgreSQL calls our flatten method, which
 *		writes the portable serialization.  The state therefore carries its
 *		data everywhere a flat value would.
 *	(b) a varlena with a plain array of buffered ids, folded into a
 *		serialized bitmap every N rows: each fold deserializes and
 *		reserializes the whole set, O(set) every N rows, and the buffer
 *		grows the state for every group of a hash aggregate.
 *
 * (a) is what array_append does for arrays, costs one roaring_bitmap_add
 * per row, and is what this file implements.  The bitmaps are freed by a
 * reset callback on the object's memory context, so they go away with the
 * aggregate context, on ERROR too.  Functions that only read a set accept
 * both forms.
 *
 * Negative ids are rejected: household ids are register numbers, and the
 * text form's ranges ("5-9") stay unambiguous.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include "household_set.h"

#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(household_set_in);
PG_FUNCTION_INFO_V1(household_set_out);
PG_FUNCTION_INFO_V1(household_set_recv);
PG_FUNCTION_INFO_V1(household_set_send);
PG_FUNCTION_INFO_V1(household_set_from_bytea);
PG_FUNCTION_INFO_V1(household_set_to_bytea);
PG_FUNCTION_INFO_V1(household_set_accum);
PG_FUNCTION_INFO_V1(household_set_union_accum);
PG_FUNCTION_INFO_V1(household_set_cardinality);
PG_FUNCTION_INFO_V1(household_set_union);
PG_FUNCTION_INFO_V1(household_set_intersection);
PG_FUNCTION_INFO_V1(household_set_difference);
PG_FUNCTION_INFO_V1(household_set_contains_id);
PG_FUNCTION_INFO_V1(household_set_id_contained);
PG_FUNCTION_INFO_V1(household_set_contains_set);
PG_FUNCTION_INFO_V1(household_set_contained_set);
PG_FUNCTION_INFO_V1(household_set_eq);
PG_FUNCTION_INFO_V1(household_set_ne);
PG_FUNCTION_INFO_V1(household_set_members);

/* the largest range one text element may name: one full bucket */
#define HSET_MAX_RANGE	((uint64) 1 << 32)

/* ----------------------------------------------------------------
 * Live form
 * ----------------------------------------------------------------
 */

static void
hset_core_callback(void *arg)
{
	hset_core_free((HsetCore *) arg);
}

/* c must live in cxt (the callback struct is inside it). */
void
hset_core_init(HsetCore *c, MemoryContext cxt)
{
	c->cxt = cxt;
	c->nbuckets = 0;
	c->capacity = 0;
	c->last = -1;
	c->sized = false;
	c->buckets = NULL;
	c->pending = NULL;
	c->npending = 0;
	c->pending_cap = 0;
	c->cb.func = hset_core_callback;
	c->cb.arg = c;
	MemoryContextRegisterResetCallback(cxt, &c->cb);
}

static HsetCore *
hset_core_create(MemoryContext cxt)
{
	HsetCore   *c = MemoryContextAlloc(cxt, sizeof(HsetCore));

	hset_core_init(c, cxt);
	return c;
}

/* Free the bitmaps now; the reset callback then finds nothing to do. */
void
hset_core_free(HsetCore *c)
{
	for (int i = 0; i < c->nbuckets; i++)
		roaring_bitmap_free(c->buckets[i].bm);
	c->nbuckets = 0;
	c->npending = 0;
	c->last = -1;
	c->sized = false;
}

/* Room for n more buckets; called before any bitmap is created so that a
 * failing palloc never strands a malloc'd bitmap outside the core. */
static void
hset_core_reserve(HsetCore *c, int n)
{
	int			need = c->nbuckets + n;

	if (need <= c->capacity)
		return;
	if (c->capacity == 0)
	{
		c->capacity = Max(need, 4);
		c->buckets = MemoryContextAlloc(c->cxt, c->capacity * sizeof(HsetBucket));
	}
	else
	{
		c->capacity = Max(need, c->capacity * 2);
		c->buckets = repalloc(c->buckets, c->capacity * sizeof(HsetBucket));
	}
}

static roaring_bitmap_t *
hset_check_alloc(roaring_bitmap_t *bm)
{
	if (bm == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in CRoaring")));
	return bm;
}

/* Index of the bucket with these high bits, or -(insertion point) - 1. */
static int
hset_core_find(const HsetCore *c, uint32 high)
{
	int			lo = 0,
				hi = c->nbuckets - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (c->buckets[mid].high == high)
			return mid;
		if (c->buckets[mid].high < high)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -lo - 1;
}

/* Insert bm as bucket "high" at position pos; capacity already reserved. */
static void
hset_core_insert(HsetCore *c, int pos, uint32 high, roaring_bitmap_t *bm)
{
	Assert(c->nbuckets < c->capacity);
	if (pos < c->nbuckets)
		memmove(&c->buckets[pos + 1], &c->buckets[pos],
				(c->nbuckets - pos) * sizeof(HsetBucket));
	c->buckets[pos].high = high;
	c->buckets[pos].bm = bm;
	c->buckets[pos].flat_bytes = 0;
	c->nbuckets++;
	c->last = -1;
}

/* The bucket for "high", created empty if absent. */
static roaring_bitmap_t *
hset_core_bucket(HsetCore *c, uint32 high)
{
	int			i = hset_core_find(c, high);

	if (i < 0)
	{
		i = -i - 1;
		hset_core_reserve(c, 1);
		hset_core_insert(c, i, high, hset_check_alloc(roaring_bitmap_create()));
	}
	c->last = i;
	return c->buckets[i].bm;
}

#define HSET_PENDING_MIN	1024
#define HSET_PENDING_MAX	65536

/* sort scratch, shared: flushes do not nest */
static uint64 *hset_scratch = NULL;

/*
 * LSD radix sort by bytes, only over the bytes in which the keys differ
 * (household ids usually differ in their low three bytes only); ids that
 * arrive in order (a register scanned by id) are not sorted at all.
 */
static void
hset_radix_sort(uint64 *a, uint64 *tmp, int n)
{
	uint64	   *src = a,
			   *dst = tmp;
	uint64		diff = 0;
	bool		sorted = true;

	for (int i = 1; i < n; i++)
	{
		diff |= a[i] ^ a[0];
		sorted &= (a[i - 1] <= a[i]);
	}
	if (sorted)
		return;
	for (int b = 0; b < 8; b++)
	{
		int			counts[256];
		int			pos = 0;
		int			shift = 8 * b;
		uint64	   *swap;

		if (((diff >> shift) & 0xFF) == 0)
			continue;			/* every key has the same byte here */
		memset(counts, 0, sizeof(counts));
		for (int i = 0; i < n; i++)
			counts[(src[i] >> shift) & 0xFF]++;
		for (int d = 0; d < 256; d++)
		{
			int			k = counts[d];

			counts[d] = pos;
			pos += k;
		}
		for (int i = 0; i < n; i++)
			dst[counts[(src[i] >> shift) & 0xFF]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(uint64));
}

/*
 * Fold the pending ids into the bitmaps: sort them, then for each bucket
 * build a bitmap of the batch (sorted input is appended) and OR it in.  The
 * buffer grows with the set, to at most HSET_PENDING_MAX ids, so that many
 * small groups of a hash aggregate keep small buffers.
 */
void
hset_core_flush(HsetCore *c)
{
	int			n = c->npending;
	int			i = 0;
	uint32	   *low;

	if (n > 0)
	{
		if (hset_scratch == NULL)
			hset_scratch = MemoryContextAlloc(TopMemoryContext,
											  HSET_PENDING_MAX * sizeof(uint64));
		hset_radix_sort(c->pending, hset_scratch, n);
		low = (uint32 *) hset_scratch;
		while (i < n)
		{
			uint32		high = (uint32) (c->pending[i] >> 32);
			int			m = 0;
			roaring_bitmap_t *bm = hset_core_bucket(c, high);
			roaring_bitmap_t *batch;

			for (; i < n && (uint32) (c->pending[i] >> 32) == high; i++)
				low[m++] = (uint32) c->pending[i];
			/* no PostgreSQL call between creating and freeing "batch" */
			batch = roaring_bitmap_of_ptr(m, low);
			if (batch == NULL)
				hset_check_alloc(batch);
			if (roaring_bitmap_is_empty(bm))
			{
				c->buckets[c->last].bm = batch;
				roaring_bitmap_free(bm);
			}
			else
			{
				roaring_bitmap_or_inplace(bm, batch);
				roaring_bitmap_free(batch);
			}
		}
		c->npending = 0;
		c->sized = false;
	}
	if (c->pending_cap < HSET_PENDING_MAX)
	{
		uint64		card = hset_core_cardinality(c);
		int			cap = Max(c->pending_cap, HSET_PENDING_MIN);

		while (cap < HSET_PENDING_MAX && (uint64) cap < card / 2)
			cap *= 2;
		if (cap != c->pending_cap)
		{
			if (c->pending)
				pfree(c->pending);
			c->pending = MemoryContextAlloc(c->cxt, cap * sizeof(uint64));
			c->pending_cap = cap;
		}
	}
}

/* Add the closed range [from, to], from <= to, to - from < 2^32. */
static void
hset_core_add_range(HsetCore *c, uint64 from, uint64 to)
{
	while (true)
	{
		uint32		high = (uint32) (from >> 32);
		uint64		bucket_end = ((uint64) high << 32) | PG_UINT32_MAX;
		uint64		end = Min(to, bucket_end);

		roaring_bitmap_add_range_closed(hset_core_bucket(c, high), (uint32) from, (uint32) end);
		if (end == to)
			break;
		from = end + 1;
	}
	c->sized = false;
}

/* c |= other */
void
hset_core_or(HsetCore *c, HsetCore *other)
{
	hset_core_flush(c);
	hset_core_flush(other);
	hset_core_reserve(c, other->nbuckets);
	for (int j = 0; j < other->nbuckets; j++)
	{
		int			i = hset_core_find(c, other->buckets[j].high);

		if (i >= 0)
			roaring_bitmap_or_inplace(c->buckets[i].bm, other->buckets[j].bm);
		else
			hset_core_insert(c, -i - 1, other->buckets[j].high,
							 hset_check_alloc(roaring_bitmap_copy(other->buckets[j].bm)));
	}
	c->sized = false;
}

uint64
hset_core_cardinality(HsetCore *c)
{
	uint64		n = 0;

	if (c->npending > 0)
		hset_core_flush(c);

	for (int i = 0; i < c->nbuckets; i++)
		n += roaring_bitmap_get_cardinality(c->buckets[i].bm);
	return n;
}

/* Set algebra into a fresh core: op 'u' union, 'i' intersection, 'd' a - b */
static HsetCore *
hset_core_combine(const HsetCore *a, const HsetCore *b, char op)
{
	HsetCore   *r = hset_core_create(CurrentMemoryContext);
	int			i = 0,
				j = 0;

	hset_core_reserve(r, a->nbuckets + b->nbuckets);
	while (i < a->nbuckets || j < b->nbuckets)
	{
		const HsetBucket *x = i < a->nbuckets ? &a->buckets[i] : NULL;
		const HsetBucket *y = j < b->nbuckets ? &b->buckets[j] : NULL;
		roaring_bitmap_t *bm = NULL;
		uint32		high;

		if (x && (!y || x->high < y->high))
		{
			high = x->high;
			if (op != 'i')
				bm = roaring_bitmap_copy(x->bm);
			i++;
		}
		else if (y && (!x || y->high < x->high))
		{
			high = y->high;
			if (op == 'u')
				bm = roaring_bitmap_copy(y->bm);
			j++;
		}
		else
		{
			high = x->high;
			if (op == 'u')
				bm = roaring_bitmap_or(x->bm, y->bm);
			else if (op == 'i')
				bm = roaring_bitmap_and(x->bm, y->bm);
			else
				bm = roaring_bitmap_andnot(x->bm, y->bm);
			hset_check_alloc(bm);
			i++;
			j++;
		}
		if (bm == NULL)
			continue;
		/* store first, so that it is freed with r whatever happens next */
		hset_core_insert(r, r->nbuckets, high, bm);
		if (roaring_bitmap_is_empty(bm))
		{
			roaring_bitmap_free(bm);
			r->nbuckets--;
		}
	}
	return r;
}

/* ----------------------------------------------------------------
 * Flat form
 * ----------------------------------------------------------------
 */

/* Size of the flat form; converts containers to runs where smaller first. */
Size
hset_core_flat_size(HsetCore *c)
{
	Size		size;

	if (c->npending > 0)
		hset_core_flush(c);
	size = HSET_HEADER_SIZE(c->nbuckets);
	for (int i = 0; i < c->nbuckets; i++)
	{
		if (!c->sized)
		{
			roaring_bitmap_run_optimize(c->buckets[i].bm);
			c->buckets[i].flat_bytes = roaring_bitmap_portable_size_in_bytes(c->buckets[i].bm);
		}
		size += c->buckets[i].flat_bytes;
	}
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("household_set too large to store (%zu bytes)", size),
				 errhint("Split the set, e.g. by commune.")));
	c->sized = true;
	return size;
}

/* Write the flat form into out (size bytes, from hset_core_flat_size). */
void
hset_core_flatten(HsetCore *c, HouseholdSetData *out, Size size)
{
	char	   *p;
	uint64		card = 0;

	Assert(c->sized);
	memset(out, 0, HSET_HEADER_SIZE(c->nbuckets));
	SET_VARSIZE(out, size);
	out->hdr.magic = POVSTAT_MAGIC_HSET;
	out->hdr.version = HSET_VERSION;
	out->nbuckets = c->nbuckets;
	p = (char *) out + HSET_HEADER_SIZE(c->nbuckets);
	for (int i = 0; i < c->nbuckets; i++)
	{
		size_t		n = roaring_bitmap_portable_serialize(c->buckets[i].bm, p);

		if (n != c->buckets[i].flat_bytes)
			elog(ERROR, "household_set: roaring serialization size changed");
		out->dir[i].high = c->buckets[i].high;
		out->dir[i].nbytes = (uint32) n;
		card += roaring_bitmap_get_cardinality(c->buckets[i].bm);
		p += n;
	}
	out->cardinality = card;
	if (p != (char *) out + size)
		elog(ERROR, "household_set: flat size mismatch");
}

HouseholdSetData *
hset_core_to_flat(HsetCore *c)
{
	Size		size = hset_core_flat_size(c);
	HouseholdSetData *out = palloc(size);

	hset_core_flatten(c, out, size);
	return out;
}

/*
 * Cheap structural check of a flat value we did not build: header, bucket
 * directory, lengths.  The buckets' contents are checked by
 * hset_core_load(..., validate = true).
 */
void
hset_flat_check(const HouseholdSetData *s, Size size, const char *typname)
{
	Size		total;

	if (size < offsetof(HouseholdSetData, dir) || s->hdr.magic != POVSTAT_MAGIC_HSET)
		state_binary_error(typname, "not a household_set");
	if (s->hdr.version != HSET_VERSION)
		state_binary_error(typname, psprintf("unsupported household_set version %d", s->hdr.version));
	if (s->hdr.flags != 0 || s->reserved != 0)
		state_binary_error(typname, "unknown household_set flags");
	if (s->nbuckets > (size - offsetof(HouseholdSetData, dir)) / sizeof(HsetBucketDir))
		state_binary_error(typname, psprintf("%u buckets do not fit in %zu bytes", s->nbuckets, size));
	total = HSET_HEADER_SIZE(s->nbuckets);
	for (uint32 i = 0; i < s->nbuckets; i++)
	{
		if (i > 0 && s->dir[i].high <= s->dir[i - 1].high)
			state_binary_error(typname, "bucket keys are not strictly ascending");
		/* ids are non-negative bigints: the high half stays below 2^31 */
		if (s->dir[i].high > (uint32) PG_INT32_MAX)
			state_binary_error(typname, psprintf("bucket key %u holds ids beyond the bigint range", s->dir[i].high));
		if (s->dir[i].nbytes < 8)
			state_binary_error(typname, psprintf("bucket %u is too short (%u bytes)", i, s->dir[i].nbytes));
		total += s->dir[i].nbytes;
		if (total > size)
			state_binary_error(typname, "buckets extend past the end of the value");
	}
	if (total != size)
		state_binary_error(typname, psprintf("%zu bytes after the last bucket", size - total));
	if ((s->nbuckets == 0) != (s->cardinality == 0) ||
		s->cardinality > (uint64) s->nbuckets << 32)
		state_binary_error(typname, "cardinality does not match the buckets");
}

/*
 * Container invariants that CRoaring's safe deserializer does not check:
 * keys ascending, array containers sorted without duplicates and at most
 * 4096 long, bitset containers with more than 4096 bits and a cardinality
 * equal to their popcount, run containers with sorted, disjoint,
 * non-adjacent runs inside 16 bits.  Returns a message or NULL.
 */
static const char *
hset_bitmap_invalid(const roaring_bitmap_t *r)
{
	const roaring_array_t *ra = &r->high_low_container;

	if (ra->size <= 0)
		return "empty bucket";
	for (int i = 0; i < ra->size; i++)
	{
		const void *c = ra->containers[i];

		if (i > 0 && ra->keys[i] <= ra->keys[i - 1])
			return "container keys are not strictly ascending";
		switch (ra->typecodes[i])
		{
			case ARRAY_CONTAINER_TYPE_CODE:
				{
					const array_container_t *a = c;

					if (a->cardinality < 1 || a->cardinality > DEFAULT_MAX_SIZE)
						return "array container with a wrong cardinality";
					for (int k = 1; k < a->cardinality; k++)
						if (a->array[k] <= a->array[k - 1])
							return "array container not sorted or with duplicates";
					break;
				}
			case BITSET_CONTAINER_TYPE_CODE:
				{
					const bitset_container_t *b = c;
					int64		bits = 0;

					for (int k = 0; k < BITSET_CONTAINER_SIZE_IN_WORDS; k++)
						bits += pg_popcount64(b->array[k]);
					if (b->cardinality != bits || bits <= DEFAULT_MAX_SIZE)
						return "bitset container cardinality inconsistent";
					break;
				}
			case RUN_CONTAINER_TYPE_CODE:
				{
					const run_container_t *rc = c;

					if (rc->n_runs < 1)
						return "empty run container";
					for (int k = 0; k < rc->n_runs; k++)
					{
						if ((int) rc->runs[k].value + rc->runs[k].length > 0xFFFF)
							return "run container run past 65535";
						if (k > 0 && (int) rc->runs[k].value <=
							(int) rc->runs[k - 1].value + rc->runs[k - 1].length + 1)
							return "run container runs overlap, touch or are unsorted";
					}
					break;
				}
			default:
				return "unknown container type";
		}
	}
	return NULL;
}

/*
 * Deserialize every bucket of a flat value into c (which must be empty).
 * With validate, also check container invariants and that reserializing
 * gives back exactly the input bytes, and the stored cardinality.
 */
void
hset_core_load(HsetCore *c, const HouseholdSetData *flat, bool validate)
{
	const char *p = HSET_DATA(flat);
	uint64		card = 0;

	Assert(c->nbuckets == 0);
	hset_core_reserve(c, flat->nbuckets);
	for (uint32 i = 0; i < flat->nbuckets; i++)
	{
		uint32		n = flat->dir[i].nbytes;
		roaring_bitmap_t *bm = roaring_bitmap_portable_deserialize_safe(p, n);

		if (bm == NULL)
			state_binary_error(HSET_TYPNAME,
							   psprintf("bucket %u is not a valid roaring serialization", i));
		hset_core_insert(c, c->nbuckets, flat->dir[i].high, bm);
		if (validate)
		{
			const char *bad = hset_bitmap_invalid(bm);
			char	   *again;

			if (bad != NULL)
				state_binary_error(HSET_TYPNAME, psprintf("bucket %u: %s", i, bad));
			if (roaring_bitmap_portable_size_in_bytes(bm) != n)
				state_binary_error(HSET_TYPNAME,
								   psprintf("bucket %u: %u bytes, of which %zu are used", i, n,
											roaring_bitmap_portable_size_in_bytes(bm)));
			again = palloc(n);
			roaring_bitmap_portable_serialize(bm, again);
			if (memcmp(again, p, n) != 0)
				state_binary_error(HSET_TYPNAME,
								   psprintf("bucket %u: header does not match its containers", i));
			pfree(again);
			card += roaring_bitmap_get_cardinality(bm);
		}
		p += n;
	}
	if (validate && card != flat->cardinality)
		state_binary_error(HSET_TYPNAME,
						   psprintf("stored cardinality " UINT64_FORMAT " but the buckets hold " UINT64_FORMAT,
									flat->cardinality, card));
}

static uint32
read_u32(const char *p)
{
	uint32		v;

	memcpy(&v, p, 4);
	return v;
}

static uint16
read_u16(const char *p)
{
	uint16		v;

	memcpy(&v, p, 2);
	return v;
}

static void portable_corrupt(uint32 value) pg_attribute_noreturn();

static void
portable_corrupt(uint32 value)
{
	/* input and receive validated the value: only damage gets here */
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("household_set value is corrupt (a bucket read while looking up %u)", value),
			 errhint("The value was validated when it was made; restore it from a backup or rebuild it with household_set().")));
}

/*
 * Membership straight on CRoaring's portable format, without
 * deserializing: a per-row "set @> id" against a large constant set then
 * costs two binary searches.  The layout (the format's published spec):
 * cookie; [run-flag bitmap]; (key, cardinality - 1) pairs; [offsets];
 * containers (array: sorted uint16; bitset: 8 KiB; run: count, pairs).
 */
static bool
portable_contains(const char *buf, uint32 nbytes, uint32 value)
{
	uint32		cookie;
	int32		size;
	const char *runbits = NULL;
	const char *keycards;
	uint32		pos;
	int			lo,
				hi,
				idx = -1;
	uint16		key = value >> 16,
				low = value & 0xFFFF;
	uint32		card;
	bool		isrun;
	uint32		off;

#define NEED(n) do { if ((uint64) (n) > nbytes) portable_corrupt(value); } while (0)
	NEED(8);
	cookie = read_u32(buf);
	if ((cookie & 0xFFFF) == SERIAL_COOKIE)
	{
		size = (cookie >> 16) + 1;
		runbits = buf + 4;
		pos = 4 + (size + 7) / 8;
	}
	else if (cookie == SERIAL_COOKIE_NO_RUNCONTAINER)
	{
		size = (int32) read_u32(buf + 4);
		pos = 8;
	}
	else
		portable_corrupt(value);
	if (size < 0 || size > 65536)
		portable_corrupt(value);
	NEED((uint64) pos + 4 * (uint64) size);
	keycards = buf + pos;
	pos += 4 * size;
	lo = 0;
	hi = size - 1;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		uint16		k = read_u16(keycards + 4 * mid);

		if (k == key)
		{
			idx = mid;
			break;
		}
		if (k < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (idx < 0)
		return false;
	card = (uint32) read_u16(keycards + 4 * idx + 2) + 1;
	isrun = runbits != NULL && (runbits[idx / 8] >> (idx % 8)) & 1;

	if (runbits == NULL || size >= NO_OFFSET_THRESHOLD)
	{
		NEED((uint64) pos + 4 * (uint64) size);
		off = read_u32(buf + pos + 4 * idx);
	}
	else
	{
		/* few containers and no offsets: walk over the ones before idx */
		off = pos;
		for (int j = 0; j < idx; j++)
		{
			uint32		cj = (uint32) read_u16(keycards + 4 * j + 2) + 1;

			if ((runbits[j / 8] >> (j % 8)) & 1)
			{
				NEED((uint64) off + 2);
				off += 2 + 4 * (uint32) read_u16(buf + off);
			}
			else if (cj > DEFAULT_MAX_SIZE)
				off += 8192;
			else
				off += 2 * cj;
		}
	}

	if (isrun)
	{
		uint32		nruns;

		NEED((uint64) off + 2);
		nruns = read_u16(buf + off);
		NEED((uint64) off + 2 + 4 * (uint64) nruns);
		lo = 0;
		hi = (int) nruns - 1;
		while (lo <= hi)
		{
			int			mid = (lo + hi) / 2;
			uint16		start = read_u16(buf + off + 2 + 4 * mid);
			uint16		len = read_u16(buf + off + 4 + 4 * mid);

			if (low < start)
				hi = mid - 1;
			else if ((uint32) low > (uint32) start + len)
				lo = mid + 1;
			else
				return true;
		}
		return false;
	}
	if (card > DEFAULT_MAX_SIZE)
	{
		NEED((uint64) off + 8192);
		return (((const uint8 *) buf)[off + low / 8] >> (low % 8)) & 1;
	}
	NEED((uint64) off + 2 * (uint64) card);
	lo = 0;
	hi = (int) card - 1;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		uint16		v = read_u16(buf + off + 2 * mid);

		if (v == low)
			return true;
		if (v < low)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
#undef NEED
}

static bool
hset_flat_contains(const HouseholdSetData *s, uint64 id)
{
	uint32		high = (uint32) (id >> 32);
	const char *p = HSET_DATA(s);

	for (uint32 i = 0; i < s->nbuckets; i++)
	{
		if (s->dir[i].high == high)
			return portable_contains(p, s->dir[i].nbytes, (uint32) id);
		if (s->dir[i].high > high)
			break;
		p += s->dir[i].nbytes;
	}
	return false;
}

/* ----------------------------------------------------------------
 * Expanded form (the aggregate state; see the file header)
 * ----------------------------------------------------------------
 */

typedef struct HsetExpanded
{
	ExpandedObjectHeader hdr;
	HsetCore	core;
} HsetExpanded;

static Size
hset_eoh_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return hset_core_flat_size(&((HsetExpanded *) eohptr)->core);
}

static void
hset_eoh_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	HsetExpanded *e = (HsetExpanded *) eohptr;

	/* get_flat_size was called just before; size again if anything changed */
	if (!e->core.sized || hset_core_flat_size(&e->core) != allocated_size)
		elog(ERROR, "household_set: flatten size mismatch");
	hset_core_flatten(&e->core, (HouseholdSetData *) result, allocated_size);
}

static const ExpandedObjectMethods hset_eoh_methods = {
	hset_eoh_get_flat_size,
	hset_eoh_flatten_into
};

static HsetExpanded *
hset_expanded_new(MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "povstat household_set",
											  ALLOCSET_SMALL_SIZES);
	HsetExpanded *e = MemoryContextAlloc(cxt, sizeof(HsetExpanded));

	EOH_init_header(&e->hdr, &hset_eoh_methods, cxt);
	hset_core_init(&e->core, cxt);
	return e;
}

/* Our read/write expanded object, or NULL for anything else. */
static HsetExpanded *
hset_rw_expanded(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &hset_eoh_methods)
			return (HsetExpanded *) eoh;
	}
	return NULL;
}

/*
 * A set argument as a live core, read-only: the object's own core if the
 * argument is expanded, else the flat value deserialized into a temporary
 * core in the current context (to be freed by the caller or the context).
 */
static HsetCore *
hset_arg_core(Datum d, bool *temp)
{
	HouseholdSetData *flat;
	HsetCore   *c;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &hset_eoh_methods)
		{
			HsetCore   *c = &((HsetExpanded *) eoh)->core;

			if (c->npending > 0)
				hset_core_flush(c);
			*temp = false;
			return c;
		}
	}
	flat = (HouseholdSetData *) PG_DETOAST_DATUM(d);
	hset_flat_check(flat, VARSIZE(flat), HSET_TYPNAME);
	c = hset_core_create(CurrentMemoryContext);
	hset_core_load(c, flat, false);
	*temp = true;
	return c;
}

/* A set argument in flat form (expanded ones are flattened). */
static HouseholdSetData *
hset_arg_flat(Datum d)
{
	HouseholdSetData *flat = (HouseholdSetData *) PG_DETOAST_DATUM(d);

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		hset_flat_check(flat, VARSIZE(flat), HSET_TYPNAME);
	return flat;
}

static Datum
hset_core_result(HsetCore *c, bool temp)
{
	HouseholdSetData *out = hset_core_to_flat(c);

	if (temp)
		hset_core_free(c);
	PG_RETURN_POINTER(out);
}

/* ----------------------------------------------------------------
 * Text form: {1,2,5-9}; the braces are optional on input, as are blanks;
 * order and repetition do not matter.  Output lists ascending ids with
 * runs of three or more as ranges, so it reads back to the same set.
 * ----------------------------------------------------------------
 */

static void
hset_text_error(const char *whole, const char *typname, const char *pos, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type povstat.%s: \"%s\"", typname, whole),
			 errdetail("%s (at character %d).", detail, (int) (pos - whole) + 1),
			 errhint("Write household ids >= 0 separated by commas, ranges as first-last, e.g. {1,2,5-9}.")));
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *
parse_id(const char *p, uint64 *out, const char *whole, const char *typname)
{
	uint64		v = 0;

	if (*p == '-')
		hset_text_error(whole, typname, p, "household ids must be >= 0");
	if (*p < '0' || *p > '9')
		hset_text_error(whole, typname, p, "expected a household id");
	while (*p >= '0' && *p <= '9')
	{
		v = v * 10 + (*p - '0');
		if (v > (uint64) PG_INT64_MAX)
			hset_text_error(whole, typname, p, "household id out of range for bigint");
		p++;
	}
	*out = v;
	return p;
}

/*
 * Parse a set starting at str into c; returns the position after it.  With
 * braces, the set ends at "}"; without, at the end of the string.
 */
const char *
hset_core_parse(HsetCore *c, const char *str, const char *whole, const char *typname)
{
	const char *p = skip_blanks(str);
	bool		braced = (*p == '{');

	if (braced)
		p = skip_blanks(p + 1);
	if ((braced && *p == '}') || (!braced && *p == '\0'))
		return braced ? p + 1 : p;
	while (true)
	{
		uint64		from,
					to;
		const char *start = p;

		p = skip_blanks(parse_id(p, &from, whole, typname));
		to = from;
		if (*p == '-')
		{
			p = skip_blanks(p + 1);
			p = skip_blanks(parse_id(p, &to, whole, typname));
			if (to < from)
				hset_text_error(whole, typname, start, "range with its first id above its last");
			if (to - from >= HSET_MAX_RANGE)
				hset_text_error(whole, typname, start, "range of more than 2^32 ids");
			hset_core_add_range(c, from, to);
		}
		else
			hset_core_add(c, from);
		if (*p == ',')
		{
			p = skip_blanks(p + 1);
			continue;
		}
		if (braced && *p == '}')
			return p + 1;
		if (!braced && *p == '\0')
			return p;
		hset_text_error(whole, typname, p, braced ? "expected \",\" or \"}\"" : "expected \",\"");
	}
}

static void
hset_out_run(StringInfo buf, bool *first, uint64 from, uint64 to)
{
	if (!*first)
		appendStringInfoChar(buf, ',');
	*first = false;
	if (from == to)
		appendStringInfo(buf, UINT64_FORMAT, from);
	else if (to == from + 1)
		appendStringInfo(buf, UINT64_FORMAT "," UINT64_FORMAT, from, to);
	else
		appendStringInfo(buf, UINT64_FORMAT "-" UINT64_FORMAT, from, to);
}

/*
 * [lo, hi) wholly in the bucket bm, whose largest id is max.  CRoaring 0.2
 * (Debian 12) fails an assertion in roaring_bitmap_contains_range() when hi
 * lies past the last container, so ranges reaching the maximum are answered
 * here and the library is only asked about ranges ending below it.
 */
static bool
bucket_has_range(const roaring_bitmap_t *bm, uint64 lo, uint64 hi, uint64 max)
{
	if (hi > max + 1)
		return false;
	if (hi == max + 1)
		return lo == max || roaring_bitmap_contains_range(bm, lo, max);
	return roaring_bitmap_contains_range(bm, lo, hi);
}

/* run length from which the printer jumps to a run's end; interrupt check period */
#define HSET_OUT_GALLOP 1024
#define HSET_OUT_INTERRUPT_MASK 0xFFFF

void
hset_core_out(HsetCore *c, StringInfo buf)
{
	bool		first = true;
	bool		open = false;
	uint64		from = 0,
				to = 0;
	uint64		steps = 0;

	if (c->npending > 0)
		hset_core_flush(c);
	appendStringInfoChar(buf, '{');
	for (int i = 0; i < c->nbuckets; i++)
	{
		roaring_uint32_iterator_t it;
		uint64		high = (uint64) c->buckets[i].high << 32;

		/* the iterator lives on the stack: nothing to free if we ERROR */
		roaring_init_iterator(c->buckets[i].bm, &it);
		while (it.has_value)
		{
			uint64		v = high | it.current_value;

			/* a printed range holds at most HSET_MAX_RANGE ids: the input's limit */
			if (open && v == to + 1 && to - from + 1 < HSET_MAX_RANGE)
				to = v;
			else
			{
				if (open)
					hset_out_run(buf, &first, from, to);
				from = to = v;
				open = true;
			}

			/*
			 * A long run prints as "from-to" whatever its length, so do not
			 * walk it id by id (a full bucket would take 2^32 steps): once a
			 * run is HSET_OUT_GALLOP ids long (also when it continues from
			 * the previous bucket), find its end by doubling and
			 * halving range checks and jump the iterator past it.
			 */
			if (to - from + 1 >= HSET_OUT_GALLOP && (to & 0xFFFFFFFF) != 0xFFFFFFFF)
			{
				uint64		lo = (to & 0xFFFFFFFF) + 1;	/* first id not yet known in the run */
				uint64		step = HSET_OUT_GALLOP;
				uint64		max = roaring_bitmap_maximum(c->buckets[i].bm);

				/* grow: [lo, lo + step) entirely present */
				while (bucket_has_range(c->buckets[i].bm, lo, lo + step, max))
				{
					lo += step;
					step *= 2;
				}
				/* shrink: each half-step kept only when fully present */
				while (step > 1)
				{
					step /= 2;
					if (bucket_has_range(c->buckets[i].bm, lo, lo + step, max))
						lo += step;
				}
				/* lo is now the first absent id of the bucket, or 2^32 */
				to = high | (lo - 1);
				/* a run carried over from the previous bucket may now be too long */
				if (to - from + 1 > HSET_MAX_RANGE)
				{
					hset_out_run(buf, &first, from, from + HSET_MAX_RANGE - 1);
					from += HSET_MAX_RANGE;
				}
				if (lo == ((uint64) 1 << 32))
					break;
				if (!roaring_move_uint32_iterator_equalorlarger(&it, (uint32) lo))
					break;
				continue;
			}
			if ((++steps & HSET_OUT_INTERRUPT_MASK) == 0)
				CHECK_FOR_INTERRUPTS();
			roaring_advance_uint32_iterator(&it);
		}
		CHECK_FOR_INTERRUPTS();
	}
	if (open)
		hset_out_run(buf, &first, from, to);
	appendStringInfoChar(buf, '}');
}

Datum
household_set_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	HsetCore   *c = hset_core_create(CurrentMemoryContext);
	const char *end = hset_core_parse(c, str, str, HSET_TYPNAME);

	if (*skip_blanks(end) != '\0')
		hset_text_error(str, HSET_TYPNAME, end, "unexpected characters after \"}\"");
	return hset_core_result(c, true);
}

Datum
household_set_out(PG_FUNCTION_ARGS)
{
	bool		temp;
	HsetCore   *c = hset_arg_core(PG_GETARG_DATUM(0), &temp);
	StringInfoData buf;

	initStringInfo(&buf);
	hset_core_out(c, &buf);
	if (temp)
		hset_core_free(c);
	PG_RETURN_CSTRING(buf.data);
}

/* ----------------------------------------------------------------
 * Binary form: magic, version, flags, nbuckets, cardinality, then per
 * bucket its high bits, length and portable serialization.  Integers in
 * network order; the portable format is little-endian by definition.
 * ----------------------------------------------------------------
 */

void
hset_flat_send(const HouseholdSetData *s, StringInfo buf)
{
	const char *p = HSET_DATA(s);

	pq_sendbyte(buf, s->hdr.magic);
	pq_sendbyte(buf, s->hdr.version);
	pq_sendint16(buf, s->hdr.flags);
	pq_sendint32(buf, s->nbuckets);
	pq_sendint64(buf, s->cardinality);
	for (uint32 i = 0; i < s->nbuckets; i++)
	{
		pq_sendint32(buf, s->dir[i].high);
		pq_sendint32(buf, s->dir[i].nbytes);
	}
	for (uint32 i = 0; i < s->nbuckets; i++)
	{
		pq_sendbytes(buf, p, s->dir[i].nbytes);
		p += s->dir[i].nbytes;
	}
}

/* Read and fully validate a set (sent by hset_flat_send). */
HouseholdSetData *
hset_flat_recv(StringInfo buf, const char *typname)
{
	int			magic = pq_getmsgbyte(buf);
	int			version = pq_getmsgbyte(buf);
	int			flags = pq_getmsgint(buf, 2);
	uint32		nbuckets = pq_getmsgint(buf, 4);
	uint64		card = (uint64) pq_getmsgint64(buf);
	HouseholdSetData *s;
	Size		size;
	char	   *p;
	HsetCore   *c;

	if (magic != POVSTAT_MAGIC_HSET)
		state_binary_error(typname, psprintf("wrong type tag 0x%02x for a household_set", magic));
	if (version != HSET_VERSION)
		state_binary_error(typname, psprintf("unsupported household_set version %d", version));
	if (flags != 0)
		state_binary_error(typname, "unknown household_set flags");
	/* each bucket takes at least 16 bytes of message: refuse absurd counts */
	if (nbuckets > (uint32) (buf->len - buf->cursor) / 16)
		state_binary_error(typname, psprintf("%u buckets announced in a %d-byte message",
											 nbuckets, buf->len - buf->cursor));
	size = HSET_HEADER_SIZE(nbuckets);
	s = palloc0(size);
	for (uint32 i = 0; i < nbuckets; i++)
	{
		s->dir[i].high = pq_getmsgint(buf, 4);
		s->dir[i].nbytes = pq_getmsgint(buf, 4);
		if (s->dir[i].nbytes > (uint32) (buf->len - buf->cursor))
			state_binary_error(typname, psprintf("bucket %u announces %u bytes past the end of the message",
												 i, s->dir[i].nbytes));
		size += s->dir[i].nbytes;
	}
	if (size > (Size) (buf->len - buf->cursor) + HSET_HEADER_SIZE(nbuckets) || size > MaxAllocSize)
		state_binary_error(typname, "buckets extend past the end of the message");
	s = repalloc(s, size);
	SET_VARSIZE(s, size);
	s->hdr.magic = magic;
	s->hdr.version = version;
	s->nbuckets = nbuckets;
	s->cardinality = card;
	p = (char *) s + HSET_HEADER_SIZE(nbuckets);
	for (uint32 i = 0; i < nbuckets; i++)
	{
		pq_copymsgbytes(buf, p, s->dir[i].nbytes);
		p += s->dir[i].nbytes;
	}
	hset_flat_check(s, size, typname);
	c = hset_core_create(CurrentMemoryContext);
	hset_core_load(c, s, true);
	hset_core_free(c);
	return s;
}

Datum
household_set_send(PG_FUNCTION_ARGS)
{
	HouseholdSetData *s = hset_arg_flat(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	hset_flat_send(s, &buf);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
household_set_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	HouseholdSetData *s = hset_flat_recv(buf, HSET_TYPNAME);

	pq_getmsgend(buf);
	PG_RETURN_POINTER(s);
}

/* povstat.household_set_from_bytea(bytea): the binary form from SQL. */
Datum
household_set_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	HouseholdSetData *s;

	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	s = hset_flat_recv(&buf, HSET_TYPNAME);
	if (buf.cursor != buf.len)
		state_binary_error(HSET_TYPNAME, psprintf("%d bytes after the set", buf.len - buf.cursor));
	PG_RETURN_POINTER(s);
}

Datum
household_set_to_bytea(PG_FUNCTION_ARGS)
{
	return household_set_send(fcinfo);
}

/* ----------------------------------------------------------------
 * Aggregates
 * ----------------------------------------------------------------
 */

/* The transition value as our R/W object in the aggregate context. */
static HsetExpanded *
hset_state(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	HsetExpanded *e;
	bool		temp;

	if (PG_ARGISNULL(0))
		return hset_expanded_new(aggcontext);
	e = hset_rw_expanded(PG_GETARG_DATUM(0));
	if (e != NULL)
		return e;
	/* a flat value (e.g. an initial condition): expand a copy we own */
	e = hset_expanded_new(aggcontext);
	{
		HsetCore   *src = hset_arg_core(PG_GETARG_DATUM(0), &temp);

		hset_core_or(&e->core, src);
		if (temp)
			hset_core_free(src);
	}
	return e;
}

static void
hset_check_id(int64 id, FunctionCallInfo fcinfo)
{
	if (unlikely(id < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("household id " INT64_FORMAT " passed to %s is negative", id, povstat_fn_name(fcinfo)),
				 errhint("Household ids must be >= 0; map other keys to non-negative numbers first.")));
}

/* povstat.household_set(id bigint): NULL ids are skipped. */
Datum
household_set_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.household_set");
	HsetExpanded *e;
	int64		id;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	id = PG_GETARG_INT64(1);
	hset_check_id(id, fcinfo);
	e = hset_state(fcinfo, aggcontext);
	hset_core_add(&e->core, (uint64) id);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/*
 * Combine function of household_set(), and the transition function of
 * povstat.union(household_set) and povstat.merge(household_set).
 */
Datum
household_set_union_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.union(household_set)");
	HsetExpanded *e;
	HsetCore   *b;
	bool		temp;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	e = hset_state(fcinfo, aggcontext);
	b = hset_arg_core(PG_GETARG_DATUM(1), &temp);
	hset_core_or(&e->core, b);
	if (temp)
		hset_core_free(b);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/* ----------------------------------------------------------------
 * Functions and operators
 * ----------------------------------------------------------------
 */

Datum
household_set_cardinality(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	uint64		n;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		bool		temp;
		HsetCore   *c = hset_arg_core(d, &temp);

		n = hset_core_cardinality(c);
		if (temp)
			hset_core_free(c);
	}
	else
		n = hset_arg_flat(d)->cardinality;
	if (n > (uint64) PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("household_set cardinality " UINT64_FORMAT " is out of range for bigint", n)));
	PG_RETURN_INT64((int64) n);
}

static Datum
hset_binary_op(FunctionCallInfo fcinfo, char op)
{
	bool		ta,
				tb;
	HsetCore   *a = hset_arg_core(PG_GETARG_DATUM(0), &ta);
	HsetCore   *b = hset_arg_core(PG_GETARG_DATUM(1), &tb);
	HsetCore   *r = hset_core_combine(a, b, op);

	if (ta)
		hset_core_free(a);
	if (tb)
		hset_core_free(b);
	return hset_core_result(r, true);
}

Datum
household_set_union(PG_FUNCTION_ARGS)
{
	return hset_binary_op(fcinfo, 'u');
}

Datum
household_set_intersection(PG_FUNCTION_ARGS)
{
	return hset_binary_op(fcinfo, 'i');
}

Datum
household_set_difference(PG_FUNCTION_ARGS)
{
	return hset_binary_op(fcinfo, 'd');
}

static bool
hset_contains(Datum d, int64 id)
{
	if (id < 0)
		return false;
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		bool		temp;
		HsetCore   *c = hset_arg_core(d, &temp);
		int			i = hset_core_find(c, (uint32) ((uint64) id >> 32));
		bool		r = i >= 0 && roaring_bitmap_contains(c->buckets[i].bm, (uint32) id);

		if (temp)
			hset_core_free(c);
		return r;
	}
	return hset_flat_contains(hset_arg_flat(d), (uint64) id);
}

/* set @> id */
Datum
household_set_contains_id(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(hset_contains(PG_GETARG_DATUM(0), PG_GETARG_INT64(1)));
}

/* id <@ set */
Datum
household_set_id_contained(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(hset_contains(PG_GETARG_DATUM(1), PG_GETARG_INT64(0)));
}

/* Compare two sets: *sub = a is a subset of b; returns a = b. */
static bool
hset_compare(FunctionCallInfo fcinfo, int ia, int ib, bool *sub)
{
	bool		ta,
				tb;
	HsetCore   *a = hset_arg_core(PG_GETARG_DATUM(ia), &ta);
	HsetCore   *b = hset_arg_core(PG_GETARG_DATUM(ib), &tb);
	bool		subset = true;
	uint64		ca = 0,
				cb = hset_core_cardinality(b);

	/* by cardinalities, which do not depend on the containers' types */
	for (int i = 0; i < a->nbuckets && subset; i++)
	{
		int			j = hset_core_find(b, a->buckets[i].high);

		ca += roaring_bitmap_get_cardinality(a->buckets[i].bm);
		if (j < 0 || roaring_bitmap_andnot_cardinality(a->buckets[i].bm, b->buckets[j].bm) != 0)
			subset = false;
	}
	if (ta)
		hset_core_free(a);
	if (tb)
		hset_core_free(b);
	*sub = subset;
	return subset && ca == cb;
}

/* a @> b: b is a subset of a */
Datum
household_set_contains_set(PG_FUNCTION_ARGS)
{
	bool		sub;

	hset_compare(fcinfo, 1, 0, &sub);
	PG_RETURN_BOOL(sub);
}

/* a <@ b */
Datum
household_set_contained_set(PG_FUNCTION_ARGS)
{
	bool		sub;

	hset_compare(fcinfo, 0, 1, &sub);
	PG_RETURN_BOOL(sub);
}

Datum
household_set_eq(PG_FUNCTION_ARGS)
{
	bool		sub;

	PG_RETURN_BOOL(hset_compare(fcinfo, 0, 1, &sub));
}

Datum
household_set_ne(PG_FUNCTION_ARGS)
{
	bool		sub;

	PG_RETURN_BOOL(!hset_compare(fcinfo, 0, 1, &sub));
}

/* povstat.members(household_set): the ids, ascending. */
Datum
household_set_members(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		temp;
	HsetCore   *c;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	c = hset_arg_core(PG_GETARG_DATUM(0), &temp);
	for (int i = 0; i < c->nbuckets; i++)
	{
		roaring_uint32_iterator_t it;
		uint64		high = (uint64) c->buckets[i].high << 32;

		roaring_init_iterator(c->buckets[i].bm, &it);
		while (it.has_value)
		{
			Datum		v = Int64GetDatum((int64) (high | it.current_value));
			bool		isnull = false;

			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &v, &isnull);
			roaring_advance_uint32_iterator(&it);
		}
	}
	if (temp)
		hset_core_free(c);
	return (Datum) 0;
}
