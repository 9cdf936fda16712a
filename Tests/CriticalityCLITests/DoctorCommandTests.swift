import Foundation
import Testing

/// `criticality doctor` and `--version`, run as the real binary: the BLAS kernel it runs must be
/// the CPU's own, never a generic fallback on a CPU with AVX2 or AVX-512 (Debian's OpenBLAS
/// 0.3.21 falls back to Prescott on some Intel CPUs, ~6× slower), and a kernel the user forced
/// through OPENBLAS_CORETYPE is kept and reported, not overridden.
@Suite("criticality doctor, as a process")
struct DoctorCommandTests {
    /// OpenBLAS's kernels for SSE or AVX only: what must not run on a CPU with AVX2.
    static let genericKernels: Set<String> = ["Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom", "Core2", "Penryn",
                                              "Dunnington", "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano",
                                              "Bobcat", "Sandybridge", "Bulldozer", "Piledriver", "Steamroller", "Unknown"]
    static let avx512Kernels: Set<String> = ["SkylakeX", "Cooperlake", "SapphireRapids"]

    /// This machine's CPU flags, read here rather than through the code under test.
    static var cpuFlags: Set<String> {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return Set(line.split(separator: ":", maxSplits: 1).last?.split(separator: " ").map(String.init) ?? [])
    }

    /// The value of a `label  value` line of doctor's output.
    static func field(_ label: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(label + " ") }
            .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
    }

    @Test("the BLAS kernel in use is not a generic one on a CPU with AVX2 or AVX-512, and doctor passes")
    func bestKernel() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let result = try cli.run(["doctor"], unsetting: ["OPENBLAS_CORETYPE", "CRITICALITY_OPENBLAS_CORRECTED_FROM"])
        let kernel = try #require(Self.field("BLAS kernel", in: result.stdout), "no kernel line in: \(result.stdout)\(result.stderr)")
        let flags = Self.cpuFlags
        if flags.contains("avx2") {
            #expect(!Self.genericKernels.contains(kernel), "generic kernel \(kernel) on a CPU with AVX2: \(result.stdout)")
        }
        if ["avx512f", "avx512vl", "avx512bw", "avx512dq"].allSatisfy(flags.contains) {
            #expect(Self.avx512Kernels.contains(kernel), "kernel \(kernel) on a CPU with AVX-512: \(result.stdout)")
        }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.field("kernel choice", in: result.stdout) != nil)
        #expect(result.stdout.contains("openblas: OpenBLAS"), "\(result.stdout)")
    }

    @Test("OPENBLAS_CORETYPE=Prescott from the environment is kept, reported as the user's choice, and not a failure")
    func respectsEnvironment() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let result = try cli.run(["doctor"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.field("BLAS kernel", in: result.stdout) == "Prescott", "\(result.stdout)")
        let choice = try #require(Self.field("kernel choice", in: result.stdout))
        #expect(choice.contains("OPENBLAS_CORETYPE=Prescott is set in the environment and left as is"), "\(choice)")
        if Self.cpuFlags.contains("avx2") {
            #expect(choice.contains("unset it"), "on a CPU with AVX2 doctor should say Prescott is below it: \(choice)")
        }
    }

    @Test("--version names the kernel")
    func version() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let result = try cli.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("0.1.0 (OpenBLAS kernel "), "\(result.stdout)")
    }
}
