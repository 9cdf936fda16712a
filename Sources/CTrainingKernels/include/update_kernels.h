#ifndef UPDATE_KERNELS_H
#define UPDATE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

// The training step's other elementwise loops, built per instruction set like the activations
// (activation_kernels.h) and with the same operations, in the same order, as the Swift loops
// they replace, so results keep their bits.

/// Plain SGD: θ[i] −= η·g[i] (the product rounded, then the difference).
void sgd_update_f32(float *theta, const float *gradient, size_t count, float eta);

/// Pixel bytes to the network's input interval: y[i] = lower + scale·x[i].
void scale_bytes_f32(const uint8_t *x, float *y, size_t count, float lower, float scale);

#endif
