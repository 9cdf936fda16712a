/// Errors of the mean-field theory. Each message names the problem and what to do about it.
public enum MeanFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An activation name that is not one of ``Activation/knownNames``.
    case unknownActivation(String, known: [String])
    /// A variance (σ_w², σ_b², q⁰) that is negative or not finite.
    case invalidVariance(name: String, value: Double)
    /// A correlation outside [−1, 1] or not finite.
    case invalidCorrelation(Double)
    /// A quantity that does not exist at this point (e.g. no fixed point q*), with the reason.
    case noFixedPoint(String)
    /// No critical σ_w² exists for this activation and σ_b².
    case noCriticalPoint(String)
    /// Another invalid argument.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unknownActivation(name, known):
            return "unknown activation '\(name)'; use one of: \(known.joined(separator: ", "))"
        case let .invalidVariance(name, value):
            return "\(name) = \(value) is not a valid variance; pass a finite value ≥ 0"
        case let .invalidCorrelation(c):
            return "correlation c = \(c) is invalid; pass a finite value in [-1, 1]"
        case let .noFixedPoint(reason):
            return "no fixed point: \(reason)"
        case let .noCriticalPoint(reason):
            return "no critical point: \(reason)"
        case let .invalidArgument(reason):
            return reason
        }
    }

    static func check(variance value: Double, name: String) throws {
        guard value.isFinite, value >= 0 else { throw MeanFieldError.invalidVariance(name: name, value: value) }
    }
}
