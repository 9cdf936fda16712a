/// The phase of a point (σ_w², σ_b²) (002 §3.1): ordered when χ₁ < 1 (c* = 1 is stable), chaotic
/// when χ₁ > 1 (c* < 1), critical when χ₁ = 1 within ``DepthScale/criticalTolerance``.
public enum Phase: String, Codable, Hashable, Sendable, CaseIterable {
    case ordered, chaotic, critical

    /// The phase for a given χ₁.
    public init(chi1: Double) {
        if abs(chi1 - 1) <= DepthScale.criticalTolerance { self = .critical }
        else { self = chi1 < 1 ? .ordered : .chaotic }
    }
}
