import Foundation

/// What the store records about one stage execution: the key and everything it was made of,
/// the output files with their digests, timings, and the environment it ran in.
public struct Manifest: Codable, Sendable {
    /// The entry's key.
    public var key: String
    /// The stage name it was computed for (another stage with the same key shares the entry).
    public var stageName: String
    /// What the key was computed from.
    public var material: KeyMaterial
    /// Each output file (path relative to the entry's outputs folder) with its SHA-256 and size.
    public var outputs: [String: OutputFile]
    /// Digest over all output files: what consumers key on.
    public var outputsDigest: String
    /// When the stage started and ended (ISO 8601), and its wall time in seconds.
    public var started: String
    public var ended: String
    public var seconds: Double
    /// Tool, compiler and library versions, host, git commit.
    public var environment: RunEnvironment

    /// One output file.
    public struct OutputFile: Codable, Hashable, Sendable {
        public var sha256: String
        public var bytes: Int
    }

    /// The digest over a set of output files: SHA-256 of `path\0digest\n` lines in path order.
    public static func outputsDigest(_ outputs: [String: OutputFile]) -> String {
        var lines = ""
        for path in outputs.keys.sorted() { lines += "\(path)\0\(outputs[path]!.sha256)\n" }
        return SHA256Digest.of(Data(lines.utf8))
    }
}

/// What a store lookup needs from a manifest: the key, the output files and their digest, and
/// the wall time. Decoding only these (not the parameters, code digests and environment) is what
/// keeps a no-op rerun of a thousand stages cheap.
public struct EntrySummary: Codable, Sendable {
    public var key: String
    public var outputs: [String: Manifest.OutputFile]
    public var outputsDigest: String
    public var seconds: Double

    public init(_ manifest: Manifest) {
        key = manifest.key
        outputs = manifest.outputs
        outputsDigest = manifest.outputsDigest
        seconds = manifest.seconds
    }
}
