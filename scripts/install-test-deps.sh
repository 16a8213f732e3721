#!/usr/bin/env bash
# Installs what the tests launch besides RateLab itself: Open MPI's mpirun (the sharded-sweep test runs
# `mpirun -np 4 ratelab check --shard auto`), through apt, non-interactively. Idempotent: does nothing when
# mpirun is already on PATH. When apt cannot install it, says so and succeeds: that test then skips with
# the same message.
set -uo pipefail
command -v mpirun >/dev/null 2>&1 && exit 0
echo "install-test-deps: installing openmpi-bin" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends openmpi-bin >/dev/null; }; then
  echo "install-test-deps: apt could not install openmpi-bin; the mpirun test will be skipped" >&2
fi
exit 0
