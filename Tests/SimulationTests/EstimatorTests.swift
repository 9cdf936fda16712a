import Foundation
import Testing
@testable import Simulation

/// The estimators behind the finite-width and isometry figures: their error bars must say how
/// far the estimate strays, checked over many independent replicates drawn from known laws.
@Suite struct EstimatorTests {
    /// Standard normals from stream `stream` of seed 7.
    static func normals(_ count: Int, stream: UInt64) -> [Double] {
        var g = GaussianStream(seed: 7, stream: stream)
        var x = [Double](repeating: 0, count: count)
        g.fill(&x)
        return x
    }

    /// Over 2000 replicates of M = 50 draws, s² averages the true variance, and its standard
    /// error (from the 4th moment) matches the spread of s² across replicates — for Gaussian
    /// draws (σ² = 4) and for heavy-tailed ones (the square of a normal, σ² = 2, kurtosis 15),
    /// where the Gaussian formula 2σ⁴/(M − 1) would understate it by half.
    @Test(arguments: [false, true])
    func sampleVarianceErrorMatchesReplicates(heavyTailed: Bool) {
        let replicates = 2000, m = 50
        var values: [Double] = [], errors: [Double] = []
        for r in 0..<replicates {
            let x = Self.normals(m, stream: UInt64(r)).map { heavyTailed ? $0 * $0 : 2 * $0 }
            let v = SampleVariance(samples: x)
            values.append(v.value)
            errors.append(v.standardError)
        }
        let truth = heavyTailed ? 2.0 : 4.0
        let mean = values.reduce(0, +) / Double(replicates)
        let spread = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(replicates - 1)).squareRoot()
        let rms = (errors.map { $0 * $0 }.reduce(0, +) / Double(replicates)).squareRoot()
        // The mean of 2000 replicates has a standard error of spread/√2000.
        #expect(abs(mean - truth) < 4 * spread / Double(replicates).squareRoot(), "mean s² \(mean) vs \(truth)")
        #expect(abs(rms / spread - 1) < 0.15, "stated SE \(rms) vs replicate spread \(spread)")
        if heavyTailed {
            let gaussianFormula = (2 * truth * truth / Double(m - 1)).squareRoot()
            #expect(spread > 1.5 * gaussianFormula, "heavy tails: spread \(spread) vs Gaussian formula \(gaussianFormula)")
        }
    }

    @Test func sampleVarianceOfTooFewDrawsIsNaN() {
        #expect(SampleVariance(samples: [1.0]).value.isNaN)
        #expect(SampleVariance(samples: [Double]()).standardError.isNaN)
    }

    /// Noise-free power laws are recovered exactly; with noise of known size, the 95 % interval
    /// holds the true exponent in about 95 % of 400 replicates.
    @Test func powerLawFitRecoversExponentAndCovers() throws {
        let x: [Double] = [50, 100, 200, 500, 1000]
        let exact = try PowerLawFit(x: x, y: x.map { 3 * pow($0, -1) }, standardErrors: x.map { 0.1 * 3 / $0 })
        #expect(abs(exact.exponent + 1) < 1e-12 && abs(exact.prefactor - 3) < 1e-9)
        var covered = 0
        let replicates = 400
        for r in 0..<replicates {
            let noise = Self.normals(x.count, stream: 10_000 + UInt64(r))
            // 10 % relative errors, stated as they are.
            let y = zip(x, noise).map { 3 / $0 * exp(0.1 * $1) }
            let fit = try PowerLawFit(x: x, y: y, standardErrors: y.map { 0.1 * $0 })
            if fit.exponentInterval.contains(-1) { covered += 1 }
        }
        let coverage = Double(covered) / Double(replicates)
        // Binomial(400, 0.95) has a standard deviation of 1.1 %: 4.4 % is four of them.
        #expect(abs(coverage - 0.95) < 0.044, "coverage \(coverage)")
    }

    @Test func powerLawFitRefusesWhatItCannotFit() {
        #expect(throws: SimulationError.self) { try PowerLawFit(x: [1], y: [1], standardErrors: [0.1]) }
        #expect(throws: SimulationError.self) { try PowerLawFit(x: [1, 2], y: [1, 0], standardErrors: [0.1, 0.1]) }
        #expect(throws: SimulationError.self) { try PowerLawFit(x: [2, 2], y: [1, 1], standardErrors: [0.1, 0.1]) }
    }

    /// Median of means on log-normal draws (σ = 1: skewness 6.2, the right tail that per-network
    /// Jacobian traces have): its 95 % bootstrap interval holds the true mean e^{1/2} in at
    /// least 85 % of 300 replicates of M = 32, and the estimate is reproducible from its seed.
    @Test func medianOfMeansIntervalCoversLogNormalMean() {
        let truth = exp(0.5)
        var covered = 0
        let replicates = 300
        for r in 0..<replicates {
            let draws = Self.normals(32, stream: 20_000 + UInt64(r)).map { exp($0) }
            let e = MedianOfMeans(samples: draws, resamples: 500, seed: UInt64(r))
            if e.interval.contains(truth) { covered += 1 }
        }
        let coverage = Double(covered) / Double(replicates)
        #expect(coverage >= 0.85, "coverage \(coverage)")
        let draws = Self.normals(32, stream: 1).map { exp($0) }
        #expect(MedianOfMeans(samples: draws, seed: 3) == MedianOfMeans(samples: draws, seed: 3))
        #expect(MedianOfMeans(samples: draws, seed: 3).groups == 5)
    }
}
