#!/usr/bin/env bash
# The kernels' promise, checked (`make kernel-isa`, part of `make test`): Tests/KernelISA/kernel_isa.c is
# built against Sources/CKernels once multiversioned (as RateLab builds them) and once per x86-64 level
# (-DRL_SINGLE_TARGET -march=…); every build this CPU can run must print the same count and hash of the
# bit patterns of its results. Levels the CPU lacks are built (so they still compile) and reported as not run.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=${CC:-clang}
out=.build/kernel-isa
mkdir -p "$out"
sources=(Tests/KernelISA/kernel_isa.c Sources/CKernels/RateLabKernels.c)
if [ "$(uname -m)" != x86_64 ]; then
    "$CC" -O2 -ISources/CKernels/include "${sources[@]}" -o "$out/native"
    echo "kernel-isa: $("$out/native")"
    echo "kernel-isa: not x86-64, one version only: nothing to compare"
    exit 0
fi
flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
has() { for flag in "$@"; do [[ $flags == *" $flag "* ]] || return 1; done; }
runnable() {
    case $1 in
    x86-64-v4) has avx512f avx512bw avx512cd avx512dq avx512vl avx2 fma bmi2 ;;
    x86-64-v3) has avx2 fma bmi1 bmi2 f16c movbe ;;
    *) true ;;
    esac
}
reference=""
for level in multiversioned x86-64 x86-64-v3 x86-64-v4; do
    if [ "$level" = multiversioned ]; then
        "$CC" -O2 -ISources/CKernels/include "${sources[@]}" -o "$out/$level"
    else
        "$CC" -O2 -DRL_SINGLE_TARGET -march="$level" -ISources/CKernels/include "${sources[@]}" -o "$out/$level"
    fi
    if ! runnable "$level"; then
        echo "kernel-isa: $level: built, not run (this CPU lacks it)"
        continue
    fi
    result=$("$out/$level")
    echo "kernel-isa: $level: $result"
    if [ -z "$reference" ]; then
        reference=$result
    elif [ "$result" != "$reference" ]; then
        echo "kernel-isa: $level computes other bits than the multiversioned build ($reference)" >&2
        exit 1
    fi
done
echo "kernel-isa: every version this CPU runs computes the same bits"
