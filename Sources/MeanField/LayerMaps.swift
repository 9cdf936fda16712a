import Foundation

/// The layer-by-layer trajectory (q^l, c^l), l = 0 … L, of two inputs of equal length q⁰ and
/// correlation c⁰ (002 Eqs. 3, 5–7). Simulation compares its empirical statistics against it.
public struct LayerTrajectory: Codable, Hashable, Sendable {
    /// q⁰, q¹, …, q^L.
    public let q: [Double]
    /// c⁰, c¹, …, c^L.
    public let c: [Double]

    /// Iterates the maps for `layers` layers.
    ///
    /// ```swift
    /// let t = try LayerTrajectory(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05,
    ///                             q0: 1, c0: 0.5, layers: 50)
    /// t.q.count    // 51
    /// ```
    /// Throws for a negative or non-finite variance, q⁰ = 0 with σ_b² = 0 (c is then undefined),
    /// c⁰ outside [−1, 1] or a negative layer count.
    public init(activation: Activation, weightVariance sw2: Double, biasVariance sb2: Double,
                q0: Double, c0: Double, layers: Int) throws {
        try MeanFieldError.check(variance: sw2, name: "sigma_w^2 (--sw2)")
        try MeanFieldError.check(variance: sb2, name: "sigma_b^2 (--sb2)")
        try MeanFieldError.check(variance: q0, name: "q0 (--q0)")
        guard c0.isFinite, abs(c0) <= 1 else { throw MeanFieldError.invalidCorrelation(c0) }
        guard layers >= 0 else { throw MeanFieldError.invalidArgument("layers = \(layers) is negative; pass --layers ≥ 0") }
        let vmap = VarianceMap(activation: activation, weightVariance: sw2, biasVariance: sb2)
        var qs = [q0], cs = [c0]
        var q = q0, c = c0
        for _ in 0..<layers {
            let cmap = CorrelationMap(activation: activation, weightVariance: sw2, biasVariance: sb2, q: q)
            let qNext = vmap(q)
            guard qNext > 0 else {
                throw MeanFieldError.invalidArgument("q reached 0 (q0 = 0 or a vanishing signal with sigma_b^2 = 0), so the correlation is undefined; pass q0 > 0 or sigma_b^2 > 0")
            }
            // 1 − c′ = σ_w² · ½E[(φ(u₁) − φ(u₂))²] / q′ keeps precision near c = 1.
            c = 1 - sw2 * cmap.halfSquaredDifference(c) / qNext
            q = qNext
            qs.append(q); cs.append(c)
        }
        self.q = qs
        self.c = cs
    }
}
