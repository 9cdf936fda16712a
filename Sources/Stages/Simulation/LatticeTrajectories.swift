import Foundation
import Pipeline
import Simulation
import Artifacts

/// 003 Fig. 7: |z^l| layer by layer for a few linear lattice networks per σ_w², showing the
/// transient from the random input and the bulk that the analysis window (layers L/2 … L)
/// averages, next to the saddle point r*.
public struct LatticeTrajectories: Stage {
    /// The networks.
    public typealias Parameters = LatticeEnsemble

    public static let kind = "simulation.lattice-trajectories"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LatticeTrajectoriesData {
        let p = parameters, sampler = Sampler.exact
        var norms: [Double] = [], predicted: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed &+ UInt64(index), sampler: sampler)
            norms += try network.normTrajectories(count: p.networks).flatMap { $0 }
            predicted.append(network.predictedNorm)
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        return LatticeTrajectoriesData(sb2: p.sb2, width: p.width, windowStart: p.depth / 2, sampler: sampler.rawValue, sw2: p.sw2, networks: p.networks,
                                       layers: (0...p.depth).map(Double.init), norm: norms, normPredicted: predicted)
    }
}
