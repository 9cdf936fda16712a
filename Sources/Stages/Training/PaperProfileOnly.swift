import Artifacts
import Foundation
import Pipeline

/// Stands in for a figure that a profile cannot afford: writes why it is left out, with the
/// measured cost, and how to make it (`--profile paper`), so `Results/` says so instead of
/// showing a figure that conveys nothing. 002 Fig. 4 in the default profile is one.
public struct PaperProfileOnly: Stage {
    /// The figure and the reason.
    public struct Parameters: Codable, Hashable, Sendable {
        /// The pipeline left out.
        public var pipeline: String
        /// Why, with the measurement behind it.
        public var reason: String
        public init(pipeline: String, reason: String) {
            self.pipeline = pipeline
            self.reason = reason
        }
    }

    public static let kind = "figure.paper-profile-only"
    public static let code: [CodeDependency] = [.thisFile()]
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> TextArtifact {
        TextArtifact("\(parameters.pipeline) is computed in the paper profile only (criticality run \(parameters.pipeline) --profile paper): \(parameters.reason)\n")
    }
}
