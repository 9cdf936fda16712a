// OpenBLAS's CBLAS interface (with openblas_get_corename and friends) and LAPACKE
// (Debian: libopenblas-dev, liblapacke-dev).
#include <cblas.h>
#include <lapacke.h>
