import Foundation
import Pipeline

/// The mean-field quantities of one activation at one σ_b² along a σ_w² axis (002 §3: q*, c*,
/// χ₁, χ_c, ξ_q, ξ_c, Eqs. 3–10), NaN where a quantity does not exist, with the reasons in
/// ``notes``. Written by `MeanFieldCurve`; read by the depth-scales figure and gathered into a
/// ``MeanFieldPlaneData``.
public struct MeanFieldCurveData: LabelledSchema, Equatable {
    /// The activation's name (`Activation.rawValue`).
    public var activation: String
    /// The bias variance σ_b² the curve is at.
    public var sb2: Double
    /// The σ_w² axis.
    public var sw2: [Double]
    public var qStar: [Double]
    public var cStar: [Double]
    public var chi1: [Double]
    public var chiC: [Double]
    public var xiQ: [Double]
    public var xiC: [Double]
    /// Why some values are NaN, one reason a line, sorted.
    public var notes: [String]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// A curve, as the producer computed it; every column has one value per σ_w².
    public init(activation: String, sb2: Double, sw2: [Double], qStar: [Double], cStar: [Double], chi1: [Double],
                chiC: [Double], xiQ: [Double], xiC: [Double], notes: [String]) {
        self.activation = activation
        self.sb2 = sb2
        self.sw2 = sw2
        self.qStar = qStar
        self.cStar = cStar
        self.chi1 = chi1
        self.chiC = chiC
        self.xiQ = xiQ
        self.xiC = xiC
        self.notes = notes
    }

    public static let sigmaW2 = DataColumn<MeanFieldCurveData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    public static let qStar = DataColumn<MeanFieldCurveData>("q_star", over: [sigmaW2], label: "q*", description: "fixed point q* of the variance map (Eq. 3)")
    public static let cStar = DataColumn<MeanFieldCurveData>("c_star", over: [sigmaW2], label: "c*", description: "stable fixed point c* of the correlation map (Eqs. 5-7)")
    public static let chi1 = DataColumn<MeanFieldCurveData>("chi1", over: [sigmaW2], label: "χ₁", description: "chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2] (Eq. 8)")
    public static let chiC = DataColumn<MeanFieldCurveData>("chi_c", over: [sigmaW2], label: "χ_c", description: "slope of the correlation map at c*")
    public static let xiQ = DataColumn<MeanFieldCurveData>("xi_q", over: [sigmaW2], units: "layers", label: "ξ_q",
                                                                 description: "depth scale of the length, xi_q (Eq. 9); NaN where it diverges")
    public static let xiC = DataColumn<MeanFieldCurveData>("xi_c", over: [sigmaW2], units: "layers", label: "ξ_c",
                                                                 description: "depth scale of correlations, xi_c = -1/log chi_c (Eq. 10); NaN where it diverges")
    /// The variables over σ_w², in the order the file stores them.
    public static let variables = [qStar, cStar, chi1, chiC, xiQ, xiC]

    static let activationAttribute = "activation"
    static let sb2Attribute = "sigma_b2"
    static let notesAttribute = "notes"

    /// The values of `column` (one of ``variables``).
    public func values(_ column: DataColumn<MeanFieldCurveData>) -> [Double] {
        switch column {
        case Self.qStar: qStar
        case Self.cStar: cStar
        case Self.chi1: chi1
        case Self.chiC: chiC
        case Self.xiQ: xiQ
        case Self.xiC: xiC
        default: sw2
        }
    }

    public init(labelled data: LabelledData) throws {
        self.init(activation: try data.storedAttribute(Self.activationAttribute), sb2: try data.storedNumber(Self.sb2Attribute),
                  sw2: try data.values(Self.sigmaW2), qStar: try data.values(Self.qStar), cStar: try data.values(Self.cStar),
                  chi1: try data.values(Self.chi1), chiC: try data.values(Self.chiC), xiQ: try data.values(Self.xiQ),
                  xiC: try data.values(Self.xiC), notes: Self.lines(data.attributes[Self.notesAttribute]))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "mean-field quantities of \(activation) at sigma_b^2 = \(sb2) (paper 002, Eqs. 3-10)",
                                attributes: [Self.activationAttribute: activation, Self.sb2Attribute: "\(sb2)",
                                             Self.notesAttribute: notes.joined(separator: "\n")])
        data.add(Self.sigmaW2, values: sw2)
        for column in Self.variables { data.add(variable: column, values: values(column)) }
        return data
    }

    /// The lines of a notes attribute (none when it is absent or empty).
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init)
    }
}
