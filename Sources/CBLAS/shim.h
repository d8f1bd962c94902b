#ifndef QDAKIT_CBLAS_SHIM_H
#define QDAKIT_CBLAS_SHIM_H

// OpenBLAS's CBLAS interface (Debian's libopenblas-dev): QDAEncoder's matrix products.
#include <cblas.h>

/// How many threads OpenBLAS may use for one product (declared by OpenBLAS's own cblas.h).
static inline void qdakit_blasSetThreads(int count) { openblas_set_num_threads(count); }

#endif
