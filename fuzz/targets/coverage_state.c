/* Fuzz target: povstat.coverage_state (src/coverage.c, src/state_io.c) */
#include "fuzz.h"

FUZZ_FN(coverage_state_in);
FUZZ_FN(coverage_state_out);
FUZZ_FN(coverage_state_recv);
FUZZ_FN(coverage_state_send);
FUZZ_FN(coverage_combine);
FUZZ_FN(coverage_rate);
FUZZ_FN(coverage_reached);
FUZZ_FN(coverage_eligible);
FUZZ_FN(coverage_unknown);

const FuzzType fuzz_type = {
	.name = "coverage_state",
	.in = coverage_state_in,
	.out = coverage_state_out,
	.recv = coverage_state_recv,
	.send = coverage_state_send,
	.combine = coverage_combine,
	.finishers = {coverage_rate, coverage_reached, coverage_eligible, coverage_unknown},
};
