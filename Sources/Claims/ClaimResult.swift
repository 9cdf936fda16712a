/// A claim with its verdict, as `criticality claims --json` prints it: exactly the keys id,
/// paper, where, claim, paper_value, ours, uncertainty, verdict, evidence and reason (a number
/// the data do not give is `null`).
public struct ClaimResult: Encodable, Sendable, Equatable {
    public var id: String
    public var paper: String
    public var location: String
    public var statement: String
    public var paperValue: Double?
    /// The paper's wording of its value, for tables (not in the JSON: `claim` carries it).
    public var paperWording: String?
    public var ours: Double?
    /// A standard error, or the half-width of an interval.
    public var uncertainty: Double?
    public var verdict: Verdict
    /// The evidence in one line (stage, dataset, selector).
    public var evidence: String
    /// Why this verdict: the rule with the numbers, the correction found, or why nothing could be tested.
    public var reason: String
    /// The stage and dataset, for links (not in the JSON: `evidence` carries them).
    public var stage: String
    public var dataset: String

    /// The JSON keys, in the order the issue lists them.
    public static let jsonKeys = ["id", "paper", "where", "claim", "paper_value", "ours", "uncertainty", "verdict", "evidence", "reason"]

    enum CodingKeys: String, CodingKey {
        case id, paper, location = "where", statement = "claim", paperValue = "paper_value", ours, uncertainty, verdict, evidence, reason
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(paper, forKey: .paper)
        try c.encode(location, forKey: .location)
        try c.encode(statement, forKey: .statement)
        // Explicit nulls: a reader checks the key, not its absence.
        try c.encode(paperValue.flatMap { $0.isFinite ? $0 : nil }, forKey: .paperValue)
        try c.encode(ours.flatMap { $0.isFinite ? $0 : nil }, forKey: .ours)
        try c.encode(uncertainty.flatMap { $0.isFinite ? $0 : nil }, forKey: .uncertainty)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(reason, forKey: .reason)
    }
}
