import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The content-addressed store: one entry per stage key, holding the outputs and a manifest.
///
/// Layout: `entries/<k0k1>/<key>/{manifest.json, outputs/…}`, `staging/` for stages being
/// written, `quarantine/` for entries whose outputs no longer match their digests, and
/// `refs/<profile>/<pipeline>.json`, which records the key each stage had in its last run (for
/// `status` explanations, the Results view and `gc`). An entry appears only by renaming a
/// finished staging folder, so a half-written entry is never seen.
public final class Store: Sendable {
    /// The store's folder.
    public let root: URL

    /// A store at `root`, created if missing.
    public init(root: URL) throws {
        self.root = root
        for folder in ["entries", "staging", "quarantine", "refs"] {
            do {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            } catch {
                let target = root.appendingPathComponent(folder)
                throw PipelineError.unwritable(path: target.path, reason: FileErrorReason.describe(error, at: target))
            }
        }
    }

    /// The folder of the entry for `key`. Paths are built with explicit directory hints: plain
    /// `appendingPathComponent` stats each path to guess, which was a sixth of a no-op rerun.
    public func entry(_ key: String) -> URL {
        root.appending(path: "entries/\(key.prefix(2))/\(key)", directoryHint: .isDirectory)
    }

    /// The outputs folder of the entry for `key`.
    public func outputs(_ key: String) -> URL { entry(key).appending(path: "outputs", directoryHint: .isDirectory) }

    /// One decoder for every manifest: making a JSONDecoder per lookup is not free.
    private static let decoder = JSONDecoder()

    /// What the store holds for a key.
    public enum Lookup: Sendable {
        case missing
        case valid(EntrySummary)
        /// The entry exists but an output is missing or its bytes changed.
        case corrupt(String)
    }

    /// Reads the entry's manifest and re-hashes every output against it.
    public func lookup(_ key: String) -> Lookup {
        let manifestURL = entry(key).appending(path: "manifest.json", directoryHint: .notDirectory)
        guard let data = try? Data(contentsOf: manifestURL) else {
            // A folder without its manifest (a gc or a hand deletion cut short) is damage, not
            // absence: left in place, it would block the commit of a fresh result.
            return FileManager.default.fileExists(atPath: entry(key).path) ? .corrupt("its manifest is missing or unreadable") : .missing
        }
        let manifest: EntrySummary
        do { manifest = try Self.decoder.decode(EntrySummary.self, from: data) } catch {
            return .corrupt("its manifest.json is unreadable, \(DecodingProblem.describe(error))")
        }
        if let damage = Self.damage(of: data, key: manifest.key, material: manifest.material, expecting: key) { return .corrupt(damage) }
        let folder = outputs(key)
        for (path, file) in manifest.outputs {
            let url = folder.appending(path: path, directoryHint: .notDirectory)
            guard let digest = try? SHA256Digest.ofFile(at: url) else { return .corrupt("output \(path) is missing") }
            if digest != file.sha256 { return .corrupt("output \(path) does not match its recorded SHA-256") }
        }
        // An extra file would make the folder differ from what consumers were keyed on. Counting
        // top-level names is enough: nested outputs are rare, and each listed file was verified.
        let topLevel = Set(manifest.outputs.keys.map { $0.split(separator: "/").first.map(String.init) ?? $0 })
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path).count) != topLevel.count {
            return .corrupt("its outputs folder holds files the manifest does not list")
        }
        return .valid(manifest)
    }

    /// Why manifest bytes cannot be trusted for `expected`, or nil: the key they name must be
    /// the one their key material hashes to (an edited parameter or code digest shows here),
    /// and their integrity digest, when recorded, must match (an edited host or timing).
    static func damage(of data: Data, key: String, material: KeyMaterial, expecting expected: String) -> String? {
        guard key == expected else { return "its manifest names another key" }
        guard (try? material.key()) == expected else { return "its manifest's parameters, code or inputs do not hash to its key (edited)" }
        if let integrity = Manifest.integrity(of: data), integrity.recorded != integrity.computed {
            return "its manifest does not match its integrity digest (edited)"
        }
        return nil
    }

    /// The manifest of an entry, without verifying outputs (for `show`); nil when absent or
    /// when its key or integrity digest shows it was edited.
    public func manifest(_ key: String) -> Manifest? {
        guard let data = try? Data(contentsOf: entry(key).appendingPathComponent("manifest.json")),
              let manifest = try? Self.decoder.decode(Manifest.self, from: data),
              Self.damage(of: data, key: manifest.key, material: manifest.material, expecting: key) == nil else { return nil }
        return manifest
    }

    /// A fresh, empty staging folder with an `outputs` subfolder.
    func makeStaging() throws -> URL {
        let folder = root.appendingPathComponent("staging").appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("outputs"), withIntermediateDirectories: true)
        return folder
    }

    /// Hashes a staging folder's outputs into a manifest (filled by `complete`), writes it, and
    /// renames the folder into place. If another process committed the same key meanwhile, its
    /// entry wins (same key, same content) and ours is dropped. `beforeRename` runs last before
    /// the entry appears (a write-ahead record of it; a check that the store is still ours).
    func commit(staging: URL, beforeRename: (Manifest) throws -> Void = { _ in },
                complete: ([String: Manifest.OutputFile]) -> Manifest) throws -> Manifest {
        var files: [String: Manifest.OutputFile] = [:]
        for (relative, url) in try SourceTree.files(under: staging.appendingPathComponent("outputs")) {
            let size = (try url.resourceValues(forKeys: [.fileSizeKey])).fileSize ?? 0
            files[relative] = Manifest.OutputFile(sha256: try SHA256Digest.ofFile(at: url), bytes: size)
        }
        var manifest = complete(files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Sealed in two steps: encoded with a zero digest, hashed, the digest put in its place.
        manifest.integrity = Manifest.unsealed
        var data = try encoder.encode(manifest)
        if let integrity = Manifest.integrity(of: data), let field = Manifest.integrityRange(in: data) {
            data.replaceSubrange(field, with: Data(integrity.computed.utf8))
            manifest.integrity = integrity.computed
        }
        try data.write(to: staging.appendingPathComponent("manifest.json"))
        let target = entry(manifest.key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try beforeRename(manifest)
        FaultInjection.reach("commit")
        if rename(staging.path, target.path) != 0 {
            // Another stage or process committed the same key meanwhile, or a damaged folder sits
            // there. A valid entry wins, and its manifest is the answer: its bytes may differ from
            // ours (outputs record the name of the stage that made them, and stages of one key
            // can have different names), and consumers must be keyed on what the store holds.
            // A damaged entry never beats a fresh result.
            if case .valid = lookup(manifest.key) {
                try? FileManager.default.removeItem(at: staging)
                return self.manifest(manifest.key) ?? manifest
            }
            if FileManager.default.fileExists(atPath: target.path) { try quarantine(manifest.key) }
            guard rename(staging.path, target.path) == 0 else {
                throw PipelineError.unwritable(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
        return manifest
    }

    /// Moves a corrupt entry aside (never deletes it: the user may want to inspect it) and
    /// returns where it went.
    @discardableResult
    func quarantine(_ key: String) throws -> URL {
        // The time says when; the random suffix keeps two quarantines of one key in the same
        // second apart (the second would otherwise fail and abort the run).
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let target = root.appendingPathComponent("quarantine").appendingPathComponent("\(key)-\(stamp)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.moveItem(at: entry(key), to: target)
        return target
    }

    /// Removes staging folders left by an interrupted run. Only called while holding the lock.
    func clearStaging() {
        let staging = root.appendingPathComponent("staging")
        for item in (try? FileManager.default.contentsOfDirectory(at: staging, includingPropertiesForKeys: nil)) ?? [] {
            try? FileManager.default.removeItem(at: item)
        }
    }

    /// Every key in the store.
    func allKeys() -> [String] {
        let entries = root.appendingPathComponent("entries")
        var keys: [String] = []
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: entries.path)) ?? [] {
            keys += (try? FileManager.default.contentsOfDirectory(atPath: entries.appendingPathComponent(prefix).path)) ?? []
        }
        return keys.sorted()
    }

    /// Removes an entry for good (`gc`).
    func remove(_ key: String) throws { try FileManager.default.removeItem(at: entry(key)) }
}

