import Artifacts
import Foundation
import Pipeline

/// Every claim's verdict for one profile, read from a store: what `criticality claims` prints,
/// what the report opens with and what `claims.json` holds. Nothing is computed or run.
public struct Scorecard: Sendable {
    /// The verdicts, in the catalogue's order.
    public var results: [ClaimResult]
    /// The profile the graph was built for.
    public var profile: String

    /// A scorecard of given results.
    public init(results: [ClaimResult], profile: String) {
        self.results = results
        self.profile = profile
    }

    /// Evaluates `claims` against the stages of a profile's graph (their provenance, as
    /// `Engine.provenance` gives it) and the store that holds their outputs.
    public init(claims: [Claim], stages: [StageProvenance], store: Store, profile: String) {
        let byName = Dictionary(stages.map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
        var cache: [String: StageEvidence] = [:]
        func evidence(_ stage: String) -> StageEvidence {
            if let known = cache[stage] { return known }
            let found: StageEvidence
            if let s = byName[stage] {
                switch s.state {
                case .missing: found = .missing
                case .stale: found = .stale(s.reasons)
                case .current:
                    if let manifest = s.manifest {
                        do { found = .current(try LabelledData.read(from: store.outputs(manifest.key))) } catch { found = .unreadable("\(error)") }
                    } else {
                        found = .missing
                    }
                }
            } else {
                found = .undeclared
            }
            cache[stage] = found
            return found
        }
        self.init(results: claims.map { ClaimEvaluation.evaluate($0, profile: profile, data: evidence) }, profile: profile)
    }

    /// How many claims have each verdict, in the order of ``Verdict/allCases``.
    public var counts: [(verdict: Verdict, count: Int)] {
        Verdict.allCases.map { v in (v, results.filter { $0.verdict == v }.count) }
    }

    /// "31 claims: 18 reproduced, 3 corrected, 2 not reproduced, 8 not testable".
    public var summary: String {
        "\(results.count) claims: " + counts.map { "\($0.count) \($0.verdict.rawValue)" }.joined(separator: ", ")
    }

    /// The `--json` content: a list of objects with exactly ``ClaimResult/jsonKeys``.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]  // sorted: the same results give the same bytes
        var data = try encoder.encode(results)
        data.append(0x0A)
        return data
    }

    /// The file name of the JSON beside a report (and in an archive's report folder).
    public static let fileName = "claims.json"
}
