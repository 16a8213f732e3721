#!/usr/bin/env bash
# Installs the system libraries RateLab links against (LAPACK, LAPACKE, BLAS, GSL, pkg-config),
# through apt, non-interactively. Idempotent: does nothing when pkg-config already finds them.
set -euo pipefail
# Headers and libraries live under the machine's multiarch directory (x86_64-linux-gnu, aarch64-linux-gnu, …).
installed() { compgen -G "$1" >/dev/null; }
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists lapacke gsl \
   && { installed "/usr/include/cblas.h" || installed "/usr/include/*/cblas.h"; } \
   && installed "/usr/lib/*/libopenblas.so"; then
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
