/// OpenBLAS's x86-64 kernel names (what `openblas_get_corename()` returns and what
/// OPENBLAS_CORETYPE accepts) and the instruction set each is built for; the names and the
/// fallbacks follow driver/others/dynamic.c of OpenBLAS 0.3.21.
public enum OpenBLASCore {
    /// Lower-cased name → level. A name missing here (a kernel of a later OpenBLAS) is not judged.
    static let levels: [String: InstructionLevel] = {
        var levels: [String: InstructionLevel] = [:]
        for name in ["unknown", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
                     "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat"] {
            levels[name] = .baseline
        }
        for name in ["sandybridge", "bulldozer", "piledriver", "steamroller"] { levels[name] = .avx }
        for name in ["haswell", "excavator", "zen"] { levels[name] = .avx2 }
        levels["skylakex"] = .avx512
        for name in ["cooperlake", "sapphirerapids"] { levels[name] = .avx512BF16 }
        return levels
    }()

    /// The instruction set a kernel is built for, or nil for a name this table does not know.
    public static func level(of core: String) -> InstructionLevel? {
        levels[core.lowercased()]
    }

    /// The kernel OpenBLAS itself picks for this level on a CPU it recognises, or nil below AVX2,
    /// where OpenBLAS's own choice stands (it knows those CPUs; the gain is small). "Cooperlake"
    /// is the SkylakeX kernel set plus BF16 GEMM: 0.3.21 takes it from OPENBLAS_CORETYPE through
    /// its feature-based fallback (it is not in that version's list), later versions by name.
    public static func best(for cpu: CPUFeatures) -> String? {
        switch cpu.level {
        case .avx512BF16: return "Cooperlake"
        case .avx512: return "SkylakeX"
        case .avx2: return ["AuthenticAMD", "HygonGenuine"].contains(cpu.vendor) ? "Zen" : "Haswell"
        case .avx, .baseline: return nil
        }
    }
}
