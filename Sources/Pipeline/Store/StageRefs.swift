import Foundation

/// The key each stage had in its last run, per profile and pipeline: the "previous state" that
/// `status` compares against and that `gc` keeps.
struct StageRefs: Codable, Equatable {
    /// One stage's last entry.
    struct Ref: Codable, Hashable {
        var key: String
        var outputsDigest: String
        var seconds: Double
    }
    var stages: [String: Ref] = [:]

    static func url(store: Store, profile: Profile, pipeline: String) -> URL {
        store.root.appendingPathComponent("refs").appendingPathComponent(profile.rawValue).appendingPathComponent("\(pipeline).json")
    }

    static func load(store: Store, profile: Profile, pipeline: String) -> StageRefs {
        guard let data = try? Data(contentsOf: url(store: store, profile: profile, pipeline: pipeline)) else { return StageRefs() }
        return (try? JSONDecoder().decode(StageRefs.self, from: data)) ?? StageRefs()
    }

    /// Written atomically (temporary file, then rename).
    func save(store: Store, profile: Profile, pipeline: String) throws {
        let target = Self.url(store: store, profile: profile, pipeline: pipeline)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: target, options: .atomic)
    }

    /// Keys referenced by any profile's refs.
    static func allReferencedKeys(store: Store) -> Set<String> {
        var keys = Set<String>()
        let refs = store.root.appendingPathComponent("refs")
        for profile in (try? FileManager.default.contentsOfDirectory(atPath: refs.path)) ?? [] {
            let folder = refs.appendingPathComponent(profile)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".json") {
                if let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
                   let loaded = try? JSONDecoder().decode(StageRefs.self, from: data) {
                    keys.formUnion(loaded.stages.values.map(\.key))
                }
            }
        }
        return keys
    }
}
