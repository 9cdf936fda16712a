import Foundation

/// Theorem 1 of 002 (§4.2 and appendix): for the sigmoid, χ₁ = 1 forces a large σ_w².
///
/// ```swift
/// let s = try SigmoidTheorem.solve()
/// s.weightVariance        // σ_w² at σ_b² = 0 (≈ 103.0076: a variance, see below)
/// s.weightStandardDeviation
/// ```
///
/// Solving q* = σ_w² E[σ(√q* z)²] with χ₁ = 1 at σ_b² = 0 gives σ_w² = 103.0075538555193
/// (σ_w = 10.149263710019525, q* = 45.624277797379705; both equations verified to 1e-11 by an
/// independent adaptive quadrature in the tests). The paper's "σ_w ≈ 103.05" is therefore
/// σ_w² (and 103.01 rather than 103.05), not σ_w; its stated bound σ_w² ≳ 100 is right
/// (σ_w = 103.05 would mean σ_w² ≈ 10⁴).
public enum SigmoidTheorem {
    /// The solution of the appendix's system (Eqs. 23–24 with χ₁ = 1, σ_b² = 0).
    public struct Solution: Codable, Hashable, Sendable {
        /// σ_w² on the critical line at σ_b² = 0.
        public let weightVariance: Double
        /// σ_w = √σ_w².
        public let weightStandardDeviation: Double
        /// q* at that point.
        public let qStar: Double
    }

    /// Solves the system for `activation` (sigmoid by default) at σ_b² = 0.
    public static func solve(activation: Activation = .sigmoid) throws -> Solution {
        let p = try CriticalLine.point(activation: activation, biasVariance: 0)
        guard let q = p.qStar else { throw MeanFieldError.noCriticalPoint(p.note ?? "no q*") }
        return Solution(weightVariance: p.weightVariance, weightStandardDeviation: p.weightVariance.squareRoot(), qStar: q)
    }

    /// The smallest critical σ_w² over the given σ_b² values, with its σ_b² (the theorem claims the
    /// minimum over σ_b² ≥ 0 is at σ_b² = 0).
    public static func minimumAlongCriticalLine(activation: Activation = .sigmoid,
                                                biasVariances: [Double]) throws -> CriticalPoint {
        var best: CriticalPoint?
        for sb2 in biasVariances {
            let p = try CriticalLine.point(activation: activation, biasVariance: sb2)
            if best == nil || p.weightVariance < best!.weightVariance { best = p }
        }
        guard let best else { throw MeanFieldError.invalidArgument("no σ_b² values given; pass at least one") }
        return best
    }
}
