import Foundation
import MeanField
import Pipeline
import Training
import Artifacts

/// Gathers a grid of ``TrainingCell``s into a trainability heatmap (002 §4, Figs. 1–2): test
/// accuracy over σ_w² (columns) and depth (rows) — or σ_b² rows for paper 000's plane — with the
/// theory beside it: ξ_c(σ_w²) at the columns and on a fine axis for the overlay (Eq. 10), the
/// critical σ_w² (χ₁ = 1), and, for depth rows, the measured boundary per column and the fitted
/// multiple n with its 95% interval (``TrainabilityBoundary``).
public struct TrainabilityHeatmap: Stage {
    /// The grid the cells were declared over, row-major (for each row, every σ_w²).
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        /// σ_b² of the theory (for σ_b² rows: the value ξ_c is drawn at, usually the first row).
        public var sb2: Double
        public var sw2: [Double]
        /// `depth` or `sigma_b2`.
        public var rowAxis: String
        public var rows: [Double]
        /// 1/classes.
        public var chance: Double
        public init(activation: Activation, sb2: Double, sw2: [Double], rowAxis: String = "depth", rows: [Double], chance: Double = 0.1) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
            self.rowAxis = rowAxis
            self.rows = rows
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

    public func run(_ context: StageContext) throws -> LabelledData {
        let p = parameters
        guard cells.count == p.sw2.count * p.rows.count else {
            throw Mismatch(description: "\(cells.count) cells for a \(p.rows.count) × \(p.sw2.count) grid")
        }
        var test: [Double] = [], train: [Double] = [], diverged: [Double] = []
        var configuration = ""
        for cell in cells {
            let data = try context.read(cell)
            // A diverged network (non-finite loss) makes no prediction: its accuracy is undefined,
            // not zero. It is stored as NaN (a blank cell) and flagged in `diverged`.
            let blewUp = try data.variable("diverged").values[0] != 0
            test.append(blewUp ? .nan : try data.variable("test_accuracy").values[0])
            train.append(try data.variable("train_accuracy").values[0])
            diverged.append(try data.variable("diverged").values[0])
            if configuration.isEmpty { configuration = data.attributes["configuration"] ?? "" }
        }
        let theory = try CorrelationDepthGrid(activation: p.activation, weightVariances: p.sw2, biasVariances: [p.sb2])
        let lo = p.sw2.min() ?? 0, hi = p.sw2.max() ?? 1
        let fine = (0..<121).map { lo + (hi - lo) * Double($0) / 120 }
        let fineTheory = try CorrelationDepthGrid(activation: p.activation, weightVariances: fine, biasVariances: [p.sb2])
        let critical = (try? CriticalLine.point(activation: p.activation, biasVariance: p.sb2).weightVariance) ?? .nan

        var data = LabelledData(
            description: "trainability of \(p.activation.rawValue) networks over (\(p.rowAxis), sigma_w^2): test accuracy with the mean-field depth scale (paper 002 section 4)",
            attributes: ["activation": p.activation.rawValue, "sigma_b2": "\(p.sb2)", "cell_configuration_example": configuration])
        data.addAxis("sigma_w2", values: p.sw2, units: "1", description: "weight variance sigma_w^2")
        data.addAxis(p.rowAxis, values: p.rows, units: p.rowAxis == "depth" ? "layers" : "1",
                     description: p.rowAxis == "depth" ? "number of hidden layers" : "bias variance sigma_b^2")
        data.addVariable("test_accuracy", over: [p.rowAxis, "sigma_w2"], values: test, units: "1", description: "test accuracy after training (NaN where the run diverged)")
        data.addVariable("train_accuracy", over: [p.rowAxis, "sigma_w2"], values: train, units: "1", description: "accuracy on a fixed training subset")
        data.addVariable("diverged", over: [p.rowAxis, "sigma_w2"], values: diverged, units: "1", description: "1 where the loss became non-finite")
        data.addVariable("xi_c", over: ["sigma_w2"], values: theory.xiC.map { $0.isFinite ? $0 : .nan }, units: "layers",
                         description: "correlation depth scale xi_c at sigma_b^2 = \(p.sb2) (Eq. 10); NaN where it diverges or q* does not exist")
        data.addAxis("sigma_w2_fine", values: fine, units: "1", description: "fine sigma_w^2 axis for the xi_c overlay")
        data.addVariable("xi_c_fine", over: ["sigma_w2_fine"], values: fineTheory.xiC.map { $0.isFinite ? $0 : .nan }, units: "layers",
                         description: "xi_c on the fine axis")
        data.addAxis("value", values: [0], units: "1", description: "a single value")
        data.addVariable("sigma_w2_critical", over: ["value"], values: [critical], units: "1",
                         description: "critical sigma_w^2 (chi_1 = 1) of \(p.activation.rawValue) at sigma_b^2 = \(p.sb2)")
        if p.rowAxis == "depth" {
            let accuracy = (0..<p.rows.count).map { r in Array(test[(r * p.sw2.count)..<((r + 1) * p.sw2.count)]) }
            let fit = TrainabilityBoundary(accuracy: accuracy, depths: p.rows, xi: theory.xiC, chance: p.chance)
            data.addVariable("boundary", over: ["sigma_w2"], values: fit.boundary, units: "layers",
                             description: "depth where test accuracy crosses halfway between chance and the column's best (NaN: not inside the grid)")
            data.addVariable("n", over: ["value"], values: [fit.n ?? .nan], units: "1",
                             description: "fitted multiple n in depth_boundary = n xi_c (least squares through the origin)")
            data.addVariable("n_low", over: ["value"], values: [fit.nLow ?? .nan], units: "1", description: "2.5% bootstrap quantile of n (over columns)")
            data.addVariable("n_high", over: ["value"], values: [fit.nHigh ?? .nan], units: "1", description: "97.5% bootstrap quantile of n (over columns)")
            data.attributes["columns_used"] = fit.columnsUsed.map(String.init).joined(separator: ",")
            if let note = fit.note { data.attributes["note"] = note }
        }
        return data
    }
}
