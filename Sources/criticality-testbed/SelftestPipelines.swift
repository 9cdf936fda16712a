import Foundation
import Pipeline
import SelftestStages

/// A slow chain used by the end-to-end tests that interrupt and kill runs; listed only in the
/// test bed (`criticality-testbed`), never in the shipped `criticality`.
/// CRITICALITY_SELFTEST_CELLS widens the grid (default 4), as a user widening a grid would.
let selftest = PipelineDefinition("selftest", summary: "engine self-test: slow stages to interrupt") { p in
    let cells = Int(ProcessInfo.processInfo.environment["CRITICALITY_SELFTEST_CELLS"] ?? "") ?? 4
    let first = p.grid("sleepers", over: Array(0..<cells), label: { "n=\($0.parameters.label.dropFirst())" }) {
        SleepStage(.init(seconds: 0.3, label: "s\($0)"))
    }
    p.add("join", SleepStage(.init(seconds: 0.3, label: "join"), after: first))
}

/// 999 trivial cells and their sum, 1000 stages: the engine's overhead as `make bench` measures
/// it (cold run, no-op rerun, one-cell edit). Listed only in the test bed.
let synthetic = PipelineDefinition("synthetic", summary: "engine benchmark: 999-cell fan-out and a gather") { p in
    let cells = p.grid("cells", over: Array(0..<999), label: { "i=\($0.parameters.value)" }) { TrivialStage(value: $0) }
    p.add("sum", SumStage(label: "sum", terms: cells))
}
