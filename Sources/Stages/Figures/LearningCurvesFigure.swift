import Foundation
import Pipeline
import Plot
import Artifacts

/// 002 Fig. 3: learning curves of deep networks (tanh, σ_w² = 2, σ_b² = 0.05; 002 uses depth 40),
/// Gaussian against orthogonal initialisation, drawn as the paper draws them: red Gaussian, blue
/// orthogonal, solid train and dotted test accuracy; each curve is the mean over seeds with the
/// seeds' min–max as a band. One panel per architecture; the caption gives the epochs each
/// initialisation needs to reach 90% of its final test accuracy. Panels, curves and seeds, the
/// titles and the protocol come from the runs' own configurations: runs of one architecture,
/// depth and width share a panel, runs of one initialisation a curve.
public struct LearningCurvesFigure: Stage {
    /// What the runs do not record.
    public struct Parameters: Codable, Hashable, Sendable {
        /// Steps per epoch, to put epochs on the x axis (002's epoch is a number of steps, not a pass over the data).
        public var stepsPerEpoch: Int
        /// Why the protocol differs from the paper's, where it does (measured, in docs/); empty
        /// when it does not.
        public var deviations: String
        public var profile: Profile
        public init(stepsPerEpoch: Int, deviations: String = "", profile: Profile) {
            self.stepsPerEpoch = stepsPerEpoch
            self.deviations = deviations
            self.profile = profile
        }
    }

    public static let kind = "figure.learning-curves"
    public var parameters: Parameters
    /// Training cells with a history: panel by panel, run by run, seed by seed.
    public let runs: [Artifact<TrainingCellData>]

    public init(_ parameters: Parameters, runs: [Artifact<TrainingCellData>]) {
        self.parameters = parameters
        self.runs = runs
    }

    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    /// Epochs until test accuracy first reaches 90% of its final value (interpolated between records).
    static func epochsTo90(epochs: [Double], accuracy: [Double]) -> Double? {
        guard let final = accuracy.last, final.isFinite else { return nil }
        let target = 0.9 * final
        for i in accuracy.indices where accuracy[i] >= target {
            if i == 0 { return epochs[0] }
            let t = (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1])
            return epochs[i - 1] + t * (epochs[i] - epochs[i - 1])
        }
        return nil
    }

    /// Mean, minimum and maximum over seeds at each record (NaN where a seed has no value).
    static func spread(_ curves: [[Double]]) -> (mean: [Double], low: [Double], high: [Double]) {
        let count = curves.map(\.count).min() ?? 0
        var mean: [Double] = [], low: [Double] = [], high: [Double] = []
        for i in 0..<count {
            let values = curves.map { $0[i] }
            guard values.allSatisfy(\.isFinite) else { mean.append(.nan); low.append(.nan); high.append(.nan); continue }
            mean.append(values.reduce(0, +) / Double(values.count))
            low.append(values.min()!)
            high.append(values.max()!)
        }
        return (mean, low, high)
    }

    /// Runs of one initialisation in one panel: one curve, its runs the seeds.
    struct Curve {
        var initialization: String
        var runs: [TrainingCellData] = []
    }

    /// Runs of one architecture, depth and width: one panel.
    struct PanelRuns {
        var configuration: RecordedTrainingConfiguration
        var curves: [Curve] = []
        /// "fully connected, depth 40" or "convolutional, depth 10, 8 channels".
        var title: String {
            configuration.isConvolutional
                ? "convolutional, depth \(configuration.depth), \(configuration.width) channels"
                : "fully connected, depth \(configuration.depth)"
        }
    }

    /// The runs grouped into panels and curves, in the order they first appear.
    static func panels(_ runs: [TrainingCellData]) throws -> [PanelRuns] {
        var panels: [PanelRuns] = []
        for run in runs {
            let c = try run.recordedConfiguration()
            let p = panels.firstIndex { $0.configuration.architecture == c.architecture && $0.configuration.depth == c.depth && $0.configuration.width == c.width }
                ?? { panels.append(PanelRuns(configuration: c)); return panels.count - 1 }()
            let k = panels[p].curves.firstIndex { $0.initialization == c.initialization }
                ?? { panels[p].curves.append(Curve(initialization: c.initialization)); return panels[p].curves.count - 1 }()
            panels[p].curves[k].runs.append(run)
        }
        let seeds = Set(panels.flatMap { $0.curves.map(\.runs.count) })
        guard seeds.count <= 1 else {
            throw Mismatch(description: "the curves have \(seeds.sorted().map(String.init).joined(separator: ", ")) seeds; give every curve the same seeds")
        }
        return panels
    }

    /// How 002 names an initialisation in its legend.
    static func label(_ initialization: String) -> String {
        initialization == RecordedTrainingConfiguration.gaussian ? "Gaussian" : "orthogonal"
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let p = parameters
        // 002 Fig. 3: red Gaussian, blue orthogonal.
        let colours = [Color.red, Color.blue, Color.green, Color.orange]
        let loaded = try runs.map { try context.read($0) }
        let grouped = try Self.panels(loaded)
        guard let firstRun = loaded.first else { throw Mismatch(description: "no runs to draw; declare at least one training cell") }
        let seeds = grouped.first?.curves.first?.runs.count ?? 1
        var panels: [Panel] = []
        var table: [String] = []
        var protocols: [String] = []
        var points = Int.max
        for panelRuns in grouped {
            let title = panelRuns.title
            let panelConfiguration = panelRuns.configuration
            var bands: [Layer] = [], lines: [Layer] = []
            for (k, curve) in panelRuns.curves.enumerated() {
                var tests: [[Double]] = [], trains: [[Double]] = [], epochs: [Double] = []
                for data in curve.runs {
                    epochs = data.steps.map { $0 / Double(p.stepsPerEpoch) }
                    tests.append(data.historyTestAccuracy)
                    trains.append(data.historyTrainAccuracy)
                }
                points = min(points, epochs.count)
                let label = Self.label(curve.initialization), colour = colours[k % colours.count]
                let test = Self.spread(tests), train = Self.spread(trains)
                let x = Array(epochs.prefix(test.mean.count))
                if seeds > 1 {
                    bands.append(.band(Band(x: x, lower: train.low, upper: train.high, color: colour, opacity: 0.15)))
                    bands.append(.band(Band(x: x, lower: test.low, upper: test.high, color: colour, opacity: 0.15)))
                }
                lines.append(.series(Series(x: x, y: train.mean, title: Text("\(label), train"), style: Style(color: colour, lineWidth: 2))))
                lines.append(.series(Series(x: x, y: test.mean, title: Text("\(label), test"), style: Style(color: colour, lineWidth: 2.5, dash: .dotted))))
                let reach = tests.map { Self.epochsTo90(epochs: x, accuracy: $0) }
                let reachText = reach.allSatisfy { $0 != nil }
                    ? (seeds > 1 ? String(format: "%.2f–%.2f epochs", reach.map { $0! }.min()!, reach.map { $0! }.max()!) : String(format: "%.2f epochs", reach[0]!))
                    : "never (some seed)"
                let finals = tests.compactMap(\.last)
                let finalText = seeds > 1 && !finals.isEmpty
                    ? String(format: "%.3f (seeds %.3f–%.3f)", test.mean.last ?? .nan, finals.min()!, finals.max()!)
                    : String(format: "%.3f", test.mean.last ?? .nan)
                table.append("\(title), \(label): final test accuracy \(finalText), 90% of it after \(reachText)")
            }
            let seedList = (panelRuns.curves.first?.runs ?? []).compactMap { try? $0.recordedConfiguration().seed }
            // The panel's initialisations, as its curves compare them ("gaussian against orthogonal").
            var described = panelConfiguration
            described.initialization = panelRuns.curves.map(\.initialization).joined(separator: " against ")
            protocols.append("\(panelConfiguration.isConvolutional ? "CNN (002 §4.1 architecture)" : "MLP"): "
                             + TrainingProtocolText.describe(described, seeds: seedList, dataset: firstRun.dataset))
            var layers = bands + lines
            layers.append(.reference(ReferenceLine(.horizontal(y: 0.1), title: "chance", style: Style(color: .gray, lineWidth: 1, dash: .dashed))))
            panels.append(Panel(title: Text(title),
                                x: Axis(label: "epoch (\(p.stepsPerEpoch) steps of \(panelConfiguration.batchSize) examples)", minimum: 0),
                                y: Axis(label: "accuracy", minimum: 0, maximum: 1),
                                key: .bottomRight, layers: layers))
        }
        let first = try firstRun.recordedConfiguration()
        let seedText = seeds > 1 ? "mean over \(seeds) seeds, band: the seeds' min–max" : "one seed"
        let deviations = p.deviations.isEmpty ? "" : "; \(p.deviations)"
        let caption = Text("""
        Learning curves of deep \(first.activation) networks (σ_w² = \(CaptionNumber.format(first.sw2)), σ_b² = \(CaptionNumber.format(first.sb2)); \
        depths in the panel titles) after 002 Fig. 3: Gaussian (red) against orthogonal (blue) \
        initialisation; solid: train accuracy (mean minibatch accuracy since the previous record, the only smoothing; 002 smooths \
        over 10 epochs), dotted: test accuracy on the full \(TrainingProtocolText.datasetName(firstRun.dataset)) test set at each of \(points == Int.max ? 0 : points) records; \
        \(seedText). \(table.joined(separator: "; ")). Protocol: \(protocols.joined(separator: "; "))\(deviations). Profile: \(p.profile).
        """)
        let figure = Figure(caption: caption, size: FigureSize(width: 560 * panels.count, height: 600),
                            grid: Grid(rows: 1, columns: max(1, panels.count)), panels: panels)
        return FigureArtifact(name: "fig3-learning-curves", figure: figure)
    }
}
