import Artifacts
import Foundation

/// A claim's verdict from the data: pure functions, no store, nothing run.
///
/// ```swift
/// let result = ClaimEvaluation.evaluate(claim) { stage in .current(try! LabelledData.read(from: folder)) }
/// result.verdict   // .reproduced
/// ```
public enum ClaimEvaluation {
    /// Evaluates `claim` against what `data` gives for each stage name.
    public static func evaluate(_ claim: Claim, profile: String = "", data: (String) -> StageEvidence) -> ClaimResult {
        var result = ClaimResult(id: claim.id, paper: claim.paper, location: claim.location, statement: claim.statement,
                                 paperValue: claim.paperValue, paperWording: claim.paperWording, ours: nil, uncertainty: nil,
                                 verdict: .notTestable, evidence: claim.evidence.description, reason: "",
                                 stage: claim.evidence.stage, dataset: claim.evidence.primaryDataset)
        if let untestable = claim.untestable {
            result.reason = untestable
            return result
        }
        let stage = claim.evidence.stage
        let labelled: LabelledData
        switch data(stage) {
        case .undeclared:
            result.reason = "stage \(stage) is not in the \(profile.isEmpty ? "" : profile + " ")profile's graph"
            return result
        case .missing:
            result.reason = "stage \(stage) is not computed\(profile.isEmpty ? "" : " with the \(profile) profile"): run `criticality run \(pipeline(of: stage))\(profile.isEmpty ? "" : " --profile \(profile)")`"
            return result
        case .stale(let reasons):
            result.reason = "stage \(stage) is stale (\(reasons.prefix(2).joined(separator: "; "))): run `criticality run \(pipeline(of: stage))\(profile.isEmpty ? "" : " --profile \(profile)")`"
            return result
        case .unreadable(let error):
            result.reason = "the data of \(stage) could not be read: \(error)"
            return result
        case .current(let d):
            labelled = d
        }
        do {
            let read = try Reading(evidence: claim.evidence, data: labelled)
            let ours = try read.value(of: claim.evidence.quantity)
            result.ours = ours
            // ∞ is a measurement (ξ_c at χ₁ = 1); NaN is a stage saying it has no value.
            guard !ours.isNaN else {
                let note = labelled.attributes["note"].map { ": \($0)" } ?? ""
                result.reason = "\(stage) recorded no value (NaN) for \(claim.evidence.quantity.description)\(note)"
                return result
            }
            var uncertainty: Double?
            if let se = claim.evidence.standardError { uncertainty = try read.value(of: se, reduction: .element) }
            var interval: (Double, Double)?
            if let names = claim.evidence.interval {
                let low = try read.value(of: .dataset(names.low), reduction: .element)
                let high = try read.value(of: .dataset(names.high), reduction: .element)
                if low.isFinite, high.isFinite {
                    interval = (low, high)
                    uncertainty = (high - low) / 2
                }
            }
            result.uncertainty = uncertainty
            let asWritten = try check(claim.rule, ours: ours, uncertainty: uncertainty, interval: interval, read: read)
            if asWritten.holds {
                result.verdict = .reproduced
                result.reason = "\(claim.rule.description): holds (\(asWritten.detail))"
            } else if let correction = claim.correction {
                let amendedValue = try correction.quantity.map { try read.value(of: $0) } ?? ours
                let amended = try check(correction.rule, ours: amendedValue, uncertainty: uncertainty, interval: interval, read: read)
                // The amended rule may read another quantity of the stage: name it instead of "ours".
                let label = correction.quantity?.description ?? "ours"
                let amendedRule = correction.rule.description.replacingOccurrences(of: "ours", with: label)
                let amendedDetail = amended.detail.replacingOccurrences(of: "ours", with: label)
                if amended.holds {
                    result.verdict = .corrected
                    result.reason = "\(correction.finding) (as written, \(claim.rule.description) fails: \(asWritten.detail); \(amendedRule) holds: \(amendedDetail))"
                } else {
                    result.verdict = .notReproduced
                    result.reason = "\(claim.rule.description) fails (\(asWritten.detail)); so does \(amendedRule) (\(amendedDetail))"
                }
            } else {
                result.verdict = .notReproduced
                result.reason = "\(claim.rule.description) fails (\(asWritten.detail))"
            }
        } catch let problem as EvidenceProblem {
            result.ours = nil
            result.uncertainty = nil
            result.reason = problem.message
        } catch {
            result.ours = nil
            result.reason = "\(error)"
        }
        return result
    }

    private static func pipeline(of stage: String) -> String { String(stage.split(separator: "/").first ?? Substring(stage)) }

    /// Whether `rule` holds for `ours`, with the numbers that decided it.
    static func check(_ rule: Rule, ours: Double, uncertainty: Double?, interval: (Double, Double)?, read: Reading) throws -> (holds: Bool, detail: String) {
        let o = RoundedNumber.text(ours, uncertainty: uncertainty)
        func reference(_ r: Reference) throws -> Double {
            switch r {
            case .value(let v): return v
            case .dataset(let name): return try read.value(of: .dataset(name))
            }
        }
        switch rule {
        case .near(let r, let tolerance):
            let x = try reference(r)
            return (abs(ours - x) <= tolerance, "ours \(o), |ours − \(RoundedNumber.plain(x))| = \(RoundedNumber.plain(abs(ours - x)))")
        case .nearRelative(let r, let tolerance):
            let x = try reference(r)
            let relative = abs(ours - x) / abs(x)
            return (relative <= tolerance, "ours \(o) against \(RoundedNumber.plain(x)): \(RoundedNumber.plain(relative * 100))% apart")
        case .withinStandardErrors(let r, let count):
            let x = try reference(r)
            guard let se = uncertainty, se.isFinite, se > 0 else { throw EvidenceProblem(message: "the rule needs a standard error and the evidence gives none") }
            let z = abs(ours - x) / se
            return (z <= count, "ours \(o), \(String(format: "%.1f", z)) standard errors from \(RoundedNumber.plain(x))")
        case .inside(let a, let b):
            return (ours >= a && ours <= b, "ours \(o)")
        case .below(let x):
            return (ours < x, "ours \(o)")
        case .above(let x):
            return (ours > x, "ours \(o)")
        case .intervalContains(let x):
            guard let (low, high) = interval else { throw EvidenceProblem(message: "the rule needs an interval and the stage recorded none (no fit)") }
            return (low <= x && x <= high, "ours \(RoundedNumber.plain(ours)) in [\(RoundedNumber.plain(low)), \(RoundedNumber.plain(high))]")
        }
    }
}

/// Why evidence could not give a number (a dataset or coordinate not in the data).
struct EvidenceProblem: Error {
    var message: String
}
