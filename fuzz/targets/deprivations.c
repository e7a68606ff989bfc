/* Fuzz target: povstat.deprivations (src/deprivations.c), a pass-by-value type */
#include "fuzz.h"

FUZZ_FN(deprivations_in);
FUZZ_FN(deprivations_out);
FUZZ_FN(deprivations_recv);
FUZZ_FN(deprivations_send);
FUZZ_FN(deprivations_union);
FUZZ_FN(deprivations_count_fn);

const FuzzType fuzz_type = {
	.name = "deprivations",
	.in = deprivations_in,
	.out = deprivations_out,
	.recv = deprivations_recv,
	.send = deprivations_send,
	.byval = true,
	.combine = deprivations_union,
	.finishers = {deprivations_count_fn},
};
