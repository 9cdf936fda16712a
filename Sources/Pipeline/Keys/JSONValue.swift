import Foundation

/// A JSON document as a value, used to diff parameters and to apply `--set` overrides without
/// knowing a stage's parameter type.
public enum JSONValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Parses JSON text.
    public static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    /// Compact canonical text, for messages.
    public var description: String { (try? CanonicalJSON.string(self)) ?? "?" }

    /// Leaves of the document by dotted path, e.g. `["optimizer.lr": 0.001]`, for explanations.
    public func flattened(prefix: String = "") -> [String: JSONValue] {
        switch self {
        case .object(let members) where !members.isEmpty:
            var result: [String: JSONValue] = [:]
            for (key, value) in members {
                result.merge(value.flattened(prefix: prefix.isEmpty ? key : prefix + "." + key)) { a, _ in a }
            }
            return result
        default:
            return [prefix: self]
        }
    }
}
