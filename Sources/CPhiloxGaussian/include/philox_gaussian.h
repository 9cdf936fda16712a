#ifndef PHILOX_GAUSSIAN_H
#define PHILOX_GAUSSIAN_H

#include <stddef.h>
#include <stdint.h>

/// Fills out[0 ..< 16·batches] with N(0, 1) numbers: batch b uses the Philox4x32-10 blocks
/// first_block + 8b … + 7 of stream `stream` under key (key0, key1); its numbers 16b + j and
/// 16b + 8 + j (j = 0 … 7) are the Box–Muller cos and sin numbers of block j.
void philox_gaussian_fill_f64(uint32_t key0, uint32_t key1, uint64_t stream, uint64_t first_block,
                              size_t batches, double *out);

/// Single precision: 32 numbers per batch of 8 blocks (every 32-bit word used); numbers 32b + j
/// and 32b + 16 + j (j = 0 … 15) are the cos and sin numbers of lane j.
void philox_gaussian_fill_f32(uint32_t key0, uint32_t key1, uint64_t stream, uint64_t first_block,
                              size_t batches, float *out);

/// The instruction set the loader picked for the two functions above ("avx512f", "avx2" or
/// "baseline"), for benchmark tables.
const char *philox_gaussian_isa(void);

#endif
