/* Fuzz target: povstat.fgt_state (src/fgt.c, src/state_io.c) */
#include "fuzz.h"

FUZZ_FN(fgt_state_in);
FUZZ_FN(fgt_state_out);
FUZZ_FN(fgt_state_recv);
FUZZ_FN(fgt_state_send);
FUZZ_FN(fgt_combine);
FUZZ_FN(fgt_headcount_ratio);
FUZZ_FN(fgt_headcount);
FUZZ_FN(fgt_population);
FUZZ_FN(fgt_poverty_gap);
FUZZ_FN(fgt_poverty_severity);
FUZZ_FN(fgt_final);
FUZZ_FN(fgt_watts);

const FuzzType fuzz_type = {
	.name = "fgt_state",
	.in = fgt_state_in,
	.out = fgt_state_out,
	.recv = fgt_state_recv,
	.send = fgt_state_send,
	.combine = fgt_combine,
	.finishers = {fgt_headcount_ratio, fgt_headcount, fgt_population, fgt_poverty_gap,
	fgt_poverty_severity, fgt_final, fgt_watts},
};
