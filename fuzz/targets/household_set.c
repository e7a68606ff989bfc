/* Fuzz target: povstat.household_set */
#include "fuzz.h"

FUZZ_FN(household_set_in);
FUZZ_FN(household_set_out);
FUZZ_FN(household_set_recv);
FUZZ_FN(household_set_send);
FUZZ_FN(household_set_union);
FUZZ_FN(household_set_cardinality);

const FuzzType fuzz_type = {
	.name = "household_set",
	.in = household_set_in,
	.out = household_set_out,
	.recv = household_set_recv,
	.send = household_set_send,
	.combine = household_set_union,
	.noncanonical = true,		/* {3-4} (run container) and {3,4} (array) */
	.extra_sqlstates = "54000",	/* a set larger than 1 GB flat (doc/accounting.md) */
	.finishers = {household_set_cardinality},
};
