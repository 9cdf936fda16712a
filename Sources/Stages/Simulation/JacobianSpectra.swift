import Foundation
import MeanField
import Pipeline
import Simulation
import Artifacts

/// Dynamical isometry (002 §3.2, after Pennington et al. 2017): singular values of the
/// input–output Jacobian of random networks started at q*, for each family (activation, weight
/// ensemble — Gaussian or Haar-orthogonal — and (σ_w², σ_b²)) and depth, with the mean squared
/// singular value (median of means over networks, bootstrap interval) against the theory's χ₁^L
/// and the spread of the spectrum (5th and 95th percentiles, relative variance of σ²). The
/// depths of one family are checkpoints of the same M networks (nested, not independent);
/// families use independent streams.
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

    public func run(_ context: StageContext) throws -> JacobianSpectraData {
        let p = parameters
        var values: [Double] = [], meanSquared: [Double] = [], lower: [Double] = [], upper: [Double] = [], predicted: [Double] = []
        var low: [Double] = [], high: [Double] = [], spread: [Double] = [], qStar: [Double] = [], chi1: [Double] = []
        for (f, family) in p.families.enumerated() {
            let spectrum = JacobianSpectrum(activation: family.activation, weightVariance: family.sw2, biasVariance: family.sb2,
                                            width: p.width, depth: p.depths.max() ?? 1, networks: p.networks,
                                            seed: p.seed &+ UInt64(f), weights: family.weights)
            let results = try spectrum.run(depths: p.depths)
            qStar.append(results[0].inputLength)
            chi1.append(results[0].chi1)
            for result in results {
                values += result.singularValues.flatMap { $0 }
                meanSquared.append(result.robustMeanSquaredSingularValue.estimate)
                lower.append(result.robustMeanSquaredSingularValue.interval.lowerBound)
                upper.append(result.robustMeanSquaredSingularValue.interval.upperBound)
                predicted.append(result.predictedMeanSquaredSingularValue)
                low.append(result.singularValueQuantile(0.05))
                high.append(result.singularValueQuantile(0.95))
                spread.append(result.relativeSquaredSingularValueVariance.mean)
            }
            context.progress(Double(f + 1) / Double(p.families.count))
        }
        return JacobianSpectraData(
            families: p.families.indices.map(Double.init), depths: p.depths.map(Double.init),
            samples: (0..<(p.networks * p.width)).map(Double.init),
            sigmaW2: p.families.map(\.sw2), sigmaB2: p.families.map(\.sb2), qStar: qStar, chi1: chi1,
            singularValues: values, meanSquared: meanSquared, meanSquaredLower: lower, meanSquaredUpper: upper,
            meanSquaredPredicted: predicted, lowPercentile: low, highPercentile: high, relativeSpread: spread)
    }
}
