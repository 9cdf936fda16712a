import Foundation

/// SHA-256 of files through coreutils' `sha256sum` (`shasum -a 256` on macOS): this tool runs at
/// build time on the host, where linking swift-crypto would compile BoringSSL a second time.
enum FileDigests {
    /// Hex digest of each path (relative to `root`), in one process for all of them.
    static func sha256(of paths: [String], in root: URL) throws -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["shasum", "-a", "256", "--"] + paths
        #else
        process.arguments = ["sha256sum", "--"] + paths
        #endif
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("SourceDigestTool: sha256sum exited with \(process.terminationStatus)") }
        var result: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            // "<64 hex digits>  <path>" (a leading backslash marks an escaped name, which no source file has).
            let digest = line.prefix(64)
            let path = line.dropFirst(66)
            result[String(path)] = String(digest)
        }
        guard result.count == Set(paths).count else { fatalError("SourceDigestTool: sha256sum gave \(result.count) digests for \(paths.count) files") }
        return result
    }
}
