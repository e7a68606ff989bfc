/*
 * Fuzz target: povstat.sample_state as a table stores it.  Flattening an
 * aggregate's state writes the packed layout (src/sample_pack.c), which no
 * input function builds; here the input bytes are such a stored value and
 * go straight to every reader.  A damaged packed value is XX001.
 */
#include "fuzz.h"

FUZZ_FN(sample_state_in);
FUZZ_FN(sample_state_out);
FUZZ_FN(sample_state_recv);
FUZZ_FN(sample_state_send);
FUZZ_FN(sample_combine);
FUZZ_FN(sample_arpr);
FUZZ_FN(sample_gini);
FUZZ_FN(sample_median);
FUZZ_FN(sample_palma);
FUZZ_FN(sample_population);
FUZZ_FN(sample_rows);
FUZZ_FN(sample_sen);
FUZZ_FN(sample_sst);

const FuzzType fuzz_type = {
	.name = "sample_state (stored)",
	.in = sample_state_in,
	.out = sample_state_out,
	.recv = sample_state_recv,
	.send = sample_state_send,
	.combine = sample_combine,
	.finishers = {sample_arpr, sample_gini, sample_median, sample_palma, sample_population, sample_rows, sample_sen, sample_sst},
	/* a packed value reads back from its text in the plain layout: compare texts */
	.noncanonical = true,
	.extra_sqlstates = "XX001",
	.stored_values = true,
};
