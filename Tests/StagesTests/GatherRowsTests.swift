import Artifacts
import Foundation
@testable import Stages
import Testing

/// The phase diagram's gather: each row's σ_b² comes from the row, and rows that do not make a
/// plane (a `--set` that moved one onto another, or out of order) are refused, not mislabelled.
@Suite("gather rows: the plane's σ_b² is the rows'")
struct GatherRowsTests {
    static func row(sb2: Double, sw2: [Double] = [1, 2], activation: String = "tanh", notes: [String] = []) -> MeanFieldCurveData {
        let values = sw2.map { $0 + sb2 }
        return MeanFieldCurveData(activation: activation, sb2: sb2, sw2: sw2, qStar: values, cStar: values, chi1: values,
                                  chiC: values, xiQ: values, xiC: values, notes: notes)
    }

    @Test("the plane stacks the rows over their own σ_b², pooling their notes")
    func stacks() throws {
        let plane = try GatherRows.plane([Self.row(sb2: 0, notes: ["a"]), Self.row(sb2: 0.15, notes: ["b", "a"])])
        #expect(plane.sb2 == [0, 0.15] && plane.sw2 == [1, 2] && plane.activation == "tanh" && plane.notes == ["a", "b"])
        #expect(plane.xiCRows == [[1, 2], [1.15, 2.15]])
        // The file it writes reads back as the same plane.
        #expect(try MeanFieldPlaneData(labelled: plane.labelled()) == plane)
    }

    @Test("equal, unordered or mismatched rows are errors that name the problem and the fix")
    func refuses() {
        #expect { try GatherRows.plane([Self.row(sb2: 0), Self.row(sb2: 0)]) } throws: { error in
            "\(error)".contains("two rows have σ_b² = 0.0") && "\(error)".contains("--set")
        }
        #expect { try GatherRows.plane([Self.row(sb2: 0.2), Self.row(sb2: 0.1)]) } throws: { error in
            "\(error)".contains("σ_b² = 0.2 comes before 0.1") && "\(error)".contains("ascending")
        }
        #expect { try GatherRows.plane([Self.row(sb2: 0), Self.row(sb2: 0.1, sw2: [1, 3])]) } throws: { error in
            "\(error)".contains("another σ_w² axis") && "\(error)".contains("same sw2")
        }
        #expect { try GatherRows.plane([Self.row(sb2: 0), Self.row(sb2: 0.1, activation: "erf")]) } throws: { error in
            "\(error)".contains("tanh and erf")
        }
        #expect { try GatherRows.plane([]) } throws: { error in "\(error)".contains("no rows") }
    }
}
