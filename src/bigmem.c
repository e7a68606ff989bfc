/*-------------------------------------------------------------------------
 *
 * bigmem.c
 *	  Large buffers that a povstat function fills for the first time,
 *	  placed on transparent huge pages where the kernel has them.
 *
 * Why: the sort-based aggregates write 8 or 16 bytes per row into memory
 * new to the process (the sample's arrays, the radix sort's scratch, a
 * parallel worker's packed part), and on the bench's VM each new 4 kB
 * page costs about 15 us, 3.5 ms per MB, against 0.1 ms per MB for
 * memory backed by 2 MB huge pages (bench/pagefault.c).  On bare metal
 * the gap is smaller but goes the same way: one fault and one TLB entry
 * per 2 MB instead of 512.
 *
 * A huge page backs only a whole, aligned 2 MB of a mapping advised with
 * MADV_HUGEPAGE (transparent_hugepage "madvise", Debian's default, or
 * "always").  Buffers are therefore laid on whole aligned 2 MB pages; the
 * parts of an allocation outside them are never touched, so they cost
 * address space, not memory.  Where the kernel has no transparent huge
 * pages the advice does nothing and the buffers behave as before.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <sys/mman.h>
#include <unistd.h>

#include "bigmem.h"
#include "utils/memutils.h"

/* size rounded up to whole pages of the kernel's size (4 kB, 16 or 64 kB) */
Size
bigmem_page_align(Size size)
{
	static Size page = 0;

	if (page == 0)
	{
		long		sys_page = sysconf(_SC_PAGESIZE);

		page = (sys_page > 0) ? (Size) sys_page : 4096;
	}
	return (size + page - 1) / page * page;
}

/*
 * A fresh anonymous mapping of size bytes (whole pages of the kernel's
 * size) starting on a 2 MB boundary, advised for huge pages; NULL with
 * errno set if the kernel refuses.  The caller owns it and must munmap it,
 * on ERROR too (see sample.c's reset callback).  Over-maps by one huge
 * page and gives back the unaligned ends: both ends are page-aligned, so
 * neither munmap can fail.
 */
void *
bigmem_map_aligned(Size size)
{
	Size		span = size + BIGMEM_HUGE_PAGE;
	char	   *p;
	char	   *start;

	Assert(size > 0 && size == bigmem_page_align(size));
	p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	start = (char *) TYPEALIGN(BIGMEM_HUGE_PAGE, p);
	if (start > p)
		(void) munmap(p, start - p);
	if (p + span > start + size)
		(void) munmap(start + size, (p + span) - (start + size));
#ifdef MADV_HUGEPAGE
	(void) madvise(start, size, MADV_HUGEPAGE);
#endif
	return start;
}

/*
 * Advise huge pages for the whole 2 MB pages inside [start, start + size):
 * memory allocated by someone else (the executor's buffer that flattening
 * fills) and untouched so far.  Advice only; the pages lie within that one
 * allocation.
 */
void
bigmem_advise(void *start, Size size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t	lo = TYPEALIGN(BIGMEM_HUGE_PAGE, (uintptr_t) start);
	uintptr_t	hi = TYPEALIGN_DOWN(BIGMEM_HUGE_PAGE, (uintptr_t) start + size);

	if (hi > lo)
		(void) madvise((void *) lo, hi - lo, MADV_HUGEPAGE);
#endif
}

/*
 * Scratch of size bytes in CurrentMemoryContext, so that an ERROR frees
 * it with the context.  From BIGMEM_WHOLE_PAGES_MIN on, the block is over-
 * allocated by up to two huge pages so that the returned buffer starts on
 * a 2 MB boundary and the advised whole pages cover all of it.  *block is
 * what to pfree.  The slack is never touched, so it costs no memory, but
 * it is address space: the context's allocation count includes it, and so
 * does the commit charge where vm.overcommit_memory is 2.
 */
void *
bigmem_palloc(Size size, void **block)
{
	Size		advised;
	void	   *start;

	if (size < BIGMEM_WHOLE_PAGES_MIN)
	{
		*block = palloc_extended(size, MCXT_ALLOC_HUGE);
		return *block;
	}
	advised = TYPEALIGN(BIGMEM_HUGE_PAGE, size);
	*block = palloc_extended(advised + BIGMEM_HUGE_PAGE, MCXT_ALLOC_HUGE);
	start = (void *) TYPEALIGN(BIGMEM_HUGE_PAGE, *block);
	bigmem_advise(start, advised);
	return start;
}
