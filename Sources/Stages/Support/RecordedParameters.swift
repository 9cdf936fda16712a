import Foundation
import Pipeline

extension ArtifactProvenance {
    /// The parameters of the stage of type `stage` that wrote the artifact, decoded from the
    /// record every output carries: a figure reads the values its input was made with (σ_b²,
    /// the activation, the number of networks …) from here, never as a second copy in its own
    /// parameters, so a `--set` on the producer shows in the caption.
    ///
    /// ```swift
    /// let made = try data.provenance.recordedParameters(of: FiniteWidthPropagation.self)
    /// made.sb2                    // 0.05
    /// ```
    func recordedParameters<S: Stage>(of stage: S.Type) throws -> S.Parameters {
        guard kind == S.kind else {
            throw ParameterCheckError("the input was written by a \(kind) stage, not \(S.kind); wire this figure to a \(S.kind) stage")
        }
        return try JSONDecoder().decode(S.Parameters.self, from: Data(try canonicalParameters.utf8))
    }
}

extension Optional where Wrapped == ArtifactProvenance {
    /// As ``ArtifactProvenance/recordedParameters(of:)``; throws when the value carries no
    /// record (it was not read back from a stage's output).
    func recordedParameters<S: Stage>(of stage: S.Type) throws -> S.Parameters {
        guard let provenance = self else {
            throw ParameterCheckError("the input carries no record of the \(S.kind) stage that made it; read it from that stage's output (context.read)")
        }
        return try provenance.recordedParameters(of: stage)
    }
}
