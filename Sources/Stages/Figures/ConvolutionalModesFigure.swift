import Foundation
import Pipeline
import Plot
import Artifacts

/// Depth scales of a CNN's Fourier modes against σ_w² (002 Eqs. 14–22): mode 0 is the fully
/// connected ξ_c; higher modes decay faster, by |λ_p|.
public struct ConvolutionalModesFigure: Stage {
    /// What the caption states.
    public struct Parameters: Codable, Hashable, Sendable {
        public var profile: Profile
        public init(profile: Profile) { self.profile = profile }
    }

    public static let kind = "figure.cnn-modes"
    public var parameters: Parameters
    /// A ``ConvolutionalDepthScales`` output.
    public let modes: Artifact<ConvolutionalModesData>

    public init(_ parameters: Parameters, modes: Artifact<ConvolutionalModesData>) {
        self.parameters = parameters
        self.modes = modes
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let data = try context.read(modes)
        let sw2 = data.sw2, modeCount = data.modeCount
        let xi = data.xiCMode, lambda = data.lambda
        var layers: [Layer] = []
        // λ_p = λ_{n−p}: modes beyond n/2 repeat, so draw p = 0 … n/2.
        for p in 0...(modeCount / 2) {
            let column = sw2.indices.map { xi[$0 * modeCount + p] }
            layers.append(.series(Series(x: sw2, y: column, title: Text("p = \(p), λ_p = \(String(format: "%.3f", lambda[p]))"),
                                         style: Style(color: SeriesColors.color(p), lineWidth: 2))))
        }
        let caption: Text = """
        \(data.summary). Off-diagonal Fourier mode p of the covariance decays with depth scale \
        ξ_p = −1/log(χ_c* |λ_p|) (Eq. 21); p = 0 (λ₀ = 1) is the fully connected ξ_c (Eq. 22) and diverges at the \
        critical point, while modes with |λ_p| < 1 stay finite there. Profile: \(parameters.profile).
        """
        let panel = Panel(title: "CNN mode depth scales", x: Axis(label: "σ_w²"), y: Axis(label: "ξ_p (layers)", isLogarithmic: true),
                          key: .topRight, layers: layers)
        return FigureArtifact(name: "cnn-modes", figure: Figure(caption: caption, size: FigureSize(width: 820, height: 600), panels: [panel]))
    }
}
