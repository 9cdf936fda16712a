import Foundation
import MeanField
import Pipeline
import Simulation
import Artifacts

/// Dynamical isometry (002 §3.2): singular values of the input–output Jacobian of random networks
/// at a critical point, for each activation, weight ensemble (Gaussian, Haar-orthogonal) and
/// depth, with the mean squared singular value against the theory's χ₁^L.
public struct JacobianSpectra: Stage {
    /// One network family at its critical point.
    public struct Family: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sw2: Double
        public var sb2: Double
        public var weights: WeightEnsemble
        public init(activation: Activation, sw2: Double, sb2: Double, weights: WeightEnsemble) {
            self.activation = activation
            self.sw2 = sw2
            self.sb2 = sb2
            self.weights = weights
        }
    }

    /// The ensembles.
    public struct Parameters: Codable, Hashable, Sendable {
        public var families: [Family]
        public var depths: [Int]
        public var width: Int
        public var networks: Int
        public var seed: UInt64
        public init(families: [Family], depths: [Int], width: Int, networks: Int, seed: UInt64) {
            self.families = families
            self.depths = depths
            self.width = width
            self.networks = networks
            self.seed = seed
        }
    }

    public static let kind = "simulation.jacobian-spectra"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        var values: [Double] = [], meanSquare: [Double] = [], meanSquareSE: [Double] = [], predicted: [Double] = [], spread: [Double] = []
        let total = Double(p.families.count * p.depths.count)
        for (f, family) in p.families.enumerated() {
            for (d, depth) in p.depths.enumerated() {
                let result = try JacobianSpectrum(activation: family.activation, weightVariance: family.sw2, biasVariance: family.sb2,
                                                  width: p.width, depth: depth, networks: p.networks, seed: p.seed &+ UInt64(f * 1000 + d),
                                                  weights: family.weights).run()
                values += result.singularValues.flatMap { $0 }
                meanSquare.append(result.meanSquaredSingularValue.mean)
                meanSquareSE.append(result.meanSquaredSingularValue.standardError)
                predicted.append(result.predictedMeanSquaredSingularValue)
                spread.append(result.squaredSingularValueVariance.mean)
                context.progress(Double(f * p.depths.count + d + 1) / total)
            }
        }
        var data = LabelledData(description: "singular values of the input-output Jacobian at criticality (paper 002 section 3.2)",
                                attributes: ["families": p.families.map { "\($0.activation.rawValue) sw2=\($0.sw2) sb2=\($0.sb2) \($0.weights.rawValue)" }.joined(separator: "; ")])
        data.addAxis("family", values: p.families.indices.map(Double.init), units: "1", description: "network family (see the families attribute)")
        data.addAxis("depth", values: p.depths.map(Double.init), units: "layers", description: "depth L")
        data.addAxis("sample", values: (0..<(p.networks * p.width)).map(Double.init), units: "1", description: "singular value index, network-major")
        data.addVariable("singular_values", over: ["family", "depth", "sample"], values: values, units: "1", description: "singular values of J")
        data.addVariable("mean_squared", over: ["family", "depth"], values: meanSquare, units: "1", description: "(1/N) sum sigma_i^2, mean over networks")
        data.addVariable("mean_squared_stderr", over: ["family", "depth"], values: meanSquareSE, units: "1", description: "its standard error")
        data.addVariable("mean_squared_predicted", over: ["family", "depth"], values: predicted, units: "1", description: "chi_1^L (002 section 3.2)")
        data.addVariable("squared_spread", over: ["family", "depth"], values: spread, units: "1", description: "variance of sigma^2 across the spectrum (0 for an isometry)")
        return data
    }
}
