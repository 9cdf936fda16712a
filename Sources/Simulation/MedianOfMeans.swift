import Foundation

/// The median-of-means estimate of a mean, with a bootstrap percentile interval: the draws, in
/// index order, are split into k ≈ √M consecutive groups of (nearly) equal size, and the estimate
/// is the median of the group means.
///
/// Why this estimator for the Jacobian's mean squared singular value: the per-network value
/// (1/N) tr JJᵀ is a product of L layer factors, so its law is right-skewed and heavy-tailed
/// (close to log-normal, wider as L/N grows). A plain mean ± standard error then rests on a
/// normal sampling law that a few large networks break. The median of group means still
/// estimates the mean (a trimmed or winsorised mean would estimate a smaller location of a
/// right-skewed law) but is not moved by a rare huge draw, and its deviations are sub-Gaussian
/// with only a finite variance assumed (Lugosi & Mendelson 2019). The interval is the 2.5–97.5 %
/// percentiles of the estimate over bootstrap resamples of the draws, so it follows the skew.
/// The resamples come from a Philox stream keyed by `seed`: the interval is deterministic.
///
/// ```swift
/// let e = MedianOfMeans(samples: traces, seed: 1)
/// e.estimate, e.interval           // 1.02, 0.95...1.11
/// ```
public struct MedianOfMeans: Codable, Hashable, Sendable {
    /// The median of the group means (NaN for no draws).
    public let estimate: Double
    /// The 95 % bootstrap percentile interval of the estimate.
    public let interval: ClosedRange<Double>
    /// k, the number of groups.
    public let groups: Int
    /// How many bootstrap resamples made the interval.
    public let resamples: Int

    /// The estimate of the mean of `samples` and its interval from `resamples` bootstrap
    /// resamples (≥ 1).
    public init(samples: [Double], resamples: Int = 2000, seed: UInt64 = 0) {
        let k = Self.groupCount(samples.count)
        groups = k
        self.resamples = resamples
        guard !samples.isEmpty else {
            estimate = .nan
            interval = Double.nan...Double.nan
            return
        }
        estimate = Self.medianOfMeans(samples, groups: k)
        let n = samples.count
        var stream = BootstrapIndices(seed: seed, count: n)
        var replicate = [Double](repeating: 0, count: n)
        var estimates = [Double]()
        estimates.reserveCapacity(resamples)
        for _ in 0..<max(1, resamples) {
            for i in 0..<n { replicate[i] = samples[stream.next()] }
            estimates.append(Self.medianOfMeans(replicate, groups: k))
        }
        estimates.sort()
        interval = Self.percentile(estimates, 0.025)...Self.percentile(estimates, 0.975)
    }

    /// k = ⌊√M⌋ (at least 1): more groups resist more outliers, larger groups waste less
    /// of the data; √M balances the two.
    public static func groupCount(_ m: Int) -> Int { max(1, Int(Double(m).squareRoot())) }

    static func medianOfMeans(_ x: [Double], groups k: Int) -> Double {
        let n = x.count
        var means = [Double]()
        means.reserveCapacity(k)
        for g in 0..<k {
            let start = g * n / k, end = (g + 1) * n / k
            var sum = 0.0
            for i in start..<end { sum += x[i] }
            means.append(sum / Double(end - start))
        }
        means.sort()
        return k % 2 == 1 ? means[k / 2] : 0.5 * (means[k / 2 - 1] + means[k / 2])
    }

    /// The p-quantile of sorted values, linearly interpolated between order statistics.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(sorted.count - 1, lower + 1)
        let t = position - Double(lower)
        return sorted[lower] * (1 - t) + sorted[upper] * t
    }
}

/// Uniform indices in 0..<count from Philox4x32-10 blocks (four per block; the multiply-shift
/// map, whose bias of at most count/2³² is immaterial here).
struct BootstrapIndices {
    let stream: GaussianStream
    let count: UInt64
    var block: UInt64 = 0
    var lane = 4
    var current = SIMD4<UInt32>()

    init(seed: UInt64, count: Int) {
        stream = GaussianStream(seed: seed, stream: 0xB007)
        self.count = UInt64(count)
    }

    mutating func next() -> Int {
        if lane == 4 {
            current = stream.rawBlock(block)
            block += 1
            lane = 0
        }
        let r = UInt64(current[lane])
        lane += 1
        return Int((r * count) >> 32)
    }
}
