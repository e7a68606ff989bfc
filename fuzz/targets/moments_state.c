/* Fuzz target: povstat.moments_state */
#include "fuzz.h"

FUZZ_FN(moments_state_in);
FUZZ_FN(moments_state_out);
FUZZ_FN(moments_state_recv);
FUZZ_FN(moments_state_send);
FUZZ_FN(moments_combine);
FUZZ_FN(moments_atkinson_final);
FUZZ_FN(moments_ge_final);
FUZZ_FN(moments_mean);
FUZZ_FN(moments_mld);
FUZZ_FN(moments_population);
FUZZ_FN(moments_theil);

const FuzzType fuzz_type = {
	.name = "moments_state",
	.in = moments_state_in,
	.out = moments_state_out,
	.recv = moments_state_recv,
	.send = moments_state_send,
	.combine = moments_combine,
	.finishers = {moments_atkinson_final, moments_ge_final, moments_mean, moments_mld, moments_population, moments_theil},
};
