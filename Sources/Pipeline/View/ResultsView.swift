import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `Results/`: a readable copy of the current stages' outputs, one folder per stage
/// (`Results/<pipeline>/<stage>/`, grid cells under `Results/<pipeline>/<grid>/<label>/`), made
/// from one store and one profile.
///
/// Files are copies, not links, so a user who edits a `.gp` script or re-renders a figure by
/// hand cannot alter the store. The index `.view.json` records the owner (store and profile) and,
/// per stage folder, the key published there and each file's SHA-256 with its size, mtime and
/// inode at publication.
///
/// Crash safety: before a folder is touched its index entry is marked `publishing` (and the
/// index renamed into place); it is cleared only after every file is in place. A run killed at
/// any file operation leaves the mark, so the next run repairs that folder whatever key it asks
/// for. Each file is copied to a hidden staging folder and renamed over its target, so a file is
/// always either the old one or the new one, never half written.
///
/// Every run checks the published files of the stages it resolved (a stat each; a re-hash only
/// when the stat differs) and restores what was deleted or changed. A file that differs from
/// both the old and the new output is the user's: it is kept beside the restored one as
/// `<name>.edited-<n>` with a warning, never destroyed.
final class ResultsView {
    let folder: URL
    let store: Store
    let profile: Profile
    private let warn: (String) -> Void
    private var index: Index
    private var indexOnDisk: Index?
    private var staging: URL?

    /// The contents of `.view.json`.
    struct Index: Codable, Equatable {
        /// The store the view was made from (resolved path, for messages; it changes when the
        /// project folder moves).
        var store: String
        /// That store's ``Store/identifier()``, which does not (nil in indexes written before it).
        var storeID: String?
        /// The profile it was made for.
        var profile: String
        /// Per stage folder (relative to the view), what is published there.
        var stages: [String: Publication]
    }

    /// What one stage folder holds.
    struct Publication: Codable, Equatable {
        var key: String
        /// Each output file (path relative to the stage folder).
        var files: [String: PublishedFile]
        /// Set while the folder is being rewritten; a folder still marked was interrupted.
        var publishing: Bool? = nil
        /// While publishing: per path, the digests of the files the unfinished publications were
        /// placing, so that a repair recognises them as the view's own, not the user's.
        var incoming: [String: [String]]? = nil
    }

    /// One published file: its digest, and its stat when it was placed (nil: unknown, re-hash).
    struct PublishedFile: Codable, Equatable {
        var sha256: String
        var stat: FileStat?
    }

    /// One stage to publish: where, which entry, and the entry's output digests.
    struct Item {
        let relative: String
        let key: String
        let outputs: [String: Manifest.OutputFile]
    }

    private var indexURL: URL { folder.appending(path: ".view.json", directoryHint: .notDirectory) }

    /// Opens the view at `folder`, before any work: fails when it cannot be written or when it
    /// holds the view of another store or profile; removes what killed runs left.
    init(folder: URL, store: Store, profile: Profile, warn: @escaping (String) -> Void) throws {
        self.folder = folder
        self.store = store
        self.profile = profile
        self.warn = warn
        try Self.checkWritable(folder)
        let owner = Self.identity(of: store)
        let ownerID = try store.identifier()
        let indexURL = folder.appending(path: ".view.json", directoryHint: .notDirectory)
        let data = try? Data(contentsOf: indexURL)
        if let data, var loaded = try? JSONDecoder().decode(Index.self, from: data) {
            // The store's identifier decides (a project folder moved or copied with its store is
            // still the same store); an index from before identifiers compares paths once.
            let sameStore = loaded.storeID.map { $0 == ownerID } ?? (loaded.store == owner)
            guard sameStore, loaded.profile == profile.rawValue else {
                throw PipelineError.resultsOfAnotherRun(path: folder.path, store: loaded.store, profile: loaded.profile,
                                                        thisStore: owner, thisProfile: profile.rawValue)
            }
            indexOnDisk = loaded
            loaded.store = owner
            loaded.storeID = ownerID
            index = loaded
        } else if let data, let legacy = try? JSONDecoder().decode([String: String].self, from: data) {
            // An index from before owners and file records: adopt it; files are re-hashed once.
            index = Index(store: owner, storeID: ownerID, profile: profile.rawValue,
                          stages: legacy.mapValues { Publication(key: $0, files: [:]) })
        } else {
            if data != nil { warn("\(indexURL.path) is unreadable; rebuilding the Results index (files that differ are kept as .edited copies)") }
            index = Index(store: owner, storeID: ownerID, profile: profile.rawValue, stages: [:])
        }
        let manager = FileManager.default
        for item in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        where item.hasPrefix(".staging-") || item.hasPrefix(".write-probe-") {
            try? manager.removeItem(at: folder.appending(path: item, directoryHint: .notDirectory))
        }
        AtomicFile.removeLeftovers(in: folder)
    }

    /// The store as the index names it: its resolved absolute path.
    static func identity(of store: Store) -> String {
        store.root.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Fails early, before any work, when the Results folder cannot be written.
    static func checkWritable(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let probe = folder.appendingPathComponent(".write-probe-\(UUID().uuidString)")
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw PipelineError.unwritable(path: folder.path, reason: FileErrorReason.describe(error, at: folder))
        }
    }

    /// Where a stage's files go, relative to the Results folder.
    static func relativeFolder(for name: String) -> String {
        // `pipeline/grid[label]` → `pipeline/grid/label`; labels keep their characters but `/`.
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return name }
        let label = name[name.index(after: open)..<name.index(before: name.endIndex)].replacingOccurrences(of: "/", with: "_")
        return String(name[..<open]) + "/" + label
    }

    /// Brings each item's folder to its entry's outputs (checking untouched ones by stat), and
    /// removes the folders of stages that `declared` no longer lists, for the pipelines it names
    /// (those fully resolved in this run).
    func publish(_ items: [Item], declared: [String: Set<String>] = [:]) throws {
        let work = items.filter { !isIntact($0) }
        let gone = index.stages.keys.filter { relative in
            declared[Self.pipeline(of: relative)].map { !$0.contains(relative) } ?? false
        }.sorted()
        guard !work.isEmpty || !gone.isEmpty else { return }
        for item in work {
            var entry = index.stages[item.relative] ?? Publication(key: item.key, files: [:])
            entry.publishing = true
            var incoming = entry.incoming ?? [:]
            for (path, file) in item.outputs where !(incoming[path] ?? []).contains(file.sha256) { incoming[path, default: []].append(file.sha256) }
            entry.incoming = incoming
            index.stages[item.relative] = entry
        }
        for relative in gone { index.stages[relative]?.publishing = true }
        try saveIndex()
        defer {
            if let staging { try? FileManager.default.removeItem(at: staging) }
            staging = nil
        }
        for item in work { try place(item) }
        for relative in gone { try unpublish(relative) }
        try saveIndex()
    }

    private static func pipeline(of relative: String) -> String {
        String(relative.split(separator: "/").first ?? "")
    }

    private func url(_ relative: String, _ path: String) -> URL {
        folder.appending(path: relative, directoryHint: .isDirectory).appending(path: path, directoryHint: .notDirectory)
    }

    /// True when the folder holds exactly what the index says was published for this key, and
    /// every file still has the stat it had then.
    private func isIntact(_ item: Item) -> Bool {
        guard let published = index.stages[item.relative], published.key == item.key, published.publishing != true,
              published.files.count == item.outputs.count else { return false }
        for (path, file) in item.outputs {
            guard let record = published.files[path], record.sha256 == file.sha256, let stat = record.stat,
                  FileStat.of(url(item.relative, path)) == stat else { return false }
        }
        return true
    }

    /// The files a publication placed; for an adopted index without records, the outputs of
    /// the entry it names (when the store still has it).
    private func knownFiles(_ publication: Publication?) -> [String: PublishedFile] {
        guard let publication else { return [:] }
        if !publication.files.isEmpty { return publication.files }
        return store.manifest(publication.key)?.outputs.mapValues { PublishedFile(sha256: $0.sha256, stat: nil) } ?? [:]
    }

    /// Whether the file at `url` has digest `sha256`: by stat when the record vouches for it,
    /// else by hashing.
    private func holds(_ url: URL, _ sha256: String, record: PublishedFile?) -> Bool {
        if let record, record.sha256 == sha256, let stat = record.stat, FileStat.of(url) == stat { return true }
        return (try? SHA256Digest.ofFile(at: url)) == sha256
    }

    /// Whether the file at `target` is one the view wrote: the one its record describes, or
    /// one an interrupted publication was placing.
    private func isOurs(_ target: URL, record: PublishedFile?, incoming: [String]) -> Bool {
        if let record, holds(target, record.sha256, record: record) { return true }
        guard !incoming.isEmpty, let digest = try? SHA256Digest.ofFile(at: target) else { return false }
        return incoming.contains(digest)
    }

    private func place(_ item: Item) throws {
        let known = knownFiles(index.stages[item.relative])
        let incoming = index.stages[item.relative]?.incoming ?? [:]
        let source = store.outputs(item.key)
        var files: [String: PublishedFile] = [:]
        for path in item.outputs.keys.sorted() {
            let expected = item.outputs[path]!.sha256
            let target = url(item.relative, path)
            if FileStat.of(target) != nil {
                if holds(target, expected, record: known[path]) {
                    files[path] = PublishedFile(sha256: expected, stat: FileStat.of(target))
                    continue
                }
                // Ours but outdated is replaced by the rename below; anything else is the user's.
                if !isOurs(target, record: known[path], incoming: incoming[path] ?? []) { try setAside(target, relative: item.relative, path: path) }
            } else if FileManager.default.fileExists(atPath: target.path) {
                try setAside(target, relative: item.relative, path: path)
            }
            try copy(source.appending(path: path, directoryHint: .notDirectory), to: target)
            files[path] = PublishedFile(sha256: expected, stat: FileStat.of(target))
        }
        for path in Set(known.keys).union(incoming.keys) where item.outputs[path] == nil {
            let target = url(item.relative, path)
            guard FileManager.default.fileExists(atPath: target.path) else { continue }
            if FileStat.of(target) != nil, isOurs(target, record: known[path], incoming: incoming[path] ?? []) {
                FaultInjection.reach("view")
                try FileManager.default.removeItem(at: target)
            } else {
                try setAside(target, relative: item.relative, path: path)
            }
        }
        index.stages[item.relative] = Publication(key: item.key, files: files)
    }

    /// Removes the files a stage no longer declared had published (the user's edits stay), and
    /// its folders once empty.
    private func unpublish(_ relative: String) throws {
        let known = knownFiles(index.stages[relative])
        let incoming = index.stages[relative]?.incoming ?? [:]
        var folders = Set<URL>()
        for path in Set(known.keys).union(incoming.keys) {
            let target = url(relative, path)
            folders.insert(target.deletingLastPathComponent())
            guard FileStat.of(target) != nil else { continue }
            if isOurs(target, record: known[path], incoming: incoming[path] ?? []) {
                FaultInjection.reach("view")
                try FileManager.default.removeItem(at: target)
            } else {
                warn("\(target.path) was edited by hand; kept, although stage \(relative) no longer exists")
            }
        }
        // Deepest first; rmdir(2) refuses a folder that still holds anything (grid cells, edits).
        for folder in folders.sorted(by: { $0.path.count > $1.path.count }) {
            var current = folder
            while current.path.count > self.folder.path.count {
                guard rmdir(current.path) == 0 else { break }
                current = current.deletingLastPathComponent()
            }
        }
        index.stages[relative] = nil
    }

    /// Moves a file the view did not write out of the way: `<name>.edited-<n>`, first free n.
    private func setAside(_ target: URL, relative: String, path: String) throws {
        var n = 1
        while FileManager.default.fileExists(atPath: target.path + ".edited-\(n)") { n += 1 }
        let aside = URL(fileURLWithPath: target.path + ".edited-\(n)")
        FaultInjection.reach("view")
        try FileManager.default.moveItem(at: target, to: aside)
        warn("Results file \(relative)/\(path) was changed by hand: kept as \(aside.lastPathComponent), and the stored output restored")
    }

    /// Copies a store file into a staging folder of the view, then renames it over `target`.
    private func copy(_ source: URL, to target: URL) throws {
        let manager = FileManager.default
        let staging = try self.staging ?? {
            let made = folder.appending(path: ".staging-\(UUID().uuidString)", directoryHint: .isDirectory)
            try manager.createDirectory(at: made, withIntermediateDirectories: true)
            self.staging = made
            return made
        }()
        let temporary = staging.appending(path: UUID().uuidString, directoryHint: .notDirectory)
        FaultInjection.reach("view")
        try manager.copyItem(at: source, to: temporary)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        FaultInjection.reach("view")
        guard rename(temporary.path, target.path) == 0 else {
            throw PipelineError.unwritable(path: target.path, reason: String(cString: strerror(errno)))
        }
    }

    private func saveIndex() throws {
        guard index != indexOnDisk else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FaultInjection.reach("view")
        try AtomicFile.write(try encoder.encode(index), to: indexURL)
        indexOnDisk = index
    }
}
