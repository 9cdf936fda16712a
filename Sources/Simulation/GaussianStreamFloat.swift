/// Single-precision Gaussians for the dense samplers' weight matrices, where drawing N² numbers per
/// layer dominates the cost.
///
/// Same streams and batches as the double-precision ``GaussianStream/fill(_:)-(UnsafeMutableBufferPointer<Double>)``
/// (8 Philox blocks per batch), but every 32-bit word is used: a batch gives 32 numbers. Words 0, 1
/// of the 8 blocks give u₁ = 2 − (1 + f) ∈ [2⁻²³, 1] and words 2, 3 give u₂ = f ∈ [0, 1) (23-bit
/// fractions f); Box–Muller with single-precision polynomials (relative error ≲ 2·10⁻⁷) gives
/// numbers j (cos) and 16 + j (sin), j = 0 … 15. The largest |x| is √(46 ln 2) ≈ 5.65: the
/// N(0, 1) tail beyond it (probability 1.6·10⁻⁸) is not produced, which changes the variance by
/// a relative 10⁻⁶ and is immaterial for the statistics measured here.
extension GaussianStream {
    typealias Lanes32 = SIMD16<Float>

    @inline(__always)
    func batch32(_ first: UInt64) -> (Lanes32, Lanes32) {
        let (c0, c1, c2, c3) = philoxLanes(first)
        let w1 = SIMD16<UInt32>(lowHalf: c0, highHalf: c1)
        let w2 = SIMD16<UInt32>(lowHalf: c2, highHalf: c3)
        let one = SIMD16<UInt32>(repeating: 0x3F80_0000)
        let u1 = Lanes32(repeating: 2) - unsafeBitCast((w1 &>> 9) | one, to: Lanes32.self)
        let u2 = unsafeBitCast((w2 &>> 9) | one, to: Lanes32.self) - Lanes32(repeating: 1)
        let radius = (Lanes32(repeating: -2) * Self.log32(u1)).squareRoot()
        let (cosine, sine) = Self.cosSinTwoPi32(u2)
        return (radius * cosine, radius * sine)
    }

    @inline(__always)
    static func horner32(_ a: Lanes32, _ b: Lanes32, _ c: Float) -> Lanes32 { a * b + Lanes32(repeating: c) }

    /// ln u for u ∈ [2⁻²³, 1]: as ``log(_:)`` in single precision, series to t⁹.
    @inline(__always)
    static func log32(_ u: Lanes32) -> Lanes32 {
        let bits = unsafeBitCast(u, to: SIMD16<UInt32>.self)
        let mantissa = bits & 0x007F_FFFF
        let big = (mantissa &+ (0x007F_FFFF - 0x0035_04F3)) &>> 23          // 1 where m > √2
        let m = unsafeBitCast(mantissa | ((0x7F &- big) &<< 23), to: Lanes32.self)
        let exponent = unsafeBitCast(((bits &>> 23) &+ big) | 0x4B00_0000, to: Lanes32.self) - Lanes32(repeating: 0x1p23 + 127)
        let t = (m - Lanes32(repeating: 1)) / (m + Lanes32(repeating: 1))
        let t2 = t * t
        var p = Lanes32(repeating: 1.0 / 9)
        p = horner32(p, t2, 1.0 / 7)
        p = horner32(p, t2, 1.0 / 5)
        p = horner32(p, t2, 1.0 / 3)
        p = horner32(p, t2, 1)
        return exponent * Lanes32(repeating: 0.693147180559945) + (t + t) * p
    }

    /// (cos 2πu, sin 2πu) in single precision: sin δ to δ⁹, cos δ to δ¹⁰ on [−π/4, π/4].
    @inline(__always)
    static func cosSinTwoPi32(_ u: Lanes32) -> (Lanes32, Lanes32) {
        let x = Lanes32(repeating: 4) * u
        let shifted = x + Lanes32(repeating: 0x1p23)
        let k = shifted - Lanes32(repeating: 0x1p23)
        let d = (x - k) * Lanes32(repeating: Float.pi / 2)
        let d2 = d * d
        var s = Lanes32(repeating: 1.0 / 362_880)
        s = horner32(s, d2, -1.0 / 5040)
        s = horner32(s, d2, 1.0 / 120)
        s = horner32(s, d2, -1.0 / 6)
        s = horner32(s, d2, 1)
        let sinD = s * d
        var c = Lanes32(repeating: -1.0 / 3_628_800)
        c = horner32(c, d2, 1.0 / 40320)
        c = horner32(c, d2, -1.0 / 720)
        c = horner32(c, d2, 1.0 / 24)
        c = horner32(c, d2, -0.5)
        c = horner32(c, d2, 1)
        let q = unsafeBitCast(shifted, to: SIMD16<UInt32>.self) & 3
        let swap = 0 &- (q & 1)
        let cBits = unsafeBitCast(c, to: SIMD16<UInt32>.self), sBits = unsafeBitCast(sinD, to: SIMD16<UInt32>.self)
        let first = (cBits & ~swap) | (sBits & swap)
        let second = (sBits & ~swap) | (cBits & swap)
        let cosine = unsafeBitCast(first ^ ((((q &+ 1) &>> 1) & 1) &<< 31), to: Lanes32.self)
        let sine = unsafeBitCast(second ^ ((q &>> 1) &<< 31), to: Lanes32.self)
        return (cosine, sine)
    }

    /// Fills `buffer` with single-precision N(0, 1) numbers, using ⌈count/32⌉ batches of 8 blocks.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<Float>) {
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        var index = blockIndex
        let raw = UnsafeMutableRawPointer(base)
        while i + 32 <= n {
            let (g1, g2) = batch32(index)
            raw.storeBytes(of: g1, toByteOffset: i * 4, as: Lanes32.self)
            raw.storeBytes(of: g2, toByteOffset: (i + 16) * 4, as: Lanes32.self)
            i += 32
            index &+= 8
        }
        if i < n {
            let (g1, g2) = batch32(index)
            for j in 0..<(n - i) { base[i + j] = j < 16 ? g1[j] : g2[j - 16] }
            index &+= 8
        }
        advance(to: index)
    }

    /// Fills `array` with single-precision N(0, 1) numbers.
    public mutating func fill(_ array: inout [Float]) {
        array.withUnsafeMutableBufferPointer { fill($0) }
    }
}
