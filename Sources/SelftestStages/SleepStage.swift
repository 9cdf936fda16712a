import Foundation
import Pipeline
import Artifacts

/// Waits a while, then writes its label and its inputs' texts: a stand-in for slow work, used by
/// the end-to-end tests that interrupt and kill runs (the hidden `selftest` pipeline).
public struct SleepStage: Stage {
    /// How long to wait and what to write.
    public struct Parameters: Codable, Hashable, Sendable {
        /// Seconds to sleep, in small steps so cancellation is prompt.
        public var seconds: Double
        /// Written to the output.
        public var label: String
        public init(seconds: Double, label: String) { self.seconds = seconds; self.label = label }
    }

    public static let kind = "selftest.sleep"
    public var parameters: Parameters
    /// Outputs whose text is appended.
    public let after: [Artifact<TextArtifact>]

    public init(_ parameters: Parameters, after: [Artifact<TextArtifact>] = []) {
        self.parameters = parameters
        self.after = after
    }

    /// The failure a `fail…` label asks for.
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    public func run(_ context: StageContext) throws -> TextArtifact {
        let steps = max(1, Int(parameters.seconds / 0.05))
        for step in 0..<steps {
            if context.isCancelled { throw CancellationError() }
            usleep(UInt32(parameters.seconds / Double(steps) * 1e6))
            context.progress(Double(step + 1) / Double(steps))
        }
        // A label starting with "fail" makes the stage throw: how the tests make a stage fail
        // (locally and as a cluster task) without a special stage type.
        if parameters.label.hasPrefix("fail") { throw Failure(description: "asked to fail (label \(parameters.label))") }
        let inputs = try after.map { try context.read($0).text }
        return TextArtifact(([parameters.label] + inputs).joined(separator: "+"))
    }
}

extension SleepStage.Parameters: CheckedParameters {
    /// A finite sleep of at most a day: the stage counts its steps in an Int.
    public func check() throws {
        guard seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
            throw ParameterCheckError("seconds = \(seconds); give 0 to 86400")
        }
    }
}
