/*
 * The machine's arithmetic peak for RateLab's kernels: the flops per second of independent multiply
 * and add chains on the kernels' widest vector type (8 doubles, `ext_vector_type(8)`: the accumulators of
 * rl_row_dots, half of rl_add_rows' 16-double blocks), cloned for the same x86-64 levels, with contraction
 * off as in Sources/CKernels (a·b + c stays two roundings, so the peak counts separate multiplies and adds,
 * never FMAs). Under the x86-64-v4 clone one such vector is one 512-bit register, as in the kernels; a
 * 4-double probe would report half the peak on such a machine. `make bench` sets each workload's flops
 * against it.
 *
 * Build and run from the repository root:
 *   clang -O2 benchmarks/peak_probe.c -o .build/peak_probe -lpthread && .build/peak_probe 2    # threads
 * The fastest of `passes` short passes counts (as in bandwidth_probe.c), so that a pass the OS interrupted on a
 * busy machine does not lower the peak and inflate every workload's fraction of it.
 * Prints one JSON line: threads, seconds (fastest pass), flops (per pass), flops_per_second.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#pragma clang fp contract(off)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
enum { lanes = 8 };
typedef double vNd __attribute__((ext_vector_type(lanes)));

enum { chains = 12, iterations = 20000000, passes = 5, maxThreads = 64 };

/// 2 · chains vector operations of `lanes` lanes per iteration: x ← x·a, y ← y + b on independent registers
/// (enough chains to cover the latency of both units). Returns a value that depends on every chain.
CLONES static double spin(double seed) {
    vNd x[chains], y[chains];
    const vNd a = seed * 1e-9 + 0.999999999, b = seed * 1e-12;
    for (int c = 0; c < chains; c++) { x[c] = 1.0 + c; y[c] = c; }
    for (long i = 0; i < iterations; i++) {
        for (int c = 0; c < chains; c++) {
            x[c] = x[c] * a;
            y[c] = y[c] + b;
        }
    }
    double sum = 0;
    for (int c = 0; c < chains; c++) sum += x[c][0] + y[c][lanes - 1];
    return sum;
}

static void *worker(void *argument) {
    double *slot = argument;
    *slot = spin(*slot);
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1 || threads > maxThreads) { fprintf(stderr, "usage: %s [threads 1…%d]\n", argv[0], maxThreads); return 2; }
    pthread_t ids[maxThreads];
    double slots[maxThreads];
    double seconds = 1e300, check = 0;
    for (int pass = 0; pass < passes; pass++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (int t = 0; t < threads; t++) { slots[t] = t + 1 + pass; pthread_create(&ids[t], NULL, worker, &slots[t]); }
        for (int t = 0; t < threads; t++) { pthread_join(ids[t], NULL); check += slots[t]; }
        clock_gettime(CLOCK_MONOTONIC, &end);
        double elapsed = (end.tv_sec - start.tv_sec) + 1e-9 * (end.tv_nsec - start.tv_nsec);
        if (elapsed < seconds) seconds = elapsed;
    }
    double flops = (double)threads * iterations * chains * 2 * lanes;
    printf("{\"threads\": %d, \"seconds\": %.6f, \"flops\": %.6g, \"flops_per_second\": %.6g, \"check\": %.17g}\n", threads, seconds,
           flops, flops / seconds, check);
    return 0;
}
