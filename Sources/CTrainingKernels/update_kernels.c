// The SGD update and the input scaling, built per instruction set: Swift builds the Training
// module for SSE2 only, where these loops ran 4 lanes wide (1.4 % and 2.3 % of a depth-30 tanh
// cell's `perf` samples on 2026-12-07; the bench saw no change in cells per minute).
#include "update_kernels.h"

#include "cpu_clones.h"  // CLONES, and FP contraction off

CLONES void sgd_update_f32(float *restrict theta, const float *restrict gradient, size_t count, float eta) {
    for (size_t i = 0; i < count; i++) theta[i] -= eta * gradient[i];
}

CLONES void scale_bytes_f32(const uint8_t *restrict x, float *restrict y, size_t count, float lower, float scale) {
    for (size_t i = 0; i < count; i++) y[i] = lower + scale * (float)x[i];
}
