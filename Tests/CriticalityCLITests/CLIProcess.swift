import Foundation
import Testing

/// The built CLI, run as a user would, in a scratch folder with its own store and Results.
///
/// It runs the test bed (`criticality-testbed`): the shipped CLI's code plus the engine's
/// self-test pipelines, which most of these tests drive. `shipped: true` runs `criticality`
/// itself, for what only the shipped binary must show.
struct CLIProcess {
    let folder: URL
    let executable: URL

    init(shipped: Bool = false) throws {
        executable = shipped ? Self.binary : Self.testbed
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The shipped binary, next to the test bundle in the build folder (`swift test` builds it
    /// with the tests).
    static var binary: URL { sibling("criticality") }

    /// The test bed: the same CLI plus the engine's self-test pipelines (`selftest`,
    /// `synthetic`), which the shipped binary does not declare.
    static var testbed: URL { sibling("criticality-testbed") }

    private static func sibling(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }

    var store: URL { folder.appendingPathComponent(".criticality/store") }
    var results: URL { folder.appendingPathComponent("Results") }

    struct Output { let status: Int32; let stdout: String; let stderr: String }

    /// Starts the binary; the caller waits or signals it.
    func start(_ arguments: [String], environment: [String: String] = [:], unsetting unset: [String] = []) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["CRITICALITY_STORE"] = nil
        for (k, v) in environment { env[k] = v }
        for k in unset { env[k] = nil }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Checks that each figure (`pipeline/stage/name` under Results) was rendered: a PNG, a PDF
    /// and the gnuplot script that made them.
    func expectRendered(_ figures: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for figure in figures {
            let base = results.appendingPathComponent(figure)
            let png = (try? Data(contentsOf: base.appendingPathExtension("png"))) ?? Data()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(figure).png is not a PNG", sourceLocation: sourceLocation)
            let pdf = (try? Data(contentsOf: base.appendingPathExtension("pdf"))) ?? Data()
            #expect(pdf.starts(with: Array("%PDF".utf8)), "\(figure).pdf is not a PDF", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: base.appendingPathExtension("gp").path), "\(figure).gp is missing", sourceLocation: sourceLocation)
        }
    }

    /// Runs the binary to the end.
    func run(_ arguments: [String], environment: [String: String] = [:], unsetting unset: [String] = []) throws -> Output {
        let (process, out, err) = try start(arguments, environment: environment, unsetting: unset)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Finished entries in the store (each has a manifest: entries appear whole, by rename).
    func entries() -> [URL] {
        let root = store.appendingPathComponent("entries")
        var found: [URL] = []
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            for key in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(prefix).path)) ?? [] {
                found.append(root.appendingPathComponent(prefix).appendingPathComponent(key))
            }
        }
        return found
    }

    /// Waits until `condition` holds or `timeout` passes.
    func wait(timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    func cleanup() { try? FileManager.default.removeItem(at: folder) }
}
