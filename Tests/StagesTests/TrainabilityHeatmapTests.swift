import Artifacts
import Foundation
@testable import Stages
import Testing

/// How a trainability heatmap reads one training cell: at its end, or at a step of its history
/// (Fig. 2's right panel is its left panel's runs after their first epoch).
@Suite("trainability heatmap: reading a cell")
struct TrainabilityHeatmapTests {
    /// A cell as TrainingCell writes it: final numbers and a history recorded at `steps`.
    static func cell(final: Double, diverged: Bool, steps: [Double], test: [Double]) -> LabelledData {
        var data = LabelledData(description: "cell")
        data.addAxis("run", values: [0], units: "1", description: "")
        data.addVariable("test_accuracy", over: ["run"], values: [final], units: "1", description: "")
        data.addVariable("train_accuracy", over: ["run"], values: [final + 0.01], units: "1", description: "")
        data.addVariable("diverged", over: ["run"], values: [diverged ? 1 : 0], units: "1", description: "")
        data.addAxis("step", values: steps, units: "steps", description: "")
        data.addVariable("history_test_accuracy", over: ["step"], values: test, units: "1", description: "")
        data.addVariable("history_train_accuracy", over: ["step"], values: test.map { $0 + 0.02 }, units: "1", description: "")
        return data
    }

    @Test("at a step, the record there; at the end, the final numbers")
    func recordAtStep() throws {
        let data = Self.cell(final: 0.7, diverged: false, steps: [180, 360], test: [0.4, 0.7])
        let first = try TrainabilityHeatmap.outcome(data, atStep: 180)
        #expect(!first.diverged && first.test == 0.4 && abs(first.train - 0.42) < 1e-12)
        let end = try TrainabilityHeatmap.outcome(data, atStep: nil)
        #expect(!end.diverged && end.test == 0.7 && abs(end.train - 0.71) < 1e-12)
    }

    @Test("a run that diverged after the step counts there; one that diverged before has no record and counts as diverged")
    func divergence() throws {
        // Diverged at step 250: its records are 180 and 250 (the last one where it diverged).
        let late = Self.cell(final: 0.1, diverged: true, steps: [180, 250], test: [0.5, 0.1])
        #expect(try TrainabilityHeatmap.outcome(late, atStep: 180).test == 0.5)
        #expect(try TrainabilityHeatmap.outcome(late, atStep: 180).diverged == false)
        // Diverged at step 90: a single record there, none at 180.
        let early = Self.cell(final: 0.1, diverged: true, steps: [90], test: [0.1])
        #expect(try TrainabilityHeatmap.outcome(early, atStep: 180).diverged)
        // Diverged exactly at step 180: that record is where it diverged.
        let exact = Self.cell(final: 0.1, diverged: true, steps: [180], test: [0.1])
        #expect(try TrainabilityHeatmap.outcome(exact, atStep: 180).diverged)
    }

    @Test("a healthy run without a record at the step is a clear error naming the fix")
    func missingRecord() {
        let data = Self.cell(final: 0.7, diverged: false, steps: [100, 200], test: [0.4, 0.7])
        #expect {
            try TrainabilityHeatmap.outcome(data, atStep: 180)
        } throws: { error in
            "\(error)".contains("no record at step 180") && "\(error)".contains("evaluationInterval")
        }
    }
}
