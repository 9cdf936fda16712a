import Foundation
import Pipeline
import Simulation
import Artifacts

/// 003 Appendix 8.3, Figs. 7(b), 8 and 9: every linear lattice network's Fourier modes ε_q of its
/// window fluctuations about r* (7(b)), histograms of ε_q at a few q against the Gaussian of
/// 003 Eq. 15 (8), and over networks the mean of ε_q with its standard error (9(a)) and
/// ⟨ε_q†ε_q⟩ against Eq. 15 (9(b)). The mean's prediction includes this project's finite-width
/// offset of the q = 0 mode (``LatticeModeSamples``).
public struct LatticeModes: Stage {
    /// The ensemble, and where to take histograms.
    public struct Parameters: Codable, Hashable, Sendable {
        /// σ_b², the σ_w² list, N, L, M and the seed (one seed for every σ_w²: common random
        /// numbers, so differences between σ_w² are not sampling noise of different draws).
        public var ensemble: LatticeEnsemble
        /// Wavevectors (radians per layer) whose histograms are kept; each is taken at the
        /// nearest mode 2πj/W.
        public var histogramWavevectors: [Double]
        /// Bins per histogram, spanning ±4 predicted standard deviations.
        public var bins: Int

        public init(ensemble: LatticeEnsemble, histogramWavevectors: [Double], bins: Int = 24) {
            self.ensemble = ensemble
            self.histogramWavevectors = histogramWavevectors
            self.bins = bins
        }
    }

    public static let kind = "simulation.lattice-modes"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LatticeModesData {
        let p = parameters.ensemble
        guard !p.sw2.isEmpty, !parameters.histogramWavevectors.isEmpty else {
            throw SimulationError.invalidArgument("lattice modes need at least one σ_w² and one histogram wavevector")
        }
        guard parameters.bins >= 2 else { throw SimulationError.invalidArgument("histograms need at least 2 bins (got \(parameters.bins))") }
        var real: [Double] = [], imaginary: [Double] = []
        var meanReal: [Double] = [], meanRealError: [Double] = [], meanImaginary: [Double] = [], meanImaginaryError: [Double] = []
        var meanPredicted: [Double] = [], variance: [Double] = [], varianceError: [Double] = [], variancePredicted: [Double] = []
        var centres: [Double] = [], density: [Double] = [], gaussian: [Double] = [], distance: [Double] = [], critical: [Double] = []
        var wavevectors: [Double] = [], chosen: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed)
            let samples = try network.windowModes()
            let stats = samples.statistics()
            wavevectors = samples.wavevectors
            for row in samples.modes {
                real += row.map(\.real)
                imaginary += row.map(\.imaginary)
            }
            meanReal += stats.realMean.map(\.mean); meanRealError += stats.realMean.map(\.standardError)
            meanImaginary += stats.imaginaryMean.map(\.mean); meanImaginaryError += stats.imaginaryMean.map(\.standardError)
            meanPredicted += samples.predictedMean
            variance += stats.variance.map(\.mean); varianceError += stats.variance.map(\.standardError)
            variancePredicted += samples.predictedVariance
            chosen = []
            for q in parameters.histogramWavevectors {
                let j = min(samples.wavevectors.count - 1, max(0, Int((q * Double(samples.windowLength) / (2 * Double.pi)).rounded())))
                let histogram = samples.histogram(mode: j, bins: parameters.bins)
                chosen.append(histogram.wavevector)
                centres += histogram.centres; density += histogram.density; gaussian += histogram.gaussian
                distance.append(histogram.kolmogorovSmirnov); critical.append(histogram.kolmogorovSmirnovCritical)
            }
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        typealias M = LatticeModesData
        let values: [DataColumn<M>: [Double]] = [
            M.sigmaW2: p.sw2, M.network: (0..<p.networks).map(Double.init), M.wavevector: wavevectors,
            M.histogramWavevector: chosen, M.bin: (0..<parameters.bins).map(Double.init),
            M.realPart: real, M.imaginaryPart: imaginary, M.meanReal: meanReal, M.meanRealStderr: meanRealError,
            M.meanImaginary: meanImaginary, M.meanImaginaryStderr: meanImaginaryError, M.meanPredicted: meanPredicted,
            M.variance: variance, M.varianceStderr: varianceError, M.variancePredicted: variancePredicted,
            M.histogramX: centres, M.histogramDensity: density, M.histogramGaussian: gaussian,
            M.ksDistance: distance, M.ksCritical: critical,
        ]
        return LatticeModesData(sigmaB2: p.sb2, width: p.width, depth: p.depth, networks: p.networks, windowStart: p.depth / 2, seed: p.seed,
                                values: values)
    }
}
