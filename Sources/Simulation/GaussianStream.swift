import CPhiloxGaussian
import Foundation

/// Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3",
/// SC 2011): a counter-based generator. The output block is a bijection of a 128-bit counter under
/// a 64-bit key, so any block of any stream is computed directly from (key, counter) with no
/// sequential state; streams never overlap and the numbers do not depend on how work is split
/// over threads.
///
/// ```swift
/// Philox4x32.block(counter: .zero, key: .zero)   // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
/// ```
public enum Philox4x32 {
    @usableFromInline static let m0: UInt32 = 0xD251_1F53
    @usableFromInline static let m1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let w0: UInt32 = 0x9E37_79B9
    @usableFromInline static let w1: UInt32 = 0xBB67_AE85

    /// The ten-round Philox4x32 bijection of `counter` under `key` (Random123's `philox4x32`).
    @inlinable @inline(__always)
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c0 = counter.x, c1 = counter.y, c2 = counter.z, c3 = counter.w
        var k0 = key.x, k1 = key.y
        for round in 0..<10 {
            if round > 0 { k0 &+= w0; k1 &+= w1 }
            let p0 = UInt64(m0) &* UInt64(c0)
            let p1 = UInt64(m1) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            c0 = hi1 ^ c1 ^ k0
            c1 = lo1
            c2 = hi0 ^ c3 ^ k1
            c3 = lo0
        }
        return SIMD4(c0, c1, c2, c3)
    }
}

/// A reproducible stream of standard Gaussian numbers, one per (seed, stream) pair.
///
/// The key of the Philox4x32-10 generator is the 64-bit `seed`; the counter is
/// (block index low, block index high, stream low, stream high), so stream `s` owns the 2⁶⁴ blocks
/// whose high counter words are `s`. Simulations give network `m` the stream `m`, so network `m`
/// sees the same numbers whatever the number of threads and whichever thread runs it.
///
/// Numbers come in batches of 16 from 8 consecutive blocks, computed 8 lanes at a time by the C
/// kernel in `Sources/CPhiloxGaussian` (one copy per instruction set, picked at load time, all
/// rounding identically): block b = 8t + j (j = 0 … 7) of batch t gives two uniforms from its two
/// 64-bit halves,
/// u₁ = 2 − (1 + f₁) ∈ [2⁻⁵², 1] and u₂ = f₂ ∈ [0, 1) with 52-bit fractions f, and by the
/// Box–Muller transform the batch's numbers j and 8 + j, √(−2 ln u₁) cos 2πu₂ and
/// √(−2 ln u₁) sin 2πu₂. ln, sin and cos are evaluated with branch-free polynomials (relative error
/// below 10⁻¹³); the largest possible |x| is √(104 ln 2) ≈ 8.49 (the tail beyond has probability
/// 2·10⁻¹⁷). A request for n numbers uses ⌈n/16⌉ batches and discards the rest of the last one, so
/// block consumption is a function of the request sequence only.
///
/// Single precision (``fill(_:)-(UnsafeMutableBufferPointer<Float>)``, for the dense samplers'
/// weight matrices): the same batches, but every 32-bit word is used, 32 numbers per batch. Words
/// 0, 1 of the 8 blocks give u₁ = 2 − (1 + f) ∈ [2⁻²³, 1] and words 2, 3 give u₂ = f ∈ [0, 1)
/// (23-bit fractions), Box–Muller with single-precision polynomials (relative error ≲ 2·10⁻⁷)
/// gives numbers j (cos) and 16 + j (sin), j = 0 … 15. The largest |x| is √(46 ln 2) ≈ 5.65: the
/// N(0, 1) tail beyond it (probability 1.6·10⁻⁸) is not produced, which changes the variance by a
/// relative 10⁻⁶ and is immaterial for the statistics measured here.
///
/// ```swift
/// var g = GaussianStream(seed: 1, stream: 7)
/// var buffer = [Double](repeating: 0, count: 1000)
/// g.fill(&buffer)            // 63 batches (504 blocks)
/// let x = g.next()           // one more batch
/// ```
public struct GaussianStream: Sendable {
    /// The Philox key (the seed).
    public let key: SIMD2<UInt32>
    /// The stream index, the high half of the counter.
    public let stream: UInt64
    /// The index of the next block to use (a multiple of 8).
    public private(set) var blockIndex: UInt64 = 0

    /// The stream `stream` of the generator keyed by `seed`.
    public init(seed: UInt64, stream: UInt64) {
        key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.stream = stream
    }

    /// The block `index` of this stream (raw Philox output).
    public func rawBlock(_ index: UInt64) -> SIMD4<UInt32> {
        Philox4x32.block(counter: SIMD4(UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
                                        UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)),
                         key: key)
    }

    /// The instruction set the generator's kernel runs with on this CPU ("avx512f", "avx2",
    /// "baseline"), for benchmark tables.
    public static var instructionSet: String { String(cString: philox_gaussian_isa()) }

    /// Fills `buffer` with N(0, 1) numbers, using ⌈count/16⌉ batches of 8 blocks.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        fill(buffer, perBatch: 16, kernel: philox_gaussian_fill_f64)
    }

    /// Fills `buffer` with single-precision N(0, 1) numbers, using ⌈count/32⌉ batches of 8 blocks.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Float>) {
        fill(buffer, perBatch: 32, kernel: philox_gaussian_fill_f32)
    }

    /// Whole batches straight into the buffer; a partial last batch through a scratch batch whose
    /// unused numbers are dropped.
    private mutating func fill<T: BinaryFloatingPoint>(_ buffer: UnsafeMutableBufferPointer<T>, perBatch: Int,
                                                      kernel: (UInt32, UInt32, UInt64, UInt64, Int, UnsafeMutablePointer<T>?) -> Void) {
        guard let base = buffer.baseAddress else { return }
        let whole = buffer.count / perBatch
        kernel(key.x, key.y, stream, blockIndex, whole, base)
        blockIndex &+= 8 * UInt64(whole)
        let rest = buffer.count - whole * perBatch
        if rest > 0 {
            // On the stack: the exact sampler asks for N numbers per layer, mostly not a multiple of 16.
            withUnsafeTemporaryAllocation(of: T.self, capacity: perBatch) { scratch in
                kernel(key.x, key.y, stream, blockIndex, 1, scratch.baseAddress)
                (base + whole * perBatch).update(from: scratch.baseAddress!, count: rest)
            }
            blockIndex &+= 8
        }
    }

    /// Fills `array` with N(0, 1) numbers.
    public mutating func fill(_ array: inout [Double]) {
        array.withUnsafeMutableBufferPointer { fill($0) }
    }

    /// Fills `array` with single-precision N(0, 1) numbers.
    public mutating func fill(_ array: inout [Float]) {
        array.withUnsafeMutableBufferPointer { fill($0) }
    }

    /// One N(0, 1) number (uses one batch).
    public mutating func next() -> Double {
        var batch = [Double](repeating: 0, count: 16)
        fill(&batch)
        return batch[0]
    }

    /// `count` N(0, 1) numbers.
    public mutating func gaussians(_ count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        fill(&out)
        return out
    }
}
