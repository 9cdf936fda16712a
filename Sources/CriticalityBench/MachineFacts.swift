import BLASKernel
import Foundation

/// The facts a reader needs to compare tables: CPU, cores, OpenBLAS's kernel (and whether it was
/// OpenBLAS's choice, a correction or the environment's), and the load
/// average when the bench starts (above about 0.5 on these 2-core machines something else is
/// running, and peers that spin-wait, like OpenBLAS's threads, suffer more than we do).
enum MachineFacts {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let features = ["avx2", "avx512f", "sha_ni"].filter { flags.contains(" \($0)") }
        let kernel = KernelCorrection.report
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "unknown"
        return "machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, features [\(features.joined(separator: " "))], OpenBLAS kernel \(kernel.kernel) (\(kernel.provenance)), load average \(load) at start"
    }
}
