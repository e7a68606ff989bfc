/* Fuzz target: povstat.mpi_state */
#include "fuzz.h"

FUZZ_FN(mpi_state_in);
FUZZ_FN(mpi_state_out);
FUZZ_FN(mpi_state_recv);
FUZZ_FN(mpi_state_send);
FUZZ_FN(mpi_combine);
FUZZ_FN(mpi_a);
FUZZ_FN(mpi_h);
FUZZ_FN(mpi_m0);
FUZZ_FN(mpi_population);

const FuzzType fuzz_type = {
	.name = "mpi_state",
	.in = mpi_state_in,
	.out = mpi_state_out,
	.recv = mpi_state_recv,
	.send = mpi_state_send,
	.combine = mpi_combine,
	.finishers = {mpi_a, mpi_h, mpi_m0, mpi_population},
};
