import Foundation
import Pipeline

/// ``MeanFieldCurveData`` rows at several σ_b², stacked over (σ_b², σ_w²): the mean-field
/// quantities over the plane, as the phase diagram draws ξ_c. Written by `GatherRows`; its
/// columns are the rows' columns over the new σ_b² axis, so their names are declared once, there.
public struct MeanFieldPlaneData: LabelledSchema, Equatable {
    /// The activation every row is of.
    public var activation: String
    /// The rows' σ_b², ascending.
    public var sb2: [Double]
    /// The σ_w² axis every row shares.
    public var sw2: [Double]
    /// Row-major over (σ_b², σ_w²).
    public var qStar: [Double]
    public var cStar: [Double]
    public var chi1: [Double]
    public var chiC: [Double]
    public var xiQ: [Double]
    public var xiC: [Double]
    /// The rows' notes, pooled: each says why some point has no value.
    public var notes: [String]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// Stacks `rows` (one per σ_b², ascending, sharing activation and σ_w² axis).
    public init(rows: [MeanFieldCurveData]) {
        activation = rows.first?.activation ?? ""
        sb2 = rows.map(\.sb2)
        sw2 = rows.first?.sw2 ?? []
        qStar = rows.flatMap(\.qStar)
        cStar = rows.flatMap(\.cStar)
        chi1 = rows.flatMap(\.chi1)
        chiC = rows.flatMap(\.chiC)
        xiQ = rows.flatMap(\.xiQ)
        xiC = rows.flatMap(\.xiC)
        notes = Set(rows.flatMap(\.notes)).sorted()
    }

    public static let sigmaB2 = DataColumn<MeanFieldPlaneData>(axis: "sigma_b2", label: "σ_b²", description: "bias variance sigma_b^2")
    public static let sigmaW2 = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.sigmaW2)
    public static let qStar = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.qStar, over: [sigmaB2, sigmaW2])
    public static let cStar = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.cStar, over: [sigmaB2, sigmaW2])
    public static let chi1 = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.chi1, over: [sigmaB2, sigmaW2])
    public static let chiC = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.chiC, over: [sigmaB2, sigmaW2])
    public static let xiQ = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.xiQ, over: [sigmaB2, sigmaW2])
    public static let xiC = DataColumn<MeanFieldPlaneData>(MeanFieldCurveData.xiC, over: [sigmaB2, sigmaW2])

    /// ξ_c as rows, one per σ_b², each over σ_w².
    public var xiCRows: [[Double]] {
        sb2.indices.map { j in Array(xiC[(j * sw2.count)..<((j + 1) * sw2.count)]) }
    }

    public init(labelled data: LabelledData) throws {
        activation = try data.storedAttribute(MeanFieldCurveData.activationAttribute)
        sb2 = try data.values(Self.sigmaB2)
        sw2 = try data.values(Self.sigmaW2)
        qStar = try data.values(Self.qStar)
        cStar = try data.values(Self.cStar)
        chi1 = try data.values(Self.chi1)
        chiC = try data.values(Self.chiC)
        xiQ = try data.values(Self.xiQ)
        xiC = try data.values(Self.xiC)
        notes = MeanFieldCurveData.lines(data.attributes[MeanFieldCurveData.notesAttribute])
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var attributes = [MeanFieldCurveData.activationAttribute: activation]
        if !notes.isEmpty { attributes[MeanFieldCurveData.notesAttribute] = notes.joined(separator: "\n") }
        var data = LabelledData(description: "mean-field quantities of \(activation) over (sigma_b^2, sigma_w^2) (paper 002, Eqs. 3-10)",
                                attributes: attributes)
        data.add(Self.sigmaB2, values: sb2)
        data.add(Self.sigmaW2, values: sw2)
        for (column, values) in [(Self.qStar, qStar), (Self.cStar, cStar), (Self.chi1, chi1), (Self.chiC, chiC), (Self.xiQ, xiQ), (Self.xiC, xiC)] {
            data.add(variable: column, values: values)
        }
        return data
    }
}
