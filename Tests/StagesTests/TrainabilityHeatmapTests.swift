import Artifacts
import Foundation
@testable import Stages
import Testing
import Training

/// How a trainability heatmap reads one training cell: at its end, or at a step of its history
/// (Fig. 2's right panel is its left panel's runs after their first epoch).
@Suite("trainability heatmap: reading a cell")
struct TrainabilityHeatmapTests {
    /// A cell as TrainingCell writes it: final numbers and a history recorded at `steps`.
    static func cell(final: Double, diverged: Bool, steps: [Double], test: [Double]) -> TrainingCellData {
        TrainingCellData(configuration: "{}", dataset: "fashion-mnist", testAccuracy: final,
                         testLoss: 1, trainAccuracy: final + 0.01, trainLoss: 1, diverged: diverged, steps: steps,
                         historyTestAccuracy: test, historyTrainAccuracy: test.map { $0 + 0.02 })
    }

    @Test("at a step, the record there; at the end, the final numbers")
    func recordAtStep() throws {
        let data = Self.cell(final: 0.7, diverged: false, steps: [180, 360], test: [0.4, 0.7])
        let first = try TrainabilityHeatmap.outcome(data, atStep: 180)
        #expect(!first.diverged && first.test == 0.4 && abs(first.train - 0.42) < 1e-12)
        let end = try TrainabilityHeatmap.outcome(data, atStep: nil)
        #expect(!end.diverged && end.test == 0.7 && abs(end.train - 0.71) < 1e-12)
    }

    @Test("a run that diverged after the step counts there; one that diverged before has no record and counts as diverged")
    func divergence() throws {
        // Diverged at step 250: its records are 180 and 250 (the last one where it diverged).
        let late = Self.cell(final: 0.1, diverged: true, steps: [180, 250], test: [0.5, 0.1])
        #expect(try TrainabilityHeatmap.outcome(late, atStep: 180).test == 0.5)
        #expect(try TrainabilityHeatmap.outcome(late, atStep: 180).diverged == false)
        // Diverged at step 90: a single record there, none at 180.
        let early = Self.cell(final: 0.1, diverged: true, steps: [90], test: [0.1])
        #expect(try TrainabilityHeatmap.outcome(early, atStep: 180).diverged)
        // Diverged exactly at step 180: that record is where it diverged.
        let exact = Self.cell(final: 0.1, diverged: true, steps: [180], test: [0.1])
        #expect(try TrainabilityHeatmap.outcome(exact, atStep: 180).diverged)
    }

    @Test("a healthy run without a record at the step is a clear error naming the fix")
    func missingRecord() {
        let data = Self.cell(final: 0.7, diverged: false, steps: [100, 200], test: [0.4, 0.7])
        #expect {
            try TrainabilityHeatmap.outcome(data, atStep: 180)
        } throws: { error in
            "\(error)".contains("no record at step 180") && "\(error)".contains("evaluationInterval")
        }
    }
}

/// Where a heatmap puts each cell: at the coordinates its own configuration records, never at a
/// position in the order cells were declared, so that a `--set` on a cell cannot mislabel it.
@Suite("trainability heatmap: the grid is the cells'")
struct TrainabilityHeatmapGridTests {
    static func configuration(depth: Int, sw2: Double, seed: UInt64, sb2: Double = 0.05) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.depth = depth
        c.sw2 = sw2
        c.seed = seed
        c.sb2 = sb2
        return c
    }

    @Test("cells in any order land at their own coordinates, sorted")
    func placesByCoordinates() throws {
        let cells = [Self.configuration(depth: 8, sw2: 1, seed: 0), Self.configuration(depth: 2, sw2: 3, seed: 0),
                     Self.configuration(depth: 2, sw2: 1, seed: 0), Self.configuration(depth: 8, sw2: 3, seed: 0)]
        let grid = try TrainabilityHeatmap.grid(cells, rows: .depth)
        #expect(grid.rows == [2, 8] && grid.sw2 == [1, 3] && grid.seeds == [0])
        #expect(grid.cell[0][0][0] == 2 && grid.cell[0][1][0] == 1 && grid.cell[1][0][0] == 0 && grid.cell[1][1][0] == 3)
        let plane = try TrainabilityHeatmap.grid([Self.configuration(depth: 4, sw2: 1, seed: 0, sb2: 0.2),
                                                  Self.configuration(depth: 4, sw2: 1, seed: 0, sb2: 0)], rows: .biasVariance)
        #expect(plane.rows == [0, 0.2] && plane.cell[0][0][0] == 1)
    }

    @Test("two cells at one point, or a point without a cell, is an error naming the point and the fix")
    func refusesBrokenGrids() {
        let twice = [Self.configuration(depth: 2, sw2: 1, seed: 0), Self.configuration(depth: 2, sw2: 1, seed: 0)]
        #expect { try TrainabilityHeatmap.grid(twice, rows: .depth) } throws: { error in
            "\(error)".contains("two training cells are at depth 2, σ_w² = 1.0, seed 0") && "\(error)".contains("--set")
        }
        let holed = [Self.configuration(depth: 2, sw2: 1, seed: 0), Self.configuration(depth: 4, sw2: 3, seed: 0)]
        #expect { try TrainabilityHeatmap.grid(holed, rows: .depth) } throws: { error in
            "\(error)".contains("none is at depth 2, σ_w² = 3.0, seed 0") && "\(error)".contains("declare every combination")
        }
    }
}
