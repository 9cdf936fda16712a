import Foundation
import MeanField
import Testing
@testable import Simulation

/// The finite-width fluctuation: q^L of one network scatters about the mean field with a
/// variance ∝ 1/N.
@Suite struct FiniteWidthFluctuationTests {
    /// On a seeded run (tanh, σ_b² = 0.05, L = 10, M = 300 networks per width, exact sampler),
    /// the weighted log-log fit of Var q^L against N = 64 … 1024 has an exponent whose 95 %
    /// interval holds −1, on both sides of the transition, and is narrower than ±0.25, so that
    /// it would exclude a wrong slope such as −1/2.
    @Test(arguments: [1.0, 2.5])
    func varianceOfLastLayerQFallsAsOneOverN(sw2: Double) throws {
        let widths = [64, 128, 256, 512, 1024]
        var variances: [SampleVariance] = []
        for (j, n) in widths.enumerated() {
            // A seed per width: stream m of one seed starts with the same numbers at every width.
            let p = FinitePropagation(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, width: n, depth: 10,
                                      networks: 300, seed: 21 + UInt64(j), q0: 1, c0: 0.5, sampler: .exact)
            variances.append(SampleVariance(samples: try p.run(threads: 2).lastLayerQ))
        }
        let fit = try PowerLawFit(x: widths.map(Double.init), y: variances.map(\.value), standardErrors: variances.map(\.standardError))
        #expect(fit.exponentInterval.contains(-1), "b = \(fit.exponent) in \(fit.exponentInterval), χ²_red \(fit.reducedChiSquare)")
        #expect(fit.exponentInterval.upperBound - fit.exponentInterval.lowerBound < 0.5,
                "interval \(fit.exponentInterval), χ²_red \(fit.reducedChiSquare), Var \(variances.map(\.value)) ± \(variances.map(\.standardError))")
    }

    /// The per-network q^L are the draws the means are made of: their mean is the reported q^L
    /// when the pair's two inputs have the same length (c⁰ = 1: the same input twice).
    @Test func lastLayerQIsEachNetworksQ() throws {
        let p = FinitePropagation(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05, width: 40, depth: 4,
                                  networks: 12, seed: 5, q0: 1, c0: 1, sampler: .dense)
        let r = try p.run(threads: 2)
        #expect(r.lastLayerQ.count == 12)
        let mean = r.lastLayerQ.reduce(0, +) / 12
        #expect(abs(mean - r.q[4]) < 1e-12 * max(1, r.q[4]), "\(mean) vs \(r.q[4])")
    }
}

/// Our leading-order prediction of the 1/N prefactor (``MeanField/FiniteWidthVariance``) against
/// the measurement at N = 1000.
@Suite struct FiniteWidthVariancePredictionTests {
    /// tanh, σ_b² = 0.05, L = 10, M = 2000 networks (exact sampler): N · Var q^L agrees with the
    /// prediction within 3 standard errors plus 50/N relative for the next order, on both sides
    /// of the transition.
    @Test(arguments: [1.0, 2.5])
    func measuredVarianceMatchesLeadingOrder(sw2: Double) throws {
        let n = 1000
        let p = FinitePropagation(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, width: n, depth: 10,
                                  networks: 2000, seed: 31, q0: 1, c0: 0.5, sampler: .exact)
        let v = SampleVariance(samples: try p.run(threads: 2).lastLayerQ)
        let predicted = try FiniteWidthVariance.scaledVariance(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, q0: 1, layers: 10)[10]
        let measured = Double(n) * v.value, error = Double(n) * v.standardError
        #expect(abs(measured - predicted) < 3 * error + 50.0 / Double(n) * predicted, "N Var q^L = \(measured) ± \(error) vs \(predicted)")
    }
}
