import Foundation
import Pipeline
import Artifacts

/// Stacks ``MeanFieldCurve`` rows of a grid (one per σ_b²) into the mean-field quantities over
/// the (σ_b², σ_w²) plane: the gather stage of the phase diagram. Each row's σ_b² is read from
/// the row itself, so a `--set` that edits a row moves it in the plane; the rows must share
/// their activation and σ_w² axis and have distinct σ_b² in ascending order.
public struct GatherRows: Stage {
    /// Nothing beyond the rows: everything the plane holds comes from them.
    public struct Parameters: Codable, Hashable, Sendable {
        public init() {}
    }

    public static let kind = "gather-rows"
    public var parameters: Parameters
    /// The rows, in ascending σ_b².
    public let rows: [Artifact<MeanFieldCurveData>]

    public init(_ parameters: Parameters = .init(), rows: [Artifact<MeanFieldCurveData>]) {
        self.parameters = parameters
        self.rows = rows
    }

    /// Rows that do not make a plane.
    public struct Mismatch: Error, CustomStringConvertible { public let description: String }

    public func run(_ context: StageContext) throws -> MeanFieldPlaneData {
        try Self.plane(rows.map { try context.read($0) })
    }

    /// The plane of `rows`, after checking that they make one.
    static func plane(_ loaded: [MeanFieldCurveData]) throws -> MeanFieldPlaneData {
        guard let first = loaded.first else { throw Mismatch(description: "no rows to gather; declare at least one row") }
        for row in loaded.dropFirst() {
            guard row.activation == first.activation else {
                throw Mismatch(description: "rows of \(first.activation) and \(row.activation) cannot share a plane; gather rows of one activation")
            }
            guard row.sw2 == first.sw2 else {
                throw Mismatch(description: "the row at σ_b² = \(row.sb2) has another σ_w² axis than the row at σ_b² = \(first.sb2); give every row the same sw2 (a --set on one row changed it?)")
            }
        }
        for (below, above) in zip(loaded, loaded.dropFirst()) where !(below.sb2 < above.sb2) {
            let problem = below.sb2 == above.sb2 ? "two rows have σ_b² = \(below.sb2)" : "σ_b² = \(below.sb2) comes before \(above.sb2)"
            throw Mismatch(description: "\(problem): the rows' σ_b² must be distinct and ascending; undo the --set that moved a row, or set each row its own sb2")
        }
        return MeanFieldPlaneData(rows: loaded)
    }
}
