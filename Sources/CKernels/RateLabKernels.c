#include "RateLabKernels.h"

#include <stdint.h>
#include <string.h>

// Results must not depend on the instruction set: no a·b + c contracted into one rounding.
#pragma clang fp contract(off)

// RL_SINGLE_TARGET builds one version for the -march given (`make kernel-isa` compares the versions bit by bit).
#if defined(__x86_64__) && defined(__clang__) && !defined(RL_SINGLE_TARGET)
#define RL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define RL_CLONES
#endif
#define RL_INLINE static inline __attribute__((always_inline))

typedef double v4d __attribute__((ext_vector_type(4), aligned(8)));
typedef double v8d __attribute__((ext_vector_type(8), aligned(8)));
typedef double v16d __attribute__((ext_vector_type(16), aligned(8)));
#define LOAD4(p) (*(const v4d *)(p))
#define LOAD8(p) (*(const v8d *)(p))

/// Lanes j mod 16 as two 8-wide accumulators: lo = lanes 0…7 (the order's acc₀|acc₁), hi = lanes
/// 8…15 (acc₂|acc₃); a tail block of 4 goes to lanes 0…3 (adding +0 to lanes 4…7 changes nothing).
#define RL_WIDEN(v4) __builtin_shufflevector((v4), (v4d){0, 0, 0, 0}, 0, 1, 2, 3, 4, 5, 6, 7)
/// ((l₀+l₁)+(l₂+l₃)) of lanes = (lo[0…3] + lo[4…7]) + (hi[0…3] + hi[4…7]) (a macro: no vector arguments).
#define RL_REDUCE16(lo, hi, out)                                                                          \
    {                                                                                                   \
        v4d lanes_ = (__builtin_shufflevector(lo, lo, 0, 1, 2, 3) + __builtin_shufflevector(lo, lo, 4, 5, 6, 7)) \
                   + (__builtin_shufflevector(hi, hi, 0, 1, 2, 3) + __builtin_shufflevector(hi, hi, 4, 5, 6, 7)); \
        out = (lanes_[0] + lanes_[1]) + (lanes_[2] + lanes_[3]);                                         \
    }

RL_INLINE double dot(const double *a, const double *x, ptrdiff_t n) {
    v8d lo = 0, hi = 0;
    ptrdiff_t j = 0;
    for (; j + 16 <= n; j += 16) {
        lo += LOAD8(a + j) * LOAD8(x + j);
        hi += LOAD8(a + j + 8) * LOAD8(x + j + 8);
    }
    for (; j + 4 <= n; j += 4) lo += RL_WIDEN(LOAD4(a + j) * LOAD4(x + j));
    double s;
    RL_REDUCE16(lo, hi, s)
    for (; j < n; j++) s += a[j] * x[j];
    return s;
}

RL_CLONES double rl_dot(const double *a, const double *x, ptrdiff_t n) { return dot(a, x, n); }

/// Four rows' dot products at once (four independent dependency chains), each in `dot`'s order.
RL_INLINE void dot4(const double *a0, const double *a1, const double *a2, const double *a3, const double *x,
                    ptrdiff_t n, double *t) {
    v8d p = 0, P = 0, q = 0, Q = 0, r = 0, R = 0, s = 0, S = 0;
    ptrdiff_t j = 0;
    for (; j + 16 <= n; j += 16) {
        v8d xl = LOAD8(x + j), xh = LOAD8(x + j + 8);
        p += LOAD8(a0 + j) * xl; P += LOAD8(a0 + j + 8) * xh;
        q += LOAD8(a1 + j) * xl; Q += LOAD8(a1 + j + 8) * xh;
        r += LOAD8(a2 + j) * xl; R += LOAD8(a2 + j + 8) * xh;
        s += LOAD8(a3 + j) * xl; S += LOAD8(a3 + j + 8) * xh;
    }
    for (; j + 4 <= n; j += 4) {
        v4d x4 = LOAD4(x + j);
        p += RL_WIDEN(LOAD4(a0 + j) * x4); q += RL_WIDEN(LOAD4(a1 + j) * x4);
        r += RL_WIDEN(LOAD4(a2 + j) * x4); s += RL_WIDEN(LOAD4(a3 + j) * x4);
    }
    // RL_REDUCE16's order for the four rows at once: per row v = (lo[0…3] + lo[4…7]) + (hi[0…3] + hi[4…7]),
    // two rows per vector; then (v₀ + v₁) + (v₂ + v₃), all four rows in one vector.
    v8d pq = (__builtin_shufflevector(p, q, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(p, q, 4, 5, 6, 7, 12, 13, 14, 15))
           + (__builtin_shufflevector(P, Q, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(P, Q, 4, 5, 6, 7, 12, 13, 14, 15));
    v8d rs = (__builtin_shufflevector(r, s, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(r, s, 4, 5, 6, 7, 12, 13, 14, 15))
           + (__builtin_shufflevector(R, S, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(R, S, 4, 5, 6, 7, 12, 13, 14, 15));
    v8d pairs = __builtin_shufflevector(pq, rs, 0, 2, 4, 6, 8, 10, 12, 14) + __builtin_shufflevector(pq, rs, 1, 3, 5, 7, 9, 11, 13, 15);
    v4d sums = __builtin_shufflevector(pairs, pairs, 0, 2, 4, 6) + __builtin_shufflevector(pairs, pairs, 1, 3, 5, 7);
    double tp = sums[0], tq = sums[1], tr = sums[2], ts = sums[3];
    for (; j < n; j++) {
        tp += a0[j] * x[j]; tq += a1[j] * x[j]; tr += a2[j] * x[j]; ts += a3[j] * x[j];
    }
    t[0] = tp; t[1] = tq; t[2] = tr; t[3] = ts;
}

RL_CLONES void rl_row_dots(const double *base, ptrdiff_t stride, ptrdiff_t d, const ptrdiff_t *rows, ptrdiff_t count,
                           const double *x, double *t) {
    ptrdiff_t b = 0;
    for (; b + 4 <= count; b += 4)
        dot4(base + rows[b] * stride, base + rows[b + 1] * stride, base + rows[b + 2] * stride, base + rows[b + 3] * stride, x,
             d, t + b);
    for (; b < count; b++) t[b] = dot(base + rows[b] * stride, x, d);
}

/// Σ_{b ≡ r (mod 4)} c_b·row_b[k] for r = 0…3, combined as (S₀ + S₁) + (S₂ + S₃): four independent
/// chains instead of one of length `count`. `W` columns at a time (one vector per partial sum).
#define RL_ADD_ROWS_BLOCK(V, W)                                                                            \
    {                                                                                                      \
        V s0 = 0, s1 = 0, s2 = 0, s3 = 0;                                                                  \
        ptrdiff_t b = 0;                                                                                   \
        for (; b + 4 <= count; b += 4) {                                                                   \
            s0 += c[b] * *(const V *)(base + rows[b] * stride + j);                                        \
            s1 += c[b + 1] * *(const V *)(base + rows[b + 1] * stride + j);                                \
            s2 += c[b + 2] * *(const V *)(base + rows[b + 2] * stride + j);                                \
            s3 += c[b + 3] * *(const V *)(base + rows[b + 3] * stride + j);                                \
        }                                                                                                  \
        if (b < count) s0 += c[b] * *(const V *)(base + rows[b] * stride + j);                             \
        if (b + 1 < count) s1 += c[b + 1] * *(const V *)(base + rows[b + 1] * stride + j);                 \
        if (b + 2 < count) s2 += c[b + 2] * *(const V *)(base + rows[b + 2] * stride + j);                 \
        *(V *)(y + j) = *(const V *)(y + j) + ((s0 + s1) + (s2 + s3));                                     \
        j += W;                                                                                            \
    }

typedef double v2d __attribute__((ext_vector_type(2), aligned(8)));
typedef double v1d;

RL_CLONES void rl_add_rows(const double *base, ptrdiff_t stride, ptrdiff_t d, const ptrdiff_t *rows, const double *c,
                           ptrdiff_t count, double *y) {
    ptrdiff_t j = 0;
    while (j + 16 <= d) RL_ADD_ROWS_BLOCK(v16d, 16)
    if (j + 8 <= d) RL_ADD_ROWS_BLOCK(v8d, 8)
    if (j + 4 <= d) RL_ADD_ROWS_BLOCK(v4d, 4)
    if (j + 2 <= d) RL_ADD_ROWS_BLOCK(v2d, 2)
    if (j < d) RL_ADD_ROWS_BLOCK(v1d, 1)
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
    // e^r = Σ_{i≤13} r^i/i! by Estrin's scheme (depth 4 instead of Horner's 13).
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double c01 = 1.0 + r, c23 = 0.5 + r * (1.0 / 6.0), c45 = 1.0 / 24.0 + r * (1.0 / 120.0);
    double c67 = 1.0 / 720.0 + r * (1.0 / 5040.0), c89 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    double c1011 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0), c1213 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
    double c03 = c01 + r2 * c23, c47 = c45 + r2 * c67, c811 = c89 + r2 * c1011;
    double c07 = c03 + r4 * c47, c813 = c811 + r4 * c1213;
    double p = c07 + r8 * c813;
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
