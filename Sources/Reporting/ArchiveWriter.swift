import Foundation
import Pipeline
import ZIPFoundation

/// `criticality archive`: one zip that is a Workflow Run RO-Crate of the current results — the
/// pipeline sources, every stage's outputs and manifest, the HTML report — with a SHA-256 for
/// every file in its metadata.
///
/// Deterministic: entries are sorted, timestamps and permissions fixed and the metadata has sorted
/// keys, so the same results archive to the same bytes. Written to a temporary file and renamed.
public struct ArchiveWriter {
    public let content: ReportContent
    /// The source tree whose `Pipelines/` folder is the workflow.
    public let sources: SourceTree
    /// Leave out HDF5 data files (figures, scripts, manifests and the report stay).
    public var withoutData = false
    /// Leave out any result file larger than this many bytes.
    public var maxFileBytes: Int? = nil
    /// The licence URL the crate declares for its content.
    public var license = "https://spdx.org/licenses/CC-BY-4.0"
    /// Who made the project and where its code lives; nil: `CITATION.cff` at the sources' root.
    public var citation: ProjectCitation?

    /// The rocrate-validator RECOMMENDED checks an archive fails when the citation gives no
    /// repository address (local ids are not absolute URIs, and there is no url to give).
    public static var checksFailedWithoutRepository: [String] { CrateMetadata.relativeIDChecks }

    public init(content: ReportContent, sources: SourceTree) {
        self.content = content
        self.sources = sources
    }

    /// What was written.
    public struct Written: Sendable {
        public var archive: URL
        public var files: Int
        public var leftOut: Int
        public var bytes: Int
    }

    /// The fixed timestamp of every entry (the earliest a zip can hold), so bytes do not depend on when.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800 + 86_400 * 2)

    public func write(to archive: URL) throws -> Written {
        // A missing or malformed citation stops the archive before anything is hashed or written.
        let citation = try self.citation ?? ProjectCitation.read(in: sources.root)
        try ReplaceableTarget.checkArchive(archive)
        let manager = FileManager.default
        Leftovers.sweep(manager.temporaryDirectory) { $0.hasPrefix("criticality-archive-") }
        Leftovers.sweep(archive.deletingLastPathComponent()) { $0.hasPrefix(".") && $0.contains(".zip.") && $0.hasSuffix(".partial") }
        let scratch = manager.temporaryDirectory.appendingPathComponent("criticality-archive-\(UUID().uuidString)")
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        let scratchClaim = Leftovers.Claim(scratch)
        defer { try? manager.removeItem(at: scratch); withExtendedLifetime(scratchClaim) {} }

        var files: [ArchiveFile] = []
        var outputs: [String: [String]] = [:]
        var manifests: [String: String] = [:]
        @discardableResult
        func add(_ path: String, from url: URL, leaveOut reason: String? = nil) throws -> String {
            let size = (try manager.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            let digest = try SHA256Digest.ofFile(at: url)
            files.append(ArchiveFile(path: path, source: url, sha256: digest, bytes: size, leftOut: reason))
            return digest
        }

        let pipelines = sources.root.appendingPathComponent("Pipelines")
        let pipelineFiles = ((try? manager.contentsOfDirectory(atPath: pipelines.path)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        guard pipelineFiles.contains("Registry.swift") else {
            throw ReportingError.nothingToInclude("no Pipelines/Registry.swift under \(sources.root.path) (set CRITICALITY_SOURCE_ROOT to the checkout)")
        }
        for file in pipelineFiles { try add("workflow/Pipelines/\(file)", from: pipelines.appendingPathComponent(file)) }

        let ran = content.stages.filter { $0.manifest != nil }
        guard !ran.isEmpty else { throw ReportingError.nothingToInclude("no stage of the selected pipelines has results in the store") }
        for stage in ran {
            let manifest = stage.manifest!
            let folder = content.store.outputs(manifest.key)
            for file in manifest.outputs.keys.sorted() {
                let path = "results/\(stage.resultsFolder)/\(file)"
                var reason: String?
                if withoutData && file.hasSuffix(".h5") { reason = "HDF5 data left out (--without-data)" }
                if let limit = maxFileBytes, manifest.outputs[file]!.bytes > limit { reason = "larger than --max-file-bytes \(limit)" }
                let digest = try add(path, from: folder.appendingPathComponent(file), leaveOut: reason)
                try StoreFileCheck.require(digest, file: file, of: stage, manifest: manifest, profile: content.profile)
                outputs[stage.stage, default: []].append(path)
            }
            let manifestPath = "manifests/\(stage.resultsFolder)/manifest.json"
            try add(manifestPath, from: content.store.entry(manifest.key).appendingPathComponent("manifest.json"))
            manifests[stage.stage] = manifestPath
        }

        let report = scratch.appendingPathComponent("report")
        var page = HTMLReport(content: content)
        page.filesPrefix = "../results/"
        page.copyFiles = false
        page.writesMarker = false
        try page.write(to: report)
        for path in try Self.files(under: report) { try add("report/" + path, from: report.appendingPathComponent(path)) }

        let resultFiles = files.filter { $0.path.hasPrefix("results/") }
        let readme = scratch.appendingPathComponent(ArchiveReadme.path)
        try Data(ArchiveReadme(profile: content.profile.rawValue, stages: ran.count, resultFiles: resultFiles.count,
                               leftOut: resultFiles.filter { $0.leftOut != nil }.count, citation: citation).text.utf8).write(to: readme)
        try add(ArchiveReadme.path, from: readme)

        files.sort { $0.path < $1.path }
        // The workflow files were read from this checkout: name their commit only when the tree is clean.
        let checkout = RunEnvironment.capture(sources: sources, libraries: [:])
        let metadata = try CrateMetadata(content: content, files: files, outputs: outputs, manifests: manifests,
                                         workflow: "workflow/Pipelines/Registry.swift", license: license, citation: citation,
                                         commit: checkout.gitDirty == false ? checkout.gitCommit : nil).json()

        try manager.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = archive.deletingLastPathComponent().appendingPathComponent(".\(archive.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? manager.removeItem(at: temporary) }
        let zip = try Archive(url: temporary, accessMode: .create)
        let temporaryClaim = Leftovers.Claim(temporary)
        defer { withExtendedLifetime(temporaryClaim) {} }
        try Self.addEntry(zip, path: "ro-crate-metadata.json", data: metadata)
        var total = metadata.count
        for file in files where file.leftOut == nil {
            let data = try Data(contentsOf: file.source)
            // Hash what is zipped, not only what was listed: a file changed in between must not
            // enter the archive under the digest of its earlier bytes.
            guard SHA256Digest.of(data) == file.sha256 else {
                throw ReportingError.changedWhileArchiving(path: file.source.path)
            }
            try Self.addEntry(zip, path: file.path, data: data)
            total += data.count
        }
        // rename(2) replaces an older archive atomically: a reader sees the old or the new zip, never half of one.
        // Checked again: something may have appeared at the path while the zip was written.
        try ReplaceableTarget.checkArchive(archive)
        guard rename(temporary.path, archive.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: archive.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return Written(archive: archive, files: files.filter { $0.leftOut == nil }.count + 1,
                       leftOut: files.filter { $0.leftOut != nil }.count, bytes: total)
    }

    private static func addEntry(_ zip: Archive, path: String, data: Data) throws {
        try zip.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                         permissions: 0o644, compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// Regular files below `folder`, as sorted relative paths.
    static func files(under folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        let base = folder.resolvingSymlinksInPath().path
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let full = url.resolvingSymlinksInPath().path
            paths.append(String(full.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }
}
