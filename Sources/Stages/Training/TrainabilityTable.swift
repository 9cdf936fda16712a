import Artifacts
import Foundation
import Pipeline

/// The numbers docs/TRAINABILITY.md quotes, as a Markdown table written from the heatmaps
/// themselves: per heatmap its grid, training length, best accuracy, diverged points, the fitted
/// n with its interval named, and the seeds' own n. `scripts/trainability-tables` splices these
/// files into the doc, so its tables are the pipelines' output, not a hand copy.
///
/// ```
/// | heatmap | grid (σ_w² × depth × seeds) | steps | best test accuracy | diverged | n | interval | seeds' own n |
/// ```
public struct TrainabilityTable: Stage {
    /// What the table is of.
    public struct Parameters: Codable, Hashable, Sendable {
        /// The pipeline, named in the table's heading line.
        public var pipeline: String
        /// One name per heatmap (a row each).
        public var titles: [String]
        public var profile: Profile
        public init(pipeline: String, titles: [String], profile: Profile) {
            self.pipeline = pipeline
            self.titles = titles
            self.profile = profile
        }
    }

    public static let kind = "training.trainability-table"
    public static let code: [CodeDependency] = [.thisFile()]
    public var parameters: Parameters
    public let heatmaps: [Artifact<LabelledData>]

    public init(_ parameters: Parameters, heatmaps: [Artifact<LabelledData>]) {
        self.parameters = parameters
        self.heatmaps = heatmaps
    }

    /// Numbers as the table prints them: three decimals for accuracies, two for n.
    static func format(_ value: Double, digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "—"
    }

    /// One row of the table.
    static func row(title: String, _ data: LabelledData) throws -> String {
        let sw2 = try data.axis("sigma_w2").values
        let rowAxis = data.axes.first { $0.name == "depth" || $0.name == "sigma_b2" }
        let rows = rowAxis?.values ?? []
        let seeds = (try? data.axis("seed").values.count) ?? 1
        let accuracy = try data.variable("test_accuracy").values
        let diverged = try data.variable("diverged").values
        var best = -Double.infinity, bestAt = ""
        for (index, value) in accuracy.enumerated() where value.isFinite && value > best {
            best = value
            bestAt = "σ_w² = \(format(sw2[index % sw2.count], digits: 2)), \(rowAxis?.name == "depth" ? "L" : "σ_b²") = \(CaptionNumber.format(rows[index / sw2.count]))"
        }
        let divergedPoints = diverged.filter { $0 >= 1 }.count
        let configuration = data.attributes["cell_configuration_example"] ?? ""
        let steps = (try? JSONSerialization.jsonObject(with: Data(configuration.utf8)) as? [String: Any])?["steps"].map { "\($0)" } ?? "?"
        let atStep = data.attributes["accuracy_at_step"].flatMap { Int($0) }.map(String.init) ?? steps
        var cells = ["\(title)", "\(sw2.count) × \(rows.count) × \(seeds)", atStep,
                     best.isFinite ? "\(format(best, digits: 3)) (\(bestAt))" : "—", "\(divergedPoints)"]
        if let n = try? data.variable("n").values[0] {
            let low = try data.variable("n_low").values[0], high = try data.variable("n_high").values[0]
            let columns = Int((try? data.variable("n_columns").values[0]) ?? 0)
            cells.append(format(n, digits: 2))
            cells.append(n.isFinite ? "[\(format(low, digits: 2)), \(format(high, digits: 2))] \(data.attributes["n_interval"] ?? ""), \(columns) columns"
                                    : (data.attributes["note"] ?? "not fitted"))
            let perSeed = (try? data.variable("n_per_seed").values) ?? []
            cells.append(perSeed.count > 1 ? perSeed.map { format($0, digits: 2) }.joined(separator: ", ") : "—")
        } else {
            cells += ["—", "no depth axis", "—"]
        }
        return "| " + cells.joined(separator: " | ") + " |"
    }

    public func run(_ context: StageContext) throws -> TextArtifact {
        var lines = [
            "<!-- \(parameters.pipeline), profile \(parameters.profile): written by the pipeline (TrainabilityTable) -->",
            "| heatmap | grid (σ_w² × rows × seeds) | steps | best test accuracy | diverged points | n | interval | seeds' own n |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for (index, heatmap) in heatmaps.enumerated() {
            let title = index < parameters.titles.count ? parameters.titles[index] : "heatmap \(index + 1)"
            lines.append(try Self.row(title: title, try context.read(heatmap)))
        }
        return TextArtifact(lines.joined(separator: "\n") + "\n")
    }
}
