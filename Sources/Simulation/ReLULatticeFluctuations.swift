import CBLAS
import Numerics
import Foundation

/// The Fourier-space covariance Σ(q) of the fluctuations (ε̃₊, ε̃₋, ε̃_k) of the stochastic ReLU
/// network around its saddle point (003 §6), two ways:
///
/// - ``paperCovariance(_:)``: the inverse of 003 Eq. 22 (Appendix 8.4, Result 11), the paper's
///   Gaussian energy for the fluctuations.
/// - ``leadingOrderCovariance(_:)``: this project's derivation from the layer-to-layer law the
///   exact sampler uses (not in 003). Given z^{l−1}, z^l = s_l g with g ~ N(0, I_N) and
///   s_l² = σ_w²|z₊^{l−1}|²/N + σ_b². With A = Σ g_i²[g_i > 0], B = Σ g_i²[g_i < 0], K = #{g_i > 0}
///   one has r₊ = s√A, r₋ = s√B, k = K, and at large N, A = N/2 + √N a, B = N/2 + √N b,
///   K = N/2 + √N κ with (a, b, κ) Gaussian, independent across layers, of covariance
///   C = [[5/4, −1/4, 1/4], [−1/4, 5/4, −1/4], [1/4, −1/4, 1/4]] (half-normal moments:
///   E g⁴[g > 0] = 3/2, E g²[g > 0] = 1/2, P(g > 0) = 1/2). Linearised around r*± in the paper's
///   coordinates, ε̃₊^l = ρ ε̃₊^{l−1} + a_l, ε̃₋^l = ρ ε̃₊^{l−1} + b_l, ε̃_k^l = κ_l with ρ = σ_w²/2,
///   so Σ(q) = T C Tᴴ with T = [[h, 0, 0], [ρe^{iq}h, 1, 0], [0, 0, 1]], h = 1/(1 − ρe^{iq}).
///   Corrections are O(1/√N) relative.
///
/// Coordinates (003 Eq. 21): ε̃± = √(2(1 − σ_w²/2)/σ_b²)(r± − r*) = √N (r± − r*)/r*,
/// ε̃_k = (k − N/2)/√N. Fourier convention: ε̂(q) = W^{−1/2} Σ_l e^{iql} ε̃_l over a window of W
/// layers, Σ(q) = ⟨ε̂(q) ε̂(q)ᴴ⟩; with it, 003 Eq. 22's (−, +) entry −½σ_w² e^{iq} is what the
/// real-space energy Eq. 21 gives (checked on a ring in the tests).
public struct ReLULatticeFluctuations: Hashable, Sendable {
    /// σ_w² (below 2, where the saddle point exists).
    public var weightVariance: Double
    /// σ_b².
    public var biasVariance: Double
    /// The width N.
    public var width: Int

    /// The theory for σ_w², σ_b² and width N.
    public init(weightVariance: Double, biasVariance: Double, width: Int) {
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.width = width
    }

    /// r*± = √(Nσ_b²/(2(1 − σ_w²/2))) (003 Eq. 20).
    public var saddleNorm: Double { (Double(width) * biasVariance / (2 * (1 - weightVariance / 2))).squareRoot() }

    /// The factor from r± − r* to ε̃±: √(2(1 − σ_w²/2)/σ_b²) (003, below Eq. 20).
    public var normScale: Double { (2 * (1 - weightVariance / 2) / biasVariance).squareRoot() }

    /// The factor from k − N/2 to ε̃_k: 1/√N.
    public var countScale: Double { 1 / Double(width).squareRoot() }

    /// 003 Eq. 22: Σ⁻¹(q) = [[1 + σ_w⁴/2 − σ_w² cos q, −½σ_w² e^{−iq}, ½],
    /// [−½σ_w² e^{iq}, 1, −½], [½, −½, 3]].
    public func paperInverseCovariance(_ q: Double) -> FieldCovariance {
        let s = weightVariance
        let phase = Complex(Foundation.cos(q), Foundation.sin(q))
        let coupling = phase.multiplied(by: -s / 2)
        let diagonal: Double = 1 + s * s / 2 - s * Foundation.cos(q)
        return FieldCovariance([
            Complex(diagonal), coupling.conjugate, Complex(0.5),
            coupling, Complex(1), Complex(-0.5),
            Complex(0.5), Complex(-0.5), Complex(3),
        ])
    }

    /// The inverse of 003 Eq. 22, by LAPACK Cholesky (dpotrf/dpotri) of the real 6×6 embedding
    /// [[X, −Y], [Y, X]] of Σ⁻¹ = X + iY. Throws where Σ⁻¹ is not positive definite (the paper's
    /// Gaussian would then have no covariance).
    public func paperCovariance(_ q: Double) throws -> FieldCovariance {
        let inverse = paperInverseCovariance(q)
        var m = [Double](repeating: 0, count: 36)   // column-major 6×6
        for i in 0..<3 {
            for j in 0..<3 {
                let e = inverse.entries[3 * i + j]
                m[i + 6 * j] = e.real
                m[(i + 3) + 6 * (j + 3)] = e.real
                m[(i + 3) + 6 * j] = e.imaginary
                m[i + 6 * (j + 3)] = -e.imaginary
            }
        }
        let upper = Int8(UInt8(ascii: "U"))
        var info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, upper, 6, &m, 6)
        guard info == 0 else {
            throw SimulationError.numerical("003 Eq. 22's inverse covariance is not positive definite at sigma_w^2 = \(weightVariance), q = \(q) (LAPACKE_dpotrf info \(info)): its Gaussian has no covariance there")
        }
        info = LAPACKE_dpotri(LAPACK_COL_MAJOR, upper, 6, &m, 6)
        guard info == 0 else { throw SimulationError.numerical("LAPACKE_dpotri failed (info \(info)) at sigma_w^2 = \(weightVariance), q = \(q)") }
        // dpotri fills the upper triangle; the first block column [P; Q] of the inverse is
        // A⁻¹ = P + iQ, read from the upper triangle by symmetry.
        func at(_ i: Int, _ j: Int) -> Double { i <= j ? m[i + 6 * j] : m[j + 6 * i] }
        var covariance = FieldCovariance.zero
        for i in 0..<3 {
            for j in 0..<3 { covariance.entries[3 * i + j] = Complex(at(i, j), at(i + 3, j)) }
        }
        return covariance
    }

    /// The inverse of Eq. 22 averaged over each band of `bins`, as the measurement averages its modes.
    public func paperCovariance(over bins: ModeBins) throws -> [FieldCovariance] {
        try bins.bands.map { band in FieldCovariance.mean(try band.map { try paperCovariance(bins.wavevector($0)) }) }
    }

    /// The leading-order covariance averaged over each band of `bins`.
    public func leadingOrderCovariance(over bins: ModeBins) -> [FieldCovariance] {
        bins.bands.map { band in FieldCovariance.mean(band.map { leadingOrderCovariance(bins.wavevector($0)) }) }
    }

    /// The covariance of the per-layer noise (a, b, κ) of the resampling (see the type's comment).
    public static let layerNoise = FieldCovariance([
        Complex(1.25), Complex(-0.25), Complex(0.25),
        Complex(-0.25), Complex(1.25), Complex(-0.25),
        Complex(0.25), Complex(-0.25), Complex(0.25),
    ])

    /// Σ(q) = T C Tᴴ to leading order in 1/N (this project's derivation; see the type's comment).
    public func leadingOrderCovariance(_ q: Double) -> FieldCovariance {
        let rho = weightVariance / 2
        let phase = Complex(Foundation.cos(q), Foundation.sin(q))
        let h = Complex<Double>.one / (Complex<Double>.one - phase.multiplied(by: rho))
        let transfer = FieldCovariance([
            h, .zero, .zero,
            phase.multiplied(by: rho) * h, .one, .zero,
            .zero, .zero, .one,
        ])
        return transfer * Self.layerNoise * transfer.adjoint
    }
}
