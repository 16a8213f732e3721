#!/usr/bin/env bash
# Installs what the tests launch beyond the libraries of install-deps.sh, from Debian through apt,
# non-interactively:
#   - openmpi-bin: the sharded-sweep test runs `mpirun -np 4 ratelab check --shard auto`;
#   - chromium-headless-shell (else chromium): the HTML report's browser test.
# Idempotent: a tool already on PATH is not installed again. Never fatal: without apt (or root) it says so
# and exits 0, and the test that needs the missing tool skips with that message.
set -uo pipefail
have() { command -v "$1" >/dev/null 2>&1; }
missing=()
have mpirun || missing+=(openmpi-bin)
have chromium-headless-shell || have chromium || missing+=(chromium-headless-shell)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if have sudo && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "install-test-deps: not root and no sudo; not installed: ${missing[*]} (the tests that need them skip)" >&2
    exit 0
  fi
fi
if ! have apt-get; then
  echo "install-test-deps: no apt-get; not installed: ${missing[*]} (the tests that need them skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: installing ${missing[*]} (apt)" >&2
$SUDO apt-get update -qq >/dev/null 2>&1
for package in "${missing[@]}"; do
  if ! $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1; then
    if [ "$package" = chromium-headless-shell ] && $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
      continue
    fi
    echo "install-test-deps: apt could not install $package (the test that needs it skips)" >&2
  fi
done
exit 0
