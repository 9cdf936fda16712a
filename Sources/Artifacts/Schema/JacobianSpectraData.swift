import Foundation
import Pipeline

/// Singular values of the input–output Jacobian of random networks, per network family
/// (activation × weight ensemble at one (σ_w², σ_b²)) and depth L: every singular value, the
/// mean squared singular value (median of means over networks, with a bootstrap interval)
/// against the mean field's χ₁^L, and the spread of the spectrum (percentiles, relative variance
/// of σ²).
///
/// Arrays over (family, L) are row-major in that order; singular values are over (family, L,
/// sample) with the samples network-major (network m's N values, descending, then network m+1's).
/// Which activation and weight ensemble each family is lives in the file's provenance (the
/// producing stage's parameters).
///
/// ```swift
/// let data = try context.read(spectra)                  // Artifact<JacobianSpectraData>
/// data.meanSquared[data.index(family: 1, depth: 2)]     // vs data.meanSquaredPredicted[…]
/// ```
public struct JacobianSpectraData: LabelledSchema, Equatable {
    public static let families = DataColumn<Self>(axis: "family", label: "family", description: "network family, in the order of the stage's families parameter")
    public static let depths = DataColumn<Self>(axis: "depth", label: "L", description: "depth L (number of layers in the Jacobian)")
    public static let samples = DataColumn<Self>(axis: "sample", label: "i", description: "singular value index, network-major")
    public static let sigmaW2 = DataColumn<Self>("sigma_w2", over: [families], label: "σ_w²", description: "weight variance of the family")
    public static let sigmaB2 = DataColumn<Self>("sigma_b2", over: [families], label: "σ_b²", description: "bias variance of the family")
    public static let qStar = DataColumn<Self>("q_star", over: [families], label: "q*",
                                               description: "squared length per unit of the input (the fixed point q*, or 1 where every q is fixed)")
    public static let chi1 = DataColumn<Self>("chi1", over: [families], label: "χ₁", description: "mean-field susceptibility chi_1 at q* (002 Eq. 8)")
    public static let singularValues = DataColumn<Self>("singular_values", over: [families, depths, samples], label: "σ",
                                                        description: "singular values of the input-output Jacobian J")
    public static let meanSquared = DataColumn<Self>("mean_squared", over: [families, depths], label: "⟨σ²⟩",
                                                     description: "mean squared singular value (1/N) tr JJ^T: median of means over networks")
    public static let meanSquaredLower = DataColumn<Self>("mean_squared_lower", over: [families, depths], label: "⟨σ²⟩ (2.5 %)",
                                                          description: "lower end of its 95% bootstrap percentile interval")
    public static let meanSquaredUpper = DataColumn<Self>("mean_squared_upper", over: [families, depths], label: "⟨σ²⟩ (97.5 %)",
                                                          description: "upper end of its 95% bootstrap percentile interval")
    public static let meanSquaredPredicted = DataColumn<Self>("mean_squared_predicted", over: [families, depths], label: "χ₁ᴸ",
                                                              description: "mean-field mean squared singular value chi_1^L (002 Eq. 12)")
    public static let lowPercentile = DataColumn<Self>("singular_value_p05", over: [families, depths], label: "σ₅",
                                                       description: "5th percentile of the singular values pooled over networks")
    public static let highPercentile = DataColumn<Self>("singular_value_p95", over: [families, depths], label: "σ₉₅",
                                                        description: "95th percentile of the singular values pooled over networks")
    public static let relativeSpread = DataColumn<Self>("squared_relative_variance", over: [families, depths], label: "Var σ² / ⟨σ²⟩²",
                                                        description: "variance of sigma^2 across the spectrum over its mean squared, mean over networks (0 for an isometry)")

    /// What every such file holds (its `description` attribute); the parameters are in its
    /// provenance.
    public static let summary = "singular values of the input-output Jacobian of random networks per family and depth, with the mean squared singular value against chi_1^L"

    public var families: [Double]
    public var depths: [Double]
    public var samples: [Double]
    public var sigmaW2: [Double]
    public var sigmaB2: [Double]
    public var qStar: [Double]
    public var chi1: [Double]
    public var singularValues: [Double]
    public var meanSquared: [Double]
    public var meanSquaredLower: [Double]
    public var meanSquaredUpper: [Double]
    public var meanSquaredPredicted: [Double]
    public var lowPercentile: [Double]
    public var highPercentile: [Double]
    public var relativeSpread: [Double]
    /// The stage that wrote the file, when read back from a stage's output.
    public private(set) var provenance: ArtifactProvenance?

    /// A value to write; arrays row-major over their columns' axes.
    public init(families: [Double], depths: [Double], samples: [Double], sigmaW2: [Double], sigmaB2: [Double], qStar: [Double], chi1: [Double],
                singularValues: [Double], meanSquared: [Double], meanSquaredLower: [Double], meanSquaredUpper: [Double],
                meanSquaredPredicted: [Double], lowPercentile: [Double], highPercentile: [Double], relativeSpread: [Double]) {
        self.families = families
        self.depths = depths
        self.samples = samples
        self.sigmaW2 = sigmaW2
        self.sigmaB2 = sigmaB2
        self.qStar = qStar
        self.chi1 = chi1
        self.singularValues = singularValues
        self.meanSquared = meanSquared
        self.meanSquaredLower = meanSquaredLower
        self.meanSquaredUpper = meanSquaredUpper
        self.meanSquaredPredicted = meanSquaredPredicted
        self.lowPercentile = lowPercentile
        self.highPercentile = highPercentile
        self.relativeSpread = relativeSpread
    }

    public init(labelled data: LabelledData) throws {
        self.init(families: try data.values(Self.families), depths: try data.values(Self.depths), samples: try data.values(Self.samples),
                  sigmaW2: try data.values(Self.sigmaW2), sigmaB2: try data.values(Self.sigmaB2),
                  qStar: try data.values(Self.qStar), chi1: try data.values(Self.chi1),
                  singularValues: try data.values(Self.singularValues),
                  meanSquared: try data.values(Self.meanSquared),
                  meanSquaredLower: try data.values(Self.meanSquaredLower), meanSquaredUpper: try data.values(Self.meanSquaredUpper),
                  meanSquaredPredicted: try data.values(Self.meanSquaredPredicted),
                  lowPercentile: try data.values(Self.lowPercentile), highPercentile: try data.values(Self.highPercentile),
                  relativeSpread: try data.values(Self.relativeSpread))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: Self.summary)
        data.add(Self.families, values: families)
        data.add(Self.depths, values: depths)
        data.add(Self.samples, values: samples)
        for (column, values) in [(Self.sigmaW2, sigmaW2), (Self.sigmaB2, sigmaB2), (Self.qStar, qStar), (Self.chi1, chi1),
                                 (Self.singularValues, singularValues), (Self.meanSquared, meanSquared),
                                 (Self.meanSquaredLower, meanSquaredLower), (Self.meanSquaredUpper, meanSquaredUpper),
                                 (Self.meanSquaredPredicted, meanSquaredPredicted),
                                 (Self.lowPercentile, lowPercentile), (Self.highPercentile, highPercentile),
                                 (Self.relativeSpread, relativeSpread)] {
            data.add(variable: column, values: values)
        }
        return data
    }

    /// The position of (family f, depth index d) in the arrays over (family, L).
    public func index(family f: Int, depth d: Int) -> Int { f * depths.count + d }

    /// The singular values of family f at depth index d, every network's.
    public func spectrum(family f: Int, depth d: Int) -> ArraySlice<Double> {
        let start = index(family: f, depth: d) * samples.count
        return singularValues[start..<(start + samples.count)]
    }
}
