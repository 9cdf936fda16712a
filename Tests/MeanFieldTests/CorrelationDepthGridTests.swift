import Foundation
import Testing
@testable import MeanField

@Suite("CorrelationDepthGrid vs MeanFieldPoint")
struct CorrelationDepthGridTests {
    static func compare(_ activation: Activation, weights: [Double], biases: [Double]) throws {
        let grid = try CorrelationDepthGrid(activation: activation, weightVariances: weights, biasVariances: biases)
        var phases: Set<Phase> = []
        for (ib, sb2) in biases.enumerated() {
            for (iw, sw2) in weights.enumerated() {
                let p = try MeanFieldPoint(activation: activation, weightVariance: sw2, biasVariance: sb2)
                phases.insert(p.phase)
                let i = ib * weights.count + iw
                let label = "\(activation) sw2=\(sw2) sb2=\(sb2)"
                #expect(relativeError(grid.xiC(weight: iw, bias: ib), p.xiC!) <= 1e-6 || grid.xiC[i] == p.xiC!, "\(label) xi_c \(grid.xiC[i]) vs \(p.xiC!)")
                #expect(relativeError(grid.qStar[i], p.qStar!) <= 1e-6, "\(label) q*")
                #expect(relativeError(grid.chi1[i], p.chi1!) <= 1e-6, "\(label) chi1")
                // c* = 0 exactly at σ_b² = 0 for odd φ: compare absolutely there.
                #expect(abs(grid.cStar[i] - p.cStar!) <= 1e-6 * max(abs(p.cStar!), 1e-3), "\(label) c* \(grid.cStar[i]) vs \(p.cStar!)")
            }
        }
        #expect(phases.contains(.ordered) && phases.contains(.chaotic))
    }

    @Test("tanh, both sides of the transition, σ_b² = 0 included")
    func tanh() throws {
        try Self.compare(.tanh, weights: [0.8, 1.6, 2.4, 3.5], biases: [0, 0.2])
    }

    @Test("sigmoid (not odd) and softsign (kinked: the per-point path)")
    func others() throws {
        try Self.compare(.sigmoid, weights: [90, 130], biases: [0])
        try Self.compare(.softsign, weights: [1.5, 4], biases: [0.1])
    }
}
