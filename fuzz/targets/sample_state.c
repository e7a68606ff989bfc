/* Fuzz target: povstat.sample_state */
#include "sample_state.h"

const FuzzType fuzz_type = {
	.name = "sample_state",
	.in = sample_state_in,
	.out = sample_state_out,
	.recv = sample_state_recv,
	.send = sample_state_send,
	.combine = sample_combine,
	.finishers = {sample_arpr, sample_arpt, sample_gini, sample_median, sample_palma, sample_population, sample_qsr, sample_rows, sample_s80s20, sample_sen, sample_sen_strict, sample_sst, sample_sst_strict, sample_rmpg},
};
