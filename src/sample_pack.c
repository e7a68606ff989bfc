/*-------------------------------------------------------------------------
 *
 * sample_pack.c
 *	  Compact encoding of a sorted sample for its flat form.
 *
 * Why: a parallel plan of a sort-based measure ships each worker's whole
 * part to the leader, and PostgreSQL's executor copies that flat value
 * three to five times on the way (the worker's flattening, its tuple, the
 * queue, the leader's copies; bench/NOTES.md).  On machines where memory
 * touched for the first time is expensive (the bench's VM: 3-4 ms per MB)
 * those copies, not the sort, decided the parallel time.  Shrinking the
 * flat form shrinks every copy; a stored state (rollup table) shrinks too.
 *
 * The flat form is sorted (flattening sorts), so incomes are stored as
 * differences from their predecessor, as LEB128 varints (7 bits a byte):
 *	- SAMPLE_ENC_INT when every income is an integer of at most 2^53 in
 *	  magnitude (money in dong, or rounded to thousands): the first value
 *	  zigzag-encoded, then the non-negative differences.  The bench's ten
 *	  million incomes rounded to the dong take 1.0035 bytes each, not 8;
 *	- SAMPLE_ENC_KEY otherwise: differences of the order-preserving 64-bit
 *	  keys the radix sort uses (radix_sort.c), exact for any finite double;
 *	- SAMPLE_ENC_RAW when neither would be smaller.
 * Weights follow their incomes in the sort, so they are not ordered: they
 * are varints when all are integers (frequency weights), raw otherwise.
 * The encoder picks whichever is smallest, after measuring both in one
 * pass, so a packed state is never larger than the raw one by more than
 * its 16-byte header.
 *
 * Decoding checks every byte against the value's length and every decoded
 * number (finite, ascending, weights >= 0), and reports anything else as a
 * corrupt value: a packed state is only ever made by this code, so a bad
 * one is damaged storage, not user input (scripts/suites/packed_bytes.sh
 * mutates stored values to hold it to that).
 *
 * Measured on the bench's 10 million rows with 2 workers (bench/RESULTS.md):
 * a median went from 1.6 s to 1.0 s, about the serial time, a weighted Gini
 * from 3.0 s to 2.0-2.5 s (weights drawn as random doubles stay 8 bytes).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "radix_sort.h"
#include "sample_pack.h"

/* Integers up to this magnitude are exact in a double. */
#define EXACT_INT_LIMIT	((double) (INT64CONST(1) << 53))

/* A finite integer that a double holds exactly, and not -0.0 (kept exact by RAW/KEY). */
static inline bool
is_exact_int(double d)
{
	return fabs(d) <= EXACT_INT_LIMIT && d == trunc(d) && !(d == 0 && signbit(d));
}

static inline uint64
zigzag(int64 v)
{
	return ((uint64) v << 1) ^ (uint64) (v >> 63);
}

static inline int64
unzigzag(uint64 u)
{
	return (int64) (u >> 1) ^ -(int64) (u & 1);
}

static inline Size
varint_len(uint64 v)
{
	Size		len = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		len++;
	}
	return len;
}

static inline char *
varint_put(char *out, uint64 v)
{
	while (v >= 0x80)
	{
		*out++ = (char) (v | 0x80);
		v >>= 7;
	}
	*out++ = (char) v;
	return out;
}

static void
pack_corrupt(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("povstat.sample_state value is corrupt"),
			 errdetail("%s", detail),
			 errhint("The packed form is written only by povstat itself; restore the value from a backup or recompute it from the rows.")));
}

/*
 * One varint from *p, not reading at or beyond end.  Canonical encodings
 * only (no trailing zero groups, at most 64 bits), so that every value has
 * exactly one encoding.
 */
static inline uint64
varint_get(const uint8 **p, const uint8 *end)
{
	const uint8 *q = *p;
	uint64		v = 0;
	int			shift = 0;

	if (likely(q < end && *q < 0x80))
	{
		*p = q + 1;
		return *q;
	}
	for (;;)
	{
		uint8		b;

		if (q >= end)
			pack_corrupt("a number runs past the end of the value");
		b = *q++;
		if (shift == 63 && b > 1)
			pack_corrupt("a number does not fit in 64 bits");
		v |= (uint64) (b & 0x7F) << shift;
		if (!(b & 0x80))
		{
			if (b == 0 && shift > 0)
				pack_corrupt("a number is not in its shortest encoding");
			*p = q;
			return v;
		}
		shift += 7;
	}
}

/*
 * Choose the encodings of a sorted sample (y ascending; w NULL if
 * unweighted) and their sizes.
 */
void
sample_pack_plan(const double *y, const double *w, int64 n, SamplePackPlan *plan)
{
	bool		int_ok = true,
				key_ok = true,
				wint_ok = (w != NULL);
	Size		int_bytes = 0,
				key_bytes = 0,
				wint_bytes = 0,
				raw_bytes = (Size) n * sizeof(double);

	if (n > 0)
	{
		uint64		prev_key = double_sort_key(y[0]);

		int_ok = is_exact_int(y[0]);
		if (int_ok)
			int_bytes = varint_len(zigzag((int64) y[0]));
		key_bytes = varint_len(prev_key);
		for (int64 i = 1; i < n; i++)
		{
			uint64		key = double_sort_key(y[i]);

			if ((i & 0xFFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			/* +0.0 before -0.0 is ascending as doubles, not as keys */
			if (unlikely(key < prev_key))
				key_ok = false;
			key_bytes += varint_len(key - prev_key);
			prev_key = key;
			if (int_ok)
			{
				if (is_exact_int(y[i]))
					int_bytes += varint_len((uint64) ((int64) y[i] - (int64) y[i - 1]));
				else
					int_ok = false;
			}
		}
	}
	plan->y_enc = SAMPLE_ENC_RAW;
	plan->y_bytes = raw_bytes;
	if (key_ok && key_bytes < plan->y_bytes)
	{
		plan->y_enc = SAMPLE_ENC_KEY;
		plan->y_bytes = key_bytes;
	}
	if (int_ok && int_bytes < plan->y_bytes)
	{
		plan->y_enc = SAMPLE_ENC_INT;
		plan->y_bytes = int_bytes;
	}

	plan->w_enc = SAMPLE_ENC_RAW;
	plan->w_bytes = w ? raw_bytes : 0;
	for (int64 i = 0; wint_ok && i < n; i++)
	{
		if (is_exact_int(w[i]))
			wint_bytes += varint_len((uint64) w[i]);
		else
			wint_ok = false;
	}
	if (wint_ok && wint_bytes < plan->w_bytes)
	{
		plan->w_enc = SAMPLE_ENC_INT;
		plan->w_bytes = wint_bytes;
	}
}

/*
 * Write the packed section (header, incomes, weights) that plan describes
 * into out, which holds sizeof(SamplePackHeader) + y_bytes + w_bytes.
 */
void
sample_pack_write(const double *y, const double *w, int64 n,
				  const SamplePackPlan *plan, char *out)
{
	SamplePackHeader h;
	char	   *p = out + sizeof(SamplePackHeader);
	char	   *y_end = p + plan->y_bytes;

	memset(&h, 0, sizeof(h));
	h.y_enc = plan->y_enc;
	h.w_enc = plan->w_enc;
	h.y_bytes = plan->y_bytes;
	memcpy(out, &h, sizeof(h));

	switch (plan->y_enc)
	{
		case SAMPLE_ENC_RAW:
			memcpy(p, y, (Size) n * sizeof(double));
			p += (Size) n * sizeof(double);
			break;
		case SAMPLE_ENC_INT:
			if (n > 0)
				p = varint_put(p, zigzag((int64) y[0]));
			for (int64 i = 1; i < n; i++)
				p = varint_put(p, (uint64) ((int64) y[i] - (int64) y[i - 1]));
			break;
		case SAMPLE_ENC_KEY:
			{
				uint64		prev = 0;

				for (int64 i = 0; i < n; i++)
				{
					uint64		key = double_sort_key(y[i]);

					p = varint_put(p, key - prev);
					prev = key;
				}
			}
			break;
	}
	if (p != y_end)
		elog(ERROR, "povstat.sample_state packing wrote %zd bytes of incomes, planned %zu",
			 p - (y_end - plan->y_bytes), plan->y_bytes);

	if (w && plan->w_enc == SAMPLE_ENC_RAW)
		memcpy(p, w, (Size) n * sizeof(double));
	else if (w)
	{
		for (int64 i = 0; i < n; i++)
			p = varint_put(p, (uint64) w[i]);
		if (p != y_end + plan->w_bytes)
			elog(ERROR, "povstat.sample_state packing wrote %zd bytes of weights, planned %zu",
				 p - y_end, plan->w_bytes);
	}
}

/*
 * Reading: one stream per packed section, yielding its pairs in ascending
 * order, each checked as it is decoded.
 */
#define PACK_BLOCK	128

typedef struct PackStream
{
	const uint8 *p;				/* next income byte */
	const uint8 *y_end;			/* end of the incomes */
	const uint8 *wp;			/* next weight byte */
	const uint8 *end;			/* end of the value */
	uint8		y_enc;
	uint8		w_enc;
	bool		weighted;
	int64		n;
	int64		i;				/* pairs decoded so far */
	int64		ival;			/* SAMPLE_ENC_INT: the last income */
	uint64		key;			/* SAMPLE_ENC_KEY: the last key */
	double		y;				/* the income last decoded */

	/*
	 * Pairs are decoded PACK_BLOCK at a time, in loops specialised to the
	 * encodings, and merged from here: yb[bpos], wb[bpos] is the next pair
	 * (wb unused when the part is unweighted).
	 */
	int			bpos;
	int			blen;
	double		yb[PACK_BLOCK];
	double		wb[PACK_BLOCK];
} PackStream;

static void
stream_init(PackStream *st, const SamplePackPart *part)
{
	SamplePackHeader h;

	if (part->len < sizeof(SamplePackHeader))
		pack_corrupt("the packed header is truncated");
	memcpy(&h, part->data, sizeof(h));
	for (int i = 0; i < (int) sizeof(h.pad); i++)
		if (h.pad[i] != 0)
			pack_corrupt("padding bytes are not zero");
	if (h.y_enc > SAMPLE_ENC_KEY || h.w_enc > SAMPLE_ENC_INT ||
		(!part->weighted && h.w_enc != SAMPLE_ENC_RAW))
		pack_corrupt(psprintf("unknown encodings %d and %d", h.y_enc, h.w_enc));
	st->p = (const uint8 *) part->data + sizeof(h);
	st->end = (const uint8 *) part->data + part->len;
	if (h.y_bytes > (uint64) (st->end - st->p))
		pack_corrupt(psprintf("incomes are said to take %llu bytes, %zu remain",
							  (unsigned long long) h.y_bytes, (Size) (st->end - st->p)));
	st->y_end = st->p + h.y_bytes;
	st->wp = st->y_end;
	st->y_enc = h.y_enc;
	st->w_enc = h.w_enc;
	st->weighted = part->weighted;
	st->n = part->n;
	st->i = 0;
	st->ival = 0;
	st->key = 0;
	st->y = 0;
	st->bpos = st->blen = 0;

	/* fixed-width sections must hold exactly n numbers */
	if (st->y_enc == SAMPLE_ENC_RAW && h.y_bytes != (uint64) st->n * sizeof(double))
		pack_corrupt("the raw incomes do not match the row count");
	if (st->weighted && st->w_enc == SAMPLE_ENC_RAW &&
		(Size) (st->end - st->y_end) != (Size) st->n * sizeof(double))
		pack_corrupt("the raw weights do not match the row count");
	if (!st->weighted && st->end != st->y_end)
		pack_corrupt("bytes follow the incomes of an unweighted sample");
}

/* Decode weight i (0-based), the next one of a weighted stream. */
static inline double
stream_weight(PackStream *st, int64 i)
{
	double		w;

	if (st->w_enc == SAMPLE_ENC_INT)
	{
		uint64		u = varint_get(&st->wp, st->end);

		if (u > (uint64) (INT64CONST(1) << 53))
			pack_corrupt(psprintf("weight " INT64_FORMAT " is out of range", i + 1));
		w = (double) u;
	}
	else
	{
		memcpy(&w, st->wp, sizeof(double));
		st->wp += sizeof(double);
		if (!isfinite(w) || w < 0)
			pack_corrupt(psprintf("weight " INT64_FORMAT " is not a finite number >= 0", i + 1));
	}
	return w;
}

/* Decode the next block of pairs into yb and wb; st->i < st->n. */
static void
stream_fill(PackStream *st)
{
	int64		i0 = st->i;
	int			cnt = (int) Min((int64) PACK_BLOCK, st->n - i0);

	CHECK_FOR_INTERRUPTS();
	switch (st->y_enc)
	{
		case SAMPLE_ENC_INT:
			for (int c = 0; c < cnt; c++)
			{
				uint64		u = varint_get(&st->p, st->y_end);

				if (i0 + c == 0)
					st->ival = unzigzag(u);
				else
				{
					/* ival >= -2^53 and u <= 2^54: the sum cannot overflow */
					if (u > (uint64) (INT64CONST(1) << 54))
						pack_corrupt(psprintf("income " INT64_FORMAT " is out of range", i0 + c + 1));
					st->ival += (int64) u;
				}
				if (st->ival < -(INT64CONST(1) << 53) || st->ival > (INT64CONST(1) << 53))
					pack_corrupt(psprintf("income " INT64_FORMAT " is out of range", i0 + c + 1));
				st->yb[c] = (double) st->ival;
			}
			break;
		case SAMPLE_ENC_KEY:
			for (int c = 0; c < cnt; c++)
			{
				uint64		d = varint_get(&st->p, st->y_end);
				double		y;

				if (st->key + d < st->key)
					pack_corrupt(psprintf("income " INT64_FORMAT " is out of range", i0 + c + 1));
				st->key += d;
				y = double_from_sort_key(st->key);
				if (!isfinite(y))
					pack_corrupt(psprintf("income " INT64_FORMAT " is not a finite number", i0 + c + 1));
				st->yb[c] = y;
			}
			break;
		default:				/* SAMPLE_ENC_RAW, length checked by stream_init */
			{
				double		prev = st->y;

				for (int c = 0; c < cnt; c++)
				{
					double		y;

					memcpy(&y, st->p, sizeof(double));
					st->p += sizeof(double);
					if (!isfinite(y) || (i0 + c > 0 && y < prev))
						pack_corrupt(psprintf("income " INT64_FORMAT " is not finite or not ascending", i0 + c + 1));
					st->yb[c] = prev = y;
				}
			}
			break;
	}
	st->y = st->yb[cnt - 1];
	if (st->weighted)
		for (int c = 0; c < cnt; c++)
			st->wb[c] = stream_weight(st, i0 + c);
	st->i = i0 + cnt;
	st->bpos = 0;
	st->blen = cnt;
}

/* After the last pair: every byte was used. */
static void
stream_finish(const PackStream *st)
{
	if (st->p != st->y_end)
		pack_corrupt("the incomes do not fill their section");
	if (st->weighted && st->wp != st->end)
		pack_corrupt("bytes follow the weights");
}

/*
 * Check a packed section's header and lengths against its row count before
 * anything is allocated for it: every encoded number takes at least a
 * byte, so the arrays a reader allocates are bounded by the value's size.
 * The numbers themselves are checked as they are decoded.
 */
void
sample_pack_check(const SamplePackPart *part)
{
	PackStream	st;

	stream_init(&st, part);
	if (st.y_enc != SAMPLE_ENC_RAW && (uint64) st.n > (uint64) (st.y_end - st.p))
		pack_corrupt(psprintf("the incomes of " INT64_FORMAT " rows cannot fit in %zu bytes",
							  st.n, (Size) (st.y_end - st.p)));
	if (st.weighted && st.w_enc == SAMPLE_ENC_INT && (uint64) st.n > (uint64) (st.end - st.y_end))
		pack_corrupt(psprintf("the weights of " INT64_FORMAT " rows cannot fit in %zu bytes",
							  st.n, (Size) (st.end - st.y_end)));
}

/*
 * Decode one packed section into y and, if w is not NULL, w (ones when the
 * sample is unweighted).  Everything is checked before it is used: an
 * error, never a read beyond the section.
 */
void
sample_pack_read(const SamplePackPart *part, double *y, double *w)
{
	sample_pack_merge(part, 1, y, w);
}

/*
 * Merging k packed sections (sorted each) into one ascending sequence of
 * pairs, a block at a time: the parallel leader's parts, merged once into
 * arrays of the final size (sample_pack_merge) or read by a finisher as a
 * stream without arrays (sample.c, PairScan).  Among equal incomes the
 * earlier part's come first.
 */
struct SamplePackMerge
{
	int			live;			/* streams with a pair decoded, not yet yielded */
	PackStream	st[FLEXIBLE_ARRAY_MEMBER];
};

SamplePackMerge *
sample_pack_merge_begin(const SamplePackPart *parts, int k)
{
	SamplePackMerge *m = palloc(offsetof(SamplePackMerge, st) + sizeof(PackStream) * Max(k, 1));

	m->live = 0;
	for (int j = 0; j < k; j++)
	{
		PackStream *st = &m->st[m->live];

		stream_init(st, &parts[j]);
		if (st->n > 0)
		{
			stream_fill(st);
			m->live++;
		}
		else
			stream_finish(st);
	}
	return m;
}

/*
 * The next at most max pairs into y and, if w is not NULL, w (ones for
 * unweighted parts); returns how many, 0 once every part is used up, each
 * checked to its last byte.
 */
int64
sample_pack_merge_next(SamplePackMerge *m, double *y, double *w, int64 max)
{
	PackStream *st = m->st;
	int64		o = 0;

	while (o < max && m->live > 0)
	{
		PackStream *s;

		if (m->live == 1)
		{
			/* the last part left: the rest of its block at once */
			int64		cnt;

			s = &st[0];
			cnt = Min((int64) (s->blen - s->bpos), max - o);
			memcpy(y + o, s->yb + s->bpos, cnt * sizeof(double));
			if (w)
			{
				if (s->weighted)
					memcpy(w + o, s->wb + s->bpos, cnt * sizeof(double));
				else
					for (int64 c = 0; c < cnt; c++)
						w[o + c] = 1.0;
			}
			o += cnt;
			s->bpos += (int) cnt;
		}
		else
		{
			/* the smallest head; on ties the earliest part, for stability */
			int			j = 0;
			double		best = st[0].yb[st[0].bpos];

			for (int c = 1; c < m->live; c++)
			{
				double		v = st[c].yb[st[c].bpos];

				if (v < best)
				{
					best = v;
					j = c;
				}
			}
			s = &st[j];
			y[o] = best;
			if (w)
				w[o] = s->weighted ? s->wb[s->bpos] : 1.0;
			o++;
			s->bpos++;
		}
		if (s->bpos == s->blen)
		{
			if (s->i < s->n)
				stream_fill(s);
			else
			{
				stream_finish(s);
				/* keep the order of the remaining parts, for stability */
				memmove(s, s + 1, (m->live - (s - st) - 1) * sizeof(PackStream));
				m->live--;
			}
		}
	}
	return o;
}

void
sample_pack_merge_end(SamplePackMerge *m)
{
	pfree(m);
}

/* All of the parts merged into y and w (as sample_pack_merge_next). */
void
sample_pack_merge(const SamplePackPart *parts, int k, double *y, double *w)
{
	SamplePackMerge *m = sample_pack_merge_begin(parts, k);
	int64		total = 0;

	for (int j = 0; j < k; j++)
		total += parts[j].n;
	(void) sample_pack_merge_next(m, y, w, total);
	sample_pack_merge_end(m);
}

/*
 * Sum of a packed section's weights (its row count when unweighted),
 * reading only the weights, each checked: what a finisher that streams
 * the parts needs before its pass.  Added in the section's order, which is
 * not the merged order: the compensated sum makes the difference
 * negligible.
 */
void
sample_pack_add_weights(const SamplePackPart *part, KahanSum *total)
{
	PackStream	st;

	stream_init(&st, part);
	if (!st.weighted)
	{
		kahan_add(total, (double) st.n);
		return;
	}
	for (int64 i = 0; i < st.n; i++)
	{
		if ((i & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		kahan_add(total, stream_weight(&st, i));
	}
	if (st.wp != st.end)
		pack_corrupt("bytes follow the weights");
}
