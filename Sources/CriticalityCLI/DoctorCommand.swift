import ArgumentParser
import BLASKernel
import CBLAS

/// `criticality doctor`: what this machine gives the computations — the CPU and its vector
/// instructions, the OpenBLAS kernel in use and how it was chosen, the library versions — and a
/// failing status when the BLAS runs a kernel below what the CPU supports without the user
/// having asked for it.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the machine: CPU, the BLAS kernel in use and how it was chosen, library versions.",
        discussion: """
        OpenBLAS picks its kernel when it loads. Where it falls back to a generic kernel on a CPU
        that supports better (Debian's 0.3.21 does on some newer Intel CPUs), criticality restarts
        itself with OPENBLAS_CORETYPE set to the CPU's kernel; a value you set is left as is.
        Exits with status 1 when the kernel in use is below the CPU's and you did not choose it.
        """)

    func run() throws {
        let report = KernelCorrection.report
        var lines: [(String, String)] = []
        if let cpu = report.cpu {
            lines.append(("CPU", cpu.summary))
            lines.append(("CPU flags", cpu.kernelFlags.joined(separator: " ") + " (\(cpu.level.name))"))
        } else {
            lines.append(("CPU", "unknown (no /proc/cpuinfo)"))
        }
        lines.append(("best kernel", report.best ?? "OpenBLAS's own choice (no AVX2 on this CPU)"))
        lines.append(("BLAS kernel", report.kernel))
        lines.append(("kernel choice", report.explanation))
        lines.append(("BLAS threads", "\(openblas_get_num_threads())"))
        for (name, version) in LibraryVersions.current().sorted(by: { $0.key < $1.key }) {
            lines.append(("library", "\(name): \(version)"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        for (label, value) in lines {
            print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        if report.isBelowCPU, !isUsersChoice(report.origin) {
            print("problem: the BLAS runs \(report.kernel) on a CPU that supports \(report.best ?? "better"); set OPENBLAS_CORETYPE=\(report.best ?? "") to fix it")
            throw ExitCode(1)
        }
    }

    private func isUsersChoice(_ origin: KernelReport.Origin) -> Bool {
        if case .environment = origin { return true }
        return false
    }
}
