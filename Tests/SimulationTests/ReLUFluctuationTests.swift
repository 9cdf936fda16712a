import CBLAS
import Foundation
import Numerics
import Testing
@testable import Simulation

/// 003 Fig. 6: the Fourier-space covariance of the ReLU lattice fluctuations. Three independent
/// checks: the paper's Σ(q) (inverse of Eq. 22) against the real-space energy Eq. 21 inverted on a
/// ring; the cross-periodogram estimator against a process whose spectrum is known in closed form;
/// the simulated network against this project's leading-order covariance.
@Suite struct ReLUFluctuationTests {
    /// Eq. 21 on a ring of L sites is a Gaussian with precision A (3L × 3L); its covariance A⁻¹,
    /// Fourier transformed with the convention of ``ReLULatticeFluctuations``, must be the inverse
    /// of Eq. 22 at q = 2πj/L. This pins the sign of e^{±iq} that the measurement must match.
    @Test(arguments: [0.5, 1.3, 1.9])
    func paperCovarianceIsTheInverseOfEq21OnARing(sw2: Double) throws {
        let l = 12, n = 3 * l
        var a = [Double](repeating: 0, count: n * n)   // column-major, symmetric
        func add(_ i: Int, _ j: Int, _ v: Double) {
            a[i + n * j] += v
            if i != j { a[j + n * i] += v }
        }
        func p(_ site: Int) -> Int { 3 * ((site + l) % l) }
        for site in 0..<l {
            let plus = p(site), minus = p(site) + 1, k = p(site) + 2, previousPlus = p(site - 1)
            add(plus, plus, 1 + sw2 * sw2 / 2)
            add(minus, minus, 1)
            add(k, k, 3)
            add(k, plus, 0.5)
            add(k, minus, -0.5)
            add(previousPlus, plus, -sw2 / 2)
            add(previousPlus, minus, -sw2 / 2)
        }
        var info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &a, Int32(n))
        #expect(info == 0)
        info = LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &a, Int32(n))
        #expect(info == 0)
        func covariance(_ i: Int, _ j: Int) -> Double { i >= j ? a[i + n * j] : a[j + n * i] }
        let theory = ReLULatticeFluctuations(weightVariance: sw2, biasVariance: 0.01, width: 200)
        for j in 0..<l {
            let q = 2 * Double.pi * Double(j) / Double(l)
            let expected = try theory.paperCovariance(q)
            for f in FluctuationField.allCases {
                for g in FluctuationField.allCases {
                    var sum = Complex<Double>.zero
                    for d in 0..<l {
                        sum += Complex(Foundation.cos(q * Double(d)), Foundation.sin(q * Double(d)))
                            .multiplied(by: covariance(p(d) + f.rawValue, p(0) + g.rawValue))
                    }
                    #expect((sum - expected[f, g]).length < 1e-10, "σ_w² = \(sw2), q = \(q), (\(f), \(g)): ring \(sum) vs Eq. 22 \(expected[f, g])")
                }
            }
        }
    }

    /// The estimator (FFTW cross-periodogram, band means over series) on the linear recursion
    /// ε̃₊ ← ρ ε̃₊ + a, ε̃₋ = ρ ε̃₊(previous) + b, ε̃_k = κ with (a, b, κ) ~ N(0, C), simulated in
    /// layer space: every band of every component must match T C Tᴴ within 4 standard errors.
    /// A flipped Fourier sign would flip the imaginary parts (Im Σ₊₋ ≈ −0.9 here).
    @Test func estimatorRecoversAKnownCrossSpectrum() throws {
        let theory = ReLULatticeFluctuations(weightVariance: 1.0, biasVariance: 0.01, width: 200)
        let rho = 0.5, window = 256, burnIn = 64, series = 200
        // Cholesky factor of C, by hand (3×3).
        let l11 = 1.25.squareRoot(), l21 = -0.25 / l11, l31 = 0.25 / l11
        let l22 = (1.25 - l21 * l21).squareRoot(), l32 = (-0.25 - l31 * l21) / l22
        let l33 = (0.25 - l31 * l31 - l32 * l32).squareRoot()
        let bins = try ModeBins(windowLength: window, modesPerBin: 16)
        var perSeries: [[FieldCovariance]] = []
        for m in 0..<series {
            var stream = GaussianStream(seed: 11, stream: UInt64(m))
            var plus = 0.0
            var fields: [[Double]] = [[], [], []]
            for layer in 0..<(burnIn + window) {
                let g = stream.gaussians(3)
                let a = l11 * g[0], b = l21 * g[0] + l22 * g[1], kappa = l31 * g[0] + l32 * g[1] + l33 * g[2]
                let minus = rho * plus + b
                plus = rho * plus + a
                if layer >= burnIn {
                    fields[0].append(plus); fields[1].append(minus); fields[2].append(kappa)
                }
            }
            let modes = try crossPeriodogram(fields)
            perSeries.append(bins.bands.map { band in FieldCovariance.mean(band.map { modes[$0] }) })
        }
        let theoryBands = theory.leadingOrderCovariance(over: bins)
        for component in FluctuationComponent.all {
            for b in bins.bands.indices {
                let e = Estimate(samples: perSeries.map { $0[b].value(component) })
                let expected = theoryBands[b].value(component)
                #expect(abs(e.mean - expected) < 4 * e.standardError + 0.01, "\(component) band \(b): \(e.mean) ± \(e.standardError) vs \(expected)")
            }
        }
    }

    /// The simulated ReLU network (exact sampler) against the leading-order covariance: every
    /// component and band within 4 standard errors plus 5% (the O(1/√N) corrections at N = 200),
    /// and Σ_kk at the binomial 1/4 (003 Eq. 22 gives 2/5, which the figure shows as a gap).
    @Test func reluNetworkMatchesLeadingOrderCovariance() throws {
        let net = LatticeNetwork(model: .relu, weightVariance: 1.0, biasVariance: 0.01, width: 200, depth: 512, networks: 64, seed: 9)
        let measured = try net.fluctuationCovariance(modesPerBin: 16, threads: 2)
        let theory = ReLULatticeFluctuations(weightVariance: 1.0, biasVariance: 0.01, width: 200)
        #expect(measured.bins.bands.count == 8)
        let theoryBands = theory.leadingOrderCovariance(over: measured.bins)
        for component in FluctuationComponent.all {
            for (b, e) in measured.estimates(for: component).enumerated() {
                let expected = theoryBands[b].value(component)
                #expect(abs(e.mean - expected) < 4 * e.standardError + 0.05 * abs(expected),
                        "\(component) band \(b): \(e.mean) ± \(e.standardError) vs \(expected)")
            }
        }
        for e in measured.estimates(for: FluctuationComponent(row: .k, column: .k, part: .real)) {
            #expect(abs(e.mean - 0.25) < 4 * e.standardError, "Σ_kk \(e.mean) ± \(e.standardError)")
        }
    }

    /// Bands: modes 1 … ⌊W/2⌋ in groups, the last one short; bad sizes are named.
    @Test func modeBinsCoverTheNonZeroModes() throws {
        let bins = try ModeBins(windowLength: 513, modesPerBin: 8)
        #expect(bins.bands.count == 32)
        #expect(bins.bands.first == 1..<9)
        #expect(bins.bands.last == 249..<257)
        #expect(try ModeBins(windowLength: 20, modesPerBin: 3).bands.last == 10..<11)
        #expect(throws: SimulationError.self) { try ModeBins(windowLength: 20, modesPerBin: 0) }
    }
}
