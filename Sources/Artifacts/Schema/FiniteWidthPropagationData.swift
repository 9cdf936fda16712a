import Foundation
import Pipeline

/// Finite-width networks against the mean-field layer maps: q^l and c^l of input pairs measured
/// in M random networks per (σ_w², N), the maps' q^l and c^l, and the finite-width fluctuation,
/// the variance of q^L across networks against N with a power-law fit per σ_w² and our
/// leading-order prediction of N Var q^L.
///
/// Arrays over (σ_w², N, l) are row-major in that order; ``slice(_:sigmaW2:width:)`` and
/// ``slice(_:sigmaW2:)`` cut out one curve.
///
/// ```swift
/// let data = try context.read(propagation)               // Artifact<FiniteWidthPropagationData>
/// data.slice(data.q, sigmaW2: 0, width: data.widths.count - 1)   // q^l of the widest networks
/// data.varianceExponent[0]                              // ≈ −1
/// ```
public struct FiniteWidthPropagationData: LabelledSchema, Equatable {
    public static let sigmaW2 = DataColumn<Self>(axis: "sigma_w2", label: "σ_w²", description: "weight variance")
    public static let widths = DataColumn<Self>(axis: "width", label: "N", description: "network width N (units per layer)")
    public static let layers = DataColumn<Self>(axis: "layer", label: "l", description: "layer l (0: the inputs)")
    public static let q = DataColumn<Self>("q", over: [sigmaW2, widths, layers], label: "qˡ",
                                           description: "measured q^l = (|h1|^2 + |h2|^2)/(2N) of the input pair, mean over networks")
    public static let qStandardError = DataColumn<Self>("q_stderr", over: [sigmaW2, widths, layers], label: "SE(qˡ)",
                                                        description: "standard error of q^l over networks")
    public static let c = DataColumn<Self>("c", over: [sigmaW2, widths, layers], label: "cˡ",
                                           description: "measured correlation c^l of the input pair, mean over networks")
    public static let cStandardError = DataColumn<Self>("c_stderr", over: [sigmaW2, widths, layers], label: "SE(cˡ)",
                                                        description: "standard error of c^l over networks")
    public static let qTheory = DataColumn<Self>("q_theory", over: [sigmaW2, layers], label: "qˡ (mean field)",
                                                 description: "mean-field q^l (002 Eq. 3)")
    public static let cTheory = DataColumn<Self>("c_theory", over: [sigmaW2, layers], label: "cˡ (mean field)",
                                                 description: "mean-field c^l (002 Eqs. 5-7)")
    public static let lastLayerQVariance = DataColumn<Self>("q_last_variance", over: [sigmaW2, widths], label: "Var qᴸ",
                                                            description: "sample variance across networks of q^L = |h^L_1|^2/N of the first input")
    public static let lastLayerQVarianceStandardError = DataColumn<Self>("q_last_variance_stderr", over: [sigmaW2, widths], label: "SE(Var qᴸ)",
                                                                         description: "standard error of that variance (from the fourth central moment)")
    public static let scaledVarianceTheory = DataColumn<Self>("q_last_variance_scaled_theory", over: [sigmaW2], label: "N Var qᴸ (order 1/N)",
                                                              description: "leading-order prediction of N Var q^L (the map's noise propagated through its slope; ours, not the papers')")
    public static let varianceExponent = DataColumn<Self>("q_last_variance_exponent", over: [sigmaW2], label: "b",
                                                          description: "exponent b of the weighted least-squares fit Var q^L = A N^b")
    public static let varianceExponentLower = DataColumn<Self>("q_last_variance_exponent_lower", over: [sigmaW2], label: "b (2.5 %)",
                                                               description: "lower end of the 95% interval of b")
    public static let varianceExponentUpper = DataColumn<Self>("q_last_variance_exponent_upper", over: [sigmaW2], label: "b (97.5 %)",
                                                               description: "upper end of the 95% interval of b")
    public static let variancePrefactor = DataColumn<Self>("q_last_variance_prefactor", over: [sigmaW2], label: "A",
                                                           description: "prefactor A of the fit Var q^L = A N^b")

    public var sigmaW2: [Double]
    public var widths: [Double]
    public var layers: [Double]
    public var q: [Double]
    public var qStandardError: [Double]
    public var c: [Double]
    public var cStandardError: [Double]
    public var qTheory: [Double]
    public var cTheory: [Double]
    public var lastLayerQVariance: [Double]
    public var lastLayerQVarianceStandardError: [Double]
    public var scaledVarianceTheory: [Double]
    public var varianceExponent: [Double]
    public var varianceExponentLower: [Double]
    public var varianceExponentUpper: [Double]
    public var variancePrefactor: [Double]
    /// What every such file holds (its `description` attribute); the parameters are in its
    /// provenance.
    public static let summary = "finite-width propagation of input pairs against the mean-field layer maps, and the variance of q^L across networks against the width"
    /// The stage that wrote the file, when read back from a stage's output.
    public private(set) var provenance: ArtifactProvenance?

    /// A value to write; arrays row-major over their columns' axes.
    public init(sigmaW2: [Double], widths: [Double], layers: [Double],
                q: [Double], qStandardError: [Double], c: [Double], cStandardError: [Double],
                qTheory: [Double], cTheory: [Double], lastLayerQVariance: [Double], lastLayerQVarianceStandardError: [Double], scaledVarianceTheory: [Double],
                varianceExponent: [Double], varianceExponentLower: [Double], varianceExponentUpper: [Double], variancePrefactor: [Double]) {
        self.sigmaW2 = sigmaW2
        self.widths = widths
        self.layers = layers
        self.q = q
        self.qStandardError = qStandardError
        self.c = c
        self.cStandardError = cStandardError
        self.qTheory = qTheory
        self.cTheory = cTheory
        self.lastLayerQVariance = lastLayerQVariance
        self.lastLayerQVarianceStandardError = lastLayerQVarianceStandardError
        self.scaledVarianceTheory = scaledVarianceTheory
        self.varianceExponent = varianceExponent
        self.varianceExponentLower = varianceExponentLower
        self.varianceExponentUpper = varianceExponentUpper
        self.variancePrefactor = variancePrefactor
    }

    public init(labelled data: LabelledData) throws {
        self.init(sigmaW2: try data.values(Self.sigmaW2), widths: try data.values(Self.widths), layers: try data.values(Self.layers),
                  q: try data.values(Self.q), qStandardError: try data.values(Self.qStandardError),
                  c: try data.values(Self.c), cStandardError: try data.values(Self.cStandardError),
                  qTheory: try data.values(Self.qTheory), cTheory: try data.values(Self.cTheory),
                  lastLayerQVariance: try data.values(Self.lastLayerQVariance),
                  lastLayerQVarianceStandardError: try data.values(Self.lastLayerQVarianceStandardError),
                  scaledVarianceTheory: try data.values(Self.scaledVarianceTheory),
                  varianceExponent: try data.values(Self.varianceExponent),
                  varianceExponentLower: try data.values(Self.varianceExponentLower),
                  varianceExponentUpper: try data.values(Self.varianceExponentUpper),
                  variancePrefactor: try data.values(Self.variancePrefactor))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: Self.summary)
        data.add(Self.sigmaW2, values: sigmaW2)
        data.add(Self.widths, values: widths)
        data.add(Self.layers, values: layers)
        data.add(variable: Self.q, values: q)
        data.add(variable: Self.qStandardError, values: qStandardError)
        data.add(variable: Self.c, values: c)
        data.add(variable: Self.cStandardError, values: cStandardError)
        data.add(variable: Self.qTheory, values: qTheory)
        data.add(variable: Self.cTheory, values: cTheory)
        data.add(variable: Self.lastLayerQVariance, values: lastLayerQVariance)
        data.add(variable: Self.lastLayerQVarianceStandardError, values: lastLayerQVarianceStandardError)
        data.add(variable: Self.scaledVarianceTheory, values: scaledVarianceTheory)
        data.add(variable: Self.varianceExponent, values: varianceExponent)
        data.add(variable: Self.varianceExponentLower, values: varianceExponentLower)
        data.add(variable: Self.varianceExponentUpper, values: varianceExponentUpper)
        data.add(variable: Self.variancePrefactor, values: variancePrefactor)
        return data
    }

    /// The curve over layers l of an array over (σ_w², N, l).
    public func slice(_ values: [Double], sigmaW2 i: Int, width j: Int) -> [Double] {
        let start = (i * widths.count + j) * layers.count
        return Array(values[start..<(start + layers.count)])
    }

    /// The row of an array over (σ_w², x) at σ_w² index i: over l for the theory, over N for the
    /// variances.
    public func slice(_ values: [Double], sigmaW2 i: Int) -> [Double] {
        let length = values.count / max(1, sigmaW2.count)
        return Array(values[(i * length)..<((i + 1) * length)])
    }
}
