// The training step's tanh, vectorised once per instruction set: target_clones builds AVX-512,
// AVX2 and baseline copies and the loader picks one per CPU (Swift compiles the Training module
// for SSE2 only, where this loop ran 4 lanes wide and took ~11% of a CNN step). FP contraction is
// off and the operations are those of `Activation.fastTanh`, so every copy returns the Swift
// function's values bit for bit.
#include "fast_tanh.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__ELF__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

CLONES void fast_tanh_f32(const float *restrict x, float *restrict y, size_t count) {
    const float bound = 7.90531110763549805f;
    for (size_t i = 0; i < count; i++) {
        // Clamp as Swift's min(max(x, −b), b): a NaN passes through.
        float c = x[i] < -bound ? -bound : x[i];
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
        y[i] = c * p / q;
    }
}
