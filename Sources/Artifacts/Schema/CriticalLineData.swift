import Foundation
import Pipeline

/// The critical line σ_w²_c(σ_b²) where χ₁ = 1 (the edge of chaos of 001, 002 §3.1), with q*
/// on it; NaN where the activation has no critical point at that σ_b², with the reason in
/// ``notes``. Written by `CriticalLineCurve`; drawn over the phase diagram.
public struct CriticalLineData: LabelledSchema, Equatable {
    /// The activation's name.
    public var activation: String
    /// The σ_b² axis.
    public var sb2: [Double]
    /// The critical σ_w² at each σ_b².
    public var criticalSw2: [Double]
    /// q* on the line.
    public var qStar: [Double]
    /// Why some points have no value, one reason a line, sorted.
    public var notes: [String]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// A line, as the producer computed it.
    public init(activation: String, sb2: [Double], criticalSw2: [Double], qStar: [Double], notes: [String]) {
        self.activation = activation
        self.sb2 = sb2
        self.criticalSw2 = criticalSw2
        self.qStar = qStar
        self.notes = notes
    }

    public static let sigmaB2 = DataColumn<CriticalLineData>(axis: "sigma_b2", label: "σ_b²", description: "bias variance sigma_b^2")
    public static let criticalSw2 = DataColumn<CriticalLineData>("sigma_w2_critical", over: [sigmaB2], label: "σ²_w,c",
                                                                 description: "sigma_w^2 where chi_1 = 1")
    public static let qStar = DataColumn<CriticalLineData>("q_star", over: [sigmaB2], label: "q*", description: "q* on the critical line")

    public init(labelled data: LabelledData) throws {
        self.init(activation: try data.storedAttribute(MeanFieldCurveData.activationAttribute), sb2: try data.values(Self.sigmaB2),
                  criticalSw2: try data.values(Self.criticalSw2), qStar: try data.values(Self.qStar),
                  notes: MeanFieldCurveData.lines(data.attributes[MeanFieldCurveData.notesAttribute]))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "critical line chi_1 = 1 of \(activation)",
                                attributes: [MeanFieldCurveData.activationAttribute: activation,
                                             MeanFieldCurveData.notesAttribute: notes.joined(separator: "\n")])
        data.add(Self.sigmaB2, values: sb2)
        data.add(variable: Self.criticalSw2, values: criticalSw2)
        data.add(variable: Self.qStar, values: qStar)
        return data
    }
}
