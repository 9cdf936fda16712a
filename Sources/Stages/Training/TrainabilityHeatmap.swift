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
/// With several seeds per grid point the heatmap is their mean (a diverged seed counts as chance:
/// it learned nothing) and n is fitted to the mean; each seed's own n is stored too, and their
/// range is the seed spread the captions quote.
public struct TrainabilityHeatmap: Stage {
    /// The grid the cells were declared over, row-major (for each row, every σ_w², and for each
    /// of those every seed).
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        /// σ_b² of the theory (for σ_b² rows: the value ξ_c is drawn at, usually the first row).
        public var sb2: Double
        public var sw2: [Double]
        /// `depth` or `sigma_b2`.
        public var rowAxis: String
        public var rows: [Double]
        /// The seeds trained at every grid point.
        public var seeds: [UInt64]
        /// Read each cell's test accuracy at this step of its history instead of at its end
        /// (nil: the end). A record is exactly what a run stopped there would report, since
        /// evaluating draws no random numbers: one set of long runs gives a shorter training's
        /// heatmap too.
        public var atStep: Int?
        /// 1/classes.
        public var chance: Double
        public init(activation: Activation, sb2: Double, sw2: [Double], rowAxis: String = "depth", rows: [Double],
                    seeds: [UInt64] = [0], atStep: Int? = nil, chance: Double = 0.1) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
            self.rowAxis = rowAxis
            self.rows = rows
            self.seeds = seeds
            self.atStep = atStep
            self.chance = chance
        }
    }

    public static let kind = "training.trainability-heatmap"
    public var parameters: Parameters
    public let cells: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, cells: [Artifact<LabelledData>]) {
        self.parameters = parameters
        self.cells = cells
    }

    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    /// Whether the run had diverged, and its test and train accuracy, at its end or at `step`
    /// (there a diverged run has no record; the train accuracy is the minibatch mean since the
    /// previous record).
    static func outcome(_ data: LabelledData, atStep step: Int?) throws -> (diverged: Bool, test: Double, train: Double) {
        guard let step else {
            return (try data.variable("diverged").values[0] != 0, try data.variable("test_accuracy").values[0],
                    try data.variable("train_accuracy").values[0])
        }
        let steps = (try? data.axis("step").values) ?? []
        guard let index = steps.firstIndex(of: Double(step)) else {
            if try data.variable("diverged").values[0] != 0 { return (true, .nan, .nan) }
            throw Mismatch(description: "a training cell has no record at step \(step) (its records: \(steps.map { Int($0) })); set its evaluationInterval to divide \(step)")
        }
        // A diverged run's last record is where it diverged.
        if try data.variable("diverged").values[0] != 0, index == steps.count - 1 { return (true, .nan, .nan) }
        return (false, try data.variable("history_test_accuracy").values[index], try data.variable("history_train_accuracy").values[index])
    }

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        let seeds = max(p.seeds.count, 1), points = p.sw2.count * p.rows.count
        guard cells.count == points * seeds else {
            throw Mismatch(description: "\(cells.count) cells for a \(p.rows.count) × \(p.sw2.count) grid with \(seeds) seed(s)")
        }
        // perSeed[s][point]: test accuracy of seed s (NaN where it diverged).
        var perSeed = [[Double]](repeating: [Double](repeating: .nan, count: points), count: seeds)
        var test: [Double] = [], train: [Double] = [], diverged: [Double] = []
        var configuration = ""
        for point in 0..<points {
            var testSum = 0.0, trainSum = 0.0, blewUp = 0
            for s in 0..<seeds {
                let data = try context.read(cells[point * seeds + s])
                // A diverged network (non-finite loss) makes no prediction: its accuracy is
                // undefined, not zero; in the mean over seeds it counts as chance.
                let (cellDiverged, accuracy, trainAccuracy) = try Self.outcome(data, atStep: p.atStep)
                perSeed[s][point] = cellDiverged ? .nan : accuracy
                testSum += cellDiverged ? p.chance : accuracy
                trainSum += cellDiverged || !trainAccuracy.isFinite ? p.chance : trainAccuracy
                blewUp += cellDiverged ? 1 : 0
                if configuration.isEmpty { configuration = data.attributes["configuration"] ?? "" }
            }
            // Only a point where every seed diverged is drawn as diverged.
            test.append(blewUp == seeds ? .nan : testSum / Double(seeds))
            train.append(trainSum / Double(seeds))
            diverged.append(Double(blewUp) / Double(seeds))
        }
        let theory = try CorrelationDepthGrid(activation: p.activation, weightVariances: p.sw2, biasVariances: [p.sb2])
        let lo = p.sw2.min() ?? 0, hi = p.sw2.max() ?? 1
        let fine = (0..<121).map { lo + (hi - lo) * Double($0) / 120 }
        let fineTheory = try CorrelationDepthGrid(activation: p.activation, weightVariances: fine, biasVariances: [p.sb2])
        let critical = (try? CriticalLine.point(activation: p.activation, biasVariance: p.sb2).weightVariance) ?? .nan

        var data = LabelledData(
            description: "trainability of \(p.activation.rawValue) networks over (\(p.rowAxis), sigma_w^2): test accuracy with the mean-field depth scale (paper 002 section 4)",
            attributes: ["activation": p.activation.rawValue, "sigma_b2": "\(p.sb2)", "cell_configuration_example": configuration,
                         "seeds": p.seeds.map(String.init).joined(separator: ","),
                         "accuracy_at_step": p.atStep.map(String.init) ?? "end of training"])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis(p.rowAxis, values: p.rows, units: p.rowAxis == "depth" ? "layers" : "1",
                     description: p.rowAxis == "depth" ? "number of hidden layers" : "bias variance sigma_b^2")
        data.addAxis("seed", values: p.seeds.map(Double.init), units: "1", description: "seed of the weights and the data order")
        data.addVariable("test_accuracy", over: [p.rowAxis, "sigma_w2"], values: test, units: "1",
                         description: "test accuracy after training, mean over seeds (a diverged seed counts as chance; NaN where every seed diverged)")
        data.addVariable("test_accuracy_per_seed", over: ["seed", p.rowAxis, "sigma_w2"], values: perSeed.flatMap { $0 }, units: "1",
                         description: "test accuracy of each seed (NaN where it diverged)")
        data.addVariable("train_accuracy", over: [p.rowAxis, "sigma_w2"], values: train, units: "1",
                         description: "accuracy on a fixed training subset, mean over seeds (a diverged seed counts as chance)")
        data.addVariable("diverged", over: [p.rowAxis, "sigma_w2"], values: diverged, units: "1", description: "fraction of seeds whose loss became non-finite")
        data.addVariable("xi_c", over: ["sigma_w2"], values: theory.xiC.map { $0.isFinite ? $0 : .nan }, units: "layers",
                         description: "correlation depth scale xi_c at sigma_b^2 = \(p.sb2) (Eq. 10); NaN where it diverges or q* does not exist")
        data.addAxis("sigma_w2_fine", values: fine, units: "1", description: "fine sigma_w^2 axis for the xi_c overlay")
        data.addVariable("xi_c_fine", over: ["sigma_w2_fine"], values: fineTheory.xiC.map { $0.isFinite ? $0 : .nan }, units: "layers",
                         description: "xi_c on the fine axis")
        data.addAxis("value", values: [0], units: "1", description: "a single value")
        data.addVariable("sigma_w2_critical", over: ["value"], values: [critical], units: "1",
                         description: "critical sigma_w^2 (chi_1 = 1) of \(p.activation.rawValue) at sigma_b^2 = \(p.sb2)")
        if p.rowAxis == "depth" {
            func grid(_ values: [Double]) -> [[Double]] {
                (0..<p.rows.count).map { r in Array(values[(r * p.sw2.count)..<((r + 1) * p.sw2.count)]) }
            }
            let fit = TrainabilityBoundary(accuracy: grid(test), depths: p.rows, xi: theory.xiC, chance: p.chance)
            data.addVariable("boundary", over: ["sigma_w2"], values: fit.boundary, units: "layers",
                             description: "depth where the mean test accuracy crosses halfway between chance and the column's best (NaN: not inside the grid)")
            data.addVariable("n", over: ["value"], values: [fit.n ?? .nan], units: "1",
                             description: "fitted multiple n in depth_boundary = n xi_c (least squares through the origin, on the mean over seeds)")
            let kind = fit.intervalKind?.rawValue ?? "none"
            data.addVariable("n_low", over: ["value"], values: [fit.nLow ?? .nan], units: "1", description: "lower end of n's interval (\(kind))")
            data.addVariable("n_high", over: ["value"], values: [fit.nHigh ?? .nan], units: "1", description: "upper end of n's interval (\(kind))")
            data.addVariable("n_columns", over: ["value"], values: [Double(fit.columnsUsed.count)], units: "1",
                             description: "sigma_w^2 columns used in the fit")
            data.attributes["n_interval"] = kind
            data.attributes["columns_used"] = fit.columnsUsed.map(String.init).joined(separator: ",")
            if let note = fit.note { data.attributes["note"] = note }
            // Each seed's own n: their range is how much n moves with the draw of weights and data order.
            let seedFits = perSeed.map { values in
                TrainabilityBoundary(accuracy: grid(values), depths: p.rows, xi: theory.xiC, chance: p.chance).n ?? .nan
            }
            data.addVariable("n_per_seed", over: ["seed"], values: seedFits, units: "1",
                             description: "n fitted to each seed's heatmap alone (NaN where that seed has too few columns with a boundary)")
        }
        return data
    }
}
