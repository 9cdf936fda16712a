import Foundation
import MeanField
import Pipeline
import Simulation
import Artifacts

/// Finite-width propagation against mean-field theory: q^l and c^l of pairs of inputs pushed
/// through M random networks of each width N (dense sampler: real Gaussian matrices through BLAS),
/// with standard errors over networks, next to the layer maps (002 Eqs. 3, 5–7); and the
/// finite-width fluctuation: the variance across networks of q^L (first input) against N, with
/// its standard error and a power-law fit Var q^L = A N^b per σ_w² (expected b ≈ −1), next to
/// our leading-order prediction of N Var q^L (``MeanField/FiniteWidthVariance``).
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

    public func run(_ context: StageContext) throws -> FiniteWidthPropagationData {
        let p = parameters
        var q: [Double] = [], qe: [Double] = [], c: [Double] = [], ce: [Double] = []
        var qTheory: [Double] = [], cTheory: [Double] = []
        var variance: [Double] = [], varianceSE: [Double] = [], scaledTheory: [Double] = []
        var exponent: [Double] = [], lower: [Double] = [], upper: [Double] = [], prefactor: [Double] = []
        let total = Double(p.sw2.count * p.widths.count)
        for (i, w) in p.sw2.enumerated() {
            let theory = try LayerTrajectory(activation: p.activation, weightVariance: w, biasVariance: p.sb2, q0: p.q0, c0: p.c0, layers: p.depth)
            qTheory += theory.q; cTheory += theory.c
            scaledTheory.append(try FiniteWidthVariance.scaledVariance(activation: p.activation, weightVariance: w, biasVariance: p.sb2,
                                                                       q0: p.q0, layers: p.depth)[p.depth])
            var row: [SampleVariance] = []
            for (j, n) in p.widths.enumerated() {
                // Stream m of one seed starts with the same numbers at every width, so widths
                // get seeds of their own: the points of one fit are independent. σ_w² rows
                // share them (common random numbers across the transition).
                let run = FinitePropagation(activation: p.activation, weightVariance: w, biasVariance: p.sb2, width: n, depth: p.depth,
                                            networks: p.networks, seed: p.seed &+ UInt64(j), q0: p.q0, c0: p.c0, sampler: p.sampler)
                try run.validate()
                let result = try run.run()
                q += result.q; qe += result.qStandardError; c += result.c; ce += result.cStandardError
                row.append(SampleVariance(samples: result.lastLayerQ))
                context.progress(Double(i * p.widths.count + j + 1) / total)
            }
            variance += row.map(\.value); varianceSE += row.map(\.standardError)
            // No fit where it cannot be made (one width, one network, a zero variance): NaN says so.
            let fit = try? PowerLawFit(x: p.widths.map(Double.init), y: row.map(\.value), standardErrors: row.map(\.standardError))
            exponent.append(fit?.exponent ?? .nan)
            lower.append(fit?.exponentInterval.lowerBound ?? .nan)
            upper.append(fit?.exponentInterval.upperBound ?? .nan)
            prefactor.append(fit?.prefactor ?? .nan)
        }
        return FiniteWidthPropagationData(
            sigmaW2: p.sw2, widths: p.widths.map(Double.init), layers: (0...p.depth).map(Double.init),
            q: q, qStandardError: qe, c: c, cStandardError: ce, qTheory: qTheory, cTheory: cTheory,
            lastLayerQVariance: variance, lastLayerQVarianceStandardError: varianceSE, scaledVarianceTheory: scaledTheory,
            varianceExponent: exponent, varianceExponentLower: lower, varianceExponentUpper: upper, variancePrefactor: prefactor)
    }
}
