import CBLAS
import Foundation
import Numerics

/// The activation of a stochastic lattice network (003 §§5–6).
public enum LatticeModel: String, Codable, Hashable, Sendable, CaseIterable, NamedChoice {
    /// φ(z) = z (003 §5).
    case linear
    /// φ(z) = max(0, z) (003 §6).
    case relu

    public static let choiceName = "lattice model"
}

/// The stochastic neural network of paper 003 (§§4–6, Appendix 8.3): one input, width N, depth L,
/// fresh weights W^l_ij ~ N(0, σ_w²/N) and biases b^l_i ~ N(0, σ_b²) in every layer, so the noise
/// enters every layer. As in Appendix 8.3 the ring is replaced by a chain whose bulk is analysed:
/// z⁰ = x ~ N(0, I_N) is a random input, z^l = W^l φ(z^{l−1}) + b^l for l = 1 … L, and the
/// statistics are taken over the analysis window l = windowStart … L (default L/2 … L, the paper's
/// layers 512–1024), after the transient from the input has decayed.
///
/// Samplers: `dense` draws every W^l and multiplies (BLAS dgemv); `exact` uses that, given z^{l−1},
/// z^l ~ N(0, (σ_w²/N |φ(z^{l−1})|² + σ_b²) I_N) exactly, drawing N numbers per layer.
///
/// ```swift
/// let net = try LatticeNetwork(model: .linear, weightVariance: 0.5, biasVariance: 0.01,
///                              width: 200, depth: 1024, networks: 50, seed: 1)
/// let r = try net.run()     // r.norm vs net.predictedNorm = √(Nσ_b²/(1 − σ_w²))
/// ```
public struct LatticeNetwork: Codable, Hashable, Sendable {
    public var model: LatticeModel
    public var weightVariance: Double
    public var biasVariance: Double
    public var width: Int
    public var depth: Int
    public var networks: Int
    public var seed: UInt64
    public var windowStart: Int
    public var sampler: Sampler
    /// Dense sampler only: draw the weight matrices in Float32 (``GaussianStream/fill(_:)-(UnsafeMutableBufferPointer<Float>)``)
    /// and multiply with sgemv; the state z, biases and statistics stay Float64.
    public var singlePrecisionWeights: Bool

    public init(model: LatticeModel, weightVariance: Double, biasVariance: Double, width: Int, depth: Int,
                networks: Int, seed: UInt64, windowStart: Int? = nil, sampler: Sampler = .exact,
                singlePrecisionWeights: Bool = false) {
        self.singlePrecisionWeights = singlePrecisionWeights
        self.model = model
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.width = width
        self.depth = depth
        self.networks = networks
        self.seed = seed
        self.windowStart = windowStart ?? depth / 2
        self.sampler = sampler
    }

    /// The number of layers in the analysis window, L − windowStart + 1.
    public var windowLength: Int { depth - windowStart + 1 }

    /// Throws for a negative or non-finite variance, width < 1, depth < 1, networks < 1, a window
    /// that does not fit in the network, or parameters without a saddle point (σ_w² ≥ 1 linear,
    /// σ_w² ≥ 2 ReLU) or with σ_b² = 0 (the saddle point is then r* = 0).
    public func validate() throws {
        try SimulationError.check(variance: weightVariance, name: "sigma_w^2 (--sw2)")
        try SimulationError.check(variance: biasVariance, name: "sigma_b^2 (--sb2)")
        try SimulationError.check(count: width, name: "width (--width)", minimum: 1)
        try SimulationError.check(count: depth, name: "depth (--depth)", minimum: 1)
        try SimulationError.check(count: networks, name: "networks (--networks)", minimum: 1)
        guard windowStart >= 0, windowStart <= depth else {
            throw SimulationError.invalidArgument(
                "the analysis window starts at layer \(windowStart) but the network has layers 0…\(depth); pass 0 ≤ --window-start ≤ --depth (default depth/2)")
        }
        guard biasVariance > 0 else {
            throw SimulationError.noSaddlePoint("sigma_b^2 = 0: the saddle point is r* = 0 and the lattice theory (003 Eqs. 13, 20) predicts nothing to compare; pass --sb2 > 0")
        }
        switch model {
        case .linear:
            guard weightVariance < 1 else {
                throw SimulationError.noSaddlePoint(
                    "sigma_w^2 = \(weightVariance) ≥ 1: the linear lattice network has no saddle point (r* = sqrt(N sigma_b^2 / (1 - sigma_w^2)) needs sigma_w^2 < 1, 003 Eq. 13); pass --sw2 < 1")
            }
        case .relu:
            guard weightVariance < 2 else {
                throw SimulationError.noSaddlePoint(
                    "sigma_w^2 = \(weightVariance) ≥ 2: the ReLU lattice network has no saddle point (r*± = sqrt(N sigma_b^2 / (2(1 - sigma_w^2/2))) needs sigma_w^2 < 2, 003 Eq. 20); pass --sw2 < 2")
            }
        }
    }

    /// Linear: r* = √(Nσ_b²/(1 − σ_w²)) (003 Eq. 13). ReLU: r*₊ = r*₋ = √(Nσ_b²/(2(1 − σ_w²/2))) (Eq. 20).
    public var predictedNorm: Double {
        let n = Double(width)
        switch model {
        case .linear: return (n * biasVariance / (1 - weightVariance)).squareRoot()
        case .relu: return (n * biasVariance / (2 * (1 - weightVariance / 2))).squareRoot()
        }
    }

    /// The leading finite-N correction of the measured mean norm (this project's derivation, not in
    /// 003): the window averages estimate E|z| (E|z₊|, E|z₋|), which lies below the mode r* of
    /// Eqs. 13/20 by Var(r)/(2r*). In both models E r² = r*² holds exactly at stationarity
    /// (E r_l² = σ_w² E|φ(z^{l−1})|² + Nσ_b²), and the relative fluctuation ρ_l of r_l² is an AR(1)
    /// process ρ_l = a ρ_{l−1} + η_l with Var η = 2/N, a = σ_w² (linear; χ²_N sampling) or
    /// Var η = 5/N, a = σ_w²/2 (ReLU; half-normal squares), so Var(r) ≈ r*² Var η / (4(1 − a²)) and
    /// E r ≈ r* √(1 − Var η / (4(1 − a²))): linear r*√(1 − 1/(2N(1 − σ_w⁴))),
    /// ReLU r*±√(1 − 5/(4N(1 − σ_w⁴/4))). Corrections beyond are O(r*/N²).
    public var finiteWidthMeanNorm: Double {
        let n = Double(width), s = weightVariance
        switch model {
        case .linear: return predictedNorm * (1 - 1 / (2 * n * (1 - s * s))).squareRoot()
        case .relu: return predictedNorm * (1 - 5 / (4 * n * (1 - s * s / 4))).squareRoot()
        }
    }

    /// k* = N/2 (003 Eq. 20).
    public var predictedPositiveCount: Double { Double(width) / 2 }

    /// The variance of the Fourier mode q of the norm fluctuations ε_l = r_l − r* of the linear
    /// network, from 003 Eq. 15: with probability ∝ exp(−U) the modes are independent and
    /// ⟨|ε̂_q|²⟩/W = σ_b² / (2Δ_w((1 + σ_w⁴) − 2σ_w² cos q)), Δ_w = 1 − σ_w², where
    /// ε̂_q = Σ_l ε_l e^{−iql} over a window of W layers (the periodogram normalisation).
    public func predictedModeVariance(_ q: Double) -> Double {
        let s = weightVariance, delta = 1 - weightVariance
        return biasVariance / (2 * delta * ((1 + s * s) - 2 * s * Foundation.cos(q)))
    }

    /// Runs the M networks on `threads` workers (the numbers do not depend on `threads`). With
    /// `covarianceModesPerBin` (ReLU), the same pass also measures 003 Fig. 6's covariance
    /// (``fluctuationCovariance(modesPerBin:threads:)``) into ``LatticeResult/covariance``.
    public func run(threads: Int = defaultThreadCount, spectrum: Bool = false, covarianceModesPerBin: Int? = nil) throws -> LatticeResult {
        try validate()
        try SimulationError.check(count: threads, name: "threads", minimum: 1)
        if covarianceModesPerBin != nil, model != .relu {
            throw SimulationError.invalidArgument("the fluctuation covariance of 003 Fig. 6 is for the ReLU network; pass --model relu")
        }
        let bins = try covarianceModesPerBin.map { try ModeBins(windowLength: windowLength, modesPerBin: $0) }
        let config = self
        let rStar = predictedNorm
        let perNetwork = try forEachNetwork(networks, threads: threads) { m in
            var stats = try config.runNetwork(m, spectrumAround: spectrum && config.model == .linear ? rStar : nil, fields: bins != nil)
            if let bins { stats.bands = try config.fluctuationBands(stats.fields, bins: bins) }
            stats.fields = []
            return stats
        }
        let norm = Estimate(samples: perNetwork.map(\.norm))
        var result = LatticeResult(norm: norm)
        if model == .relu {
            result.rPlus = Estimate(samples: perNetwork.map(\.rPlus))
            result.rMinus = Estimate(samples: perNetwork.map(\.rMinus))
            result.k = Estimate(samples: perNetwork.map(\.k))
        }
        if let bins {
            let estimates = FluctuationComponent.all.map { component in
                bins.bands.indices.map { b in Estimate(samples: perNetwork.map { $0.bands[b].value(component) }) }
            }
            result.covariance = ReLUCovarianceMeasurement(bins: bins, estimates: estimates)
        }
        if spectrum && model == .linear {
            let modes = windowLength / 2 + 1
            var spectrum: [Estimate] = []
            for j in 0..<modes { spectrum.append(Estimate(samples: perNetwork.map { $0.power[j] })) }
            result.modes = (0..<modes).map { 2 * Double.pi * Double($0) / Double(windowLength) }
            result.modeVariance = spectrum.map(\.mean)
            result.modeVarianceStandardError = spectrum.map(\.standardError)
            result.modeVariancePredicted = result.modes!.map(predictedModeVariance)
        }
        return result
    }

    struct NetworkStatistics: Sendable {
        var norm = 0.0, rPlus = 0.0, rMinus = 0.0, k = 0.0
        var power: [Double] = []
        /// ε_q = W^{−1/2} Σ_l (r_l − r*) e^{−iql} of the window, when asked for (``LatticeModeSamples``).
        var modes: [Complex<Double>] = []
        /// |z^l| for l = 0 … L, when traced.
        var trace: [Double] = []
        /// r₊, r₋, k over the analysis window, when asked for (ReLU).
        var fields: [[Double]] = []
        /// Their band-averaged cross-periodograms (003 Fig. 6), when asked for.
        var bands: [FieldCovariance] = []
    }

    /// |z^l| for l = 0 … L of the first `count` networks (the same streams as ``run``): the
    /// transient from the input and the bulk the analysis window averages (003 Fig. 7).
    public func normTrajectories(count: Int, threads: Int = defaultThreadCount) throws -> [[Double]] {
        try validate()
        try SimulationError.check(count: count, name: "trajectories", minimum: 1)
        let config = self
        return try forEachNetwork(min(count, networks), threads: threads) { m in try config.runNetwork(m, spectrumAround: nil, trace: true).trace }
    }

    /// 003 Fig. 6 (ReLU only): the Fourier-space covariance of (ε̃₊, ε̃₋, ε̃_k) over the analysis
    /// window, each network's cross-periodogram averaged over bands of `modesPerBin` modes, then
    /// mean and standard error over networks, per ``FluctuationComponent``. Fluctuations are taken
    /// about the saddle point r*±, N/2 (as 003 does), in the coordinates of
    /// ``ReLULatticeFluctuations``.
    public func fluctuationCovariance(modesPerBin: Int, threads: Int = defaultThreadCount) throws -> ReLUCovarianceMeasurement {
        try run(threads: threads, covarianceModesPerBin: modesPerBin).covariance!
    }

    /// One network's band-averaged cross-periodograms of its window series r₊, r₋, k.
    func fluctuationBands(_ series: [[Double]], bins: ModeBins) throws -> [FieldCovariance] {
        let theory = ReLULatticeFluctuations(weightVariance: weightVariance, biasVariance: biasVariance, width: width)
        let scaled = [
            series[0].map { theory.normScale * ($0 - theory.saddleNorm) },
            series[1].map { theory.normScale * ($0 - theory.saddleNorm) },
            series[2].map { theory.countScale * ($0 - Double(width) / 2) },
        ]
        let modes = try crossPeriodogram(scaled)
        return bins.bands.map { band in FieldCovariance.mean(band.map { modes[$0] }) }
    }

    /// One network (stream m): window averages of |z|, |z₊|, |z₋| and #{z_i > 0}; with
    /// `spectrumAround` = r*, the periodogram |FFT(r_l − r*)|²/W of the window; with `fields`
    /// (ReLU), the window's r₊, r₋ and k layer by layer.
    func runNetwork(_ m: Int, spectrumAround rStar: Double?, trace: Bool = false, fields: Bool = false,
                    keepModes: Bool = false) throws -> NetworkStatistics {
        let n = width
        var stream = GaussianStream(seed: seed, stream: UInt64(m))
        var z = stream.gaussians(n)          // the random input x ~ N(0, I)
        var y = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        var bias = [Double](repeating: 0, count: n)
        let single = sampler == .dense && singlePrecisionWeights
        var w = sampler == .dense && !single ? [Double](repeating: 0, count: n * n) : []
        var w32 = single ? [Float](repeating: 0, count: n * n) : []
        var y32 = single ? [Float](repeating: 0, count: n) : []
        var out32 = single ? [Float](repeating: 0, count: n) : []
        var norms = rStar != nil ? [Double](repeating: 0, count: windowLength) : []
        var stats = NetworkStatistics()
        if fields { stats.fields = Array(repeating: [], count: 3) }
        let sigmaB = biasVariance.squareRoot()
        let alpha = (weightVariance / Double(n)).squareRoot()
        let isReLU = model == .relu
        func record(_ l: Int) {
            if trace {
                var squares = 0.0
                for i in 0..<n { squares += z[i] * z[i] }
                stats.trace.append(squares.squareRoot())
            }
            guard l >= windowStart else { return }
            var plus = 0.0, minus = 0.0, k = 0
            for i in 0..<n {
                let v = z[i]
                if v > 0 { plus += v * v; k += 1 } else { minus += v * v }
            }
            let r = (plus + minus).squareRoot()
            stats.norm += r
            if isReLU {
                stats.rPlus += plus.squareRoot()
                stats.rMinus += minus.squareRoot()
                stats.k += Double(k)
                if fields {
                    stats.fields[0].append(plus.squareRoot())
                    stats.fields[1].append(minus.squareRoot())
                    stats.fields[2].append(Double(k))
                }
            }
            if rStar != nil { norms[l - windowStart] = r }
        }
        record(0)
        for l in 1...depth {
            var yy = 0.0
            if isReLU {
                for i in 0..<n { let v = max(0, z[i]); y[i] = v; yy += v * v }
            } else {
                for i in 0..<n { y[i] = z[i]; yy += z[i] * z[i] }
            }
            switch sampler {
            case .dense where single:
                stream.fill(&w32)
                stream.fill(&bias)
                for i in 0..<n { y32[i] = Float(y[i]) }
                w32.withUnsafeBufferPointer { wp in
                    y32.withUnsafeBufferPointer { yp in
                        out32.withUnsafeMutableBufferPointer { op in
                            cblas_sgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(n), Float(alpha), wp.baseAddress, Int32(n),
                                        yp.baseAddress, 1, 0, op.baseAddress, 1)
                        }
                    }
                }
                for i in 0..<n { next[i] = sigmaB * bias[i] + Double(out32[i]) }
            case .dense:
                stream.fill(&w)
                stream.fill(&bias)
                for i in 0..<n { next[i] = sigmaB * bias[i] }
                w.withUnsafeBufferPointer { wp in
                    y.withUnsafeBufferPointer { yp in
                        next.withUnsafeMutableBufferPointer { np in
                            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(n), alpha, wp.baseAddress, Int32(n),
                                        yp.baseAddress, 1, 1, np.baseAddress, 1)
                        }
                    }
                }
            case .exact:
                let sd = (weightVariance / Double(n) * yy + biasVariance).squareRoot()
                stream.fill(&next)
                for i in 0..<n { next[i] *= sd }
            }
            swap(&z, &next)
            record(l)
        }
        let count = Double(windowLength)
        stats.norm /= count
        stats.rPlus /= count
        stats.rMinus /= count
        stats.k /= count
        if let rStar {
            for j in norms.indices { norms[j] -= rStar }
            if keepModes {
                let scale = Double(norms.count).squareRoot()
                stats.modes = try fourierModes(norms).map { $0.divided(by: scale) }
            } else {
                stats.power = try periodogram(norms)
            }
        }
        return stats
    }
}

/// Window averages over layers, then means over networks with standard errors over networks.
public struct LatticeResult: Codable, Hashable, Sendable {
    /// ⟨|z^l|⟩ (both models).
    public var norm: Estimate
    /// ⟨|z^l₊|⟩, ⟨|z^l₋|⟩, ⟨k^l⟩ (ReLU only).
    public var rPlus: Estimate?
    public var rMinus: Estimate?
    public var k: Estimate?
    /// Linear, with `spectrum`: wavevectors q_j = 2πj/W, j = 0 … W/2, the measured mode variance
    /// ⟨|ε̂_q|²⟩/W of ε_l = r_l − r*, its standard error and 003 Eq. 15's prediction.
    public var modes: [Double]?
    public var modeVariance: [Double]?
    public var modeVarianceStandardError: [Double]?
    public var modeVariancePredicted: [Double]?
    /// ReLU, with `covarianceModesPerBin`: the measured Fourier-space covariance (003 Fig. 6).
    public var covariance: ReLUCovarianceMeasurement?

    public init(norm: Estimate) { self.norm = norm }
}
