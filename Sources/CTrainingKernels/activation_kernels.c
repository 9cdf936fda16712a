// The training step's activations, vectorised once per instruction set: target_clones builds
// AVX-512, AVX2 and baseline copies and the loader picks one per CPU (Swift compiles the Training
// module for SSE2 only, where tanh ran 4 lanes wide and took ~11% of a CNN step, and arctan and
// the logistic were scalar libm calls costing up to twice the GEMMs of an MLP cell). FP
// contraction is off and every operation is correctly rounded, so every copy, and the one-value
// functions, return the same bits.
#include "activation_kernels.h"

#include <string.h>

#include "cpu_clones.h"  // CLONES, and FP contraction off

static inline float tanh_one(float x) {
    const float bound = 7.90531110763549805f;
    // Clamp as Swift's min(max(x, −b), b): a NaN passes through.
    float c = x < -bound ? -bound : x;
    c = c > bound ? bound : c;
    float x2 = c * c;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return c * p / q;
}

static inline float atan_one(float x) {
    float a = x < 0 ? -x : x;
    // Both reductions are computed and one selected, so the loop has no branch to vectorise around.
    int above = a > 2.414213562373095f;            // tan(3π/8): atan a = π/2 + atan(−1/a)
    int middle = !above && a > 0.4142135623730950f; // tan(π/8): atan a = π/4 + atan((a − 1)/(a + 1))
    float inverse = -1.0f / a;
    float shifted = (a - 1.0f) / (a + 1.0f);
    float r = above ? inverse : (middle ? shifted : a);
    float offset = above ? 1.57079632679489661923f : (middle ? 0.78539816339744830962f : 0.0f);
    float z = r * r;
    float p = 8.05374449538e-2f;
    p = p * z - 1.38776856032e-1f;
    p = p * z + 1.99777106478e-1f;
    p = p * z - 3.33329491539e-1f;
    float y = offset + (p * z * r + r);
    return x < 0 ? -y : y;
}

/// exp(x) for x ≤ 0, 0 below −87 (where e^x is below Float32's normal range); a NaN gives an
/// unspecified finite value, which the caller replaces.
static inline float exp_nonpositive(float x) {
    float c = x < -87.0f ? -87.0f : x;       // keeps 2ⁿ normal; the result is zeroed below
    c = c == c ? c : 0.0f;
    // n = round(c / ln 2) by the 1.5·2²³ trick (exact for |n| < 2²²), r = c − n·ln 2 in two parts.
    float n = (c * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    float r = c - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float z = r * r;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float er = (p * z + r) + 1.0f;
    int bits = ((int)n + 127) << 23;           // 2ⁿ, n in [−126, 0]
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return x < -87.0f ? 0.0f : er * scale;
}

static inline float logistic_one(float x) {
    float e = exp_nonpositive(x < 0 ? x : -x);
    float y = x >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
    return x == x ? y : x;
}

float fast_atan_one(float x) { return atan_one(x); }
float fast_logistic_one(float x) { return logistic_one(x); }

CLONES void fast_tanh_f32(const float *restrict x, float *restrict y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = tanh_one(x[i]);
}

CLONES void fast_atan_f32(const float *restrict x, float *restrict y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = atan_one(x[i]);
}

CLONES void fast_logistic_f32(const float *restrict x, float *restrict y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = logistic_one(x[i]);
}

CLONES void softsign_f32(const float *restrict x, float *restrict y, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float a = x[i] < 0 ? -x[i] : x[i];
        y[i] = x[i] / (1.0f + a);
    }
}

CLONES void relu_f32(const float *restrict x, float *restrict y, size_t count) {
    for (size_t i = 0; i < count; i++) y[i] = x[i] > 0 ? x[i] : 0.0f;
}

CLONES void tanh_backward_f32(const float *restrict y, const float *restrict dy, float *restrict dx, size_t count) {
    for (size_t i = 0; i < count; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}

CLONES void logistic_backward_f32(const float *restrict y, const float *restrict dy, float *restrict dx, size_t count) {
    for (size_t i = 0; i < count; i++) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
}

CLONES void atan_backward_f32(const float *restrict x, const float *restrict dy, float *restrict dx, size_t count) {
    for (size_t i = 0; i < count; i++) dx[i] = dy[i] * (1.0f / (1.0f + x[i] * x[i]));
}

CLONES void softsign_backward_f32(const float *restrict x, const float *restrict dy, float *restrict dx, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float d = 1.0f + (x[i] < 0 ? -x[i] : x[i]);
        dx[i] = dy[i] * (1.0f / (d * d));
    }
}

CLONES void relu_backward_f32(const float *restrict x, const float *restrict dy, float *restrict dx, size_t count) {
    for (size_t i = 0; i < count; i++) dx[i] = x[i] >= 0 ? dy[i] : 0.0f;
}
