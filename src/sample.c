/*-------------------------------------------------------------------------
 *
 * sample.c
 *	  Sort-based measures over a povstat.sample_state: Gini, weighted
 *	  quantiles and median, decile shares, Lorenz curve, Palma, S80/S20,
 *	  QSR, relative poverty (ARPT, ARPR, RMPG), Sen and Sen-Shorrocks-Thon.
 *
 * References (formulas: ../shared measures reference; doc/inequality.md):
 *	- Gini: Eurostat EU-SILC definition as the R package laeken computes it,
 *	  G = (2 sum w y C - sum w^2 y) / (W sum w y) - 1 over ascending y, C the
 *	  cumulative weight;
 *	- quantile: Eurostat / laeken weightedQuantile, q(p) = y_k for the
 *	  smallest k with C_k / W > p (strictly), q(0) = min, q(1) = max;
 *	- Palma (Cobham & Sumner 2013), S80/S20 and decile shares on the
 *	  interpolated Lorenz curve B(p) (the unit straddling pW is split);
 *	- QSR: Eurostat (laeken qsr), sum of w y above q(0.8) over sum of w y at
 *	  or below q(0.2);
 *	- ARPT = share x weighted median, ARPR = weight below ARPT (strict <) / W,
 *	  RMPG = (ARPT - median of incomes below ARPT) / ARPT (Eurostat);
 *	- Sen (1976) in the replication-invariant form of Haughton & Khandker,
 *	  Handbook on Poverty and Inequality (World Bank 2009), ch. 4:
 *	  S = H (I + (1 - I) G_p);
 *	- Sen-Shorrocks-Thon (Shorrocks 1995; Xu & Osberg 2002):
 *	  SST = FGT1 (1 + G(g)), g = 1 - y/z for the poor, 0 otherwise.
 *
 * Representation, and why (issue 4 asks to measure and say why):
 *
 * The state is a growing array of (income, weight) pairs.  A transition
 * function that returns a pointer other than its input makes the executor
 * (ExecAggTransReparent) datumCopy the new value into the aggregate context
 * and pfree the old one, unless the new value is a read-write expanded
 * object whose memory context is a direct child of the aggregate context.
 * So a plain varlena that grows must either be over-allocated up front (no
 * bound per row) or be copied twice per growth step (our copy, then the
 * executor's), with three live copies at the peak; and repalloc'ing it in
 * place would be freed again by the executor.  An expanded object
 * (utils/expandeddatum.h, as arrays use) keeps a fixed header that the
 * executor never copies; the arrays inside grow with repalloc_huge while
 * small and, from 1 MB, as mappings of their own that mremap moves by
 * pages rather than bytes (see sample_map).
 * Measured on 5M unweighted rows (bench/sample_experiment.sql, PostgreSQL
 * 15, jit off, serial, best of 3 on a loaded 2-core machine where
 * sum(income) took 234 ns/row): accumulating into the expanded object 379
 * ns/row including the scan, into the reallocated-and-returned varlena 585
 * ns/row (two copies per growth step into fresh pages, three live copies
 * at the peak).  The expanded object also means no size limit while
 * aggregating serially: only a flat copy (parallel transfer, a table) is
 * bounded by the 1 GB varlena limit.
 *
 * Flattening (parallel workers shipping their part to the leader, storing a
 * state) sorts first, then packs the pairs (src/sample_pack.c): the workers
 * sort their parts in parallel, a stored state is finished later without
 * sorting again, and every copy the executor makes of a part on its way to
 * the leader is smaller (8 times for incomes in dong, unweighted).  The
 * combine function keeps the packed parts as they come.  A final
 * function merges them as it reads, block by block, without writing the
 * merged sample anywhere (get_source, PairScan); where the query shares
 * the state among aggregates, the state is read a second time, or the
 * measure needs arrays, they are merged once into arrays of the final
 * size instead (sample_materialize).  Parts that are
 * not packed are appended as sorted runs and merged once (see
 * sample_combine).
 *
 * Several sort-based aggregates over the same arguments share one
 * transition state (same SFUNC, STYPE and arguments; FINALFUNC_MODIFY =
 * SHAREABLE).  The finishers sort the state in place once and mark it
 * sorted; sorting does not change the multiset of pairs, so every other
 * finisher of the same state still sees the same sample.
 *
 *-------------------------------------------------------------------------
 */
#include "povstat.h"

#include <sys/mman.h>

#include "bigmem.h"
#include "catalog/pg_type.h"
#include "common/base64.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "radix_sort.h"
#include "sample.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(sample_state_in);
PG_FUNCTION_INFO_V1(sample_state_out);
PG_FUNCTION_INFO_V1(sample_state_recv);
PG_FUNCTION_INFO_V1(sample_state_send);
PG_FUNCTION_INFO_V1(sample_accum);
PG_FUNCTION_INFO_V1(sample_p_accum);
PG_FUNCTION_INFO_V1(sample_share_accum);
PG_FUNCTION_INFO_V1(sample_points_accum);
PG_FUNCTION_INFO_V1(sample_line_accum);
PG_FUNCTION_INFO_V1(sample_combine);
PG_FUNCTION_INFO_V1(sample_population);
PG_FUNCTION_INFO_V1(sample_rows);
PG_FUNCTION_INFO_V1(sample_gini);
PG_FUNCTION_INFO_V1(sample_quantile);
PG_FUNCTION_INFO_V1(sample_quantile_final);
PG_FUNCTION_INFO_V1(sample_median);
PG_FUNCTION_INFO_V1(sample_decile_shares);
PG_FUNCTION_INFO_V1(sample_lorenz);
PG_FUNCTION_INFO_V1(sample_lorenz_final);
PG_FUNCTION_INFO_V1(sample_palma);
PG_FUNCTION_INFO_V1(sample_s80s20);
PG_FUNCTION_INFO_V1(sample_qsr);
PG_FUNCTION_INFO_V1(sample_arpt);
PG_FUNCTION_INFO_V1(sample_arpt_share);
PG_FUNCTION_INFO_V1(sample_arpt_final);
PG_FUNCTION_INFO_V1(sample_arpr);
PG_FUNCTION_INFO_V1(sample_arpr_share);
PG_FUNCTION_INFO_V1(sample_arpr_final);
PG_FUNCTION_INFO_V1(sample_rmpg);
PG_FUNCTION_INFO_V1(sample_rmpg_share);
PG_FUNCTION_INFO_V1(sample_rmpg_final);
PG_FUNCTION_INFO_V1(sample_arpr_at);
PG_FUNCTION_INFO_V1(sample_rmpg_at);
PG_FUNCTION_INFO_V1(sample_sen);
PG_FUNCTION_INFO_V1(sample_sen_strict);
PG_FUNCTION_INFO_V1(sample_sst);
PG_FUNCTION_INFO_V1(sample_sst_strict);

#define SAMPLE_TYPNAME	"sample_state"
#define SAMPLE_MIN_CAP	16
#define ARPT_DEFAULT_SHARE 0.6
/* largest n whose flat form (weighted) stays below the varlena limit */
#define SAMPLE_MAX_FLAT_ROWS(weighted) \
	((int64) ((MaxAllocSize - SAMPLE_FLAT_HDRSZ) / (sizeof(double) * ((weighted) ? 2 : 1))))

/* ---------------------------------------------------------------------
 * The expanded object
 * ---------------------------------------------------------------------
 */

static Size sample_get_flat_size(ExpandedObjectHeader *eohptr);
static void sample_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods sample_methods = {
	sample_get_flat_size,
	sample_flatten_into
};

static void sample_materialize(SampleExpanded *s);
static void sample_flat_validate(const SampleFlat *f, bool binary);
static SamplePackPart flat_pack_part(const SampleFlat *f);
static void sample_append_part(SampleExpanded *a, const SampleView *b, const SampleFlat *packed);

/*
 * Arrays of the sample.  Small ones are palloc'd.  Large ones (from 1 MB)
 * are anonymous mappings of their own, advised for transparent huge pages
 * and grown with mremap.  Measured on this project's 2-core VM
 * (bench/RESULTS.md), where first touch of a 4 kB page costs about 15 us:
 *
 * - filling 10 million incomes (80 MB) through repalloc took 250 ms of
 *   page faults, through an advised mapping grown by mremap 35 ms;
 * - advice cannot follow repalloc: glibc moves a chunk below its mmap
 *   threshold (up to 32 MB) by copying it within the heap, and advising
 *   after each repalloc made growth slower still;
 * - a huge page backs only a whole, aligned 2 MB of a mapping.  While
 *   mappings had any size and address, the part of the last 2 MB beyond
 *   each old end was faulted in 4 kB pages, and so was all of a mapping
 *   the kernel moved to an unaligned address: a serial 3-million-row
 *   median took 4,500 faults.  So mappings start on a 2 MB boundary
 *   (bigmem.c), move only to one, and from 4 MB span whole huge pages (a
 *   growing array rounds its new capacity down to them, or up by one page
 *   if that falls short); the median now takes 1,800 faults, most of them
 *   below 4 MB, and a 3-million-row weighted Gini ran in 340 ms instead
 *   of 470.
 *
 * A mapping grows without copying, so the bound of 1.5 times the rows
 * held (12 bytes per row unweighted, 24 weighted) still holds at the
 * peak.  The one copy, from the palloc'd array into the first mapping,
 * holds both for a moment: at 1 MB that is noise, at 8 MB it put a
 * million-row median above its 12 bytes per row (scripts/suites/memory.sh).
 * A plain aggregate whose input the planner puts at half a million rows or
 * more skips the growth: its arrays are mapped at the estimated size from
 * the first row (sample_expected_rows), and the bound holds for the
 * memory touched, not the address space.  Groups of more than 131,072
 * rows each take one mapping per array, far below the kernel's map count
 * limit for any register.  A mapping's size is added to the memory
 * context's allocation count, so that hash aggregation's spill decisions
 * and pg_backend_memory_contexts still see it, and a reset callback of the
 * state's own context unmaps it (end of the aggregate, or error).
 */
#define SAMPLE_MAP_MIN	((Size) 1024 * 1024)

/* mremap is Linux's; elsewhere every array is palloc'd */
#if defined(MREMAP_MAYMOVE) && defined(MREMAP_FIXED)
#define SAMPLE_USE_MAPPINGS 1
#else
#define SAMPLE_USE_MAPPINGS 0
#endif

static void
sample_unmap(MemoryContext cxt, double *a, Size *mapped)
{
	if (*mapped == 0)
		return;
	if (munmap(a, *mapped) != 0)
		elog(WARNING, "povstat: munmap of a sample array failed: %m");
	cxt->mem_allocated -= *mapped;
	*mapped = 0;
}

static void
sample_unmap_all(void *arg)
{
	SampleExpanded *s = (SampleExpanded *) arg;

	sample_unmap(s->eoh.eoh_context, s->y, &s->y_mapped);
	if (s->w)
		sample_unmap(s->eoh.eoh_context, s->w, &s->w_mapped);
	for (int j = 0; j < s->npending; j++)
		sample_unmap(s->eoh.eoh_context, (double *) s->pending[j], &s->pending_mapped[j]);
}

static void sample_map_failed(Size size) pg_attribute_noreturn();

static void
sample_map_failed(Size size)
{
	ereport(ERROR,
			(errcode(ERRCODE_OUT_OF_MEMORY),
			 errmsg("out of memory"),
			 errdetail("Failed to map %zu bytes for a povstat.sample_state: %m.", size)));
}

/*
 * Bytes to map for an array of size bytes: whole huge pages from two of
 * them on, where rounding up adds at most half (an exact-size array then
 * stays within the 1.5 times bound); below that, whole pages of the
 * kernel's size, so that *mapped is the mapping's true length.
 */
static Size
sample_map_size(Size size)
{
	if (size >= BIGMEM_WHOLE_PAGES_MIN)
		return TYPEALIGN(BIGMEM_HUGE_PAGE, size);
	return bigmem_page_align(size);
}

/* A mapping for size bytes, counted in cxt; NULL (errno set) if refused. */
static double *
sample_try_map(MemoryContext cxt, Size size, Size *mapped)
{
	void	   *p;

	size = sample_map_size(size);
	p = bigmem_map_aligned(size);
	if (p == NULL)
		return NULL;
	cxt->mem_allocated += size;
	*mapped = size;
	return p;
}

static double *
sample_map(MemoryContext cxt, Size size, Size *mapped)
{
	double	   *p = sample_try_map(cxt, size, mapped);

	if (p == NULL)
		sample_map_failed(sample_map_size(size));
	return p;
}

#if SAMPLE_USE_MAPPINGS
/*
 * Resize a mapping to size bytes (rounded as sample_map_size does): in
 * place if the addresses after it are free, else moved with its pages to
 * a new aligned mapping, so that its huge pages stay whole.
 */
static double *
sample_remap(MemoryContext cxt, double *a, Size *mapped, Size size)
{
	void	   *p;

	size = sample_map_size(size);
	if (size == *mapped)
		return a;
	p = mremap(a, *mapped, size, 0);
	if (p == MAP_FAILED && size > *mapped)
	{
		void	   *target = bigmem_map_aligned(size);

		if (target == NULL)
			sample_map_failed(size);
		p = mremap(a, *mapped, size, MREMAP_MAYMOVE | MREMAP_FIXED, target);
		if (p == MAP_FAILED)
		{
			int			save_errno = errno;

			(void) munmap(target, size);
			errno = save_errno;
		}
	}
	if (p == MAP_FAILED)
		sample_map_failed(size);
	cxt->mem_allocated += size;
	cxt->mem_allocated -= *mapped;
	*mapped = size;
	return p;
}
#endif

/* An array of n doubles for the expanded sample s. */
static double *
sample_array_alloc(SampleExpanded *s, int64 n, Size *mapped)
{
	Size		size = (Size) n * sizeof(double);

	*mapped = 0;
	if (SAMPLE_USE_MAPPINGS && size >= SAMPLE_MAP_MIN)
		return sample_map(s->eoh.eoh_context, size, mapped);
	return MemoryContextAllocHuge(s->eoh.eoh_context, size);
}

/* Resize an array of s to n doubles, keeping its first used ones. */
static double *
sample_array_resize(SampleExpanded *s, double *a, Size *mapped, int64 used, int64 n)
{
	Size		size = (Size) n * sizeof(double);

#if SAMPLE_USE_MAPPINGS
	if (*mapped)
		return sample_remap(s->eoh.eoh_context, a, mapped, size);
	if (size >= SAMPLE_MAP_MIN)
	{
		Size		new_mapped;
		double	   *b = sample_map(s->eoh.eoh_context, size, &new_mapped);

		memcpy(b, a, Min(used, n) * sizeof(double));
		pfree(a);
		*mapped = new_mapped;
		return b;
	}
#endif
	return repalloc_huge(a, size);
}

static void
sample_array_free(SampleExpanded *s, double *a, Size *mapped)
{
	if (*mapped)
		sample_unmap(s->eoh.eoh_context, a, mapped);
	else
		pfree(a);
}

/*
 * A scratch copy outside any sample (a flat state that must be sorted),
 * freed with the current memory context.
 */
static double *
sample_scratch_alloc(int64 n)
{
	void	   *block;

	return bigmem_palloc((Size) n * sizeof(double), &block);
}

/*
 * Rows from which a state sizes its arrays from the planner's estimate
 * (sample_expected_rows): where arrays of whole huge pages begin.
 */
#define SAMPLE_PRESIZE_MIN_ROWS ((int64) (BIGMEM_WHOLE_PAGES_MIN / sizeof(double)))
/*
 * and the most it reserves that way: 64 MB per array; beyond, it grows in
 * whole huge pages, which costs little
 */
#define SAMPLE_PRESIZE_MAX_ROWS ((int64) 8 * 1024 * 1024)

/*
 * How many rows a new state of a plain aggregate (one state for the whole
 * input, no GROUP BY, no FILTER) should expect: the planner's estimate of
 * the input, in a parallel plan the share of one process.  0 where there is
 * none, or it is below SAMPLE_PRESIZE_MIN_ROWS.
 *
 * Why: an array that grows from 16 rows reaches 4 MB through a palloc'd
 * block and a mapping in 4 kB pages, about 1,000 faults; on the bench's VM
 * those cost 12-15 ms per array, a tenth of a weighted three-million-row
 * Gini, and each parallel worker pays them again.  Sized from the estimate,
 * the array is a mapping of whole huge pages from its first row.
 *
 * An estimate too high costs address space, not memory: pages of the
 * mapping that no row reaches are never touched, so the memory used stays
 * within one huge page of the rows held.  But the context's allocation
 * count, and under vm.overcommit_memory = 2 the commit charge, include the
 * whole mapping until the final function sorts the sample and gives the
 * rest back; hence the cap, and no sizing where the estimate is not the
 * state's own: a FILTER (one state per filter, each seeing a part of the
 * input the planner does not estimate) or GROUP BY (per-group estimates
 * are rough, and a huge page per small group would break the bound of 24
 * bytes a row).  An estimate too low only means the usual growth.
 */
static int64
sample_expected_rows(FunctionCallInfo fcinfo)
{
	Agg		   *agg;
	Aggref	   *aggref;
	Plan	   *input;
	double		rows;

	if (fcinfo->context == NULL || !IsA(fcinfo->context, AggState))
		return 0;
	agg = (Agg *) ((AggState *) fcinfo->context)->ss.ps.plan;
	if (agg == NULL || agg->aggstrategy != AGG_PLAIN || agg->groupingSets != NIL)
		return 0;
	aggref = AggGetAggref(fcinfo);
	if (aggref == NULL || aggref->aggfilter != NULL)
		return 0;
	input = outerPlan(agg);
	if (input == NULL)
		return 0;
	rows = input->plan_rows;
	if (!(rows >= (double) SAMPLE_PRESIZE_MIN_ROWS))
		return 0;
	return (rows >= (double) SAMPLE_PRESIZE_MAX_ROWS) ? SAMPLE_PRESIZE_MAX_ROWS : (int64) rows;
}

/*
 * An array for the expected rows, whole huge pages, or NULL (and *mapped
 * 0) if the kernel refuses: then the state starts small as usual, since a
 * planner's guess must not turn into an out-of-memory error.
 */
static double *
sample_array_presize(SampleExpanded *s, int64 *rows, Size *mapped)
{
	double	   *p = NULL;

	*mapped = 0;
#if SAMPLE_USE_MAPPINGS
	{
		const int64 rows_per_page = BIGMEM_HUGE_PAGE / sizeof(double);

		*rows = (*rows + rows_per_page - 1) / rows_per_page * rows_per_page;
		p = sample_try_map(s->eoh.eoh_context, (Size) *rows * sizeof(double), mapped);
	}
#endif
	return p;
}

/*
 * A new state in a context of its own under parent, with room for cap
 * rows, or for expected ones (sample_expected_rows) if the kernel maps them.
 */
static SampleExpanded *
sample_new(MemoryContext parent, uint16 flags, double param, int64 cap, int64 expected)
{
	/*
	 * Small initial blocks: with GROUP BY there is one state per group, and
	 * most groups of a register (communes, villages) are small.
	 */
	MemoryContext cxt = AllocSetContextCreate(parent, "povstat sample_state",
											  ALLOCSET_SMALL_SIZES);
	SampleExpanded *s = MemoryContextAllocZero(cxt, sizeof(SampleExpanded));

	EOH_init_header(&s->eoh, &sample_methods, cxt);
	s->unmap_callback.func = sample_unmap_all;
	s->unmap_callback.arg = s;
	MemoryContextRegisterResetCallback(cxt, &s->unmap_callback);
	s->flags = flags;
	s->param = param;
	s->n = 0;
	s->y = NULL;
	s->w = NULL;
	if (expected > cap)
	{
		int64		rows = expected;

		s->y = sample_array_presize(s, &rows, &s->y_mapped);
		if (s->y != NULL && (flags & SAMPLE_FLAG_WEIGHTED))
		{
			s->w = sample_array_presize(s, &rows, &s->w_mapped);
			if (s->w == NULL)
			{
				sample_unmap(cxt, s->y, &s->y_mapped);
				s->y = NULL;
			}
		}
		if (s->y != NULL)
			s->cap = rows;
	}
	if (s->y == NULL)
	{
		s->cap = Max(cap, SAMPLE_MIN_CAP);
		s->y = sample_array_alloc(s, s->cap, &s->y_mapped);
		s->w = (flags & SAMPLE_FLAG_WEIGHTED) ? sample_array_alloc(s, s->cap, &s->w_mapped) : NULL;
	}
	s->plan_n = -1;
	return s;
}

/*
 * Grow by half: at most 1.5 times the rows held (the 24 bytes/row bound),
 * or for a state sized from the planner's estimate 1.5 times that.
 */
static void
sample_grow(SampleExpanded *s, int64 need)
{
	int64		cap = s->cap;

	while (cap < need)
		cap += Max(cap / 2, SAMPLE_MIN_CAP);
	/* whole huge pages, rounded down to keep within 1.5 times (see above) */
	if ((Size) cap * sizeof(double) >= BIGMEM_WHOLE_PAGES_MIN)
	{
		const int64 rows_per_page = BIGMEM_HUGE_PAGE / sizeof(double);
		int64		whole = cap - cap % rows_per_page;

		cap = (whole >= need) ? whole : whole + rows_per_page;
	}
	if ((Size) cap > MaxAllocHugeSize / sizeof(double))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("povstat.sample_state cannot hold " INT64_FORMAT " rows", need)));
	s->y = sample_array_resize(s, s->y, &s->y_mapped, s->n, cap);
	if (s->w)
		s->w = sample_array_resize(s, s->w, &s->w_mapped, s->n, cap);
	s->cap = cap;
}

/* Give an unweighted sample a weight array of ones (merging with a weighted one). */
static void
sample_make_weighted(SampleExpanded *s)
{
	if (s->w)
		return;
	s->w = sample_array_alloc(s, s->cap, &s->w_mapped);
	for (int64 i = 0; i < s->n; i++)
		s->w[i] = 1.0;
	s->flags |= SAMPLE_FLAG_WEIGHTED;
}

static inline void
sample_append(SampleExpanded *s, double y, double w)
{
	if (unlikely(s->n >= s->cap))
		sample_grow(s, s->n + 1);
	/* store +0.0 for -0.0, so that the sort order of equal values is one */
	s->y[s->n] = (y == 0) ? 0.0 : y;
	if (s->w)
		s->w[s->n] = w;
	s->n++;
	s->flags &= ~SAMPLE_FLAG_SORTED;
	s->nruns = 0;
}

/*
 * Merge the adjacent ascending runs [lo, mid) and [mid, hi) of y (and w)
 * in place, through scratch space for the shorter run: it is copied out,
 * then the merge fills the gap it left, forward when the left run is the
 * shorter, backward otherwise.  Stable: among equal values the left run's
 * come first.
 */
static void
merge_adjacent(double *y, double *w, int64 lo, int64 mid, int64 hi,
			   double *sy, double *sw)
{
	if (mid - lo <= hi - mid)
	{
		int64		nl = mid - lo,
					i = 0,
					j = mid,
					k = lo;

		memcpy(sy, y + lo, nl * sizeof(double));
		if (w)
			memcpy(sw, w + lo, nl * sizeof(double));
		while (i < nl && j < hi)
		{
			if (y[j] < sy[i])
			{
				y[k] = y[j];
				if (w)
					w[k] = w[j];
				j++;
			}
			else
			{
				y[k] = sy[i];
				if (w)
					w[k] = sw[i];
				i++;
			}
			if ((++k & 0xFFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		/* what is left of the right run is already in place */
		memcpy(y + k, sy + i, (nl - i) * sizeof(double));
		if (w)
			memcpy(w + k, sw + i, (nl - i) * sizeof(double));
	}
	else
	{
		int64		nr = hi - mid,
					i = mid - 1,
					j = nr - 1,
					k = hi - 1;

		memcpy(sy, y + mid, nr * sizeof(double));
		if (w)
			memcpy(sw, w + mid, nr * sizeof(double));
		while (i >= lo && j >= 0)
		{
			if (sy[j] < y[i])
			{
				y[k] = y[i];
				if (w)
					w[k] = w[i];
				i--;
			}
			else
			{
				y[k] = sy[j];
				if (w)
					w[k] = sw[j];
				j--;
			}
			if ((k-- & 0xFFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		/* what is left of the left run is already in place */
		memcpy(y + lo, sy, (j + 1) * sizeof(double));
		if (w)
			memcpy(w + lo, sw, (j + 1) * sizeof(double));
	}
}

/*
 * Of the runs between nb run bounds, the adjacent pair with the fewest
 * rows: the index of the bound between them.
 */
static int
smallest_adjacent_pair(const int64 *bounds, int nb)
{
	int			best = 1;

	for (int r = 2; r < nb - 1; r++)
		if (bounds[r + 1] - bounds[r - 1] < bounds[best + 1] - bounds[best - 1])
			best = r;
	return best;
}

/*
 * Merge the runs of s into one, in place.  The runs are merged pairwise,
 * always the adjacent pair with the fewest rows first, through one scratch
 * buffer as large as the largest shorter side of those merges (a third of
 * the rows for a parallel plan's three parts).  A merge into fresh arrays
 * would move fewer bytes, but would touch new memory for every row, which
 * costs more than the moves where first touches are expensive (the VM of
 * bench/RESULTS.md: 4-5 ms per MB in 4 kB pages).
 */
static void
sample_merge_runs(SampleExpanded *s)
{
	int64		bounds[SAMPLE_MAX_RUNS + 1];
	int			nb = s->nruns + 1;
	int64		scratch_rows = 0;
	MemoryContext old_cxt;
	void	   *sy_block,
			   *sw_block = NULL;
	double	   *sy,
			   *sw = NULL;

	/* plan: the order of the merges gives the scratch size */
	bounds[0] = 0;
	memcpy(bounds + 1, s->run_end, s->nruns * sizeof(int64));
	{
		int64		sim[SAMPLE_MAX_RUNS + 1];
		int			m = nb;

		memcpy(sim, bounds, nb * sizeof(int64));
		while (m > 2)
		{
			int			best = smallest_adjacent_pair(sim, m);

			scratch_rows = Max(scratch_rows,
							   Min(sim[best] - sim[best - 1], sim[best + 1] - sim[best]));
			memmove(sim + best, sim + best + 1, (m - best - 1) * sizeof(int64));
			m--;
		}
	}

	/*
	 * palloc'd in the state's context, not mapped: a cancel inside the merge
	 * frees it with the context, where a mapping known only here would stay
	 * mapped for the life of the backend
	 */
	old_cxt = MemoryContextSwitchTo(s->eoh.eoh_context);
	sy = bigmem_palloc((Size) Max(scratch_rows, 1) * sizeof(double), &sy_block);
	if (s->w)
		sw = bigmem_palloc((Size) Max(scratch_rows, 1) * sizeof(double), &sw_block);
	MemoryContextSwitchTo(old_cxt);
	while (nb > 2)
	{
		int			best = smallest_adjacent_pair(bounds, nb);

		merge_adjacent(s->y, s->w, bounds[best - 1], bounds[best], bounds[best + 1], sy, sw);
		memmove(bounds + best, bounds + best + 1, (nb - best - 1) * sizeof(int64));
		nb--;
		CHECK_FOR_INTERRUPTS();
	}
	pfree(sy_block);
	if (sw)
		pfree(sw_block);
}

/* Shrink the arrays of s to the rows held (pointers may change). */
static void
sample_give_back_slack(SampleExpanded *s)
{
	/* a few rows at least: a mapping cannot shrink to nothing */
	int64		keep = Max(s->n, SAMPLE_MIN_CAP);

	if (s->cap <= keep)
		return;
	/* first, so that an error between the two leaves no room claimed */
	s->cap = keep;
	s->y = sample_array_resize(s, s->y, &s->y_mapped, s->n, keep);
	if (s->w)
		s->w = sample_array_resize(s, s->w, &s->w_mapped, s->n, keep);
}

/* Sort the arrays of an expanded sample in place (pointers may change). */
static void
sample_sort_expanded(SampleExpanded *s)
{
	sample_materialize(s);
	if (s->flags & SAMPLE_FLAG_SORTED)
		return;
	if (s->nruns >= 2)
	{
		/* sorted parts appended by the combine function: merge them */
		sample_merge_runs(s);
		s->nruns = 0;
		s->flags |= SAMPLE_FLAG_SORTED;
		return;
	}
	s->nruns = 0;
	if (s->n < 2 || doubles_are_sorted(s->y, s->n))
	{
		/*
		 * Mappings shrink without copying: give back what a state sized from
		 * a high estimate reserved (sample_expected_rows), which would
		 * otherwise stay in the context's count until the aggregate ends.
		 */
		if (s->y_mapped)
			sample_give_back_slack(s);
		s->flags |= SAMPLE_FLAG_SORTED;
		return;
	}
	/* give back the growth slack before taking the (small) scratch space */
	sample_give_back_slack(s);
	radix_sort_doubles(s->y, s->w, s->n);
	s->flags |= SAMPLE_FLAG_SORTED;
}

/* Size of a plain flat state (what the input functions build). */
static Size
sample_flat_size_for(uint16 flags, int64 n)
{
	bool		weighted = (flags & SAMPLE_FLAG_WEIGHTED) != 0;

	if (n > SAMPLE_MAX_FLAT_ROWS(weighted))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("povstat.sample_state of " INT64_FORMAT " rows is too large to store or pass between processes", n),
				 errdetail("A stored or transferred sample holds at most " INT64_FORMAT " %s rows (1 GB).",
						   SAMPLE_MAX_FLAT_ROWS(weighted), weighted ? "weighted" : "unweighted"),
				 errhint("Disable parallel aggregation for this query (max_parallel_workers_per_gather = 0), or aggregate smaller groups.")));
	return SAMPLE_FLAT_HDRSZ + (Size) n * sizeof(double) * (weighted ? 2 : 1);
}

/*
 * Sort s and plan its packed encoding, once for each n and flags (the
 * executor asks for the size, then flattens).
 */
static Size
sample_plan_packed(SampleExpanded *s)
{
	Size		size;

	sample_sort_expanded(s);

	/*
	 * The same row limit as the plain layout, though the packed form could
	 * hold more: a stored value must still fit the text and binary forms,
	 * or it could not be dumped and restored.
	 */
	(void) sample_flat_size_for(s->flags, s->n);
	if (s->plan_n != s->n || s->plan_flags != s->flags)
	{
		sample_pack_plan(s->y, s->w, s->n, &s->plan);
		s->plan_n = s->n;
		s->plan_flags = s->flags;
	}
	size = SAMPLE_FLAT_HDRSZ + sizeof(SamplePackHeader) + s->plan.y_bytes + s->plan.w_bytes;
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("povstat.sample_state of " INT64_FORMAT " rows is too large to store or pass between processes", s->n),
				 errdetail("Its packed form would take %zu bytes; a stored or transferred value holds at most 1 GB.", size),
				 errhint("Disable parallel aggregation for this query (max_parallel_workers_per_gather = 0), or aggregate smaller groups.")));
	return size;
}

static Size
sample_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return sample_plan_packed((SampleExpanded *) eohptr);
}

/*
 * Flatten for a tuple (parallel worker to leader, a table, output): sorted,
 * then packed.  Sorting first is invisible to the value (the same pairs)
 * and puts the sort where it is cheapest: in each parallel worker, on its
 * part.  Packing shrinks every copy the executor makes of the part on its
 * way to the leader (sample_pack.c).
 */
static void
sample_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	SampleExpanded *s = (SampleExpanded *) eohptr;
	SampleFlat *f = (SampleFlat *) result;
	Size		size = sample_plan_packed(s);

	if (allocated_size != size)
		elog(ERROR, "povstat.sample_state flattened into %zu bytes, needs %zu",
			 allocated_size, size);
	/* the executor's buffer, new memory in 4 kB pages (bigmem.c) */
	bigmem_advise(f, size);
	memset(f, 0, SAMPLE_FLAT_HDRSZ);
	SET_VARSIZE(f, size);
	f->hdr.magic = POVSTAT_MAGIC_SAMPLE;
	f->hdr.version = SAMPLE_STATE_VERSION;
	f->hdr.flags = s->flags | SAMPLE_FLAG_PACKED;
	f->n = s->n;
	f->param = s->param;
	sample_pack_write(s->y, s->w, s->n, &s->plan, (char *) f->data);
}

/* ---------------------------------------------------------------------
 * Reading a state argument
 * ---------------------------------------------------------------------
 */

static bool
datum_is_sample_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &sample_methods;
}

/* Cheap structural check of a flat state this code did not build. */
static void
sample_flat_check_header(const SampleFlat *f)
{
	uint16		flags;

	if (VARSIZE(f) < SAMPLE_FLAT_HDRSZ || f->hdr.magic != POVSTAT_MAGIC_SAMPLE)
		state_binary_error(SAMPLE_TYPNAME, "not a sample_state");
	flags = f->hdr.flags;
	if (f->hdr.version != SAMPLE_STATE_VERSION ||
		(flags & ~(SAMPLE_FLAG_MASK | SAMPLE_FLAG_PACKED)) != 0 || f->n < 0)
		state_binary_error(SAMPLE_TYPNAME, "sample_state header and size disagree");
	/* as sample_flat_validate: what the text form could not carry back */
	if (!isfinite(f->param) || (!(flags & SAMPLE_FLAG_PARAM) && f->param != 0))
		state_binary_error(SAMPLE_TYPNAME, psprintf("invalid param %g", f->param));
	if (flags & SAMPLE_FLAG_PACKED)
	{
		/*
		 * Every income takes at least one byte, so n is bounded by the size
		 * (and the arrays it is decoded into by 8 times that); the decoder
		 * checks the rest.
		 */
		if (!(flags & SAMPLE_FLAG_SORTED) ||
			VARSIZE(f) < SAMPLE_FLAT_HDRSZ + sizeof(SamplePackHeader) ||
			f->n > (int64) (VARSIZE(f) - SAMPLE_FLAT_HDRSZ - sizeof(SamplePackHeader)))
			state_binary_error(SAMPLE_TYPNAME, "packed sample_state header and size disagree");
		{
			SamplePackPart part = flat_pack_part(f);

			sample_pack_check(&part);
		}
	}
	else if (f->n > SAMPLE_MAX_FLAT_ROWS(flags & SAMPLE_FLAG_WEIGHTED) ||
			 VARSIZE(f) != sample_flat_size_for(flags, f->n))
		state_binary_error(SAMPLE_TYPNAME, "sample_state header and size disagree");
}

static SamplePackPart
flat_pack_part(const SampleFlat *f)
{
	SamplePackPart part;

	part.data = (const char *) f->data;
	part.len = VARSIZE(f) - SAMPLE_FLAT_HDRSZ;
	part.n = f->n;
	part.weighted = (f->hdr.flags & SAMPLE_FLAG_WEIGHTED) != 0;
	return part;
}

/*
 * Decode a packed flat state into y and (if not NULL) w: its weights, or
 * ones for an unweighted state.
 */
static void
sample_unpack(const SampleFlat *f, double *y, double *w)
{
	SamplePackPart part = flat_pack_part(f);

	sample_pack_read(&part, y, w);
}

/*
 * Decode the pending packed parts of s.  When s holds no rows of its own
 * (a parallel leader, whose own part arrives packed like the workers') the
 * parts are merged straight into arrays of the final size, sorted, each
 * pair written once: no run-by-run decoding, no merge scratch.  Otherwise
 * each is appended as a run, merged when s is sorted.
 *
 * A damaged part raises an ERROR with s unchanged but for the parts
 * already consumed, so a caller that catches the error (PL/pgSQL) and
 * reads s again gets the same error, never rows counted twice.
 */
static void
sample_materialize(SampleExpanded *s)
{
	int			k = s->npending;

	if (k == 0)
		return;
	if (s->n == 0)
	{
		SamplePackPart parts[SAMPLE_MAX_RUNS];
		int64		total = 0;
		int64		cap;
		double	   *y;
		Size		y_mapped;
		double	   *volatile w = NULL;	/* set within PG_TRY */
		volatile Size w_mapped = 0;

		for (int j = 0; j < k; j++)
		{
			parts[j] = flat_pack_part(s->pending[j]);
			total += parts[j].n;
		}
		if ((Size) total > MaxAllocHugeSize / sizeof(double))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("povstat.sample_state cannot hold " INT64_FORMAT " rows", total)));
		cap = Max(total, SAMPLE_MIN_CAP);
		y = sample_array_alloc(s, cap, &y_mapped);
		PG_TRY();
		{
			if (s->flags & SAMPLE_FLAG_WEIGHTED)
			{
				Size		mapped;

				w = sample_array_alloc(s, cap, &mapped);
				w_mapped = mapped;
			}
			sample_pack_merge(parts, k, y, (double *) w);
		}
		PG_CATCH();
		{
			/* the new arrays are not s's yet: its reset callback would miss them */
			Size		mapped = w_mapped;

			sample_array_free(s, y, &y_mapped);
			if (w)
				sample_array_free(s, (double *) w, &mapped);
			PG_RE_THROW();
		}
		PG_END_TRY();
		sample_array_free(s, s->y, &s->y_mapped);
		if (s->w)
			sample_array_free(s, s->w, &s->w_mapped);
		s->y = y;
		s->y_mapped = y_mapped;
		s->w = (double *) w;
		s->w_mapped = w_mapped;
		s->cap = cap;
		s->n = total;
		s->nruns = 0;
		s->flags |= SAMPLE_FLAG_SORTED;
		for (int j = 0; j < k; j++)
			sample_array_free(s, (double *) s->pending[j], &s->pending_mapped[j]);
		s->npending = 0;
		return;
	}

	/* one part at a time, each dropped from the list once it is in */
	while (s->npending > 0)
	{
		SampleFlat *f = s->pending[0];
		SampleView	v;

		v.flags = f->hdr.flags & ~SAMPLE_FLAG_PACKED;
		v.param = f->param;
		v.n = f->n;
		v.y = v.w = NULL;
		sample_append_part(s, &v, f);
		sample_array_free(s, (double *) f, &s->pending_mapped[0]);
		s->npending--;
		memmove(s->pending, s->pending + 1, s->npending * sizeof(SampleFlat *));
		memmove(s->pending_mapped, s->pending_mapped + 1, s->npending * sizeof(Size));
	}
}

/*
 * The fields of a state argument, without its pairs: v->y and v->w are
 * NULL.  For a packed flat state *packed is set to it (its pairs still to
 * decode), else to NULL, and the pairs are in *v.
 */
static void
sample_view_fields(Datum d, SampleView *v, const SampleFlat **packed)
{
	*packed = NULL;
	if (datum_is_sample_expanded(d))
	{
		SampleExpanded *s = (SampleExpanded *) DatumGetEOHP(d);

		sample_materialize(s);

		v->flags = s->flags;
		v->param = s->param;
		v->n = s->n;
		v->y = s->y;
		v->w = s->w;
	}
	else
	{
		SampleFlat *f = (SampleFlat *) PG_DETOAST_DATUM(d);

		sample_flat_check_header(f);
		v->flags = f->hdr.flags & ~SAMPLE_FLAG_PACKED;
		v->param = f->param;
		v->n = f->n;
		if (f->hdr.flags & SAMPLE_FLAG_PACKED)
		{
			*packed = f;
			v->y = NULL;
			v->w = NULL;
			/* callers skip an empty part: check its section here */
			if (f->n == 0)
				sample_unpack(f, NULL, NULL);
		}
		else
		{
			/*
			 * A plain value was checked by the input function that made it;
			 * a stored one is checked again (linear, like every reader of
			 * it), so that damaged storage is an error, not a value whose
			 * text cannot be read back (found by the stored-value fuzzer).
			 */
			sample_flat_validate(f, true);
			v->y = f->data;
			v->w = (f->hdr.flags & SAMPLE_FLAG_WEIGHTED) ? f->data + f->n : NULL;
		}
	}
}

/*
 * The flags and parameter of a state argument, its pairs left alone: what
 * a final function reads before choosing how to read the pairs.
 */
static void
sample_kind(Datum d, uint16 *flags, double *param)
{
	if (datum_is_sample_expanded(d))
	{
		SampleExpanded *s = (SampleExpanded *) DatumGetEOHP(d);

		*flags = s->flags;
		*param = s->param;
	}
	else
	{
		SampleFlat *f = (SampleFlat *) PG_DETOAST_DATUM(d);

		sample_flat_check_header(f);
		*flags = f->hdr.flags & ~SAMPLE_FLAG_PACKED;
		*param = f->param;
	}
}

/* View of a state argument as it is (not necessarily sorted). */
static void
sample_view_raw(Datum d, SampleView *v)
{
	const SampleFlat *packed;

	sample_view_fields(d, v, &packed);
	if (packed)
	{
		double	   *y = sample_scratch_alloc(Max(v->n, 1));
		double	   *w = (v->flags & SAMPLE_FLAG_WEIGHTED) ? sample_scratch_alloc(Max(v->n, 1)) : NULL;

		sample_unpack(packed, y, w);
		v->y = y;
		v->w = w;
	}
}

/*
 * View of a state argument in ascending order.  An expanded state (the
 * aggregate's own) is sorted in place once; a flat one that is not sorted
 * (rare: flattening sorts) is copied and the copy sorted.
 */
static void
sample_view_sorted(Datum d, SampleView *v)
{
	if (datum_is_sample_expanded(d))
		sample_sort_expanded((SampleExpanded *) DatumGetEOHP(d));
	sample_view_raw(d, v);
	if (!(v->flags & SAMPLE_FLAG_SORTED) && !doubles_are_sorted(v->y, v->n))
	{
		double	   *y = sample_scratch_alloc(v->n);
		double	   *w = NULL;

		memcpy(y, v->y, v->n * sizeof(double));
		if (v->w)
		{
			w = sample_scratch_alloc(v->n);
			memcpy(w, v->w, v->n * sizeof(double));
		}
		radix_sort_doubles(y, w, v->n);
		v->y = y;
		v->w = w;
	}
	v->flags |= SAMPLE_FLAG_SORTED;
}

/* ---------------------------------------------------------------------
 * Validation, text and binary forms
 * ---------------------------------------------------------------------
 */

/* Everything a flat state read from outside must satisfy. */
static void
sample_flat_validate(const SampleFlat *f, bool binary)
{
	const double *y = f->data;
	const double *w = (f->hdr.flags & SAMPLE_FLAG_WEIGHTED) ? f->data + f->n : NULL;

	if ((f->hdr.flags & ~SAMPLE_FLAG_MASK) != 0)
		state_value_error(SAMPLE_TYPNAME, binary, psprintf("unknown flags 0x%x", f->hdr.flags));
	if (isnan(f->param) || isinf(f->param) ||
		(!(f->hdr.flags & SAMPLE_FLAG_PARAM) && f->param != 0))
		state_value_error(SAMPLE_TYPNAME, binary, psprintf("invalid param %g", f->param));
	for (int64 i = 0; i < f->n; i++)
	{
		if (isnan(y[i]) || isinf(y[i]))
			state_value_error(SAMPLE_TYPNAME, binary,
							  psprintf("the value of pair " INT64_FORMAT " is not a finite number", i + 1));
		if (w && (isnan(w[i]) || isinf(w[i]) || w[i] < 0))
			state_value_error(SAMPLE_TYPNAME, binary,
							  psprintf("the weight of pair " INT64_FORMAT " is %g, not a finite number >= 0", i + 1, w[i]));
	}
	if ((f->hdr.flags & SAMPLE_FLAG_SORTED) && !doubles_are_sorted(y, f->n))
		state_value_error(SAMPLE_TYPNAME, binary, "values are flagged sorted but are not in ascending order");
}

static SampleFlat *
sample_flat_alloc(uint16 flags, int64 n, double param)
{
	Size		size = sample_flat_size_for(flags, n);
	SampleFlat *f = palloc_extended(size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

	SET_VARSIZE(f, size);
	f->hdr.magic = POVSTAT_MAGIC_SAMPLE;
	f->hdr.version = SAMPLE_STATE_VERSION;
	f->hdr.flags = flags;
	f->n = n;
	f->param = param;
	return f;
}

/*
 * Text form:
 *	 (v=1,weighted=W,sorted=S,at_line=A,has_param=P,param=X,n=N,data=B64)
 * where B64 is the base64 of the n values then (weighted) the n weights,
 * each an IEEE double in network byte order: exact, and 10.7 characters per
 * double rather than up to 24 in decimal.
 */
Datum
sample_state_out(PG_FUNCTION_ARGS)
{
	SampleView	v;
	StringInfoData buf;
	int64		count;
	Size		rawlen;
	char	   *raw;
	int			enclen;

	sample_view_raw(PG_GETARG_DATUM(0), &v);
	count = v.n * (v.w ? 2 : 1);
	rawlen = (Size) count * sizeof(double);
	if (rawlen > (Size) (MaxAllocSize / 4) * 3 - 4096)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("povstat.sample_state of " INT64_FORMAT " rows is too large for its text form", v.n),
				 errhint("Use the binary form (COPY ... BINARY) or store smaller groups.")));
	raw = palloc(rawlen + 1);
	for (int64 i = 0; i < count; i++)
	{
		double		d = (i < v.n) ? v.y[i] : v.w[i - v.n];
		uint64		u;

		memcpy(&u, &d, sizeof(u));
		u = pg_hton64(u);
		memcpy(raw + i * sizeof(double), &u, sizeof(u));
	}

	initStringInfo(&buf);
	state_text_begin(&buf);
	state_text_int64(&buf, "v", SAMPLE_STATE_VERSION);
	state_text_int64(&buf, "weighted", v.w ? 1 : 0);
	state_text_int64(&buf, "sorted", (v.flags & SAMPLE_FLAG_SORTED) ? 1 : 0);
	state_text_int64(&buf, "at_line", (v.flags & SAMPLE_FLAG_AT_LINE) ? 1 : 0);
	state_text_int64(&buf, "has_param", (v.flags & SAMPLE_FLAG_PARAM) ? 1 : 0);
	state_text_float8(&buf, "param", v.param);
	state_text_int64(&buf, "n", v.n);
	appendStringInfoString(&buf, ",data=");
	enclen = (int) (4 * ((rawlen + 2) / 3));
	enlargeStringInfo(&buf, enclen + 2);
	if (pg_b64_encode(raw, (int) rawlen, buf.data + buf.len, enclen) != enclen)
		elog(ERROR, "base64 encoding of a sample_state failed");
	buf.len += enclen;
	buf.data[buf.len] = '\0';
	state_text_end(&buf);
	pfree(raw);
	PG_RETURN_CSTRING(buf.data);
}

Datum
sample_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	StateTextReader r;
	uint16		flags;
	double		param;
	int64		n,
				count;
	SampleFlat *f;
	const char *b64,
			   *end;
	char	   *raw;
	int			rawlen;

	state_reader_init(&r, str, SAMPLE_TYPNAME);
	if (state_read_int64(&r, "v") != SAMPLE_STATE_VERSION)
		state_text_error(&r, "unsupported sample_state version");
	flags = state_read_flag(&r, "weighted", SAMPLE_FLAG_WEIGHTED);
	flags |= state_read_flag(&r, "sorted", SAMPLE_FLAG_SORTED);
	flags |= state_read_flag(&r, "at_line", SAMPLE_FLAG_AT_LINE);
	flags |= state_read_flag(&r, "has_param", SAMPLE_FLAG_PARAM);
	param = state_read_float8(&r, "param");
	n = state_read_int64(&r, "n");
	if (n < 0 || n > SAMPLE_MAX_FLAT_ROWS(flags & SAMPLE_FLAG_WEIGHTED))
		state_text_error(&r, "field \"n\" is out of range");
	if (strncmp(r.pos, ",data=", 6) != 0)
		state_text_error(&r, "expected \",data=\"");
	r.pos += 6;
	b64 = r.pos;
	end = b64;
	while (*end && *end != ')')
		end++;
	count = n * ((flags & SAMPLE_FLAG_WEIGHTED) ? 2 : 1);
	/* exact base64 length (pg_b64_enc_len is only an upper bound) */
	if ((int64) (end - b64) != 4 * ((count * (int64) sizeof(double) + 2) / 3))
		state_text_error(&r, psprintf("field \"data\" must hold " INT64_FORMAT " doubles in base64", count));
	raw = palloc(pg_b64_dec_len((int) (end - b64)) + 1);
	rawlen = pg_b64_decode(b64, (int) (end - b64), raw, pg_b64_dec_len((int) (end - b64)));
	if (rawlen != (int) (count * sizeof(double)))
		state_text_error(&r, "field \"data\" is not valid base64 of the stated length");
	r.pos = end;
	state_reader_finish(&r);

	f = sample_flat_alloc(flags, n, param);
	for (int64 i = 0; i < count; i++)
	{
		uint64		u;
		double		d;

		memcpy(&u, raw + i * sizeof(double), sizeof(u));
		u = pg_ntoh64(u);
		memcpy(&d, &u, sizeof(d));
		f->data[i] = d;
	}
	pfree(raw);
	sample_flat_validate(f, false);
	PG_RETURN_POINTER(f);
}

Datum
sample_state_send(PG_FUNCTION_ARGS)
{
	SampleView	v;
	StringInfoData buf;

	sample_view_raw(PG_GETARG_DATUM(0), &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, POVSTAT_MAGIC_SAMPLE);
	pq_sendbyte(&buf, SAMPLE_STATE_VERSION);
	pq_sendint16(&buf, v.flags);
	pq_sendint64(&buf, v.n);
	pq_sendfloat8(&buf, v.param);
	enlargeStringInfo(&buf, v.n * sizeof(double) * (v.w ? 2 : 1));
	for (int64 i = 0; i < v.n; i++)
		pq_sendfloat8(&buf, v.y[i]);
	if (v.w)
		for (int64 i = 0; i < v.n; i++)
			pq_sendfloat8(&buf, v.w[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
sample_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			magic,
				version;
	uint16		flags;
	int64		n,
				count;
	double		param;
	SampleFlat *f;

	magic = pq_getmsgbyte(buf);
	version = pq_getmsgbyte(buf);
	if (magic != POVSTAT_MAGIC_SAMPLE)
		state_binary_error(SAMPLE_TYPNAME, psprintf("wrong type tag 0x%02x", magic));
	if (version != SAMPLE_STATE_VERSION)
		state_binary_error(SAMPLE_TYPNAME, psprintf("unsupported version %d", version));
	flags = pq_getmsgint(buf, 2);
	if ((flags & ~SAMPLE_FLAG_MASK) != 0)
		state_binary_error(SAMPLE_TYPNAME, psprintf("unknown flags 0x%x", flags));
	n = pq_getmsgint64(buf);
	param = pq_getmsgfloat8(buf);
	/*
	 * The message must hold exactly the stated doubles: check before
	 * allocating, and bound n before multiplying so that a hostile count
	 * cannot overflow.
	 */
	if (n < 0 || n > SAMPLE_MAX_FLAT_ROWS(flags & SAMPLE_FLAG_WEIGHTED))
		state_binary_error(SAMPLE_TYPNAME,
						   psprintf("row count " INT64_FORMAT " is out of range", n));
	count = n * ((flags & SAMPLE_FLAG_WEIGHTED) ? 2 : 1);
	if ((int64) (buf->len - buf->cursor) != count * (int64) sizeof(double))
		state_binary_error(SAMPLE_TYPNAME,
						   psprintf("row count " INT64_FORMAT " does not match the %d bytes that follow",
									n, buf->len - buf->cursor));
	f = sample_flat_alloc(flags, n, param);
	for (int64 i = 0; i < count; i++)
		f->data[i] = pq_getmsgfloat8(buf);
	pq_getmsgend(buf);
	sample_flat_validate(f, true);
	PG_RETURN_POINTER(f);
}

/* ---------------------------------------------------------------------
 * Transition and combine functions
 * ---------------------------------------------------------------------
 */

/*
 * An expanded copy of a state (flat or read-only expanded) in the aggregate
 * context; a packed one (packed not NULL) is decoded straight into it.
 */
static SampleExpanded *
sample_copy_into(MemoryContext aggcontext, const SampleView *v, const SampleFlat *packed)
{
	SampleExpanded *s = sample_new(aggcontext, v->flags, v->param, v->n, 0);

	if (packed)
		sample_unpack(packed, s->y, s->w);
	else
	{
		memcpy(s->y, v->y, v->n * sizeof(double));
		if (v->w)
			memcpy(s->w, v->w, v->n * sizeof(double));
	}
	s->n = v->n;
	return s;
}

/*
 * The transition state from argument 0: NULL on the first row, else the
 * read-write expanded object this file made.  Anything else (a flat value
 * would only come from a caller outside the executor's aggregate machinery)
 * is copied into a new expanded object.
 */
static SampleExpanded *
sample_trans_state(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	Datum		d;
	SampleView	v;
	const SampleFlat *packed;

	if (PG_ARGISNULL(0))
		return NULL;
	d = PG_GETARG_DATUM(0);
	if (likely(DatumIsReadWriteExpandedObject(d, false, -1) && datum_is_sample_expanded(d)))
		return (SampleExpanded *) DatumGetEOHP(d);
	sample_view_fields(d, &v, &packed);
	return sample_copy_into(aggcontext, &v, packed);
}

#define SAMPLE_RETURN(s) \
	do { \
		if ((s) == NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_DATUM(EOHPGetRWDatum(&(s)->eoh)); \
	} while (0)

typedef enum SampleParamKind
{
	PARAM_NONE,
	PARAM_P,					/* quantile position in [0, 1] */
	PARAM_SHARE,				/* ARPT share of the median in (0, 1) */
	PARAM_POINTS				/* Lorenz curve points, int >= 1 */
} SampleParamKind;

static void
sample_check_p(double p)
{
	if (isnan(p) || p < 0 || p > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quantile position %g is outside [0, 1]", p),
				 errhint("Pass a fraction, e.g. 0.5 for the median or 0.9 for the ninth decile.")));
}

static void
sample_check_share(double share)
{
	if (isnan(share) || share <= 0 || share >= 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("share of the median %g is not a fraction strictly between 0 and 1", share),
				 errhint("Eurostat uses 0.4, 0.5, 0.6 (the default) or 0.7. For a weighted threshold pass the share first: arpr(income, 0.6, weight).")));
}

static void
sample_check_points(int32 points)
{
	if (points < 1 || points > 100000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of Lorenz curve intervals %d is outside 1 to 100000", points),
				 errhint("Use e.g. 10 for deciles, 20 for ventiles or 100 for percentiles.")));
}

/*
 * One row.  Arguments after the state: income, then the constant parameter
 * (kind), or the line (at_line), then the weight if given.  NULL in any
 * argument skips the row; a zero weight stores nothing.
 */
static Datum
sample_accum_common(FunctionCallInfo fcinfo, SampleParamKind kind, bool at_line)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.sample_state");
	SampleExpanded *s = sample_trans_state(fcinfo, aggcontext);
	int			weight_arg = (kind != PARAM_NONE || at_line) ? 3 : 2;
	bool		weighted = PG_NARGS() > weight_arg;
	double		y,
				w = 1.0,
				param = 0;

	for (int i = 1; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i))
			SAMPLE_RETURN(s);

	y = PG_GETARG_FLOAT8(1);
	povstat_check_income(y, fcinfo);
	if (weighted)
	{
		w = PG_GETARG_FLOAT8(weight_arg);
		povstat_check_weight(w, fcinfo);
	}
	if (at_line)
	{
		double		z = PG_GETARG_FLOAT8(2);

		povstat_check_line(z, fcinfo);
		y = y / z;
		if (unlikely(isinf(y)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("income %g divided by line %g overflows", PG_GETARG_FLOAT8(1), z),
					 errhint("Check the units of income and line.")));
	}
	if (kind != PARAM_NONE)
	{
		if (kind == PARAM_POINTS)
			param = PG_GETARG_INT32(2);
		else
			param = PG_GETARG_FLOAT8(2);
		if (s == NULL || param != s->param)
		{
			if (kind == PARAM_P)
				sample_check_p(param);
			else if (kind == PARAM_SHARE)
				sample_check_share(param);
			else
				sample_check_points((int32) param);
			if (s != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s changed from %g to %g within one aggregate",
								kind == PARAM_P ? "quantile position" :
								kind == PARAM_SHARE ? "share of the median" : "number of points",
								s->param, param),
						 errhint("Pass a constant; if this argument is a weight, give the share first: e.g. arpr(income, 0.6, weight).")));
		}
	}

	if (s == NULL)
		s = sample_new(aggcontext,
					   (weighted ? SAMPLE_FLAG_WEIGHTED : 0) |
					   (at_line ? SAMPLE_FLAG_AT_LINE : 0) |
					   (kind != PARAM_NONE ? SAMPLE_FLAG_PARAM : 0),
					   param, SAMPLE_MIN_CAP, sample_expected_rows(fcinfo));
	if (w > 0)
		sample_append(s, y, w);
	SAMPLE_RETURN(s);
}

Datum
sample_accum(PG_FUNCTION_ARGS)
{
	return sample_accum_common(fcinfo, PARAM_NONE, false);
}

Datum
sample_p_accum(PG_FUNCTION_ARGS)
{
	return sample_accum_common(fcinfo, PARAM_P, false);
}

Datum
sample_share_accum(PG_FUNCTION_ARGS)
{
	return sample_accum_common(fcinfo, PARAM_SHARE, false);
}

Datum
sample_points_accum(PG_FUNCTION_ARGS)
{
	return sample_accum_common(fcinfo, PARAM_POINTS, false);
}

Datum
sample_line_accum(PG_FUNCTION_ARGS)
{
	return sample_accum_common(fcinfo, PARAM_NONE, true);
}

/*
 * Append the pairs of b to a, keeping track of ascending runs (see
 * sample_combine).  a is weighted if b is.  A packed b (packed not NULL)
 * is decoded straight into a's arrays.
 */
static void
sample_append_part(SampleExpanded *a, const SampleView *b, const SampleFlat *packed)
{
	int64		start = a->n;
	int			runs;

	if (a->n + b->n > a->cap)
		sample_grow(a, a->n + b->n);
	if (packed)
		sample_unpack(packed, a->y + start, a->w ? a->w + start : NULL);
	else
	{
		memcpy(a->y + start, b->y, b->n * sizeof(double));
		if (a->w)
		{
			if (b->w)
				memcpy(a->w + start, b->w, b->n * sizeof(double));
			else
				for (int64 i = 0; i < b->n; i++)
					a->w[start + i] = 1.0;
		}
	}
	a->n += b->n;

	if (start == 0)
		runs = 0;
	else if (a->flags & SAMPLE_FLAG_SORTED)
	{
		runs = 1;
		a->run_end[0] = start;
	}
	else
		runs = a->nruns;
	a->flags &= ~SAMPLE_FLAG_SORTED;
	a->nruns = 0;
	if (runs == 0 && start > 0)
		return;					/* a was unsorted: sort everything later */

	/* the new part becomes a run of its own, sorted in place if need be */
	if (!(b->flags & SAMPLE_FLAG_SORTED) && !doubles_are_sorted(a->y + start, b->n))
		radix_sort_doubles(a->y + start, a->w ? a->w + start : NULL, b->n);
	if (runs > 0 && a->y[start - 1] <= a->y[start])
		a->run_end[runs - 1] = a->n;	/* continues the last run */
	else if (runs < SAMPLE_MAX_RUNS)
		a->run_end[runs++] = a->n;
	else
		return;					/* too many runs: sort everything later */
	if (runs == 1)
		a->flags |= SAMPLE_FLAG_SORTED;
	else
		a->nruns = runs;
}

/*
 * Keep a copy of the packed part f in a, to decode with a's other pending
 * parts in one pass (sample_materialize).  The argument itself lives only
 * as long as its tuple.  A large copy is a mapping of its own, like the
 * arrays, for the same reason: new memory in 4 kB pages is what made
 * parallel plans slow on the bench's VM.
 */
static void
sample_add_pending(SampleExpanded *a, const SampleFlat *f)
{
	Size		size = VARSIZE(f);
	Size		mapped = 0;
	SampleFlat *copy;

	if (SAMPLE_USE_MAPPINGS && size >= SAMPLE_MAP_MIN)
		copy = (SampleFlat *) sample_map(a->eoh.eoh_context, size, &mapped);
	else
		copy = MemoryContextAlloc(a->eoh.eoh_context, size);
	memcpy(copy, f, size);
	a->pending_mapped[a->npending] = mapped;
	a->pending[a->npending++] = copy;
}

/*
 * Merge the second state into the first (parallel leader, and the
 * povstat.merge(sample_state) aggregate over stored states).  No merged
 * copy is made here.  A packed part (every part of a parallel plan, the
 * leader's own included, and every state read from a table) is kept as it
 * is, up to SAMPLE_MAX_RUNS of them, to be merged in one pass when the
 * rows are first needed (get_source, sample_materialize).  Other parts are
 * appended, amortised O(1) a pair, and the first state remembers that it
 * is a concatenation of a few ascending runs, which sorting later merges;
 * an unsorted part is sorted where it lands.  Beyond SAMPLE_MAX_RUNS runs
 * (merge() over many small stored states) the state is simply unsorted and
 * the final function sorts it once, so merging stays linear.
 */
Datum
sample_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "povstat.merge(sample_state)");
	SampleExpanded *a;
	SampleView	b;
	const SampleFlat *packed;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		a = sample_trans_state(fcinfo, aggcontext);
		SAMPLE_RETURN(a);
	}
	sample_view_fields(PG_GETARG_DATUM(1), &b, &packed);
	if (PG_ARGISNULL(0) && packed)
	{
		/* an empty state whose rows are this part, decoded when needed */
		a = sample_new(aggcontext, b.flags & ~SAMPLE_FLAG_SORTED, b.param, SAMPLE_MIN_CAP, 0);
		sample_add_pending(a, packed);
		SAMPLE_RETURN(a);
	}
	if (PG_ARGISNULL(0))
	{
		/* sorted now, so that the parts that follow merge into it linearly */
		a = sample_copy_into(aggcontext, &b, packed);
		sample_sort_expanded(a);
		SAMPLE_RETURN(a);
	}
	a = sample_trans_state(fcinfo, aggcontext);

	if ((a->flags & (SAMPLE_FLAG_AT_LINE | SAMPLE_FLAG_PARAM)) !=
		(b.flags & (SAMPLE_FLAG_AT_LINE | SAMPLE_FLAG_PARAM)) ||
		a->param != b.param)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge sample_state values of different kinds"),
				 errdetail("One holds %s (param %g), the other %s (param %g).",
						   (a->flags & SAMPLE_FLAG_AT_LINE) ? "income/line ratios" : "incomes", a->param,
						   (b.flags & SAMPLE_FLAG_AT_LINE) ? "income/line ratios" : "incomes", b.param),
				 errhint("Merge states built by the same aggregate: sample_state() with sample_state(), sample_state_at() with sample_state_at().")));

	if (b.n == 0)
		SAMPLE_RETURN(a);
	if ((b.flags & SAMPLE_FLAG_WEIGHTED) && !a->w)
		sample_make_weighted(a);
	if (packed && a->npending < SAMPLE_MAX_RUNS)
		sample_add_pending(a, packed);
	else
	{
		sample_materialize(a);
		sample_append_part(a, &b, packed);
	}
	SAMPLE_RETURN(a);
}

/* ---------------------------------------------------------------------
 * Measures on a sorted view
 * ---------------------------------------------------------------------
 */

/*
 * Where a finisher reads the sorted pairs: arrays (a sorted view), or the
 * packed parts a parallel leader received (nparts > 0, v.y and v.w NULL),
 * merged block by block as they are read.  Streaming the parts spares the
 * leader the merged arrays: 8 or 16 bytes a row of memory new to the
 * process, which cost more than the merge itself on the bench's VM, and
 * the leader's peak memory is then the packed parts alone.
 */
typedef struct SampleSource
{
	SampleView	v;
	int			nparts;
	SamplePackPart parts[SAMPLE_MAX_RUNS];
} SampleSource;

/*
 * A pass over the first rows of a source, a block at a time: the arrays in
 * one block, or SAMPLE_SCAN_BLOCK merged pairs (32 kB, cache-resident).
 */
#define SAMPLE_SCAN_BLOCK	2048

typedef struct PairScan
{
	const SampleSource *src;
	int64		left;			/* rows still to yield */
	SamplePackMerge *merge;		/* NULL: arrays */
	double	   *ybuf;
	double	   *wbuf;
	/* the current block: len pairs; w NULL when every weight is 1 */
	const double *y;
	const double *w;
	int64		len;
} PairScan;

#define SW(sc, j) ((sc)->w ? (sc)->w[j] : 1.0)

static void
scan_begin(PairScan *sc, const SampleSource *src, int64 limit)
{
	sc->src = src;
	sc->left = Min(limit, src->v.n);
	sc->merge = NULL;
	sc->len = 0;
	if (src->nparts > 0 && sc->left > 0)
	{
		sc->merge = sample_pack_merge_begin(src->parts, src->nparts);
		sc->ybuf = palloc(SAMPLE_SCAN_BLOCK * sizeof(double));
		sc->wbuf = (src->v.flags & SAMPLE_FLAG_WEIGHTED) ? palloc(SAMPLE_SCAN_BLOCK * sizeof(double)) : NULL;
	}
}

/* The next block into sc->y, sc->w, sc->len; false after the last. */
static bool
scan_next(PairScan *sc)
{
	if (sc->left <= 0)
		return false;
	if (!sc->merge)
	{
		sc->y = sc->src->v.y;
		sc->w = sc->src->v.w;
		sc->len = sc->left;
	}
	else
	{
		/* the parts hold v.n pairs between them, each checked as decoded */
		sc->len = sample_pack_merge_next(sc->merge, sc->ybuf, sc->wbuf,
										 Min(sc->left, SAMPLE_SCAN_BLOCK));
		if (sc->len == 0)
			return false;
		sc->y = sc->ybuf;
		sc->w = sc->wbuf;
	}
	sc->left -= sc->len;
	return true;
}

/* Stop, possibly before the last row (the parts' rest is left unread). */
static void
scan_end(PairScan *sc)
{
	if (sc->merge)
	{
		sample_pack_merge_end(sc->merge);
		pfree(sc->ybuf);
		if (sc->wbuf)
			pfree(sc->wbuf);
		sc->merge = NULL;
	}
}

/* A sum of products overflowed: the answer would be NaN or infinite. */
static void
check_finite(double v, const char *measure)
{
	if (unlikely(isinf(v) || isnan(v)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s overflows: a weighted sum of the sample is out of the range of float8", measure),
				 errhint("Rescale incomes or weights (e.g. to thousands), the measure is scale invariant.")));
}

/* Total weight of the first n pairs. */
static double
source_weight(const SampleSource *src, int64 n)
{
	KahanSum	k = {0, 0};
	PairScan	sc;

	if (!(src->v.flags & SAMPLE_FLAG_WEIGHTED))
		return (double) Min(n, src->v.n);
	scan_begin(&sc, src, n);
	while (scan_next(&sc))
		for (int64 j = 0; j < sc.len; j++)
			kahan_add(&k, SW(&sc, j));
	scan_end(&sc);
	return kahan_value(&k);
}

/* The i-th smallest value (0-based, i < n). */
static double
source_value_at(const SampleSource *src, int64 i)
{
	PairScan	sc;
	double		y = 0;

	if (src->nparts == 0)
		return src->v.y[i];
	scan_begin(&sc, src, i + 1);
	while (scan_next(&sc))
		y = sc.y[sc.len - 1];
	scan_end(&sc);
	return y;
}

/*
 * Weighted quantile of the first n pairs (total weight W > 0), Eurostat /
 * laeken: y_k for the smallest k with C_k / W > p; q(0) = min, q(1) = max
 * (of the pairs with weight > 0).
 */
static double
source_quantile(const SampleSource *src, int64 n, double W, double p)
{
	KahanSum	c = {0, 0};
	double		last = 0;
	PairScan	sc;

	if (!(src->v.flags & SAMPLE_FLAG_WEIGHTED))
	{
		/* C_k = k: k = floor(p n) + 1, adjusted to the floating comparison */
		int64		k;

		if (p >= 1)
			return source_value_at(src, n - 1);
		k = (int64) floor(p * (double) n) + 1;
		if (k < 1)
			k = 1;
		while (k > 1 && (double) (k - 1) / (double) n > p)
			k--;
		while (k < n && !((double) k / (double) n > p))
			k++;
		return source_value_at(src, k - 1);
	}
	scan_begin(&sc, src, n);
	while (scan_next(&sc))
	{
		for (int64 j = 0; j < sc.len; j++)
		{
			if (sc.w[j] <= 0)
				continue;
			last = sc.y[j];
			kahan_add(&c, sc.w[j]);
			if (p < 1 && kahan_value(&c) / W > p)
			{
				scan_end(&sc);
				return last;
			}
		}
	}
	scan_end(&sc);
	return last;
}

/*
 * Interpolated Lorenz curve: B(p) = income held by the poorest fraction p
 * of the weighted population, splitting the unit that straddles pW:
 *   B(p) = sum_{i<k} w_i y_i + (pW - C_{k-1}) y_k, k the first unit with
 *   C_k >= pW.
 * ps ascending, np of them.  One pass, which also yields the total income
 * *T (and B is T for targets that rounding left beyond C_n).
 */
static void
source_lorenz(const SampleSource *src, double W, const double *ps, int np,
			  double *out, double *T)
{
	KahanSum	c = {0, 0},
				s = {0, 0};
	int			k = 0;
	PairScan	sc;

	scan_begin(&sc, src, src->v.n);
	while (scan_next(&sc))
	{
		for (int64 j = 0; j < sc.len; j++)
		{
			double		wi = SW(&sc, j);

			if (k < np)
			{
				double		cprev = kahan_value(&c);
				double		sprev = kahan_value(&s);

				kahan_add(&c, wi);
				while (k < np && kahan_value(&c) >= ps[k] * W)
				{
					out[k] = sprev + (ps[k] * W - cprev) * sc.y[j];
					k++;
				}
			}
			kahan_add(&s, wi * sc.y[j]);
		}
	}
	scan_end(&sc);
	*T = kahan_value(&s);
	check_finite(*T, "the total income");
	for (; k < np; k++)
		out[k] = *T;
}

/*
 * Gini of the first n pairs, Eurostat formula, and their total weight *W;
 * false when undefined (W or total income 0).  *overflow is set when a sum
 * is not finite; the caller reports it, after its own checks.
 */
static bool
source_gini(const SampleSource *src, int64 n, double *g, double *W, bool *overflow)
{
	KahanSum	c = {0, 0},
				a = {0, 0},
				b = {0, 0},
				t = {0, 0};
	PairScan	sc;

	scan_begin(&sc, src, n);
	while (scan_next(&sc))
	{
		for (int64 j = 0; j < sc.len; j++)
		{
			double		wi = SW(&sc, j);
			double		wy = wi * sc.y[j];

			kahan_add(&c, wi);
			kahan_add(&a, wy * kahan_value(&c));
			kahan_add(&b, wi * wy);
			kahan_add(&t, wy);
		}
	}
	scan_end(&sc);
	*W = kahan_value(&c);
	*overflow = !isfinite(kahan_value(&a) + kahan_value(&b) + kahan_value(&t));
	if (*overflow || *W <= 0 || kahan_value(&t) == 0)
		return false;
	*g = (2 * kahan_value(&a) - kahan_value(&b)) / (*W * kahan_value(&t)) - 1;
	return true;
}

static void
source_require_nonneg(const SampleSource *src, const char *measure)
{
	double		min;

	if (src->v.n == 0)
		return;
	min = source_value_at(src, 0);
	if (min < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs incomes >= 0, but the sample holds %g", measure, min),
				 errhint("Filter negative incomes out or bottom-code them to 0 before aggregating.")));
}

static void
source_require_at_line(const SampleSource *src, const char *measure)
{
	if (!(src->v.flags & SAMPLE_FLAG_AT_LINE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a sample of income/line ratios", measure),
				 errhint("Build the state with povstat.sample_state_at(income, line [, weight]).")));
}

/*
 * Whether this final call may read the state's packed parts as a stream:
 * only in the final step of a parallel aggregate (a combining Agg node),
 * whose parts the query's own workers have just flattened, and only when
 * no other aggregate of the query shares the state (each would merge the
 * parts again).  A stream stops where the answer is found (a quantile
 * reads half the parts), leaving the rest unread: parts that could have
 * been stored (a user's aggregate over povstat.sample_combine) are merged
 * into arrays instead, which checks every byte.
 */
static bool
may_stream_parts(FunctionCallInfo fcinfo)
{
	if (fcinfo->context && IsA(fcinfo->context, AggState))
	{
		AggState   *agg = (AggState *) fcinfo->context;

		return DO_AGGSPLIT_COMBINE(agg->aggsplit) && !AggStateIsShared(fcinfo);
	}
	return false;
}

/*
 * The state argument as a source, and its total weight; false (the
 * finisher returns NULL) when W = 0.  With W NULL the total weight is not
 * computed (the finisher's own pass yields it) and the result is true.
 *
 * A parallel leader's state holds only the packed parts, and a finisher
 * streams them where may_stream_parts allows; otherwise, or when the state
 * is read a second time, it is materialized once and read as arrays.
 * Measures that walk the pairs backwards (SST) ask for arrays (stream =
 * false).
 */
static bool
get_source(FunctionCallInfo fcinfo, SampleSource *src, double *W, bool stream)
{
	Datum		d = PG_GETARG_DATUM(0);

	src->nparts = 0;
	if (stream && datum_is_sample_expanded(d))
	{
		SampleExpanded *s = (SampleExpanded *) DatumGetEOHP(d);

		if (s->n == 0 && s->npending > 0 && !s->streamed &&
			may_stream_parts(fcinfo))
		{
			KahanSum	k = {0, 0};

			s->streamed = true;
			src->nparts = s->npending;
			src->v.flags = s->flags | SAMPLE_FLAG_SORTED;
			src->v.param = s->param;
			src->v.n = 0;
			src->v.y = src->v.w = NULL;
			for (int j = 0; j < s->npending; j++)
			{
				src->parts[j] = flat_pack_part(s->pending[j]);
				src->v.n += src->parts[j].n;
				if (W)
					sample_pack_add_weights(&src->parts[j], &k);
			}
			if (!W)
				return true;
			*W = kahan_value(&k);
			check_finite(*W, "the total weight");
			return *W > 0;
		}
	}
	sample_view_sorted(d, &src->v);
	if (!W)
		return true;
	*W = source_weight(src, src->v.n);
	check_finite(*W, "the total weight");
	return *W > 0;
}

#define GET_SOURCE_OR_NULL(src, W) \
	do { \
		if (!get_source(fcinfo, (src), (W), true)) \
			PG_RETURN_NULL(); \
	} while (0)

Datum
sample_population(PG_FUNCTION_ARGS)
{
	SampleSource src;

	sample_view_raw(PG_GETARG_DATUM(0), &src.v);
	src.nparts = 0;
	PG_RETURN_FLOAT8(source_weight(&src, src.v.n));
}

Datum
sample_rows(PG_FUNCTION_ARGS)
{
	SampleView	v;
	const SampleFlat *packed;

	sample_view_fields(PG_GETARG_DATUM(0), &v, &packed);
	PG_RETURN_INT64(v.n);
}

/* Gini (Eurostat EU-SILC, laeken); needs y >= 0; NULL when total income is 0. */
Datum
sample_gini(PG_FUNCTION_ARGS)
{
	SampleSource src;
	double		W,
				g;
	bool		defined,
				overflow;

	/*
	 * One pass, which also yields W; then the checks in the order of the
	 * other measures: W, negative incomes, the sums.
	 */
	(void) get_source(fcinfo, &src, NULL, true);
	defined = source_gini(&src, src.v.n, &g, &W, &overflow);
	check_finite(W, "the total weight");
	if (W <= 0)
		PG_RETURN_NULL();
	source_require_nonneg(&src, "the Gini coefficient");
	if (overflow)
		check_finite(NAN, "the Gini coefficient");
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}

static Datum
quantile_common(FunctionCallInfo fcinfo, double p)
{
	SampleSource src;
	double		W;

	sample_check_p(p);
	GET_SOURCE_OR_NULL(&src, &W);
	PG_RETURN_FLOAT8(source_quantile(&src, src.v.n, W, p));
}

/* Weighted quantile, Eurostat / laeken weightedQuantile (see source_quantile). */
Datum
sample_quantile(PG_FUNCTION_ARGS)
{
	return quantile_common(fcinfo, PG_GETARG_FLOAT8(1));
}

Datum
sample_quantile_final(PG_FUNCTION_ARGS)
{
	uint16		flags;
	double		param;

	sample_kind(PG_GETARG_DATUM(0), &flags, &param);
	return quantile_common(fcinfo, param);
}

Datum
sample_median(PG_FUNCTION_ARGS)
{
	return quantile_common(fcinfo, 0.5);
}

static Datum
float8_array(const double *vals, int n)
{
	Datum	   *d = palloc(n * sizeof(Datum));

	for (int i = 0; i < n; i++)
		d[i] = Float8GetDatum(vals[i]);
	return PointerGetDatum(construct_array(d, n, FLOAT8OID, sizeof(float8),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * Lorenz ordinates L(j/m) = B(j/m) / T for j = 0..m on the interpolated
 * curve; NULL when W = 0 or total income is 0.
 */
static Datum
lorenz_common(FunctionCallInfo fcinfo, int32 m)
{
	SampleSource src;
	double		W,
				T;
	double	   *ps,
			   *b;

	sample_check_points(m);
	GET_SOURCE_OR_NULL(&src, &W);
	source_require_nonneg(&src, "the Lorenz curve");
	ps = palloc((m + 1) * sizeof(double));
	b = palloc((m + 1) * sizeof(double));
	for (int j = 0; j <= m; j++)
		ps[j] = (double) j / m;
	source_lorenz(&src, W, ps, m + 1, b, &T);
	if (T <= 0)
		PG_RETURN_NULL();
	for (int j = 0; j <= m; j++)
		b[j] /= T;
	b[0] = 0;
	b[m] = 1;
	PG_RETURN_DATUM(float8_array(b, m + 1));
}

Datum
sample_lorenz(PG_FUNCTION_ARGS)
{
	return lorenz_common(fcinfo, PG_GETARG_INT32(1));
}

Datum
sample_lorenz_final(PG_FUNCTION_ARGS)
{
	uint16		flags;
	double		param;

	sample_kind(PG_GETARG_DATUM(0), &flags, &param);
	return lorenz_common(fcinfo, (int32) param);
}

/* Shares of total income of the ten decile groups, on the interpolated Lorenz curve. */
Datum
sample_decile_shares(PG_FUNCTION_ARGS)
{
	SampleSource src;
	double		W,
				T;
	double		ps[11],
				b[11],
				shares[10];

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_nonneg(&src, "decile shares");
	for (int j = 0; j <= 10; j++)
		ps[j] = j / 10.0;
	source_lorenz(&src, W, ps, 11, b, &T);
	if (T <= 0)
		PG_RETURN_NULL();
	b[0] = 0;
	b[10] = T;
	for (int j = 0; j < 10; j++)
		shares[j] = (b[j + 1] - b[j]) / T;
	PG_RETURN_DATUM(float8_array(shares, 10));
}

/* (T - B(top)) / B(bottom) on the interpolated Lorenz curve. */
static Datum
lorenz_ratio(FunctionCallInfo fcinfo, double bottom, double top, const char *measure)
{
	SampleSource src;
	double		W,
				T;
	double		ps[2],
				b[2];

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_nonneg(&src, measure);
	ps[0] = bottom;
	ps[1] = top;
	source_lorenz(&src, W, ps, 2, b, &T);
	if (b[0] <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((T - b[1]) / b[0]);
}

/* Palma ratio (Cobham & Sumner 2013): top 10% income / bottom 40%. */
Datum
sample_palma(PG_FUNCTION_ARGS)
{
	return lorenz_ratio(fcinfo, 0.4, 0.9, "the Palma ratio");
}

/* S80/S20: top 20% income / bottom 20%, interpolated Lorenz curve. */
Datum
sample_s80s20(PG_FUNCTION_ARGS)
{
	return lorenz_ratio(fcinfo, 0.2, 0.8, "S80/S20");
}

/* Income quintile share ratio, Eurostat (laeken qsr): by the quantile rule. */
Datum
sample_qsr(PG_FUNCTION_ARGS)
{
	SampleSource src;
	double		W,
				q20,
				q80;
	KahanSum	top = {0, 0},
				bottom = {0, 0};
	PairScan	sc;

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_nonneg(&src, "the quintile share ratio");
	q20 = source_quantile(&src, src.v.n, W, 0.2);
	q80 = source_quantile(&src, src.v.n, W, 0.8);
	scan_begin(&sc, &src, src.v.n);
	while (scan_next(&sc))
	{
		for (int64 j = 0; j < sc.len; j++)
		{
			if (sc.y[j] <= q20)
				kahan_add(&bottom, SW(&sc, j) * sc.y[j]);
			else if (sc.y[j] > q80)
				kahan_add(&top, SW(&sc, j) * sc.y[j]);
		}
	}
	scan_end(&sc);
	check_finite(kahan_value(&top), "the quintile share ratio");
	if (kahan_value(&bottom) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kahan_value(&top) / kahan_value(&bottom));
}

/* ---- relative poverty (Eurostat) ---- */

typedef enum RelMeasure
{
	REL_ARPT,
	REL_ARPR,
	REL_RMPG
} RelMeasure;

/*
 * The prefix of a sorted source below t (strictly, or at most t when
 * at_most): how many pairs, and their weight in *weight.
 */
static int64
source_prefix(const SampleSource *src, double t, bool at_most, double *weight)
{
	KahanSum	k = {0, 0};
	int64		count = 0;
	PairScan	sc;

	scan_begin(&sc, src, src->v.n);
	while (scan_next(&sc))
	{
		int64		j = 0;

		if (at_most)
			for (; j < sc.len && sc.y[j] <= t; j++)
				kahan_add(&k, SW(&sc, j));
		else
			for (; j < sc.len && sc.y[j] < t; j++)
				kahan_add(&k, SW(&sc, j));
		count += j;
		if (j < sc.len)
			break;
	}
	scan_end(&sc);
	*weight = kahan_value(&k);
	return count;
}

/*
 * Given the threshold t on the values of a sorted source: ARPR = weight of
 * values < t / W; RMPG = (t - median of values < t) / t.  NULL for RMPG
 * when no value is below t or t <= 0.
 */
static Datum
relative_at(FunctionCallInfo fcinfo, const SampleSource *src, double W, double t, RelMeasure m)
{
	int64		k;
	double		Wp;

	if (m == REL_ARPT)
		PG_RETURN_FLOAT8(t);
	k = source_prefix(src, t, false, &Wp);
	if (m == REL_ARPR)
		PG_RETURN_FLOAT8(Wp / W);
	if (Wp <= 0 || t <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((t - source_quantile(src, k, Wp, 0.5)) / t);
}

static Datum
relative_common(FunctionCallInfo fcinfo, double share, RelMeasure m)
{
	SampleSource src;
	double		W;

	sample_check_share(share);
	GET_SOURCE_OR_NULL(&src, &W);
	return relative_at(fcinfo, &src, W, share * source_quantile(&src, src.v.n, W, 0.5), m);
}

static double
stored_share(FunctionCallInfo fcinfo)
{
	uint16		flags;
	double		param;

	sample_kind(PG_GETARG_DATUM(0), &flags, &param);
	return (flags & SAMPLE_FLAG_PARAM) ? param : ARPT_DEFAULT_SHARE;
}

Datum
sample_arpt(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, ARPT_DEFAULT_SHARE, REL_ARPT);
}

Datum
sample_arpt_share(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, PG_GETARG_FLOAT8(1), REL_ARPT);
}

Datum
sample_arpt_final(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, stored_share(fcinfo), REL_ARPT);
}

Datum
sample_arpr(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, ARPT_DEFAULT_SHARE, REL_ARPR);
}

Datum
sample_arpr_share(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, PG_GETARG_FLOAT8(1), REL_ARPR);
}

Datum
sample_arpr_final(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, stored_share(fcinfo), REL_ARPR);
}

Datum
sample_rmpg(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, ARPT_DEFAULT_SHARE, REL_RMPG);
}

Datum
sample_rmpg_share(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, PG_GETARG_FLOAT8(1), REL_RMPG);
}

Datum
sample_rmpg_final(PG_FUNCTION_ARGS)
{
	return relative_common(fcinfo, stored_share(fcinfo), REL_RMPG);
}

/*
 * With an external threshold (per row allowed): the state holds y / t, so
 * the threshold is 1.  ARPR = weight with y < t / W (strict, Eurostat);
 * RMPG = 1 - median of {y/t : y < t}, which is (t - median)/t for one t.
 */
Datum
sample_arpr_at(PG_FUNCTION_ARGS)
{
	SampleSource src;
	double		W;

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_at_line(&src, "povstat.arpr_at");
	return relative_at(fcinfo, &src, W, 1.0, REL_ARPR);
}

Datum
sample_rmpg_at(PG_FUNCTION_ARGS)
{
	SampleSource src;
	double		W;

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_at_line(&src, "povstat.rmpg_at");
	return relative_at(fcinfo, &src, W, 1.0, REL_RMPG);
}

/* ---- Sen and Sen-Shorrocks-Thon, on x = income / line ---- */

/*
 * Sen (1976), replication-invariant form (Haughton & Khandker 2009, ch. 4):
 * S = H (I + (1 - I) G_p); H = FGT0, I = mean normalised gap of the poor,
 * G_p = Gini of the poor's x = y/z (equal to the Gini of their incomes for
 * one line).  No poor: 0; all poor at zero income: G_p = 0.  The poor are
 * x <= 1 (x < 1 when strict).
 */
static Datum
sen_common(FunctionCallInfo fcinfo, bool strict)
{
	SampleSource src;
	double		W,
				Wp,
				Wg,
				I,
				Gp = 0;
	bool		overflow;
	int64		m;
	KahanSum	gap = {0, 0};
	PairScan	sc;

	GET_SOURCE_OR_NULL(&src, &W);
	source_require_at_line(&src, "the Sen index");
	source_require_nonneg(&src, "the Sen index");
	m = source_prefix(&src, 1.0, !strict, &Wp);
	if (Wp <= 0)
		PG_RETURN_FLOAT8(0.0);
	scan_begin(&sc, &src, m);
	while (scan_next(&sc))
		for (int64 j = 0; j < sc.len; j++)
			kahan_add(&gap, SW(&sc, j) * (1.0 - sc.y[j]));
	scan_end(&sc);
	I = kahan_value(&gap) / Wp;
	if (!source_gini(&src, m, &Gp, &Wg, &overflow))
	{
		if (overflow)
			check_finite(NAN, "the Gini coefficient");
		Gp = 0;
	}
	PG_RETURN_FLOAT8((Wp / W) * (I + (1.0 - I) * Gp));
}

/*
 * SST (Shorrocks 1995; Xu & Osberg 2002) = FGT1 (1 + G(g)), g = 1 - x for
 * the poor and 0 otherwise, G the Gini over the whole population.  g
 * ascending is x descending: the non-poor (g = 0) come first and only add
 * to the cumulative weight, then the poor from the richest down (a
 * backward walk: arrays, not a stream).
 */
static Datum
sst_common(FunctionCallInfo fcinfo, bool strict)
{
	SampleSource src;
	const SampleView *v = &src.v;
	double		W,
				Wp,
				fgt1,
				G;
	int64		m;
	KahanSum	c = {0, 0},
				a = {0, 0},
				b = {0, 0},
				t = {0, 0};

	if (!get_source(fcinfo, &src, &W, false))
		PG_RETURN_NULL();
	source_require_at_line(&src, "the Sen-Shorrocks-Thon index");
	source_require_nonneg(&src, "the Sen-Shorrocks-Thon index");
	m = source_prefix(&src, 1.0, !strict, &Wp);
	kahan_add(&c, W - Wp);
	for (int64 i = m - 1; i >= 0; i--)
	{
		double		wi = v->w ? v->w[i] : 1.0;
		double		g = 1.0 - v->y[i];

		kahan_add(&c, wi);
		kahan_add(&a, wi * g * kahan_value(&c));
		kahan_add(&b, wi * wi * g);
		kahan_add(&t, wi * g);
	}
	check_finite(kahan_value(&a), "the Sen-Shorrocks-Thon index");
	fgt1 = kahan_value(&t) / W;
	if (kahan_value(&t) <= 0)
		PG_RETURN_FLOAT8(0.0);
	G = (2 * kahan_value(&a) - kahan_value(&b)) / (W * kahan_value(&t)) - 1;
	PG_RETURN_FLOAT8(fgt1 * (1.0 + G));
}

Datum
sample_sen(PG_FUNCTION_ARGS)
{
	return sen_common(fcinfo, false);
}

Datum
sample_sen_strict(PG_FUNCTION_ARGS)
{
	return sen_common(fcinfo, true);
}

Datum
sample_sst(PG_FUNCTION_ARGS)
{
	return sst_common(fcinfo, false);
}

Datum
sample_sst_strict(PG_FUNCTION_ARGS)
{
	return sst_common(fcinfo, true);
}

#ifdef SAMPLE_EXPERIMENT
/*
 * Experiment only (bench/sample_experiment.sql; build with
 * make PG_CPPFLAGS="-Isrc -DSAMPLE_EXPERIMENT"): the alternative to the
 * expanded object, a plain varlena of unweighted incomes whose VARSIZE is
 * the whole allocation (so a copy of VARSIZE bytes keeps the capacity).  It
 * grows by half into a new palloc in the per-row context and returns the
 * new pointer; the executor then copies it into the aggregate context and
 * frees the old one.
 */
typedef struct ExperimentState
{
	int32		vl_len_;
	int32		pad;
	int64		n;
	double		y[FLEXIBLE_ARRAY_MEMBER];
} ExperimentState;

PG_FUNCTION_INFO_V1(sample_experiment_varlena_accum);
PG_FUNCTION_INFO_V1(sample_experiment_varlena_rows);

Datum
sample_experiment_varlena_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = povstat_agg_context(fcinfo, "experiment");
	ExperimentState *s;
	int64		cap;

	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	if (PG_ARGISNULL(0))
	{
		s = MemoryContextAlloc(aggcontext, offsetof(ExperimentState, y) + 16 * sizeof(double));
		SET_VARSIZE(s, offsetof(ExperimentState, y) + 16 * sizeof(double));
		s->n = 0;
	}
	else
		s = (ExperimentState *) PG_GETARG_POINTER(0);
	cap = (VARSIZE(s) - offsetof(ExperimentState, y)) / sizeof(double);
	if (s->n >= cap)
	{
		Size		size = offsetof(ExperimentState, y) + (cap + cap / 2) * sizeof(double);
		ExperimentState *t = palloc_extended(size, MCXT_ALLOC_HUGE);

		memcpy(t, s, VARSIZE(s));
		SET_VARSIZE(t, size);
		s = t;
	}
	s->y[s->n++] = PG_GETARG_FLOAT8(1);
	PG_RETURN_POINTER(s);
}

Datum
sample_experiment_varlena_rows(PG_FUNCTION_ARGS)
{
	ExperimentState *s = (ExperimentState *) PG_GETARG_POINTER(0);

	PG_RETURN_INT64(s->n);
}
#endif							/* SAMPLE_EXPERIMENT */
