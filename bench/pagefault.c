/*
 * Cost of touching new anonymous memory on this machine, printed in the
 * benchmark's header: sort-based aggregates move every row through new
 * memory (arrays, tuples, queue buffers), and where a page fault is slow
 * (some VMs) that, not the aggregate, sets the time of parallel plans.
 *
 *   cc -O2 -o pagefault bench/pagefault.c && ./pagefault
 *
 * Prints microseconds per 4 kB page for 64 MB of 4 kB pages and for 64 MB
 * advised for transparent huge pages (median of 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define SIZE ((size_t) 64 << 20)
#define REPS 5

static double
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

static double
touch_us_per_page(int huge)
{
	double		t[REPS];

	for (int r = 0; r < REPS; r++)
	{
		char	   *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		double		t0;

		if (p == MAP_FAILED)
		{
			perror("mmap");
			exit(1);
		}
#ifdef MADV_HUGEPAGE
		if (huge)
			(void) madvise(p, SIZE, MADV_HUGEPAGE);
#endif
		t0 = now_us();
		memset(p, 1, SIZE);
		t[r] = (now_us() - t0) / (SIZE / 4096);
		munmap(p, SIZE);
	}
	qsort(t, REPS, sizeof(double), cmp_double);
	return t[REPS / 2];
}

int
main(void)
{
	double		small = touch_us_per_page(0);
	double		huge = touch_us_per_page(1);

	printf("new memory: %.2f us per 4 kB page (%.1f ms per MB); advised for huge pages %.2f us (%.2f ms per MB)\n",
		   small, small * 256 / 1000, huge, huge * 256 / 1000);
	return 0;
}
