import Foundation
import PackagePlugin

/// Generates the source table of the target it is applied to (BuiltSources): the digest of
/// every file of the package's targets, the target graph and each Swift file's derived code
/// dependencies, so that `criticality` records the digests of the code it was built from.
///
/// Every file is an input of the command, so editing, adding or removing one reruns the tool;
/// the tool rewrites its output only when the table changed.
@main
struct SourceDigestPlugin: BuildToolPlugin {
    /// Targets whose files are not part of what a stage runs: the table's own target, the tool
    /// that writes it, and this plugin.
    static let skipped: Set<String> = ["BuiltSources", "SourceDigestTool", "SourceDigestPlugin"]
    /// The engine decides which stages run, not what they compute (a change in what the store
    /// holds goes through KeyMaterial's format version), so no stage depends on its code.
    static let engine = "Pipeline"
    /// The artifact formats: one schema per file, each used by a few stage types, so a stage
    /// depends on the schema files it names rather than on the whole module (editing a lattice
    /// schema must not retrain every training cell).
    static let perFile = "Artifacts"

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL.standardizedFileURL
        var arguments = ["--root", root.path, "--exclude", Self.engine, "--per-file", Self.perFile]
        var inputs: [URL] = []
        for packageTarget in context.package.targets where !Self.skipped.contains(packageTarget.name) {
            if let module = packageTarget as? SourceModuleTarget, module.kind == .test { continue }
            let folder = packageTarget.directoryURL.standardizedFileURL
            let dependencies = packageTarget.dependencies.compactMap { dependency -> String? in
                if case .target(let target) = dependency { return target.name }
                return nil
            }
            arguments += ["--target", "\(packageTarget.name)|\(Self.relative(folder, to: root))|\(dependencies.joined(separator: ","))"]
            for file in Self.files(under: folder) {
                arguments += ["--file", "\(packageTarget.name)|\(Self.relative(file, to: root))"]
                inputs.append(file)
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltSourceTable.swift")
        return [.buildCommand(
            displayName: "Hashing the package's sources for \(target.name)",
            executable: try context.tool(named: "SourceDigestTool").url,
            arguments: arguments + ["--output", output.path],
            inputFiles: inputs,
            outputFiles: [output])]
    }

    /// Regular files below `folder`, hidden ones skipped, sorted.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append(url.standardizedFileURL)
        }
        return files.sorted { $0.path < $1.path }
    }

    static func relative(_ url: URL, to root: URL) -> String {
        let path = url.path, base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
