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
/// Numbers come in batches of 16 from 8 consecutive blocks, computed 8 lanes at a time (SIMD):
/// block b = 8t + j (j = 0 … 7) of batch t gives two uniforms from its two 64-bit halves,
/// u₁ = 2 − (1 + f₁) ∈ [2⁻⁵², 1] and u₂ = f₂ ∈ [0, 1) with 52-bit fractions f, and by the
/// Box–Muller transform the batch's numbers j and 8 + j, √(−2 ln u₁) cos 2πu₂ and
/// √(−2 ln u₁) sin 2πu₂. ln, sin and cos are evaluated with branch-free polynomials (relative error
/// below 10⁻¹³); the largest possible |x| is √(104 ln 2) ≈ 8.49 (the tail beyond has probability
/// 2·10⁻¹⁷). A request for n numbers uses ⌈n/16⌉ batches and discards the rest of the last one, so
/// block consumption is a function of the request sequence only.
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

    typealias Lanes = SIMD8<Double>

    /// The 16 Gaussians of the batch of blocks first, first + 1, …, first + 7: (cos half, sin half).
    /// Philox4x32-10 on the 8 counters first … first + 7 at once: the four output words, by lane.
    @inline(__always)
    func philoxLanes(_ first: UInt64) -> (SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>) {
        let index = SIMD8<UInt64>(repeating: first) &+ SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        var c0 = SIMD8<UInt32>(truncatingIfNeeded: index)
        var c1 = SIMD8<UInt32>(truncatingIfNeeded: index &>> 32)
        var c2 = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: stream))
        var c3 = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: stream >> 32))
        var k0 = key.x, k1 = key.y
        let m0 = SIMD8<UInt64>(repeating: UInt64(Philox4x32.m0)), m1 = SIMD8<UInt64>(repeating: UInt64(Philox4x32.m1))
        for round in 0..<10 {
            if round > 0 { k0 &+= Philox4x32.w0; k1 &+= Philox4x32.w1 }
            let p0 = SIMD8<UInt64>(truncatingIfNeeded: c0) &* m0
            let p1 = SIMD8<UInt64>(truncatingIfNeeded: c2) &* m1
            let hi0 = SIMD8<UInt32>(truncatingIfNeeded: p0 &>> 32), lo0 = SIMD8<UInt32>(truncatingIfNeeded: p0)
            let hi1 = SIMD8<UInt32>(truncatingIfNeeded: p1 &>> 32), lo1 = SIMD8<UInt32>(truncatingIfNeeded: p1)
            c0 = hi1 ^ c1 ^ SIMD8(repeating: k0)
            c1 = lo1
            c2 = hi0 ^ c3 ^ SIMD8(repeating: k1)
            c3 = lo0
        }
        return (c0, c1, c2, c3)
    }

    mutating func advance(to index: UInt64) { blockIndex = index }

    /// The 16 Gaussians of the batch of blocks first, first + 1, …, first + 7: (cos half, sin half).
    @inline(__always)
    func batch(_ first: UInt64) -> (Lanes, Lanes) {
        let (c0, c1, c2, c3) = philoxLanes(first)
        let a = (SIMD8<UInt64>(truncatingIfNeeded: c0) &<< 32) | SIMD8<UInt64>(truncatingIfNeeded: c1)
        let b = (SIMD8<UInt64>(truncatingIfNeeded: c2) &<< 32) | SIMD8<UInt64>(truncatingIfNeeded: c3)
        let one = SIMD8<UInt64>(repeating: 0x3FF0_0000_0000_0000)
        // u₁ ∈ [2⁻⁵², 1], u₂ ∈ [0, 1).
        let u1 = 2 - unsafeBitCast((a &>> 12) | one, to: Lanes.self)
        let u2 = unsafeBitCast((b &>> 12) | one, to: Lanes.self) - 1
        let radius = (-2 * Self.log(u1)).squareRoot()
        let (cosine, sine) = Self.cosSinTwoPi(u2)
        return (radius * cosine, radius * sine)
    }

    /// a·b + c with c broadcast explicitly (keeps the lanes in vector registers).
    @inline(__always)
    static func horner(_ a: Lanes, _ b: Lanes, _ c: Double) -> Lanes { a * b + Lanes(repeating: c) }

    /// ln u for u ∈ [2⁻⁵², 1] (normal, positive): u = 2^e m, m ∈ [√½, √2), ln m = 2 atanh t,
    /// t = (m − 1)/(m + 1), |t| ≤ 0.172, series to t¹⁵ (relative error < 2·10⁻¹⁴).
    @inline(__always)
    static func log(_ u: Lanes) -> Lanes {
        // Integer lane operations only (no per-lane branches): m = mantissa scaled into [√½, √2).
        let bits = unsafeBitCast(u, to: SIMD8<UInt64>.self)
        let mantissa = bits & 0x000F_FFFF_FFFF_FFFF
        let big = (mantissa &+ (0x000F_FFFF_FFFF_FFFF - 0x0006_A09E_667F_3BCD)) &>> 52   // 1 where m > √2
        let m = unsafeBitCast(mantissa | ((0x3FF &- big) &<< 52), to: Lanes.self)
        // The exponent as a double: 2⁵² + e has e in its low mantissa bits.
        let exponent = unsafeBitCast(((bits &>> 52) &+ big) | 0x4330_0000_0000_0000, to: Lanes.self) - (0x1p52 + 1023)
        let t = (m - Lanes(repeating: 1)) / (m + Lanes(repeating: 1))
        let t2 = t * t
        var p = Lanes(repeating: 1.0 / 15)
        p = horner(p, t2, 1.0 / 13)
        p = horner(p, t2, 1.0 / 11)
        p = horner(p, t2, 1.0 / 9)
        p = horner(p, t2, 1.0 / 7)
        p = horner(p, t2, 1.0 / 5)
        p = horner(p, t2, 1.0 / 3)
        p = horner(p, t2, 1)
        return exponent * Lanes(repeating: 0.69314718055994530942) + (t + t) * p
    }

    /// (cos 2πu, sin 2πu) for u ∈ [0, 1): 4u = k + f with k the nearest integer, δ = πf/2 ∈ [−π/4, π/4],
    /// Taylor series of sin δ to δ¹³ and cos δ to δ¹⁴, rotated by k quarter turns.
    @inline(__always)
    static func cosSinTwoPi(_ u: Lanes) -> (Lanes, Lanes) {
        let x = 4 * u
        // Round to nearest by adding 2⁵² (no SSE4.1 roundpd needed): its low bits hold k ∈ {0, …, 4}.
        let shifted = x + 0x1p52
        let k = shifted - 0x1p52
        let d = (x - k) * (Double.pi / 2)
        return cosSinRotate(quarterTurns: unsafeBitCast(shifted, to: SIMD8<UInt64>.self) & 3, d: d, d2: d * d)
    }

    @inline(__always)
    static func cosSinRotate(quarterTurns q: SIMD8<UInt64>, d: Lanes, d2: Lanes) -> (Lanes, Lanes) {
        // sin δ = δ(1 − δ²/3! + δ⁴/5! − … + δ¹²/13!)
        var s = Lanes(repeating: 1.0 / 6_227_020_800)
        s = horner(s, d2, -1.0 / 39_916_800)
        s = horner(s, d2, 1.0 / 362_880)
        s = horner(s, d2, -1.0 / 5040)
        s = horner(s, d2, 1.0 / 120)
        s = horner(s, d2, -1.0 / 6)
        s = horner(s, d2, 1)
        let sinD = s * d
        // cos δ = 1 − δ²/2! + δ⁴/4! − … + δ¹⁴/14!
        var c = Lanes(repeating: -1.0 / 87_178_291_200)
        c = horner(c, d2, 1.0 / 479_001_600)
        c = horner(c, d2, -1.0 / 3_628_800)
        c = horner(c, d2, 1.0 / 40320)
        c = horner(c, d2, -1.0 / 720)
        c = horner(c, d2, 1.0 / 24)
        c = horner(c, d2, -0.5)
        c = horner(c, d2, 1)
        // Quarter turns q = k mod 4: (cos, sin) → q=0 (c, s), 1 (−s, c), 2 (−c, −s), 3 (s, −c),
        // by bit selects and sign flips (exact, branch-free).
        let swap = 0 &- (q & 1)                                   // all ones for q = 1, 3
        let cBits = unsafeBitCast(c, to: SIMD8<UInt64>.self), sBits = unsafeBitCast(sinD, to: SIMD8<UInt64>.self)
        let first = (cBits & ~swap) | (sBits & swap)
        let second = (sBits & ~swap) | (cBits & swap)
        let cosine = unsafeBitCast(first ^ ((((q &+ 1) &>> 1) & 1) &<< 63), to: Lanes.self)
        let sine = unsafeBitCast(second ^ ((q &>> 1) &<< 63), to: Lanes.self)
        return (cosine, sine)
    }

    /// Fills `buffer` with N(0, 1) numbers, using ⌈count/16⌉ batches of 8 blocks.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        var index = blockIndex
        let raw = UnsafeMutableRawPointer(base)
        while i + 16 <= n {
            let (g1, g2) = batch(index)
            raw.storeBytes(of: g1, toByteOffset: i * 8, as: Lanes.self)
            raw.storeBytes(of: g2, toByteOffset: (i + 8) * 8, as: Lanes.self)
            i += 16
            index &+= 8
        }
        if i < n {
            let (g1, g2) = batch(index)
            for j in 0..<(n - i) { base[i + j] = j < 8 ? g1[j] : g2[j - 8] }
            index &+= 8
        }
        blockIndex = index
    }

    /// Fills `array` with N(0, 1) numbers.
    public mutating func fill(_ array: inout [Double]) {
        array.withUnsafeMutableBufferPointer { fill($0) }
    }

    /// One N(0, 1) number (uses one batch).
    public mutating func next() -> Double {
        let g = batch(blockIndex).0[0]
        blockIndex &+= 8
        return g
    }

    /// `count` N(0, 1) numbers.
    public mutating func gaussians(_ count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        fill(&out)
        return out
    }
}
