/// The value a rule compares with: a number, or a dataset read at the same place as the evidence.
public enum Reference: Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case value(Double)
    case dataset(String)

    public init(floatLiteral value: Double) { self = .value(value) }
    public init(integerLiteral value: Int) { self = .value(Double(value)) }

    var description: String {
        switch self {
        case .value(let v): return RoundedNumber.plain(v)
        case .dataset(let name): return name
        }
    }
}

/// What a measured value must satisfy.
public enum Rule: Sendable {
    /// |ours − reference| ≤ tolerance.
    case near(Reference, tolerance: Double)
    /// |ours − reference| ≤ tolerance · |reference|.
    case nearRelative(Reference, tolerance: Double)
    /// |ours − reference| ≤ count standard errors (the evidence's standard error).
    case withinStandardErrors(Reference, count: Double)
    /// low ≤ ours ≤ high.
    case inside(Double, Double)
    /// ours < x.
    case below(Double)
    /// ours > x.
    case above(Double)
    /// The evidence's interval [low, high] contains x.
    case intervalContains(Double)
    /// ours > x by more than `count` standard errors: larger, beyond the noise.
    case exceeds(Double, standardErrors: Double)

    /// The rule in words, for the catalogue's readers and the verdict's reason.
    public var description: String {
        switch self {
        case .near(let r, let t): return "|ours − \(r.description)| ≤ \(RoundedNumber.plain(t))"
        case .nearRelative(let r, let t): return "|ours − \(r.description)| ≤ \(RoundedNumber.plain(t * 100))% of \(r.description)"
        case .withinStandardErrors(let r, let n): return "|ours − \(r.description)| ≤ \(RoundedNumber.plain(n)) standard errors"
        case .inside(let a, let b): return "\(RoundedNumber.plain(a)) ≤ ours ≤ \(RoundedNumber.plain(b))"
        case .below(let x): return "ours < \(RoundedNumber.plain(x))"
        case .above(let x): return "ours > \(RoundedNumber.plain(x))"
        case .intervalContains(let x): return "the interval of ours contains \(RoundedNumber.plain(x))"
        case .exceeds(let x, let n): return "ours > \(RoundedNumber.plain(x)) by more than \(RoundedNumber.plain(n)) standard errors"
        }
    }
}
