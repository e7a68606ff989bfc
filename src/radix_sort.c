/*-------------------------------------------------------------------------
 *
 * radix_sort.c
 *	  Least-significant-digit radix sort of IEEE doubles with a payload.
 *
 * Why not qsort: the sort-based measures (Gini, quantiles, Palma, relative
 * poverty) sort every income of a register once per query, and a
 * comparison sort of tens of millions of doubles costs several times the
 * table scan.  An LSD radix sort is linear: one read pass builds the
 * histograms of all digits, then one scatter pass per digit.
 *
 * Keys: the bits of a double, with the sign bit flipped for positive
 * numbers and all bits flipped for negative ones, order as unsigned
 * integers exactly as the doubles do (-0.0 sorts just before +0.0; callers
 * store +0.0 only).  Digits are 11 bits wide (6 passes over 64 bits); a
 * pass whose digit is the same for every key is skipped, which drops the
 * sign/exponent pass for incomes of one order of magnitude and the low
 * mantissa passes for integer-valued incomes.  The weights move with their
 * incomes (structure of arrays), and unweighted samples move 8 bytes per
 * row instead of 16.
 *
 * Small inputs go to insertion sort (n <= 32) or qsort (n < 1024), where
 * clearing and summing 6 x 2048 counters would dominate.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "radix_sort.h"

#define RADIX_BITS		11
#define RADIX_SIZE		(1 << RADIX_BITS)
#define RADIX_MASK		(RADIX_SIZE - 1)
#define RADIX_PASSES	6		/* ceil(64 / 11) */
#define INSERTION_MAX	32
#define QSORT_MAX		1024

static inline uint64
radix_key(double d)
{
	uint64		u;

	memcpy(&u, &d, sizeof(u));
	return (u & UINT64CONST(0x8000000000000000)) ? ~u : (u | UINT64CONST(0x8000000000000000));
}

bool
doubles_are_sorted(const double *y, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (y[i] < y[i - 1])
			return false;
	return true;
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

void
radix_sort_doubles(double **yp, double **wp, double **typ, double **twp, size_t n)
{
	double	   *src_y = *yp,
			   *src_w = *wp,
			   *dst_y = *typ,
			   *dst_w = *twp;
	size_t	   *hist;
	uint64		first;

	if (n < 2)
		return;
	if (n <= INSERTION_MAX)
	{
		insertion_sort(src_y, src_w, n);
		return;
	}
	if (n < QSORT_MAX)
	{
		if (src_w == NULL)
		{
			qsort(src_y, n, sizeof(double), double_cmp);
			return;
		}
		/* pack pairs into the scratch space (2n doubles), sort, unpack */
		{
			YW		   *pairs = palloc(n * sizeof(YW));

			for (size_t i = 0; i < n; i++)
			{
				pairs[i].y = src_y[i];
				pairs[i].w = src_w[i];
			}
			qsort(pairs, n, sizeof(YW), yw_cmp);
			for (size_t i = 0; i < n; i++)
			{
				src_y[i] = pairs[i].y;
				src_w[i] = pairs[i].w;
			}
			pfree(pairs);
		}
		return;
	}

	/* one read pass: histograms of every digit */
	hist = palloc0(sizeof(size_t) * RADIX_PASSES * RADIX_SIZE);
	for (size_t i = 0; i < n; i++)
	{
		uint64		k = radix_key(src_y[i]);

		hist[0 * RADIX_SIZE + (k & RADIX_MASK)]++;
		hist[1 * RADIX_SIZE + ((k >> 11) & RADIX_MASK)]++;
		hist[2 * RADIX_SIZE + ((k >> 22) & RADIX_MASK)]++;
		hist[3 * RADIX_SIZE + ((k >> 33) & RADIX_MASK)]++;
		hist[4 * RADIX_SIZE + ((k >> 44) & RADIX_MASK)]++;
		hist[5 * RADIX_SIZE + ((k >> 55) & RADIX_MASK)]++;
	}
	first = radix_key(src_y[0]);

	for (int pass = 0; pass < RADIX_PASSES; pass++)
	{
		size_t	   *h = hist + pass * RADIX_SIZE;
		int			shift = pass * RADIX_BITS;
		size_t		sum = 0;

		/* every key has the same digit here: this pass would not move anything */
		if (h[(first >> shift) & RADIX_MASK] == n)
			continue;
		CHECK_FOR_INTERRUPTS();

		for (int d = 0; d < RADIX_SIZE; d++)
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
				size_t		pos = h[(radix_key(v) >> shift) & RADIX_MASK]++;

				dst_y[pos] = v;
				dst_w[pos] = src_w[i];
			}
		}
		else
		{
			for (size_t i = 0; i < n; i++)
			{
				double		v = src_y[i];

				dst_y[h[(radix_key(v) >> shift) & RADIX_MASK]++] = v;
			}
		}
		/* the sorted-so-far data is now in dst: swap roles */
		{
			double	   *t = src_y;

			src_y = dst_y;
			dst_y = t;
			t = src_w;
			src_w = dst_w;
			dst_w = t;
		}
	}
	pfree(hist);

	*yp = src_y;
	*wp = src_w;
	*typ = dst_y;
	*twp = dst_w;
}
