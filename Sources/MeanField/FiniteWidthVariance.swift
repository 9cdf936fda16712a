import Foundation

/// The leading finite-width correction the mean field leaves out: the variance of q^l of one
/// input across random networks of width N, to order 1/N. The papers take N → ∞ (002 §3.1) and
/// note that 1/N corrections exist (003 §3, after Eq. 14); this prediction is ours.
///
/// Given layer l − 1, the pre-activations h^l_i are i.i.d. N(0, Q^l) with
/// Q^l = σ_w² S^{l−1} + σ_b² and S = (1/N) Σ_j φ(h_j)². So q^l = (1/N)|h^l|² = Q^l χ²_N/N, and
/// S^l = F(Q^l) + η_l with F(Q) = E[φ(√Q z)²] and Var η_l = Var[φ(√Q z)²]/N. Linearised about
/// the mean-field trajectory Q̄^l (002 Eq. 3), δQ^{l+1} = V′(Q̄^l) δQ^l + σ_w² η_l with the map's
/// slope V′ = σ_w² F′ (F′(Q) = E[φ(√Q z)²(z² − 1)]/(2Q), valid at kinks too). Then
///
///     N Var Q^{l+1} = V′(Q̄^l)² N Var Q^l + σ_w⁴ Var[φ(√Q̄^l z)²],   N Var q^l = N Var Q^l + 2 (Q̄^l)².
///
/// The input h⁰ has |h⁰|²/N = q⁰ exactly (a random direction), so S⁰ fluctuates only by the part
/// of φ(h)² not explained by h²: N Var S⁰ = Var[φ²] − Cov(φ², h²)²/Var(h²), h ~ N(0, q⁰).
///
/// ```swift
/// let k = try FiniteWidthVariance.scaledVariance(activation: .tanh, weightVariance: 1, biasVariance: 0.05, q0: 1, layers: 30)
/// k[30] / 1000        // ≈ Var q^30 across networks of width 1000
/// ```
public enum FiniteWidthVariance {
    /// N · Var q^l for l = 0 … `layers` (0 at l = 0, whose length is exact). Throws for a
    /// negative or non-finite variance, q⁰ ≤ 0 or a negative layer count.
    public static func scaledVariance(activation: Activation, weightVariance sw2: Double, biasVariance sb2: Double,
                                      q0: Double, layers: Int) throws -> [Double] {
        try MeanFieldError.check(variance: sw2, name: "sigma_w^2 (--sw2)")
        try MeanFieldError.check(variance: sb2, name: "sigma_b^2 (--sb2)")
        try MeanFieldError.check(variance: q0, name: "q0 (--q0)")
        guard q0 > 0 else { throw MeanFieldError.invalidArgument("q0 = 0: the input has no length to fluctuate about; pass q0 > 0") }
        guard layers >= 0 else { throw MeanFieldError.invalidArgument("layers = \(layers) is negative; pass a count ≥ 0") }
        func expectation(_ q: Double, _ f: (Double) -> Double) -> Double {
            GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: activation.kinks, f)
        }
        func square(_ x: Double) -> Double { let y = activation.value(x); return y * y }
        var result = [0.0]
        guard layers >= 1 else { return result }
        let f0 = expectation(q0, square), f0Square = expectation(q0) { square($0) * square($0) }
        let covariance = expectation(q0) { square($0) * $0 * $0 } - f0 * q0
        var inputVariance = f0Square - f0 * f0 - covariance * covariance / (2 * q0 * q0)
        inputVariance = max(0, inputVariance)      // rounding where φ² is almost a function of h²
        var q = sw2 * f0 + sb2
        var scaledQ = sw2 * sw2 * inputVariance
        result.append(scaledQ + 2 * q * q)
        while result.count <= layers {
            let f = expectation(q, square), fSquare = expectation(q) { square($0) * square($0) }
            let slope = q > 0 ? sw2 * expectation(q) { square($0) * ($0 * $0 / q - 1) } / (2 * q) : 0
            scaledQ = slope * slope * scaledQ + sw2 * sw2 * (fSquare - f * f)
            q = sw2 * f + sb2
            result.append(scaledQ + 2 * q * q)
        }
        return result
    }
}
