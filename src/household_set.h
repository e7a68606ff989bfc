/*-------------------------------------------------------------------------
 *
 * household_set.h
 *	  Exact sets of household ids (povstat.household_set), on CRoaring.
 *
 * CRoaring 0.2.66 (Debian's libroaring-dev) holds 32-bit values only, so a
 * 64-bit id is split into its high 32 bits, which select a bucket, and its
 * low 32 bits, which go into that bucket's 32-bit roaring bitmap.  Buckets
 * are kept sorted by their high bits; ids of one register almost always
 * share one bucket.
 *
 * Two forms:
 *	- flat (on disk, in tuples, between parallel workers): HouseholdSetData,
 *	  a varlena whose buckets are CRoaring's portable serialization;
 *	- live (while aggregating): an HsetCore of malloc'd roaring bitmaps,
 *	  owned by a memory context whose reset callback frees them, so that an
 *	  ERROR (longjmp out of any function) leaks nothing.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_HOUSEHOLD_SET_H
#define POVSTAT_HOUSEHOLD_SET_H

#include "povstat.h"

#include <roaring/roaring.h>

#include "lib/stringinfo.h"

/* Type tag of household_set in PovstatStateHeader.magic ('H'). */
#ifndef POVSTAT_MAGIC_HSET
#define POVSTAT_MAGIC_HSET		0x48
#endif

#define HSET_VERSION		1
#define HSET_TYPNAME		"household_set"

/* One bucket of the flat form: its high 32 bits and serialized length. */
typedef struct HsetBucketDir
{
	uint32		high;
	uint32		nbytes;
} HsetBucketDir;

/*
 * Flat form.  After the directory come the buckets' portable serializations,
 * back to back, in directory order.  Empty buckets are never stored.
 */
typedef struct HouseholdSetData
{
	PovstatStateHeader hdr;
	uint32		nbuckets;
	uint32		reserved;		/* 0 */
	uint64		cardinality;	/* total number of ids */
	HsetBucketDir dir[FLEXIBLE_ARRAY_MEMBER];
} HouseholdSetData;

#define HSET_HEADER_SIZE(nbuckets) \
	(offsetof(HouseholdSetData, dir) + (Size) (nbuckets) * sizeof(HsetBucketDir))
#define HSET_DATA(s) ((const char *) (s) + HSET_HEADER_SIZE((s)->nbuckets))

typedef struct HsetBucket
{
	uint32		high;
	roaring_bitmap_t *bm;
	size_t		flat_bytes;		/* portable size; valid while core->sized */
} HsetBucket;

/* Live form. */
typedef struct HsetCore
{
	MemoryContext cxt;			/* owns buckets[] and, via a callback, the bitmaps */
	int			nbuckets;
	int			capacity;
	int			last;			/* bucket of the previous add (ids come in runs) */
	bool		sized;			/* buckets' flat_bytes are current */
	HsetBucket *buckets;
	/* ids added but not yet in a bitmap (see hset_core_flush) */
	uint64	   *pending;
	int			npending;
	int			pending_cap;
	MemoryContextCallback cb;
} HsetCore;

extern void hset_core_init(HsetCore *c, MemoryContext cxt);
extern void hset_core_free(HsetCore *c);
extern void hset_core_flush(HsetCore *c);

/*
 * Add one id.  Ids are buffered and folded into the bitmaps in sorted
 * batches: inserting random ids one by one into CRoaring's array
 * containers moves memory on every insert, a sorted batch is appended and
 * OR-ed container by container.  Every reader flushes first.
 */
static inline void
hset_core_add(HsetCore *c, uint64 id)
{
	if (unlikely(c->npending >= c->pending_cap))
		hset_core_flush(c);
	c->pending[c->npending++] = id;
}
extern void hset_core_or(HsetCore *c, HsetCore *other);
extern void hset_core_load(HsetCore *c, const HouseholdSetData *flat, bool binary);
extern uint64 hset_core_cardinality(HsetCore *c);
extern Size hset_core_flat_size(HsetCore *c);
extern void hset_core_flatten(HsetCore *c, HouseholdSetData *out, Size size);
extern HouseholdSetData *hset_core_to_flat(HsetCore *c);

/* Text and binary forms, shared with programme_state. */
extern void hset_core_out(HsetCore *c, StringInfo buf);
extern const char *hset_core_parse(HsetCore *c, const char *str, const char *whole,
								   const char *typname);
extern void hset_flat_send(const HouseholdSetData *s, StringInfo buf);
extern HouseholdSetData *hset_flat_recv(StringInfo buf, const char *typname);
extern void hset_flat_check(const HouseholdSetData *s, Size size, const char *typname);

#endif							/* POVSTAT_HOUSEHOLD_SET_H */
