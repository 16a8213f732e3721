#ifndef RATELAB_CGSL_SHIM_H
#define RATELAB_CGSL_SHIM_H
// The GSL parts RateLab uses: multimin (BFGS2), multifit (linear least squares with covariance),
// statistics and the t distribution for confidence intervals.
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
