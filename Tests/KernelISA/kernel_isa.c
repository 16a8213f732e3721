/*
 * The kernels' promise, checked: every instruction-set version of Sources/CKernels computes the same bits.
 * `make kernel-isa` (part of `make test`) builds this program against the kernels once per x86-64 level
 * (-DRL_SINGLE_TARGET -march=x86-64, x86-64-v3, x86-64-v4) and once multiversioned, runs those the CPU can
 * execute, and compares what they print: the FNV-1a 64 hash of the bit patterns of every result below, and
 * their count. Any difference (a contraction into an FMA, another summation order, another exp) fails.
 *
 * Inputs are deterministic (xorshift64): rl_dot for n = 0…200 and 1000; rl_row_dots and rl_add_rows for
 * d = 1…70, 100 and 1000 with row counts 0…40 at the AlignedRows stride, values spread over ten decades
 * with both signs so that every rounding matters; rl_sigmoid over ±[1e-300, 800] including 0, −0, the
 * clamp at 700 and the branch at 0.
 */
#include "RateLabKernels.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull, hash = 0xCBF29CE484222325ull, results = 0;

static uint64_t nextBits(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/// Uniform on (−1, 1) times 10^k, k uniform in −5…4.
static double value(void) {
    static const double scales[10] = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4};
    double u = (double)(nextBits() >> 11) * 0x1p-53 * 2 - 1;
    return u * scales[nextBits() % 10];
}

static void record(const double *v, ptrdiff_t count) {
    for (ptrdiff_t k = 0; k < count; k++) {
        uint64_t bits;
        memcpy(&bits, &v[k], sizeof bits);
        for (int byte = 0; byte < 8; byte++) {
            hash ^= (bits >> (8 * byte)) & 0xFF;
            hash *= 0x100000001B3ull;
        }
        results++;
    }
}

int main(void) {
    enum { maxD = 1000, rowsInData = 64, maxCount = 40 };
    double *x = malloc(sizeof(double) * maxD), *y = malloc(sizeof(double) * maxD), t[maxCount];
    for (int n = 0; n <= 1000; n = n < 200 ? n + 1 : 1000) {
        double *a = malloc(sizeof(double) * (n + 1));
        for (int j = 0; j < n; j++) { a[j] = value(); x[j] = value(); }
        double s = rl_dot(a, x, n);
        record(&s, 1);
        free(a);
        if (n == 1000) break;
    }
    for (int d = 1; d <= maxD; d = d < 70 ? d + 1 : (d == 70 ? 100 : maxD)) {
        ptrdiff_t stride = (d + 7) / 8 * 8;
        double *base = aligned_alloc(64, sizeof(double) * rowsInData * stride);
        for (ptrdiff_t k = 0; k < rowsInData * stride; k++) base[k] = value();
        for (int j = 0; j < d; j++) x[j] = value();
        for (int count = 0; count <= maxCount; count++) {
            ptrdiff_t rows[maxCount];
            double c[maxCount];
            for (int b = 0; b < count; b++) { rows[b] = (ptrdiff_t)(nextBits() % rowsInData); c[b] = value(); }
            rl_row_dots(base, stride, d, rows, count, x, t);
            record(t, count);
            for (int j = 0; j < d; j++) y[j] = value();
            rl_add_rows(base, stride, d, rows, c, count, y);
            record(y, d);
        }
        free(base);
        if (d == maxD) break;
    }
    static const double magnitudes[] = {0, 1e-300, 1e-20, 1e-8, 0.1, 0.5, 1, 2, 10, 36, 37, 100, 700, 700.5, 745, 800};
    enum { counts = sizeof magnitudes / sizeof magnitudes[0] };
    double u[4 * counts + 400], out[4 * counts + 400];
    int n = 0;
    for (int k = 0; k < counts; k++) {
        u[n++] = magnitudes[k];
        u[n++] = -magnitudes[k];
        u[n++] = magnitudes[k] * (1 + 0x1p-52);
        u[n++] = -magnitudes[k] * (1 - 0x1p-53);
    }
    for (int k = 0; k < 400; k++) u[n++] = value() / 100;
    rl_sigmoid(u, out, n);
    record(out, n);
    printf("%llu results, FNV-1a 64 %016llx\n", (unsigned long long)results, (unsigned long long)hash);
    free(x);
    free(y);
    return 0;
}
