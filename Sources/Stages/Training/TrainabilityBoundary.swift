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
/// a finite ξ_c and a boundary inside; its 95% interval comes from a bootstrap over those columns.
public struct TrainabilityBoundary: Sendable, Equatable {
    /// The boundary depth per σ_w² column (NaN where not inside the grid).
    public var boundary: [Double]
    /// Columns used in the fit.
    public var columnsUsed: [Int]
    /// The fitted multiple and its 95% interval (nil with fewer than three usable columns).
    public var n: Double?
    public var nLow: Double?
    public var nHigh: Double?
    /// Why n is missing, when it is.
    public var note: String?

    /// How far above chance a column's best accuracy must be for it to have a boundary.
    public static let minimumGain = 0.1

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
        let used = (0..<columns).filter { xi[$0].isFinite && xi[$0] > 0 && boundary[$0].isFinite }
        columnsUsed = used
        func slope(_ picks: [Int]) -> Double {
            let sxy = picks.reduce(0) { $0 + xi[$1] * boundary[$1] }
            let sxx = picks.reduce(0) { $0 + xi[$1] * xi[$1] }
            return sxy / sxx
        }
        guard used.count >= 3 else {
            n = nil; nLow = nil; nHigh = nil
            note = "only \(used.count) column(s) have a finite xi_c and a boundary inside the grid; n needs at least 3"
            return
        }
        n = slope(used)
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
        note = nil
    }
}
