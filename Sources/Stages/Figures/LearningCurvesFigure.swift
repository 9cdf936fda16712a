import Foundation
import Pipeline
import Plot
import Artifacts

/// 002 Fig. 3: learning curves of deep networks (tanh, σ_w² = 2, σ_b² = 0.05; 002 uses depth 40),
/// Gaussian against orthogonal initialisation, drawn as the paper draws them: red Gaussian, blue
/// orthogonal, solid train and dotted test accuracy; each curve is the mean over seeds with the
/// seeds' min–max as a band. One panel per architecture; the caption gives the epochs each
/// initialisation needs to reach 90% of its final test accuracy.
public struct LearningCurvesFigure: Stage {
    /// Titles and the caption's protocol.
    public struct Parameters: Codable, Hashable, Sendable {
        /// One title per panel.
        public var panelTitles: [String]
        /// One label per run within a panel (same order as the runs of each panel); the first is
        /// drawn red, the second blue, as in 002.
        public var runLabels: [String]
        /// Runs per panel.
        public var runsPerPanel: Int
        /// Seeds per run: that many consecutive cells are one curve.
        public var seedsPerRun: Int
        /// Steps per epoch, to put epochs on the x axis.
        public var stepsPerEpoch: Int
        /// Examples per step, for the epoch axis's label.
        public var batch: Int
        public var protocolText: String
        public var profile: Profile
        public init(panelTitles: [String], runLabels: [String], runsPerPanel: Int, seedsPerRun: Int = 1, stepsPerEpoch: Int, batch: Int,
                    protocolText: String, profile: Profile) {
            self.panelTitles = panelTitles
            self.runLabels = runLabels
            self.runsPerPanel = runsPerPanel
            self.seedsPerRun = seedsPerRun
            self.stepsPerEpoch = stepsPerEpoch
            self.batch = batch
            self.protocolText = protocolText
            self.profile = profile
        }
    }

    public static let kind = "figure.learning-curves"
    public var parameters: Parameters
    /// Training cells with a history: panel by panel, run by run, seed by seed.
    public let runs: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, runs: [Artifact<LabelledData>]) {
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

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let p = parameters
        // 002 Fig. 3: red Gaussian, blue orthogonal.
        let colours = [Color.red, Color.blue, Color.green, Color.orange]
        let seeds = max(1, p.seedsPerRun), perPanel = max(1, p.runsPerPanel)
        guard runs.count % (seeds * perPanel) == 0 else {
            throw Mismatch(description: "\(runs.count) runs do not fill panels of \(perPanel) curves of \(seeds) seeds")
        }
        var panels: [Panel] = []
        var table: [String] = []
        var points = Int.max
        for (panelIndex, panelStart) in stride(from: 0, to: runs.count, by: perPanel * seeds).enumerated() {
            let title = panelIndex < p.panelTitles.count ? p.panelTitles[panelIndex] : ""
            var bands: [Layer] = [], lines: [Layer] = []
            for k in 0..<perPanel {
                var tests: [[Double]] = [], trains: [[Double]] = [], epochs: [Double] = []
                for s in 0..<seeds {
                    let data = try context.read(runs[panelStart + k * seeds + s])
                    epochs = try data.axis("step").values.map { $0 / Double(p.stepsPerEpoch) }
                    tests.append(try data.variable("history_test_accuracy").values)
                    trains.append(try data.variable("history_train_accuracy").values)
                }
                points = min(points, epochs.count)
                let label = p.runLabels[k % p.runLabels.count], colour = colours[k % colours.count]
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
            var layers = bands + lines
            layers.append(.reference(ReferenceLine(.horizontal(y: 0.1), title: "chance", style: Style(color: .gray, lineWidth: 1, dash: .dashed))))
            panels.append(Panel(title: Text(title),
                                x: Axis(label: "epoch (\(p.stepsPerEpoch) steps of \(p.batch) examples)", minimum: 0),
                                y: Axis(label: "accuracy", minimum: 0, maximum: 1),
                                key: .bottomRight, layers: layers))
        }
        let seedText = seeds > 1 ? "mean over \(seeds) seeds, band: the seeds' min–max" : "one seed"
        let caption = Text("""
        Learning curves of deep tanh networks (σ_w² = 2, σ_b² = 0.05; depths in the panel titles) after 002 Fig. 3: Gaussian (red) against orthogonal (blue) \
        initialisation; solid: train accuracy (mean minibatch accuracy since the previous record, the only smoothing; 002 smooths \
        over 10 epochs), dotted: test accuracy on the full Fashion-MNIST test set at each of \(points == Int.max ? 0 : points) records; \
        \(seedText). \(table.joined(separator: "; ")). Protocol: \(p.protocolText). Profile: \(p.profile).
        """)
        let figure = Figure(caption: caption, size: FigureSize(width: 560 * panels.count, height: 600),
                            grid: Grid(rows: 1, columns: max(1, panels.count)), panels: panels)
        return FigureArtifact(name: "fig3-learning-curves", figure: figure)
    }
}
