/* Fuzz target: povstat.sample_state */
#include "fuzz.h"

FUZZ_FN(sample_state_in);
FUZZ_FN(sample_state_out);
FUZZ_FN(sample_state_recv);
FUZZ_FN(sample_state_send);
FUZZ_FN(sample_combine);
FUZZ_FN(sample_arpr);
FUZZ_FN(sample_arpt);
FUZZ_FN(sample_gini);
FUZZ_FN(sample_median);
FUZZ_FN(sample_palma);
FUZZ_FN(sample_population);
FUZZ_FN(sample_qsr);
FUZZ_FN(sample_rows);
FUZZ_FN(sample_s80s20);
FUZZ_FN(sample_sen);
FUZZ_FN(sample_sen_strict);
FUZZ_FN(sample_sst);
FUZZ_FN(sample_sst_strict);
FUZZ_FN(sample_rmpg);

const FuzzType fuzz_type = {
	.name = "sample_state",
	.in = sample_state_in,
	.out = sample_state_out,
	.recv = sample_state_recv,
	.send = sample_state_send,
	.combine = sample_combine,
	.finishers = {sample_arpr, sample_arpt, sample_gini, sample_median, sample_palma, sample_population, sample_qsr, sample_rows, sample_s80s20, sample_sen, sample_sen_strict, sample_sst, sample_sst_strict, sample_rmpg},
};
