/* Fuzz target: povstat.transitions_state (src/transitions.c, src/state_io.c) */
#include "fuzz.h"

FUZZ_FN(transitions_state_in);
FUZZ_FN(transitions_state_out);
FUZZ_FN(transitions_state_recv);
FUZZ_FN(transitions_state_send);
FUZZ_FN(transitions_combine);

/* transitions_summary/matrix build composite rows: catalog access, not fuzzed */
const FuzzType fuzz_type = {
	.name = "transitions_state",
	.in = transitions_state_in,
	.out = transitions_state_out,
	.recv = transitions_state_recv,
	.send = transitions_state_send,
	.combine = transitions_combine,
};
