import Foundation
import Testing
@testable import Simulation

@Suite struct GaussianStreamTests {
    /// Known-answer vectors of Random123's philox4x32-10 (kat_vectors).
    @Test func philoxKnownAnswers() {
        #expect(Philox4x32.block(counter: .zero, key: .zero) == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
        #expect(Philox4x32.block(counter: SIMD4(repeating: 0xffff_ffff), key: SIMD2(repeating: 0xffff_ffff))
                == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
        #expect(Philox4x32.block(counter: SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344),
                                 key: SIMD2(0xa409_3822, 0x299f_31d0))
                == SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
    }

    @Test func momentsAreStandardNormal() {
        var g = GaussianStream(seed: 42, stream: 3)
        let n = 200_000
        let x = g.gaussians(n)
        let mean = x.reduce(0, +) / Double(n)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let fourth = x.reduce(0) { $0 + pow($1 - mean, 4) } / Double(n) / (variance * variance)
        // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032, kurtosis √(24/n) ≈ 0.011.
        #expect(abs(mean) < 4 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / Double(n)).squareRoot())
        #expect(abs(fourth - 3) < 4 * (24 / Double(n)).squareRoot())
        // Tail: P(|x| > 3) = 0.0026998.
        let tail = Double(x.filter { abs($0) > 3 }.count) / Double(n)
        #expect(abs(tail - 0.0026998) < 4 * (0.0027 / Double(n)).squareRoot())
    }

    /// The branch-free ln, cos 2πu and sin 2πu agree with libm to 1e-13.
    @Test func polynomialsMatchLibm() {
        var worst = 0.0
        for i in 0..<4096 {
            let u = (Double(i) + 0.37) / 4096
            let lanes = GaussianStream.Lanes(repeating: u)
            let l = GaussianStream.log(lanes)[0]
            worst = max(worst, abs(l - Foundation.log(u)) / max(1, abs(Foundation.log(u))))
            let (c, s) = GaussianStream.cosSinTwoPi(lanes)
            let e = max(abs(c[0] - cos(2 * .pi * u)), abs(s[0] - sin(2 * .pi * u)))
            worst = max(worst, e)
        }
        for e in stride(from: -52.0, through: 0, by: 1) {
            let u = pow(2, e) * 1.3 > 1 ? 1 : pow(2, e) * 1.3
            let l = GaussianStream.log(GaussianStream.Lanes(repeating: u))[0]
            worst = max(worst, abs(l - Foundation.log(u)) / max(1, abs(Foundation.log(u))))
        }
        #expect(worst < 1e-13)
    }

    /// Single precision: polynomials to 1e-6 and standard-normal moments.
    @Test func singlePrecision() {
        var worst: Float = 0
        for i in 0..<4096 {
            let u = (Float(i) + 0.37) / 4096
            let lanes = GaussianStream.Lanes32(repeating: u)
            let l = GaussianStream.log32(lanes)[0]
            worst = max(worst, abs(l - Foundation.log(u)) / max(1, abs(Foundation.log(u))))
            let (c, s) = GaussianStream.cosSinTwoPi32(lanes)
            worst = max(worst, abs(c[0] - Float(cos(2 * .pi * Double(u)))), abs(s[0] - Float(sin(2 * .pi * Double(u)))))
        }
        #expect(worst < 1e-6)
        var g = GaussianStream(seed: 3, stream: 1)
        var x = [Float](repeating: 0, count: 200_000)
        g.fill(&x)
        let n = Double(x.count)
        let mean = x.reduce(0.0) { $0 + Double($1) } / n
        let variance = x.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (n - 1)
        #expect(abs(mean) < 4 / n.squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / n).squareRoot())
        #expect(g.blockIndex == 8 * 6250)
    }

    @Test func streamsAreReproducibleAndDistinct() {
        var a = GaussianStream(seed: 7, stream: 0), b = GaussianStream(seed: 7, stream: 0)
        var c = GaussianStream(seed: 7, stream: 1), d = GaussianStream(seed: 8, stream: 0)
        let xa = a.gaussians(101), xb = b.gaussians(101), xc = c.gaussians(101), xd = d.gaussians(101)
        #expect(xa == xb)
        #expect(xa != xc)
        #expect(xa != xd)
        // A request for n numbers uses ⌈n/16⌉ batches of 8 blocks.
        #expect(a.blockIndex == 56)
        // Chunked requests of multiples of 16 give the same numbers as one request.
        var e = GaussianStream(seed: 7, stream: 0)
        let chunks = e.gaussians(48) + e.gaussians(32) + e.gaussians(16)
        #expect(chunks == Array(xa.prefix(96)))
    }
}
