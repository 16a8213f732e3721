#!/usr/bin/env bash
# Installs what the tests need beyond the libraries of install-deps.sh: headless Chromium from Debian
# (package chromium-headless-shell, else chromium), which the HTML report's browser test drives.
# Idempotent: does nothing when a headless Chromium is on PATH. Never fatal: without apt (or root),
# it says so and exits 0, and the browser test skips with that message.
set -uo pipefail
for binary in chromium-headless-shell chromium; do
  if command -v "$binary" >/dev/null 2>&1; then exit 0; fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "install-test-deps: not root and no sudo; headless Chromium not installed (the browser test will skip)" >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: no apt-get; headless Chromium not installed (the browser test will skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: installing chromium-headless-shell (apt)" >&2
$SUDO apt-get update -qq >/dev/null 2>&1
$SUDO apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null 2>&1 \
  || $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
  || echo "install-test-deps: apt could not install chromium-headless-shell or chromium (the browser test will skip)" >&2
exit 0
