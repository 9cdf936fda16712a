import Foundation

/// What is wrong with a JSON file the engine read, in words: where in the document and what was
/// expected, without Swift's `DecodingError.typeMismatch(…)` dump. The caller names the file.
/// The engine's readers and the CLI's error wording both use it.
public enum DecodingProblem {
    /// "at 'stages.a.key': expected String", or the error's own description when it is not a
    /// decoding error.
    public static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return (error as NSError).localizedDescription }
        let (context, what): (DecodingError.Context, String) = {
            switch error {
            case .typeMismatch(let type, let c): return (c, "expected \(type)")
            case .valueNotFound(let type, let c): return (c, "missing a value of type \(type)")
            case .keyNotFound(let key, let c): return (c, "missing key '\(key.stringValue)'")
            case .dataCorrupted(let c): return (c, c.debugDescription)
            @unknown default: return (DecodingError.Context(codingPath: [], debugDescription: ""), "\(error)")
            }
        }()
        let at = context.codingPath.map(\.stringValue).joined(separator: ".")
        return at.isEmpty ? what : "at '\(at)': \(what)"
    }
}
