import Foundation
import Testing
@testable import Simulation

@Suite struct LatticeTests {
    /// 003 Eq. 13: the bulk norm of the linear stochastic network sits at r* = √(Nσ_b²/(1 − σ_w²)).
    /// The mean of |z| lies below the mode r* by O(r*/N) (003 footnote 1: they agree as N → ∞): the
    /// measurement must match the finite-N mean (``LatticeNetwork/finiteWidthMeanNorm``) within
    /// 4 standard errors plus 0.1 r*/N, and r* itself within 4 standard errors plus r*/N.
    @Test(arguments: [0.2, 0.5, 0.8])
    func linearNormMatchesSaddlePoint(sw2: Double) throws {
        let net = LatticeNetwork(model: .linear, weightVariance: sw2, biasVariance: 0.01, width: 100, depth: 256,
                                 networks: 24, seed: 1)
        let r = try net.run(threads: 2)
        let rStar = net.predictedNorm
        #expect(abs(r.norm.mean - rStar) < 4 * r.norm.standardError + rStar / 100,
                "norm \(r.norm.mean) ± \(r.norm.standardError) vs r* = \(rStar)")
        #expect(abs(r.norm.mean - net.finiteWidthMeanNorm) < 4 * r.norm.standardError + 0.1 * rStar / 100,
                "norm \(r.norm.mean) ± \(r.norm.standardError) vs finite-N mean \(net.finiteWidthMeanNorm)")
    }

    /// 003 Eq. 20: r*₊ = r*₋ = √(Nσ_b²/(2(1 − σ_w²/2))), k* = N/2. The finite-N offset of the
    /// mean is larger than for the linear network (5/(4N) vs 1/(2N) relative variance), so the
    /// tolerance against r* is 4 standard errors plus 2r*/N.
    @Test(arguments: [0.5, 1.0, 1.5])
    func reluMatchesSaddlePoint(sw2: Double) throws {
        let net = LatticeNetwork(model: .relu, weightVariance: sw2, biasVariance: 0.01, width: 100, depth: 256,
                                 networks: 24, seed: 2)
        let r = try net.run(threads: 2)
        let rStar = net.predictedNorm
        for (name, e) in [("r+", r.rPlus!), ("r-", r.rMinus!)] {
            #expect(abs(e.mean - rStar) < 4 * e.standardError + 2 * rStar / 100, "\(name) \(e.mean) ± \(e.standardError) vs \(rStar)")
            #expect(abs(e.mean - net.finiteWidthMeanNorm) < 4 * e.standardError + 0.1 * rStar / 100,
                    "\(name) \(e.mean) ± \(e.standardError) vs finite-N mean \(net.finiteWidthMeanNorm)")
        }
        #expect(abs(r.k!.mean - 50) < 4 * r.k!.standardError + 0.5, "k \(r.k!.mean) ± \(r.k!.standardError)")
    }

    /// The dense sampler (every W drawn) and the exact one agree in distribution.
    @Test(arguments: [LatticeModel.linear, LatticeModel.relu])
    func denseAndExactAgree(model: LatticeModel) throws {
        var net = LatticeNetwork(model: model, weightVariance: 0.5, biasVariance: 0.01, width: 40, depth: 64,
                                 networks: 24, seed: 3, sampler: .dense)
        let dense = try net.run(threads: 2)
        net.sampler = .exact
        let exact = try net.run(threads: 2)
        let s = (pow(dense.norm.standardError, 2) + pow(exact.norm.standardError, 2)).squareRoot()
        #expect(abs(dense.norm.mean - exact.norm.mean) < 4 * s, "dense \(dense.norm.mean) exact \(exact.norm.mean) ± \(s)")
        if model == .relu {
            let sk = (pow(dense.k!.standardError, 2) + pow(exact.k!.standardError, 2)).squareRoot()
            #expect(abs(dense.k!.mean - exact.k!.mean) < 4 * sk)
        }
    }

    /// Float32 weight matrices (dense sampler) give the same law as the exact sampler.
    @Test func denseFloat32WeightsAgreeWithExact() throws {
        var net = LatticeNetwork(model: .relu, weightVariance: 1.0, biasVariance: 0.01, width: 64, depth: 128,
                                 networks: 24, seed: 5, sampler: .dense, singlePrecisionWeights: true)
        let dense = try net.run(threads: 2)
        net.sampler = .exact
        let exact = try net.run(threads: 2)
        for (a, b) in [(dense.rPlus!, exact.rPlus!), (dense.rMinus!, exact.rMinus!), (dense.k!, exact.k!)] {
            let s = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
            #expect(abs(a.mean - b.mean) < 4 * s, "dense Float32 \(a.mean) exact \(b.mean) ± \(s)")
        }
    }

    /// 003 Eq. 15: the Fourier modes of r_l − r* have variance σ_b²/(2Δ_w((1 + σ_w⁴) − 2σ_w² cos q)).
    /// Each measured mode is a mean of M periodogram ordinates (relative error ≈ 1/√M); the test
    /// compares band averages (≈ 16 modes each) away from q = 0, where the window's edges and the
    /// O(1/N) offset of the mean from r* add power.
    @Test func linearSpectrumMatchesEq15() throws {
        let net = LatticeNetwork(model: .linear, weightVariance: 0.5, biasVariance: 0.01, width: 200, depth: 512,
                                 networks: 24, seed: 4)
        let r = try net.run(threads: 2, spectrum: true)
        let v = r.modeVariance!, p = r.modeVariancePredicted!
        #expect(v.count == 129)
        for band in stride(from: 1, to: 129 - 16, by: 32) {
            let measured = v[band..<(band + 16)].reduce(0, +)
            let predicted = p[band..<(band + 16)].reduce(0, +)
            // Relative standard error of a band mean: 1/√(16 · 24) ≈ 0.05.
            #expect(abs(measured / predicted - 1) < 0.25, "band at mode \(band): \(measured / predicted)")
        }
    }

    @Test func reproducibleAcrossThreadCounts() throws {
        for sampler in [Sampler.dense, .exact] {
            let net = LatticeNetwork(model: .relu, weightVariance: 1, biasVariance: 0.01, width: 20, depth: 32,
                                     networks: 5, seed: 9, sampler: sampler)
            let a = try net.run(threads: 1), b = try net.run(threads: 4)
            #expect(a == b)
        }
        let linear = LatticeNetwork(model: .linear, weightVariance: 0.5, biasVariance: 0.01, width: 20, depth: 32,
                                    networks: 5, seed: 9)
        #expect(try linear.run(threads: 1, spectrum: true) == linear.run(threads: 2, spectrum: true))
    }

    @Test func badInputsAreRejected() {
        func net(_ edit: (inout LatticeNetwork) -> Void) -> LatticeNetwork {
            var n = LatticeNetwork(model: .linear, weightVariance: 0.5, biasVariance: 0.01, width: 10, depth: 16,
                                   networks: 2, seed: 1)
            edit(&n)
            return n
        }
        #expect(throws: SimulationError.self) { try net { $0.weightVariance = 1 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.weightVariance = 1.5 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.model = .relu; $0.weightVariance = 2 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.windowStart = 17 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.windowStart = -1 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.networks = 0 }.run() }
        #expect(throws: SimulationError.self) { try net { $0.biasVariance = 0 }.run() }
        #expect(throws: SimulationError.invalidVariance(name: "sigma_w^2 (--sw2)", value: -1)) { try net { $0.weightVariance = -1 }.run() }
        // σ_w² ≥ 1 names the missing saddle point.
        do {
            try net { $0.weightVariance = 1 }.validate()
        } catch {
            #expect("\(error)".contains("no saddle point"))
        }
        // A window of the whole network is allowed.
        #expect(throws: Never.self) { try net { $0.windowStart = 0 }.run(threads: 1) }
    }

    /// The traced trajectories are the very networks `run` averages: their window means, averaged
    /// over networks, reproduce `run`'s norm exactly, and each starts at the random input's norm.
    @Test func trajectoriesAreTheNetworksRunAverages() throws {
        let network = LatticeNetwork(model: .linear, weightVariance: 0.5, biasVariance: 0.01, width: 64, depth: 128, networks: 4, seed: 9)
        let traces = try network.normTrajectories(count: 4, threads: 2)
        #expect(traces.count == 4 && traces.allSatisfy { $0.count == 129 })
        let windowMeans = traces.map { t in t[network.windowStart...].reduce(0, +) / Double(network.windowLength) }
        let fromTraces = windowMeans.reduce(0, +) / 4
        let fromRun = try network.run(threads: 1).norm.mean
        #expect(abs(fromTraces - fromRun) <= 1e-12 * fromRun, "\(fromTraces) vs \(fromRun)")
        for t in traces { #expect(abs(t[0] / 8 - 1) < 0.5, "|z⁰| = \(t[0]) for N = 64") }
    }
}
