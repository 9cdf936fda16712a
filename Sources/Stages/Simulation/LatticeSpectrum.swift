import Foundation
import Pipeline
import Simulation
import Artifacts

/// 003 Fig. 4: the variance of the Fourier modes of the norm fluctuations ε_l = r_l − r* of the
/// linear lattice network over the analysis window, measured (FFTW periodogram, mean and standard
/// error over networks) against the spectrum 003 Eq. 15 implies, for several σ_w².
public struct LatticeSpectrum: Stage {
    /// The ensemble.
    public typealias Parameters = LatticeEnsemble

    public static let kind = "simulation.lattice-spectrum"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public struct Missing: Error, CustomStringConvertible { public let description: String }

    public func run(_ context: StageContext) throws -> LatticeSpectrumData {
        let p = parameters, sampler = Sampler.exact
        var modes: [Double] = [], windowStart = p.depth / 2
        var measured: [Double] = [], error: [Double] = [], predicted: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            // Each σ_w² its own seed, as in LatticeSweep: with one seed the exact sampler reuses
            // the same Gaussians at every σ_w², so the curves' errors would be one error repeated.
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed(forIndex: index), sampler: sampler)
            try network.validate()
            windowStart = network.windowStart
            let result = try network.run(spectrum: true)
            guard let q = result.modes, let v = result.modeVariance, let e = result.modeVarianceStandardError, let t = result.modeVariancePredicted else {
                throw Missing(description: "the lattice run returned no spectrum")
            }
            if modes.isEmpty { modes = q }
            measured += v; error += e; predicted += t
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        return LatticeSpectrumData(sb2: p.sb2, width: p.width, depth: p.depth, windowStart: windowStart, networks: p.networks,
                                   sampler: sampler.rawValue, sw2: p.sw2,
                                   q: modes, modeVariance: measured, modeVarianceStderr: error, modeVariancePredicted: predicted)
    }
}
