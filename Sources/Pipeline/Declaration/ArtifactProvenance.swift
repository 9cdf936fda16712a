import Foundation

/// What made an artifact: the stage's name, its type (kind) and its parameters as the key saw
/// them. The engine hands it to ``ArtifactValue/write(to:provenance:)`` so that every output can
/// record where it came from without each stage writing it by hand.
///
/// It deliberately holds nothing that depends on the stage's inputs (no key, no input digests):
/// a stage rerun because an upstream key changed, that computes the same values, must write the
/// same bytes, or its consumers would rerun too (early cutoff). One caveat follows from keys
/// sharing entries: two stages of one kind with the same parameters and inputs have one key and
/// one store entry, which names the stage it was first computed for, as its manifest does.
///
/// ```swift
/// let provenance = ArtifactProvenance(stageName: "002-depth-scales/curves", kind: "MeanFieldCurve",
///                                     parameters: .object(["sb2": .double(0.05)]))
/// try provenance.canonicalParameters          // {"sb2":0.05}
/// provenance.flattenedParameters              // [("sb2", .double(0.05))]
/// ```
public struct ArtifactProvenance: Sendable, Hashable {
    /// The stage's full name, e.g. `002-depth-scales/curves` or `pipeline/grid[label]`.
    public var stageName: String
    /// The stage type's kind (``Stage/kind``).
    public var kind: String
    /// The stage's parameters, exactly as they entered its key.
    public var parameters: JSONValue

    /// A provenance record.
    public init(stageName: String, kind: String, parameters: JSONValue) {
        self.stageName = stageName
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
