import Foundation
import Stages
import Testing

/// The boundary and the fitted multiple n of a trainability heatmap, on grids whose answer is
/// known by construction.
@Suite("trainability boundary and the fitted multiple n")
struct TrainabilityBoundaryTests {
    @Test("the crossing is interpolated linearly between the two rows it falls between")
    func interpolation() {
        // Best 0.9, chance 0.1: threshold 0.5, crossed between 20 (0.7) and 40 (0.1), at 20 + 20·(0.2/0.6).
        let fit = TrainabilityBoundary(accuracy: [[0.9], [0.7], [0.1]], depths: [10, 20, 40], xi: [5], chance: 0.1)
        #expect(abs(fit.boundary[0] - (20 + 20 * 0.2 / 0.6)) < 1e-12)
    }

    @Test("columns that never train, never fail inside the grid, or start below threshold have no boundary")
    func noBoundary() {
        let fit = TrainabilityBoundary(accuracy: [[0.12, 0.9, 0.2], [0.11, 0.88, 0.9]], depths: [10, 20], xi: [3, 4, 5], chance: 0.1)
        #expect(fit.boundary.allSatisfy { $0.isNaN })
        #expect(fit.n == nil && fit.note?.contains("only 0 column(s)") == true)
    }

    @Test("a grid built with boundary = 5 ξ_c gives n ≈ 5 with an interval that contains it")
    func recoversMultiple() {
        let xi: [Double] = [2, 3, 4, 6, 8, 10, 12]
        let depths = Array(stride(from: 4.0, through: 120, by: 4))
        // A deterministic wobble stands in for the noise of single training runs.
        let accuracy = depths.enumerated().map { row, d in
            xi.enumerated().map { column, x -> Double in
                let smooth = 0.1 + 0.8 / (1 + exp((d - 5 * x) / 2))
                let wobble = 0.01 * sin(Double(row * 7 + column * 13))
                return smooth + wobble
            }
        }
        let fit = TrainabilityBoundary(accuracy: accuracy, depths: depths, xi: xi, chance: 0.1)
        guard let n = fit.n else { Issue.record("no fit"); return }
        #expect(abs(n - 5) < 0.15, "n = \(n)")
        #expect(fit.nLow! <= 5 && 5 <= fit.nHigh!, "interval [\(fit.nLow!), \(fit.nHigh!)]")
        #expect(fit.nHigh! - fit.nLow! < 0.5)
        #expect(fit.columnsUsed == Array(0..<xi.count))
    }

    @Test("an infinite ξ_c (the critical column) is left out of the fit")
    func criticalColumnExcluded() {
        let depths: [Double] = [10, 20, 30, 40]
        let accuracy = depths.map { d in [d < 15 ? 0.9 : 0.1, d < 25 ? 0.9 : 0.1, d < 35 ? 0.9 : 0.1, 0.9] }
        let fit = TrainabilityBoundary(accuracy: accuracy, depths: depths, xi: [3, 5, 7, .infinity], chance: 0.1)
        #expect(fit.columnsUsed == [0, 1, 2])
        #expect(fit.n != nil)
    }

    @Test("a column whose ξ_c is deeper than the grid is left out: its dip cannot be an n ≥ 1 boundary")
    func columnDeeperThanTheGridExcluded() throws {
        // Next to the critical point ξ_c is finite but huge; a noisy dip there pulled n to 0.00.
        let depths: [Double] = [10, 20, 30, 40]
        let accuracy = depths.map { d in [d < 15 ? 0.9 : 0.1, d < 25 ? 0.9 : 0.1, d < 35 ? 0.9 : 0.1, d < 25 ? 0.9 : 0.1] }
        let fit = TrainabilityBoundary(accuracy: accuracy, depths: depths, xi: [3, 5, 7, 5_000], chance: 0.1)
        #expect(fit.boundary[3].isFinite)
        #expect(fit.columnsUsed == [0, 1, 2])
        #expect(try #require(fit.n) > 3)
    }

    @Test("with fewer than five columns the interval is the min–max of the per-column ratios, named as such")
    func fewColumnsGiveTheRatioRange() throws {
        // Three columns (the default profile's tanh fit had three) used to be reported as a
        // "95% bootstrap interval", which over three points is just their spread.
        let depths: [Double] = [10, 20, 30, 40, 50]
        let accuracy = depths.map { d in [d < 15 ? 0.9 : 0.1, d < 25 ? 0.9 : 0.1, d < 45 ? 0.9 : 0.1] }
        let fit = TrainabilityBoundary(accuracy: accuracy, depths: depths, xi: [2, 5, 6], chance: 0.1)
        let ratios = zip(fit.boundary, [2.0, 5, 6]).map { $0 / $1 }
        #expect(fit.intervalKind == .ratioRange)
        #expect(fit.nLow == ratios.min() && fit.nHigh == ratios.max())
        let n = try #require(fit.n)
        #expect(fit.nLow! <= n && n <= fit.nHigh!)
        #expect(fit.intervalDescription?.contains("min–max of 3 per-column ratios") == true)
        #expect(fit.intervalDescription?.contains("bootstrap") == false)
    }

    @Test("five columns or more give a bootstrap interval; one column gives no n")
    func bootstrapNeedsFiveColumns() {
        let depths = Array(stride(from: 5.0, through: 100, by: 5))
        func grid(_ xi: [Double]) -> [[Double]] {
            depths.map { d in xi.map { x in d < 4 * x + (x.truncatingRemainder(dividingBy: 3)) ? 0.85 : 0.1 } }
        }
        let five: [Double] = [3, 5, 8, 11, 14]
        let fit = TrainabilityBoundary(accuracy: grid(five), depths: depths, xi: five, chance: 0.1)
        #expect(fit.columnsUsed.count == 5 && fit.intervalKind == .bootstrap95)
        #expect(fit.intervalDescription?.contains("95% bootstrap over 5 columns") == true)
        let four = Array(five.prefix(4))
        #expect(TrainabilityBoundary(accuracy: grid(four), depths: depths, xi: four, chance: 0.1).intervalKind == .ratioRange)
        let one = TrainabilityBoundary(accuracy: grid([8]), depths: depths, xi: [8], chance: 0.1)
        #expect(one.n == nil && one.nLow == nil && one.intervalKind == nil)
    }
}
