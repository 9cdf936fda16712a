import Foundation

/// `Results/`: a readable copy of the current stages' outputs, one folder per stage
/// (`Results/<pipeline>/<stage>/`, grid cells under `Results/<pipeline>/<grid>/<label>/`).
///
/// Files are copies, not links, so a user who edits a `.gp` script or re-renders a figure by
/// hand cannot alter the store. A folder is replaced only when its stage's key changed; new
/// content is assembled in a hidden staging folder and renamed into place, so no half-written
/// file is ever visible.
struct ResultsView {
    let folder: URL
    let store: Store

    private var indexURL: URL { folder.appendingPathComponent(".view.json") }

    /// Fails early, before any work, when the Results folder cannot be written.
    static func checkWritable(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let probe = folder.appendingPathComponent(".write-probe-\(UUID().uuidString)")
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw PipelineError.unwritable(path: folder.path, reason: (error as NSError).localizedFailureReason ?? "permission denied")
        }
    }

    /// Where a stage's files go, relative to the Results folder.
    static func relativeFolder(for name: String) -> String {
        // `pipeline/grid[label]` → `pipeline/grid/label`; labels keep their characters but `/`.
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return name }
        let label = name[name.index(after: open)..<name.index(before: name.endIndex)].replacingOccurrences(of: "/", with: "_")
        return String(name[..<open]) + "/" + label
    }

    /// Copies the outputs of every stage whose key changed since the last refresh, and removes
    /// folders of stages that no longer exist in pipelines that were fully resolved.
    func refresh(_ stages: [(node: StageNode, key: String)], completePipelines: Set<String>) throws {
        let loaded = (try? JSONDecoder().decode([String: String].self, from: Data(contentsOf: indexURL))) ?? [:]
        var index = loaded
        let manager = FileManager.default
        for item in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where item.hasPrefix(".staging-") {
            try? manager.removeItem(at: folder.appendingPathComponent(item))
        }
        var current = Set<String>()
        for (node, key) in stages {
            let relative = Self.relativeFolder(for: node.name)
            current.insert(relative)
            let target = folder.appendingPathComponent(relative)
            if index[relative] == key, manager.fileExists(atPath: target.path) { continue }
            let staging = folder.appendingPathComponent(".staging-\(UUID().uuidString)")
            try manager.copyItem(at: store.outputs(key), to: staging)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target.path) {
                // Keep subfolders (grid cells live below their grid's folder): replace files only.
                for item in try manager.contentsOfDirectory(atPath: target.path) {
                    var isDirectory: ObjCBool = false
                    _ = manager.fileExists(atPath: target.appendingPathComponent(item).path, isDirectory: &isDirectory)
                    if !isDirectory.boolValue { try manager.removeItem(at: target.appendingPathComponent(item)) }
                }
                for item in try manager.contentsOfDirectory(atPath: staging.path) {
                    try manager.moveItem(at: staging.appendingPathComponent(item), to: target.appendingPathComponent(item))
                }
                try manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
            index[relative] = key
        }
        for (relative, _) in index where !current.contains(relative) {
            let pipeline = String(relative.split(separator: "/").first ?? "")
            guard completePipelines.contains(pipeline) else { continue }
            try? manager.removeItem(at: folder.appendingPathComponent(relative))
            index[relative] = nil
        }
        guard index != loaded else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(index).write(to: indexURL, options: .atomic)
    }
}
