import Foundation

/// Everything a stage's key is computed from. Stored in each manifest, so `status` can say
/// which part changed since the last run.
public struct KeyMaterial: Codable, Hashable, Sendable {
    /// Bumped when the key recipe changes, which invalidates every entry at once.
    public static let formatVersion = 1

    /// The key recipe's version.
    public var format: Int = KeyMaterial.formatVersion
    /// The stage type's kind.
    public var stage: String
    /// Canonical JSON of the parameters.
    public var parameters: JSONValue
    /// Digest of each code dependency, by path.
    public var code: [String: String]
    /// Output digest of each input, in declaration order, with the producing stage's name for
    /// explanations (names are not hashed: only content is).
    public var inputs: [InputDigest]

    /// One input's producer and the digest of its outputs.
    public struct InputDigest: Codable, Hashable, Sendable {
        /// The producing stage, e.g. `demo/curve`.
        public var stage: String
        /// The digest over that stage's output files.
        public var outputs: String
    }

    /// Whether `text` has the only form a key takes, a SHA-256 in lowercase hex (64 digits).
    /// Keys become paths under the store (`jobs/<key>.json`, `entries/<k0k1>/<key>`), so anything
    /// else ("../../x") is refused before a path is made from it.
    public static func isKey(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// SHA-256 over the canonical JSON of kind, parameters, code digests and input digests.
    public func key() throws -> String {
        struct Hashed: Encodable {
            let format: Int, stage: String, parameters: JSONValue, code: [String: String], inputs: [String]
        }
        let hashed = Hashed(format: format, stage: stage, parameters: parameters, code: code, inputs: inputs.map(\.outputs))
        return SHA256Digest.of(try CanonicalJSON.encode(hashed))
    }
}
