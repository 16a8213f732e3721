#ifndef RATELAB_CLAPACK_SHIM_H
#define RATELAB_CLAPACK_SHIM_H
// CBLAS and LAPACKE from the system (Debian: libblas-dev / libopenblas-dev, liblapacke-dev).
#include <cblas.h>
#include <lapacke.h>
#endif
