import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file replacement by rename(2), with a temporary name the engine recognises as its own
/// (`<name>.partial-<pid>`), so a leftover of a killed write can be cleaned without guessing.
/// Foundation's `.atomic` option leaves `.dat.nosync…` files behind when killed instead.
enum AtomicFile {
    /// The prefix-free marker of temporaries: `<name>` + this + pid.
    static let marker = ".partial-"

    /// Writes `data` to a temporary beside `url`, then renames it over `url`.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appending(path: url.lastPathComponent + marker + "\(getpid())", directoryHint: .notDirectory)
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.unwritable(path: url.path, reason: reason)
        }
    }

    /// `<name>.partial-<digits>`, or Foundation's `.dat.nosync<suffix>`.
    static func isLeftover(_ name: String) -> Bool {
        if name.hasPrefix(".dat.nosync") { return true }
        guard let range = name.range(of: marker, options: .backwards) else { return false }
        let pid = name[range.upperBound...]
        return !pid.isEmpty && pid.allSatisfy(\.isNumber)
    }

    /// Removes temporaries of killed writes (and Foundation's `.dat.nosync…` ones) in `folder`.
    static func removeLeftovers(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where isLeftover(name) {
            try? FileManager.default.removeItem(at: folder.appending(path: name, directoryHint: .notDirectory))
        }
    }
}
