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

    public func run(_ context: StageContext) throws -> LabelledData {
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
        var data = LabelledData(description: "sigmoid susceptibility at sigma_b^2 = 0 and Theorem 1 of paper 002", attributes: [
            "theorem1_sigma_w2": "\(solution.weightVariance)",
            "theorem1_sigma_w": "\(solution.weightStandardDeviation)",
            "theorem1_q_star": "\(solution.qStar)",
            "minimum_critical_sigma_w2": "\(minimum.weightVariance)",
            "minimum_at_sigma_b2": "\(minimum.biasVariance)",
        ])
        data.addAxis("sigma_w2", values: sw2, units: "1", description: "weight variance sigma_w^2")
        data.addVariable("chi1", over: ["sigma_w2"], values: chi1, units: "1", description: "chi_1 of the sigmoid at sigma_b^2 = 0 (Eq. 8)")
        data.addAxis("sigma_b2", values: search, units: "1", description: "bias variance sigma_b^2 searched along the critical line")
        data.addVariable("critical_sigma_w2", over: ["sigma_b2"], values: line.map(\.weightVariance), units: "1",
                         description: "the sigmoid's critical sigma_w^2 (chi_1 = 1) at each sigma_b^2")
        data.addAxis("solution", values: [0], units: "1", description: "index of the Theorem 1 solution")
        data.addVariable("theorem1_sigma_w2", over: ["solution"], values: [solution.weightVariance], units: "1",
                         description: "sigma_w^2 solving q* = sigma_w^2 E[sigmoid(sqrt(q*) z)^2] with chi_1 = 1 at sigma_b^2 = 0")
        data.addVariable("theorem1_q_star", over: ["solution"], values: [solution.qStar], units: "1", description: "q* at that solution")
        return data
    }
}
