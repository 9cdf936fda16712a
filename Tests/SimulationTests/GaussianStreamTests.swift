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

    /// The kernel's numbers are Box–Muller of the Philox blocks: recomputed here from the scalar
    /// Philox (``Philox4x32/block(counter:key:)``) with libm's log, cos and sin, they agree to
    /// 1e-13 relative (the kernel's branch-free polynomials), in every lane and both halves.
    @Test func kernelIsBoxMullerOfPhiloxBlocks() {
        var g = GaussianStream(seed: 0xDEAD_BEEF_1234, stream: 77)
        let batches = 4000
        let x = g.gaussians(16 * batches)
        var worst = 0.0
        for t in 0..<batches {
            for j in 0..<8 {
                let block = g.rawBlock(UInt64(8 * t + j))
                let a = UInt64(block.x) << 32 | UInt64(block.y), b = UInt64(block.z) << 32 | UInt64(block.w)
                let u1 = 2 - Double(bitPattern: (a >> 12) | 0x3FF0_0000_0000_0000)
                let u2 = Double(bitPattern: (b >> 12) | 0x3FF0_0000_0000_0000) - 1
                let radius = (-2 * Foundation.log(u1)).squareRoot()
                let expected = (radius * cos(2 * .pi * u2), radius * sin(2 * .pi * u2))
                worst = max(worst, abs(x[16 * t + j] - expected.0) / max(1, abs(expected.0)),
                            abs(x[16 * t + 8 + j] - expected.1) / max(1, abs(expected.1)))
            }
        }
        #expect(worst < 1e-13, "worst relative error \(worst)")
    }

    /// Single precision: the same check (lanes 0–7 use words 0 and 2, lanes 8–15 words 1 and 3 of
    /// the 8 blocks) to 2e-6 relative, then standard-normal moments.
    @Test func singlePrecision() {
        var check = GaussianStream(seed: 5, stream: 2)
        let batches = 2000
        var y = [Float](repeating: 0, count: 32 * batches)
        check.fill(&y)
        var worst = 0.0
        for t in 0..<batches {
            for j in 0..<16 {
                let block = check.rawBlock(UInt64(8 * t + j % 8))
                let (w1, w2) = j < 8 ? (block.x, block.z) : (block.y, block.w)
                let u1 = Double(2 - Float(bitPattern: (w1 >> 9) | 0x3F80_0000))
                let u2 = Double(Float(bitPattern: (w2 >> 9) | 0x3F80_0000) - 1)
                let radius = (-2 * Foundation.log(u1)).squareRoot()
                let expected = (radius * cos(2 * .pi * u2), radius * sin(2 * .pi * u2))
                worst = max(worst, abs(Double(y[32 * t + j]) - expected.0) / max(1, abs(expected.0)),
                            abs(Double(y[32 * t + 16 + j]) - expected.1) / max(1, abs(expected.1)))
            }
        }
        #expect(worst < 2e-6, "worst relative error \(worst)")
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

    /// Same seed, same numbers on every machine: the FNV-1a hash of 320 000 Float64 and 640 000
    /// Float32 numbers, as computed on 2026-11-27 by the kernel's baseline, AVX2, AVX-512 and -O0
    /// builds and by the Swift SIMD generator the C kernel replaced (all equal). Whichever copy the
    /// loader picks on this CPU must reproduce it.
    @Test func sameNumbersOnEveryInstructionSet() {
        var g = GaussianStream(seed: 0x1234_0000_BEEF, stream: 77)
        let d = g.gaussians(16 * 20000)
        var f = [Float](repeating: 0, count: 32 * 20000)
        g.fill(&f)
        var h: UInt64 = 14_695_981_039_346_656_037
        d.withUnsafeBytes { for b in $0 { h ^= UInt64(b); h = h &* 1_099_511_628_211 } }
        f.withUnsafeBytes { for b in $0 { h ^= UInt64(b); h = h &* 1_099_511_628_211 } }
        #expect(h == 0x6e94_06eb_bf16_a5ed, "kernel \(GaussianStream.instructionSet): hash \(String(h, radix: 16))")
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
