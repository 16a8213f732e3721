/*
 * The inner loop of bench workloads A–C as plain C, without the simulator: how fast this machine
 * runs the same math with RateLab's own kernels (Sources/CKernels) on the same number of threads.
 * It bounds what any implementation of RateLab's local SGD can reach here; `ratelab bench` compares
 * against NumPy, this program against the hardware.
 *
 * Per worker and step (logistic loss, batch B = 32, ridge λ = 1e-3, η = 0.05, average every τ = 10):
 *   rows k_b uniform in the worker's m rows, t_b = a_kbᵀx (rl_row_dots), c_b = −y σ(−y t_b)/B
 *   (rl_sigmoid), g = Σ_b c_b a_kb (rl_add_rows) + λx, x ← x − ηg; threads own contiguous blocks
 *   of workers and meet at a spin barrier after every period (where RateLab averages).
 * Data: uniform features, ±1 labels (the timing does not depend on the values).
 *
 * Build and run from the repository root (A on 2 threads):
 *   clang -O2 -ISources/CKernels/include benchmarks/c_loop.c Sources/CKernels/RateLabKernels.c -o /tmp/c_loop -lpthread
 *   /tmp/c_loop 8 1000 50 20000 2      # p m d T threads; B: 64 500 50 5000 2; C: 8 1000 1000 5000 2
 * Prints the wall time of the loop (set-up apart) and sample-gradients per second.
 */
#include "RateLabKernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { batch = 32, tau = 10, maxThreads = 64 };
static const double lambda = 1e-3, eta = 0.05;
static double *features, *labels, *models;
static ptrdiff_t m, d;
static int workers, steps, threads;
static atomic_int arrived, generation;

/// xorshift128+ per thread: only the access pattern matters here, not RateLab's streams.
static uint64_t next(uint64_t s[2]) {
    uint64_t a = s[0], b = s[1], r = a + b;
    b ^= a;
    s[0] = ((a << 55) | (a >> 9)) ^ b ^ (b << 14);
    s[1] = (b << 36) | (b >> 28);
    return r;
}

static void barrier(void) {
    int seen = atomic_load(&generation);
    if (atomic_fetch_add(&arrived, 1) == threads - 1) {
        atomic_store(&arrived, 0);
        atomic_fetch_add(&generation, 1);
    } else {
        while (atomic_load(&generation) == seen) __builtin_ia32_pause();
    }
}

static void *run(void *arg) {
    int task = (int)(intptr_t)arg, first = task * workers / threads, last = (task + 1) * workers / threads;
    uint64_t s[2] = {0x9E3779B97F4A7C15ull ^ (uint64_t)task, 0xD1B54A32D192ED03ull};
    double *g = aligned_alloc(64, sizeof(double) * (size_t)((d + 7) / 8 * 8)), t[batch];
    ptrdiff_t rows[batch];
    for (int start = 0; start < steps; start += tau) {
        for (int w = first; w < last; w++) {
            double *x = models + w * d;
            for (int step = start; step < start + tau && step < steps; step++) {
                for (int b = 0; b < batch; b++) rows[b] = w * m + (ptrdiff_t)(((__uint128_t)next(s) * (uint64_t)m) >> 64);
                rl_row_dots(features, d, rows, batch, x, t);
                for (int b = 0; b < batch; b++) t[b] *= -labels[rows[b]];
                rl_sigmoid(t, t, batch);
                for (int b = 0; b < batch; b++) t[b] *= -labels[rows[b]] / batch;
                for (ptrdiff_t j = 0; j < d; j++) g[j] = lambda * x[j];
                rl_add_rows(features, d, rows, t, batch, g);
                for (ptrdiff_t j = 0; j < d; j++) x[j] -= eta * g[j];
            }
        }
        barrier();
    }
    free(g);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: %s p m d T threads\n", argv[0]); return 2; }
    workers = atoi(argv[1]); m = atoi(argv[2]); d = atoi(argv[3]); steps = atoi(argv[4]); threads = atoi(argv[5]);
    if (workers < 1 || m < 1 || d < 1 || steps < 1 || threads < 1 || threads > maxThreads) {
        fprintf(stderr, "c_loop: need p, m, d, T ≥ 1 and 1 ≤ threads ≤ %d\n", maxThreads);
        return 2;
    }
    if (threads > workers) threads = workers;  // as RateLab's Cluster: at most one thread per worker
    uint64_t s[2] = {1, 2};
    features = malloc(sizeof(double) * (size_t)(workers * m * d));
    labels = malloc(sizeof(double) * (size_t)(workers * m));
    models = calloc((size_t)(workers * d), sizeof(double));
    for (ptrdiff_t k = 0; k < workers * m * d; k++) features[k] = (double)(next(s) >> 11) * 0x1p-53 - 0.5;
    for (ptrdiff_t k = 0; k < workers * m; k++) labels[k] = (next(s) & 1) ? 1 : -1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_t helpers[maxThreads];
    for (int k = 1; k < threads; k++) pthread_create(&helpers[k], NULL, run, (void *)(intptr_t)k);
    run(0);
    for (int k = 1; k < threads; k++) pthread_join(helpers[k], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double samples = (double)workers * steps * batch;
    printf("p=%d m=%td d=%td T=%d threads=%d: %.4f s, %.3g sample-gradients/s\n", workers, m, d, steps, threads, seconds,
           samples / seconds);
    return 0;
}
