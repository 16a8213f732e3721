#!/usr/bin/env bash
# Every claim of proofs-numeric/ over NP MPI processes, then the merge. Each rank runs its share of the
# cells (`--shard auto` reads OMPI_COMM_WORLD_RANK/SIZE, or PMI_RANK/PMI_SIZE under MPICH) into a cache
# every rank sees; the merge writes the reports without running anything (`--require-cached` fails if a
# rank left cells out). RateLab does not call MPI: the launcher only starts the processes.
#
#     examples/mpi/run.sh [NP] [CLAIMS...]           # from the repository root; NP defaults to 4
#
# Variables: CACHE (default .ratelab-cache-mpi), REPORTS (default reports), RATELAB (the binary).
set -euo pipefail
NP=${1:-4}
shift || true
CLAIMS=("${@:-proofs-numeric}")
CACHE=${CACHE:-.ratelab-cache-mpi}
REPORTS=${REPORTS:-reports}
RATELAB=${RATELAB:-.build/release/ratelab}
ROOT=()
if [ "$(id -u)" -eq 0 ]; then ROOT=(--allow-run-as-root); fi
mpirun "${ROOT[@]}" --oversubscribe -np "$NP" "$RATELAB" check "${CLAIMS[@]}" --shard auto --cache "$CACHE" --threads 1
"$RATELAB" check "${CLAIMS[@]}" --cache "$CACHE" --require-cached --reports "$REPORTS"
