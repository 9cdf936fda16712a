import Foundation

/// The correlation map of 002 Eqs. 5–7 for two inputs of equal length:
/// c ↦ (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q_next, with (u₁, u₂) of variance q and correlation c,
/// and q_next = σ_w² E[φ(u)²] + σ_b² the next length. At the fixed point q = q_next = q*.
///
/// ```swift
/// let map = CorrelationMap(activation: .tanh, weightVariance: 3, biasVariance: 0.05, q: qStar)
/// let cStar = map.stableFixedPoint()    // < 1: chaotic phase
/// let chiC = map.slope(at: cStar)       // χ_c at c*
/// ```
public struct CorrelationMap: Hashable, Sendable {
    public let activation: Activation
    public let weightVariance: Double
    public let biasVariance: Double
    /// The common variance q of both inputs.
    public let q: Double

    public init(activation: Activation, weightVariance: Double, biasVariance: Double, q: Double) {
        self.activation = activation
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.q = q
    }

    /// ½ E[(φ(u₁) − φ(u₂))²]: the map written as 1 − c′ = σ_w² D(c) / q_next, which keeps full
    /// relative precision as c → 1 (no cancellation between E[φ²] and E[φ(u₁)φ(u₂)]).
    func halfSquaredDifference(_ c: Double) -> Double {
        if c >= 1 { return 0 }
        let phi = activation
        return 0.5 * GaussianExpectation.correlated(q1: q, q2: q, c: c, kinks1: phi.kinks, kinks2: phi.kinks) {
            let d = phi.value($0) - phi.value($1); return d * d
        }
    }

    /// c^{l+1} given c^l (both inputs at variance q).
    public func callAsFunction(_ c: Double) -> Double {
        let qNext = VarianceMap(activation: activation, weightVariance: weightVariance, biasVariance: biasVariance)(q)
        guard qNext > 0 else { return .nan }
        return 1 - weightVariance * halfSquaredDifference(c) / qNext
    }

    /// ∂c^{l+1}/∂c^l = σ_w² E[φ′(u₁)φ′(u₂)] (at the fixed point q = q*; 002 Eq. 8 at c = 1, the
    /// χ_c of Eq. 10 / Eq. 20 at c*). By Price's theorem ∂E[φ(u₁)φ(u₂)]/∂c = q E[φ′(u₁)φ′(u₂)].
    public func slope(at c: Double) -> Double {
        let phi = activation
        if c >= 1 {
            return weightVariance * GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: phi.kinks) {
                let d = phi.derivative($0); return d * d
            }
        }
        return weightVariance * GaussianExpectation.correlated(q1: q, q2: q, c: c, kinks1: phi.kinks, kinks2: phi.kinks) {
            phi.derivative($0) * phi.derivative($1)
        }
    }

    /// The stable fixed point c* reached from c⁰ just below 1, with q = q* a fixed point of the
    /// variance map: 1 when χ₁ ≤ 1 (ordered), otherwise the largest root below 1 of
    /// c = map(c) (chaotic).
    ///
    /// By Mehler's formula the map is a power series in c with non-negative coefficients,
    /// (σ_w² Σ a_k² c^k + σ_b²)/q, so map(c) − c is convex on [0, 1]; it vanishes at c = 1, is
    /// negative just below 1 when χ₁ > 1 and is ≥ 0 at c = 0. Its only other root in [0, 1) is
    /// therefore bracketed by [0, 1 − 10⁻⁶] and Brent's method finds it directly (no scan).
    public func stableFixedPoint(chi1: Double? = nil) -> Double {
        let chi = chi1 ?? slope(at: 1)
        if chi <= 1 || q == 0 { return 1 }
        // H(t) = t − σ_w² D(1 − t)/q = map(c) − c at c = 1 − t: negative just below the unstable
        // c = 1, ≥ 0 at c = 0 (t = 1).
        let h: (Double) -> Double = { t in t - self.weightVariance * self.halfSquaredDifference(1 - t) / self.q }
        var t = 1e-6
        var ht = h(t)
        if ht >= 0 {
            // The root is closer to c = 1 than 1e-6: walk down until H < 0.
            var hi = t, hhi = ht
            t = hi / 8
            while t > 1e-15 {
                ht = h(t)
                if ht < 0 { return 1 - RootFinding.brent(h, t, hi, fa: ht, fb: hhi) }
                hi = t; hhi = ht; t /= 8
            }
            return 1
        }
        let hOne = h(1)
        if hOne >= 0 { return 1 - RootFinding.brent(h, t, 1, fa: ht, fb: hOne) }
        // Only rounding can make H(1) < 0 (it is σ_w² E[φ]²/q + σ_b²/q ≥ 0): look below c = 0.
        var lo = 1.0, hlo = hOne
        t = 1
        while t < 2 {
            t = min(2, t + 0.25)
            ht = h(t)
            if ht >= 0 { return 1 - RootFinding.brent(h, lo, t, fa: hlo, fb: ht) }
            lo = t; hlo = ht
        }
        return -1
    }
}
