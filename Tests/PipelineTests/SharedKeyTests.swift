import Foundation
import Pipeline
import Synchronization
import Testing

/// Writes a serial number after its text: every computation gives other bytes, as a stage whose
/// output is not fixed by its key would. Two computations of one key must still leave one entry
/// that every consumer is keyed on.
struct NamedText: ArtifactValue, Equatable {
    static let writes = Atomic<Int>(0)
    var text: String
    func write(to directory: URL) throws {
        let serial = Self.writes.add(1, ordering: .relaxed).newValue
        try Data((text + " #\(serial)").utf8).write(to: directory.appendingPathComponent("value.txt"))
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
        // Both stages show, and the consumer read, the one stored entry.
        let read = { (stage: String) in try NamedText.read(from: box.results.appendingPathComponent("shared/" + stage)).text }
        let a = try read("a")
        #expect(try read("b") == a)
        let join = try read("join")
        #expect(join.hasPrefix("\(a); \(a) #"), "\(join)")
    }
}
