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

    public func run(_ context: StageContext) throws -> CriticalLineData {
        let sb2 = parameters.sb2.values
        var sw2: [Double] = [], q: [Double] = [], notes = Set<String>()
        for b in sb2 {
            let point = try CriticalLine.point(activation: parameters.activation, biasVariance: b)
            sw2.append(point.weightVariance)
            q.append(point.qStar ?? .nan)
            if let note = point.note { notes.insert(note) }
        }
        return CriticalLineData(activation: parameters.activation.rawValue, sb2: sb2, criticalSw2: sw2, qStar: q, notes: notes.sorted())
    }
}
