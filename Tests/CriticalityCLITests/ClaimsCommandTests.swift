import Claims
import Foundation
import Pipeline
import Pipelines
import Testing

/// The scorecard against real stage outputs: every claim resolves to a declared stage in every
/// profile and to a dataset its quick-profile output holds; `claims --json` has exactly the
/// issue's keys; the report opens with the scorecard and its key numbers hold no nan rows.
@Suite(.serialized) struct ClaimsCommandTests {
    static let quick = ["--profile", "quick"]

    /// Claims the data can speak to (not those that say why they cannot, whatever the store holds).
    static func testable(_ profile: Profile) -> [Claim] { claimCatalogue(profile: profile).filter { $0.untestable == nil } }

    @Test("every testable claim names a stage its profile's graph declares; ids are unique")
    func everyClaimNamesADeclaredStage() throws {
        for profile in Profile.allCases {
            let names = Set(try StageGraph(allPipelines(), profile: profile).stageNames)
            for claim in Self.testable(profile) {
                for stage in claim.evidence.stages {
                    #expect(names.contains(stage), "\(claim.id): \(stage) is not a stage of the \(profile) profile")
                }
            }
            let ids = claimCatalogue(profile: profile).map(\.id)
            #expect(Set(ids).count == ids.count)
        }
        #expect(claimCatalogue(profile: .default).count >= 25)
    }

    /// A scratch workspace with the quick profile's stages the claims read, computed once.
    static let computed: Result<CLIProcess, Error> = Result {
        let cli = try CLIProcess()
        let stages = Set(testable(.quick).flatMap(\.evidence.stages)).sorted()
        let run = try cli.run(["run"] + stages + ["--quiet"] + quick)
        guard run.status == 0 else { throw CLIFailure(message: "run failed: \(run.stderr)") }
        return cli
    }

    struct CLIFailure: Error { var message: String }

    @Test("claims --json: a list of objects with exactly the issue's keys; every testable claim's dataset and coordinates resolve in the quick outputs")
    func jsonResolvesEveryClaim() throws {
        let cli = try Self.computed.get()
        let output = try cli.run(["claims", "--json"] + Self.quick)
        #expect(output.status == 0, "\(output.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == claimCatalogue(profile: .quick).count)
        let verdicts = Set(Verdict.allCases.map(\.rawValue))
        for object in objects {
            #expect(Set(object.keys) == Set(ClaimResult.jsonKeys), "\(object["id"] ?? "?") has keys \(object.keys.sorted())")
            #expect(verdicts.contains(object["verdict"] as? String ?? ""))
            for key in ["paper_value", "ours", "uncertainty"] {
                #expect(object[key] is NSNull || object[key] is NSNumber, "\(key) must be a number or null")
            }
        }
        let byId = Dictionary(uniqueKeysWithValues: objects.map { ($0["id"] as? String ?? "", $0) })
        for claim in Self.testable(.quick) {
            let object = try #require(byId[claim.id])
            let verdict = object["verdict"] as? String, reason = object["reason"] as? String ?? ""
            // Testable claims on computed stages get a verdict, or say the stage recorded NaN (a fit
            // that did not happen); never "no dataset", "no axis" or "not on the grid".
            #expect(verdict != "not testable" || reason.contains("recorded no value"), "\(claim.id): \(reason)")
        }
        // The project's own finding holds on any profile: Theorem 1's solution is 103.0076, not 103.05.
        #expect(byId["002-theorem1"]?["verdict"] as? String == "corrected")
    }

    @Test("a stale stage makes its claims not testable, with the reason and the command")
    func staleStageIsNotTestable() throws {
        let cli = try Self.computed.get()
        let output = try cli.run(["claims", "--json", "--set", "002-fig5-sigmoid/theorem.sw2.count=21"] + Self.quick)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        let theorem = try #require(objects.first { $0["id"] as? String == "002-theorem1" })
        #expect(theorem["verdict"] as? String == "not testable")
        #expect((theorem["reason"] as? String ?? "").contains("stale"))
        #expect(theorem["ours"] is NSNull)
    }

    @Test("the report opens with the scorecard, writes claims.json beside it, and its key numbers have no nan rows or units of 1")
    func reportOpensWithScorecard() throws {
        let cli = try Self.computed.get()
        let folder = cli.folder.appendingPathComponent("scorecard-report")
        let made = try cli.run(["report", "--output", folder.path] + Self.quick)
        #expect(made.status == 0, "\(made.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let scorecard = try #require(html.range(of: "Reproduction scorecard"))
        let keyNumbers = try #require(html.range(of: "<h2>Key numbers</h2>"))
        #expect(scorecard.lowerBound < keyNumbers.lowerBound)
        let json = try Data(contentsOf: folder.appendingPathComponent(Scorecard.fileName))
        #expect(json == Data(try cli.run(["claims", "--json"] + Self.quick).stdout.utf8))
        let table = String(html[keyNumbers.lowerBound...].prefix { _ in true }).components(separatedBy: "<h2>Paper").first ?? ""
        #expect(!table.contains(">nan<"))
        #expect(!table.contains("<td>1</td>"))
        // The quick grids are too small for a fit: one row says why for each heatmap.
        #expect(table.contains("no value: only"))
    }
}
