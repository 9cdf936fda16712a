import Foundation
import MeanField
import Pipeline
import Training
import Artifacts

/// Gathers a grid of ``TrainingCell``s into a trainability heatmap (002 §4, Figs. 1–2): test
/// accuracy over σ_w² (columns) and depth (rows) — or σ_b² rows for paper 000's plane — with the
/// theory beside it: ξ_c(σ_w²) at the columns and on a fine axis for the overlay (Eq. 10), the
/// critical σ_w² (χ₁ = 1), and, for depth rows, the measured boundary per column and the fitted
/// multiple n with its interval (``TrainabilityBoundary``).
///
/// Each cell's place in the grid (its depth or σ_b², σ_w² and seed), the activation and σ_b²
/// are read from the cells' own configurations, not from the grid's axes handed over again: a
/// `--set` that moves a cell moves it in the heatmap, and one that makes two cells equal is an
/// error that says so.
///
/// With several seeds per grid point the heatmap is their mean (a diverged seed counts as chance:
/// it learned nothing) and n is fitted to the mean; each seed's own n is stored too, and their
/// range is the seed spread the captions quote.
public struct TrainabilityHeatmap: Stage {
    /// What the rows are.
    public enum Rows: String, Codable, Hashable, Sendable {
        /// Network depth: 002's (σ_w², depth) heatmaps, with the boundary fit.
        case depth
        /// Bias variance at one depth: 000's plane; ξ_c is drawn at the smallest σ_b².
        case biasVariance
    }

    /// How to read the cells; the grid itself is the cells'.
    public struct Parameters: Codable, Hashable, Sendable {
        public var rows: Rows
        /// Read each cell's test accuracy at this step of its history instead of at its end
        /// (nil: the end). A record is exactly what a run stopped there would report, since
        /// evaluating draws no random numbers: one set of long runs gives a shorter training's
        /// heatmap too.
        public var atStep: Int?
        /// 1/classes.
        public var chance: Double
        public init(rows: Rows = .depth, atStep: Int? = nil, chance: Double = 0.1) {
            self.rows = rows
            self.atStep = atStep
            self.chance = chance
        }
    }

    public static let kind = "training.trainability-heatmap"
    public var parameters: Parameters
    /// The training cells of a full grid: every (row, σ_w², seed) once, in any order.
    public let cells: [Artifact<TrainingCellData>]

    public init(_ parameters: Parameters, cells: [Artifact<TrainingCellData>]) {
        self.parameters = parameters
        self.cells = cells
    }

    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    /// Whether the run had diverged, and its test and train accuracy, at its end or at `step`
    /// (there a diverged run has no record; the train accuracy is the minibatch mean since the
    /// previous record).
    static func outcome(_ data: TrainingCellData, atStep step: Int?) throws -> (diverged: Bool, test: Double, train: Double) {
        guard let step else { return (data.diverged, data.testAccuracy, data.trainAccuracy) }
        guard let index = data.steps.firstIndex(of: Double(step)) else {
            if data.diverged { return (true, .nan, .nan) }
            throw Mismatch(description: "a training cell has no record at step \(step) (its records: \(data.steps.map { Int($0) })); set its evaluationInterval to divide \(step)")
        }
        // A diverged run's last record is where it diverged.
        if data.diverged, index == data.steps.count - 1 { return (true, .nan, .nan) }
        return (false, data.historyTestAccuracy[index], data.historyTrainAccuracy[index])
    }

    /// The grid the cells span: its rows, σ_w² columns and seeds (each ascending), and for each
    /// (row, column, seed) the index of its cell. Throws when two cells sit at one point or a
    /// point has no cell.
    static func grid(_ configurations: [TrainingConfiguration], rows kind: Rows) throws
        -> (rows: [Double], sw2: [Double], seeds: [UInt64], cell: [[[Int]]]) {
        func row(_ c: TrainingConfiguration) -> Double { kind == .depth ? Double(c.depth) : c.sb2 }
        func place(_ c: TrainingConfiguration) -> String {
            "\(kind == .depth ? "depth \(c.depth)" : "σ_b² = \(c.sb2)"), σ_w² = \(c.sw2), seed \(c.seed)"
        }
        let rows = Set(configurations.map(row)).sorted(), sw2 = Set(configurations.map(\.sw2)).sorted()
        let seeds = Set(configurations.map(\.seed)).sorted()
        var cell = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: -1, count: seeds.count), count: sw2.count), count: rows.count)
        for (index, c) in configurations.enumerated() {
            let r = rows.firstIndex(of: row(c))!, w = sw2.firstIndex(of: c.sw2)!, s = seeds.firstIndex(of: c.seed)!
            guard cell[r][w][s] < 0 else {
                throw Mismatch(description: "two training cells are at \(place(c)) (cells \(cell[r][w][s] + 1) and \(index + 1)): a --set made them equal? give each cell its own coordinates, or undo the --set")
            }
            cell[r][w][s] = index
        }
        for r in rows.indices { for w in sw2.indices { for s in seeds.indices where cell[r][w][s] < 0 {
            throw Mismatch(description: "the \(configurations.count) training cells do not fill a grid of \(rows.count) rows × \(sw2.count) σ_w² × \(seeds.count) seeds: none is at \(kind == .depth ? "depth \(Int(rows[r]))" : "σ_b² = \(rows[r])"), σ_w² = \(sw2[w]), seed \(seeds[s]); declare every combination (a --set moved one cell?)")
        } } }
        return (rows, sw2, seeds, cell)
    }

    public func run(_ context: StageContext) throws -> TrainabilityHeatmapData {
        let p = parameters
        let loaded = try cells.map { try context.read($0) }
        let configurations = try loaded.map { try $0.trainingConfiguration() }
        guard let first = configurations.first, let firstCell = loaded.first else {
            throw Mismatch(description: "no training cells to gather; declare at least one")
        }
        for (name, differs) in [("activation", configurations.contains { $0.activation != first.activation }),
                                ("data set", loaded.contains { $0.dataset != firstCell.dataset }),
                                ("σ_b²", p.rows == .depth && configurations.contains { $0.sb2 != first.sb2 }),
                                ("depth", p.rows == .biasVariance && configurations.contains { $0.depth != first.depth })] where differs {
            throw Mismatch(description: "the training cells differ in their \(name), which a heatmap's cells share; gather cells of one \(name) (a --set on one cell changed it?)")
        }
        let (rows, sw2, seedList, place) = try Self.grid(configurations, rows: p.rows)
        let seeds = seedList.count, points = sw2.count * rows.count
        // perSeed[s][point]: test accuracy of seed s (NaN where it diverged).
        var perSeed = [[Double]](repeating: [Double](repeating: .nan, count: points), count: seeds)
        var test: [Double] = [], train: [Double] = [], diverged: [Double] = []
        for r in rows.indices {
            for w in sw2.indices {
                var testSum = 0.0, trainSum = 0.0, blewUp = 0
                for s in 0..<seeds {
                    // A diverged network (non-finite loss) makes no prediction: its accuracy is
                    // undefined, not zero; in the mean over seeds it counts as chance.
                    let (cellDiverged, accuracy, trainAccuracy) = try Self.outcome(loaded[place[r][w][s]], atStep: p.atStep)
                    perSeed[s][r * sw2.count + w] = cellDiverged ? .nan : accuracy
                    testSum += cellDiverged ? p.chance : accuracy
                    trainSum += cellDiverged || !trainAccuracy.isFinite ? p.chance : trainAccuracy
                    blewUp += cellDiverged ? 1 : 0
                }
                // Only a point where every seed diverged is drawn as diverged.
                test.append(blewUp == seeds ? .nan : testSum / Double(seeds))
                train.append(trainSum / Double(seeds))
                diverged.append(Double(blewUp) / Double(seeds))
            }
        }
        let activation = first.activation
        // The theory's σ_b²: the cells' own for depth rows, the smallest row's for a plane.
        let sb2 = p.rows == .depth ? first.sb2 : rows[0]
        let theory = try CorrelationDepthGrid(activation: activation, weightVariances: sw2, biasVariances: [sb2])
        let lo = sw2.min() ?? 0, hi = sw2.max() ?? 1
        let fine = (0..<121).map { lo + (hi - lo) * Double($0) / 120 }
        let fineTheory = try CorrelationDepthGrid(activation: activation, weightVariances: fine, biasVariances: [sb2])
        let critical = (try? CriticalLine.point(activation: activation, biasVariance: sb2).weightVariance) ?? .nan

        var fit: TrainabilityHeatmapData.BoundaryFit?
        if p.rows == .depth {
            func grid(_ values: [Double]) -> [[Double]] {
                (0..<rows.count).map { r in Array(values[(r * sw2.count)..<((r + 1) * sw2.count)]) }
            }
            let boundary = TrainabilityBoundary(accuracy: grid(test), depths: rows, xi: theory.xiC, chance: p.chance)
            // Each seed's own n: their range is how much n moves with the draw of weights and data order.
            let seedFits = perSeed.map { values in
                TrainabilityBoundary(accuracy: grid(values), depths: rows, xi: theory.xiC, chance: p.chance).n ?? .nan
            }
            fit = .init(boundary: boundary.boundary, n: boundary.n ?? .nan, nLow: boundary.nLow ?? .nan, nHigh: boundary.nHigh ?? .nan,
                        intervalKind: boundary.intervalKind?.rawValue ?? "none", columnsUsed: boundary.columnsUsed, note: boundary.note,
                        nPerSeed: seedFits)
        }
        return TrainabilityHeatmapData(
            activation: activation.rawValue, sb2: sb2, cellConfiguration: loaded[place[0][0][0]].configuration, dataset: firstCell.dataset,
            seeds: seedList, atStep: p.atStep, rows: p.rows == .depth ? .depth : .biasVariance, sw2: sw2, rowValues: rows,
            testAccuracy: test, testAccuracyPerSeed: perSeed.flatMap { $0 }, trainAccuracy: train, diverged: diverged,
            xiC: theory.xiC.map { $0.isFinite ? $0 : .nan }, sw2Fine: fine, xiCFine: fineTheory.xiC.map { $0.isFinite ? $0 : .nan },
            criticalSw2: critical, fit: fit)
    }
}
