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
    public let heatmaps: [Artifact<TrainabilityHeatmapData>]

    public init(_ parameters: Parameters, heatmaps: [Artifact<TrainabilityHeatmapData>]) {
        self.parameters = parameters
        self.heatmaps = heatmaps
    }

    /// Numbers as the table prints them: three decimals for accuracies, two for n.
    static func format(_ value: Double, digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "—"
    }

    /// One row of the table.
    static func row(title: String, _ data: TrainabilityHeatmapData) throws -> String {
        let sw2 = data.sw2
        let rows = data.rowValues
        let seeds = data.seeds.count
        var best = -Double.infinity, bestAt = ""
        for (index, value) in data.testAccuracy.enumerated() where value.isFinite && value > best {
            best = value
            bestAt = "σ_w² = \(format(sw2[index % sw2.count], digits: 2)), \(data.rows == .depth ? "L" : "σ_b²") = \(CaptionNumber.format(rows[index / sw2.count]))"
        }
        let divergedPoints = data.diverged.filter { $0 >= 1 }.count
        let steps = data.atStep.map(String.init) ?? ((try? data.recordedConfiguration()).map { "\($0.steps)" } ?? "?")
        var cells = ["\(title)", "\(sw2.count) × \(rows.count) × \(seeds)", steps,
                     best.isFinite ? "\(format(best, digits: 3)) (\(bestAt))" : "—", "\(divergedPoints)"]
        if let fit = data.fit {
            cells.append(format(fit.n, digits: 2))
            cells.append(fit.n.isFinite ? "[\(format(fit.nLow, digits: 2)), \(format(fit.nHigh, digits: 2))] \(fit.intervalKind), \(fit.columnsUsed.count) columns"
                                        : (fit.note ?? "not fitted"))
            cells.append(fit.nPerSeed.count > 1 ? fit.nPerSeed.map { format($0, digits: 2) }.joined(separator: ", ") : "—")
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
