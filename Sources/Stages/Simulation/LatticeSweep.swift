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

    public func run(_ context: StageContext) throws -> LatticeSweepData {
        let p = parameters.ensemble, model = parameters.model, sampler = parameters.sampler
        var norm: [Double] = [], normSE: [Double] = [], predicted: [Double] = [], finiteWidth: [Double] = []
        var rPlus: [Double] = [], rPlusSE: [Double] = [], rMinus: [Double] = [], rMinusSE: [Double] = []
        var k: [Double] = [], kSE: [Double] = [], kPredicted: [Double] = []
        var windowStart = p.depth / 2
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: model, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed(forIndex: index), sampler: sampler)
            try network.validate()
            windowStart = network.windowStart
            let result = try network.run()
            norm.append(result.norm.mean); normSE.append(result.norm.standardError)
            predicted.append(network.predictedNorm); finiteWidth.append(network.finiteWidthMeanNorm)
            if model == .relu {
                rPlus.append(result.rPlus?.mean ?? .nan); rPlusSE.append(result.rPlus?.standardError ?? .nan)
                rMinus.append(result.rMinus?.mean ?? .nan); rMinusSE.append(result.rMinus?.standardError ?? .nan)
                k.append(result.k?.mean ?? .nan); kSE.append(result.k?.standardError ?? .nan)
                kPredicted.append(network.predictedPositiveCount)
            }
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        // The agreement in one number each (for reports): the largest |measured − predicted| in
        // standard errors over the σ_w² axis, against the saddle point and the finite-width mean.
        let measured = model == .relu ? rPlus : norm, errors = model == .relu ? rPlusSE : normSE
        func worst(_ predicted: [Double]) -> Double {
            zip(zip(measured, errors), predicted).map { abs($0.0 - $1) / $0.1 }.max() ?? .nan
        }
        let relu = model == .relu ? LatticeSweepData.ReLUParts(rPlus: rPlus, rPlusStderr: rPlusSE, rMinus: rMinus, rMinusStderr: rMinusSE,
                                                               k: k, kStderr: kSE, kPredicted: kPredicted) : nil
        return LatticeSweepData(model: model.rawValue, sampler: sampler.rawValue, sb2: p.sb2, width: p.width, depth: p.depth,
                                windowStart: windowStart, networks: p.networks, sw2: p.sw2, norm: norm, normStderr: normSE,
                                normPredicted: predicted, normFiniteWidth: finiteWidth, relu: relu,
                                maxGapSaddle: worst(predicted), maxGapFiniteWidth: worst(finiteWidth))
    }
}
