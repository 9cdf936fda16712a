import BLASKernel
import Foundation
import Testing

/// Reading /proc/cpuinfo: the first processor's fields, and the instruction level its flags allow.
@Suite("CPU features from /proc/cpuinfo")
struct CPUFeaturesTests {
    static let sapphireRapids = """
    processor\t: 0
    vendor_id\t: GenuineIntel
    cpu family\t: 6
    model\t\t: 143
    model name\t: Intel(R) Xeon(R) Platinum 8480+
    flags\t\t: fpu sse sse2 pni ssse3 fma sse4_1 sse4_2 avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 amx_tile

    processor\t: 1
    vendor_id\t: GenuineIntel
    flags\t\t: fpu sse sse2

    """

    @Test("the first processor's vendor, family, model and flags")
    func parsesFirstProcessor() throws {
        let cpu = try #require(CPUFeatures.parse(cpuinfo: Self.sapphireRapids))
        #expect(cpu.vendor == "GenuineIntel" && cpu.family == 6 && cpu.model == 143)
        #expect(cpu.modelName == "Intel(R) Xeon(R) Platinum 8480+")
        #expect(cpu.flags.contains("avx512_bf16") && cpu.flags.contains("fpu") && cpu.flags.count == 17)
        #expect(cpu.level == .avx512BF16)
        #expect(OpenBLASCore.best(for: cpu) == "Cooperlake")
        #expect(cpu.kernelFlags.first == "ssse3" && cpu.kernelFlags.last == "amx_tile")
    }

    @Test("levels: AVX-512 needs F, VL, BW and DQ (an OS that disables ZMM state removes them); AVX2 needs FMA")
    func levels() {
        func level(_ flags: String) -> InstructionLevel {
            CPUFeatures(vendor: "GenuineIntel", flags: Set(flags.split(separator: " ").map(String.init))).level
        }
        #expect(level("sse2 avx avx2 fma avx512f avx512vl avx512bw avx512dq") == .avx512)
        #expect(level("sse2 avx avx2 fma avx512f avx512vl") == .avx2)
        #expect(level("sse2 avx avx2 fma") == .avx2)
        #expect(level("sse2 avx avx2") == .avx)
        #expect(level("sse2 sse4_2") == .baseline)
    }

    @Test("text without a flags line is not a CPU description")
    func rejectsOtherText() {
        #expect(CPUFeatures.parse(cpuinfo: "processor : 0\nBogoMIPS : 100\n") == nil)
        #expect(CPUFeatures.parse(cpuinfo: "") == nil)
    }

    @Test("this machine's /proc/cpuinfo reads, with the flags lscpu would list")
    func readsThisMachine() throws {
        #if arch(x86_64) && os(Linux)
        let cpu = try #require(CPUFeatures.current())
        #expect(cpu.flags.contains("sse2"), "every x86-64 CPU has SSE2: \(cpu.flags.sorted())")
        #expect(cpu.family != nil && !cpu.vendor.isEmpty)
        #endif
    }
}
