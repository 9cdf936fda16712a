import Foundation
import Stages
import Testing
import Artifacts

/// The finite-width and dynamical-isometry figures read what they state from their input's
/// data and provenance: a `--set` on the producer shows in the caption, with no second copy of
/// the value in the figure's parameters.
@Suite("finite-width and isometry figures: captions from their inputs", .serialized)
struct ContentFiguresTests {
    static func caption(_ cli: CLIProcess, _ figure: String) throws -> String {
        try String(contentsOf: cli.results.appendingPathComponent(figure + FigureArtifact.captionSuffix), encoding: .utf8)
    }

    @Test("a --set σ_b² reaches the finite-width caption; the data carry their fits")
    func finiteWidthCaptionFollowsSet() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let run = try cli.run(["run", "002-finite-width", "--profile", "quick", "--quiet", "--set", "002-finite-width/propagation.sb2=0.1"])
        try #require(run.status == 0, "\(run.stderr)")
        cli.expectRendered(["002-finite-width/figure/propagation"])
        let caption = try Self.caption(cli, "002-finite-width/figure/propagation")
        #expect(caption.contains("σ_b² = 0.1,") && !caption.contains("σ_b² = 0.05"), "\(caption)")
        let data = try FiniteWidthPropagationData.read(from: cli.results.appendingPathComponent("002-finite-width/propagation"))
        #expect(data.provenance?.kind == FiniteWidthPropagation.kind)
        // Quick: three widths, so each σ_w² row has a fit with an interval around its exponent.
        for i in data.sigmaW2.indices {
            #expect(data.varianceExponentLower[i] < data.varianceExponent[i] && data.varianceExponent[i] < data.varianceExponentUpper[i])
            #expect(caption.contains(String(format: "b = %.2f", data.varianceExponent[i])), "\(caption)")
        }
    }

    @Test("the isometry caption names each family's point and width from the spectra's record")
    func isometryCaptionFromRecord() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let run = try cli.run(["run", "002-dynamical-isometry", "--profile", "quick", "--quiet", "--set", "002-dynamical-isometry/spectra.width=40"])
        try #require(run.status == 0, "\(run.stderr)")
        cli.expectRendered(["002-dynamical-isometry/figure/jacobian-spectra"])
        let caption = try Self.caption(cli, "002-dynamical-isometry/figure/jacobian-spectra")
        #expect(caption.contains("N = 40,"), "\(caption)")
        #expect(caption.contains("tanh at σ_b² = 0.0001") && caption.contains("ReLU at σ_b² = 0, σ_w² = 2"), "\(caption)")
        let data = try JacobianSpectraData.read(from: cli.results.appendingPathComponent("002-dynamical-isometry/spectra"))
        #expect(data.samples.count == 40 * 8 && data.families.count == 4)
    }
}
