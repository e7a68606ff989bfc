/*
 * The povstat.sample_state functions that its two fuzz targets call:
 * sample_state.c (input and receive) and sample_state_stored.c (stored
 * bytes).
 */
#ifndef POVSTAT_FUZZ_SAMPLE_STATE_H
#define POVSTAT_FUZZ_SAMPLE_STATE_H

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

#endif
