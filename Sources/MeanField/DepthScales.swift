import Foundation

/// Depth scales ξ = −1/log χ (002 Eqs. 9, 10, 21, 22): perturbations of a stable fixed point decay
/// like exp(−l/ξ).
public enum DepthScale {
    /// Relative tolerance within which χ counts as 1 (a point on the critical line).
    public static let criticalTolerance = 1e-10

    /// −1/log χ for 0 < χ < 1; +∞ when χ ≥ 1 − ``criticalTolerance`` (perturbations do not decay
    /// exponentially: the depth scale diverges on the critical line); 0 when χ ≤ 0.
    ///
    /// ```swift
    /// DepthScale.fromSusceptibility(0.5)   // 1/log 2 ≈ 1.4427
    /// DepthScale.fromSusceptibility(1)     // +infinity
    /// ```
    public static func fromSusceptibility(_ chi: Double) -> Double {
        if chi >= 1 - criticalTolerance { return .infinity }
        if chi <= 0 { return 0 }
        return -1 / log(chi)
    }
}
