import Foundation

/// The mean field of a CNN with periodic boundaries, kernel size 2k+1 and spatial size n
/// (002 §3.3, Eqs. 14–22, after Xiao et al. 2018).
///
/// The fixed point Σ* has q* on the diagonal and q*c* off it (Eq. 18), with q*, c* those of the
/// fully connected network. The linearised map decomposes into the diagonal eigenspace with
/// χ_q* (Eq. 19) and the off-diagonal one with χ_c* (Eq. 20). The operator A⋆ (Eq. 17) averages
/// along diagonals, so in a Fourier basis along the diagonal its eigenvalues are the Dirichlet
/// kernel λ_p = (1/(2k+1)) Σ_{|β|≤k} cos(2πpβ/n), p = 0 … n−1, and the modes decay with
/// ξ_p = −1/log(χ_c* |λ_p|) (Eq. 21). λ₀ = 1, so mode 0 is the fully connected ξ_c (Eq. 22).
///
/// ```swift
/// let cnn = try ConvolutionalMeanField(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05,
///                                      kernelHalfWidth: 1, spatialSize: 8)
/// cnn.offDiagonalDepthScales[0] == cnn.fullyConnected.xiC   // true
/// ```
public struct ConvolutionalMeanField: Codable, Hashable, Sendable {
    /// The fully connected point giving q*, c*, χ's.
    public let fullyConnected: MeanFieldPoint
    /// k (kernel size 2k+1).
    public let kernelHalfWidth: Int
    /// n (spatial size, periodic).
    public let spatialSize: Int
    /// χ_q* (Eq. 19), nil without q*.
    public let chiQ: Double?
    /// χ_c* (Eq. 20), nil without q*.
    public let chiC: Double?
    /// λ_p, p = 0 … n−1 (the eigenvalues of A⋆ in Eq. 21).
    public let eigenvalues: [Double]
    /// ξ_p = −1/log(χ_c* |λ_p|) for the off-diagonal modes (Eq. 21); +∞ where χ_c*|λ_p| ≥ 1.
    public let offDiagonalDepthScales: [Double]
    /// ξ_p = −1/log(χ_q* |λ_p|) for the diagonal modes.
    public let diagonalDepthScales: [Double]

    public init(activation: Activation, weightVariance: Double, biasVariance: Double,
                kernelHalfWidth k: Int, spatialSize n: Int) throws {
        guard k >= 0, n >= 1 else {
            throw MeanFieldError.invalidArgument("kernel half-width k = \(k) and spatial size n = \(n) must satisfy k ≥ 0, n ≥ 1")
        }
        let point = try MeanFieldPoint(activation: activation, weightVariance: weightVariance, biasVariance: biasVariance)
        fullyConnected = point
        kernelHalfWidth = k
        spatialSize = n
        chiQ = point.chiQ
        chiC = point.chiC
        let lambdas = ConvolutionalMeanField.fourierEigenvalues(kernelHalfWidth: k, spatialSize: n)
        eigenvalues = lambdas
        offDiagonalDepthScales = lambdas.map { l in point.chiC.map { DepthScale.fromSusceptibility($0 * abs(l)) } ?? .nan }
        diagonalDepthScales = lambdas.map { l in point.chiQ.map { DepthScale.fromSusceptibility($0 * abs(l)) } ?? .nan }
    }

    /// λ_p = (1/(2k+1)) Σ_{β=−k}^{k} cos(2πpβ/n), p = 0 … n−1.
    public static func fourierEigenvalues(kernelHalfWidth k: Int, spatialSize n: Int) -> [Double] {
        (0..<n).map { p in
            var sum = 0.0
            for beta in -k...k { sum += cos(2 * Double.pi * Double(p * beta) / Double(n)) }
            let value = sum / Double(2 * k + 1)
            return abs(value) < 1e-15 ? 0 : value
        }
    }
}
