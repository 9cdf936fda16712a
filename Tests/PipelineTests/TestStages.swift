import Foundation
import Pipeline
import Synchronization

/// A one-file artifact holding text: enough to observe keys, reruns and early cutoff.
struct Text: ArtifactValue, Equatable {
    var text: String
    func write(to directory: URL) throws { try Data(text.utf8).write(to: directory.appendingPathComponent("value.txt")) }
    static func read(from directory: URL) throws -> Text {
        Text(text: String(decoding: try Data(contentsOf: directory.appendingPathComponent("value.txt")), as: UTF8.self))
    }
}

/// Test stages depend on `Sources/Fake` of a temporary source tree, so tests can edit "code".
let fakeCode: [CodeDependency] = [CodeDependency(path: "Sources/Fake")]

struct Constant: Stage {
    struct Parameters: Codable, Hashable, Sendable { var value: Double; var note: String = "" }
    static let code = fakeCode
    var parameters: Parameters
    func run(_ context: StageContext) throws -> Text { Text(text: "\(parameters.value)") }
}

/// Writes only the integer part, so editing the fraction leaves its output bytes unchanged.
struct Floor: Stage {
    struct Parameters: Codable, Hashable, Sendable { var value: Double }
    static let code = fakeCode
    var parameters: Parameters
    func run(_ context: StageContext) throws -> Text { Text(text: "\(Int(parameters.value.rounded(.down)))") }
}

struct Square: Stage {
    struct Parameters: Codable, Hashable, Sendable { var offset: Double = 0 }
    static let code = fakeCode
    var parameters = Parameters()
    let input: Artifact<Text>
    func run(_ context: StageContext) throws -> Text {
        let x = Double(try context.read(input).text)!
        return Text(text: "\(x * x + parameters.offset)")
    }
}

struct Sum: Stage {
    struct Parameters: Codable, Hashable, Sendable { var label: String = "sum" }
    static let code = fakeCode
    var parameters = Parameters()
    let terms: [Artifact<Text>]
    func run(_ context: StageContext) throws -> Text {
        Text(text: "\(try terms.map { Double(try context.read($0).text)! }.reduce(0, +))")
    }
}

struct Failing: Stage {
    struct Parameters: Codable, Hashable, Sendable { var message: String = "boom" }
    struct Boom: Error, CustomStringConvertible { let description: String }
    static let code = fakeCode
    var parameters = Parameters()
    func run(_ context: StageContext) throws -> Text {
        // Leave a file in scratch: a failure must not leak it into the store.
        try Data("partial".utf8).write(to: context.scratch.appendingPathComponent("partial.txt"))
        throw Boom(description: parameters.message)
    }
}

/// A temporary project: a source tree with Sources/Fake, a store, a Results folder.
struct Sandbox {
    let root: URL
    var store: URL { root.appendingPathComponent("store") }
    var results: URL { root.appendingPathComponent("Results") }
    var sources: SourceTree { SourceTree(root: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Sources/Fake"), withIntermediateDirectories: true)
        try editCode("// version 1\n")
    }

    func editCode(_ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("Sources/Fake/code.swift"))
    }

    /// A fresh engine each time, as a new process would have (no in-memory caches).
    func engine() throws -> Engine { Engine(store: try Store(root: store), sources: sources) }

    func run(_ pipelines: [PipelineDefinition], targets: [String] = [], overrides: [String] = [], profile: Profile = .quick,
             keepGoing: Bool = false, jobs: Int = 2, progress: ProgressSink = SilentProgress()) throws -> Engine.Summary {
        let graph = try StageGraph(pipelines, profile: profile).applying(overrides.map(ParameterOverride.init))
        return try engine().run(graph, targets: targets, options: .init(jobs: jobs, keepGoing: keepGoing, results: results), progress: progress)
    }

    func status(_ pipelines: [PipelineDefinition], overrides: [String] = [], profile: Profile = .quick) throws -> [StageStatus] {
        let graph = try StageGraph(pipelines, profile: profile).applying(overrides.map(ParameterOverride.init))
        return try engine().status(graph)
    }

    func cleanup() { try? FileManager.default.removeItem(at: root) }
}

/// x → x², a grid of constants summed, as a small figure-like pipeline.
func squares(_ values: [Double], offset: Double = 0, name: String = "squares") -> PipelineDefinition {
    PipelineDefinition(name, summary: "test") { p in
        let cells = p.grid("cells", over: values, label: { "x=\($0.parameters.value)" }) { Constant(parameters: .init(value: $0)) }
        let squared = cells.enumerated().map { i, cell in p.add("square\(i)", Square(parameters: .init(offset: offset), input: cell)) }
        p.add("total", Sum(terms: squared))
    }
}

/// Keeps every event's warning text, for tests that expect the engine to say something.
final class RecordedWarnings: ProgressSink {
    private let lines = Mutex<[String]>([])
    func report(_ event: ProgressEvent) {
        if case .warning(let text) = event { lines.withLock { $0.append(text) } }
    }
    var all: [String] { lines.withLock { $0 } }
}

/// Sleeps, then writes its value: a stage that is still running when a fast one finishes.
struct Sleepy: Stage {
    struct Parameters: Codable, Hashable, Sendable { var seconds: Double; var value: Double }
    static let code = fakeCode
    var parameters: Parameters
    func run(_ context: StageContext) throws -> Text {
        usleep(UInt32(parameters.seconds * 1e6))
        return Text(text: "\(parameters.value)")
    }
}

/// Deletes a folder while it runs (the store, in the test of a store removed mid-run).
struct FolderRemover: Stage {
    struct Parameters: Codable, Hashable, Sendable { var path: String }
    static let code = fakeCode
    var parameters: Parameters
    func run(_ context: StageContext) throws -> Text {
        try FileManager.default.removeItem(atPath: parameters.path)
        return Text(text: "removed")
    }
}
