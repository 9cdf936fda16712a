import Foundation
import Testing
@testable import Plot

/// A small tmpfs, for a disk that fills up mid-render. Mounting needs root (and a kernel that
/// lets this container mount); where it cannot, the suite is disabled, not passed.
enum SmallDisk {
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? mount(kilobytes: 64) else { return false }
        unmount(folder)
        return true
    }()

    static func mount(kilobytes: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = try Process.run(URL(fileURLWithPath: "/bin/mount"), arguments: ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { try? FileManager.default.removeItem(at: folder); throw CocoaError(.fileWriteUnknown) }
        return folder
    }

    static func unmount(_ folder: URL) {
        if let process = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [folder.path]) { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite(.enabled(if: hasGnuplot && SmallDisk.canMount, "needs gnuplot and root that may mount a tmpfs"))
struct FullDiskTests {
    @Test func fullDiskIsNamedNotReportedAsAMissingOutput() throws {
        let disk = try SmallDisk.mount(kilobytes: 64)
        defer { SmallDisk.unmount(disk) }
        #expect {
            try GnuplotRenderer(executable: gnuplotPath).render(Fixtures.twoPanel(), named: "fig", in: disk)
        } throws: { error in
            guard case PlotError.diskFull = error else { return false }
            return "\(error)".contains("is full") && "\(error)".contains(disk.path)
        }
    }
}
