import CBLAS
import Foundation
import Synchronization

/// Makes OpenBLAS run the best kernel the CPU supports, before any BLAS work. Debian's OpenBLAS
/// 0.3.21 does not recognise some newer CPUs (Intel family 6 model 143, Sapphire Rapids) and
/// falls back to its generic Prescott kernel, about 6× slower at sgemm there. OpenBLAS picks its
/// kernel in the library's constructor, which the dynamic loader runs before `main`, reading
/// OPENBLAS_CORETYPE then; so the fix is to restart the process (`execv` of /proc/self/exe, same
/// arguments) with that variable set. A value the user set is never overridden.
public enum KernelCorrection {
    private static let recorded = Mutex<KernelReport?>(nil)

    /// Call first in `main`, before anything touches BLAS. Returns at once when the kernel is
    /// right, after recording how it was chosen; otherwise replaces the process with a restart
    /// and does not return (unless the restart fails, which it reports on standard error).
    public static func applyAtStartup() {
        let reported = currentKernel
        let cpu = CPUFeatures.current()
        let coretype = environment(KernelDecision.coretypeVariable)
        let correctedFrom = environment(KernelDecision.correctedFromVariable)
        let report: KernelReport
        switch KernelDecision.decide(reported: reported, cpu: cpu, coretype: coretype, correctedFrom: correctedFrom) {
        case .keep:
            report = KernelReport(kernel: reported, origin: .detected, cpu: cpu)
        case .leaveEnvironment(let value):
            report = KernelReport(kernel: reported, origin: .environment(value), cpu: cpu)
        case .corrected(let from, let requested):
            // OpenBLAS has read the variables; programs this process starts (a NumPy peer, a
            // SLURM job) must see the user's environment and choose for themselves.
            unsetenv(KernelDecision.coretypeVariable)
            unsetenv(KernelDecision.correctedFromVariable)
            report = KernelReport(kernel: reported, origin: .corrected(from: from, requested: requested), cpu: cpu)
            if report.isBelowCPU { warn(report) }
        case .restart(let requested):
            setenv(KernelDecision.coretypeVariable, requested, 1)
            setenv(KernelDecision.correctedFromVariable, reported, 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            let reason = String(cString: strerror(errno))
            unsetenv(KernelDecision.coretypeVariable)
            unsetenv(KernelDecision.correctedFromVariable)
            report = KernelReport(kernel: reported, origin: .restartFailed(from: reported, requested: requested, reason: reason), cpu: cpu)
            warn(report)
        }
        recorded.withLock { $0 = report }
    }

    /// How this process's kernel was chosen: what `applyAtStartup` recorded, or, in a process
    /// that never called it (a test runner), OpenBLAS's choice as it stands.
    public static var report: KernelReport {
        if let report = recorded.withLock({ $0 }) { return report }
        let cpu = CPUFeatures.current()
        if let value = environment(KernelDecision.coretypeVariable) {
            return KernelReport(kernel: currentKernel, origin: .environment(value), cpu: cpu)
        }
        return KernelReport(kernel: currentKernel, origin: .detected, cpu: cpu)
    }

    /// `openblas_get_corename()`.
    public static var currentKernel: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func warn(_ report: KernelReport) {
        FileHandle.standardError.write(Data("criticality: warning: BLAS kernel \(report.kernel): \(report.explanation)\n".utf8))
    }
}
