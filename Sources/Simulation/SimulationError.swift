/// Errors of the simulations. Each message names the problem and what to do about it.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A variance (σ_w², σ_b², q⁰) that is negative or not finite.
    case invalidVariance(name: String, value: Double)
    /// A count (width, depth, networks, threads) out of range.
    case invalidCount(name: String, value: Int, minimum: Int)
    /// A combination or value that the simulation cannot run, with the reason and the fix.
    case invalidArgument(String)
    /// No saddle point exists at these parameters (e.g. σ_w² ≥ 1 for the linear lattice network).
    case noSaddlePoint(String)
    /// A LAPACK or FFTW routine failed.
    case numerical(String)

    public var description: String {
        switch self {
        case let .invalidVariance(name, value):
            return value < 0
                ? "\(name) = \(value) is a negative variance; pass a finite value ≥ 0"
                : "\(name) = \(value) is not a valid variance; pass a finite value ≥ 0"
        case let .invalidCount(name, value, minimum):
            return "\(name) = \(value) is too small; pass an integer ≥ \(minimum)"
        case let .invalidArgument(reason), let .noSaddlePoint(reason), let .numerical(reason):
            return reason
        }
    }

    static func check(variance value: Double, name: String) throws {
        guard value.isFinite, value >= 0 else { throw SimulationError.invalidVariance(name: name, value: value) }
    }

    static func check(count value: Int, name: String, minimum: Int) throws {
        guard value >= minimum else { throw SimulationError.invalidCount(name: name, value: value, minimum: minimum) }
    }
}

/// The mean of per-network values and its standard error (sample standard deviation / √M;
/// zero for a single network).
public struct Estimate: Codable, Hashable, Sendable {
    public let mean: Double
    public let standardError: Double

    public init(mean: Double, standardError: Double) {
        self.mean = mean
        self.standardError = standardError
    }

    /// The estimate from per-network values, summed in index order (deterministic).
    public init<C: Collection>(samples: C) where C.Element == Double {
        let m = Double(samples.count)
        var sum = 0.0
        for x in samples { sum += x }
        let mean = m > 0 ? sum / m : .nan
        var ss = 0.0
        for x in samples { ss += (x - mean) * (x - mean) }
        self.mean = mean
        self.standardError = samples.count > 1 ? (ss / (m - 1) / m).squareRoot() : 0
    }
}
