import Claims
import Foundation
import Pipeline
import Pipelines
import Reporting

extension WorkspaceOptions {
    /// The provenance of the targets' stages (every pipeline when none), for report and archive.
    func reportContent(targets: [String]) throws -> ReportContent {
        let graph = try self.graph()
        let engine = try self.engine()
        let stages = try engine.provenance(graph, targets: targets)
        let used = Set(stages.map(\.pipeline))
        let pipelines = allPipelines().filter { used.contains($0.name) }.map { (name: $0.name, summary: $0.summary) }
        var content = ReportContent(pipelines: pipelines, stages: stages, profile: profile, store: engine.store)
        // The scorecard covers every claim, whichever pipelines the report shows.
        let all = targets.isEmpty ? stages : try engine.provenance(graph)
        content.scorecard = Scorecard(claims: claimCatalogue(profile: profile, dataDirectories: graph.dataDirectories), stages: all, store: engine.store, profile: profile.rawValue)
        return content
    }
}
