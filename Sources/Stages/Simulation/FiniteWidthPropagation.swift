import Foundation
import MeanField
import Pipeline
import Simulation
import Artifacts

/// Finite-width propagation against mean-field theory: q^l and c^l of pairs of inputs pushed
/// through M random networks of each width N (dense sampler: real Gaussian matrices through BLAS),
/// with standard errors over networks, next to the layer maps (002 Eqs. 3, 5–7), and the error
/// at the last layer as N grows.
public struct FiniteWidthPropagation: Stage {
    /// The ensembles.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sb2: Double
        public var sw2: [Double]
        public var widths: [Int]
        public var depth: Int
        public var networks: Int
        public var q0: Double
        public var c0: Double
        public var seed: UInt64
        public var sampler: Sampler
        public init(activation: Activation, sb2: Double, sw2: [Double], widths: [Int], depth: Int, networks: Int,
                    q0: Double = 1, c0: Double = 0.5, seed: UInt64, sampler: Sampler = .dense) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
            self.widths = widths
            self.depth = depth
            self.networks = networks
            self.q0 = q0
            self.c0 = c0
            self.seed = seed
            self.sampler = sampler
        }
    }

    public static let kind = "simulation.finite-width-propagation"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        var q: [Double] = [], qe: [Double] = [], c: [Double] = [], ce: [Double] = []
        var qTheory: [Double] = [], cTheory: [Double] = []
        var lastQError: [Double] = [], lastQErrorSE: [Double] = [], lastCError: [Double] = [], lastCErrorSE: [Double] = []
        let total = Double(p.sw2.count * p.widths.count)
        for (i, w) in p.sw2.enumerated() {
            let theory = try LayerTrajectory(activation: p.activation, weightVariance: w, biasVariance: p.sb2, q0: p.q0, c0: p.c0, layers: p.depth)
            qTheory += theory.q; cTheory += theory.c
            for (j, n) in p.widths.enumerated() {
                let run = FinitePropagation(activation: p.activation, weightVariance: w, biasVariance: p.sb2, width: n, depth: p.depth,
                                            networks: p.networks, seed: p.seed, q0: p.q0, c0: p.c0, sampler: p.sampler)
                try run.validate()
                let result = try run.run()
                q += result.q; qe += result.qStandardError; c += result.c; ce += result.cStandardError
                lastQError.append(result.q.last! - theory.q.last!); lastQErrorSE.append(result.qStandardError.last!)
                lastCError.append(result.c.last! - theory.c.last!); lastCErrorSE.append(result.cStandardError.last!)
                context.progress(Double(i * p.widths.count + j + 1) / total)
            }
        }
        var data = LabelledData(description: "finite-width propagation of input pairs against the mean-field layer maps (\(p.activation.rawValue), sigma_b^2 = \(p.sb2))",
                                attributes: ["activation": p.activation.rawValue, "sigma_b2": "\(p.sb2)", "networks": "\(p.networks)", "sampler": p.sampler.rawValue])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis("width", values: p.widths.map(Double.init), units: "units", description: "network width N")
        data.addAxis("layer", values: (0...p.depth).map(Double.init), units: "layers", description: "layer l (0: the inputs)")
        let dims = ["sigma_w2", "width", "layer"]
        data.addVariable("q", over: dims, values: q, units: "1", description: "measured q^l = |h^l|^2 / N, mean over networks")
        data.addVariable("q_stderr", over: dims, values: qe, units: "1", description: "standard error of q^l over networks")
        data.addVariable("c", over: dims, values: c, units: "1", description: "measured correlation c^l of the pair")
        data.addVariable("c_stderr", over: dims, values: ce, units: "1", description: "standard error of c^l")
        data.addVariable("q_theory", over: ["sigma_w2", "layer"], values: qTheory, units: "1", description: "mean-field q^l (002 Eq. 3)")
        data.addVariable("c_theory", over: ["sigma_w2", "layer"], values: cTheory, units: "1", description: "mean-field c^l (002 Eqs. 5-7)")
        data.addVariable("q_last_error", over: ["sigma_w2", "width"], values: lastQError, units: "1", description: "q^L measured minus theory")
        data.addVariable("q_last_error_stderr", over: ["sigma_w2", "width"], values: lastQErrorSE, units: "1", description: "its standard error")
        data.addVariable("c_last_error", over: ["sigma_w2", "width"], values: lastCError, units: "1", description: "c^L measured minus theory")
        data.addVariable("c_last_error_stderr", over: ["sigma_w2", "width"], values: lastCErrorSE, units: "1", description: "its standard error")
        return data
    }
}
