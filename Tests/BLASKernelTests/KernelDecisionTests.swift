import BLASKernel
import Testing

/// The startup decision on the CPUs this machine is not: the fallback that Debian's OpenBLAS
/// 0.3.21 makes on a Sapphire Rapids (family 6 model 143) and its siblings is fed in as the
/// reported kernel, never forced on the process.
@Suite("OpenBLAS kernel decision")
struct KernelDecisionTests {
    static let sse: Set<String> = ["sse", "sse2", "pni", "ssse3", "sse4_1", "sse4_2"]
    static let avx2: Set<String> = sse.union(["avx", "fma", "avx2"])
    static let avx512: Set<String> = avx2.union(["avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq"])
    static let sapphireRapids = CPUFeatures(vendor: "GenuineIntel", modelName: "Intel(R) Xeon(R) Platinum 8480+", family: 6, model: 143,
                                            flags: avx512.union(["avx512_bf16", "amx_tile"]))
    static let skylakeX = CPUFeatures(vendor: "GenuineIntel", family: 6, model: 85, flags: avx512)
    static let haswell = CPUFeatures(vendor: "GenuineIntel", family: 6, model: 63, flags: avx2)
    static let zen2 = CPUFeatures(vendor: "AuthenticAMD", family: 23, model: 49, flags: avx2)
    static let zen4 = CPUFeatures(vendor: "AuthenticAMD", family: 25, model: 17, flags: avx512.union(["avx512_bf16"]))

    @Test("a generic kernel on a CPU with AVX2 or AVX-512 is corrected to the CPU's own",
          arguments: [
              (sapphireRapids, "Prescott", "Cooperlake"),
              (skylakeX, "Prescott", "SkylakeX"),
              (skylakeX, "Haswell", "SkylakeX"),
              (haswell, "Core2", "Haswell"),
              (haswell, "Nehalem", "Haswell"),
              (haswell, "Sandybridge", "Haswell"),
              (zen2, "Prescott", "Zen"),
              (zen4, "Zen", "Cooperlake"),
              (zen4, "Unknown", "Cooperlake"),
          ])
    func correctsFallback(cpu: CPUFeatures, reported: String, expected: String) {
        #expect(KernelDecision.decide(reported: reported, cpu: cpu, coretype: nil, correctedFrom: nil) == .restart(coretype: expected))
    }

    @Test("a kernel as good as the CPU, an unknown kernel name, or an unknown CPU is left alone",
          arguments: [
              (sapphireRapids as CPUFeatures?, "Cooperlake"),
              (sapphireRapids, "SapphireRapids"),
              (skylakeX, "SkylakeX"),
              (skylakeX, "Cooperlake"),
              (zen4, "Cooperlake"),
              (zen2, "Haswell"),
              (haswell, "Zen"),
              (CPUFeatures(vendor: "GenuineIntel", family: 6, model: 42, flags: sse.union(["avx"])), "Nehalem"),
              (CPUFeatures(vendor: "GenuineIntel", flags: sse), "Prescott"),
              (sapphireRapids, "NeoverseV2"),
              (nil, "Prescott"),
          ])
    func keeps(cpu: CPUFeatures?, reported: String) {
        #expect(KernelDecision.decide(reported: reported, cpu: cpu, coretype: nil, correctedFrom: nil) == .keep)
    }

    @Test("OPENBLAS_CORETYPE set by the user is never overridden, even to a generic kernel, and the report says so")
    func respectsEnvironment() {
        for value in ["Prescott", "prescott", "", "Haswell"] {
            #expect(KernelDecision.decide(reported: "Prescott", cpu: Self.sapphireRapids, coretype: value, correctedFrom: nil)
                == .leaveEnvironment(coretype: value))
        }
        let report = KernelReport(kernel: "Prescott", origin: .environment("Prescott"), cpu: Self.sapphireRapids)
        #expect(report.isBelowCPU)
        #expect(report.explanation.contains("OPENBLAS_CORETYPE=Prescott is set in the environment and left as is"))
        #expect(report.explanation.contains("Cooperlake") && report.explanation.contains("unset it"))
        #expect(report.provenance == "OPENBLAS_CORETYPE=Prescott from the environment")
    }

    @Test("the restarted process knows the variable is its own, reports the correction, and never restarts again")
    func restartedProcess() {
        let decision = KernelDecision.decide(reported: "Cooperlake", cpu: Self.sapphireRapids, coretype: "Cooperlake", correctedFrom: "Prescott")
        #expect(decision == .corrected(from: "Prescott", requested: "Cooperlake"))
        // Even when the restart did not take, the restarted process does not restart again.
        #expect(KernelDecision.decide(reported: "Prescott", cpu: Self.sapphireRapids, coretype: "Cooperlake", correctedFrom: "Prescott")
            == .corrected(from: "Prescott", requested: "Cooperlake"))
        let good = KernelReport(kernel: "Cooperlake", origin: .corrected(from: "Prescott", requested: "Cooperlake"), cpu: Self.sapphireRapids)
        #expect(!good.isBelowCPU)
        #expect(good.provenance == "corrected from Prescott")
        #expect(good.explanation.contains("OpenBLAS chose Prescott, a kernel for SSE only, on a CPU with AVX-512 with BF16"))
        let failed = KernelReport(kernel: "Prescott", origin: .corrected(from: "Prescott", requested: "Cooperlake"), cpu: Self.sapphireRapids)
        #expect(failed.isBelowCPU)
        #expect(failed.explanation.contains("still runs Prescott"))
    }

    @Test("a kernel below the CPU is flagged whatever chose it; one at or above the CPU's best is not")
    func belowCPU() {
        #expect(KernelReport(kernel: "Prescott", origin: .detected, cpu: Self.zen2).isBelowCPU)
        #expect(KernelReport(kernel: "Haswell", origin: .detected, cpu: Self.skylakeX).isBelowCPU)
        #expect(!KernelReport(kernel: "Haswell", origin: .detected, cpu: Self.zen2).isBelowCPU)
        #expect(!KernelReport(kernel: "Cooperlake", origin: .detected, cpu: Self.zen4).isBelowCPU)
        #expect(!KernelReport(kernel: "Prescott", origin: .detected, cpu: nil).isBelowCPU)
    }
}
