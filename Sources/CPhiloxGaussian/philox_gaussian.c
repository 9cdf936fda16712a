// Philox4x32-10 (Salmon et al., SC 2011) and the Box–Muller transform with branch-free
// polynomials, eight blocks at a time, in generic vectors that the compiler lowers once per
// instruction set: target_clones builds an AVX-512, an AVX2 and a
// baseline (SSE2) copy and the loader picks one for the CPU it runs on (machines of this kind
// differ in AVX-512). FP contraction is off, so every copy rounds identically and a seed gives the
// same numbers on every machine.
#include "philox_gaussian.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__ELF__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

// Eight Philox blocks per step; vectors of the compiler's generic vector extension, lowered to
// one zmm, two ymm or four xmm registers by the copy being compiled.
typedef uint32_t u32x8 __attribute__((vector_size(32)));
typedef uint64_t u64x8 __attribute__((vector_size(64)));
typedef double f64x8 __attribute__((vector_size(64)));
typedef uint32_t u32x16 __attribute__((vector_size(64)));
typedef float f32x16 __attribute__((vector_size(64)));

// Helpers take and give vectors by pointer: by value, their calling convention would differ between the
// copies (clang rejects that under target_clones).
#define INLINE static inline __attribute__((always_inline))

static const uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;

/// The four output words of the blocks first … first + 7 of `stream`, lane by lane, each in the
/// low half of a 64-bit lane: the 32 × 32 → 64-bit products then need no widening or narrowing.
typedef struct { u64x8 c0, c1, c2, c3; } philox_words;

INLINE void philox8(uint32_t key0, uint32_t key1, uint64_t stream, uint64_t first, philox_words *words) {
    const uint64_t low = 0xFFFFFFFFull;
    u64x8 index = (u64x8){0, 1, 2, 3, 4, 5, 6, 7} + first;
    u64x8 c0 = index & low;
    u64x8 c1 = index >> 32;
    u64x8 c2 = (u64x8){0} + (stream & low);
    u64x8 c3 = (u64x8){0} + (stream >> 32);
    uint64_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; round++) {
        if (round > 0) { k0 = (k0 + W0) & low; k1 = (k1 + W1) & low; }
        u64x8 p0 = c0 * (uint64_t)M0;
        u64x8 p1 = c2 * (uint64_t)M1;
        u64x8 next0 = (p1 >> 32) ^ c1 ^ k0;
        u64x8 next2 = (p0 >> 32) ^ c3 ^ k1;
        c1 = p1 & low;
        c3 = p0 & low;
        c0 = next0;
        c2 = next2;
    }
    *words = (philox_words){c0, c1, c2, c3};
}

// ln u for u ∈ [2⁻⁵², 1]: u = 2^e m, m ∈ [√½, √2), ln m = 2 atanh t, t = (m − 1)/(m + 1),
// |t| ≤ 0.172, series to t¹⁵ (relative error < 2·10⁻¹⁴). Integer lane operations only.
INLINE void log64(const f64x8 *u, f64x8 *result) {
    u64x8 bits = (u64x8)*u;
    u64x8 mantissa = bits & 0x000FFFFFFFFFFFFFull;
    u64x8 big = (mantissa + (0x000FFFFFFFFFFFFFull - 0x0006A09E667F3BCDull)) >> 52;   // 1 where m > √2
    f64x8 m = (f64x8)(mantissa | ((0x3FFull - big) << 52));
    f64x8 exponent = (f64x8)(((bits >> 52) + big) | 0x4330000000000000ull) - (0x1p52 + 1023);
    f64x8 t = (m - 1) / (m + 1);
    f64x8 t2 = t * t;
    f64x8 p = (f64x8){0} + 1.0 / 15;
    p = p * t2 + 1.0 / 13;
    p = p * t2 + 1.0 / 11;
    p = p * t2 + 1.0 / 9;
    p = p * t2 + 1.0 / 7;
    p = p * t2 + 1.0 / 5;
    p = p * t2 + 1.0 / 3;
    p = p * t2 + 1;
    *result = exponent * 0.69314718055994530942 + (t + t) * p;
}

// (cos 2πu, sin 2πu): 4u = k + f, k the nearest integer, δ = πf/2 ∈ [−π/4, π/4], Taylor series of
// sin δ to δ¹³ and cos δ to δ¹⁴, rotated by k quarter turns with bit selects and sign flips.
INLINE void cos_sin_two_pi64(const f64x8 *u, f64x8 *cosine, f64x8 *sine) {
    f64x8 x = 4 * *u;
    f64x8 shifted = x + 0x1p52;   // round to nearest: the low bits of shifted hold k
    f64x8 k = shifted - 0x1p52;
    f64x8 d = (x - k) * (3.14159265358979323846 / 2);
    f64x8 d2 = d * d;
    f64x8 s = (f64x8){0} + 1.0 / 6227020800;
    s = s * d2 + -1.0 / 39916800;
    s = s * d2 + 1.0 / 362880;
    s = s * d2 + -1.0 / 5040;
    s = s * d2 + 1.0 / 120;
    s = s * d2 + -1.0 / 6;
    s = s * d2 + 1;
    f64x8 sin_d = s * d;
    f64x8 c = (f64x8){0} + -1.0 / 87178291200;
    c = c * d2 + 1.0 / 479001600;
    c = c * d2 + -1.0 / 3628800;
    c = c * d2 + 1.0 / 40320;
    c = c * d2 + -1.0 / 720;
    c = c * d2 + 1.0 / 24;
    c = c * d2 + -0.5;
    c = c * d2 + 1;
    u64x8 q = (u64x8)shifted & 3;
    u64x8 swap = 0 - (q & 1);
    u64x8 c_bits = (u64x8)c, s_bits = (u64x8)sin_d;
    u64x8 first = (c_bits & ~swap) | (s_bits & swap);
    u64x8 second = (s_bits & ~swap) | (c_bits & swap);
    *cosine = (f64x8)(first ^ ((((q + 1) >> 1) & 1) << 63));
    *sine = (f64x8)(second ^ ((q >> 1) << 63));
}

// Single precision: ln to t⁹, sin δ to δ⁹, cos δ to δ¹⁰ (relative error ≲ 2·10⁻⁷).
INLINE void log32(const f32x16 *u, f32x16 *result) {
    u32x16 bits = (u32x16)*u;
    u32x16 mantissa = bits & 0x007FFFFFu;
    u32x16 big = (mantissa + (0x007FFFFFu - 0x003504F3u)) >> 23;
    f32x16 m = (f32x16)(mantissa | ((0x7Fu - big) << 23));
    f32x16 exponent = (f32x16)(((bits >> 23) + big) | 0x4B000000u) - (0x1p23f + 127);
    f32x16 t = (m - 1) / (m + 1);
    f32x16 t2 = t * t;
    f32x16 p = (f32x16){0} + 1.0f / 9;
    p = p * t2 + 1.0f / 7;
    p = p * t2 + 1.0f / 5;
    p = p * t2 + 1.0f / 3;
    p = p * t2 + 1;
    *result = exponent * 0.693147180559945f + (t + t) * p;
}

INLINE void cos_sin_two_pi32(const f32x16 *u, f32x16 *cosine, f32x16 *sine) {
    f32x16 x = 4 * *u;
    f32x16 shifted = x + 0x1p23f;
    f32x16 k = shifted - 0x1p23f;
    f32x16 d = (x - k) * (0x1.921fb4p1f / 2);   // Swift's Float.pi (rounded toward zero), as before the port
    f32x16 d2 = d * d;
    f32x16 s = (f32x16){0} + 1.0f / 362880;
    s = s * d2 + -1.0f / 5040;
    s = s * d2 + 1.0f / 120;
    s = s * d2 + -1.0f / 6;
    s = s * d2 + 1;
    f32x16 sin_d = s * d;
    f32x16 c = (f32x16){0} + -1.0f / 3628800;
    c = c * d2 + 1.0f / 40320;
    c = c * d2 + -1.0f / 720;
    c = c * d2 + 1.0f / 24;
    c = c * d2 + -0.5f;
    c = c * d2 + 1;
    u32x16 q = (u32x16)shifted & 3;
    u32x16 swap = 0 - (q & 1);
    u32x16 c_bits = (u32x16)c, s_bits = (u32x16)sin_d;
    u32x16 first = (c_bits & ~swap) | (s_bits & swap);
    u32x16 second = (s_bits & ~swap) | (c_bits & swap);
    *cosine = (f32x16)(first ^ ((((q + 1) >> 1) & 1) << 31));
    *sine = (f32x16)(second ^ ((q >> 1) << 31));
}

CLONES void philox_gaussian_fill_f64(uint32_t key0, uint32_t key1, uint64_t stream, uint64_t first_block,
                                     size_t batches, double *out) {
    for (size_t b = 0; b < batches; b++) {
        philox_words w;
        philox8(key0, key1, stream, first_block + 8 * (uint64_t)b, &w);
        u64x8 a = (w.c0 << 32) | w.c1;
        u64x8 bb = (w.c2 << 32) | w.c3;
        f64x8 u1 = 2 - (f64x8)((a >> 12) | 0x3FF0000000000000ull);    // [2⁻⁵², 1]
        f64x8 u2 = (f64x8)((bb >> 12) | 0x3FF0000000000000ull) - 1;   // [0, 1)
        f64x8 ln;
        log64(&u1, &ln);
        f64x8 radius = __builtin_elementwise_sqrt(-2 * ln);
        f64x8 cosine, sine;
        cos_sin_two_pi64(&u2, &cosine, &sine);
        f64x8 g1 = radius * cosine, g2 = radius * sine;
        memcpy(out + 16 * b, &g1, sizeof g1);
        memcpy(out + 16 * b + 8, &g2, sizeof g2);
    }
}

CLONES void philox_gaussian_fill_f32(uint32_t key0, uint32_t key1, uint64_t stream, uint64_t first_block,
                                     size_t batches, float *out) {
    for (size_t b = 0; b < batches; b++) {
        philox_words w;
        philox8(key0, key1, stream, first_block + 8 * (uint64_t)b, &w);
        // Lanes 0–7 take words 0 and 2 of blocks 0–7, lanes 8–15 words 1 and 3.
        u32x8 c0 = __builtin_convertvector(w.c0, u32x8), c1 = __builtin_convertvector(w.c1, u32x8);
        u32x8 c2 = __builtin_convertvector(w.c2, u32x8), c3 = __builtin_convertvector(w.c3, u32x8);
        u32x16 w1 = __builtin_shufflevector(c0, c1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        u32x16 w2 = __builtin_shufflevector(c2, c3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        f32x16 u1 = 2 - (f32x16)((w1 >> 9) | 0x3F800000u);   // [2⁻²³, 1]
        f32x16 u2 = (f32x16)((w2 >> 9) | 0x3F800000u) - 1;    // [0, 1)
        f32x16 ln;
        log32(&u1, &ln);
        f32x16 radius = __builtin_elementwise_sqrt(-2 * ln);
        f32x16 cosine, sine;
        cos_sin_two_pi32(&u2, &cosine, &sine);
        f32x16 g1 = radius * cosine, g2 = radius * sine;
        memcpy(out + 32 * b, &g1, sizeof g1);
        memcpy(out + 32 * b + 16, &g2, sizeof g2);
    }
}

const char *philox_gaussian_isa(void) {
#if defined(__x86_64__) && defined(__ELF__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return "avx512f";
    if (__builtin_cpu_supports("avx2")) return "avx2";
#endif
    return "baseline";
}
