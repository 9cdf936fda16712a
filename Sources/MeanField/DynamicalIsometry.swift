import Foundation

/// Dynamical isometry (002 §3.2, after Pennington et al. 2017): the input–output Jacobian
/// J = Π A^l W^l of a depth-D network at the fixed point q*.
public enum DynamicalIsometry {
    /// The mean squared singular value of J for Gaussian (or orthogonal) weights:
    /// (1/N) E tr(JᵀJ) = χ₁^D (Eq. 12 applied layer by layer).
    ///
    /// ```swift
    /// DynamicalIsometry.meanSquaredSingularValue(chi1: 1, depth: 40)   // 1: critical
    /// ```
    public static func meanSquaredSingularValue(chi1: Double, depth: Int) -> Double {
        pow(chi1, Double(depth))
    }

    /// χ₁^D at the point (σ_w², σ_b²); throws when χ₁ does not exist there.
    public static func meanSquaredSingularValue(activation: Activation, weightVariance: Double,
                                                biasVariance: Double, depth: Int) throws -> Double {
        let point = try MeanFieldPoint(activation: activation, weightVariance: weightVariance, biasVariance: biasVariance)
        guard let chi = point.chi1 else { throw MeanFieldError.noFixedPoint(point.notes.joined(separator: "; ")) }
        return meanSquaredSingularValue(chi1: chi, depth: depth)
    }
}
