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
        /// L.
        public let depth: Int
        /// (1/N) Σ σ_i², mean over networks, with its standard error.
        public let meanSquaredSingularValue: Estimate
        /// The same mean by median of means over networks with a bootstrap interval: the
        /// estimate to compare with χ₁^L, since the per-network values are heavy-tailed
        /// (``MedianOfMeans``).
        public let robustMeanSquaredSingularValue: MedianOfMeans
        /// (1/N) Σ σ_i² = (1/N) tr JJᵀ of each network, in network order.
        public let meanSquaredPerNetwork: [Double]
        /// χ₁ at the mean-field point (002 Eq. 8).
        public let chi1: Double
        /// The inputs' squared length per unit: q*, or 1 on ReLU's critical point where every
        /// q is fixed.
        public let inputLength: Double
        /// χ₁^L from the mean-field point.
        public let predictedMeanSquaredSingularValue: Double
        /// Var(σ²) across the spectrum ((1/N)Σσ_i⁴ − ((1/N)Σσ_i²)²), mean over networks: near 0 for isometry.
        public let squaredSingularValueVariance: Estimate
        /// Var(σ²)/⟨σ²⟩² across each network's spectrum, mean over networks: the spread in units
        /// of the scale, 0 for an isometry whatever χ₁^L is, and finite where σ = 0 occurs
        /// (ReLU's Jacobian is rank-deficient), unlike a ratio of percentiles.
        public let relativeSquaredSingularValueVariance: Estimate
        /// The largest and smallest singular value, means over networks.
        public let largestSingularValue: Estimate
        public let smallestSingularValue: Estimate
        /// All singular values of every network (networks × N, descending within each).
        public let singularValues: [[Double]]

        /// The p-quantile (0 … 1) of the singular values pooled over networks.
        public func singularValueQuantile(_ p: Double) -> Double {
            let pooled = singularValues.flatMap { $0 }.sorted()
            guard !pooled.isEmpty else { return .nan }
            return MedianOfMeans.percentile(pooled, p)
        }
    }

    /// The spectrum at depth L (``depth``) of M networks.
    public func run(threads: Int = defaultThreadCount) throws -> Result {
        try run(depths: [depth], threads: threads)[0]
    }

    /// The spectra of the same M networks at each depth of `depths` (ascending, ≥ 1; ``depth``
    /// is ignored): network m's Jacobian at depth L is the product of its first L layers, so one
    /// pass to the deepest depth gives them all, and the depths are nested, not independent.
    public func run(depths: [Int], threads: Int = defaultThreadCount) throws -> [Result] {
        try SimulationError.check(variance: weightVariance, name: "sigma_w^2 (--sw2)")
        try SimulationError.check(variance: biasVariance, name: "sigma_b^2 (--sb2)")
        try SimulationError.check(count: width, name: "width (--width)", minimum: 1)
        guard !depths.isEmpty, zip(depths, depths.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw SimulationError.invalidArgument("depths \(depths): give at least one depth, in ascending order without repeats")
        }
        try SimulationError.check(count: depths[0], name: "depth (--depth)", minimum: 1)
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
        let perNetwork = try forEachNetwork(networks, threads: threads) { m in try config.singularValues(m, qStar: qStar, depths: depths) }
        let n = Double(width)
        return depths.indices.map { d in
            let spectra = perNetwork.map { $0[d] }
            let ms = spectra.map { s in s.reduce(0) { $0 + $1 * $1 } / n }
            let variance = spectra.map { s -> Double in
                let m2 = s.reduce(0) { $0 + $1 * $1 } / n
                return s.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n - m2 * m2
            }
            let relative = zip(variance, ms).map { v, m in v / (m * m) }
            return Result(depth: depths[d],
                          meanSquaredSingularValue: Estimate(samples: ms),
                          robustMeanSquaredSingularValue: MedianOfMeans(samples: ms, seed: seed &+ UInt64(depths[d])),
                          meanSquaredPerNetwork: ms,
                          chi1: chi1, inputLength: qStar,
                          predictedMeanSquaredSingularValue: DynamicalIsometry.meanSquaredSingularValue(chi1: chi1, depth: depths[d]),
                          squaredSingularValueVariance: Estimate(samples: variance),
                          relativeSquaredSingularValueVariance: Estimate(samples: relative),
                          largestSingularValue: Estimate(samples: spectra.map { $0.first! }),
                          smallestSingularValue: Estimate(samples: spectra.map { $0.last! }),
                          singularValues: spectra)
        }
    }

    /// Network m's singular values at each of `depths` (ascending).
    func singularValues(_ m: Int, qStar: Double, depths: [Int]) throws -> [[Double]] {
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
        var spectra: [[Double]] = []
        var scratch = [Double](repeating: 0, count: n * n)
        var s = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        for layer in 1...depths.last! {
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
            guard depths.contains(layer) else { continue }
            // dgesdd overwrites its matrix; the Jacobian goes on to deeper layers.
            scratch.replaceSubrange(0..<(n * n), with: jacobian)
            let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), n32, n32, &scratch, n32, &s, &u, 1, &vt, 1)
            guard info == 0 else { throw SimulationError.numerical("LAPACKE_dgesdd failed (info \(info))") }
            spectra.append(s)
        }
        return spectra
    }
}
