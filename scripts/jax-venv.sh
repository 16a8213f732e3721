#!/usr/bin/env bash
# Prints the Python of a venv with JAX (and NumPy) for the JAX bench peer, creating .build-venv with pip
# when it is missing. When it cannot (no venv module, no network), says why on stderr and prints nothing:
# `make bench` then skips the JAX peer with that message.
set -uo pipefail
VENV=${VENV:-.build-venv}
if ! "$VENV/bin/python" -c 'import jax, numpy' 2>/dev/null; then
  echo "jax-venv: installing jax[cpu] and numpy into $VENV" >&2
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet "jax[cpu]" numpy; } >&2; then
    echo "jax-venv: could not install JAX into $VENV; the JAX peer is skipped" >&2
    exit 0
  fi
fi
echo "$VENV/bin/python"
