import Foundation
import Numerics

/// Each linear lattice network's Fourier modes of its window fluctuations, the material of 003
/// Appendix 8.3's Figs. 7(b), 8 and 9: ε_q = W^{−1/2} Σ_l (r_l − r*) e^{−iql} over the analysis
/// window of W layers, q = 2πj/W, one complex number per network and mode.
///
/// 003 Eq. 15 makes the modes independent complex Gaussians with ⟨|ε_q|²⟩ = S(q) =
/// σ_b² / (2Δ_w((1 + σ_w⁴) − 2σ_w² cos q)): for 0 < q < π the real and imaginary parts are each
/// N(0, S(q)/2); at q = 0 (and q = π when W is even) ε_q is real with variance S(q). The paper
/// says "ε_q has mean zero everywhere" (Fig. 9(a)). At finite width one mode does not: the window
/// average of r_l sits below r* by Var(r)/(2r*) (``LatticeNetwork/finiteWidthMeanNorm``), and a
/// constant offset c contributes √W·c to ε_0 and nothing to any other mode of the DFT, so the
/// expected ε_0 is √W (E r − r*) — O(√W/N), a few standard errors at N = 200, W = 513, M = 200.
///
/// ```swift
/// let net = LatticeNetwork(model: .linear, weightVariance: 0.9, biasVariance: 0.01,
///                          width: 200, depth: 1024, networks: 200, seed: 1)
/// let samples = try net.windowModes()
/// let stats = samples.statistics()        // mean of Re ε_q with its standard error, per q
/// ```
public struct LatticeModeSamples: Sendable {
    /// q_j = 2πj/W for j = 0 … W/2.
    public let wavevectors: [Double]
    /// ε_q per network (outer) and mode (inner).
    public let modes: [[Complex<Double>]]
    /// S(q) of 003 Eq. 15, per mode.
    public let predictedVariance: [Double]
    /// The expected ε_q per mode: √W (E r − r*) at q = 0 with E r to leading order in 1/N, zero
    /// elsewhere (the DFT of a constant vanishes at every other mode).
    public let predictedMean: [Double]
    /// W, the window length.
    public let windowLength: Int

    /// Whether mode `j` is real (q = 0, and q = π for even W): its imaginary part is zero and its
    /// real part carries all of S(q).
    public func isReal(_ j: Int) -> Bool { j == 0 || 2 * j == windowLength }

    /// The variance of the real part of ε_q that Eq. 15 implies: S(q) for a real mode, S(q)/2
    /// otherwise (the imaginary part has the same).
    public func predictedRealPartVariance(_ j: Int) -> Double {
        isReal(j) ? predictedVariance[j] : predictedVariance[j] / 2
    }

    /// Means and second moments over networks, per mode.
    public struct Statistics: Sendable {
        /// ⟨Re ε_q⟩ and ⟨Im ε_q⟩ over networks, with standard errors.
        public var realMean: [Estimate]
        public var imaginaryMean: [Estimate]
        /// ⟨ε_q† ε_q⟩ = ⟨|ε_q|²⟩ over networks, with its standard error (003 Fig. 9(b)).
        public var variance: [Estimate]
    }

    /// Means of the real and imaginary parts and of |ε_q|², with standard errors over networks.
    public func statistics() -> Statistics {
        let count = wavevectors.count
        return Statistics(
            realMean: (0..<count).map { j in Estimate(samples: modes.map { $0[j].real }) },
            imaginaryMean: (0..<count).map { j in Estimate(samples: modes.map { $0[j].imaginary }) },
            variance: (0..<count).map { j in Estimate(samples: modes.map { $0[j].lengthSquared }) })
    }

    /// The parts of mode `j` that Eq. 15 says are independent N(mean, S/2) draws (for a real mode,
    /// N(mean, S)): the real and imaginary parts of every network's ε_q, or the real parts alone.
    public func parts(_ j: Int) -> [Double] {
        isReal(j) ? modes.map { $0[j].real } : modes.map { $0[j].real } + modes.map { $0[j].imaginary }
    }

    /// A histogram of ``parts(_:)`` of mode `j` (003 Fig. 8) over `bins` equal bins spanning
    /// ±`halfWidth` standard deviations of the predicted Gaussian around zero, as a density (counts
    /// over n × bin width, so it integrates to the fraction inside the range), with that
    /// Gaussian's density at the bin centres and the Kolmogorov–Smirnov distance of the standardised
    /// parts from N(0, 1).
    public func histogram(mode j: Int, bins: Int = 24, halfWidth: Double = 4) -> ModeHistogram {
        let values = parts(j)
        let sd = predictedRealPartVariance(j).squareRoot()
        let mean = j == 0 ? predictedMean[0] : 0
        let low = -halfWidth * sd, width = 2 * halfWidth * sd / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in values {
            let b = Int(((v - low) / width).rounded(.down))
            if b >= 0 && b < bins { counts[b] += 1 }
        }
        let n = Double(values.count)
        let centres = (0..<bins).map { low + (Double($0) + 0.5) * width }
        let gaussian = centres.map { x in Foundation.exp(-(x - mean) * (x - mean) / (2 * sd * sd)) / (sd * (2 * Double.pi).squareRoot()) }
        let standardised = values.map { ($0 - mean) / sd }.sorted()
        var distance = 0.0
        for (i, x) in standardised.enumerated() {
            let cdf = 0.5 * Foundation.erfc(-x / 2.0.squareRoot())
            distance = max(distance, Double(i + 1) / n - cdf, cdf - Double(i) / n)
        }
        return ModeHistogram(wavevector: wavevectors[j], centres: centres, density: counts.map { $0 / (n * width) },
                             gaussian: gaussian, samples: values.count, kolmogorovSmirnov: distance)
    }
}

/// One mode's histogram against the Gaussian 003 Eq. 15 implies (Fig. 8).
public struct ModeHistogram: Sendable, Equatable {
    /// q.
    public var wavevector: Double
    /// Bin centres, in the units of ε_q.
    public var centres: [Double]
    /// The measured density per bin.
    public var density: [Double]
    /// The predicted Gaussian's density at the bin centres.
    public var gaussian: [Double]
    /// How many values went in (all, including any outside the bins).
    public var samples: Int
    /// sup |F_n − Φ| of the values standardised by the predicted mean and variance; at the 5 %
    /// level a sample of n draws from the predicted law exceeds 1.358/√n one time in twenty.
    public var kolmogorovSmirnov: Double

    /// The Kolmogorov–Smirnov distance a sample of this size exceeds with probability 5 % when it
    /// does come from the predicted Gaussian (the asymptotic 1.358/√n).
    public var kolmogorovSmirnovCritical: Double { 1.358 / Double(samples).squareRoot() }
}

extension LatticeNetwork {
    /// The window's Fourier modes of every network (linear model only), from the same random
    /// streams as ``run(threads:spectrum:covarianceModesPerBin:)``: |ε_q|² here is that run's
    /// periodogram, network by network.
    public func windowModes(threads: Int = defaultThreadCount) throws -> LatticeModeSamples {
        try validate()
        try SimulationError.check(count: threads, name: "threads", minimum: 1)
        guard model == .linear else {
            throw SimulationError.invalidArgument("the Fourier modes of 003 Figs. 7(b)–9 are for the linear network; pass the linear model")
        }
        let config = self
        let rStar = predictedNorm
        let modes = try forEachNetwork(networks, threads: threads) { m in
            try config.runNetwork(m, spectrumAround: rStar, keepModes: true).modes
        }
        let count = windowLength / 2 + 1
        let wavevectors = (0..<count).map { 2 * Double.pi * Double($0) / Double(windowLength) }
        var mean = [Double](repeating: 0, count: count)
        mean[0] = Double(windowLength).squareRoot() * (finiteWidthMeanNorm - rStar)
        return LatticeModeSamples(wavevectors: wavevectors, modes: modes, predictedVariance: wavevectors.map(predictedModeVariance),
                                  predictedMean: mean, windowLength: windowLength)
    }
}
