/*-------------------------------------------------------------------------
 *
 * bigmem.h
 *	  Large buffers that a povstat function fills for the first time,
 *	  placed on transparent huge pages where the kernel has them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef POVSTAT_BIGMEM_H
#define POVSTAT_BIGMEM_H

/* the x86-64 and arm64 (4 kB granule) huge page */
#define BIGMEM_HUGE_PAGE	((Size) 2 * 1024 * 1024)

/*
 * Buffers from two huge pages on are laid on whole huge pages: rounding
 * up then adds at most half, which keeps the sort-based aggregates within
 * 1.5 times the bytes they hold (doc/inequality.md).
 */
#define BIGMEM_WHOLE_PAGES_MIN	(2 * BIGMEM_HUGE_PAGE)

extern Size bigmem_page_align(Size size);
extern void *bigmem_map_aligned(Size size);
extern void bigmem_advise(void *start, Size size);
extern void *bigmem_palloc(Size size, void **block);

#endif							/* POVSTAT_BIGMEM_H */
