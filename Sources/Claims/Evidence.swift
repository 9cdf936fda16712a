/// Where a claim's number comes from: a stage's stored data, the quantity read from it, the
/// coordinates that fix some of its axes, and how the rest is reduced to one number.
///
/// ```swift
/// // χ₁ of tanh at σ_w² = 2 on 002-depth-scales' curve
/// Evidence(stage: "002-depth-scales/curves[tanh]", .dataset("chi1"), at: [.value("sigma_w2", 2)])
/// // where χ₁ crosses 1, by linear interpolation along σ_w²
/// Evidence(stage: "002-depth-scales/curves[tanh]", .dataset("chi1"), reduce: .crossing(1))
/// ```
public struct Evidence: Sendable {
    /// The stage's full name (`pipeline/stage` or `pipeline/grid[label]`).
    public var stage: String
    /// What is read, element by element.
    public var quantity: Quantity
    /// Coordinates that fix axes of the quantity.
    public var fixed: [Coordinate]
    /// How the elements left after fixing become one number.
    public var reduction: Reduction
    /// A standard error read at the same place, when the stage records one.
    public var standardError: Quantity?
    /// The datasets holding the ends of an interval around the value (`n_low`, `n_high`).
    public var interval: (low: String, high: String)?
    /// When set, the value is the mean over the treatment stages minus the mean over the control
    /// stages of what each gives (seeds of two initialisations, say), with the standard error
    /// of that difference; `stage` is the first treatment stage.
    public var comparison: Comparison?

    /// Two groups of stages whose means are compared.
    public struct Comparison: Sendable {
        public var treatment: [String]
        public var control: [String]
    }

    /// Evidence; see the type's example.
    public init(stage: String, _ quantity: Quantity, at fixed: [Coordinate] = [], reduce reduction: Reduction = .element,
                standardError: Quantity? = nil, interval: (low: String, high: String)? = nil) {
        self.stage = stage
        self.quantity = quantity
        self.fixed = fixed
        self.reduction = reduction
        self.standardError = standardError
        self.interval = interval
    }

    /// The mean of `quantity` (reduced the same way) over the `treatment` stages minus its mean
    /// over the `control` stages.
    public init(comparing treatment: [String], with control: [String], _ quantity: Quantity, at fixed: [Coordinate] = [], reduce reduction: Reduction = .element) {
        self.init(stage: treatment.first ?? "", quantity, at: fixed, reduce: reduction)
        comparison = Comparison(treatment: treatment, control: control)
    }

    /// Every stage the evidence reads.
    public var stages: [String] { comparison.map { $0.treatment + $0.control } ?? [stage] }

    /// "002-depth-scales/curves[tanh]: chi1 at sigma_w2 = 2".
    public var description: String {
        var text = "\(stage): \(quantity.description)"
        if let comparison {
            text = "mean over \(comparison.treatment.joined(separator: ", ")) minus mean over \(comparison.control.joined(separator: ", ")): \(quantity.description)"
        }
        if !fixed.isEmpty { text += " at " + fixed.map(\.description).joined(separator: ", ") }
        if let r = reduction.description { text += ", " + r }
        if let standardError { text += " ± \(standardError.description)" }
        if let interval { text += " in [\(interval.low), \(interval.high)]" }
        return text
    }

    /// The first dataset the evidence reads: the one a report links to.
    public var primaryDataset: String { quantity.datasets[0] }
}

/// A number per element, computed from one or more datasets of the same shape.
public indirect enum Quantity: Sendable {
    /// A stored dataset, by its HDF5 name.
    case dataset(String)
    /// The ratio of two quantities, element by element.
    case ratio(Quantity, Quantity)
    /// Their difference.
    case difference(Quantity, Quantity)
    /// |measured − predicted| / standard error: the gap in standard errors.
    case gap(measured: String, predicted: String, standardError: String)

    /// Every dataset it reads.
    public var datasets: [String] {
        switch self {
        case .dataset(let name): return [name]
        case .ratio(let a, let b), .difference(let a, let b): return a.datasets + b.datasets
        case .gap(let m, let p, let s): return [m, p, s]
        }
    }

    /// "chi1", "ks_distance / ks_critical".
    public var description: String {
        switch self {
        case .dataset(let name): return name
        case .ratio(let a, let b): return "\(a.description) / \(b.description)"
        case .difference(let a, let b): return "\(a.description) − \(b.description)"
        case .gap(let m, let p, let s): return "|\(m) − \(p)| / \(s)"
        }
    }
}

/// A coordinate fixing one axis of a dataset: by value (matched to 10⁻⁹ relative) or by index.
public struct Coordinate: Sendable {
    /// The axis's name (`sigma_w2`).
    public var axis: String
    /// Where on it.
    public var position: Position

    /// A position on an axis.
    public enum Position: Sendable {
        case value(Double)
        case index(Int)
        case last
    }

    /// The element at `value` on `axis`.
    public static func value(_ axis: String, _ value: Double) -> Coordinate { Coordinate(axis: axis, position: .value(value)) }
    /// The element at `index` on `axis`.
    public static func index(_ axis: String, _ index: Int) -> Coordinate { Coordinate(axis: axis, position: .index(index)) }
    /// The last element on `axis`.
    public static func last(_ axis: String) -> Coordinate { Coordinate(axis: axis, position: .last) }

    /// "sigma_w2 = 2", "q index 0".
    public var description: String {
        switch position {
        case .value(let v): return "\(axis) = \(RoundedNumber.plain(v))"
        case .index(let i): return "\(axis) index \(i)"
        case .last: return "last \(axis)"
        }
    }
}

/// How the elements left after fixing coordinates become one number.
public enum Reduction: Sendable {
    /// Exactly one element must be left.
    case element
    /// The largest, smallest, median or mean of the finite elements.
    case maximum, minimum, median, mean
    /// The fraction of finite elements below a threshold.
    case fractionBelow(Double)
    /// The coordinate on the one axis left where the values first cross `level`, by linear interpolation.
    case crossing(Double)
    /// The coordinate on the one axis left where the values are largest.
    case argmax
    /// The mean step between successive elements along the one axis left.
    case meanIncrement
    /// The largest minus the smallest step between successive elements (zero for a straight line).
    case incrementSpread

    /// Its wording in an evidence line (nil for a plain element).
    public var description: String? {
        switch self {
        case .element: return nil
        case .maximum: return "maximum"
        case .minimum: return "minimum"
        case .median: return "median"
        case .mean: return "mean"
        case .fractionBelow(let x): return "fraction below \(RoundedNumber.plain(x))"
        case .crossing(let level): return "crossing \(RoundedNumber.plain(level)) (linear interpolation)"
        case .argmax: return "where largest"
        case .meanIncrement: return "mean step"
        case .incrementSpread: return "spread of the steps"
        }
    }
}
