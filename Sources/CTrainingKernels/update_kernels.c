// The SGD update and the input scaling: Swift builds the Training module for SSE2 only, so
// these loops ran 4 lanes wide; as AVX-512 copies they take 1–2% of a default-profile cell less.
#include "update_kernels.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__ELF__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

CLONES void sgd_update_f32(float *restrict theta, const float *restrict gradient, size_t count, float eta) {
    for (size_t i = 0; i < count; i++) theta[i] -= eta * gradient[i];
}

CLONES void scale_bytes_f32(const uint8_t *restrict x, float *restrict y, size_t count, float lower, float scale) {
    for (size_t i = 0; i < count; i++) y[i] = lower + scale * (float)x[i];
}
