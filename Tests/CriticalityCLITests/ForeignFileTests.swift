import Foundation
import Testing

/// Nothing the tool did not create is deleted or replaced: `archive --output`, `report --output`,
/// `clean --results` and `clean --delete-store` refuse a target that is not theirs, with a message
/// naming the fix, and leave it untouched.
@Suite("foreign files are never replaced or deleted", .serialized)
struct ForeignFileTests {
    static let quick = ["--profile", "quick"]

    @Test("archive --output refuses a device, a FIFO, a folder and a zip it did not write; it replaces its own")
    func archiveTargets() throws {
        let cli = try ReportArchiveTests.computed(); defer { cli.cleanup() }
        let fifo = cli.folder.appendingPathComponent("pipe.zip")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let folder = cli.folder.appendingPathComponent("afolder.zip")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let foreign = cli.folder.appendingPathComponent("notes.zip")
        try Data("my notes, not a zip".utf8).write(to: foreign)
        var targets = [fifo, folder, foreign]
        // As root, rename(2) would replace the device node itself.
        if getuid() == 0 { targets.append(URL(fileURLWithPath: "/dev/null")) }
        for target in targets {
            let before = try FileManager.default.attributesOfItem(atPath: target.path)
            let made = try cli.run(["archive", "002-layer-maps", "--output", target.path] + Self.quick)
            #expect(made.status != 0, "archive replaced \(target.path)")
            #expect(made.stderr.contains(target.path) && made.stderr.contains("--output"), "\(made.stderr)")
            let after = try FileManager.default.attributesOfItem(atPath: target.path)
            #expect(before[.type] as? FileAttributeType == after[.type] as? FileAttributeType, "\(target.path) changed type")
            #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int, "\(target.path) was replaced")
        }
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "my notes, not a zip")
        let ours = cli.folder.appendingPathComponent("ours.zip")
        #expect(try cli.run(["archive", "002-layer-maps", "--output", ours.path] + Self.quick).status == 0)
        let again = try cli.run(["archive", "002-layer-maps", "--output", ours.path] + Self.quick)
        #expect(again.status == 0, "an archive criticality wrote could not be replaced: \(again.stderr)")
    }

    @Test("report --output refuses a folder it did not write (the working folder, a user's folder) and replaces its own")
    func reportTargets() throws {
        let cli = try ReportArchiveTests.computed(); defer { cli.cleanup() }
        let mine = cli.folder.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: mine.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("chapter 1".utf8).write(to: mine.appendingPathComponent("chapter1.tex"))
        for target in [mine.path, "."] {
            let made = try cli.run(["report", "002-layer-maps", "--output", target] + Self.quick)
            #expect(made.status != 0, "report replaced \(target)")
            #expect(made.stderr.contains("not a report") && made.stderr.contains("--output"), "\(made.stderr)")
        }
        #expect(try String(contentsOf: mine.appendingPathComponent("chapter1.tex"), encoding: .utf8) == "chapter 1")
        #expect(FileManager.default.fileExists(atPath: mine.appendingPathComponent(".git").path))
        #expect(FileManager.default.fileExists(atPath: cli.store.path), "the working folder was touched")
        let report = cli.folder.appendingPathComponent("report")
        #expect(try cli.run(["report", "002-layer-maps", "--output", report.path] + Self.quick).status == 0)
        let again = try cli.run(["report", "002-layer-maps", "--output", report.path] + Self.quick)
        #expect(again.status == 0, "a report criticality wrote could not be replaced: \(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("index.html").path))
    }

    @Test("clean --results removes only what the view made; a folder that is not a view is refused untouched")
    func cleanResults() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        #expect(try cli.run(["run", "selftest", "--quiet"] + Self.quick).status == 0)
        try Data("keep me".utf8).write(to: cli.results.appendingPathComponent("notes.txt"))
        try Data("readme".utf8).write(to: cli.results.appendingPathComponent("README.md"))
        let cleaned = try cli.run(["clean"] + Self.quick)
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: cli.results.path))
        #expect(left == ["notes.txt", "README.md"], "\(left)")
        #expect(cleaned.stdout.contains("notes.txt"), "the kept file is not named: \(cleaned.stdout)")

        let home = cli.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: home.appendingPathComponent("todo.txt"))
        let refused = try cli.run(["clean", "--results", home.path] + Self.quick)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not a Results view") && refused.stderr.contains("--results"), "\(refused.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: home.path)) == ["photos", "todo.txt"])
    }

    @Test("a file where a folder should be is named in a sentence, not a Foundation error code")
    func fileWhereAFolderShouldBe() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        try Data("x".utf8).write(to: cli.folder.appendingPathComponent("notes.txt"))
        for arguments in [["run", "selftest", "--store", "notes.txt/store"], ["run", "selftest", "--results", "notes.txt/Results"],
                          ["report", "--output", "notes.txt/report"]] {
            let made = try cli.run(arguments + Self.quick)
            #expect(made.status != 0)
            #expect(made.stderr.contains("notes.txt") && !made.stderr.contains("NSCocoaErrorDomain"), "\(made.stderr)")
        }
    }

    @Test("clean --delete-store deletes a store, and refuses a folder that is not one")
    func deleteStore() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        #expect(try cli.run(["run", "selftest", "--quiet"] + Self.quick).status == 0)
        let notAStore = cli.folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: notAStore, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: notAStore.appendingPathComponent("measurements.csv"))
        let refused = try cli.run(["clean", "--delete-store", "--store", notAStore.path] + Self.quick)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not a criticality store"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: notAStore.appendingPathComponent("measurements.csv").path))

        let deleted = try cli.run(["clean", "--delete-store"] + Self.quick)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.store.path))
        let rerun = try cli.run(["run", "selftest"] + Self.quick)
        #expect(rerun.stdout.contains("5 ran"), "\(rerun.stdout)")
    }
}
