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

        let overlay = try cli.run(["run", "002-fig2-trainability", "--set", "002-fig2-trainability/figure.multiples=[4,6]"] + Self.quick)
        #expect(overlay.stdout.contains(": 1 ran,"), "\(overlay.stdout)")

        // 9 cells of the long-training heatmap, the heatmap and the figure; the other heatmap stays cached.
        let rate = try cli.run(["run", "002-fig2-trainability", "--set", "002-fig2-trainability/tanh-long-cells.configuration.learningRate=0.01"] + Self.quick)
        #expect(rate.stdout.contains(": 11 ran,"), "\(rate.stdout)")

        // The command with the quick protocol: its cells and even its gather (same type, parameters
        // and inputs) are the figure's right-hand heatmap, so nothing new is stored.
        let before = cli.entries().count
        let command = try cli.run(["trainability", "--activation", "tanh", "--sb2", "0.05", "--sw2", "1,1.76,3", "--depth", "2,4,8",
                                   "--width", "16", "--batch", "32", "--steps", "40", "--optimizer", "sgd", "--lr", "1e-3", "--seed", "0", "--json"])
        try #require(command.status == 0, "\(command.stderr)")
        #expect(cli.entries().count == before, "the command recomputed what the figure had computed")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(command.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["activation", "sb2", "sw2", "depth", "test_accuracy", "xi_c", "boundary", "n", "n_low", "n_high", "columns_used"]))
        #expect((object["test_accuracy"] as? [[Any]])?.count == 3)
        if object["n"] is NSNull { #expect(object["note"] is String, "a missing n comes with a note") }
        // ξ_c is printed in the shortest exact form: it reads back as the stored Double, bit for bit.
        let gathers = cli.entries().compactMap { try? LabelledData.read(from: $0.appendingPathComponent("outputs")) }
        let heatmap = try #require(gathers.first { data in
            data.variables.contains { $0.name == "xi_c" } && (try? data.axis("sigma_w2").values) == [1, 1.76, 3]
        })
        let stored = try heatmap.variable("xi_c").values
        // JSONDecoder parses exactly (Foundation's JSONSerialization on Linux can be off by an ulp).
        struct Printed: Decodable { let xi_c: [Double?] }
        let printed = try JSONDecoder().decode(Printed.self, from: Data(command.stdout.utf8)).xi_c.map { $0 ?? .nan }
        #expect(zip(stored, printed).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "stored \(stored), printed \(printed)")

        // Widening the depth axis by a row trains only that row.
        let wider = try cli.run(["trainability", "--activation", "tanh", "--sb2", "0.05", "--sw2", "1,1.76,3", "--depth", "2,4,8,12",
                                 "--width", "16", "--batch", "32", "--steps", "40", "--optimizer", "sgd", "--lr", "1e-3", "--seed", "0", "--json"])
        #expect(wider.status == 0)
        #expect(cli.entries().count == before + 3 + 1, "expected 3 new cells and a new gather")
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
