/// One quantitative claim of a paper, with the evidence that measures it and the rule that
/// decides its verdict. Declared as values in `Pipelines/Claims.swift`, evaluated by
/// ``ClaimEvaluation`` without running anything.
///
/// ```swift
/// Claim(id: "002-theorem1", paper: "002", location: "Theorem 1, Appendix, Fig. 5",
///       statement: "If χ₁ = 1 for the sigmoid at σ_b² = 0, then σ_w² ≳ 100, solved at 103.05.",
///       paperValue: 103.05, paperWording: "σ_w ≈ 103.05",
///       evidence: Evidence(stage: "002-fig5-sigmoid/theorem", .dataset("theorem1_sigma_w2")),
///       rule: .near(103.05, tolerance: 0.005),
///       correction: Correction(rule: .above(100), finding: "the solution is σ_w² = 103.0076"))
/// ```
public struct Claim: Sendable {
    /// A stable identifier (`002-theorem1`).
    public var id: String
    /// The paper's number in `../shared/papers/` (`"002"`).
    public var paper: String
    /// Where the paper states it: section, figure or equation.
    public var location: String
    /// The claim in one sentence.
    public var statement: String
    /// The paper's own number, when it gives one.
    public var paperValue: Double?
    /// The paper's own wording of that number (`σ_w ≈ 103.05`).
    public var paperWording: String?
    /// What measures it.
    public var evidence: Evidence
    /// What the measured value must satisfy for the paper's claim to hold as written.
    public var rule: Rule
    /// When the claim as written fails: the weaker or amended claim that holds, and the finding.
    public var correction: Correction?
    /// Why it cannot be tested here at all (a data set not installed, a number no stage records yet).
    public var untestable: String?

    /// A claim; see the type's example.
    public init(id: String, paper: String, location: String, statement: String, paperValue: Double? = nil, paperWording: String? = nil,
                evidence: Evidence, rule: Rule, correction: Correction? = nil, untestable: String? = nil) {
        self.id = id
        self.paper = paper
        self.location = location
        self.statement = statement
        self.paperValue = paperValue
        self.paperWording = paperWording
        self.evidence = evidence
        self.rule = rule
        self.correction = correction
        self.untestable = untestable
    }
}

/// The amended claim that holds when the paper's own fails, and what the project found.
public struct Correction: Sendable {
    /// The rule the measured value satisfies.
    public var rule: Rule
    /// The finding, in one sentence (`the paper writes σ_w where it means σ_w²`).
    public var finding: String
    /// Another quantity of the same stage that the rule reads instead of the claim's own (the
    /// gap to this project's theory where the claim's is the gap to the paper's); nil: the same.
    public var quantity: Quantity?

    /// A correction.
    public init(rule: Rule, finding: String, quantity: Quantity? = nil) {
        self.rule = rule
        self.finding = finding
        self.quantity = quantity
    }
}
