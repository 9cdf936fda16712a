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
    /// SHA-256 of the manifest file with this field zeroed, written at commit: an edit of the
    /// provenance that leaves valid JSON (the host, a timing) is caught on lookup. Absent in
    /// manifests written before it existed; those are checked by their key alone.
    public var integrity: String? = nil

    /// Where the integrity digest's 64 characters sit in manifest bytes.
    static func integrityRange(in data: Data) -> Range<Data.Index>? {
        guard let field = data.range(of: Data(#""integrity" : ""#.utf8)), field.upperBound + 64 <= data.endIndex else { return nil }
        return field.upperBound..<(field.upperBound + 64)
    }

    /// The placeholder the integrity digest is computed over (see ``Store/commit``).
    static let unsealed = String(repeating: "0", count: 64)

    /// The integrity digest of manifest bytes: SHA-256 of the bytes with the recorded digest
    /// replaced by zeros. Computed on bytes, not on a re-encoding, so checking it costs one hash
    /// of a few kilobytes per lookup. Nil when the bytes record none (written before it existed).
    static func integrity(of data: Data) -> (recorded: String, computed: String)? {
        guard let digest = integrityRange(in: data) else { return nil }
        var unsealed = data
        unsealed.replaceSubrange(digest, with: Data(Self.unsealed.utf8))
        return (String(decoding: data[digest], as: UTF8.self), SHA256Digest.of(unsealed))
    }

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

/// What a store lookup needs from a manifest: the key and what it was computed from (checked
/// against each other), the output files and their digest, and the wall time. Not decoding the
/// environment keeps a no-op rerun of a thousand stages cheap.
public struct EntrySummary: Codable, Sendable {
    public var key: String
    public var material: KeyMaterial
    public var outputs: [String: Manifest.OutputFile]
    public var outputsDigest: String
    public var seconds: Double

    public init(_ manifest: Manifest) {
        key = manifest.key
        material = manifest.material
        outputs = manifest.outputs
        outputsDigest = manifest.outputsDigest
        seconds = manifest.seconds
    }
}
