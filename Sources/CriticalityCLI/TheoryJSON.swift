import Foundation

/// A JSON object with keys in a fixed order, for `criticality theory --json` and
/// `criticality trainability --json`: numbers in the
/// shortest form that reads back as the same Double (`0.05`, not `0.050000000000000003`),
/// non-finite numbers as null.
struct TheoryJSON {
    enum Value {
        case number(Double?)
        case string(String)
        case numbers([Double])
        case rows([[Double]])
        case integer(Int)
        case integers([Int])
    }

    private(set) var fields: [(String, Value)] = []

    mutating func add(_ key: String, _ value: Value) { fields.append((key, value)) }

    /// Swift's shortest round-trip form (exact: parsing it gives the same Double), `null` for
    /// nil, NaN and ±∞.
    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return "\(x)"
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func array(_ xs: [Double]) -> String { "[" + xs.map { Self.number($0) }.joined(separator: ", ") + "]" }

    /// Pretty-printed, one key per line, arrays on one line.
    var text: String {
        let lines = fields.map { key, value -> String in
            let rendered: String
            switch value {
            case .number(let x): rendered = Self.number(x)
            case .string(let s): rendered = Self.string(s)
            case .numbers(let xs): rendered = Self.array(xs)
            case .rows(let rows): rendered = "[" + rows.map(Self.array).joined(separator: ", ") + "]"
            case .integer(let i): rendered = String(i)
            case .integers(let xs): rendered = "[" + xs.map(String.init).joined(separator: ", ") + "]"
            }
            return "  \(Self.string(key)): \(rendered)"
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}"
    }
}

/// Plain-text rendering shared by the theory commands: aligned "name  value" lines.
struct TheoryText {
    private var rows: [(String, String)] = []
    private var notes: [String] = []

    mutating func add(_ name: String, _ value: String) { rows.append((name, value)) }
    mutating func add(_ name: String, _ value: Double?) { rows.append((name, Self.number(value))) }
    mutating func note(_ text: String) { notes.append(text) }

    /// The shortest decimal that round-trips; "none" for nil, "inf"/"nan" spelled out.
    static func number(_ x: Double?) -> String {
        guard let x else { return "none" }
        if x == .infinity { return "inf" }
        if x.isNaN { return "nan" }
        return "\(x)"
    }

    var text: String {
        let width = rows.map(\.0.count).max() ?? 0
        let body = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        return (body + notes.map { "note: \($0)" }).joined(separator: "\n")
    }
}
