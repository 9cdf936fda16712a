import Crypto
import Foundation
import Pipeline
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// `criticality verify ARCHIVE`: re-hashes every file of an archive against the SHA-256 its
/// RO-Crate metadata records, and names each file that differs, is missing or was added.
public struct ArchiveVerifier {
    public let archive: URL

    public init(archive: URL) { self.archive = archive }

    /// The outcome of a verification.
    public struct Report: Sendable {
        /// Files whose bytes match their recorded digest.
        public var verified: [String] = []
        /// Files whose digest differs (or whose zip entry could not be read), with the reason.
        public var mismatched: [(path: String, reason: String)] = []
        /// Files the metadata names that the zip lacks.
        public var missing: [String] = []
        /// Files in the zip that the metadata does not name.
        public var extra: [String] = []
        /// Files deliberately left out when the archive was made.
        public var leftOut: [String] = []

        public var isIntact: Bool { mismatched.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    /// The crate's metadata, parsed; throws a ``ReportingError`` for a zip that is unreadable or not ours.
    public func metadata() throws -> [[String: Any]] {
        let zip = try open()
        guard let entry = zip["ro-crate-metadata.json"] else {
            throw ReportingError.notOurArchive(path: archive.path, reason: "it has no ro-crate-metadata.json at its root")
        }
        var data = Data()
        do {
            _ = try zip.extract(entry) { data.append($0) }
        } catch {
            throw ReportingError.corruptMetadata(path: archive.path, reason: "ro-crate-metadata.json cannot be read from the zip (\(error))")
        }
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let graph = document["@graph"] as? [[String: Any]] else {
            throw ReportingError.corruptMetadata(path: archive.path, reason: "ro-crate-metadata.json is not JSON-LD with an @graph")
        }
        guard CrateMetadata.isOurs(graph) else {
            throw ReportingError.notOurArchive(path: archive.path, reason: "its RO-Crate was not written by criticality (no \(CrateMetadata.toolName) application entity)")
        }
        return graph
    }

    public func verify() throws -> Report {
        let graph = try metadata()
        let zip = try open()
        var recorded: [String: String] = [:], recordedLeftOut: [String: String] = [:]
        var report = Report()
        for entity in graph {
            guard let id = entity["@id"] as? String, let digest = entity["sha256"] as? String else { continue }
            if id.hasPrefix("#left-out/") {
                let path = String(id.dropFirst("#left-out/".count))
                report.leftOut.append(path)
                recordedLeftOut[path] = digest
                continue
            }
            if id.hasPrefix("#") || id.contains("://") { continue }
            recorded[id] = digest
        }
        // The crate's digests were computed when the archive was made; the archived manifests
        // record the bytes the stages wrote. Both must agree, or a file damaged in the store
        // before archiving would be certified.
        let manifested = manifestDigests(recorded.keys.filter(Self.isManifest), in: zip, report: &report)
        for (path, digest) in recordedLeftOut where manifested[path].map({ $0.digest != digest }) == true {
            report.mismatched.append((path, "left out, but the crate records SHA-256 \(digest.prefix(16))… and \(manifested[path]!.manifest) records \(manifested[path]!.digest.prefix(16))…"))
        }
        var present = Set<String>()
        for entry in zip where entry.type == .file {
            present.insert(entry.path)
            guard entry.path != "ro-crate-metadata.json" else { continue }
            guard let expected = recorded[entry.path] else { report.extra.append(entry.path); continue }
            var hasher = SHA256()
            do {
                _ = try zip.extract(entry, skipCRC32: false) { hasher.update(data: $0) }
            } catch {
                report.mismatched.append((entry.path, "its zip entry cannot be read (\(error))"))
                continue
            }
            let actual = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            if actual != expected {
                report.mismatched.append((entry.path, "SHA-256 is \(actual.prefix(16))…, the crate records \(expected.prefix(16))…"))
            } else if let stated = manifested[entry.path], stated.digest != actual {
                report.mismatched.append((entry.path, "SHA-256 is \(actual.prefix(16))…, its manifest \(stated.manifest) records \(stated.digest.prefix(16))…"))
            } else {
                report.verified.append(entry.path)
            }
        }
        // A result file a manifest lists but the crate does not name was dropped from both.
        for path in manifested.keys where recorded[path] == nil && recordedLeftOut[path] == nil {
            report.missing.append(path)
        }
        report.missing = Array(Set(report.missing + recorded.keys.filter { !present.contains($0) })).sorted()
        report.extra.sort()
        report.verified.sort()
        report.mismatched.sort { $0.path < $1.path }
        return report
    }

    /// Whether a crate path is an archived stage manifest (`manifests/<folder>/manifest.json`).
    static func isManifest(_ path: String) -> Bool { path.hasPrefix("manifests/") && path.hasSuffix("/manifest.json") }

    /// The digest each archived manifest records for its stage's result files, keyed by the
    /// file's path in the archive (`results/<folder>/<file>`), with the manifest that says so. A
    /// manifest that cannot be read is reported as mismatched.
    private func manifestDigests(_ manifests: [String], in zip: Archive, report: inout Report) -> [String: (digest: String, manifest: String)] {
        var digests: [String: (digest: String, manifest: String)] = [:]
        for path in manifests.sorted() {
            guard let entry = zip[path] else { continue }  // reported missing below
            var data = Data()
            guard (try? zip.extract(entry, skipCRC32: false, consumer: { data.append($0) })) != nil,
                  let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let outputs = document["outputs"] as? [String: Any] else {
                report.mismatched.append((path, "it is not a readable stage manifest with outputs"))
                continue
            }
            let folder = path.dropFirst("manifests/".count).dropLast("/manifest.json".count)
            for (file, value) in outputs {
                guard let digest = (value as? [String: Any])?["sha256"] as? String else {
                    report.mismatched.append((path, "its output \(file) has no SHA-256"))
                    continue
                }
                digests["results/\(folder)/\(file)"] = (digest, path)
            }
        }
        return digests
    }

    /// Reads one file of the archive.
    public func read(_ path: String) throws -> Data {
        let zip = try open()
        guard let entry = zip[path] else { throw ReportingError.notOurArchive(path: archive.path, reason: "it has no \(path)") }
        var data = Data()
        _ = try zip.extract(entry) { data.append($0) }
        return data
    }

    private func open() throws -> Archive {
        var info = stat()
        guard stat(archive.path, &info) == 0 else {
            throw ReportingError.notAZip(path: archive.path, reason: "no such file")
        }
        // ZIPFoundation looks for the end record by seeking from the end: on a folder or a FIFO
        // that search never ends.
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ReportingError.notAZip(path: archive.path, reason: "it is \(ReplaceableTarget.describe(info.st_mode & S_IFMT)), not a file")
        }
        do {
            return try Archive(url: archive, accessMode: .read)
        } catch {
            throw ReportingError.notAZip(path: archive.path, reason: "\(error)")
        }
    }
}
