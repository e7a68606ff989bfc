/* Fuzz target: povstat.profile_state */
#include "fuzz.h"

FUZZ_FN(profile_state_in);
FUZZ_FN(profile_state_out);
FUZZ_FN(profile_state_recv);
FUZZ_FN(profile_state_send);
FUZZ_FN(profile_combine);
FUZZ_FN(profile_count_final);
FUZZ_FN(profile_population);
FUZZ_FN(profile_rate_final);
FUZZ_FN(profile_unclassified);

const FuzzType fuzz_type = {
	.name = "profile_state",
	.in = profile_state_in,
	.out = profile_state_out,
	.recv = profile_state_recv,
	.send = profile_state_send,
	.combine = profile_combine,
	.finishers = {profile_count_final, profile_population, profile_rate_final, profile_unclassified},
};
