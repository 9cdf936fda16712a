import Foundation
import Pipeline

/// Theorem 1 of 002: the sigmoid's χ₁ along σ_w² at σ_b² = 0, the solution of q* = σ_w²
/// E[σ(√q* z)²] with χ₁ = 1, and the critical σ_w² along the searched σ_b² with its smallest
/// value (the theorem's "for any σ_b²"). Written by `SigmoidSusceptibility`; drawn by the
/// sigmoid figure.
public struct SigmoidTheoremData: LabelledSchema, Equatable {
    /// The σ_w² axis of the χ₁ curve.
    public var sw2: [Double]
    /// χ₁ of the sigmoid at σ_b² = 0 along ``sw2``.
    public var chi1: [Double]
    /// The searched σ_b² axis.
    public var sb2: [Double]
    /// The critical σ_w² at each searched σ_b².
    public var criticalSw2: [Double]
    /// Theorem 1's σ_w², its square root and q* there.
    public var theoremSw2: Double
    public var theoremSw: Double
    public var theoremQStar: Double
    /// The smallest critical σ_w² found over ``sb2`` and where.
    public var minimumCriticalSw2: Double
    public var minimumAtSb2: Double
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// The theorem's data, as the producer computed it.
    public init(sw2: [Double], chi1: [Double], sb2: [Double], criticalSw2: [Double], theoremSw2: Double, theoremSw: Double,
                theoremQStar: Double, minimumCriticalSw2: Double, minimumAtSb2: Double) {
        self.sw2 = sw2
        self.chi1 = chi1
        self.sb2 = sb2
        self.criticalSw2 = criticalSw2
        self.theoremSw2 = theoremSw2
        self.theoremSw = theoremSw
        self.theoremQStar = theoremQStar
        self.minimumCriticalSw2 = minimumCriticalSw2
        self.minimumAtSb2 = minimumAtSb2
    }

    public static let sigmaW2 = DataColumn<SigmoidTheoremData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    public static let chi1 = DataColumn<SigmoidTheoremData>("chi1", over: [sigmaW2], label: "χ₁", description: "chi_1 of the sigmoid at sigma_b^2 = 0 (Eq. 8)")
    public static let sigmaB2 = DataColumn<SigmoidTheoremData>(axis: "sigma_b2", label: "σ_b²",
                                                               description: "bias variance sigma_b^2 searched along the critical line")
    public static let criticalSw2 = DataColumn<SigmoidTheoremData>("critical_sigma_w2", over: [sigmaB2], label: "σ²_w,c",
                                                                   description: "the sigmoid's critical sigma_w^2 (chi_1 = 1) at each sigma_b^2")
    /// A one-point axis the solution's variables are stored over.
    public static let solution = DataColumn<SigmoidTheoremData>(axis: "solution", label: "", description: "index of the Theorem 1 solution")
    public static let theoremSw2 = DataColumn<SigmoidTheoremData>("theorem1_sigma_w2", over: [solution], label: "σ_w²",
                                                                  description: "sigma_w^2 solving q* = sigma_w^2 E[sigmoid(sqrt(q*) z)^2] with chi_1 = 1 at sigma_b^2 = 0")
    public static let theoremQStar = DataColumn<SigmoidTheoremData>("theorem1_q_star", over: [solution], label: "q*", description: "q* at that solution")

    // The solution and the minimum are root attributes too, for readers that look there first;
    // the solution's attributes carry its variables' names.
    static let theoremSwAttribute = "theorem1_sigma_w"
    static let minimumAttribute = "minimum_critical_sigma_w2"
    static let minimumAtAttribute = "minimum_at_sigma_b2"

    public init(labelled data: LabelledData) throws {
        self.init(sw2: try data.values(Self.sigmaW2), chi1: try data.values(Self.chi1), sb2: try data.values(Self.sigmaB2),
                  criticalSw2: try data.values(Self.criticalSw2), theoremSw2: try data.storedScalar(Self.theoremSw2),
                  theoremSw: try data.storedNumber(Self.theoremSwAttribute),
                  theoremQStar: try data.storedScalar(Self.theoremQStar),
                  minimumCriticalSw2: try data.storedNumber(Self.minimumAttribute), minimumAtSb2: try data.storedNumber(Self.minimumAtAttribute))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: "sigmoid susceptibility at sigma_b^2 = 0 and Theorem 1 of paper 002", attributes: [
            Self.theoremSw2.name: "\(theoremSw2)",
            Self.theoremSwAttribute: "\(theoremSw)",
            Self.theoremQStar.name: "\(theoremQStar)",
            Self.minimumAttribute: "\(minimumCriticalSw2)",
            Self.minimumAtAttribute: "\(minimumAtSb2)",
        ])
        data.add(Self.sigmaW2, values: sw2)
        data.add(variable: Self.chi1, values: chi1)
        data.add(Self.sigmaB2, values: sb2)
        data.add(variable: Self.criticalSw2, values: criticalSw2)
        data.add(Self.solution, values: [0])
        data.add(variable: Self.theoremSw2, values: [theoremSw2])
        data.add(variable: Self.theoremQStar, values: [theoremQStar])
        return data
    }
}
