import Foundation
import Testing
@testable import Pipeline

@Suite("--set overrides")
struct OverrideTests {
    let pipeline = squares([1, 2])

    func graph(_ overrides: [String]) throws -> StageGraph {
        try StageGraph([pipeline], profile: .quick).applying(overrides.map(ParameterOverride.init))
    }

    @Test("an override reaches every cell of a grid and the status explains it")
    func gridOverride() throws {
        let box = try Sandbox(); defer { box.cleanup() }
        _ = try box.run([pipeline])
        let status = try box.status([pipeline], overrides: ["squares/cells.note=edited"])
        let cells = status.filter { $0.stage.hasPrefix("squares/cells[") }
        #expect(cells.count == 2)
        #expect(cells.allSatisfy { $0.reasons == ["parameter note changed from \"\" to \"edited\""] })
        let summary = try box.run([pipeline], overrides: ["cells.note=edited"])
        // Notes do not change the outputs, so the squares stay cached (early cutoff).
        #expect(Set(summary.ran) == ["squares/cells[x=1.0]", "squares/cells[x=2.0]"])
    }

    @Test("a single cell can be overridden by its full name")
    func cellOverride() throws {
        let g = try graph(["squares/cells[x=2.0].value=5"])
        let values = g.nodes.compactMap { ($0.stage as? Constant)?.parameters.value }
        #expect(values == [1, 5])
    }

    @Test("a cell's name follows the value --set gives it, and so does its Results folder")
    func cellRenamedByOverride() throws {
        let g = try graph(["squares/cells[x=2.0].value=5"])
        #expect(g.stageNames.contains("squares/cells[x=5.0]"))
        #expect(!g.stageNames.contains("squares/cells[x=2.0]"))
        let box = try Sandbox(); defer { box.cleanup() }
        let summary = try box.run([pipeline], overrides: ["squares/cells[x=2.0].value=5"])
        #expect(summary.ran.contains("squares/cells[x=5.0]"))
        #expect(!summary.ran.contains("squares/cells[x=2.0]"))
    }

    @Test("stages(of:) lists the stages of one type with their current names, in declaration order, after a --set")
    func stagesOfType() throws {
        let constants = try graph(["squares/cells[x=2.0].value=5"]).stages(of: Constant.self)
        #expect(constants.map(\.name) == ["squares/cells[x=1.0]", "squares/cells[x=5.0]"])
        #expect(constants.map(\.stage.parameters.value) == [1, 5])
        #expect(try graph([]).stages(of: Sum.self).map(\.name) == ["squares/total"])
    }

    @Test("replacing the parameters of a cell a --set renamed finds the cell it was declared as (verify --rerun of an archive)")
    func replaceRenamedCell() throws {
        let archived = try graph(["squares/cells[x=2.0].value=5"])
        let node = try #require(archived.nodes.first { $0.name == "squares/cells[x=5.0]" })
        let parameters = try JSONValue.parse(CanonicalJSON.encode((node.stage as! Constant).parameters))
        let base = try StageGraph([pipeline], profile: .quick)
        let replaced = try base.replacingParameters(of: "squares/cells[x=5.0]", with: parameters, avoiding: ["squares/cells[x=1.0]"])
        #expect(replaced.stageNames == archived.stageNames)
        #expect(replaced.nodes.compactMap { ($0.stage as? Constant)?.parameters.value } == [1, 5])
        #expect(throws: PipelineError.self) {
            try base.replacingParameters(of: "squares/cells[x=5.0]", with: parameters, avoiding: ["squares/cells[x=1.0]", "squares/cells[x=2.0]"])
        }
    }

    @Test("a --set that makes two cells of a grid one cell is refused, naming both and the fix")
    func collidingCellsRefused() throws {
        #expect {
            try graph(["squares/cells.value=3"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("squares/cells[x=1.0]") && text.contains("squares/cells[x=2.0]")
                && text.contains("squares/cells[x=3.0]") && text.contains("set the parameter on one cell")
        }
    }

    @Test("unknown stage, unknown parameter and wrong type are clear errors")
    func errors() throws {
        #expect {
            try graph(["nosuch.value=1"])
        } throws: { error in
            "\(error)".contains("unknown stage 'nosuch'") && "\(error)".contains("squares/cells")
        }
        #expect {
            try graph(["squares/square0.bogus=1"])
        } throws: { error in
            "\(error)".contains("has no parameter 'bogus'") && "\(error)".contains("offset")
        }
        #expect {
            try graph(["squares/square0.offset=abc"])
        } throws: { error in
            "\(error)".contains("squares/square0.offset=abc") && "\(error)".contains("Double")
        }
        #expect(throws: PipelineError.malformedOverride("squares/square0")) { try graph(["squares/square0"]) }
    }

    @Test("numbers in canonical JSON use the shortest round-trip form")
    func canonicalNumbers() throws {
        struct P: Codable { var a: Double; var b: Double; var c: Int; var z: String }
        #expect(try CanonicalJSON.string(P(a: 0.1, b: 1e-300, c: 3, z: "a/b")) == #"{"a":0.1,"b":1e-300,"c":3,"z":"a/b"}"#)
        #expect(throws: PipelineError.self) { try CanonicalJSON.encode(P(a: .nan, b: 0, c: 0, z: "")) }
    }
}
