/// The widest vector instruction set a CPU offers (and its OS enables), in the steps that decide
/// which OpenBLAS kernel fits it: a kernel built for a lower level runs several times slower on
/// the same CPU (sgemm 26 against 151 GFLOP/s on one Sapphire Rapids core, Prescott against
/// SkylakeX), a kernel built for a higher level would not run at all.
public enum InstructionLevel: Int, Comparable, Sendable, CaseIterable {
    /// SSE2/SSE3 only: OpenBLAS's generic x86-64 kernels (Prescott, Core2, Nehalem, …).
    case baseline
    /// AVX without AVX2 (Sandybridge, Bulldozer).
    case avx
    /// AVX2 with FMA (Haswell, Zen).
    case avx2
    /// AVX-512 F, VL, BW, DQ (SkylakeX).
    case avx512
    /// AVX-512 with the BF16 extension (Cooperlake, Sapphire Rapids, Zen 4).
    case avx512BF16

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How a person names it, e.g. "AVX-512 with BF16".
    public var name: String {
        switch self {
        case .baseline: return "SSE only"
        case .avx: return "AVX"
        case .avx2: return "AVX2"
        case .avx512: return "AVX-512"
        case .avx512BF16: return "AVX-512 with BF16"
        }
    }
}
