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

    /// Names of the variables written, all over `sigma_w2`.
    public static let variables = ["q_star", "c_star", "chi1", "chi_c", "xi_q", "xi_c"]

    public func run(_ context: StageContext) throws -> LabelledData {
        let sw2 = parameters.sw2.values
        let phi = parameters.activation
        let sb2 = parameters.sb2
        // The grid's fast path (warm-started Newton for q*, Mehler series for c*) agrees with
        // MeanFieldPoint to ~1e-10 and is ~100× faster; it falls back to MeanFieldPoint itself
        // for kinked activations. χ_c is recovered from ξ_c = −1/log χ_c (Eq. 10).
        let grid = try CorrelationDepthGrid(activation: phi, weightVariances: sw2, biasVariances: [sb2])
        context.progress(0.5)
        var columns = Dictionary(uniqueKeysWithValues: Self.variables.map { ($0, [Double]()) })
        var notes = Set<String>()
        for (index, w) in sw2.enumerated() {
            let q = grid.qStar[index]
            guard q.isFinite else {
                // No fixed point: MeanFieldPoint says why (and gives ReLU's χ₁ on its semi-critical line).
                let point = try MeanFieldPoint(activation: phi, weightVariance: w, biasVariance: sb2)
                for name in Self.variables { columns[name]!.append(name == "chi1" ? point.chi1 ?? .nan : .nan) }
                notes.formUnion(point.notes)
                continue
            }
            let xi = grid.xiC[index]
            let chiQ = VarianceMap(activation: phi, weightVariance: w, biasVariance: sb2).slope(at: q)
            let xiQ = DepthScale.fromSusceptibility(chiQ)
            columns["q_star"]!.append(q)
            columns["c_star"]!.append(grid.cStar[index])
            columns["chi1"]!.append(grid.chi1[index])
            columns["chi_c"]!.append(xi.isNaN ? .nan : exp(-1 / xi))
            columns["xi_q"]!.append(xiQ.isFinite ? xiQ : .nan)
            columns["xi_c"]!.append(xi.isFinite ? xi : .nan)
            if !xi.isFinite { notes.insert("xi_c diverges: chi_c = 1 on the critical line") }
        }
        var data = LabelledData(
            description: "mean-field quantities of \(parameters.activation.rawValue) at sigma_b^2 = \(parameters.sb2) (paper 002, Eqs. 3-10)",
            attributes: ["activation": parameters.activation.rawValue, "sigma_b2": "\(parameters.sb2)",
                         "notes": notes.sorted().joined(separator: "\n")])
        data.addAxis("sigma_w2", values: sw2, units: "1", description: "weight variance sigma_w^2")
        let meaning = [
            "q_star": ("1", "fixed point q* of the variance map (Eq. 3)"),
            "c_star": ("1", "stable fixed point c* of the correlation map (Eqs. 5-7)"),
            "chi1": ("1", "chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2] (Eq. 8)"),
            "chi_c": ("1", "slope of the correlation map at c*"),
            "xi_q": ("layers", "depth scale of the length, xi_q (Eq. 9); NaN where it diverges"),
            "xi_c": ("layers", "depth scale of correlations, xi_c = -1/log chi_c (Eq. 10); NaN where it diverges"),
        ]
        for name in Self.variables {
            data.addVariable(name, over: ["sigma_w2"], values: columns[name]!, units: meaning[name]!.0, description: meaning[name]!.1)
        }
        return data
    }
}
