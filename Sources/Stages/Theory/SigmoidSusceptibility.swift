import Foundation
import MeanField
import Pipeline
import Artifacts

/// Theorem 1 of 002: the sigmoid's χ₁ along σ_w² at σ_b² = 0, the solution of q* = σ_w²
/// E[σ(√q* z)²] with χ₁ = 1, and the critical σ_w² along a range of σ_b² with its smallest value
/// (the theorem's "for any σ_b² ∈ [0, ∞)").
public struct SigmoidSusceptibility: Stage {
    /// The σ_w² axis for the χ₁ curve and the σ_b² values searched for the minimum.
    public struct Parameters: Codable, Hashable, Sendable {
        public var sw2: ParameterAxis
        public var sb2Search: ParameterAxis
        public init(sw2: ParameterAxis, sb2Search: ParameterAxis) {
            self.sw2 = sw2
            self.sb2Search = sb2Search
        }
    }

    public static let kind = "theory.sigmoid-theorem"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> SigmoidTheoremData {
        let sw2 = parameters.sw2.values
        let chi1 = try sw2.map { try MeanFieldPoint(activation: .sigmoid, weightVariance: $0, biasVariance: 0).chi1 ?? .nan }
        let solution = try SigmoidTheorem.solve()
        // The critical line over the searched σ_b², once: the curve for the figure (Theorem 1's "for
        // any σ_b²") and its minimum.
        let search = parameters.sb2Search.values
        let line = try search.map { try CriticalLine.point(activation: .sigmoid, biasVariance: $0) }
        guard let minimum = line.min(by: { $0.weightVariance < $1.weightVariance }) else {
            throw MeanFieldError.invalidArgument("the σ_b² search axis is empty; give it at least one value")
        }
        return SigmoidTheoremData(sw2: sw2, chi1: chi1, sb2: search, criticalSw2: line.map(\.weightVariance),
                                  theoremSw2: solution.weightVariance, theoremSw: solution.weightStandardDeviation, theoremQStar: solution.qStar,
                                  minimumCriticalSw2: minimum.weightVariance, minimumAtSb2: minimum.biasVariance)
    }
}
