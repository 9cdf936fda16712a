import Foundation
import MeanField
import Testing
@testable import Simulation

@Suite struct PropagationTests {
    /// Both samplers draw from the same law: q^L and c^L agree within 4 combined standard errors.
    @Test(arguments: [1.0, 2.5])
    func denseAndExactAgree(sw2: Double) throws {
        var p = FinitePropagation(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, width: 64, depth: 6,
                                  networks: 48, seed: 11, q0: 1, c0: 0.5, sampler: .dense)
        let dense = try p.run(threads: 2)
        p.sampler = .exact
        p.seed = 12
        let exact = try p.run(threads: 2)
        for l in [1, 3, 6] {
            let sq = (pow(dense.qStandardError[l], 2) + pow(exact.qStandardError[l], 2)).squareRoot()
            let sc = (pow(dense.cStandardError[l], 2) + pow(exact.cStandardError[l], 2)).squareRoot()
            #expect(abs(dense.q[l] - exact.q[l]) < 4 * sq, "q^\(l): dense \(dense.q[l]) exact \(exact.q[l]) ± \(sq)")
            #expect(abs(dense.c[l] - exact.c[l]) < 4 * sc, "c^\(l): dense \(dense.c[l]) exact \(exact.c[l]) ± \(sc)")
        }
    }

    /// Finite width N = 1000 against the mean-field maps on both sides of the transition
    /// (tanh, σ_b² = 0.05: σ_w² = 1.0 ordered, 2.5 chaotic). The finite-N bias of q^l and c^l is
    /// O(1/N) (the maps are applied to empirical averages of N terms); the tolerance is
    /// 4 standard errors plus 2/N in absolute terms (q ≈ 1, |c| ≤ 1).
    @Test(arguments: [1.0, 2.5])
    func exactSamplerMatchesMeanFieldAtN1000(sw2: Double) throws {
        let p = FinitePropagation(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, width: 1000, depth: 30,
                                  networks: 48, seed: 3, q0: 1, c0: 0.5, sampler: .exact)
        let r = try p.run(threads: 2)
        let t = try p.theory()
        let bias = 2.0 / 1000
        for l in 0...30 {
            #expect(abs(r.q[l] - t.q[l]) < 4 * r.qStandardError[l] + bias, "q^\(l) = \(r.q[l]) ± \(r.qStandardError[l]) vs \(t.q[l])")
            #expect(abs(r.c[l] - t.c[l]) < 4 * r.cStandardError[l] + bias, "c^\(l) = \(r.c[l]) ± \(r.cStandardError[l]) vs \(t.c[l])")
        }
    }

    /// The dense sampler at N = 1000 (10⁶ numbers per layer, so fewer layers and networks).
    @Test(arguments: [1.0, 2.5])
    func denseSamplerMatchesMeanFieldAtN1000(sw2: Double) throws {
        let p = FinitePropagation(activation: .tanh, weightVariance: sw2, biasVariance: 0.05, width: 1000, depth: 10,
                                  networks: 16, seed: 5, q0: 1, c0: 0.5, sampler: .dense)
        let r = try p.run(threads: 2)
        let t = try p.theory()
        for l in 1...10 {
            #expect(abs(r.q[l] - t.q[l]) < 4 * r.qStandardError[l] + 0.002, "q^\(l) = \(r.q[l]) ± \(r.qStandardError[l]) vs \(t.q[l])")
            #expect(abs(r.c[l] - t.c[l]) < 4 * r.cStandardError[l] + 0.002, "c^\(l) = \(r.c[l]) ± \(r.cStandardError[l]) vs \(t.c[l])")
        }
    }

    /// Orthogonal weights: Q is orthogonal, and q^l, c^l follow the same mean-field maps.
    @Test func orthogonalWeights() throws {
        var stream = GaussianStream(seed: 1, stream: 0)
        let n = 40
        var a = stream.gaussians(n * n)
        var tau = [Double](repeating: 0, count: n)
        try haarOrthogonal(&a, n: n, tau: &tau)
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for k in 0..<n { dot += a[i * n + k] * a[j * n + k] }
                worst = max(worst, abs(dot - (i == j ? 1 : 0)))
            }
        }
        #expect(worst < 1e-12)

        let p = FinitePropagation(activation: .tanh, weightVariance: 1.5, biasVariance: 0.05, width: 100, depth: 5,
                                  networks: 30, seed: 9, sampler: .dense, weights: .orthogonal)
        let r = try p.run(threads: 2)
        let t = try p.theory()
        for l in 1...5 {
            #expect(abs(r.q[l] - t.q[l]) < 4 * r.qStandardError[l] + 0.02, "q^\(l) = \(r.q[l]) ± \(r.qStandardError[l]) vs \(t.q[l])")
            #expect(abs(r.c[l] - t.c[l]) < 4 * r.cStandardError[l] + 0.02, "c^\(l) = \(r.c[l]) ± \(r.cStandardError[l]) vs \(t.c[l])")
        }
    }

    /// Same seed → identical numbers, whatever the thread count; another seed → different numbers.
    @Test(arguments: [Sampler.dense, Sampler.exact])
    func reproducibleAcrossThreadCounts(sampler: Sampler) throws {
        var p = FinitePropagation(activation: .relu, weightVariance: 2, biasVariance: 0.1, width: 32, depth: 4,
                                  networks: 7, seed: 21, sampler: sampler)
        let one = try p.run(threads: 1)
        let three = try p.run(threads: 3)
        #expect(one == three)
        p.seed = 22
        #expect(try p.run(threads: 2) != one)
    }

    @Test func inputsHaveTheRequestedLengthAndCorrelation() throws {
        let p = FinitePropagation(activation: .erf, weightVariance: 1, biasVariance: 0, width: 50, depth: 1,
                                  networks: 3, seed: 1, q0: 2.5, c0: -0.3, sampler: .exact)
        let r = try p.run(threads: 1)
        #expect(abs(r.q[0] - 2.5) < 1e-12)
        #expect(abs(r.c[0] + 0.3) < 1e-12)
        #expect(r.qStandardError[0] < 1e-12)
    }

    @Test func badInputsAreRejected() {
        func config(_ edit: (inout FinitePropagation) -> Void) -> FinitePropagation {
            var p = FinitePropagation(activation: .tanh, weightVariance: 1, biasVariance: 0.05, width: 10, depth: 3,
                                      networks: 2, seed: 1)
            edit(&p)
            return p
        }
        #expect(throws: SimulationError.invalidVariance(name: "sigma_w^2 (--sw2)", value: -1)) { try config { $0.weightVariance = -1 }.run() }
        #expect(throws: SimulationError.invalidVariance(name: "sigma_b^2 (--sb2)", value: .infinity)) { try config { $0.biasVariance = .infinity }.run() }
        #expect(throws: SimulationError.self) { try config { $0.networks = 0 }.run() }
        #expect(throws: SimulationError.self) { try config { $0.width = 1 }.run() }
        #expect(throws: SimulationError.self) { try config { $0.depth = 0 }.run() }
        #expect(throws: SimulationError.self) { try config { $0.q0 = 0 }.run() }
        #expect(throws: SimulationError.self) { try config { $0.c0 = 1.5 }.run() }
        #expect(throws: SimulationError.self) { try config { $0.sampler = .exact; $0.weights = .orthogonal }.run() }
        #expect(throws: SimulationError.self) { try config { _ in }.run(threads: 0) }
        #expect(SimulationError.invalidVariance(name: "sigma_w^2 (--sw2)", value: -1).description.contains("negative variance"))
    }
}

@Suite struct JacobianTests {
    /// At the critical point (tanh, σ_w² = 1, σ_b² = 0: q* = 0, χ₁ = 1) the mean squared singular
    /// value is χ₁^L = 1 for both ensembles, and orthogonal weights give a narrower spectrum
    /// (dynamical isometry) than Gaussian ones.
    @Test func criticalTanhSpectra() throws {
        let gaussian = try JacobianSpectrum(activation: .tanh, weightVariance: 1, biasVariance: 0, width: 40, depth: 8,
                                            networks: 12, seed: 1, weights: .gaussian).run(threads: 2)
        let orthogonal = try JacobianSpectrum(activation: .tanh, weightVariance: 1, biasVariance: 0, width: 40, depth: 8,
                                              networks: 12, seed: 1, weights: .orthogonal).run(threads: 2)
        #expect(abs(gaussian.predictedMeanSquaredSingularValue - 1) < 1e-9)
        for r in [gaussian, orthogonal] {
            #expect(abs(r.meanSquaredSingularValue.mean - r.predictedMeanSquaredSingularValue)
                    < 4 * r.meanSquaredSingularValue.standardError + 0.05,
                    "\(r.meanSquaredSingularValue.mean) ± \(r.meanSquaredSingularValue.standardError)")
        }
        #expect(orthogonal.squaredSingularValueVariance.mean < gaussian.squaredSingularValueVariance.mean / 4)
    }
}
