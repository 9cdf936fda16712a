import Foundation

/// One file an archive holds (or deliberately leaves out), by its path inside the zip.
struct ArchiveFile {
    /// Path inside the archive (`results/002-layer-maps/figure/layer-maps.png`).
    var path: String
    /// Where its bytes are read from when the archive is written.
    var source: URL
    var sha256: String
    var bytes: Int
    /// Why it is not in the archive, when it is left out.
    var leftOut: String?

    /// The IANA media type the crate records for it.
    var encodingFormat: String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "pdf": return "application/pdf"
        case "h5": return "application/x-hdf5"
        case "gp": return "text/x-gnuplot"
        case "json": return "application/json"
        case "html": return "text/html"
        case "swift": return "text/x-swift"
        case "txt": return "text/plain"
        case "md": return "text/markdown"
        case "csv": return "text/csv"
        case "svg": return "image/svg+xml"
        case "css": return "text/css"
        case "js": return "text/javascript"
        case "cff", "yaml", "yml": return "application/yaml"
        default: return "application/octet-stream"
        }
    }

    /// The crate's identifier: the path for a file that is in the archive, a local id otherwise
    /// (a crate must not name a file it does not hold).
    var crateID: String { leftOut == nil ? path : "#left-out/" + path }
}
