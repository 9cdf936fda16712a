#ifndef CPU_CLONES_H
#define CPU_CLONES_H

// What every kernel file of this module shares: one copy of each marked function per instruction
// set (AVX-512, AVX2, baseline), picked by the loader for the CPU, and no FP contraction, so the
// copies round alike and return the same bits.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__ELF__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

#endif
