/// RateLab's per-sample inner loops (the GLM minibatch gradient): dot products of randomly picked
/// rows, the weighted sum of those rows, and a vectorised logistic sigmoid.
///
/// They are in C so that clang's vector extensions and function multi-versioning apply: each
/// function is compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2) and the baseline, and the loader
/// picks one for the CPU. Every clone performs the same IEEE operations in the same order (no
/// contraction into fused multiply-adds), so results are bitwise identical whichever runs.
#ifndef RATELAB_KERNELS_H
#define RATELAB_KERNELS_H

#include <stddef.h>

/// Σ_j a_j x_j over j < n in a fixed order: lanes j mod 16 accumulate over the blocks of 16, lanes
/// 0…3 over the remaining blocks of 4, lanes are combined as ((l₀+l₁)+(l₂+l₃)) after adding
/// l_k + l_{k+4} + l_{k+8} + l_{k+12} pairwise, and the last n mod 4 terms are added one by one.
double rl_dot(const double *a, const double *x, ptrdiff_t n);

/// t_b = rl_dot(base + rows[b]·stride, x, d) for b < count: rows of d entries of a row-major matrix whose
/// rows start `stride` ≥ d doubles apart (RateLab's AlignedRows: stride a multiple of 8, rows 64-byte aligned).
void rl_row_dots(const double *base, ptrdiff_t stride, ptrdiff_t d, const ptrdiff_t *rows, ptrdiff_t count,
                 const double *x, double *t);

/// y_j ← y_j + ((S₀ + S₁) + (S₂ + S₃)) for j < d, with S_r = Σ_{b<count, b ≡ r (mod 4)}
/// c_b · base[rows[b]·stride + j] summed in ascending b (four independent chains per column).
void rl_add_rows(const double *base, ptrdiff_t stride, ptrdiff_t d, const ptrdiff_t *rows, const double *c,
                 ptrdiff_t count, double *y);

/// out_b = σ(u_b) = 1/(1 + e^{−u_b}) for b < count (out may equal u), branch-free and vectorised:
/// e^{−|u|} by Cody–Waite reduction r = a − k ln 2 (|r| ≤ ½ ln 2) and the degree-13 Taylor
/// polynomial (truncation < 5·10⁻¹⁸ relative), then σ = 1/(1+e) for u ≥ 0 and e/(1+e) for u < 0.
/// |u| is clamped at 700 (σ(−700) ≈ 10⁻³⁰⁴ instead of smaller). Accurate to a few ulp.
void rl_sigmoid(const double *u, double *out, ptrdiff_t count);

#endif
