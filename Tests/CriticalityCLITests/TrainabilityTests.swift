import Foundation
import Stages
import Testing
import Artifacts

/// The trainability figures and `criticality trainability` at the quick profile: what reruns
/// after an edit, and that the command reuses the figures' cells.
@Suite("trainability: caching and the command", .serialized)
struct TrainabilityTests {
    static let quick = ["--profile", "quick", "--quiet"]

    @Test("an overlay edit reruns only the plot; a learning-rate edit reruns that heatmap's cells; the CLI reuses the figure's cells")
    func caching() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let first = try cli.run(["run", "002-fig2-trainability"] + Self.quick)
        try #require(first.status == 0, "\(first.stderr)")
        let data = try Data(contentsOf: cli.results.appendingPathComponent("002-fig2-trainability/figure/fig2-trainability.png"))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // Every cell drawn whole: the plot area reaches the outer cells' far edges (σ_w² = 1, 1.76, 3:
        // 0.62 … 3.62; depths 2, 4, 8: 1 … 10). An axis range at the first and last values drew
        // the edge columns and rows at half size.
        let script = try String(contentsOf: cli.results.appendingPathComponent("002-fig2-trainability/figure/fig2-trainability.gp"), encoding: .utf8)
        #expect(script.contains("set xrange [0.62:3.62]") && script.contains("set yrange [1.0:10.0]"))
        #expect(!script.contains("set xrange [1.0:3.0]"))
        // Both panels come from the same runs: the right one reads them at their first epoch.
        let short = try TrainabilityHeatmapData.read(from: cli.results.appendingPathComponent("002-fig2-trainability/tanh-short"))
        let long = try TrainabilityHeatmapData.read(from: cli.results.appendingPathComponent("002-fig2-trainability/tanh-long"))
        #expect(short.atStep == 40 && long.atStep == nil)
        #expect(short.testAccuracy != long.testAccuracy)
        // The grid is the cells' own: their σ_w², depths and seed, read from their configurations.
        #expect(long.sw2 == [1, 1.76, 3] && long.rowValues == [2, 4, 8] && long.seeds == [0] && long.sb2 == 0.05 && long.activation == "tanh")

        try checkTable(cli)

        let overlay = try cli.run(["run", "002-fig2-trainability", "--set", "002-fig2-trainability/figure.multiples=[4,6]"] + Self.quick)
        #expect(overlay.stdout.contains(": 1 ran,"), "\(overlay.stdout)")

        // The 9 cells, both heatmaps read from them, the table and the figure.
        let rate = try cli.run(["run", "002-fig2-trainability", "--set", "002-fig2-trainability/tanh-long-cells.configuration.learningRate=0.01"] + Self.quick)
        #expect(rate.stdout.contains(": 13 ran,"), "\(rate.stdout)")

        // The command with the quick protocol: its cells and even its gather (same type, parameters
        // and inputs) are Fig. 1's arctan heatmap, so nothing new is stored.
        let arctan = try cli.run(["run", "002-fig1-trainability/arctan"] + Self.quick)
        try #require(arctan.status == 0, "\(arctan.stderr)")
        let before = cli.entries().count
        let command = try cli.run(["trainability", "--activation", "arctan", "--sb2", "0.05", "--sw2", "1,1.8,3", "--depth", "2,4,8",
                                   "--width", "16", "--batch", "32", "--steps", "40", "--optimizer", "sgd", "--lr", "1e-3", "--seed", "0", "--json"])
        try #require(command.status == 0, "\(command.stderr)")
        #expect(cli.entries().count == before, "the command recomputed what the figure had computed")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(command.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["activation", "sb2", "sw2", "depth", "test_accuracy", "xi_c", "boundary", "n", "n_low", "n_high", "columns_used", "n_interval"]))
        #expect((object["test_accuracy"] as? [[Any]])?.count == 3)
        if object["n"] is NSNull { #expect(object["note"] is String, "a missing n comes with a note") }
        // ξ_c is printed in the shortest exact form: it reads back as the stored Double, bit for bit.
        let gathers = cli.entries().compactMap { try? TrainabilityHeatmapData.read(from: $0.appendingPathComponent("outputs")) }
        let heatmap = try #require(gathers.first { $0.sw2 == [1, 1.8, 3] })
        let stored = heatmap.xiC
        // JSONDecoder parses exactly (Foundation's JSONSerialization on Linux can be off by an ulp).
        struct Printed: Decodable { let xi_c: [Double?] }
        let printed = try JSONDecoder().decode(Printed.self, from: Data(command.stdout.utf8)).xi_c.map { $0 ?? .nan }
        #expect(zip(stored, printed).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "stored \(stored), printed \(printed)")

        // Widening the depth axis by a row trains only that row.
        let wider = try cli.run(["trainability", "--activation", "arctan", "--sb2", "0.05", "--sw2", "1,1.8,3", "--depth", "2,4,8,12",
                                 "--width", "16", "--batch", "32", "--steps", "40", "--optimizer", "sgd", "--lr", "1e-3", "--seed", "0", "--json"])
        #expect(wider.status == 0)
        #expect(cli.entries().count == before + 3 + 1, "expected 3 new cells and a new gather")

        // A --set that moves one cell onto another's place in the grid is refused before any
        // work, naming both cells (the cell labels follow the parameters, so the two would be
        // one cell), where the gather once placed cells by the order they were declared in.
        // The gather's own refusal is TrainabilityHeatmapGridTests'.
        let merged = try cli.run(["run", "002-fig2-trainability", "--set", "002-fig2-trainability/tanh-long-cells[L=2,sw2=1,seed=0].configuration.sw2=1.76"]
                                 + Self.quick)
        #expect(merged.status != 0 && merged.stderr.contains("tanh-long-cells[L=2,sw2=1,seed=0]")
                && merged.stderr.contains("tanh-long-cells[L=2,sw2=1.76,seed=0]") && merged.stderr.contains("set the parameter on one cell"), "\(merged.stderr)")
    }

    /// The table docs/TRAINABILITY.md quotes is the heatmaps' own numbers, and
    /// scripts/trainability-tables splices it into a Markdown file verbatim.
    func checkTable(_ cli: CLIProcess) throws {
        let tableFile = cli.results.appendingPathComponent("002-fig2-trainability/table/value.txt")
        let table = try String(contentsOf: tableFile, encoding: .utf8)
        let long = try TrainabilityHeatmapData.read(from: cli.results.appendingPathComponent("002-fig2-trainability/tanh-long"))
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("| tanh, longer training |") })
        let fit = try #require(long.fit)
        if fit.n.isFinite {
            let interval = "[\(String(format: "%.2f", fit.nLow)), \(String(format: "%.2f", fit.nHigh))] \(fit.intervalKind)"
            #expect(row.contains("| \(String(format: "%.2f", fit.n)) | \(interval)"), "\(row)")
        }
        let best = long.testAccuracy.filter(\.isFinite).max()!
        #expect(row.contains("| \(String(format: "%.3f", best)) ("), "\(row)")
        #expect(row.contains("| 3 × 3 × 1 | 80 |"), "\(row)")

        let doc = cli.folder.appendingPathComponent("doc.md")
        try "intro\n<!-- table: 002-fig2-trainability -->\nstale numbers\n<!-- end table -->\noutro\n".write(to: doc, atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/trainability-tables")
        let process = try Process.run(script, arguments: [cli.results.path, doc.path])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let spliced = try String(contentsOf: doc, encoding: .utf8)
        #expect(spliced == "intro\n<!-- table: 002-fig2-trainability -->\n" + table + "<!-- end table -->\noutro\n")
    }

    @Test("the command's bad inputs are clear errors before any training")
    func badInputs() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        for (args, needle) in [(["--activation", "nope"], "unknown activation"), (["--sw2", ""], "--sw2 is empty"),
                               (["--width", "0"], "--width 0 must be at least 1"), (["--steps", "-3"], "--steps -3 must be at least 1"),
                               (["--depth", "1:5:0"], "START:STOP:COUNT")] {
            let result = try cli.run(["trainability"] + args)
            #expect(result.status != 0 && result.stderr.contains(needle), "\(args): \(result.stderr)")
        }
        #expect(cli.entries().isEmpty)
    }
}
