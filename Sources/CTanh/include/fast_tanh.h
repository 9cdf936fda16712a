#ifndef FAST_TANH_H
#define FAST_TANH_H

#include <stddef.h>

/// y[i] = tanh(x[i]) for i < count, as the rational function of Training's
/// `Activation.fastTanh` (Eigen's generic_fast_tanh_float coefficients), bit for bit.
void fast_tanh_f32(const float *x, float *y, size_t count);

#endif
