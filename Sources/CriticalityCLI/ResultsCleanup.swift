import Foundation
import Reporting

/// What `clean` may remove from a Results folder: only what criticality put there — the
/// pipelines' folders of the view, its index and hidden leftovers, a report folder it wrote and
/// the archives it wrote. Everything else is a user's and is kept and named.
struct ResultsCleanup {
    /// Top-level items criticality made, which `clean` removes.
    var ours: [String] = []
    /// Archives inside `archive/` criticality wrote (the folder itself goes only once empty).
    var archives: [String] = []
    /// Items it did not make, which `clean` keeps.
    var kept: [String] = []
    /// Whether the folder carries the view's index, the mark of a Results view.
    var isView = false

    /// The hidden names the view, the archive writer and the report writer use for their index,
    /// staging and temporary files.
    static func isToolLeftover(_ name: String) -> Bool {
        name == ".view.json" || name.hasPrefix(".staging-") || name.hasPrefix(".write-probe-")
            || name.hasPrefix(".report-staging-") || name.hasPrefix(".report-old-") || name.hasPrefix(".view.json.")
            || name.hasPrefix(".dat.nosync") || name.hasPrefix(".criticality-") || name.hasPrefix(".") && name.contains(".zip.") && name.hasSuffix(".partial")
    }

    /// Sorts the items of `folder` into ours and kept; `pipelines` are the names the view uses.
    init(folder: URL, pipelines: Set<String>) {
        let manager = FileManager.default
        for item in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            let url = folder.appendingPathComponent(item)
            if item == ".view.json" { isView = true }
            if item == "README.md" { continue }  // the checkout's own, tracked by git
            if Self.isToolLeftover(item) || pipelines.contains(item) && Self.isFolder(url) {
                ours.append(item)
            } else if item == "report", (try? ReplaceableTarget.checkReport(url)) != nil {
                ours.append(item)
            } else if item == "archive", Self.isFolder(url) {
                for file in ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                    let path = url.appendingPathComponent(file)
                    if Self.isToolLeftover(file) || file.hasSuffix(".zip") && (try? ReplaceableTarget.checkArchive(path)) != nil {
                        archives.append("archive/" + file)
                    } else {
                        kept.append("archive/" + file)
                    }
                }
            } else {
                kept.append(item)
            }
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
