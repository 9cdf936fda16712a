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
        let p = parameters, sampler = Sampler.exact, windowStart = p.depth / 2
        var norms: [Double] = [], predicted: [Double] = []
        var transientEnd: [Double] = [], transientEndPredicted: [Double] = [], bulkSpread: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed &+ UInt64(index), sampler: sampler)
            let trajectories = try network.normTrajectories(count: p.networks)
            norms += trajectories.flatMap { $0 }
            predicted.append(network.predictedNorm)
            let transient = LatticeTransient.measure(trajectories, windowStart: windowStart)
            transientEnd.append(transient.layer)
            bulkSpread.append(transient.bulkSpread)
            transientEndPredicted.append(LatticeTransient.predictedEnd(inputNorms: trajectories.map { $0[0] }, width: p.width, sw2: w, sb2: p.sb2,
                                                                       band: transient.bulkSpread))
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        return LatticeTrajectoriesData(sb2: p.sb2, width: p.width, windowStart: windowStart, sampler: sampler.rawValue, sw2: p.sw2, networks: p.networks,
                                       layers: (0...p.depth).map(Double.init), norm: norms, normPredicted: predicted,
                                       transientEnd: transientEnd, transientEndPredicted: transientEndPredicted, bulkSpread: bulkSpread)
    }
}
