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
	/* reported to the lead; remove once household_set_out checks interrupts within a bucket */
	.size_fn = household_set_cardinality,
	.size_limit = 1000000,
	.size_known_issue = "household_set_out walks every id, CHECK_FOR_INTERRUPTS only per 2^32-id bucket: "
	"'{0-4294967295}' takes ~20 s to print and ignores statement_timeout for ~13 s",
};
