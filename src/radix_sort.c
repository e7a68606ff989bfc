/*-------------------------------------------------------------------------
 *
 * radix_sort.c
 *	  Radix sort of IEEE doubles with an optional payload, in place but for
 *	  a small scratch buffer.
 *
 * Why not qsort: the sort-based measures (Gini, quantiles, Palma, relative
 * poverty) sort every income of a register once per query, and a
 * comparison sort of tens of millions of doubles costs several times the
 * table scan.  A radix sort is linear in the number of rows.
 *
 * Why not a plain LSD radix sort: it needs a second copy of the data to
 * scatter into.  For weighted samples (16 bytes a row) that doubles the
 * memory of the aggregate to 32 bytes a row, above the 24 the sort-based
 * aggregates promise (doc/inequality.md).  So the rows are first
 * distributed in place on the top 8 bits of their keys, American-flag
 * style (each row is swapped directly into its bucket), and again on the
 * next 8 bits within any bucket still larger than a small scratch buffer
 * (1/16 of the rows, at least 65536).  Each bucket that fits is sorted on
 * its remaining bits by an LSD radix sort through that scratch.  Incomes
 * spread over a few octaves are split within two levels (the second level
 * separates sixteenths of an octave), and the buckets then fit the
 * processor's caches far better than the whole array, so the LSD passes
 * also run faster.  Digits of 8 bits keep 256 write positions live in the
 * in-place pass; with 16-bit digits values bunched in a narrow range
 * scattered over 65536 positions and ran ten times slower (measured).
 *
 * Keys: the bits of a double, with the sign bit flipped for positive
 * numbers and all bits flipped for negative ones, order as unsigned
 * integers exactly as the doubles do (-0.0 sorts just before +0.0; callers
 * store +0.0 only).  An LSD pass whose digit is the same for every key of
 * the bucket is skipped (integer-valued incomes skip the low mantissa).
 * The weights move with their incomes (structure of arrays); unweighted
 * samples move 8 bytes per row instead of 16.
 *
 * Small buckets go to insertion sort (n <= 32), qsort (n < 1024: clearing
 * even 256-counter histograms would dominate) or LSD with 8-bit digits
 * (n < 65536, where clearing 4096-counter histograms would).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "bigmem.h"
#include "miscadmin.h"
#include "radix_sort.h"
#include "utils/memutils.h"

#define MSD_BITS		8
#define LSD_MAX_BITS	12
#define LSD_SMALL_BITS	8
#define LSD_SMALL_ROWS	65536
#define INSERTION_MAX	32
#define QSORT_MAX		1024
/* scratch: at least this many rows, else 1/SCRATCH_SHARE of the sample */
#define SCRATCH_MIN_ROWS 65536
#define SCRATCH_SHARE	16

typedef struct RadixScratch
{
	double	   *y;
	double	   *w;				/* NULL when unweighted */
	size_t		cap;			/* rows the scratch holds */
	size_t	   *hist;			/* LSD histograms: 6 passes x 4096 */
} RadixScratch;

bool
doubles_are_sorted(const double *y, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (y[i] < y[i - 1])
			return false;
	return true;
}

typedef struct YW
{
	double		y;
	double		w;
} YW;

static int
yw_cmp(const void *a, const void *b)
{
	double		x = ((const YW *) a)->y;
	double		y = ((const YW *) b)->y;

	return (x > y) - (x < y);
}

static int
double_cmp(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* qsort of fewer than QSORT_MAX rows; weighted pairs are packed into sc->y */
static void
small_sort(double *y, double *w, size_t n, RadixScratch *sc)
{
	YW		   *pairs;

	if (w == NULL)
	{
		qsort(y, n, sizeof(double), double_cmp);
		return;
	}
	pairs = (YW *) sc->y;
	for (size_t i = 0; i < n; i++)
	{
		pairs[i].y = y[i];
		pairs[i].w = w[i];
	}
	qsort(pairs, n, sizeof(YW), yw_cmp);
	for (size_t i = 0; i < n; i++)
	{
		y[i] = pairs[i].y;
		w[i] = pairs[i].w;
	}
}

static void
insertion_sort(double *y, double *w, size_t n)
{
	for (size_t i = 1; i < n; i++)
	{
		double		vy = y[i];
		double		vw = w ? w[i] : 0;
		size_t		j = i;

		while (j > 0 && y[j - 1] > vy)
		{
			y[j] = y[j - 1];
			if (w)
				w[j] = w[j - 1];
			j--;
		}
		y[j] = vy;
		if (w)
			w[j] = vw;
	}
}

/*
 * LSD radix sort of y[0..n) (and w) on the low "bits" bits of the keys;
 * the higher bits are equal across the range.  Scatters through the
 * scratch buffer (n <= sc->cap) and ends with the data back in y.
 */
static void
lsd_sort(double *y, double *w, size_t n, int bits, RadixScratch *sc)
{
	int			max_width = (n < LSD_SMALL_ROWS) ? LSD_SMALL_BITS : LSD_MAX_BITS;
	int			passes = (bits + max_width - 1) / max_width;
	int			width = (bits + passes - 1) / passes;
	size_t		size = (size_t) 1 << width;
	uint64		mask = size - 1;
	size_t	   *hist = sc->hist;
	double	   *src_y = y,
			   *src_w = w,
			   *dst_y = sc->y,
			   *dst_w = sc->w;
	uint64		first = double_sort_key(y[0]);

	Assert(n <= sc->cap && passes <= 64 / LSD_SMALL_BITS);
	memset(hist, 0, sizeof(size_t) * passes * size);
	for (size_t i = 0; i < n; i++)
	{
		uint64		k = double_sort_key(y[i]);

		for (int p = 0; p < passes; p++)
			hist[p * size + ((k >> (p * width)) & mask)]++;
	}

	for (int p = 0; p < passes; p++)
	{
		size_t	   *h = hist + p * size;
		int			shift = p * width;
		size_t		sum = 0;

		/* every key has the same digit here: this pass would not move anything */
		if (h[(first >> shift) & mask] == n)
			continue;
		for (size_t d = 0; d < size; d++)
		{
			size_t		c = h[d];

			h[d] = sum;
			sum += c;
		}
		if (src_w)
		{
			for (size_t i = 0; i < n; i++)
			{
				double		v = src_y[i];
				size_t		pos = h[(double_sort_key(v) >> shift) & mask]++;

				dst_y[pos] = v;
				dst_w[pos] = src_w[i];
			}
		}
		else
		{
			for (size_t i = 0; i < n; i++)
			{
				double		v = src_y[i];

				dst_y[h[(double_sort_key(v) >> shift) & mask]++] = v;
			}
		}
		/* the data sorted so far is now in dst: swap roles */
		{
			double	   *t = src_y;

			src_y = dst_y;
			dst_y = t;
			t = src_w;
			src_w = dst_w;
			dst_w = t;
		}
	}
	if (src_y != y)
	{
		memcpy(y, src_y, n * sizeof(double));
		if (w)
			memcpy(w, src_w, n * sizeof(double));
	}
}

/*
 * Sort y[0..n) (and w) on the low "bits" bits of the keys: in place on the
 * top 8 of them when the range does not fit the scratch, else by LSD.
 */
static void
sort_range(double *y, double *w, size_t n, int bits, RadixScratch *sc)
{
	size_t	   *count;
	size_t	   *next;
	int			width,
				size,
				shift;
	uint64		mask;

	if (n <= INSERTION_MAX)
	{
		insertion_sort(y, w, n);
		return;
	}
	if (n < QSORT_MAX)
	{
		small_sort(y, w, n, sc);
		return;
	}
	if (n <= sc->cap)
	{
		lsd_sort(y, w, n, bits, sc);
		return;
	}

	/*
	 * In place on the top 8 of the remaining bits, or on all of them when
	 * 8 or fewer remain: then the buckets hold equal keys and the range is
	 * sorted.
	 */
	CHECK_FOR_INTERRUPTS();
	width = Min(MSD_BITS, bits);
	size = 1 << width;
	mask = size - 1;
	shift = bits - width;
	count = palloc0(sizeof(size_t) * size);
	next = palloc(sizeof(size_t) * (size + 1));
	for (size_t i = 0; i < n; i++)
		count[(double_sort_key(y[i]) >> shift) & mask]++;
	next[0] = 0;
	for (int b = 0; b < size; b++)
		next[b + 1] = next[b] + count[b];

	/*
	 * American flag sort: for each bucket in turn, take the row at its next
	 * free position; while that row belongs elsewhere, swap it into the
	 * next free position of its own bucket.  Each row moves at most once
	 * into its final bucket.  count[b] becomes the end of bucket b.
	 */
	for (int b = 0; b < size; b++)
		count[b] = next[b + 1];
	for (int b = 0; b < size; b++)
	{
		while (next[b] < count[b])
		{
			size_t		i = next[b];
			double		vy = y[i];
			double		vw = w ? w[i] : 0;
			int			d = (double_sort_key(vy) >> shift) & mask;

			while (d != b)
			{
				size_t		j = next[d]++;
				double		ty = y[j];

				y[j] = vy;
				vy = ty;
				if (w)
				{
					double		tw = w[j];

					w[j] = vw;
					vw = tw;
				}
				d = (double_sort_key(vy) >> shift) & mask;
			}
			y[i] = vy;
			if (w)
				w[i] = vw;
			next[b]++;
		}
	}

	/* each bucket now holds its rows; sort them on the bits below */
	if (shift > 0)
	{
		size_t		start = 0;

		for (int b = 0; b < size; b++)
		{
			size_t		end = count[b];

			if (end - start > 1)
				sort_range(y + start, w ? w + start : NULL, end - start, shift, sc);
			start = end;
		}
	}
	pfree(count);
	pfree(next);
}

void
radix_sort_doubles(double *y, double *w, size_t n)
{
	RadixScratch sc;
	void	   *y_block;
	void	   *w_block = NULL;

	if (n < 2)
		return;
	if (n <= INSERTION_MAX)
	{
		insertion_sort(y, w, n);
		return;
	}
	/* at least 2 x QSORT_MAX rows: small_sort packs up to QSORT_MAX pairs into sc.y */
	sc.cap = Max(Min(n, Max(SCRATCH_MIN_ROWS, n / SCRATCH_SHARE)), 2 * QSORT_MAX);
	/* new memory, written at once: on huge pages where it is large */
	sc.y = bigmem_palloc(sc.cap * sizeof(double), &y_block);
	sc.w = w ? bigmem_palloc(sc.cap * sizeof(double), &w_block) : NULL;
	sc.hist = palloc(sizeof(size_t) * (64 / LSD_SMALL_BITS) * ((size_t) 1 << LSD_MAX_BITS));
	sort_range(y, w, n, 64, &sc);
	pfree(y_block);
	if (w)
		pfree(w_block);
	pfree(sc.hist);
}
