import Foundation
import MeanField
import Testing
@testable import Simulation

/// Dynamical isometry where it exists (Pennington et al. 2017, as 002 §3.2 cites them): tanh
/// near q* → 0 on its critical line, width 4 × depth.
@Suite struct JacobianIsometryTests {
    static let sb2 = 1e-4
    static var critical: Double { get throws { try CriticalLine.point(activation: .tanh, biasVariance: sb2).weightVariance } }

    /// Checkpoints are the same networks seen at several depths: the spectrum at depth 5 from a
    /// pass to depth 8 is bit-identical to a pass that stops at 5.
    @Test func checkpointsAreNestedNetworks() throws {
        let j = JacobianSpectrum(activation: .tanh, weightVariance: 1.2, biasVariance: 0.01, width: 16, depth: 5, networks: 3, seed: 4, weights: .orthogonal)
        let alone = try j.run(threads: 2)
        let nested = try j.run(depths: [2, 5, 8], threads: 2)
        #expect(nested.map(\.depth) == [2, 5, 8])
        #expect(nested[1].singularValues == alone.singularValues)
        #expect(throws: SimulationError.self) { try j.run(depths: [5, 2]) }
    }

    /// Orthogonal tanh at q* ≈ 0.046 stays concentrated as depth grows 4 → 64 while Gaussian
    /// tanh spreads (N = 256, 12 networks). Pennington et al.'s spread grows ∝ L for both, with a
    /// slope that vanishes as q* → 0 only for orthogonal weights, so at this q* the orthogonal
    /// spectrum widens slowly: σ₉₅/σ₅ at L = 64 stays within one decade for orthogonal weights
    /// and exceeds six decades for Gaussian ones, and from L = 4 to 64 log₁₀(σ₉₅/σ₅) grows by
    /// under one decade for orthogonal weights against over three for Gaussian ones.
    @Test func orthogonalTanhStaysConcentratedGaussianSpreads() throws {
        let depths = [4, 64]
        func spread(_ weights: WeightEnsemble) throws -> [Double] {
            let r = try JacobianSpectrum(activation: .tanh, weightVariance: try Self.critical, biasVariance: Self.sb2, width: 256, depth: 64,
                                         networks: 12, seed: 9, weights: weights).run(depths: depths, threads: 2)
            return r.map { log10($0.singularValueQuantile(0.95) / $0.singularValueQuantile(0.05)) }
        }
        let orthogonal = try spread(.orthogonal), gaussian = try spread(.gaussian)
        #expect(orthogonal[1] < 1 && gaussian[1] > 6, "log₁₀ σ₉₅/σ₅ at L = 64: orthogonal \(orthogonal[1]), Gaussian \(gaussian[1])")
        #expect(orthogonal[1] - orthogonal[0] < 1 && gaussian[1] - gaussian[0] > 3, "log₁₀ σ₉₅/σ₅ at L = 4, 64: orthogonal \(orthogonal), Gaussian \(gaussian)")
    }

    /// The mean squared singular value (median of means over 32 networks) against χ₁^L: at the
    /// critical point (χ₁ = 1) for both ensembles and ReLU, and off it in the ordered phase (tanh,
    /// σ_w² = 0.9, σ_b² = 10⁻⁴: χ₁ < 1, so χ₁^L falls with L), χ₁^L lies inside the 95 % bootstrap interval.
    @Test(arguments: [("tanh", "critical", WeightEnsemble.gaussian), ("tanh", "critical", .orthogonal),
                      ("tanh", "ordered", .gaussian), ("relu", "critical", .orthogonal)])
    func meanSquaredSingularValueMatchesChi1ToTheL(activation: String, point: String, weights: WeightEnsemble) throws {
        let isTanh = activation == "tanh"
        let sw2 = isTanh ? (point == "critical" ? try Self.critical : 0.9) : 2
        let j = JacobianSpectrum(activation: isTanh ? .tanh : .relu, weightVariance: sw2, biasVariance: isTanh ? Self.sb2 : 0,
                                 width: 64, depth: 16, networks: 32, seed: 17, weights: weights)
        for r in try j.run(depths: [4, 16], threads: 2) {
            let e = r.robustMeanSquaredSingularValue
            #expect(e.interval.contains(r.predictedMeanSquaredSingularValue),
                    "L = \(r.depth): ⟨σ²⟩ = \(e.estimate) in \(e.interval) vs χ₁^L = \(r.predictedMeanSquaredSingularValue)")
            if point == "ordered" { #expect(r.predictedMeanSquaredSingularValue < 0.9) }
        }
    }
}
