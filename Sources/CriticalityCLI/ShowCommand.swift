import ArgumentParser
import Foundation
import Pipeline

/// `criticality show <stage>`: a stage's manifest.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a stage's manifest: key, parameters, code and input digests, outputs, timings, environment.")

    @Argument(help: "The stage, e.g. 002-layer-maps/figure or 002-depth-scales/curves[tanh].")
    var stage: String

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "The manifest as JSON.")
    var json = false

    func run() throws {
        do {
            let graph = try workspace.graph()
            let (manifest, current) = try workspace.engine().manifest(of: stage, in: graph)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(manifest), as: UTF8.self))
                return
            }
            if !current { print("note: \(manifest.stageName) is stale; this is its last run (see `criticality status \(stage)`)\n") }
            print("stage       \(manifest.stageName) (\(manifest.material.stage))")
            print("key         \(manifest.key)")
            print("parameters  \(manifest.material.parameters)")
            for (path, digest) in manifest.material.code.sorted(by: { $0.key < $1.key }) { print("code        \(path)  \(digest.prefix(12))") }
            for input in manifest.material.inputs { print("input       \(input.stage)  \(input.outputs.prefix(12))") }
            for (path, file) in manifest.outputs.sorted(by: { $0.key < $1.key }) { print("output      \(path)  \(file.bytes) bytes  \(file.sha256.prefix(12))") }
            print("ran         \(manifest.started) → \(manifest.ended) (\(String(format: "%.3f", manifest.seconds)) s)")
            let env = manifest.environment
            print("host        \(env.host); criticality \(env.tool), Swift \(env.swift)")
            print("git         \(env.gitCommit ?? "unknown")\(env.gitDirty == true ? " (uncommitted changes)" : "")")
            for (name, version) in env.libraries.sorted(by: { $0.key < $1.key }) { print("library     \(name): \(version)") }
        } catch let error as PipelineError {
            throw CommandFailure(error)
        }
    }
}
