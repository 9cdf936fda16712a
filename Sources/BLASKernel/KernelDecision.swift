/// What to do about OpenBLAS's kernel at startup, decided from what OpenBLAS reports, what the
/// CPU offers and what the environment says; pure, so every case (an Intel CPU that OpenBLAS
/// 0.3.21 does not know, a user's own OPENBLAS_CORETYPE) is tested on any machine.
public enum KernelDecision: Equatable, Sendable {
    /// The kernel in use is as good as the CPU allows (or cannot be judged): nothing to do.
    case keep
    /// OpenBLAS runs a kernel for less than the CPU offers: restart the process with
    /// OPENBLAS_CORETYPE set to this kernel (OpenBLAS reads it once, when the library loads).
    case restart(coretype: String)
    /// This process is the restart: it runs on the kernel it asked for, instead of `from`.
    case corrected(from: String, requested: String)
    /// OPENBLAS_CORETYPE was set by the user or their environment: never overridden.
    case leaveEnvironment(coretype: String)

    /// The variable OpenBLAS reads.
    public static let coretypeVariable = "OPENBLAS_CORETYPE"
    /// Set next to OPENBLAS_CORETYPE on the restart, holding the kernel OpenBLAS chose first, so
    /// the restarted process knows the variable is its own (and never restarts twice).
    public static let correctedFromVariable = "CRITICALITY_OPENBLAS_CORRECTED_FROM"

    /// Decides. `reported` is `openblas_get_corename()`, `coretype` and `correctedFrom` the two
    /// variables above (nil when unset; an empty value counts as set), `cpu` nil where unknown.
    public static func decide(reported: String, cpu: CPUFeatures?, coretype: String?, correctedFrom: String?) -> KernelDecision {
        if let coretype {
            if let correctedFrom { return .corrected(from: correctedFrom, requested: coretype) }
            return .leaveEnvironment(coretype: coretype)
        }
        guard let cpu, let best = OpenBLASCore.best(for: cpu), let bestLevel = OpenBLASCore.level(of: best),
              let reportedLevel = OpenBLASCore.level(of: reported), reportedLevel < bestLevel
        else { return .keep }
        return .restart(coretype: best)
    }
}
