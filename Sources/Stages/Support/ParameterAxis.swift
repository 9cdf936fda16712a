/// A grid axis as a parameter: evenly spaced, log spaced, or explicit values. Pipelines pick
/// one per profile; its JSON is part of the stage key, so widening an axis changes the key.
///
/// ```swift
/// let sw2: ParameterAxis = profile.pick(quick: .linear(1, 4, 5), default: .linear(1, 4, 61), paper: .linear(1, 4, 301))
/// ```
///
/// In JSON (and so on the command line) an axis reads as named fields, so one can be edited
/// with `--set STAGE.sw2.count=201`: `{"spacing": "linear", "start": 0.5, "stop": 4, "count": 141}`,
/// `{"spacing": "log", …}`, `{"spacing": "cubic", …}`, or `{"values": [1, 2, 3]}`.
public enum ParameterAxis: Codable, Hashable, Sendable {
    /// `count` evenly spaced values from `start` to `stop` inclusive.
    case linear(Double, Double, Int)
    /// `count` values evenly spaced in log10 from `start` to `stop` inclusive (both > 0).
    case logarithmic(Double, Double, Int)
    /// `count` values from `start` to `stop` inclusive, evenly spaced in (v − start)^(1/3): dense
    /// near `start`, for curves that rise like a cube root there. tanh's critical line does: near
    /// σ_b² = 0, q* solves σ_b² ≈ c q*³ (the q² term of E[φ²]/E[φ′²] − q vanishes for an odd φ),
    /// so σ_w²_c − 1 ∝ σ_b^(2/3), and an evenly spaced σ_b² axis draws a false kink at the origin.
    case cubic(Double, Double, Int)
    /// These values.
    case values([Double])

    /// The values.
    public var values: [Double] {
        switch self {
        case .linear(let a, let b, let n):
            return n <= 1 ? [a] : (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        case .logarithmic(let a, let b, let n):
            let la = log10(a), lb = log10(b)
            return n <= 1 ? [a] : (0..<n).map { pow(10, la + (lb - la) * Double($0) / Double(n - 1)) }
        case .cubic(let a, let b, let n):
            return n <= 1 ? [a] : (0..<n).map { let t = Double($0) / Double(n - 1); return a + (b - a) * t * t * t }
        case .values(let v):
            return v
        }
    }
}

import Foundation
import Pipeline

extension ParameterAxis {
    private enum CodingKeys: String, CodingKey { case spacing, start, stop, count, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let values = try container.decodeIfPresent([Double].self, forKey: .values) {
            guard !values.isEmpty, values.count <= Self.maximumCount else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "an axis needs 1 to \(Self.maximumCount) values, got \(values.count)")
            }
            self = .values(values)
            return
        }
        let spacing = try container.decode(String.self, forKey: .spacing)
        let start = try container.decode(Double.self, forKey: .start)
        let stop = try container.decode(Double.self, forKey: .stop)
        let count = try container.decode(Int.self, forKey: .count)
        guard count >= 1, count <= Self.maximumCount else {
            throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "an axis needs 1 <= count <= \(Self.maximumCount), got \(count)")
        }
        guard start.isFinite, stop.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "an axis needs finite start and stop, got \(start) and \(stop)")
        }
        switch spacing {
        case "linear": self = .linear(start, stop, count)
        case "cubic": self = .cubic(start, stop, count)
        case "log":
            guard start > 0, stop > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "a log axis needs start and stop > 0")
            }
            self = .logarithmic(start, stop, count)
        default:
            throw DecodingError.dataCorruptedError(forKey: .spacing, in: container, debugDescription: "spacing must be \"linear\", \"log\" or \"cubic\", got \"\(spacing)\"")
        }
    }

    /// Refuses an axis the JSON reader would refuse (a count outside 1 … ``maximumCount``,
    /// non-finite bounds, a log axis through zero) and non-finite listed values, naming the
    /// parameter: axes built in code are checked as strictly as axes read from `--set`.
    public func check(name: String) throws {
        let count: Int
        switch self {
        case .linear(_, _, let n), .logarithmic(_, _, let n), .cubic(_, _, let n): count = n
        case .values(let v): count = v.count
        }
        guard count >= 1, count <= Self.maximumCount else {
            throw ParameterCheckError("\(name) has \(count) values; an axis needs 1 to \(Self.maximumCount)")
        }
        if case .logarithmic(let a, let b, _) = self, !(a > 0 && b > 0) {
            throw ParameterCheckError("\(name) is a log axis from \(a) to \(b); give start and stop > 0")
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw ParameterCheckError("\(name) holds \(bad); give finite values")
        }
    }

    /// The most values an axis may have: each is a grid cell or a row of arrays, and a billion of
    /// them would exhaust memory before the first result (paper grids have a few hundred).
    public static let maximumCount = 1_000_000

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .linear(let a, let b, let n):
            try container.encode("linear", forKey: .spacing)
            try container.encode(a, forKey: .start); try container.encode(b, forKey: .stop); try container.encode(n, forKey: .count)
        case .logarithmic(let a, let b, let n):
            try container.encode("log", forKey: .spacing)
            try container.encode(a, forKey: .start); try container.encode(b, forKey: .stop); try container.encode(n, forKey: .count)
        case .cubic(let a, let b, let n):
            try container.encode("cubic", forKey: .spacing)
            try container.encode(a, forKey: .start); try container.encode(b, forKey: .stop); try container.encode(n, forKey: .count)
        case .values(let v):
            try container.encode(v, forKey: .values)
        }
    }
}
