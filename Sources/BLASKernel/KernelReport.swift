/// The OpenBLAS kernel this process runs, and how it came to run it: what `doctor`,
/// `--version`, manifests and the bench print.
public struct KernelReport: Sendable, Equatable {
    /// How the kernel was chosen.
    public enum Origin: Sendable, Equatable {
        /// OpenBLAS chose it and it was left as is.
        case detected
        /// OpenBLAS chose `from`; criticality restarted itself with OPENBLAS_CORETYPE=`requested`.
        case corrected(from: String, requested: String)
        /// OPENBLAS_CORETYPE was set outside criticality, to this value.
        case environment(String)
        /// OpenBLAS chose `from`, a kernel below the CPU, and the restart failed for `reason`.
        case restartFailed(from: String, requested: String, reason: String)
    }

    /// `openblas_get_corename()` now.
    public let kernel: String
    /// How it was chosen.
    public let origin: Origin
    /// This machine's CPU, nil where unknown.
    public let cpu: CPUFeatures?

    /// A report made from its parts (tests make them for CPUs this machine is not).
    public init(kernel: String, origin: Origin, cpu: CPUFeatures?) {
        self.kernel = kernel
        self.origin = origin
        self.cpu = cpu
    }

    /// The kernel this CPU should run, nil where OpenBLAS's own choice stands.
    public var best: String? { cpu.flatMap(OpenBLASCore.best(for:)) }

    /// True when the kernel in use is built for less than the CPU offers: the defect this module
    /// exists to prevent (a generic kernel several times slower than the CPU's own).
    public var isBelowCPU: Bool {
        guard let best, let bestLevel = OpenBLASCore.level(of: best), let level = OpenBLASCore.level(of: kernel) else { return false }
        return level < bestLevel
    }

    /// A sentence saying how the kernel was chosen and whether it is the CPU's best.
    public var explanation: String {
        let cpuLevel = cpu.map { "a CPU with \($0.level.name)" } ?? "this CPU"
        let bestNote = best.map { " (this CPU's best is \($0))" } ?? ""
        switch origin {
        case .detected:
            return isBelowCPU
                ? "chosen by OpenBLAS, below \(cpuLevel)\(bestNote); this process did not correct it"
                : "chosen by OpenBLAS" + (best == nil ? "" : "; it is the best \(cpuLevel) supports")
        case .corrected(let from, let requested):
            let firstLevel = OpenBLASCore.level(of: from).map { ", a kernel for \($0.name)," } ?? ""
            let outcome = isBelowCPU ? "; but OpenBLAS still runs \(kernel), below \(cpuLevel)" : ""
            return "OpenBLAS chose \(from)\(firstLevel) on \(cpuLevel): criticality restarted itself with \(KernelDecision.coretypeVariable)=\(requested)\(outcome)"
        case .environment(let value):
            let advice = isBelowCPU ? ", although \(kernel) is below \(cpuLevel)\(bestNote): unset it to let criticality choose" : ""
            return "\(KernelDecision.coretypeVariable)=\(value) is set in the environment and left as is\(advice)"
        case .restartFailed(let from, let requested, let reason):
            return "OpenBLAS chose \(from) on \(cpuLevel) and restarting with \(KernelDecision.coretypeVariable)=\(requested) failed (\(reason)): set \(KernelDecision.coretypeVariable)=\(requested) yourself"
        }
    }

    /// A short form for manifests, e.g. "detected" or "corrected from Prescott".
    public var provenance: String {
        switch origin {
        case .detected: return isBelowCPU ? "detected, below this CPU's \(best ?? "")" : "detected"
        case .corrected(let from, _): return "corrected from \(from)"
        case .environment(let value): return "\(KernelDecision.coretypeVariable)=\(value) from the environment"
        case .restartFailed(let from, _, _): return "generic \(from), correction failed"
        }
    }
}
