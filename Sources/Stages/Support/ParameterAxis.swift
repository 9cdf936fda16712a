/// A grid axis as a parameter: evenly spaced, log spaced, or explicit values. Pipelines pick
/// one per profile; its JSON is part of the stage key, so widening an axis changes the key.
///
/// ```swift
/// let sw2: ParameterAxis = profile.pick(quick: .linear(1, 4, 5), default: .linear(1, 4, 61), paper: .linear(1, 4, 301))
/// ```
///
/// In JSON (and so on the command line) an axis reads as named fields, so one can be edited
/// with `--set STAGE.sw2.count=201`: `{"spacing": "linear", "start": 0.5, "stop": 4, "count": 141}`,
/// `{"spacing": "log", …}`, or `{"values": [1, 2, 3]}`.
public enum ParameterAxis: Codable, Hashable, Sendable {
    /// `count` evenly spaced values from `start` to `stop` inclusive.
    case linear(Double, Double, Int)
    /// `count` values evenly spaced in log10 from `start` to `stop` inclusive (both > 0).
    case logarithmic(Double, Double, Int)
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
        case .values(let v):
            return v
        }
    }
}

import Foundation

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
        case "log":
            guard start > 0, stop > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "a log axis needs start and stop > 0")
            }
            self = .logarithmic(start, stop, count)
        default:
            throw DecodingError.dataCorruptedError(forKey: .spacing, in: container, debugDescription: "spacing must be \"linear\" or \"log\", got \"\(spacing)\"")
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
        case .values(let v):
            try container.encode(v, forKey: .values)
        }
    }
}
