import Claims
import Foundation
import Pipeline

/// Everything a report or an archive describes: the pipelines, the provenance of each of their
/// stages, and the store that holds their outputs.
public struct ReportContent: Sendable {
    /// The pipelines, in the order `make figures` runs them (name and one-line summary).
    public var pipelines: [(name: String, summary: String)]
    /// Every stage of those pipelines.
    public let stages: [StageProvenance]
    /// The profile the graph was built for.
    public var profile: Profile
    /// The store that holds the outputs.
    public var store: Store
    /// The papers' claims with their verdicts: the report opens with them and writes them as
    /// `claims.json` beside the page (nil: no scorecard).
    public var scorecard: Scorecard?

    public init(pipelines: [(name: String, summary: String)], stages: [StageProvenance], profile: Profile, store: Store) {
        self.pipelines = pipelines
        self.stages = stages
        self.byName = Dictionary(stages.map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
        self.profile = profile
        self.store = store
    }

    /// Stages by name: chains are walked several times per figure, over hundreds of cells.
    private let byName: [String: StageProvenance]

    /// The stage called `name`.
    func stage(_ name: String) -> StageProvenance? { byName[name] }

    /// Figure stages: those that rendered a PNG, or whose type is a figure when never run.
    var figures: [StageProvenance] {
        stages.filter { s in
            if let manifest = s.manifest { return manifest.outputs.keys.contains { $0.hasSuffix(".png") } }
            return s.kind.hasPrefix("figure")
        }
    }

    /// The stage and everything it reads, transitively, in dependency order.
    func chain(of stage: StageProvenance) -> [StageProvenance] {
        var seen = Set<String>(), order: [StageProvenance] = []
        func visit(_ s: StageProvenance) {
            guard seen.insert(s.stage).inserted else { return }
            for input in s.inputs { if let upstream = self.stage(input) { visit(upstream) } }
            order.append(s)
        }
        visit(stage)
        return order
    }

    /// The folder holding a stage's described outputs in the store.
    func outputsFolder(_ s: StageProvenance) -> URL? {
        s.manifest.map { store.outputs($0.key) }
    }
}
