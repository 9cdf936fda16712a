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

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        var modes: [Double] = []
        var measured: [Double] = [], error: [Double] = [], predicted: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed)
            try network.validate()
            let result = try network.run(spectrum: true)
            guard let q = result.modes, let v = result.modeVariance, let e = result.modeVarianceStandardError, let t = result.modeVariancePredicted else {
                throw Missing(description: "the lattice run returned no spectrum")
            }
            if modes.isEmpty { modes = q }
            measured += v; error += e; predicted += t
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        var data = LabelledData(description: "Fourier-mode variance of the norm fluctuations of the linear lattice network (paper 003 Fig. 4, Eq. 15)",
                                attributes: ["sigma_b2": "\(p.sb2)", "width": "\(p.width)", "depth": "\(p.depth)", "networks": "\(p.networks)"])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis("q", values: modes, units: "rad", description: "wavevector 2 pi j / W along the depth window")
        data.addVariable("mode_variance", over: ["sigma_w2", "q"], values: measured, units: "1", description: "measured <|eps_q|^2>/W")
        data.addVariable("mode_variance_stderr", over: ["sigma_w2", "q"], values: error, units: "1", description: "its standard error over networks")
        data.addVariable("mode_variance_predicted", over: ["sigma_w2", "q"], values: predicted, units: "1", description: "003 Eq. 15")
        return data
    }
}
