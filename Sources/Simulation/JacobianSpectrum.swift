import CBLAS
import Foundation
import MeanField

/// Singular values of the input–output Jacobian J = Π_{l=L…1} D^l W^l, D^l = diag φ′(h^l), of
/// random networks started at the fixed point q* (002 §3.2, dynamical isometry): one input
/// h⁰ = √(Nq*) u with u a random unit vector, fresh weights (Gaussian or Haar-orthogonal) and
/// biases per layer. The singular values come from LAPACKE_dgesdd; the mean squared singular
/// value (1/N) tr JᵀJ is compared with χ₁^L (``MeanField/DynamicalIsometry``).
///
/// ```swift
/// let s = try JacobianSpectrum(activation: .tanh, weightVariance: 1.0, biasVariance: 0,
///                              width: 100, depth: 20, networks: 10, seed: 1, weights: .orthogonal).run()
/// s.meanSquaredSingularValue     // vs s.predictedMeanSquaredSingularValue
/// ```
public struct JacobianSpectrum: Codable, Hashable, Sendable {
    public var activation: Activation
    public var weightVariance: Double
    public var biasVariance: Double
    public var width: Int
    public var depth: Int
    public var networks: Int
    public var seed: UInt64
    public var weights: WeightEnsemble

    public init(activation: Activation, weightVariance: Double, biasVariance: Double, width: Int, depth: Int,
                networks: Int, seed: UInt64, weights: WeightEnsemble = .gaussian) {
        self.activation = activation
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.width = width
        self.depth = depth
        self.networks = networks
        self.seed = seed
        self.weights = weights
    }

    public struct Result: Codable, Hashable, Sendable {
        /// (1/N) Σ σ_i², mean over networks, with its standard error.
        public let meanSquaredSingularValue: Estimate
        /// χ₁^L from the mean-field point.
        public let predictedMeanSquaredSingularValue: Double
        /// Var(σ²) across the spectrum ((1/N)Σσ_i⁴ − ((1/N)Σσ_i²)²), mean over networks: near 0 for isometry.
        public let squaredSingularValueVariance: Estimate
        /// The largest and smallest singular value, means over networks.
        public let largestSingularValue: Estimate
        public let smallestSingularValue: Estimate
        /// All singular values of every network (networks × N, descending within each).
        public let singularValues: [[Double]]
    }

    public func run(threads: Int = defaultThreadCount) throws -> Result {
        try SimulationError.check(variance: weightVariance, name: "sigma_w^2 (--sw2)")
        try SimulationError.check(variance: biasVariance, name: "sigma_b^2 (--sb2)")
        try SimulationError.check(count: width, name: "width (--width)", minimum: 1)
        try SimulationError.check(count: depth, name: "depth (--depth)", minimum: 1)
        try SimulationError.check(count: networks, name: "networks (--networks)", minimum: 1)
        try SimulationError.check(count: threads, name: "threads", minimum: 1)
        let point = try MeanFieldPoint(activation: activation, weightVariance: weightVariance, biasVariance: biasVariance)
        // A positively homogeneous φ (ReLU) has φ′ independent of scale, so on its critical point
        // (σ_b² = 0, σ_w² = 2), where every q is fixed and MeanFieldPoint reports none, the
        // Jacobian's law does not depend on q: start at q = 1 with χ₁ = σ_w² E[φ′(z)²].
        let homogeneousCritical = activation.isPositivelyHomogeneous && biasVariance == 0 && point.chi1 != nil
        guard let qStar = point.qStar ?? (homogeneousCritical ? 1 : nil), let chi1 = point.chi1 else {
            throw SimulationError.noSaddlePoint("no fixed point q* at sigma_w^2 = \(weightVariance), sigma_b^2 = \(biasVariance): \(point.notes.joined(separator: "; "))")
        }
        let config = self
        let spectra = try forEachNetwork(networks, threads: threads) { m in try config.singularValues(m, qStar: qStar) }
        let n = Double(width)
        let ms = spectra.map { s in s.reduce(0) { $0 + $1 * $1 } / n }
        let variance = spectra.map { s -> Double in
            let m2 = s.reduce(0) { $0 + $1 * $1 } / n
            return s.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n - m2 * m2
        }
        return Result(meanSquaredSingularValue: Estimate(samples: ms),
                      predictedMeanSquaredSingularValue: DynamicalIsometry.meanSquaredSingularValue(chi1: chi1, depth: depth),
                      squaredSingularValueVariance: Estimate(samples: variance),
                      largestSingularValue: Estimate(samples: spectra.map { $0.first! }),
                      smallestSingularValue: Estimate(samples: spectra.map { $0.last! }),
                      singularValues: spectra)
    }

    func singularValues(_ m: Int, qStar: Double) throws -> [Double] {
        let n = width, n32 = Int32(width)
        var stream = GaussianStream(seed: seed, stream: UInt64(m))
        var h = stream.gaussians(n)
        let norm = h.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let length = (Double(n) * qStar).squareRoot()
        for i in 0..<n { h[i] *= length / norm }
        var jacobian = [Double](repeating: 0, count: n * n)
        for i in 0..<n { jacobian[i * n + i] = 1 }
        var product = [Double](repeating: 0, count: n * n)
        var w = [Double](repeating: 0, count: n * n)
        var tau = [Double](repeating: 0, count: n)
        var bias = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        let sigmaB = biasVariance.squareRoot()
        for _ in 0..<depth {
            for i in 0..<n { y[i] = activation.value(h[i]) }
            stream.fill(&w)
            var alpha = (weightVariance / Double(n)).squareRoot()
            if weights == .orthogonal {
                try haarOrthogonal(&w, n: n, tau: &tau)
                alpha = weightVariance.squareRoot()
            }
            stream.fill(&bias)
            // h ← αWy + σ_b b
            for i in 0..<n { h[i] = sigmaB * bias[i] }
            cblas_dgemv(CblasColMajor, CblasNoTrans, n32, n32, alpha, w, n32, y, 1, 1, &h, 1)
            // J ← D (αW J), D = diag φ′(h).
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, alpha, w, n32, jacobian, n32, 0, &product, n32)
            for i in 0..<n {
                let d = activation.derivative(h[i])
                for j in 0..<n { product[j * n + i] *= d }
            }
            swap(&jacobian, &product)
        }
        var s = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), n32, n32, &jacobian, n32, &s, &u, 1, &vt, 1)
        guard info == 0 else { throw SimulationError.numerical("LAPACKE_dgesdd failed (info \(info))") }
        return s
    }
}
