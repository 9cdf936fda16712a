import Foundation
import Pipeline
import Plot
import Simulation
import Artifacts

/// Paper 003 Figs. 3–5: the stochastic lattice networks against their saddle points. Panels: the
/// linear network's bulk norm against r* (Eq. 13); the ReLU network's r₊ and r₋ against r*±
/// (Eq. 20); its number of positive components k against N/2; the linear network's Fourier-mode
/// spectrum against Eq. 15. Where formula and simulation differ, both are drawn and the gap is
/// given in standard errors; nothing is tuned.
public struct LatticeFigure: Stage {
    /// The profile the caption names; everything else it states comes from the inputs.
    public typealias Parameters = Profile

    public static let kind = "figure.lattice"
    public var parameters: Parameters
    public let linear: Artifact<LatticeSweepData>
    public let relu: Artifact<LatticeSweepData>
    public let spectrum: Artifact<LatticeSpectrumData>

    public init(_ parameters: Parameters, linear: Artifact<LatticeSweepData>, relu: Artifact<LatticeSweepData>, spectrum: Artifact<LatticeSpectrumData>) {
        self.parameters = parameters
        self.linear = linear
        self.relu = relu
        self.spectrum = spectrum
    }

    /// The relu input holds a linear sweep.
    public struct NotReLU: Error, CustomStringConvertible { public let description: String }

    /// The largest |measured − predicted| in standard errors.
    static func worstGap(_ measured: [Double], _ error: [Double], _ predicted: [Double]) -> Double {
        zip(zip(measured, error), predicted).map { abs($0.0 - $1) / max($0.1, 1e-300) }.max() ?? .nan
    }

    public func run(_ context: StageContext) throws -> FigureArtifact {
        let lin = try context.read(linear), rel = try context.read(relu), spec = try context.read(spectrum)
        let w = lin.sw2, norm = lin.norm, normSE = lin.normStderr, rStar = lin.normPredicted, rFinite = lin.normFiniteWidth
        let linearPanel = Panel(title: "linear: bulk norm (003 Fig. 3)", x: Axis(label: "σ_w²"), y: Axis(label: "|z|", isLogarithmic: true), key: .topLeft, layers: [
            .series(Series(x: w, y: rStar, title: "r* (Eq. 13)", style: Style(color: .black, lineWidth: 2))),
            .series(Series(x: w, y: rFinite, title: "finite-N mean (ours)", style: Style(color: .gray, lineWidth: 1.5, dash: .dashed))),
            .errorBars(ErrorBars(x: w, y: norm, error: normSE, title: "simulation", style: Style(color: .blue, pointType: 7, pointSize: 0.8))),
        ])
        guard let parts = rel.relu else { throw NotReLU(description: "the relu input holds a \(rel.model) lattice sweep; wire a LatticeSweep with model .relu") }
        let rw = rel.sw2, rPred = rel.normPredicted, rFin = rel.normFiniteWidth
        let rPlus = parts.rPlus, rPlusSE = parts.rPlusStderr, rMinus = parts.rMinus, rMinusSE = parts.rMinusStderr
        let k = parts.k, kSE = parts.kStderr, kPred = parts.kPredicted
        let reluPanel = Panel(title: "ReLU: r₊ and r₋ (003 Fig. 5)", x: Axis(label: "σ_w²"), y: Axis(label: "norm", isLogarithmic: true), key: .topLeft, layers: [
            .series(Series(x: rw, y: rPred, title: "r*± (Eq. 20)", style: Style(color: .black, lineWidth: 2))),
            .series(Series(x: rw, y: rFin, title: "finite-N mean (ours)", style: Style(color: .gray, lineWidth: 1.5, dash: .dashed))),
            .errorBars(ErrorBars(x: rw, y: rPlus, error: rPlusSE, title: "r₊", style: Style(color: .red, pointType: 7, pointSize: 0.8))),
            .errorBars(ErrorBars(x: rw, y: rMinus, error: rMinusSE, title: "r₋", style: Style(color: .blue, pointType: 5, pointSize: 0.8))),
        ])
        let kPanel = Panel(title: "ReLU: positive components k", x: Axis(label: "σ_w²"), y: Axis(label: "k"), key: .topRight, layers: [
            .series(Series(x: rw, y: kPred, title: "k* = N/2", style: Style(color: .black, lineWidth: 2))),
            .errorBars(ErrorBars(x: rw, y: k, error: kSE, title: "simulation", style: Style(color: .green, pointType: 7, pointSize: 0.8))),
        ])
        let sw = spec.sw2, q = spec.q
        var specLayers: [Layer] = []
        let colours = [Color.blue, Color.red, Color.green, Color.orange, Color(hex: 0x9467bd), Color(hex: 0x8c564b), Color(hex: 0xe377c2)]
        for (i, s) in sw.enumerated() {
            let colour = colours[i % colours.count]
            specLayers.append(.series(Series(x: q, y: Array(spec.row(spec.modeVariance, at: i)), title: Text("σ_w² = \(CaptionNumber.format(s))"), kind: .points, style: Style(color: colour, pointType: 7, pointSize: 0.4))))
            specLayers.append(.series(Series(x: q, y: Array(spec.row(spec.modeVariancePredicted, at: i)), title: i == 0 ? "Eq. 15" : nil, style: Style(color: .black, lineWidth: 1.2))))
        }
        let specPanel = Panel(title: "linear: mode spectrum (003 Fig. 4)", x: Axis(label: "q"), y: Axis(label: "⟨|ε_q|²⟩/W", isLogarithmic: true),
                              key: .topRight, layers: specLayers)
        let gapLinear = Self.worstGap(norm, normSE, rStar), gapLinearFinite = Self.worstGap(norm, normSE, rFinite)
        let gapRelu = Self.worstGap(rPlus + rMinus, rPlusSE + rMinusSE, rPred + rPred), gapReluFinite = Self.worstGap(rPlus + rMinus, rPlusSE + rMinusSE, rFin + rFin)
        let protocolText = LatticeProtocol.text([("linear", lin.latticeProtocol), ("ReLU", rel.latticeProtocol), ("spectrum", spec.latticeProtocol)])
        let exactSampler = [lin.sampler, rel.sampler, spec.sampler].allSatisfy { $0 == Sampler.exact.rawValue }
            ? " (W y drawn from its exact Gaussian law: fresh weights each layer)" : ""
        let caption = Text("""
        Stochastic lattice networks of paper 003 (window averages over the second half of the layers, means and standard errors over \
        networks). Linear: the measured bulk norm lies at most \(String(format: "%.1f", gapLinear)) standard errors from the saddle point r* \
        of Eq. 13 and \(String(format: "%.1f", gapLinearFinite)) from the finite-width mean E|z| = r*√(1 − 1/(2N(1 − σ_w⁴))) (dashed; our \
        correction: the window average estimates the mean, r* is the mode). ReLU: r₊, r₋ lie at most \(String(format: "%.1f", gapRelu)) \
        standard errors from r*± of Eq. 20 and \(String(format: "%.1f", gapReluFinite)) from the finite-width mean; k against N/2. \
        Spectrum: points measured (FFTW periodogram of r_l − r*), black lines Eq. 15. Each σ_w² of each panel (the spectrum's too) has its own \
        seed, so the points' errors are independent. \(protocolText)\(exactSampler). Profile: \(parameters).
        """)
        let figure = Figure(caption: caption, size: FigureSize(width: 1100, height: 900), grid: Grid(rows: 2, columns: 2),
                            panels: [linearPanel, specPanel, reluPanel, kPanel])
        return FigureArtifact(name: "lattice", figure: figure)
    }
}
