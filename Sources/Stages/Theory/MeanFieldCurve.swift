import Foundation
import MeanField
import Pipeline
import Artifacts

/// The mean-field quantities of one activation at one σ_b² along a σ_w² axis (002 §3: q*,
/// c*, χ₁, χ_c, ξ_q, ξ_c, Eqs. 3–10). Missing quantities (no fixed point, a diverging depth
/// scale) are stored as NaN, with the reason in the `notes` attribute.
public struct MeanFieldCurve: Stage {
    /// Which curve.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sb2: Double
        public var sw2: ParameterAxis
        public init(activation: Activation, sb2: Double, sw2: ParameterAxis) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
        }
    }

    public static let kind = "theory.mean-field-curve"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> MeanFieldCurveData {
        let sw2 = parameters.sw2.values
        let phi = parameters.activation
        let sb2 = parameters.sb2
        // The grid's fast path (warm-started Newton for q*, Mehler series for c*) agrees with
        // MeanFieldPoint to ~1e-10 and is ~100× faster; it falls back to MeanFieldPoint itself
        // for kinked activations. χ_c is recovered from ξ_c = −1/log χ_c (Eq. 10).
        let grid = try CorrelationDepthGrid(activation: phi, weightVariances: sw2, biasVariances: [sb2])
        context.progress(0.5)
        var curve = MeanFieldCurveData(activation: phi.rawValue, sb2: sb2, sw2: sw2, qStar: [], cStar: [], chi1: [], chiC: [], xiQ: [], xiC: [], notes: [])
        var notes = Set<String>()
        for (index, w) in sw2.enumerated() {
            let q = grid.qStar[index]
            guard q.isFinite else {
                // No fixed point: MeanFieldPoint says why (and gives ReLU's χ₁ on its semi-critical line).
                let point = try MeanFieldPoint(activation: phi, weightVariance: w, biasVariance: sb2)
                curve.qStar.append(.nan)
                curve.cStar.append(.nan)
                curve.chi1.append(point.chi1 ?? .nan)
                curve.chiC.append(.nan)
                curve.xiQ.append(.nan)
                curve.xiC.append(.nan)
                notes.formUnion(point.notes)
                continue
            }
            let xi = grid.xiC[index]
            let chiQ = VarianceMap(activation: phi, weightVariance: w, biasVariance: sb2).slope(at: q)
            let xiQ = DepthScale.fromSusceptibility(chiQ)
            curve.qStar.append(q)
            curve.cStar.append(grid.cStar[index])
            curve.chi1.append(grid.chi1[index])
            curve.chiC.append(xi.isNaN ? .nan : exp(-1 / xi))
            curve.xiQ.append(xiQ.isFinite ? xiQ : .nan)
            curve.xiC.append(xi.isFinite ? xi : .nan)
            if !xi.isFinite { notes.insert("xi_c diverges: chi_c = 1 on the critical line") }
        }
        curve.notes = notes.sorted()
        return curve
    }
}
