#ifndef RATELAB_CGSL_SHIM_H
#define RATELAB_CGSL_SHIM_H
// The GSL parts RateLab uses: multimin (BFGS2), multifit (linear least squares with covariance),
// statistics and the t distribution for confidence intervals.
//
// GSL's own gsl_cblas.h and the system's (OpenBLAS) cblas.h, which CLapack includes, both define
// enum CBLAS_TRANSPOSE, with different members (OpenBLAS adds CblasConjNoTrans): a Swift module that
// imports CGSL and CLapack (directly or through RateLabLinalg) then fails clang's one-definition
// check. GSL is therefore given the system's CBLAS declarations (same names and values): include
// cblas.h and mark gsl_cblas.h as already included.
#include <cblas.h>
#define __GSL_CBLAS_H__
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#endif
