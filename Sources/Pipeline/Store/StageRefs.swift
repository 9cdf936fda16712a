import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The key each stage had in its last run, per profile and pipeline: the "previous state" that
/// `status` compares against and that `gc` keeps.
///
/// Two files per pipeline under `refs/<profile>/`: `<pipeline>.json`, rewritten atomically when a
/// run ends, and `<pipeline>.journal`, one line appended as each stage finishes, so a run killed
/// midway never leaves a finished stage unreferenced (which `gc` would delete). Reading applies
/// the journal over the JSON; a run's end folds it in and removes it.
struct StageRefs: Codable, Equatable {
    /// One stage's last entry.
    struct Ref: Codable, Hashable {
        var key: String
        var outputsDigest: String
        var seconds: Double
    }
    var stages: [String: Ref] = [:]

    /// One journal line.
    private struct JournalLine: Codable {
        var stage: String
        var ref: Ref
    }

    static func url(store: Store, profile: Profile, pipeline: String) -> URL {
        store.root.appendingPathComponent("refs").appendingPathComponent(profile.rawValue).appendingPathComponent("\(pipeline).json")
    }

    static func journalURL(store: Store, profile: Profile, pipeline: String) -> URL {
        url(store: store, profile: profile, pipeline: pipeline).deletingPathExtension().appendingPathExtension("journal")
    }

    /// The refs as the last runs left them; unreadable files count as empty (a run then writes
    /// fresh ones). `gc` reads strictly instead (``allReferencedKeys(store:)``).
    static func load(store: Store, profile: Profile, pipeline: String) -> StageRefs {
        var refs = (try? read(url(store: store, profile: profile, pipeline: pipeline))) ?? StageRefs()
        for line in (try? journal(journalURL(store: store, profile: profile, pipeline: pipeline))) ?? [] {
            refs.stages[line.stage] = line.ref
        }
        return refs
    }

    /// A refs file, nil when absent; throws when present but unreadable.
    private static func read(_ url: URL) throws -> StageRefs? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(StageRefs.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineError.unreadableRefs(path: url.path, reason: Self.reason(error))
        }
    }

    /// A journal's complete lines (a last line cut by a kill has no newline and is ignored);
    /// throws when a complete line is not ours.
    private static func journal(_ url: URL) throws -> [JournalLine] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        if data.last != UInt8(ascii: "\n"), !lines.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()
        return try lines.map { line in
            do { return try decoder.decode(JournalLine.self, from: Data(line)) } catch {
                throw PipelineError.unreadableRefs(path: url.path, reason: Self.reason(error))
            }
        }
    }

    private static func reason(_ error: Error) -> String { DecodingProblem.describe(error) }

    /// Written atomically (temporary file, then rename); the journal it folds in is removed.
    func save(store: Store, profile: Profile, pipeline: String) throws {
        let target = Self.url(store: store, profile: profile, pipeline: pipeline)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self), to: target)
        Self.dropJournal(store: store, profile: profile, pipeline: pipeline)
    }

    /// Removes a journal whose lines the JSON already holds.
    static func dropJournal(store: Store, profile: Profile, pipeline: String) {
        try? FileManager.default.removeItem(at: journalURL(store: store, profile: profile, pipeline: pipeline))
    }

    /// Appends one finished stage to its pipeline's journal: one write(2) of one line, so a kill
    /// leaves the line whole or absent.
    static func record(_ ref: Ref, stage: String, store: Store, profile: Profile, pipeline: String) throws {
        let url = journalURL(store: store, profile: profile, pipeline: pipeline)
        var line = try CanonicalJSON.encode(JournalLine(stage: stage, ref: ref))
        line.append(UInt8(ascii: "\n"))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PipelineError.unwritable(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else { throw PipelineError.unwritable(path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// Keys referenced by any profile's refs and journals. Throws, naming the file, when one
    /// cannot be read: `gc` must not take an unreadable file for "nothing referenced".
    static func allReferencedKeys(store: Store) throws -> Set<String> {
        var keys = Set<String>()
        let refs = store.root.appendingPathComponent("refs")
        for profile in (try? FileManager.default.contentsOfDirectory(atPath: refs.path)) ?? [] {
            let folder = refs.appendingPathComponent(profile)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let url = folder.appendingPathComponent(file)
                if file.hasSuffix(".json") {
                    keys.formUnion(try read(url)?.stages.values.map(\.key) ?? [])
                } else if file.hasSuffix(".journal") {
                    keys.formUnion(try journal(url).map(\.ref.key))
                }
            }
        }
        return keys
    }
}
