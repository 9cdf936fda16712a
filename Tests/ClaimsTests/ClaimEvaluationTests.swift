import Artifacts
import Claims
import Foundation
import Testing

/// Verdicts are computed from the data: the same claim, evaluated on data written with a value
/// inside and then outside its rule, changes verdict.
@Suite struct ClaimEvaluationTests {
    /// A stage's data with one scalar and one curve, as a stage would write it, read back from HDF5.
    func data(theorem: Double, chi1AtTwo: Double) throws -> LabelledData {
        var d = LabelledData(description: "test data")
        d.addAxis("solution", values: [0], units: "1", description: "one value")
        d.addVariable("theorem1_sigma_w2", over: ["solution"], values: [theorem], units: "1", description: "σ_w²")
        d.addAxis("sigma_w2", values: [1, 1.5, 2, 2.5], units: "1", description: "σ_w²")
        d.addVariable("chi1", over: ["sigma_w2"], values: [0.6, 0.8, chi1AtTwo, 1.3], units: "1", description: "χ₁")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try d.write(to: folder)
        return try LabelledData.read(from: folder)
    }

    let theorem = Claim(id: "t", paper: "002", location: "Theorem 1", statement: "σ_w² ≈ 103.05", paperValue: 103.05,
                        evidence: Evidence(stage: "s", .dataset("theorem1_sigma_w2")), rule: .near(103.05, tolerance: 0.005),
                        correction: Correction(rule: .near(103.0076, tolerance: 0.0005), finding: "the solution is 103.0076"))

    @Test func verdictFollowsTheValue() throws {
        let asPaper = try data(theorem: 103.051, chi1AtTwo: 0.9)
        let asSolved = try data(theorem: 103.0076, chi1AtTwo: 0.9)
        let neither = try data(theorem: 110, chi1AtTwo: 0.9)
        #expect(ClaimEvaluation.evaluate(theorem) { _ in .current(asPaper) }.verdict == .reproduced)
        #expect(ClaimEvaluation.evaluate(theorem) { _ in .current(asSolved) }.verdict == .corrected)
        #expect(ClaimEvaluation.evaluate(theorem) { _ in .current(neither) }.verdict == .notReproduced)
        #expect(ClaimEvaluation.evaluate(theorem) { _ in .current(asSolved) }.ours == 103.0076)
    }

    @Test func elementAndCrossingSelectors() throws {
        let ordered = Claim(id: "o", paper: "002", location: "§4.4", statement: "χ₁(2) < 1",
                            evidence: Evidence(stage: "s", .dataset("chi1"), at: [.value("sigma_w2", 2)]), rule: .below(1))
        #expect(ClaimEvaluation.evaluate(ordered) { _ in .current(try! data(theorem: 0, chi1AtTwo: 0.9)) }.verdict == .reproduced)
        #expect(ClaimEvaluation.evaluate(ordered) { _ in .current(try! data(theorem: 0, chi1AtTwo: 1.048)) }.verdict == .notReproduced)
        // χ₁ goes 0.8 → 1.2 between σ_w² = 1.5 and 2: it crosses 1 half way, at 1.75.
        let crossing = Claim(id: "c", paper: "002", location: "Eq. 8", statement: "χ₁ = 1",
                             evidence: Evidence(stage: "s", .dataset("chi1"), reduce: .crossing(1)), rule: .near(1.75, tolerance: 1e-12))
        let result = ClaimEvaluation.evaluate(crossing) { _ in .current(try! data(theorem: 0, chi1AtTwo: 1.2)) }
        #expect(result.verdict == .reproduced)
        #expect(abs((result.ours ?? 0) - 1.75) < 1e-12)
    }

    @Test func missingDataIsNotTestableWithItsReason() throws {
        let stale = ClaimEvaluation.evaluate(theorem, profile: "quick") { _ in .stale(["parameter sw2 changed"]) }
        #expect(stale.verdict == .notTestable)
        #expect(stale.reason.contains("stale") && stale.reason.contains("parameter sw2 changed"))
        #expect(ClaimEvaluation.evaluate(theorem) { _ in .missing }.reason.contains("not computed"))
        var wrongName = theorem
        wrongName.evidence = Evidence(stage: "s", .dataset("no_such_dataset"))
        let unresolved = ClaimEvaluation.evaluate(wrongName) { _ in .current(try! data(theorem: 1, chi1AtTwo: 1)) }
        #expect(unresolved.verdict == .notTestable)
        #expect(unresolved.reason.contains("no_such_dataset"))
        #expect(unresolved.ours == nil)
    }

    @Test func valuesAreRoundedToTheirUncertainty() {
        #expect(RoundedNumber.withUncertainty(-0.82461, 0.19873) == ("-0.82", "0.20"))
        #expect(RoundedNumber.withUncertainty(4.5321, 0.0123) == ("4.532", "0.012"))
        #expect(RoundedNumber.withUncertainty(1234.4, 56) == ("1234", "56"))
        #expect(RoundedNumber.text(103.0075512, uncertainty: nil) == "103.008")
        #expect(RoundedNumber.plain(0.05) == "0.05")
    }

    @Test func jsonHasExactlyTheIssuesKeys() throws {
        let result = ClaimEvaluation.evaluate(theorem) { _ in .missing }
        let json = try Scorecard(results: [result], profile: "quick").json()
        let objects = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        #expect(Set(objects[0].keys) == Set(ClaimResult.jsonKeys))
        #expect(objects[0]["ours"] is NSNull)
        #expect(objects[0]["verdict"] as? String == "not testable")
    }
}

/// A comparison of two groups of stages (seeds of two initialisations): the verdict follows the
/// difference of their means against its standard error.
@Suite struct ClaimComparisonTests {
    func run(_ accuracy: [Double]) throws -> LabelledData {
        var d = LabelledData(description: "a training run")
        d.addAxis("step", values: (0..<accuracy.count).map(Double.init), units: "steps", description: "step")
        d.addVariable("history_test_accuracy", over: ["step"], values: accuracy, units: "1", description: "test accuracy")
        return d
    }

    func claim() -> Claim {
        Claim(id: "f", paper: "002", location: "Fig. 3", statement: "orthogonal learns faster",
              evidence: Evidence(comparing: ["o0", "o1", "o2"], with: ["g0", "g1", "g2"], .dataset("history_test_accuracy"), reduce: .mean),
              rule: .exceeds(0, standardErrors: 2))
    }

    @Test func verdictFollowsTheDifference() throws {
        let faster: [String: LabelledData] = [
            "o0": try run([0.5, 0.7]), "o1": try run([0.52, 0.72]), "o2": try run([0.48, 0.68]),
            "g0": try run([0.3, 0.5]), "g1": try run([0.32, 0.52]), "g2": try run([0.28, 0.48]),
        ]
        let result = ClaimEvaluation.evaluate(claim()) { .current(faster[$0]!) }
        #expect(result.verdict == .reproduced)
        #expect(abs((result.ours ?? 0) - 0.2) < 1e-12)
        var same = faster
        for s in ["g0", "g1", "g2"] { same[s] = faster["o" + s.dropFirst()] }
        #expect(ClaimEvaluation.evaluate(claim()) { .current(same[$0]!) }.verdict == .notReproduced)
        #expect(ClaimEvaluation.evaluate(claim()) { $0 == "g2" ? .missing : .current(faster[$0]!) }.verdict == .notTestable)
    }
}
