#ifndef ACTIVATION_KERNELS_H
#define ACTIVATION_KERNELS_H

#include <stddef.h>

// The training step's pointwise activations and their backward passes over whole arrays, each
// compiled once per instruction set (AVX-512, AVX2, baseline; the loader picks one per CPU).
// Every copy returns the same bits: FP contraction is off and only correctly rounded operations
// (+, −, ×, ÷, selects) are used, so the one-value functions (`…_one`) give exactly the array
// kernels' values.

/// y[i] = tanh(x[i]) as the rational function of Training's `Activation.fastTanh` (Eigen's
/// generic_fast_tanh_float coefficients), bit for bit.
void fast_tanh_f32(const float *x, float *y, size_t count);

/// y[i] = atan(x[i]): Cephes' atanf (reduction by tan(π/8) and tan(3π/8), degree-4 polynomial
/// in x²), within 2 Float32 ulps.
void fast_atan_f32(const float *x, float *y, size_t count);
/// atan(x) as `fast_atan_f32` computes it.
float fast_atan_one(float x);

/// y[i] = 1 / (1 + exp(−x[i])) from exp(−|x|) (Cephes' expf: x = n·ln 2 + r, a degree-7
/// polynomial in r, 2ⁿ from the exponent bits), without overflow; a NaN passes through.
void fast_logistic_f32(const float *x, float *y, size_t count);
/// The logistic function as `fast_logistic_f32` computes it.
float fast_logistic_one(float x);

/// y[i] = x[i] / (1 + |x[i]|).
void softsign_f32(const float *x, float *y, size_t count);

/// y[i] = max(x[i], 0) (x[i] > 0 ? x[i] : 0, so −0 and NaN give 0).
void relu_f32(const float *x, float *y, size_t count);

/// Backward passes dx[i] = dy[i] · φ′ from the forward pass's input x or output y, in the
/// operation order of Training's `Activation.derivative`: tanh dy·(1 − y²); logistic
/// (dy·y)·(1 − y); atan dy·(1 / (1 + x²)); softsign dy·(1 / (1 + |x|)²); ReLU x ≥ 0 ? dy : 0.
void tanh_backward_f32(const float *y, const float *dy, float *dx, size_t count);
void logistic_backward_f32(const float *y, const float *dy, float *dx, size_t count);
void atan_backward_f32(const float *x, const float *dy, float *dx, size_t count);
void softsign_backward_f32(const float *x, const float *dy, float *dx, size_t count);
void relu_backward_f32(const float *x, const float *dy, float *dx, size_t count);

#endif
