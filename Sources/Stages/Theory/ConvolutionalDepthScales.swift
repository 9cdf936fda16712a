import Foundation
import MeanField
import Pipeline
import Artifacts

/// Depth scales of the Fourier modes of a CNN's correlations (002 Eqs. 14–22) along σ_w²: for
/// kernel size 2k+1 and spatial size n, mode p decays with ξ_p = −1/log(χ_c* |λ_p|).
public struct ConvolutionalDepthScales: Stage {
    /// Which network.
    public struct Parameters: Codable, Hashable, Sendable {
        public var activation: Activation
        public var sb2: Double
        public var sw2: ParameterAxis
        public var kernelHalfWidth: Int
        public var spatialSize: Int
        public init(activation: Activation, sb2: Double, sw2: ParameterAxis, kernelHalfWidth: Int, spatialSize: Int) {
            self.activation = activation
            self.sb2 = sb2
            self.sw2 = sw2
            self.kernelHalfWidth = kernelHalfWidth
            self.spatialSize = spatialSize
        }
    }

    public static let kind = "theory.cnn-depth-scales"
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public func run(_ context: StageContext) throws -> ConvolutionalModesData {
        let p = parameters
        let sw2 = p.sw2.values
        var offDiagonal: [Double] = [], diagonal: [Double] = [], chiC: [Double] = [], chiQ: [Double] = []
        var eigenvalues: [Double] = []
        for w in sw2 {
            let cnn = try ConvolutionalMeanField(activation: p.activation, weightVariance: w, biasVariance: p.sb2,
                                                 kernelHalfWidth: p.kernelHalfWidth, spatialSize: p.spatialSize)
            offDiagonal += cnn.offDiagonalDepthScales.map { $0.isFinite ? $0 : .nan }
            diagonal += cnn.diagonalDepthScales.map { $0.isFinite ? $0 : .nan }
            chiC.append(cnn.chiC ?? .nan)
            chiQ.append(cnn.chiQ ?? .nan)
            eigenvalues = cnn.eigenvalues
        }
        return ConvolutionalModesData(
            activation: p.activation.rawValue,
            summary: "CNN Fourier-mode depth scales of \(p.activation.rawValue), kernel \(2 * p.kernelHalfWidth + 1), n = \(p.spatialSize), sigma_b^2 = \(p.sb2) (paper 002, Eqs. 14-22)",
            sw2: sw2, xiCMode: offDiagonal, xiQMode: diagonal, lambda: eigenvalues, chiC: chiC, chiQ: chiQ)
    }
}
