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
        let run = profile.isEmpty ? "" : " --profile \(profile)"
        // The stage's data, or why there is none.
        func load(_ stage: String) -> (LabelledData?, String) {
            switch data(stage) {
            case .undeclared: return (nil, "stage \(stage) is not in the \(profile.isEmpty ? "" : profile + " ")profile's graph")
            case .missing: return (nil, "stage \(stage) is not computed\(profile.isEmpty ? "" : " with the \(profile) profile"): run `criticality run \(pipeline(of: stage))\(run)`")
            case .stale(let reasons): return (nil, "stage \(stage) is stale (\(reasons.prefix(2).joined(separator: "; "))): run `criticality run \(pipeline(of: stage))\(run)`")
            case .unreadable(let error): return (nil, "the data of \(stage) could not be read: \(error)")
            case .current(let d): return (d, "")
            }
        }
        if let comparison = claim.evidence.comparison {
            return compare(claim, comparison, result: result, load: load)
        }
        let (loaded, why) = load(stage)
        guard let labelled = loaded else {
            result.reason = why
            return result
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
            try decide(claim, ours: ours, uncertainty: uncertainty, interval: interval, read: read, into: &result)
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

    /// Sets the verdict and its reason: the claim as written, else its correction.
    static func decide(_ claim: Claim, ours: Double, uncertainty: Double?, interval: (Double, Double)?, read: Reading, into result: inout ClaimResult) throws {
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
    }

    /// A comparison of two groups of stages: the difference of their means, with its standard error.
    static func compare(_ claim: Claim, _ comparison: Evidence.Comparison, result initial: ClaimResult,
                        load: (String) -> (LabelledData?, String)) -> ClaimResult {
        var result = initial
        do {
            var groups: [[Double]] = [], firstRead: Reading?
            for stages in [comparison.treatment, comparison.control] {
                var values: [Double] = []
                for stage in stages {
                    let (loaded, why) = load(stage)
                    guard let data = loaded else {
                        result.reason = why
                        return result
                    }
                    var evidence = claim.evidence
                    evidence.stage = stage
                    let read = try Reading(evidence: evidence, data: data)
                    if firstRead == nil { firstRead = read }
                    values.append(try read.value(of: claim.evidence.quantity))
                }
                groups.append(values)
            }
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isFinite) }), let read = firstRead else {
                result.reason = "a stage of the comparison recorded no finite value"
                return result
            }
            func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
            func variance(_ x: [Double]) -> Double? {
                guard x.count > 1 else { return nil }
                let m = mean(x)
                return x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)
            }
            let ours = mean(groups[0]) - mean(groups[1])
            var uncertainty: Double?
            if let a = variance(groups[0]), let b = variance(groups[1]) {
                uncertainty = (a / Double(groups[0].count) + b / Double(groups[1].count)).squareRoot()
            }
            result.ours = ours
            result.uncertainty = uncertainty
            try decide(claim, ours: ours, uncertainty: uncertainty, interval: nil, read: read, into: &result)
        } catch let problem as EvidenceProblem {
            result.reason = problem.message
        } catch {
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
        case .exceeds(let x, let count):
            guard let se = uncertainty, se.isFinite, se > 0 else { throw EvidenceProblem(message: "the rule needs a standard error and the evidence gives none") }
            let z = (ours - x) / se
            return (z > count, "ours \(o), \(String(format: "%.1f", z)) standard errors above \(RoundedNumber.plain(x))")
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
