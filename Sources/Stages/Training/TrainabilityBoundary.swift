import Foundation
import Training

/// Where training stops working in a (σ_w², depth) heatmap, and the multiple n in
/// depth_boundary = n·ξ_c(σ_w²) that 002 §4 draws as 4.5 ξ_c (and Schoenholz et al. 2017 as
/// 6 ξ_c) but neither measures.
///
/// Per column: the boundary is the depth where test accuracy crosses halfway between chance and
/// the column's best accuracy, linearly interpolated between the two rows it falls between
/// (scanning from shallow to deep, the first crossing from above to below). A column whose
/// accuracy never drops below the threshold, starts below it, or never rises 0.1 above chance
/// has no boundary inside the grid.
/// n is the least-squares slope through the origin of boundary against ξ_c over the columns with
/// a finite ξ_c no deeper than the grid and a boundary inside (at least two). Its interval says what it is: with five or
/// more such columns, a 95% bootstrap over them; with fewer, a bootstrap of two to four points
/// is mostly the points themselves, so the interval is the min–max of the per-column ratios
/// boundary/ξ_c, and ``intervalKind`` says so.
public struct TrainabilityBoundary: Sendable, Equatable {
    /// What ``nLow`` … ``nHigh`` is.
    public enum IntervalKind: String, Sendable, Equatable {
        /// 2.5% and 97.5% quantiles of n over a bootstrap resampling of the columns used.
        case bootstrap95 = "95% bootstrap over columns"
        /// The smallest and largest per-column ratio boundary/ξ_c.
        case ratioRange = "min-max of per-column ratios"
    }

    /// The boundary depth per σ_w² column (NaN where not inside the grid).
    public var boundary: [Double]
    /// Columns used in the fit.
    public var columnsUsed: [Int]
    /// The fitted multiple (nil with fewer than ``minimumColumns`` usable columns).
    public var n: Double?
    /// The interval's ends; ``intervalKind`` says what they are.
    public var nLow: Double?
    public var nHigh: Double?
    /// A bootstrap with ≥ ``bootstrapMinimumColumns`` columns, otherwise the ratios' range.
    public var intervalKind: IntervalKind?
    /// boundary/ξ_c per column (NaN where the column is not used).
    public var ratio: [Double]
    /// Why n is missing, when it is.
    public var note: String?

    /// How far above chance a column's best accuracy must be for it to have a boundary.
    public static let minimumGain = 0.1
    /// Fewest usable columns for a fitted n.
    public static let minimumColumns = 2
    /// Fewest usable columns for a bootstrap interval; below it the interval is the ratios' range.
    public static let bootstrapMinimumColumns = 5

    /// `accuracy[row][column]` over `depths` (rows, ascending) and σ_w² columns; `xi` per column.
    public init(accuracy: [[Double]], depths: [Double], xi: [Double], chance: Double,
                bootstrapSamples: Int = 2000, seed: UInt64 = 20_170_101) {
        let columns = xi.count
        var boundary = [Double](repeating: .nan, count: columns)
        for column in 0..<columns {
            let values = accuracy.map { $0[column] }
            // A column that never trains (best within 0.1 of chance) has no boundary to find.
            guard let best = values.filter({ $0.isFinite }).max(), best - chance >= Self.minimumGain else { continue }
            let threshold = chance + (best - chance) / 2
            guard values[0].isFinite, values[0] >= threshold else { continue }
            for row in 0..<(values.count - 1) where values[row] >= threshold && !(values[row + 1] >= threshold) {
                let below = values[row + 1].isFinite ? values[row + 1] : chance
                let t = (values[row] - threshold) / (values[row] - below)
                boundary[column] = depths[row] + t * (depths[row + 1] - depths[row])
                break
            }
        }
        self.boundary = boundary
        // A column whose ξ_c exceeds the deepest row cannot show a boundary at n ≥ 1 inside the
        // grid; a dip there is noise, and with least-squares weights ξ_c² it would drag n to 0.
        let deepest = depths.last ?? 0
        let used = (0..<columns).filter { xi[$0].isFinite && xi[$0] > 0 && xi[$0] <= deepest && boundary[$0].isFinite }
        columnsUsed = used
        func slope(_ picks: [Int]) -> Double {
            let sxy = picks.reduce(0) { $0 + xi[$1] * boundary[$1] }
            let sxx = picks.reduce(0) { $0 + xi[$1] * xi[$1] }
            return sxy / sxx
        }
        ratio = (0..<columns).map { used.contains($0) ? boundary[$0] / xi[$0] : .nan }
        guard used.count >= Self.minimumColumns else {
            n = nil; nLow = nil; nHigh = nil; intervalKind = nil
            note = "only \(used.count) column(s) have a finite xi_c and a boundary inside the grid; n needs at least \(Self.minimumColumns)"
            return
        }
        n = slope(used)
        note = nil
        guard used.count >= Self.bootstrapMinimumColumns else {
            let ratios = used.map { boundary[$0] / xi[$0] }
            nLow = ratios.min()
            nHigh = ratios.max()
            intervalKind = .ratioRange
            return
        }
        var generator = SeededGenerator(seed: seed)
        var samples: [Double] = []
        samples.reserveCapacity(bootstrapSamples)
        for _ in 0..<bootstrapSamples {
            let picks = (0..<used.count).map { _ in used[generator.nextIndex(below: used.count)] }
            samples.append(slope(picks))
        }
        samples.sort()
        nLow = samples[Int(0.025 * Double(bootstrapSamples - 1))]
        nHigh = samples[Int(0.975 * Double(bootstrapSamples - 1))]
        intervalKind = .bootstrap95
    }

    /// The interval as a caption reads it: "[a, b] (95% bootstrap over 7 columns)".
    public var intervalDescription: String? {
        guard let low = nLow, let high = nHigh, let kind = intervalKind else { return nil }
        let what = kind == .bootstrap95 ? "95% bootstrap over \(columnsUsed.count) columns" : "min–max of \(columnsUsed.count) per-column ratios"
        return "[\(String(format: "%.2f", low)), \(String(format: "%.2f", high))] (\(what))"
    }
}
