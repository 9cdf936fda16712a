import Foundation

/// What the CPU says about itself, as Linux reports it in /proc/cpuinfo. The kernel lists a flag
/// only when the OS also saves the registers it needs (AVX-512 flags vanish when XSAVE does not
/// cover the ZMM state), so these flags are the ones code may use, which is what OpenBLAS checks
/// with `cpuid` and `xgetbv` itself.
public struct CPUFeatures: Sendable, Equatable {
    /// The vendor string, e.g. "GenuineIntel" or "AuthenticAMD".
    public var vendor: String
    /// The marketing name, e.g. "Intel(R) Xeon(R) Platinum 8480+".
    public var modelName: String
    /// cpuid family and model (family 6 model 143 is Sapphire Rapids), when reported.
    public var family: Int?
    public var model: Int?
    /// The feature flags, e.g. "avx2", "avx512f", "avx512_bf16".
    public var flags: Set<String>

    /// A CPU described by hand (tests describe the CPUs this machine is not).
    public init(vendor: String, modelName: String = "", family: Int? = nil, model: Int? = nil, flags: Set<String>) {
        self.vendor = vendor
        self.modelName = modelName
        self.family = family
        self.model = model
        self.flags = flags
    }

    /// The first processor of a /proc/cpuinfo text, or nil when it names no flags (not x86, or
    /// not Linux's format).
    public static func parse(cpuinfo: String) -> CPUFeatures? {
        var fields: [String: String] = [:]
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty, !fields.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            fields[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        guard let flags = fields["flags"] else { return nil }
        return CPUFeatures(vendor: fields["vendor_id"] ?? "unknown", modelName: fields["model name"] ?? "unknown",
                           family: fields["cpu family"].flatMap { Int($0) }, model: fields["model"].flatMap { Int($0) },
                           flags: Set(flags.split(separator: " ").map(String.init)))
    }

    /// This machine's CPU, or nil where /proc/cpuinfo is missing or unreadable.
    public static func current() -> CPUFeatures? {
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)).flatMap(parse(cpuinfo:))
    }

    /// The widest instruction set every one of its cores can run. AVX-512 needs the subsets
    /// OpenBLAS's SkylakeX kernels use (F, VL, BW, DQ); AVX2 needs FMA, which Haswell's use.
    public var level: InstructionLevel {
        let avx512 = ["avx512f", "avx512vl", "avx512bw", "avx512dq"].allSatisfy(flags.contains)
        if avx512, flags.contains("avx2") {
            return flags.contains("avx512_bf16") ? .avx512BF16 : .avx512
        }
        if flags.contains("avx2"), flags.contains("fma") { return .avx2 }
        if flags.contains("avx") { return .avx }
        return .baseline
    }

    /// The flags that decide the kernel, in a fixed order, those present only.
    public var kernelFlags: [String] {
        ["sse3", "ssse3", "sse4_2", "avx", "fma", "avx2", "avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq",
         "avx512_bf16", "amx_tile"].filter(flags.contains)
    }

    /// One line for a person, e.g. "AMD EPYC (AuthenticAMD, family 25, model 17)".
    public var summary: String {
        var parts = [vendor]
        if let family { parts.append("family \(family)") }
        if let model { parts.append("model \(model)") }
        return "\(modelName) (\(parts.joined(separator: ", ")))"
    }
}
