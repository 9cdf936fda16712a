import Foundation
import Pipeline
import Simulation
import Artifacts

/// The stochastic lattice networks of paper 003 over a σ_w² axis: bulk norms (and, for ReLU,
/// r₊, r₋ and k) averaged over the analysis window and M networks, with standard errors over
/// networks, next to the saddle-point predictions (003 Eqs. 13, 20) and the finite-width mean.
public struct LatticeSweep: Stage {
    /// The model, the ensemble and the sampler.
    public struct Parameters: Codable, Hashable, Sendable {
        /// Linear or ReLU.
        public var model: LatticeModel
        /// The networks.
        public var ensemble: LatticeEnsemble
        /// Dense or exact (the pipelines use exact).
        public var sampler: Sampler
        public init(model: LatticeModel, ensemble: LatticeEnsemble, sampler: Sampler = .exact) {
            self.model = model
            self.ensemble = ensemble
            self.sampler = sampler
        }
    }

    public static let kind = "simulation.lattice-sweep"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters.ensemble, model = parameters.model, sampler = parameters.sampler
        var columns: [String: [Double]] = [:]
        func put(_ name: String, _ value: Double) { columns[name, default: []].append(value) }
        for (index, w) in p.sw2.enumerated() {
            // Each σ_w² gets its own seed: with one seed the exact sampler reuses the same Gaussians
            // at every σ_w², so the points' errors would be one error repeated, not independent.
            let network = LatticeNetwork(model: model, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed &* 1_000_003 &+ UInt64(index), sampler: sampler)
            try network.validate()
            let result = try network.run()
            put("norm", result.norm.mean); put("norm_stderr", result.norm.standardError)
            put("norm_predicted", network.predictedNorm); put("norm_finite_width", network.finiteWidthMeanNorm)
            if model == .relu {
                put("r_plus", result.rPlus?.mean ?? .nan); put("r_plus_stderr", result.rPlus?.standardError ?? .nan)
                put("r_minus", result.rMinus?.mean ?? .nan); put("r_minus_stderr", result.rMinus?.standardError ?? .nan)
                put("k", result.k?.mean ?? .nan); put("k_stderr", result.k?.standardError ?? .nan)
                put("k_predicted", network.predictedPositiveCount)
            }
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        var data = LabelledData(description: "stochastic \(model.rawValue) lattice network of paper 003: window averages over layers \(p.depth / 2)-\(p.depth), \(p.networks) networks of width \(p.width)",
                                attributes: ["model": model.rawValue, "sigma_b2": "\(p.sb2)", "sampler": sampler.rawValue])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        let meaning: [String: String] = [
            "norm": "bulk norm |z| (window and ensemble mean)", "norm_stderr": "standard error of norm over networks",
            "norm_predicted": "saddle point r* (003 Eq. 13 linear, Eq. 20 ReLU: the norm of each part)",
            "norm_finite_width": "finite-width mean of |z| (our correction to the saddle point; not in 003)",
            "r_plus": "norm of the positive part", "r_plus_stderr": "its standard error", "r_minus": "norm of the negative part",
            "r_minus_stderr": "its standard error", "k": "number of positive components", "k_stderr": "its standard error",
            "k_predicted": "k* = N/2 (003 section 6)",
        ]
        // The agreement in one number each (for reports): the largest |measured − predicted| in
        // standard errors over the σ_w² axis, against the saddle point and the finite-width mean.
        let measured = model == .relu ? columns["r_plus"]! : columns["norm"]!
        let errors = model == .relu ? columns["r_plus_stderr"]! : columns["norm_stderr"]!
        func worst(_ predicted: [Double]) -> Double {
            zip(zip(measured, errors), predicted).map { abs($0.0 - $1) / $0.1 }.max() ?? .nan
        }
        data.addAxis("value", values: [0], units: "1", description: "a single value")
        data.addVariable("max_gap_saddle", over: ["value"], values: [worst(columns["norm_predicted"]!)], units: "standard errors",
                         description: "largest |\(model == .relu ? "r_plus" : "norm") - saddle point| over sigma_w^2, in standard errors (003 Eq. \(model == .relu ? "20" : "13"))")
        data.addVariable("max_gap_finite_width", over: ["value"], values: [worst(columns["norm_finite_width"]!)], units: "standard errors",
                         description: "largest |\(model == .relu ? "r_plus" : "norm") - finite-width mean| over sigma_w^2, in standard errors")
        for name in columns.keys.sorted() {
            data.addVariable(name, over: ["sigma_w2"], values: columns[name]!, units: name.hasPrefix("k") ? "units" : "1", description: meaning[name] ?? name)
        }
        return data
    }
}
