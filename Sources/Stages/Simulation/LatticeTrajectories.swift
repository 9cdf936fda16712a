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

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        var norms: [Double] = [], predicted: [Double] = []
        for (index, w) in p.sw2.enumerated() {
            let network = LatticeNetwork(model: .linear, weightVariance: w, biasVariance: p.sb2, width: p.width, depth: p.depth,
                                         networks: p.networks, seed: p.seed &+ UInt64(index))
            norms += try network.normTrajectories(count: p.networks).flatMap { $0 }
            predicted.append(network.predictedNorm)
            context.progress(Double(index + 1) / Double(p.sw2.count))
        }
        var data = LabelledData(description: "norm trajectories of linear lattice networks (paper 003 Fig. 7): transient and analysis window",
                                attributes: ["sigma_b2": "\(p.sb2)", "width": "\(p.width)", "window_start": "\(p.depth / 2)"])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis("network", values: (0..<p.networks).map(Double.init), units: "1", description: "network index")
        data.addAxis("layer", values: (0...p.depth).map(Double.init), units: "layers", description: "layer l (0: the random input)")
        data.addVariable("norm", over: ["sigma_w2", "network", "layer"], values: norms, units: "1", description: "|z^l|")
        data.addVariable("norm_predicted", over: ["sigma_w2"], values: predicted, units: "1", description: "saddle point r* (003 Eq. 13)")
        return data
    }
}
