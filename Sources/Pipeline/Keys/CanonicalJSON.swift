import Foundation

/// The one JSON encoding used for keys: sorted keys, no escaped slashes, and Swift's shortest
/// round-trip form for doubles (0.1 is written `0.1`), so the same parameters always give the same
/// bytes. Non-finite numbers are rejected (JSON cannot hold them), which is the right error for
/// a parameter.
public enum CanonicalJSON {
    /// Encodes `value` canonically.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch let EncodingError.invalidValue(bad, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw PipelineError.invalidParameter("parameter \(path.isEmpty ? "value" : path) = \(bad) cannot be stored: \(context.debugDescription)")
        }
    }

    /// Encodes `value` canonically as a string.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Re-encodes arbitrary JSON text canonically.
    static func canonicalize(_ text: String) throws -> String {
        try string(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }
}
