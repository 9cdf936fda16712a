import CBLAS
import Foundation
import MeanField

/// How the pre-activations h^l = W^l φ(h^{l−1}) + b^l of the two inputs are sampled.
public enum Sampler: String, Codable, Hashable, Sendable, CaseIterable, NamedChoice {
    /// Draw every weight matrix W (N × N) and multiply with BLAS: O(N²) numbers per layer.
    case dense
    /// For i.i.d. Gaussian weights used once, draw each component pair (h₁ᵢ, h₂ᵢ) of every layer
    /// directly from its exact 2 × 2 Gaussian law, N(0, σ_w²/N · Gram(y₁, y₂) + σ_b² 𝟙𝟙ᵀ) with
    /// y = φ(h^{l−1}): O(N) numbers per layer, the same distribution as `dense`.
    case exact

    public static let choiceName = "sampler"
}

/// The weight ensemble.
public enum WeightEnsemble: String, Codable, Hashable, Sendable, CaseIterable, NamedChoice {
    /// W_ij ~ N(0, σ_w²/N).
    case gaussian
    /// W = σ_w Q with Q Haar-distributed orthogonal (QR of a Gaussian matrix, signs fixed by R's diagonal).
    case orthogonal

    public static let choiceName = "weight ensemble"
}

/// The finite-width counterpart of ``MeanField/LayerTrajectory``: two inputs with squared length
/// per unit q⁰ and correlation c⁰ pushed through M random networks of width N and depth L
/// (002 Eqs. 3, 5–7; 003 Eq. 9 with two inputs).
///
/// The inputs are the layer-0 pre-activations h⁰₁ = √(Nq⁰) u₁ and h⁰₂ = √(Nq⁰)(c⁰u₁ + √(1−c⁰²) u₂)
/// with u₁, u₂ orthonormal random directions (per network), so q⁰ and c⁰ hold exactly; then
/// h^l = W^l φ(h^{l−1}) + b^l for l = 1 … L with fresh W^l, b^l ~ N(0, σ_b²) in every layer.
/// Per network, q^l = (|h^l₁|² + |h^l₂|²)/(2N) and c^l = h^l₁·h^l₂ / (|h^l₁||h^l₂|); the result
/// holds their means over networks and standard errors, and each network's q^L of the first
/// input alone (|h^L₁|²/N), whose spread across networks is the finite-width fluctuation.
///
/// ```swift
/// let p = try FinitePropagation(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05,
///                               width: 500, depth: 50, networks: 20, seed: 1)
/// let r = try p.run()        // r.q[l], r.qStandardError[l], r.c[l], …
/// ```
public struct FinitePropagation: Codable, Hashable, Sendable {
    public var activation: Activation
    public var weightVariance: Double
    public var biasVariance: Double
    public var width: Int
    public var depth: Int
    public var networks: Int
    public var seed: UInt64
    public var q0: Double
    public var c0: Double
    public var sampler: Sampler
    public var weights: WeightEnsemble

    public init(activation: Activation, weightVariance: Double, biasVariance: Double, width: Int, depth: Int,
                networks: Int, seed: UInt64, q0: Double = 1, c0: Double = 0.5,
                sampler: Sampler = .dense, weights: WeightEnsemble = .gaussian) {
        self.activation = activation
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.width = width
        self.depth = depth
        self.networks = networks
        self.seed = seed
        self.q0 = q0
        self.c0 = c0
        self.sampler = sampler
        self.weights = weights
    }

    /// Throws for a negative or non-finite variance, q⁰ ≤ 0, c⁰ outside [−1, 1], width < 2,
    /// depth < 1, networks < 1, or the exact sampler with orthogonal weights.
    public func validate() throws {
        try SimulationError.check(variance: weightVariance, name: "sigma_w^2 (--sw2)")
        try SimulationError.check(variance: biasVariance, name: "sigma_b^2 (--sb2)")
        try SimulationError.check(variance: q0, name: "q0 (--q0)")
        guard q0 > 0 else { throw SimulationError.invalidArgument("q0 = 0 gives inputs of zero length, so c0 is undefined; pass --q0 > 0") }
        guard c0.isFinite, abs(c0) <= 1 else {
            throw SimulationError.invalidArgument("correlation c0 = \(c0) is invalid; pass a finite value in [-1, 1] (--c0)")
        }
        try SimulationError.check(count: width, name: "width (--width)", minimum: 2)
        try SimulationError.check(count: depth, name: "depth (--depth)", minimum: 1)
        try SimulationError.check(count: networks, name: "networks (--networks)", minimum: 1)
        if sampler == .exact && weights == .orthogonal {
            throw SimulationError.invalidArgument(
                "the exact sampler needs i.i.d. Gaussian weights; orthogonal weights are correlated within a matrix. Use --sampler dense with --weights orthogonal")
        }
    }

    /// The mean-field trajectory of the same parameters (``MeanField/LayerTrajectory``).
    public func theory() throws -> LayerTrajectory {
        try LayerTrajectory(activation: activation, weightVariance: weightVariance, biasVariance: biasVariance,
                            q0: q0, c0: c0, layers: depth)
    }

    /// Runs the M networks on `threads` workers (the numbers do not depend on `threads`).
    public func run(threads: Int = defaultThreadCount) throws -> PropagationResult {
        try validate()
        try SimulationError.check(count: threads, name: "threads", minimum: 1)
        let config = self
        let perNetwork = try forEachNetwork(networks, threads: threads) { m in try config.runNetwork(m) }
        var q: [Estimate] = [], c: [Estimate] = []
        for l in 0...depth {
            q.append(Estimate(samples: perNetwork.map { $0.q[l] }))
            c.append(Estimate(samples: perNetwork.map { $0.c[l] }))
        }
        return PropagationResult(q: q.map(\.mean), qStandardError: q.map(\.standardError),
                                 c: c.map(\.mean), cStandardError: c.map(\.standardError),
                                 lastLayerQ: perNetwork.map(\.lastQ))
    }

    /// One network (stream m): q^l and c^l for l = 0 … L, and q^L of the first input alone.
    func runNetwork(_ m: Int) throws -> (q: [Double], c: [Double], lastQ: Double) {
        let n = width
        var stream = GaussianStream(seed: seed, stream: UInt64(m))
        // h: column-major N × 2 (input 1 then input 2).
        var h = [Double](repeating: 0, count: 2 * n)
        var y = [Double](repeating: 0, count: 2 * n)
        var next = [Double](repeating: 0, count: 2 * n)
        var bias = [Double](repeating: 0, count: n)
        var w = sampler == .dense ? [Double](repeating: 0, count: n * n) : []
        var tau = weights == .orthogonal ? [Double](repeating: 0, count: n) : []

        // Inputs: Gram–Schmidt on two Gaussian vectors.
        stream.fill(&h)
        try makeInputs(&h, n: n)

        var qs = [Double](), cs = [Double]()
        var firstInputQ = 0.0
        qs.reserveCapacity(depth + 1); cs.reserveCapacity(depth + 1)
        func record() {
            var s11 = 0.0, s22 = 0.0, s12 = 0.0
            for i in 0..<n { s11 += h[i] * h[i]; s22 += h[n + i] * h[n + i]; s12 += h[i] * h[n + i] }
            firstInputQ = s11 / Double(n)
            qs.append((s11 + s22) / Double(2 * n))
            let denominator = (s11 * s22).squareRoot()
            cs.append(denominator > 0 ? s12 / denominator : .nan)
        }
        record()
        let sigmaB = biasVariance.squareRoot()
        for _ in 0..<depth {
            for i in 0..<(2 * n) { y[i] = activation.value(h[i]) }
            switch sampler {
            case .dense:
                stream.fill(&w)
                var alpha = (weightVariance / Double(n)).squareRoot()
                if weights == .orthogonal {
                    try haarOrthogonal(&w, n: n, tau: &tau)
                    alpha = weightVariance.squareRoot()
                }
                stream.fill(&bias)
                w.withUnsafeBufferPointer { wp in
                    y.withUnsafeBufferPointer { yp in
                        next.withUnsafeMutableBufferPointer { np in
                            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(n), 2, Int32(n), alpha,
                                        wp.baseAddress, Int32(n), yp.baseAddress, Int32(n), 0, np.baseAddress, Int32(n))
                        }
                    }
                }
                for i in 0..<n {
                    let b = sigmaB * bias[i]
                    next[i] += b
                    next[n + i] += b
                }
            case .exact:
                var g11 = 0.0, g22 = 0.0, g12 = 0.0
                for i in 0..<n { g11 += y[i] * y[i]; g22 += y[n + i] * y[n + i]; g12 += y[i] * y[n + i] }
                let scale = weightVariance / Double(n)
                let s11 = scale * g11 + biasVariance, s22 = scale * g22 + biasVariance, s12 = scale * g12 + biasVariance
                // Cholesky of [[s11, s12], [s12, s22]] (positive semi-definite).
                let l11 = s11.squareRoot()
                let l21 = l11 > 0 ? s12 / l11 : 0
                let l22 = max(0, s22 - l21 * l21).squareRoot()
                stream.fill(&next)   // next[i], next[n + i]: the two standard normals of component i
                for i in 0..<n {
                    let z1 = next[i], z2 = next[n + i]
                    next[i] = l11 * z1
                    next[n + i] = l21 * z1 + l22 * z2
                }
            }
            swap(&h, &next)
            record()
        }
        return (qs, cs, firstInputQ)
    }

    /// Turns two Gaussian vectors (columns of `h`) into inputs with |h|²/N = q⁰ and correlation c⁰.
    private func makeInputs(_ h: inout [Double], n: Int) throws {
        var a = 0.0
        for i in 0..<n { a += h[i] * h[i] }
        let na = a.squareRoot()
        for i in 0..<n { h[i] /= na }
        var d = 0.0
        for i in 0..<n { d += h[i] * h[n + i] }
        for i in 0..<n { h[n + i] -= d * h[i] }
        var b = 0.0
        for i in 0..<n { b += h[n + i] * h[n + i] }
        let nb = b.squareRoot()
        guard na > 0, nb > 0 else { throw SimulationError.numerical("degenerate random input directions") }
        let length = (Double(n) * q0).squareRoot()
        let s = (max(0, 1 - c0 * c0)).squareRoot()
        for i in 0..<n {
            let u1 = h[i], u2 = h[n + i] / nb
            h[i] = length * u1
            h[n + i] = length * (c0 * u1 + s * u2)
        }
    }
}

/// Means over networks of q^l and c^l (l = 0 … L) with standard errors.
public struct PropagationResult: Codable, Hashable, Sendable {
    public let q: [Double]
    public let qStandardError: [Double]
    public let c: [Double]
    public let cStandardError: [Double]
    /// Each network's q^L of the first input alone, |h^L₁|²/N, in network order: the draws
    /// whose variance across networks falls as 1/N.
    public let lastLayerQ: [Double]
}

/// Overwrites the Gaussian matrix `a` (N × N, column-major) with the Haar-distributed orthogonal Q
/// of its QR decomposition, with column j multiplied by sign(R_jj) (Mezzadri 2007) so the law is
/// exactly Haar. `tau` must hold N values.
func haarOrthogonal(_ a: inout [Double], n: Int, tau: inout [Double]) throws {
    let n32 = Int32(n)
    var signs = [Double](repeating: 1, count: n)
    let info1 = a.withUnsafeMutableBufferPointer { ap in
        tau.withUnsafeMutableBufferPointer { tp in
            LAPACKE_dgeqrf(LAPACK_COL_MAJOR, n32, n32, ap.baseAddress, n32, tp.baseAddress)
        }
    }
    guard info1 == 0 else { throw SimulationError.numerical("LAPACKE_dgeqrf failed (info \(info1))") }
    for j in 0..<n { signs[j] = a[j * n + j] < 0 ? -1 : 1 }
    let info2 = a.withUnsafeMutableBufferPointer { ap in
        tau.withUnsafeMutableBufferPointer { tp in
            LAPACKE_dorgqr(LAPACK_COL_MAJOR, n32, n32, n32, ap.baseAddress, n32, tp.baseAddress)
        }
    }
    guard info2 == 0 else { throw SimulationError.numerical("LAPACKE_dorgqr failed (info \(info2))") }
    for j in 0..<n where signs[j] < 0 {
        for i in 0..<n { a[j * n + i] = -a[j * n + i] }
    }
}
