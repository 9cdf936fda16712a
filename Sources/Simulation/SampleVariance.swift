import Foundation

/// The unbiased sample variance s² of independent draws, with its standard error estimated from
/// the sample's fourth central moment: Var(s²) = μ₄/M − σ⁴(M − 3)/(M(M − 1)), which is
/// 2σ⁴/(M − 1) for Gaussian draws and larger for heavy-tailed ones, so the error bar does not
/// assume the draws are Gaussian.
///
/// ```swift
/// let v = SampleVariance(samples: perNetworkQ)     // Var q^L across networks
/// v.value, v.standardError
/// ```
public struct SampleVariance: Codable, Hashable, Sendable {
    /// s² = Σ(x − x̄)²/(M − 1); NaN for fewer than two draws.
    public let value: Double
    /// The standard error of s²; NaN for fewer than two draws.
    public let standardError: Double

    /// The variance of `samples`, summed in index order (deterministic).
    public init<C: Collection>(samples: C) where C.Element == Double {
        let m = Double(samples.count)
        guard samples.count >= 2 else {
            value = .nan
            standardError = .nan
            return
        }
        var sum = 0.0
        for x in samples { sum += x }
        let mean = sum / m
        var m2 = 0.0, m4 = 0.0
        for x in samples {
            let d = (x - mean) * (x - mean)
            m2 += d
            m4 += d * d
        }
        let s2 = m2 / (m - 1)
        value = s2
        // μ₄ estimated by the plug-in fourth moment; clamped at 0 where sampling noise in μ₄
        // would make the estimate negative (tiny samples of light-tailed draws).
        let variance = (m4 / m) / m - s2 * s2 * (m - 3) / (m * (m - 1))
        standardError = max(0, variance).squareRoot()
    }
}
