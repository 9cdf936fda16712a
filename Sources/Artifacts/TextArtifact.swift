import Foundation
import Pipeline

/// A small text output (`value.txt`): for stages whose result is a sentence or a number that a
/// person reads, and for the engine's self-test pipeline.
public struct TextArtifact: ArtifactValue, Equatable {
    /// The text.
    public var text: String

    /// Wraps `text`.
    public init(_ text: String) { self.text = text }

    public func write(to directory: URL) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent("value.txt"))
    }

    public static func read(from directory: URL) throws -> TextArtifact {
        TextArtifact(String(decoding: try Data(contentsOf: directory.appendingPathComponent("value.txt")), as: UTF8.self))
    }

}
