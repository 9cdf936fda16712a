import Foundation
import Testing
@testable import Simulation

/// The end of the input's transient (003 Fig. 7(a)): the measurement on trajectories whose answer
/// is known, the mean-field prediction against its closed form, and simulated networks against
/// the prediction.
@Suite struct LatticeTransientTests {
    /// Two networks decaying as 5 + 10·0.8^l, then alternating 5 ± 0.5 in the window: bulk mean 5,
    /// spread 0.5, and 10·0.8^l ≤ 0.5 first at l = 14 (0.8¹³ = 0.055, 0.8¹⁴ = 0.044).
    @Test func measurementOnKnownTrajectories() {
        let window = 40, length = 81
        let trajectories = (0..<2).map { network in
            (0..<length).map { l in l < window ? 5 + 10 * pow(0.8, Double(l)) : 5 + ((l + network) % 2 == 0 ? 0.5 : -0.5) }
        }
        let measured = LatticeTransient.measure(trajectories, windowStart: window)
        #expect(measured.layer == 14 && abs(measured.bulkMean - 5) < 1e-12 && abs(measured.bulkSpread - 0.5) < 1e-12, "\(measured)")
        // Never inside before the window: NaN, not the window's start.
        let never = trajectories.map { t in t.enumerated().map { $0.offset < window ? 100 : $0.element } }
        #expect(LatticeTransient.measure(never, windowStart: window).layer.isNaN)
        #expect(LatticeTransient.measure([[1, 2], [1]], windowStart: 1).layer.isNaN)
    }

    /// q^l = q* + (q⁰ − q*) σ_w^{2l}: with N = 100, σ_b² = 0.01, σ_w² = 0.5 (q* = 0.02, r* = √2)
    /// and |z⁰| = 10 (q⁰ = 1), the first l with |√(100 q^l) − √2| ≤ 0.1 solves
    /// 0.98·0.5^l ≤ ((√2 + 0.1)² − 2)/100 = 0.00293, i.e. l = 9 (0.5⁸·0.98 = 0.0038).
    @Test func predictionMatchesClosedForm() {
        let band = 0.1, n = 100.0
        let limit = ((2.0.squareRoot() + band) * (2.0.squareRoot() + band) - 2) / n
        let expected = Double((0...100).first { 0.98 * pow(0.5, Double($0)) <= limit }!)
        #expect(expected == 9)
        #expect(LatticeTransient.predictedEnd(inputNorms: [10, 10], width: 100, sw2: 0.5, sb2: 0.01, band: band) == expected)
        #expect(LatticeTransient.predictedEnd(inputNorms: [10], width: 100, sw2: 1.2, sb2: 0.01, band: band).isNaN)
    }

    /// Simulated linear lattice networks (N = 200, σ_b² = 0.01, 003 Fig. 7's width) enter the
    /// bulk band where the variance map says: within 3 layers of the prediction at σ_w² = 0.5 and
    /// 0.9 (transients of about 12 and 37 layers).
    @Test(arguments: [0.5, 0.9])
    func simulatedNetworksMatchThePrediction(sw2: Double) throws {
        let net = LatticeNetwork(model: .linear, weightVariance: sw2, biasVariance: 0.01, width: 200, depth: 256, networks: 8, seed: 5)
        let trajectories = try net.normTrajectories(count: 8, threads: 2)
        let measured = LatticeTransient.measure(trajectories, windowStart: 128)
        let predicted = LatticeTransient.predictedEnd(inputNorms: trajectories.map { $0[0] }, width: 200, sw2: sw2, sb2: 0.01, band: measured.bulkSpread)
        #expect(abs(measured.layer - predicted) <= 3, "σ_w² = \(sw2): measured \(measured.layer), predicted \(predicted), bulk \(measured.bulkMean) ± \(measured.bulkSpread)")
    }
}
