import Foundation
import Reporting
import Testing

/// `report`, `archive` and `verify` as a user runs them, with real readers: the HTML page's links
/// resolve, the zip is byte-deterministic, tampering is named file by file, a rerun reproduces the
/// digests, and ro-crate-py, rocrate-validator, h5py and a headless Chromium accept what we wrote.
@Suite("report, archive and verify", .serialized)
struct ReportArchiveTests {
    static let quick = ["--profile", "quick"]

    /// One run of two fast theory pipelines, shared by the tests below through a fresh folder each.
    static func computed() throws -> CLIProcess {
        let cli = try CLIProcess()
        let run = try cli.run(["run", "002-layer-maps", "002-fig5-sigmoid", "--quiet"] + quick)
        try #require(run.status == 0, "\(run.stderr)")
        return cli
    }

    @Test("the report shows every figure with caption, links that resolve, key numbers and provenance; stale and missing figures are marked")
    func report() throws {
        let cli = try Self.computed(); defer { cli.cleanup() }
        let made = try cli.run(["report"] + Self.quick)
        #expect(made.status == 0, "\(made.stderr)")
        // Two pipelines ran; every other pipeline's figure is listed as not computed, never left out.
        let figureCount = Int(made.stdout.components(separatedBy: " figures (").first?.split(separator: " ").last ?? "") ?? 0
        #expect(figureCount > 2 && made.stdout.contains("(2 current, 0 stale, \(figureCount - 2) not computed)"), "\(made.stdout)")
        let folder = cli.results.appendingPathComponent("report")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let caption = try String(contentsOf: cli.results.appendingPathComponent("002-layer-maps/figure/layer-maps.caption.txt"), encoding: .utf8)
        #expect(html.contains(caption.prefix(60).replacingOccurrences(of: "&", with: "&amp;")))
        #expect(html.contains("Paper 002:"))
        #expect(html.contains("theorem1_sigma_w2"), "Theorem 1's σ_w² is missing from the key numbers")
        #expect(html.contains("<span class=\"state missing\">not computed</span>"))  // the pipelines not run
        // Every relative link and image resolves inside the report folder.
        let links = Self.attributes(in: html, named: ["src", "href"])
        #expect(links.count > 10)
        for link in links {
            let path = link.removingPercentEncoding ?? link
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "broken link \(link)")
        }
        // A parameter edit without a rerun: the figure is reported stale, with the reason.
        let stale = try cli.run(["report", "002-layer-maps", "--set", "002-layer-maps/trajectories.layers=25"] + Self.quick)
        #expect(stale.stdout.contains("2 figures") == false && stale.stdout.contains("1 figures (0 current, 1 stale"), "\(stale.stdout)")
        let staleHTML = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(staleHTML.contains("parameter layers changed from 20 to 25"))
    }

    @Test("a headless Chromium renders every image of the report with no console error; a screenshot is kept")
    func reportInBrowser() throws {
        let cli = try Self.computed(); defer { cli.cleanup() }
        #expect(try cli.run(["report"] + Self.quick).status == 0)
        let browser = try #require(["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Self.which).first,
                                   "no Chromium on PATH: `make deps` installs Debian's chromium")
        let page = cli.results.appendingPathComponent("report/index.html")
        let kept = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-output")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=10000",
                      "--user-data-dir=\(cli.folder.appendingPathComponent("chromium").path)", "--enable-logging=stderr", "--v=0"]
        let dom = try Self.execute(browser, common + ["--dump-dom", page.absoluteString])
        #expect(dom.output.contains("data-broken-images=\"0\""), "some image did not render:\n\(dom.output.suffix(400))")
        #expect(dom.output.contains("data-images=\"2\""), "expected the two figures' images")
        let consoleErrors = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("ERROR") || $0.contains("Uncaught")) }
        #expect(consoleErrors.isEmpty, "console errors: \(consoleErrors)")
        let shot = kept.appendingPathComponent("report.png")
        _ = try Self.execute(browser, common + ["--screenshot=\(shot.path)", "--window-size=1200,2400", page.absoluteString])
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "screenshot missing or empty")
    }

    @Test("archive: same bytes twice; verify names flipped, missing and extra files; corrupt and foreign zips are clear errors; rerun reproduces digests")
    func archiveAndVerify() throws {
        let cli = try Self.computed(); defer { cli.cleanup() }
        let first = try cli.run(["archive", "002-layer-maps", "002-fig5-sigmoid"] + Self.quick)
        #expect(first.status == 0, "\(first.stderr)")
        let zip = cli.results.appendingPathComponent("archive/criticality-quick.zip")
        let again = cli.folder.appendingPathComponent("again.zip")
        #expect(try cli.run(["archive", "002-layer-maps", "002-fig5-sigmoid", "--output", again.path] + Self.quick).status == 0)
        #expect(try Data(contentsOf: zip) == Data(contentsOf: again), "archiving the same results twice gave different bytes")

        let intact = try cli.run(["verify", zip.path])
        #expect(intact.status == 0 && intact.stdout.contains("0 mismatched, 0 missing, 0 extra"), "\(intact.stdout)\(intact.stderr)")

        // Tamper with a copy: flip one byte of an HDF5 file, drop a PNG, add a stranger.
        let tampered = cli.folder.appendingPathComponent("tampered.zip")
        try Self.python("""
        import sys, zipfile
        src, dst = sys.argv[1], sys.argv[2]
        with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
            for info in a.infolist():
                data = a.read(info)
                if info.filename == "results/002-layer-maps/trajectories/data.h5":
                    data = data[:600] + bytes([data[600] ^ 0xFF]) + data[601:]
                if info.filename == "results/002-layer-maps/figure/layer-maps.png":
                    continue
                b.writestr(info, data)
            b.writestr("results/notes.txt", "added later")
        """, [zip.path, tampered.path])
        let broken = try cli.run(["verify", tampered.path])
        #expect(broken.status != 0)
        #expect(broken.stdout.contains("MISMATCH  results/002-layer-maps/trajectories/data.h5"), "\(broken.stdout)")
        #expect(broken.stdout.contains("MISSING   results/002-layer-maps/figure/layer-maps.png"))
        #expect(broken.stdout.contains("EXTRA     results/notes.txt"))

        let garbage = cli.folder.appendingPathComponent("garbage.zip")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: garbage)
        let corrupt = try cli.run(["verify", garbage.path])
        #expect(corrupt.status != 0 && corrupt.stderr.contains("is not a readable zip archive"), "\(corrupt.stderr)")
        let foreign = cli.folder.appendingPathComponent("foreign.zip")
        try Self.python("import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('hello.txt', 'hi')", [foreign.path])
        let notOurs = try cli.run(["verify", foreign.path])
        #expect(notOurs.status != 0 && notOurs.stderr.contains("is not a Criticality archive"), "\(notOurs.stderr)")
        #expect(!notOurs.stderr.contains("Fatal error"))

        // By default the stages that took at most 10 s are rerun: which ones depends on how fast
        // they ran (a debug build on a loaded machine qualifies fewer), so only "some, all identical".
        let rerun = try cli.run(["verify", zip.path, "--rerun"])
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        let tally = rerun.stdout.split(separator: "\n").first { $0.hasPrefix("rerun: ") }?.split(separator: " ") ?? []
        #expect(tally.count >= 4 && tally[1] == tally[3] && (Int(tally[3]) ?? 0) >= 1, "\(rerun.stdout)")
        #expect(!rerun.stdout.contains("DIFFERENT"))
        // Named stages are rerun whatever they cost: every archived stage reproduces its digests.
        let every = ["002-layer-maps/trajectories", "002-layer-maps/figure", "002-fig5-sigmoid/theorem", "002-fig5-sigmoid/figure"]
        let named = try cli.run(["verify", zip.path, "--rerun"] + every.flatMap { ["--stage", $0] })
        #expect(named.status == 0 && named.stdout.contains("rerun: 4 of 4 stages identical."), "\(named.stdout)\(named.stderr)")
        let unknown = try cli.run(["verify", zip.path, "--rerun", "--stage", "nosuch/stage"])
        #expect(unknown.status != 0 && unknown.stderr.contains("stage 'nosuch/stage' is not in the archive"))

        // Leaving data out: the crate lists the HDF5 files as left out, and verify still passes.
        let lean = cli.folder.appendingPathComponent("lean.zip")
        #expect(try cli.run(["archive", "002-layer-maps", "--without-data", "--output", lean.path] + Self.quick).status == 0)
        let leanCheck = try cli.run(["verify", lean.path])
        #expect(leanCheck.status == 0 && leanCheck.stdout.contains("1 left out when archived"), "\(leanCheck.stdout)")
    }

    @Test("rocrate-validator (workflow-run-crate 0.5, offline, RECOMMENDED level), ro-crate-py and h5py accept the extracted archive")
    func thirdPartyReaders() throws {
        let cli = try Self.computed(); defer { cli.cleanup() }

        // The project's CITATION.cff gives no repository address: the crate keeps local ids, the
        // command says which RECOMMENDED checks that fails, and only those fail.
        let plain = try cli.run(["archive", "002-layer-maps", "002-fig5-sigmoid"] + Self.quick)
        #expect(plain.status == 0, "\(plain.stderr)")
        let documented = ArchiveWriter.checksFailedWithoutRepository
        #expect(plain.stdout.contains("has no repository-code") && documented.allSatisfy { plain.stdout.contains("'\($0)'") }, "\(plain.stdout)")
        let local = try Self.checkCrate(cli.results.appendingPathComponent("archive/criticality-quick.zip"), in: cli, named: "local")
        #expect(local.ok, "\(local.output)")
        #expect(local.issues.contains { $0.severity == "REQUIRED" } == false)
        let localNames = Set(local.issues.map(\.name))
        #expect(!localNames.isEmpty && localNames.isSubset(of: Set(documented)), "RECOMMENDED issues beyond the documented ones: \(localNames)")
        #expect(local.output.contains("\"create_actions\": 5"))

        // With a repository-code, every software entity but the main workflow gets an absolute id
        // and a url. The main workflow must be a file in the crate (workflow-ro-crate, REQUIRED),
        // so its id is relative, which process-run-crate's "SoftwareApplication id" flags once
        // as SoftwareSourceCode and once as ComputationalWorkflow: a conflict between the two
        // profiles, open as crs4/rocrate-validator#51. Nothing else may fail.
        let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let citation = cli.folder.appendingPathComponent("CITATION.cff")
        let text = try String(contentsOf: project.appendingPathComponent("CITATION.cff"), encoding: .utf8)
        try (text + "repository-code: \"https://example.org/criticality/criticality\"\n").write(to: citation, atomically: true, encoding: .utf8)
        let repo = cli.folder.appendingPathComponent("repo.zip")
        let withRepository = try cli.run(["archive", "002-layer-maps", "002-fig5-sigmoid", "--citation", citation.path, "--output", repo.path] + Self.quick)
        #expect(withRepository.status == 0 && !withRepository.stdout.contains("repository-code"), "\(withRepository.stdout)\(withRepository.stderr)")
        let absolute = try Self.checkCrate(repo, in: cli, named: "absolute")
        #expect(absolute.ok, "\(absolute.output)")
        let unexpected = absolute.issues.filter { !($0.name == "SoftwareApplication id" && $0.value.hasSuffix("/workflow/Pipelines/Registry.swift")) }
        #expect(unexpected.isEmpty, "RECOMMENDED or REQUIRED issues with a repository-code: \(unexpected)")
        #expect(absolute.issues.count <= 2)
        #expect(try cli.run(["verify", repo.path]).stdout.contains("0 mismatched, 0 missing, 0 extra"))
    }

    /// One issue rocrate-validator reported.
    struct CrateIssue: CustomStringConvertible {
        let severity: String, name: String, value: String
        var description: String { "\(severity) \(name): \(value)" }
    }

    /// Extracts `zip` and runs Tests/Interop/check_crate.py on it at the RECOMMENDED level.
    static func checkCrate(_ zip: URL, in cli: CLIProcess, named name: String) throws -> (ok: Bool, issues: [CrateIssue], output: String) {
        let crate = cli.folder.appendingPathComponent("crate-\(name)")
        try Self.python("import sys, zipfile\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", [zip.path, crate.path])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/check_crate.py")
        let result = try Self.python(fileAt: script, [crate.path, cli.folder.appendingPathComponent("http-cache").path, "recommended"])
        let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
        let issues = (document["validator_issues"] as? [[String: Any]] ?? []).map {
            CrateIssue(severity: $0["severity"] as? String ?? "?", name: $0["name"] as? String ?? ($0["message"] as? String ?? "?"),
                       value: $0["value"] as? String ?? "")
        }
        return (result.status == 0 && document["ok"] as? Bool == true, issues, result.output + result.errors.suffix(2000))
    }

    // MARK: - helpers

    static func attributes(in html: String, named names: [String]) -> [String] {
        var found: [String] = []
        for name in names {
            var rest = Substring(html)
            while let range = rest.range(of: " \(name)=\"") {
                rest = rest[range.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                found.append(String(rest[..<end]))
            }
        }
        return found
    }

    static func which(_ program: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct Execution { let status: Int32; let output: String; let errors: String }

    @discardableResult
    static func execute(_ executable: String, _ arguments: [String]) throws -> Execution {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on another thread so a chatty process cannot fill the pipe and stall.
        nonisolated(unsafe) var errors = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errors = err.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Execution(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    /// The interpreter with the test readers (`make test` sets CRITICALITY_PYTHON to the venv's).
    static var interpreter: String { ProcessInfo.processInfo.environment["CRITICALITY_PYTHON"] ?? "/usr/bin/python3" }

    @discardableResult
    static func python(_ code: String, _ arguments: [String]) throws -> Execution {
        let result = try execute(interpreter, ["-c", code] + arguments)
        try #require(result.status == 0, "python failed: \(result.errors)")
        return result
    }

    static func python(fileAt script: URL, _ arguments: [String]) throws -> Execution {
        try execute(interpreter, [script.path] + arguments)
    }
}
