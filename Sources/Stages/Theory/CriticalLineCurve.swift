import Foundation
import MeanField
import Pipeline
import Artifacts

/// The critical line σ_w²_c(σ_b²) where χ₁ = 1 (the edge of chaos of 001, 002 §3.1), with q*
/// on it; NaN where the activation has no critical point at that σ_b².
public struct CriticalLineCurve: Stage {
    /// Which line.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sb2: ParameterAxis
        public init(activation: Activation, sb2: ParameterAxis) {
            self.activation = activation
            self.sb2 = sb2
        }
    }

    public static let kind = "theory.critical-line"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LabelledData {
        let sb2 = parameters.sb2.values
        var sw2: [Double] = [], q: [Double] = [], notes = Set<String>()
        for b in sb2 {
            let point = try CriticalLine.point(activation: parameters.activation, biasVariance: b)
            sw2.append(point.weightVariance)
            q.append(point.qStar ?? .nan)
            if let note = point.note { notes.insert(note) }
        }
        var data = LabelledData(description: "critical line chi_1 = 1 of \(parameters.activation.rawValue)",
                                attributes: ["activation": parameters.activation.rawValue, "notes": notes.sorted().joined(separator: "\n")])
        data.addAxis("sigma_b2", values: sb2, units: "1", description: "bias variance sigma_b^2")
        data.addVariable("sigma_w2_critical", over: ["sigma_b2"], values: sw2, units: "1", description: "sigma_w^2 where chi_1 = 1")
        data.addVariable("q_star", over: ["sigma_b2"], values: q, units: "1", description: "q* on the critical line")
        return data
    }
}
