/*
 * The machine's streaming read bandwidth, the bound for a workload whose rows come from main memory
 * (workload C: 8 × 1000 rows of d = 1000 doubles, 64 MB, more than the last-level cache): every thread
 * sums its own slice of one large array (`megabytes`, default 512 MB, well beyond any cache) with
 * eight 4-double accumulators, so that the loads, not the adds, set the pace. The array is written
 * once before the timing (pages faulted in); the fastest of `repetitions` passes counts.
 *
 * Build and run from the repository root (`make bench` does this):
 *   clang -O2 benchmarks/bandwidth_probe.c -o .build/bandwidth_probe -lpthread && .build/bandwidth_probe 2 [megabytes]
 * Prints one JSON line: threads, bytes (read per pass), seconds (fastest pass), bytes_per_second.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef double v4d __attribute__((ext_vector_type(4), aligned(8)));
enum { repetitions = 5, maxThreads = 64 };

struct Slice { const double *start; size_t count; double sum; };

/// Σ of the slice over eight independent 4-double chains: 256 bytes (4 cache lines) per iteration.
static void *sum(void *argument) {
    struct Slice *slice = argument;
    v4d acc[8] = {0};
    size_t k = 0;
    for (; k + 32 <= slice->count; k += 32)
        for (int c = 0; c < 8; c++) acc[c] += *(const v4d *)(slice->start + k + 4 * c);
    double total = 0;
    for (; k < slice->count; k++) total += slice->start[k];
    for (int c = 0; c < 8; c++) total += (acc[c][0] + acc[c][1]) + (acc[c][2] + acc[c][3]);
    slice->sum = total;
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    long megabytes = argc > 2 ? atol(argv[2]) : 512;
    if (threads < 1 || threads > maxThreads || megabytes < 1) {
        fprintf(stderr, "usage: %s [threads 1…%d] [megabytes ≥ 1]\n", argv[0], maxThreads);
        return 2;
    }
    size_t count = (size_t)megabytes * 1024 * 1024 / sizeof(double);
    double *array = aligned_alloc(64, count * sizeof(double));
    if (!array) { fprintf(stderr, "bandwidth_probe: cannot allocate %ld MB\n", megabytes); return 1; }
    for (size_t k = 0; k < count; k++) array[k] = (double)(k & 1023);
    struct Slice slices[maxThreads];
    pthread_t ids[maxThreads];
    double best = 1e300, check = 0;
    for (int r = 0; r < repetitions; r++) {
        double start = now();
        for (int t = 0; t < threads; t++) {
            size_t first = count * (size_t)t / (size_t)threads, last = count * (size_t)(t + 1) / (size_t)threads;
            slices[t] = (struct Slice){array + first, last - first, 0};
            pthread_create(&ids[t], NULL, sum, &slices[t]);
        }
        for (int t = 0; t < threads; t++) { pthread_join(ids[t], NULL); check += slices[t].sum; }
        double seconds = now() - start;
        if (seconds < best) best = seconds;
    }
    double bytes = (double)count * sizeof(double);
    printf("{\"threads\": %d, \"bytes\": %.6g, \"seconds\": %.6f, \"bytes_per_second\": %.6g, \"check\": %.17g}\n", threads, bytes,
           best, bytes / best, check);
    free(array);
    return 0;
}
