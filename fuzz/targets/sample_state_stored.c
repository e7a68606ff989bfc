/*
 * Fuzz target: povstat.sample_state as a table stores it.  Flattening an
 * aggregate's state writes the packed layout (src/sample_pack.c), which no
 * input function builds; here the input bytes are such a stored value and
 * go straight to every reader.  A damaged packed value is XX001.
 */
#include "sample_state.h"

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
