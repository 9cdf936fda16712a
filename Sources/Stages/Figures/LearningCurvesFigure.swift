import Foundation
import Pipeline
import Plot
import Artifacts

/// 002 Fig. 3: learning curves of deep networks at depth 40 (tanh, σ_w² = 2, σ_b² = 0.05),
/// Gaussian against orthogonal initialisation: train and test accuracy along training, one panel
/// per architecture, and the steps each run needs to reach 90% of its final test accuracy.
public struct LearningCurvesFigure: Stage {
    /// Titles and the caption's protocol.
    public struct Parameters: Codable, Hashable, Sendable {
        /// One title per panel.
        public var panelTitles: [String]
        /// One label per run, within a panel (same order as the runs of each panel).
        public var runLabels: [String]
        /// Runs per panel.
        public var runsPerPanel: Int
        /// Steps per epoch, to put epochs on the x axis.
        public var stepsPerEpoch: Int
        public var protocolText: String
        public var profile: Profile
        public init(panelTitles: [String], runLabels: [String], runsPerPanel: Int, stepsPerEpoch: Int, protocolText: String, profile: Profile) {
            self.panelTitles = panelTitles
            self.runLabels = runLabels
            self.runsPerPanel = runsPerPanel
            self.stepsPerEpoch = stepsPerEpoch
            self.protocolText = protocolText
            self.profile = profile
        }
    }

    public static let kind = "figure.learning-curves"
    public var parameters: Parameters
    /// Training cells with a history, panel by panel.
    public let runs: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, runs: [Artifact<LabelledData>]) {
        self.parameters = parameters
        self.runs = runs
    }

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

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let colours = [Color.blue, Color.red, Color.green, Color.orange]
        var panels: [Panel] = []
        var table: [String] = []
        let perPanel = max(1, parameters.runsPerPanel)
        for (panelIndex, start) in stride(from: 0, to: runs.count, by: perPanel).enumerated() {
            var layers: [Layer] = []
            for k in start..<min(start + perPanel, runs.count) {
                let data = try context.read(runs[k])
                let steps = try data.axis("step").values
                let epochs = steps.map { $0 / Double(parameters.stepsPerEpoch) }
                let test = try data.variable("history_test_accuracy").values
                let train = try data.variable("history_train_accuracy").values
                let label = parameters.runLabels[(k - start) % parameters.runLabels.count]
                let colour = colours[(k - start) % colours.count]
                layers.append(.series(Series(x: epochs, y: train, title: Text("\(label), train"), style: Style(color: colour, lineWidth: 1.5, dash: .dashed))))
                layers.append(.series(Series(x: epochs, y: test, title: Text("\(label), test"), style: Style(color: colour, lineWidth: 2.5))))
                let title = panelIndex < parameters.panelTitles.count ? parameters.panelTitles[panelIndex] : ""
                let reach = Self.epochsTo90(epochs: epochs, accuracy: test).map { String(format: "%.2f epochs", $0) } ?? "never"
                table.append("\(title), \(label): 90% of the final test accuracy \(String(format: "%.3f", test.last ?? .nan)) after \(reach)")
            }
            layers.append(.reference(ReferenceLine(.horizontal(y: 0.1), title: "chance", style: Style(color: .gray, lineWidth: 1, dash: .dotted))))
            panels.append(Panel(title: Text(panelIndex < parameters.panelTitles.count ? parameters.panelTitles[panelIndex] : ""),
                                x: Axis(label: "epoch", minimum: 0), y: Axis(label: "accuracy", minimum: 0, maximum: 1),
                                key: .bottomRight, layers: layers))
        }
        let caption = Text("""
        Learning curves at depth 40 (tanh, σ_w² = 2, σ_b² = 0.05) after 002 Fig. 3: Gaussian against orthogonal \
        initialisation. Test accuracy (solid) on the full Fashion-MNIST test set at each record; train accuracy (dashed) is the \
        mean minibatch accuracy since the previous record (that averaging is the only smoothing). \(table.joined(separator: "; ")). \
        Protocol: \(parameters.protocolText). Profile: \(parameters.profile).
        """)
        let figure = Figure(caption: caption, size: FigureSize(width: 540 * panels.count, height: 560),
                            grid: Grid(rows: 1, columns: max(1, panels.count)), panels: panels)
        return FigureArtifact(name: "fig3-learning-curves", figure: figure)
    }
}
