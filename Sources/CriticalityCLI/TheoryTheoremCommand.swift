import ArgumentParser
import Foundation
import MeanField

/// `criticality theory theorem1`: Theorem 1 of paper 002 (sigmoid): χ₁ = 1 needs σ_w² ≳ 100.
struct TheoryTheoremCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theorem1",
        abstract: "Theorem 1 of paper 002: the sigmoid's critical sigma_w^2 at sigma_b^2 = 0 and its minimum along the critical line.")

    @Flag(help: "JSON instead of text.")
    var json = false

    /// The σ_b² searched for the minimum along the critical line: 0 … 2 in steps of 0.05.
    static let searchedBiasVariances = (0...40).map { Double($0) * 0.05 }

    func run() throws { print(try output()) }

    func output() throws -> String {
        let s = try theoryErrors { try SigmoidTheorem.solve() }
        let m = try theoryErrors { try SigmoidTheorem.minimumAlongCriticalLine(biasVariances: Self.searchedBiasVariances) }
        let verdict = "the paper's 'sigma_w ~ 103.05' is in fact sigma_w^2 = \(String(format: "%.2f", s.weightVariance)) "
            + "(sigma_w = \(String(format: "%.3f", s.weightStandardDeviation))); its bound sigma_w^2 >~ 100 holds"
        if json {
            var out = TheoryJSON()
            out.add("activation", .string("sigmoid"))
            out.add("sb2", .number(0))
            out.add("sw2", .number(s.weightVariance))
            out.add("sw", .number(s.weightStandardDeviation))
            out.add("q_star", .number(s.qStar))
            out.add("min_sw2", .number(m.weightVariance))
            out.add("min_sb2", .number(m.biasVariance))
            out.add("sb2_searched", .numbers([Self.searchedBiasVariances.first!, Self.searchedBiasVariances.last!]))
            out.add("note", .string(verdict))
            return out.text
        }
        var text = TheoryText()
        text.add("activation", "sigmoid, sigma_b^2 = 0, chi1 = 1")
        text.add("sigma_w^2", s.weightVariance)
        text.add("sigma_w", s.weightStandardDeviation)
        text.add("q*", s.qStar)
        text.add("min sigma_w^2 on the critical line", "\(m.weightVariance) at sigma_b^2 = \(m.biasVariance) (searched sigma_b^2 = 0 ... 2, step 0.05)")
        text.note(verdict)
        return text.text
    }
}
