import Foundation

/// Everything the fully connected mean-field theory says about one point (σ_w², σ_b²):
/// q* (Eq. 3), c* (Eqs. 5–7), χ₁ (Eq. 8), χ_c at c*, ξ_q (Eq. 9), ξ_c (Eq. 10) and the phase.
///
/// ```swift
/// let p = try MeanFieldPoint(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05)
/// p.phase      // .ordered
/// p.xiC        // −1/log χ₁
/// ```
///
/// A quantity that does not exist is nil and `notes` says why (ReLU off σ_w² = 2 at σ_b² > 0
/// has no q*). A depth scale that diverges (χ = 1) is `+infinity`, also with a note.
public struct MeanFieldPoint: Codable, Hashable, Sendable {
    public let activation: Activation
    /// σ_w².
    public let weightVariance: Double
    /// σ_b².
    public let biasVariance: Double
    /// The stable fixed point q*, nil when the variance map has none.
    public let qStar: Double?
    /// The stable correlation fixed point: 1 in the ordered phase, < 1 in the chaotic phase.
    public let cStar: Double?
    /// χ₁ = σ_w² E[φ′(√q* z)²]; for relu and linear it does not depend on q and is given even
    /// where q* does not exist.
    public let chi1: Double?
    /// χ_c = σ_w² E[φ′(u₁*)φ′(u₂*)] at c* (= χ₁ in the ordered phase).
    public let chiC: Double?
    /// χ_q = dq^{l+1}/dq^l at q*.
    public let chiQ: Double?
    /// ξ_q = −1/log χ_q.
    public let xiQ: Double?
    /// ξ_c = −1/log χ_c (+∞ on the critical line).
    public let xiC: Double?
    public let phase: Phase
    /// What the variance map does (a number, or why there is none).
    public let varianceFixedPoint: VarianceFixedPoint
    /// Sentences explaining missing or infinite quantities.
    public let notes: [String]

    /// Solves the point. Throws ``MeanFieldError/invalidVariance(name:value:)`` for a negative or
    /// non-finite σ_w² or σ_b².
    public init(activation: Activation, weightVariance sw2: Double, biasVariance sb2: Double) throws {
        try MeanFieldError.check(variance: sw2, name: "sigma_w^2 (--sw2)")
        try MeanFieldError.check(variance: sb2, name: "sigma_b^2 (--sb2)")
        self.activation = activation
        self.weightVariance = sw2
        self.biasVariance = sb2
        var notes: [String] = []
        let fixed = VarianceMap(activation: activation, weightVariance: sw2, biasVariance: sb2).fixedPoint()
        varianceFixedPoint = fixed
        guard let q = fixed.value else {
            notes.append(fixed.explanation ?? "no fixed point")
            qStar = nil; cStar = nil; chiC = nil; chiQ = nil; xiQ = nil; xiC = nil
            if activation.isPositivelyHomogeneous {
                // φ′ is scale-free, so χ₁ = σ_w² E[φ′(z)²] holds at every q.
                let chi = Susceptibility.chi1(activation: activation, weightVariance: sw2, q: 1)
                chi1 = chi
                phase = Phase(chi1: chi)
                if phase == .critical, sb2 > 0 {
                    notes.append("semi-critical line (paper 000): chi1 = 1 and correlator perturbations are marginal while q grows linearly")
                } else if phase == .critical {
                    notes.append("critical point: chi1 = 1 at every q")
                }
            } else {
                chi1 = nil
                phase = .chaotic
                notes.append("phase reported as chaotic because q diverges; chi1 is undefined without q*")
            }
            self.notes = notes
            return
        }
        qStar = q
        let cmap = CorrelationMap(activation: activation, weightVariance: sw2, biasVariance: sb2, q: q)
        let chi = cmap.slope(at: 1)
        chi1 = chi
        phase = Phase(chi1: chi)
        let chiq = VarianceMap(activation: activation, weightVariance: sw2, biasVariance: sb2).slope(at: q)
        chiQ = chiq
        xiQ = DepthScale.fromSusceptibility(chiq)
        if q == 0 { notes.append("q* = 0: the signal vanishes with depth; c* = 1 and chi_c = chi1 are the q -> 0 limits") }
        switch phase {
        case .ordered, .critical:
            cStar = 1
            chiC = chi
        case .chaotic:
            let c = cmap.stableFixedPoint(chi1: chi)
            cStar = c
            chiC = cmap.slope(at: c)
        }
        xiC = chiC.map(DepthScale.fromSusceptibility)
        if xiC == .infinity { notes.append("xi_c diverges: chi_c = 1 on the critical line") }
        if xiQ == .infinity { notes.append("xi_q diverges: chi_q = 1") }
        self.notes = notes
    }
}
