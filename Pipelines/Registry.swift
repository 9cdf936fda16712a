import Foundation
import Pipeline

/// Every pipeline `criticality` knows, in the order `make figures` runs them.
public func allPipelines() -> [PipelineDefinition] {
    var pipelines: [PipelineDefinition] = []
    if ProcessInfo.processInfo.environment["CRITICALITY_SELFTEST"] == "1" { pipelines += [selftest, synthetic] }
    return pipelines
}
