import Foundation
import Pipeline
import Artifacts

/// Writes one number: the cheapest possible stage, for measuring the engine's own overhead
/// (the hidden `synthetic` pipeline that `make bench` times).
public struct TrivialStage: Stage {
    /// The number to write.
    public struct Parameters: Codable, Hashable, Sendable {
        public var value: Int
        public init(value: Int) { self.value = value }
    }

    public static let kind = "selftest.trivial"
    public var parameters: Parameters

    public init(value: Int) { parameters = Parameters(value: value) }

    public func run(_ context: StageContext) throws -> TextArtifact { TextArtifact("\(parameters.value)") }
}

/// Sums the numbers of many ``TrivialStage`` outputs: the gather of the synthetic fan-out.
public struct SumStage: Stage {
    /// No parameters beyond a label.
    public struct Parameters: Codable, Hashable, Sendable {
        public var label: String
        public init(label: String) { self.label = label }
    }

    public static let kind = "selftest.sum"
    public var parameters: Parameters
    /// The numbers to add.
    public let terms: [Artifact<TextArtifact>]

    public init(label: String, terms: [Artifact<TextArtifact>]) {
        parameters = Parameters(label: label)
        self.terms = terms
    }

    public func run(_ context: StageContext) throws -> TextArtifact {
        TextArtifact("\(try terms.reduce(0) { $0 + (Int(try context.read($1).text) ?? 0) })")
    }
}
