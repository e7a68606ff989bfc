/*-------------------------------------------------------------------------
 *
 * sample_pack.h
 *	  Compact encoding of a sorted sample's incomes and weights, the flat
 *	  form that parallel workers ship to the leader and that tables store
 *	  (see sample_pack.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_SAMPLE_PACK_H
#define POVSTAT_SAMPLE_PACK_H

#include "postgres.h"

#include "povstat.h"

/* How one array is encoded. */
#define SAMPLE_ENC_RAW		0	/* 8-byte doubles, native byte order */
#define SAMPLE_ENC_INT		1	/* integral values as LEB128 varints (deltas for incomes) */
#define SAMPLE_ENC_KEY		2	/* incomes only: deltas of order-preserving 64-bit keys */

/*
 * The section that follows SampleFlat's fixed fields when the flat state is
 * packed.  y_bytes of incomes, then the weights up to the end of the value.
 */
typedef struct SamplePackHeader
{
	uint8		y_enc;
	uint8		w_enc;			/* SAMPLE_ENC_RAW for an unweighted sample */
	uint8		pad[6];			/* zero */
	uint64		y_bytes;
} SamplePackHeader;

/* What the encoder chose for one sample: encodings and their sizes. */
typedef struct SamplePackPlan
{
	uint8		y_enc;
	uint8		w_enc;
	Size		y_bytes;
	Size		w_bytes;
} SamplePackPlan;

extern void sample_pack_plan(const double *y, const double *w, int64 n, SamplePackPlan *plan);
extern void sample_pack_write(const double *y, const double *w, int64 n,
							  const SamplePackPlan *plan, char *out);
/* A packed section to read: the bytes after SampleFlat's fixed fields. */
typedef struct SamplePackPart
{
	const char *data;
	Size		len;
	int64		n;
	bool		weighted;
} SamplePackPart;

extern void sample_pack_check(const SamplePackPart *part);
extern void sample_pack_read(const SamplePackPart *part, double *y, double *w);
extern void sample_pack_merge(const SamplePackPart *parts, int k, double *y, double *w);
extern void sample_pack_add_weights(const SamplePackPart *part, KahanSum *total);

/* A merge read block by block (sample_pack.c). */
typedef struct SamplePackMerge SamplePackMerge;

extern SamplePackMerge *sample_pack_merge_begin(const SamplePackPart *parts, int k);
extern int64 sample_pack_merge_next(SamplePackMerge *m, double *y, double *w, int64 max);
extern void sample_pack_merge_end(SamplePackMerge *m);

#endif							/* POVSTAT_SAMPLE_PACK_H */
