#include "RateLabKernels.h"

#include <stdint.h>
#include <string.h>

// Results must not depend on the instruction set: no a·b + c contracted into one rounding.
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__)
#define RL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define RL_CLONES
#endif
#define RL_INLINE static inline __attribute__((always_inline))

typedef double v4d __attribute__((ext_vector_type(4), aligned(8)));
typedef double v8d __attribute__((ext_vector_type(8), aligned(8)));
#define LOAD4(p) (*(const v4d *)(p))
#define LOAD8(p) (*(const v8d *)(p))

RL_INLINE double dot(const double *a, const double *x, ptrdiff_t n) {
    v4d acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
    ptrdiff_t j = 0;
    for (; j + 16 <= n; j += 16) {
        acc0 += LOAD4(a + j) * LOAD4(x + j);
        acc1 += LOAD4(a + j + 4) * LOAD4(x + j + 4);
        acc2 += LOAD4(a + j + 8) * LOAD4(x + j + 8);
        acc3 += LOAD4(a + j + 12) * LOAD4(x + j + 12);
    }
    for (; j + 4 <= n; j += 4) acc0 += LOAD4(a + j) * LOAD4(x + j);
    v4d lanes = (acc0 + acc1) + (acc2 + acc3);
    double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; j < n; j++) s += a[j] * x[j];
    return s;
}

RL_CLONES double rl_dot(const double *a, const double *x, ptrdiff_t n) { return dot(a, x, n); }

/// Four rows' dot products at once (four independent dependency chains), each in `dot`'s order.
RL_INLINE void dot4(const double *a0, const double *a1, const double *a2, const double *a3, const double *x,
                    ptrdiff_t n, double *t) {
    v4d p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    v4d r0 = 0, r1 = 0, r2 = 0, r3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    ptrdiff_t j = 0;
    for (; j + 16 <= n; j += 16) {
        v4d x0 = LOAD4(x + j), x1 = LOAD4(x + j + 4), x2 = LOAD4(x + j + 8), x3 = LOAD4(x + j + 12);
        p0 += LOAD4(a0 + j) * x0; p1 += LOAD4(a0 + j + 4) * x1; p2 += LOAD4(a0 + j + 8) * x2; p3 += LOAD4(a0 + j + 12) * x3;
        q0 += LOAD4(a1 + j) * x0; q1 += LOAD4(a1 + j + 4) * x1; q2 += LOAD4(a1 + j + 8) * x2; q3 += LOAD4(a1 + j + 12) * x3;
        r0 += LOAD4(a2 + j) * x0; r1 += LOAD4(a2 + j + 4) * x1; r2 += LOAD4(a2 + j + 8) * x2; r3 += LOAD4(a2 + j + 12) * x3;
        s0 += LOAD4(a3 + j) * x0; s1 += LOAD4(a3 + j + 4) * x1; s2 += LOAD4(a3 + j + 8) * x2; s3 += LOAD4(a3 + j + 12) * x3;
    }
    for (; j + 4 <= n; j += 4) {
        v4d x0 = LOAD4(x + j);
        p0 += LOAD4(a0 + j) * x0; q0 += LOAD4(a1 + j) * x0; r0 += LOAD4(a2 + j) * x0; s0 += LOAD4(a3 + j) * x0;
    }
    v4d lp = (p0 + p1) + (p2 + p3), lq = (q0 + q1) + (q2 + q3), lr = (r0 + r1) + (r2 + r3), ls = (s0 + s1) + (s2 + s3);
    double tp = (lp[0] + lp[1]) + (lp[2] + lp[3]), tq = (lq[0] + lq[1]) + (lq[2] + lq[3]);
    double tr = (lr[0] + lr[1]) + (lr[2] + lr[3]), ts = (ls[0] + ls[1]) + (ls[2] + ls[3]);
    for (; j < n; j++) {
        tp += a0[j] * x[j]; tq += a1[j] * x[j]; tr += a2[j] * x[j]; ts += a3[j] * x[j];
    }
    t[0] = tp; t[1] = tq; t[2] = tr; t[3] = ts;
}

RL_CLONES void rl_row_dots(const double *base, ptrdiff_t d, const ptrdiff_t *rows, ptrdiff_t count,
                           const double *x, double *t) {
    for (ptrdiff_t b = 0; b < count; b++) {
        const char *row = (const char *)(base + rows[b] * d);
        for (ptrdiff_t offset = 0; offset < d * (ptrdiff_t)sizeof(double); offset += 64) __builtin_prefetch(row + offset);
    }
    ptrdiff_t b = 0;
    for (; b + 4 <= count; b += 4)
        dot4(base + rows[b] * d, base + rows[b + 1] * d, base + rows[b + 2] * d, base + rows[b + 3] * d, x, d, t + b);
    for (; b < count; b++) t[b] = dot(base + rows[b] * d, x, d);
}

RL_CLONES void rl_add_rows(const double *base, ptrdiff_t d, const ptrdiff_t *rows, const double *c,
                           ptrdiff_t count, double *y) {
    // Columns in blocks of 32, then at most one block of 16 and one of 8 (independent accumulation
    // chains across a block), then one by one; within a column the terms always come in ascending b.
    ptrdiff_t j = 0;
    for (; j + 32 <= d; j += 32) {
        v8d acc0 = LOAD8(y + j), acc1 = LOAD8(y + j + 8), acc2 = LOAD8(y + j + 16), acc3 = LOAD8(y + j + 24);
        for (ptrdiff_t b = 0; b < count; b++) {
            const double *row = base + rows[b] * d + j;
            acc0 += c[b] * LOAD8(row);
            acc1 += c[b] * LOAD8(row + 8);
            acc2 += c[b] * LOAD8(row + 16);
            acc3 += c[b] * LOAD8(row + 24);
        }
        *(v8d *)(y + j) = acc0;
        *(v8d *)(y + j + 8) = acc1;
        *(v8d *)(y + j + 16) = acc2;
        *(v8d *)(y + j + 24) = acc3;
    }
    if (j + 16 <= d) {
        v8d acc0 = LOAD8(y + j), acc1 = LOAD8(y + j + 8);
        for (ptrdiff_t b = 0; b < count; b++) {
            const double *row = base + rows[b] * d + j;
            acc0 += c[b] * LOAD8(row);
            acc1 += c[b] * LOAD8(row + 8);
        }
        *(v8d *)(y + j) = acc0;
        *(v8d *)(y + j + 8) = acc1;
        j += 16;
    }
    if (j + 8 <= d) {
        v8d acc = LOAD8(y + j);
        for (ptrdiff_t b = 0; b < count; b++) acc += c[b] * LOAD8(base + rows[b] * d + j);
        *(v8d *)(y + j) = acc;
        j += 8;
    }
    if (j < d) {
        for (ptrdiff_t b = 0; b < count; b++) {
            const double *row = base + rows[b] * d;
            for (ptrdiff_t k = j; k < d; k++) y[k] += c[b] * row[k];
        }
    }
}

RL_INLINE uint64_t bits(double v) { uint64_t u; memcpy(&u, &v, sizeof u); return u; }
RL_INLINE double real(uint64_t u) { double v; memcpy(&v, &u, sizeof v); return v; }

RL_INLINE double sigmoid(double u) {
    double a = -__builtin_fabs(u);
    a = a > -700.0 ? a : -700.0;
    // k = round(a / ln 2) by the 1.5·2⁵² trick: the sum's low mantissa bits hold k.
    const double shifter = 6755399441055744.0;
    double kShifted = a * 1.4426950408889634 + shifter;
    double k = kShifted - shifter;
    // r = a − k ln 2 with ln 2 split into a 32-bit head and a tail (Cody–Waite).
    double r = (a - k * 0.693147180369123816490) - k * 1.90821492927058770002e-10;
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    double e = p * real((bits(kShifted) + 1023) << 52);  // e^{−|u|} = e^r · 2^k
    double numerator = u >= 0 ? 1.0 : e;
    return numerator / (1.0 + e);
}

RL_CLONES void rl_sigmoid(const double *u, double *out, ptrdiff_t count) {
    ptrdiff_t b = 0;
    for (; b + 8 <= count; b += 8) {
        double in[8], result[8];
        memcpy(in, u + b, sizeof in);
        for (int lane = 0; lane < 8; lane++) result[lane] = sigmoid(in[lane]);
        memcpy(out + b, result, sizeof result);
    }
    for (; b < count; b++) out[b] = sigmoid(u[b]);
}
