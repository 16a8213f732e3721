#!/usr/bin/env bash
# Installs the system libraries RateLab links against (LAPACK, LAPACKE, BLAS, GSL, pkg-config),
# through apt, non-interactively. Idempotent: does nothing when pkg-config already finds them.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists lapacke gsl \
   && [ -e /usr/include/x86_64-linux-gnu/cblas.h -o -e /usr/include/cblas.h ] \
   && [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so -o -e /usr/lib/aarch64-linux-gnu/libopenblas.so ]; then
  exit 0
fi
echo "install-deps: installing liblapack-dev liblapacke-dev libopenblas-dev libgsl-dev pkg-config" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  liblapack-dev liblapacke-dev libopenblas-dev libgsl-dev pkg-config >/dev/null
pkg-config --exists lapacke gsl || { echo "install-deps: pkg-config still cannot find lapacke and gsl" >&2; exit 1; }
