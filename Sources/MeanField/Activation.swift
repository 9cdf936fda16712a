import Foundation

/// A pointwise nonlinearity φ with its first two derivatives, as used by the mean-field maps
/// of paper 002 §3 (Eqs. 3–10). The raw value is the name the command line and the pipelines use.
///
/// ```swift
/// let phi = try Activation.parse("tanh")
/// phi.value(0.5)             // tanh(0.5)
/// phi.derivative(0.5)        // 1 − tanh²(0.5)
/// ```
///
/// Where φ′ or φ″ is not defined (the kinks of relu, hardtanh, softsign, selu) the one-sided value
/// from the right is returned; the delta functions of φ″ at the kinks of relu and hardtanh are
/// not representable pointwise, so the theory avoids φ″ for them (see ``VarianceMap/slope(at:)``).
public enum Activation: String, Codable, Hashable, Sendable, CaseIterable {
    case tanh, arctan, softsign, sigmoid, relu, erf, linear, hardtanh, selu, gelu, swish

    /// The names accepted by ``parse(_:)``, in declaration order.
    public static var knownNames: [String] { allCases.map(\.rawValue) }

    /// Parses a command-line name; throws ``MeanFieldError/unknownActivation(_:known:)`` listing
    /// the known names otherwise. Matching ignores case and surrounding spaces.
    public static func parse(_ name: String) throws -> Activation {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let activation = Activation(rawValue: key) else {
            throw MeanFieldError.unknownActivation(name, known: knownNames)
        }
        return activation
    }

    /// SELU constants (Klambauer et al. 2017).
    @usableFromInline static let seluLambda = 1.0507009873554804934193349852946
    @usableFromInline static let seluAlpha = 1.6732632423543772848170429916717

    /// φ(x).
    @inlinable public func value(_ x: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(x)
        case .arctan: return atan(x)
        case .softsign: return x / (1 + abs(x))
        case .sigmoid: return Activation.logistic(x)
        case .relu: return x > 0 ? x : 0
        case .erf: return Foundation.erf(x)
        case .linear: return x
        case .hardtanh: return min(1, max(-1, x))
        case .selu: return x > 0 ? Activation.seluLambda * x : Activation.seluLambda * Activation.seluAlpha * expm1(x)
        case .gelu: return x * Activation.normalCDF(x)
        case .swish: return x * Activation.logistic(x)
        }
    }

    /// φ′(x) (right-hand value at a kink).
    @inlinable public func derivative(_ x: Double) -> Double {
        switch self {
        case .tanh: let t = Foundation.tanh(x); return 1 - t * t
        case .arctan: return 1 / (1 + x * x)
        case .softsign: let d = 1 + abs(x); return 1 / (d * d)
        case .sigmoid: let s = Activation.logistic(x); return s * (1 - s)
        case .relu: return x >= 0 ? 1 : 0
        case .erf: return 2 / Double.pi.squareRoot() * exp(-x * x)
        case .linear: return 1
        case .hardtanh: return (x >= -1 && x < 1) ? 1 : 0
        case .selu: return x >= 0 ? Activation.seluLambda : Activation.seluLambda * Activation.seluAlpha * exp(x)
        case .gelu: return Activation.normalCDF(x) + x * Activation.normalPDF(x)
        case .swish: let s = Activation.logistic(x); return s + x * s * (1 - s)
        }
    }

    /// φ″(x) (right-hand value at a kink; the delta parts of relu and hardtanh are omitted).
    @inlinable public func secondDerivative(_ x: Double) -> Double {
        switch self {
        case .tanh: let t = Foundation.tanh(x); return -2 * t * (1 - t * t)
        case .arctan: let d = 1 + x * x; return -2 * x / (d * d)
        case .softsign: let d = 1 + abs(x); return (x >= 0 ? -2 : 2) / (d * d * d)
        case .sigmoid: let s = Activation.logistic(x); return s * (1 - s) * (1 - 2 * s)
        case .relu, .linear, .hardtanh: return 0
        case .erf: return -4 * x / Double.pi.squareRoot() * exp(-x * x)
        case .selu: return x >= 0 ? 0 : Activation.seluLambda * Activation.seluAlpha * exp(x)
        case .gelu: return Activation.normalPDF(x) * (2 - x * x)
        case .swish: let s = Activation.logistic(x); return s * (1 - s) * (2 + x * (1 - 2 * s))
        }
    }

    /// Points where φ, φ′ or φ″ is not smooth. Quadrature rules split there so that each panel
    /// integrates a smooth function (a fixed-node rule across a kink converges only algebraically).
    public var kinks: [Double] {
        switch self {
        case .relu, .softsign, .selu: return [0]
        case .hardtanh: return [-1, 1]
        default: return []
        }
    }

    /// True when φ(−x) = −φ(x); the fast grid then integrates over half the line.
    public var isOdd: Bool {
        switch self {
        case .tanh, .arctan, .softsign, .erf, .linear, .hardtanh: return true
        default: return false
        }
    }

    /// True for positively homogeneous φ (φ(λx) = λφ(x), λ > 0): the variance map is then linear
    /// in q, so fixed points and their absence are known in closed form (000: ReLU).
    public var isPositivelyHomogeneous: Bool { self == .relu || self == .linear }

    /// The range of φ, coarsely, as 002 §4.1 uses it to choose the input scaling.
    public var outputRange: OutputRange {
        switch self {
        case .tanh, .softsign, .erf, .hardtanh: return .symmetricUnit
        case .sigmoid: return .unitInterval
        case .arctan: return .bounded(lower: -Double.pi / 2, upper: Double.pi / 2)
        case .relu, .linear, .selu, .gelu, .swish: return .unbounded
        }
    }

    @usableFromInline static func logistic(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : { let e = exp(x); return e / (1 + e) }()
    }
    @usableFromInline static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
    @usableFromInline static func normalPDF(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }
}

/// Where the values of an activation lie (002 §4.1 scales inputs to [−0.5, 0.5] for activations
/// with range in [−1, 1] — the paper includes ReLU there — and to [0.25, 0.75] for range [0, 1]).
public enum OutputRange: Hashable, Sendable {
    /// Values in [−1, 1] (tanh, softsign, erf, hardtanh).
    case symmetricUnit
    /// Values in [0, 1] (sigmoid).
    case unitInterval
    /// Bounded, but not inside [−1, 1] (arctan: (−π/2, π/2)).
    case bounded(lower: Double, upper: Double)
    /// Unbounded above (relu, linear, selu, gelu, swish).
    case unbounded

    /// The input interval 002 §4.1 prescribes: [0.25, 0.75] for [0, 1]-valued activations,
    /// [−0.5, 0.5] for all others (the paper applies it to ReLU too).
    public var paperInputInterval: ClosedRange<Double> {
        self == .unitInterval ? 0.25...0.75 : -0.5...0.5
    }
}
