import Foundation
import Pipeline

/// `criticality verify ARCHIVE --rerun [stage…]`: recomputes archived stages from the parameters
/// their archived manifests record, in a scratch store, and compares output digests with the
/// archive's, stage by stage.
public struct ArchiveRerun {
    public let verifier: ArchiveVerifier
    public let pipelines: [PipelineDefinition]
    public let sources: SourceTree
    public let libraries: @Sendable () -> [String: String]
    /// By default the cheapest archived stages are rerun: each took at most this long…
    public var defaultBudgetSeconds = 10.0
    /// …and together at most this long (a default archive holds hundreds of training cells).
    public var defaultTotalSeconds = 120.0
    /// The data-set folders to declare the pipelines with (`--data-dir`), as the archived run was.
    public var dataDirectories = DataDirectories()

    public init(archive: URL, pipelines: [PipelineDefinition], sources: SourceTree,
                libraries: @escaping @Sendable () -> [String: String]) {
        self.verifier = ArchiveVerifier(archive: archive)
        self.pipelines = pipelines
        self.sources = sources
        self.libraries = libraries
    }

    /// The cheapest stages until the total budget is spent, where a stage costs its own recorded
    /// wall time plus that of everything it reads (a rerun recomputes its inputs too): a cheap
    /// gather over hundreds of training cells is not cheap.
    static func affordable(_ archived: [String: Manifest], perStage: Double, total: Double) -> [String] {
        func closure(_ name: String) -> Set<String> {
            var seen = Set<String>(), stack = [name]
            while let next = stack.popLast() {
                guard seen.insert(next).inserted, let manifest = archived[next] else { continue }
                stack += manifest.material.inputs.map(\.stage)
            }
            return seen
        }
        let cost = { (names: Set<String>) in names.reduce(0.0) { $0 + (archived[$1]?.seconds ?? .infinity) } }
        let candidates = archived.keys.filter { archived[$0]!.seconds <= perStage }
            .map { (name: $0, needs: closure($0)) }
            .sorted { (cost($0.needs), $0.name) < (cost($1.needs), $1.name) }
        var covered = Set<String>(), chosen: [String] = []
        for candidate in candidates {
            let union = covered.union(candidate.needs)
            guard cost(union) <= total else { continue }
            covered = union
            chosen.append(candidate.name)
        }
        return chosen.sorted()
    }

    /// One stage's comparison.
    public struct Outcome: Sendable {
        public var stage: String
        /// `identical`, `different`, or `failed`.
        public var verdict: String
        public var detail: String
    }

    /// Reruns `stages` (default: every archived stage whose recorded wall time fits the budget)
    /// and everything they read, and compares each with its archived manifest.
    public func run(stages requested: [String], jobs: Int, progress: ProgressSink = SilentProgress()) throws -> [Outcome] {
        let graphJSON = try verifier.metadata()
        let profileName = graphJSON.first { $0["@id"] as? String == "#pv-profile" }?["value"] as? String ?? "quick"
        guard let profile = Profile(rawValue: profileName) else {
            throw ReportingError.corruptMetadata(path: verifier.archive.path, reason: "unknown profile '\(profileName)'")
        }
        // Archived manifests, by stage name.
        var archived: [String: Manifest] = [:]
        let decoder = JSONDecoder()
        for entity in graphJSON {
            guard let id = entity["@id"] as? String, id.hasPrefix("manifests/"), id.hasSuffix("/manifest.json") else { continue }
            let manifest: Manifest
            do {
                manifest = try decoder.decode(Manifest.self, from: verifier.read(id))
            } catch {
                // Name the file: a bare DecodingError says neither which manifest nor where.
                throw ReportingError.corruptMetadata(path: verifier.archive.path, reason: "\(id) is not a stage manifest this version reads (\(Self.describe(error)))")
            }
            archived[manifest.stageName] = manifest
        }
        let known = archived.keys.sorted()
        for name in requested where archived[name] == nil { throw ReportingError.unknownArchivedStage(name, known: known) }
        let targets = requested.isEmpty ? Self.affordable(archived, perStage: defaultBudgetSeconds, total: defaultTotalSeconds) : requested

        var graph = try StageGraph(pipelines, profile: profile, dataDirectories: dataDirectories)
        // Declared names first; then cells a --set renamed, each found as the cell of its grid
        // that its parameters relabel to its archived name.
        let declared = Set(graph.stageNames)
        let archivedNames = Set(archived.keys)
        for name in archived.keys.sorted(by: { (declared.contains($0) ? 0 : 1, $0) < (declared.contains($1) ? 0 : 1, $1) }) {
            do {
                graph = try graph.replacingParameters(of: name, with: archived[name]!.material.parameters, avoiding: archivedNames)
            } catch PipelineError.unknownTarget {
                continue  // reported below as "no such stage in this version's pipelines" when asked for
            }
        }
        let missing = targets.filter { !graph.stageNames.contains($0) }
        let runnable = targets.filter { graph.stageNames.contains($0) }

        Leftovers.sweep(FileManager.default.temporaryDirectory) { $0.hasPrefix("criticality-rerun-") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-rerun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let claim = Leftovers.Claim(scratch)
        defer { try? FileManager.default.removeItem(at: scratch); withExtendedLifetime(claim) {} }
        let engine = Engine(store: try Store(root: scratch), sources: sources, libraries: libraries)
        let summary = try engine.run(graph, targets: runnable, options: .init(jobs: jobs, keepGoing: true), progress: progress)
        let failed = Dictionary(summary.failed.map { ($0.stage, $0.message) }, uniquingKeysWith: { a, _ in a })
        let now = try engine.provenance(graph, targets: runnable)
        var outcomes: [Outcome] = missing.map { Outcome(stage: $0, verdict: "failed", detail: "no such stage in this version's pipelines") }
        for stage in now where targets.contains(stage.stage) {
            let before = archived[stage.stage]!
            if let message = failed[stage.stage] { outcomes.append(Outcome(stage: stage.stage, verdict: "failed", detail: message)); continue }
            guard let after = stage.manifest, stage.state == .current else {
                outcomes.append(Outcome(stage: stage.stage, verdict: "failed", detail: "did not run (an input failed)"))
                continue
            }
            let codeChanged = before.material.code.filter { after.material.code[$0.key] != $0.value }.map(\.key).sorted()
            let note = codeChanged.isEmpty ? "same code digests" : "code changed since archived: \(codeChanged.joined(separator: ", "))"
            if after.outputsDigest == before.outputsDigest {
                outcomes.append(Outcome(stage: stage.stage, verdict: "identical", detail: "outputs \(after.outputsDigest.prefix(12)); \(note)"))
            } else {
                let files = Set(before.outputs.keys).union(after.outputs.keys).sorted().filter { before.outputs[$0]?.sha256 != after.outputs[$0]?.sha256 }
                outcomes.append(Outcome(stage: stage.stage, verdict: "different",
                                        detail: "differing files: \(files.joined(separator: ", ")); \(note)"))
            }
        }
        return outcomes.sorted { $0.stage < $1.stage }
    }

    /// A decoding error in a few words: what was expected, and where.
    static func describe(_ error: Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(at(context))"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context): return "expected \(type)\(at(context))"
        case .dataCorrupted(let context): return context.debugDescription + at(context)
        @unknown default: return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "" : " at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    }
}
