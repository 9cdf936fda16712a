import Foundation

/// The engine's only source of randomness: xoshiro256** (Blackman & Vigna 2018) seeded through
/// SplitMix64, with Box–Muller Gaussians. Written here rather than taken from the standard
/// library because `SystemRandomNumberGenerator` cannot be seeded and the standard library's
/// distributions are not specified bit for bit across versions; this one is, so the same seed
/// gives the same weights, batches and accuracy on every run (same machine, same thread count).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// A second Box–Muller value kept for the next call (each transform yields two).
    private var spareGaussian: Double?

    /// A generator for `seed` and an independent `stream` (weights, data order, … use different
    /// streams so that changing one consumer's draws never shifts another's).
    public init(seed: UInt64, stream: UInt64 = 0) {
        // SplitMix64 spreads a small seed over all 256 bits of state (xoshiro must not start at 0).
        var x = seed &+ stream &* 0xD1B5_4A32_D192_ED03
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal variate (Box–Muller, polar-free form; computed in Double).
    public mutating func nextGaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - nextUniform()
        let u2 = nextUniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareGaussian = radius * sin(angle)
        return radius * cos(angle)
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's multiply-shift with rejection).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

