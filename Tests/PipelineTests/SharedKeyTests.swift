import Foundation
import Pipeline
import Testing

/// Text that records the name of the stage that wrote it, as HDF5 outputs record theirs.
struct NamedText: ArtifactValue, Equatable {
    var text: String
    func write(to directory: URL) throws { try Data(text.utf8).write(to: directory.appendingPathComponent("value.txt")) }
    func write(to directory: URL, provenance: ArtifactProvenance) throws {
        try Data((text + " by " + provenance.stageName).utf8).write(to: directory.appendingPathComponent("value.txt"))
    }
    static func read(from directory: URL) throws -> NamedText {
        NamedText(text: String(decoding: try Data(contentsOf: directory.appendingPathComponent("value.txt")), as: UTF8.self))
    }
}

/// Sleeps, then writes its value: two of these with one value have one key.
struct SlowNamed: Stage {
    struct Parameters: Codable, Hashable, Sendable { var value: Int }
    static let code = fakeCode
    var parameters: Parameters
    func run(_ context: StageContext) throws -> NamedText {
        usleep(300_000)
        return NamedText(text: "\(parameters.value)")
    }
}

/// Joins its inputs' texts.
struct JoinNamed: Stage {
    struct Parameters: Codable, Hashable, Sendable { var label = "join" }
    static let code = fakeCode
    var parameters = Parameters()
    let parts: [Artifact<NamedText>]
    func run(_ context: StageContext) throws -> NamedText {
        NamedText(text: try parts.map { try context.read($0).text }.joined(separator: "; "))
    }
}

@Suite("Stages that share a key")
struct SharedKeyTests {
    @Test("two stages with one key computed at once: the consumer is keyed on the stored entry, so a rerun computes nothing")
    func concurrentSameKey() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        let pipeline = PipelineDefinition("shared", summary: "test") { p in
            let a = p.add("a", SlowNamed(parameters: .init(value: 7)))
            let b = p.add("b", SlowNamed(parameters: .init(value: 7)))
            p.add("join", JoinNamed(parts: [a, b]))
        }
        let first = try box.run([pipeline], jobs: 2)
        #expect(first.failed.isEmpty)
        let second = try box.run([pipeline], jobs: 2)
        #expect(second.ran.isEmpty, "a rerun recomputed \(second.ran)")
        // Both names show, and the consumer read, the one stored entry.
        let read = { (stage: String) in try NamedText.read(from: box.results.appendingPathComponent("shared/" + stage)).text }
        let a = try read("a")
        #expect(try read("b") == a)
        #expect(try read("join") == "\(a); \(a) by shared/join")
    }
}
