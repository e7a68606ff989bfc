/* Fuzz target: povstat.programme_state */
#include "fuzz.h"

FUZZ_FN(programme_state_in);
FUZZ_FN(programme_state_out);
FUZZ_FN(programme_state_recv);
FUZZ_FN(programme_state_send);
FUZZ_FN(programme_combine);
FUZZ_FN(programme_beneficiaries);
FUZZ_FN(programme_beneficiary_set);
FUZZ_FN(programme_max);
FUZZ_FN(programme_min);
FUZZ_FN(programme_payments);

/* programme_total and programme_mean return numeric (numeric_in): not fuzzed */
const FuzzType fuzz_type = {
	.name = "programme_state",
	.in = programme_state_in,
	.out = programme_state_out,
	.recv = programme_state_recv,
	.send = programme_state_send,
	.noncanonical = true,		/* embeds a household_set (CRoaring containers) */
	.combine = programme_combine,
	.finishers = {programme_beneficiaries, programme_beneficiary_set, programme_max, programme_min, programme_payments},
};
