/*
 * The inner loop of bench workloads A–C as plain C, without the simulator: how fast this machine
 * runs the same algorithm with RateLab's own kernels (Sources/CKernels) on the same number of threads.
 * It bounds what any implementation of RateLab's local SGD can reach here; `ratelab bench` compares
 * against NumPy, this program against the hardware.
 *
 * The same algorithm in the same order as RateLab's local-sgd (LocalSGD.swift, GLMProblem.swift):
 * per worker i and step, rows k_b = i·m + ⌊u·m / 2⁶⁴⌋ from worker i's own SplitMix64 stream (RateLab's
 * RandomStream keyed by seed 1, stream i, purpose sampling; Lemire's multiply-shift as nextIndex),
 * t_b = a_kbᵀx (rl_row_dots), c_b = (−(1/B)·y_kb)·σ(−y_kb t_b) (rl_sigmoid), g = 0 + Σ_b c_b a_kb
 * (rl_add_rows) then g_j += λx_j, x_j += (−η)·g_j; logistic loss, B = 32, λ = 1e-3, η = 0.05; threads own
 * contiguous blocks of workers and meet at a spin barrier after every period of τ = 10 steps, where
 * thread 0 averages the models (x̄ = Σ_i (1/p)·x_i in worker order) and every worker restarts from x̄.
 * Data: uniform features and ±1 labels instead of RateLab's Gaussian rows (the kernels are
 * branch-free: the timing does not depend on the values), in RateLab's layout (AlignedRows: every row
 * on a 64-byte line, d rounded up to 8 doubles). No contraction into FMAs (as the kernels).
 *
 * With a sixth argument `loads`, every step only draws its rows and sums them into independent 8-double
 * accumulators, with no gradient, model or averaging: the time to bring each sampled row into registers once,
 * which any implementation of the algorithm pays (the row-load floor `make bench` sets the workloads against);
 * the fastest of 2, 4 and 8 rows loaded at a time counts.
 *
 * Build and run from the repository root (A on 2 threads):
 *   clang -O2 -ISources/CKernels/include benchmarks/c_loop.c Sources/CKernels/RateLabKernels.c -o /tmp/c_loop -lpthread
 *   /tmp/c_loop 8 1000 50 20000 2      # p m d T threads [loads]; B: 64 500 50 5000 2; C: 8 1000 1000 5000 2
 * Prints the wall time of the loop (set-up apart) and sample-gradients (or sampled rows) per second.
 */
#include "RateLabKernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma clang fp contract(off)

enum { batch = 32, tau = 10, maxThreads = 64 };
static const double lambda = 1e-3, eta = 0.05;
static double *features, *labels, *models;
static ptrdiff_t m, d, stride;
static int workers, steps, threads, loadsOnly;
static double loadsChecksum[maxThreads];
static atomic_int arrived, generation;

/// RateLab's RandomStream: SplitMix64 with the Stafford variant-13 finaliser, output_k = mix(key + k·γ).
static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

typedef struct { uint64_t key, drawn; } Stream;

/// RandomStream(seed:stream:purpose:)'s key.
static Stream stream(uint64_t seed, uint64_t index, uint64_t purpose) {
    uint64_t k = mix(seed + 0x6A09E667F3BCC909ull);
    k = mix(k ^ (index * 0xBB67AE8584CAA73Bull));
    k = mix(k ^ (purpose * 0x3C6EF372FE94F82Bull));
    return (Stream){k, 0};
}

static uint64_t next(Stream *s) {
    s->drawn++;
    return mix(s->key + s->drawn * 0x9E3779B97F4A7C15ull);
}

/// nextIndex(n): the high word of the 128-bit product (Lemire).
static ptrdiff_t nextIndex(Stream *s, uint64_t n) { return (ptrdiff_t)(((__uint128_t)next(s) * n) >> 64); }

enum { purposeSampling = 3 };
static Stream *streams;
static double *average;

static void barrier(void) {
    int seen = atomic_load(&generation);
    if (atomic_fetch_add(&arrived, 1) == threads - 1) {
        atomic_store(&arrived, 0);
        atomic_fetch_add(&generation, 1);
    } else {
        while (atomic_load(&generation) == seen) __builtin_ia32_pause();
    }
}

/// x̄ ← Σ_i (1/p)·x_i added in worker order, then x_i ← x̄ (Kernels.average, WorkerMatrix.broadcast).
static void averageModels(void) {
    double w = 1.0 / workers;
    for (ptrdiff_t j = 0; j < d; j++) average[j] = 0;
    for (int i = 0; i < workers; i++)
        for (ptrdiff_t j = 0; j < d; j++) average[j] += w * models[i * d + j];
    for (int i = 0; i < workers; i++)
        for (ptrdiff_t j = 0; j < d; j++) models[i * d + j] = average[j];
}

typedef double v8d __attribute__((ext_vector_type(8), aligned(8)));

/// Adds the `count` rows into `acc` and `tail`, `width` rows at a time (`width` independent streams of loads;
/// rl_row_dots reads 4), 16 doubles per row and iteration into two accumulators per row, then 8, then the last
/// d mod 8 doubles: loads, and adds too few and too independent to set the pace. Inlined with a constant
/// `width`, so that the accumulators stay in registers.
static inline __attribute__((always_inline)) void sumRowsInterleaved(const ptrdiff_t *rows, int count, v8d *acc,
                                                                     double *tail, const int width) {
    for (int b = 0; b < count; b += width) {
        const double *r[width];
        for (int k = 0; k < width; k++) r[k] = features + rows[b + k < count ? b + k : b] * stride;
        v8d lo[width], hi[width];
        for (int k = 0; k < width; k++) lo[k] = hi[k] = (v8d){0};
        ptrdiff_t j = 0;
        for (; j + 16 <= d; j += 16)
            for (int k = 0; k < width; k++) { lo[k] += *(const v8d *)(r[k] + j); hi[k] += *(const v8d *)(r[k] + j + 8); }
        for (; j + 8 <= d; j += 8)
            for (int k = 0; k < width; k++) lo[k] += *(const v8d *)(r[k] + j);
        for (; j < d; j++)
            for (int k = 0; k < width; k++) tail[k % 4] += r[k][j];
        for (int k = 0; k < width; k++) acc[k % 4] += lo[k] + hi[k];
    }
}

/// The loads mode tries these interleavings and keeps the fastest (the floor is the best of what was tried).
static const int loadWidths[] = {2, 4, 8};
static int loadWidth;

/// sumRowsInterleaved at `loadWidth`, cloned for the kernels' x86-64 levels.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
static void sumRows(const ptrdiff_t *rows, int count, v8d *acc, double *tail) {
    switch (loadWidth) {
    case 2: sumRowsInterleaved(rows, count, acc, tail, 2); break;
    case 4: sumRowsInterleaved(rows, count, acc, tail, 4); break;
    default: sumRowsInterleaved(rows, count, acc, tail, 8); break;
    }
}

static void *run(void *arg) {
    int task = (int)(intptr_t)arg, first = task * workers / threads, last = (task + 1) * workers / threads;
    double *g = aligned_alloc(64, sizeof(double) * (size_t)stride), t[batch];
    ptrdiff_t rows[batch];
    const double scale = 1.0 / batch;
    v8d acc[4] = {0};
    double tail[4] = {0};
    for (int start = 0; start < steps; start += tau) {
        for (int w = first; w < last; w++) {
            double *x = models + w * d;
            for (int step = start; step < start + tau && step < steps; step++) {
                for (int b = 0; b < batch; b++) rows[b] = w * m + nextIndex(&streams[w], (uint64_t)m);
                if (loadsOnly) { sumRows(rows, batch, acc, tail); continue; }
                rl_row_dots(features, stride, d, rows, batch, x, t);
                for (int b = 0; b < batch; b++) t[b] = -labels[rows[b]] * t[b];
                rl_sigmoid(t, t, batch);
                for (int b = 0; b < batch; b++) t[b] = -scale * labels[rows[b]] * t[b];
                for (ptrdiff_t j = 0; j < d; j++) g[j] = 0;
                rl_add_rows(features, stride, d, rows, t, batch, g);
                for (ptrdiff_t j = 0; j < d; j++) g[j] += lambda * x[j];
                for (ptrdiff_t j = 0; j < d; j++) x[j] += -eta * g[j];
            }
        }
        barrier();
        if (task == 0) averageModels();
        barrier();
    }
    for (int k = 0; k < 4; k++) {
        for (int lane = 0; lane < 8; lane++) loadsChecksum[task] += acc[k][lane];
        loadsChecksum[task] += tail[k];
    }
    free(g);
    return NULL;
}

/// Seconds of one pass of the loop on `threads` threads (the calling thread is task 0).
static double timeLoop(void) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_t helpers[maxThreads];
    for (int k = 1; k < threads; k++) pthread_create(&helpers[k], NULL, run, (void *)(intptr_t)k);
    run(0);
    for (int k = 1; k < threads; k++) pthread_join(helpers[k], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
}

int main(int argc, char **argv) {
    if (argc != 6 && !(argc == 7 && strcmp(argv[6], "loads") == 0)) {
        fprintf(stderr, "usage: %s p m d T threads [loads]\n", argv[0]);
        return 2;
    }
    loadsOnly = argc == 7;
    workers = atoi(argv[1]); m = atoi(argv[2]); d = atoi(argv[3]); steps = atoi(argv[4]); threads = atoi(argv[5]);
    if (workers < 1 || m < 1 || d < 1 || steps < 1 || threads < 1 || threads > maxThreads) {
        fprintf(stderr, "c_loop: need p, m, d, T ≥ 1 and 1 ≤ threads ≤ %d\n", maxThreads);
        return 2;
    }
    if (threads > workers) threads = workers;  // as RateLab's Cluster: at most one thread per worker
    Stream data = stream(1, 0, 1);
    stride = (d + 7) / 8 * 8;  // RateLab's AlignedRows: every row on a 64-byte line, zero padding
    features = aligned_alloc(64, sizeof(double) * (size_t)(workers * m * stride));
    labels = malloc(sizeof(double) * (size_t)(workers * m));
    models = calloc((size_t)(workers * d), sizeof(double));
    average = calloc((size_t)d, sizeof(double));
    streams = malloc(sizeof(Stream) * (size_t)workers);
    for (ptrdiff_t k = 0; k < workers * m; k++)
        for (ptrdiff_t j = 0; j < stride; j++) features[k * stride + j] = j < d ? (double)(next(&data) >> 11) * 0x1p-53 - 0.5 : 0;
    for (ptrdiff_t k = 0; k < workers * m; k++) labels[k] = (next(&data) & 1) ? 1 : -1;
    double seconds = 1e300;
    int bestWidth = 0;
    for (int trial = 0; trial < (loadsOnly ? (int)(sizeof loadWidths / sizeof *loadWidths) : 1); trial++) {
        loadWidth = loadWidths[trial];
        for (int i = 0; i < workers; i++) streams[i] = stream(1, (uint64_t)i, purposeSampling);
        double elapsed = timeLoop();
        if (elapsed < seconds) { seconds = elapsed; bestWidth = loadWidth; }
    }
    double samples = (double)workers * steps * batch;
    double checksum = 0;
    for (int k = 0; k < threads; k++) checksum += loadsChecksum[k];
    if (loadsOnly)
        printf("p=%d m=%td d=%td T=%d threads=%d loads, %d rows at a time (checksum %.6g): %.4f s, %.3g sampled-rows/s\n",
               workers, m, d, steps, threads, bestWidth, checksum, seconds, samples / seconds);
    else
        printf("p=%d m=%td d=%td T=%d threads=%d: %.4f s, %.3g sample-gradients/s\n", workers, m, d, steps, threads, seconds,
               samples / seconds);
    return 0;
}
