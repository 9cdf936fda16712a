import Foundation
import Pipeline

/// A trainability heatmap (002 §4, Figs. 1–2; 000's plane): test accuracy over σ_w² (columns)
/// and depth or σ_b² (rows), mean over seeds and per seed, with the theory beside it — ξ_c at
/// the columns and on a fine axis, the critical σ_w² — and, for depth rows, the measured
/// boundary per column and the fitted multiple n of ξ_c with its interval. Written by
/// `TrainabilityHeatmap`; read by the trainability figure, table and command.
public struct TrainabilityHeatmapData: LabelledSchema, Equatable {
    /// What the rows are.
    public enum Rows: Sendable, Equatable {
        /// Network depth (hidden layers): 002's (σ_w², depth) heatmaps.
        case depth
        /// Bias variance at one depth: 000's (σ_w², σ_b²) plane.
        case biasVariance
    }

    /// The boundary where training stops working and the fitted n (depth rows only).
    public struct BoundaryFit: Sendable, Equatable {
        /// Depth of the boundary per σ_w² column (NaN where not inside the grid).
        public var boundary: [Double]
        /// The fitted multiple (NaN when not fitted) and its interval's ends.
        public var n: Double
        public var nLow: Double
        public var nHigh: Double
        /// What the interval is ("95% bootstrap over columns", "min-max of per-column ratios", "none").
        public var intervalKind: String
        /// The columns used in the fit.
        public var columnsUsed: [Int]
        /// Why n is missing, when it is.
        public var note: String?
        /// n fitted to each seed's heatmap alone.
        public var nPerSeed: [Double]
        public init(boundary: [Double], n: Double, nLow: Double, nHigh: Double, intervalKind: String, columnsUsed: [Int], note: String?, nPerSeed: [Double]) {
            self.boundary = boundary
            self.n = n
            self.nLow = nLow
            self.nHigh = nHigh
            self.intervalKind = intervalKind
            self.columnsUsed = columnsUsed
            self.note = note
            self.nPerSeed = nPerSeed
        }
    }

    /// The activation's name.
    public var activation: String
    /// σ_b² of the theory drawn beside the heatmap.
    public var sb2: Double
    /// One cell's configuration (canonical JSON), as the protocol the grid was trained with.
    public var cellConfiguration: String
    /// The data set the cells trained on.
    public var dataset: String
    /// The seeds trained at every grid point.
    public var seeds: [UInt64]
    /// The step the accuracies were read at (nil: the end of training).
    public var atStep: Int?
    public var rows: Rows
    /// The σ_w² columns.
    public var sw2: [Double]
    /// The rows' depths or σ_b².
    public var rowValues: [Double]
    /// Row-major over (row, σ_w²): mean over seeds (NaN where every seed diverged).
    public var testAccuracy: [Double]
    /// Over (seed, row, σ_w²) (NaN where that seed diverged).
    public var testAccuracyPerSeed: [Double]
    public var trainAccuracy: [Double]
    /// Fraction of seeds that diverged, over (row, σ_w²).
    public var diverged: [Double]
    /// ξ_c at the columns, and on a fine σ_w² axis for the overlay.
    public var xiC: [Double]
    public var sw2Fine: [Double]
    public var xiCFine: [Double]
    /// The critical σ_w² at ``sb2`` (NaN where none).
    public var criticalSw2: Double
    /// Depth rows only.
    public var fit: BoundaryFit?
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// A heatmap, as the gather computed it.
    public init(activation: String, sb2: Double, cellConfiguration: String, dataset: String, seeds: [UInt64], atStep: Int?, rows: Rows,
                sw2: [Double], rowValues: [Double], testAccuracy: [Double], testAccuracyPerSeed: [Double], trainAccuracy: [Double],
                diverged: [Double], xiC: [Double], sw2Fine: [Double], xiCFine: [Double], criticalSw2: Double, fit: BoundaryFit?) {
        self.activation = activation
        self.sb2 = sb2
        self.cellConfiguration = cellConfiguration
        self.dataset = dataset
        self.seeds = seeds
        self.atStep = atStep
        self.rows = rows
        self.sw2 = sw2
        self.rowValues = rowValues
        self.testAccuracy = testAccuracy
        self.testAccuracyPerSeed = testAccuracyPerSeed
        self.trainAccuracy = trainAccuracy
        self.diverged = diverged
        self.xiC = xiC
        self.sw2Fine = sw2Fine
        self.xiCFine = xiCFine
        self.criticalSw2 = criticalSw2
        self.fit = fit
    }

    public static let sigmaW2 = DataColumn<TrainabilityHeatmapData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    public static let depth = DataColumn<TrainabilityHeatmapData>(axis: "depth", units: "layers", label: "depth L", description: "number of hidden layers")
    public static let sigmaB2 = DataColumn<TrainabilityHeatmapData>(axis: "sigma_b2", label: "σ_b²", description: "bias variance sigma_b^2")
    public static let seed = DataColumn<TrainabilityHeatmapData>(axis: "seed", label: "seed", description: "seed of the weights and the data order")
    // Declared over depth rows; a plane's file stores them over σ_b² (``column(_:)``).
    public static let testAccuracy = DataColumn<TrainabilityHeatmapData>("test_accuracy", over: [depth, sigmaW2], label: "test accuracy",
        description: "test accuracy after training, mean over seeds (a diverged seed counts as chance; NaN where every seed diverged)")
    public static let testAccuracyPerSeed = DataColumn<TrainabilityHeatmapData>("test_accuracy_per_seed", over: [seed, depth, sigmaW2], label: "test accuracy",
        description: "test accuracy of each seed (NaN where it diverged)")
    public static let trainAccuracy = DataColumn<TrainabilityHeatmapData>("train_accuracy", over: [depth, sigmaW2], label: "train accuracy",
        description: "accuracy on a fixed training subset, mean over seeds (a diverged seed counts as chance)")
    public static let diverged = DataColumn<TrainabilityHeatmapData>("diverged", over: [depth, sigmaW2], label: "diverged",
        description: "fraction of seeds whose loss became non-finite")
    /// Its description names σ_b².
    public static let xiC = DataColumn<TrainabilityHeatmapData>("xi_c", over: [sigmaW2], units: "layers", label: "ξ_c",
        description: "correlation depth scale xi_c (Eq. 10); NaN where it diverges or q* does not exist")
    public static let sigmaW2Fine = DataColumn<TrainabilityHeatmapData>(axis: "sigma_w2_fine", label: "σ_w²", description: "fine sigma_w^2 axis for the xi_c overlay")
    public static let xiCFine = DataColumn<TrainabilityHeatmapData>("xi_c_fine", over: [sigmaW2Fine], units: "layers", label: "ξ_c", description: "xi_c on the fine axis")
    /// A one-point axis the scalars are stored over.
    public static let value = DataColumn<TrainabilityHeatmapData>(axis: "value", label: "", description: "a single value")
    /// Its description names the activation and σ_b².
    public static let criticalSw2 = DataColumn<TrainabilityHeatmapData>("sigma_w2_critical", over: [value], label: "σ²_w,c",
        description: "critical sigma_w^2 (chi_1 = 1)")
    public static let boundary = DataColumn<TrainabilityHeatmapData>("boundary", over: [sigmaW2], units: "layers", label: "boundary depth",
        description: "depth where the mean test accuracy crosses halfway between chance and the column's best (NaN: not inside the grid)")
    public static let n = DataColumn<TrainabilityHeatmapData>("n", over: [value], label: "n",
        description: "fitted multiple n in depth_boundary = n xi_c (least squares through the origin, on the mean over seeds)")
    /// Their descriptions name the interval's kind.
    public static let nLow = DataColumn<TrainabilityHeatmapData>("n_low", over: [value], label: "n (low)", description: "lower end of n's interval")
    public static let nHigh = DataColumn<TrainabilityHeatmapData>("n_high", over: [value], label: "n (high)", description: "upper end of n's interval")
    public static let nColumns = DataColumn<TrainabilityHeatmapData>("n_columns", over: [value], label: "columns", description: "sigma_w^2 columns used in the fit")
    public static let nPerSeed = DataColumn<TrainabilityHeatmapData>("n_per_seed", over: [seed], label: "n",
        description: "n fitted to each seed's heatmap alone (NaN where that seed has too few columns with a boundary)")

    static let configurationAttribute = "cell_configuration_example"
    static let datasetAttribute = "dataset"
    static let seedsAttribute = "seeds"
    static let atStepAttribute = "accuracy_at_step"
    static let endOfTraining = "end of training"
    static let intervalAttribute = "n_interval"
    static let columnsUsedAttribute = "columns_used"
    static let noteAttribute = "note"

    /// The row axis's column.
    public var rowColumn: DataColumn<TrainabilityHeatmapData> { rows == .depth ? Self.depth : Self.sigmaB2 }

    /// `column` as this file stores it (over σ_b² rows for a plane).
    public func column(_ column: DataColumn<TrainabilityHeatmapData>) -> DataColumn<TrainabilityHeatmapData> {
        rows == .depth ? column : column.replacing(Self.depth, with: Self.sigmaB2)
    }

    /// Mean test accuracy as rows, each over σ_w².
    public var testAccuracyRows: [[Double]] {
        rowValues.indices.map { r in Array(testAccuracy[(r * sw2.count)..<((r + 1) * sw2.count)]) }
    }

    public init(labelled data: LabelledData) throws {
        let rows: Rows = data.axes.contains { $0.name == Self.depth.name } ? .depth : .biasVariance
        func column(_ c: DataColumn<TrainabilityHeatmapData>) -> DataColumn<TrainabilityHeatmapData> {
            rows == .depth ? c : c.replacing(Self.depth, with: Self.sigmaB2)
        }
        let seedsText = try data.storedAttribute(Self.seedsAttribute)
        let atStepText = try data.storedAttribute(Self.atStepAttribute)
        var fit: BoundaryFit?
        if rows == .depth {
            fit = BoundaryFit(boundary: try data.values(Self.boundary), n: try data.storedScalar(Self.n), nLow: try data.storedScalar(Self.nLow),
                              nHigh: try data.storedScalar(Self.nHigh), intervalKind: try data.storedAttribute(Self.intervalAttribute),
                              columnsUsed: try data.storedAttribute(Self.columnsUsedAttribute).split(separator: ",").compactMap { Int($0) },
                              note: data.attributes[Self.noteAttribute], nPerSeed: try data.values(Self.nPerSeed))
        }
        self.init(activation: try data.storedAttribute(MeanFieldCurveData.activationAttribute), sb2: try data.storedNumber(MeanFieldCurveData.sb2Attribute),
                  cellConfiguration: try data.storedAttribute(Self.configurationAttribute), dataset: try data.storedAttribute(Self.datasetAttribute),
                  seeds: seedsText.split(separator: ",").compactMap { UInt64($0) }, atStep: atStepText == Self.endOfTraining ? nil : Int(atStepText),
                  rows: rows, sw2: try data.values(Self.sigmaW2), rowValues: try data.values(rows == .depth ? Self.depth : Self.sigmaB2),
                  testAccuracy: try data.values(column(Self.testAccuracy)), testAccuracyPerSeed: try data.values(column(Self.testAccuracyPerSeed)),
                  trainAccuracy: try data.values(column(Self.trainAccuracy)), diverged: try data.values(column(Self.diverged)),
                  xiC: try data.values(Self.xiC), sw2Fine: try data.values(Self.sigmaW2Fine), xiCFine: try data.values(Self.xiCFine),
                  criticalSw2: try data.storedScalar(Self.criticalSw2), fit: fit)
        provenance = data.provenance
    }


    public func labelled() throws -> LabelledData {
        var data = LabelledData(
            description: "trainability of \(activation) networks over (\(rowColumn.name), sigma_w^2): test accuracy with the mean-field depth scale (paper 002 section 4)",
            attributes: [MeanFieldCurveData.activationAttribute: activation, MeanFieldCurveData.sb2Attribute: "\(sb2)",
                         Self.configurationAttribute: cellConfiguration, Self.datasetAttribute: dataset,
                         Self.seedsAttribute: seeds.map(String.init).joined(separator: ","),
                         Self.atStepAttribute: atStep.map(String.init) ?? Self.endOfTraining])
        data.add(Self.sigmaW2, values: sw2)
        data.add(rowColumn, values: rowValues)
        data.add(Self.seed, values: seeds.map(Double.init))
        data.add(variable: column(Self.testAccuracy), values: testAccuracy)
        data.add(variable: column(Self.testAccuracyPerSeed), values: testAccuracyPerSeed)
        data.add(variable: column(Self.trainAccuracy), values: trainAccuracy)
        data.add(variable: column(Self.diverged), values: diverged)
        data.add(variable: Self.xiC, values: xiC,
                 describedAs: "correlation depth scale xi_c at sigma_b^2 = \(sb2) (Eq. 10); NaN where it diverges or q* does not exist")
        data.add(Self.sigmaW2Fine, values: sw2Fine)
        data.add(variable: Self.xiCFine, values: xiCFine)
        data.add(Self.value, values: [0])
        data.add(variable: Self.criticalSw2, values: [criticalSw2],
                 describedAs: "critical sigma_w^2 (chi_1 = 1) of \(activation) at sigma_b^2 = \(sb2)")
        if let fit {
            data.add(variable: Self.boundary, values: fit.boundary)
            data.add(variable: Self.n, values: [fit.n])
            data.add(variable: Self.nLow, values: [fit.nLow], describedAs: "lower end of n's interval (\(fit.intervalKind))")
            data.add(variable: Self.nHigh, values: [fit.nHigh], describedAs: "upper end of n's interval (\(fit.intervalKind))")
            data.add(variable: Self.nColumns, values: [Double(fit.columnsUsed.count)])
            data.attributes[Self.intervalAttribute] = fit.intervalKind
            data.attributes[Self.columnsUsedAttribute] = fit.columnsUsed.map(String.init).joined(separator: ",")
            if let note = fit.note { data.attributes[Self.noteAttribute] = note }
            data.add(variable: Self.nPerSeed, values: fit.nPerSeed)
        }
        return data
    }
}
