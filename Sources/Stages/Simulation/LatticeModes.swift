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

    public func run(_ context: StageContext) throws -> LabelledData {
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
        var data = LabelledData(
            description: "Fourier modes of the linear lattice network's window fluctuations about r* (paper 003 Appendix 8.3, Figs. 7(b), 8, 9; Eq. 15)",
            attributes: ["sigma_b2": "\(p.sb2)", "width": "\(p.width)", "depth": "\(p.depth)", "networks": "\(p.networks)",
                         "window_start": "\(p.depth / 2)", "seed": "\(p.seed)"])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance σ_w²")
        data.addAxis("network", values: (0..<p.networks).map(Double.init), units: "1", description: "network index")
        data.addAxis("q", values: wavevectors, units: "rad", description: "wavevector q = 2πj/W along the analysis window")
        data.addAxis("histogram_q", values: chosen, units: "rad", description: "wavevectors whose histograms are kept")
        data.addAxis("bin", values: (0..<parameters.bins).map(Double.init), units: "1", description: "histogram bin index")
        let perMode = ["sigma_w2", "q"], perNetwork = ["sigma_w2", "network", "q"], perBin = ["sigma_w2", "histogram_q", "bin"]
        data.addVariable("eps_real", over: perNetwork, values: real, units: "1", description: "Re ε_q = W^(−1/2) Σ_l (r_l − r*) cos(ql), per network")
        data.addVariable("eps_imag", over: perNetwork, values: imaginary, units: "1", description: "Im ε_q, per network")
        data.addVariable("mean_real", over: perMode, values: meanReal, units: "1", description: "⟨Re ε_q⟩ over networks")
        data.addVariable("mean_real_stderr", over: perMode, values: meanRealError, units: "1", description: "its standard error")
        data.addVariable("mean_imag", over: perMode, values: meanImaginary, units: "1", description: "⟨Im ε_q⟩ over networks")
        data.addVariable("mean_imag_stderr", over: perMode, values: meanImaginaryError, units: "1", description: "its standard error")
        data.addVariable("mean_predicted", over: perMode, values: meanPredicted, units: "1",
                         description: "expected ε_q: √W (E r − r*) at q = 0 (finite-width offset, this project), 0 elsewhere")
        data.addVariable("variance", over: perMode, values: variance, units: "1", description: "⟨ε_q† ε_q⟩ over networks")
        data.addVariable("variance_stderr", over: perMode, values: varianceError, units: "1", description: "its standard error")
        data.addVariable("variance_predicted", over: perMode, values: variancePredicted, units: "1", description: "S(q) of 003 Eq. 15")
        data.addVariable("histogram_x", over: perBin, values: centres, units: "1", description: "bin centre (value of Re or Im ε_q)")
        data.addVariable("histogram_density", over: perBin, values: density, units: "1",
                         description: "density of the real and imaginary parts of ε_q (real part only at q = 0, π)")
        data.addVariable("histogram_gaussian", over: perBin, values: gaussian, units: "1", description: "the Gaussian density Eq. 15 implies")
        data.addVariable("ks_distance", over: ["sigma_w2", "histogram_q"], values: distance, units: "1",
                         description: "Kolmogorov–Smirnov distance of the standardised parts from N(0, 1)")
        data.addVariable("ks_critical", over: ["sigma_w2", "histogram_q"], values: critical, units: "1",
                         description: "the 5 % critical distance 1.358/√n")
        return data
    }
}
