import Foundation

/// A point on the critical line χ₁ = 1 (002 §3.1): σ_w² and the q* it comes with.
public struct CriticalPoint: Codable, Hashable, Sendable {
    public let activation: Activation
    /// σ_b².
    public let biasVariance: Double
    /// σ_w² on the critical line.
    public let weightVariance: Double
    /// q* at that point; nil when there is no single q* (ReLU: every q at σ_b² = 0, linear
    /// growth on the semi-critical line σ_b² > 0).
    public let qStar: Double?
    /// Why qStar is nil, if it is.
    public let note: String?
}

/// The critical line σ_w²_c(σ_b²) where χ₁ = 1 with q* self-consistent.
public enum CriticalLine {
    /// Solves q = σ_w² E[φ(√q z)²] + σ_b² together with 1 = σ_w² E[φ′(√q z)²]. Eliminating
    /// σ_w² = 1/E[φ′²] leaves one equation in q, q = E[φ²]/E[φ′²] + σ_b², solved for its first
    /// downward crossing above 0 by a scan and Brent's method.
    ///
    /// ```swift
    /// let p = try CriticalLine.point(activation: .tanh, biasVariance: 0.05)
    /// p.weightVariance    // 1.7603…
    /// ```
    /// ReLU gives σ_w² = 2 for every σ_b² (paper 000: the critical point (0, 2) and the
    /// semi-critical line), linear σ_w² = 1. Throws ``MeanFieldError/noCriticalPoint(_:)`` when no
    /// solution exists below q = 10¹².
    public static func point(activation: Activation, biasVariance sb2: Double) throws -> CriticalPoint {
        try MeanFieldError.check(variance: sb2, name: "sigma_b^2 (--sb2)")
        let phi = activation
        if phi.isPositivelyHomogeneous {
            let sw2 = phi == .relu ? 2.0 : 1.0
            let note = sb2 == 0
                ? "critical point: every q is a fixed point (q^l = q^0)"
                : "semi-critical line: no fixed point, q grows linearly by sigma_b^2 per layer"
            return CriticalPoint(activation: phi, biasVariance: sb2, weightVariance: sw2, qStar: nil, note: note)
        }
        let ePhi2: (Double) -> Double = { q in
            GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: phi.kinks) { let v = phi.value($0); return v * v }
        }
        let eDphi2: (Double) -> Double = { q in
            GaussianExpectation.expectation(standardDeviation: q.squareRoot(), kinks: phi.kinks) { let v = phi.derivative($0); return v * v }
        }
        let h: (Double) -> Double = { q in ePhi2(q) / eDphi2(q) + sb2 - q }
        let h0 = h(0)
        if h0 == 0 {
            let d = phi.derivative(0)
            return CriticalPoint(activation: phi, biasVariance: sb2, weightVariance: 1 / (d * d), qStar: 0, note: nil)
        }
        guard h0 > 0 else { throw MeanFieldError.noCriticalPoint("\(phi.rawValue) at sigma_b^2 = \(sb2): E[phi^2]/E[phi'^2] + sigma_b^2 < q already at q = 0; try another activation or sigma_b^2") }
        var lo = 0.0, hlo = h0
        var q = max(h0, 1e-8)
        while q < 1e12 {
            let hq = h(q)
            if hq <= 0 {
                let root = RootFinding.brent(h, lo, q, fa: hlo, fb: hq)
                return CriticalPoint(activation: phi, biasVariance: sb2, weightVariance: 1 / eDphi2(root), qStar: root, note: nil)
            }
            lo = q; hlo = hq
            q *= 1.6
        }
        throw MeanFieldError.noCriticalPoint("\(phi.rawValue) at sigma_b^2 = \(sb2): chi1 = 1 has no self-consistent q* below 1e12; this activation has no critical point at this bias variance")
    }
}
