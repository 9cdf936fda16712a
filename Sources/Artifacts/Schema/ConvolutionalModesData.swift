import Foundation
import Pipeline

/// Depth scales of the Fourier modes of a CNN's correlations (002 Eqs. 14–22) along σ_w²: for
/// kernel size 2k+1 and spatial size n, mode p decays with ξ_p = −1/log(χ_c* |λ_p|). Written by
/// `ConvolutionalDepthScales`; drawn by the CNN-modes figure.
public struct ConvolutionalModesData: LabelledSchema, Equatable {
    /// The activation's name.
    public var activation: String
    /// What the network was (activation, kernel, n, σ_b²), as a sentence.
    public var summary: String
    /// The σ_w² axis.
    public var sw2: [Double]
    /// Row-major over (σ_w², mode): off-diagonal and diagonal modes' depth scales (NaN where they diverge).
    public var xiCMode: [Double]
    public var xiQMode: [Double]
    /// λ_p per mode.
    public var lambda: [Double]
    /// χ_c* and χ_q* per σ_w².
    public var chiC: [Double]
    public var chiQ: [Double]
    /// The stage that wrote the file, when read back from the store.
    public private(set) var provenance: ArtifactProvenance?

    /// Mode depth scales, as the producer computed them.
    public init(activation: String, summary: String, sw2: [Double], xiCMode: [Double], xiQMode: [Double], lambda: [Double],
                chiC: [Double], chiQ: [Double]) {
        self.activation = activation
        self.summary = summary
        self.sw2 = sw2
        self.xiCMode = xiCMode
        self.xiQMode = xiQMode
        self.lambda = lambda
        self.chiC = chiC
        self.chiQ = chiQ
    }

    public static let sigmaW2 = DataColumn<ConvolutionalModesData>(axis: "sigma_w2", label: "σ_w²", description: "weight variance sigma_w^2")
    public static let mode = DataColumn<ConvolutionalModesData>(axis: "mode", label: "p", description: "Fourier mode p along the diagonal")
    public static let xiCMode = DataColumn<ConvolutionalModesData>("xi_c_mode", over: [sigmaW2, mode], units: "layers", label: "ξ_p",
                                                                   description: "depth scale of off-diagonal mode p, -1/log(chi_c* |lambda_p|); NaN where it diverges")
    public static let xiQMode = DataColumn<ConvolutionalModesData>("xi_q_mode", over: [sigmaW2, mode], units: "layers", label: "ξ_q,p",
                                                                   description: "depth scale of diagonal mode p, -1/log(chi_q* |lambda_p|)")
    public static let lambda = DataColumn<ConvolutionalModesData>("lambda", over: [mode], label: "λ_p",
                                                                  description: "eigenvalue lambda_p of the diagonal averaging operator")
    public static let chiC = DataColumn<ConvolutionalModesData>("chi_c", over: [sigmaW2], label: "χ_c*", description: "chi_c* (Eq. 20)")
    public static let chiQ = DataColumn<ConvolutionalModesData>("chi_q", over: [sigmaW2], label: "χ_q*", description: "chi_q* (Eq. 19)")

    /// The number of modes (the spatial size n).
    public var modeCount: Int { lambda.count }

    public init(labelled data: LabelledData) throws {
        self.init(activation: try data.storedAttribute(MeanFieldCurveData.activationAttribute), summary: data.attributes["description"] ?? "",
                  sw2: try data.values(Self.sigmaW2), xiCMode: try data.values(Self.xiCMode), xiQMode: try data.values(Self.xiQMode),
                  lambda: try data.values(Self.lambda), chiC: try data.values(Self.chiC), chiQ: try data.values(Self.chiQ))
        provenance = data.provenance
    }

    public func labelled() throws -> LabelledData {
        var data = LabelledData(description: summary, attributes: [MeanFieldCurveData.activationAttribute: activation])
        data.add(Self.sigmaW2, values: sw2)
        data.add(Self.mode, values: (0..<lambda.count).map(Double.init))
        data.add(variable: Self.xiCMode, values: xiCMode)
        data.add(variable: Self.xiQMode, values: xiQMode)
        data.add(variable: Self.lambda, values: lambda)
        data.add(variable: Self.chiC, values: chiC)
        data.add(variable: Self.chiQ, values: chiQ)
        return data
    }
}
