import Foundation

/// What made an artifact: its stage type (kind) and its parameters as the key saw them. The
/// engine hands it to ``ArtifactValue/write(to:provenance:)`` so that every output can record
/// where it came from without each stage writing it by hand.
///
/// It deliberately holds only parts of the key. Not the key itself or the input digests: a stage
/// rerun because an upstream key changed, that computes the same values, must write the same
/// bytes, or its consumers would rerun too (early cutoff). And not the stage's name: a name is
/// not part of the key, so stages of several names share one entry (a training cell declared by
/// two pipelines, or by `criticality trainability`); written into the bytes, the name would say
/// whichever stage happened to compute the entry first, and `verify --rerun` of another would
/// find different bytes. The name is in each manifest and in the Results path.
///
/// ```swift
/// let provenance = ArtifactProvenance(kind: "theory.mean-field-curve", parameters: .object(["sb2": .double(0.05)]))
/// try provenance.canonicalParameters          // {"sb2":0.05}
/// provenance.flattenedParameters              // [("sb2", .double(0.05))]
/// ```
public struct ArtifactProvenance: Sendable, Hashable {
    /// The stage type's kind (``Stage/kind``).
    public var kind: String
    /// The stage's parameters, exactly as they entered its key.
    public var parameters: JSONValue

    /// A provenance record.
    public init(kind: String, parameters: JSONValue) {
        self.kind = kind
        self.parameters = parameters
    }

    /// The parameters' canonical JSON (sorted keys, shortest round-trip doubles): the same text
    /// the key is computed from and the manifest records.
    public var canonicalParameters: String {
        get throws { try CanonicalJSON.string(parameters) }
    }

    /// One leaf per parameter, by dotted path (`sw2.count`), sorted by path; arrays are leaves.
    /// A stage without parameters has none; parameters that are not a JSON object are one leaf
    /// with an empty path.
    public var flattenedParameters: [(path: String, value: JSONValue)] {
        if case .object(let members) = parameters, members.isEmpty { return [] }
        return parameters.flattened().sorted { $0.key < $1.key }.map { (path: $0.key, value: $0.value) }
    }
}
