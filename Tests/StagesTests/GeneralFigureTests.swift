import Artifacts
import Foundation
import Pipeline
import Plot
@testable import Stages
import Testing

/// The general figure types: series cut from typed data by column, labels and captions filled
/// from the data, residuals, the palette convention.
@Suite struct GeneralFigureTests {
    typealias M = LatticeModesData

    /// Lattice-mode data over two σ_w², three networks, four modes (one histogram of two bins),
    /// with a provenance as the engine records it.
    static func modes(sw2: [Double] = [0.5, 0.9]) throws -> LabelledData {
        let s = sw2.count, networks = 3, q = [0.0, 1, 2, 3]
        func ramp(_ count: Int, _ scale: Double) -> [Double] { (0..<count).map { Double($0 + 1) * scale } }
        var values: [DataColumn<M>: [Double]] = [
            M.sigmaW2: sw2, M.network: [0, 1, 2], M.wavevector: q, M.histogramWavevector: [1], M.bin: [0, 1],
            M.realPart: ramp(s * networks * 4, 0.1), M.imaginaryPart: ramp(s * networks * 4, 0.01),
            M.histogramX: ramp(s * 2, 1), M.histogramDensity: ramp(s * 2, 0.2), M.histogramGaussian: ramp(s * 2, 0.25),
            M.ksDistance: ramp(s, 0.05), M.ksCritical: ramp(s, 0.4),
        ]
        for column in [M.meanReal, M.meanImaginary, M.meanPredicted, M.variancePredicted] { values[column] = ramp(s * 4, 1) }
        for column in [M.meanRealStderr, M.meanImaginaryStderr] { values[column] = Array(repeating: 0.5, count: s * 4) }
        values[M.variance] = ramp(s * 4, 1).map { $0 + 1 }      // one above the prediction everywhere
        values[M.varianceStderr] = Array(repeating: 0.25, count: s * 4)
        var data = try LatticeModesData(sigmaB2: 0.01, width: 200, depth: 256, networks: networks, windowStart: 128, seed: 6, values: values).labelled()
        try LatticeModesData.addDerivedColumns(to: &data)
        // As read back from a stage's output: with its provenance.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("general-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try data.write(to: dir, provenance: ArtifactProvenance(kind: "simulation.lattice-modes", parameters: .object(["bins": .int(2), "ensemble": .object(["networks": .int(3)])])))
        return try LabelledData.read(from: dir)
    }

    static func series(_ y: DataColumn<M>, x: DataColumn<M> = M.wavevector, error: DataColumn<M>? = nil, drawing: SeriesDrawing = .points,
                       coloring: SeriesColoring = .automatic, each: DataColumn<M>? = nil, at fixed: [FixedAxis] = [], title: String? = nil) -> SeriesSpec {
        SeriesSpec(input: 0, x: ColumnReference(x), y: ColumnReference(y), error: error.map(ColumnReference.init), each: each.map(ColumnReference.init),
                   fixed: fixed, drawing: drawing, coloring: coloring, title: title)
    }

    @Test func templatesAreFilledFromTheDataAndAnUnknownNameIsNamed() throws {
        let data = try Self.modes(sw2: [0.9])
        let text = try TextTemplate.fill("N = {width}, σ_w² = {sigma_w2}, M = {ensemble.networks}, {bins} bins", from: [data])
        #expect(text == "N = 200, σ_w² = 0.9, M = 3, 2 bins")
        // At a curve: a variable over the fixed axes.
        #expect(try TextTemplate.fill("D = {ks_distance}", from: [data], at: ["histogram_q": 0]) == "D = 0.05")
        let error = #expect(throws: TemplateError.self) { try TextTemplate.fill("N = {widht}", from: [data]) }
        #expect(error?.description.contains("{widht}") == true && error?.description.contains("width") == true)
    }

    @Test func aSeriesIsCutAlongOneFreeAxis() throws {
        let data = try Self.modes()
        // Two σ_w² and no choice: refused, naming the fix.
        let error = #expect(throws: SeriesError.self) { try ColumnSlicing.curves(Self.series(M.meanReal), in: data) }
        #expect(error?.description.contains(".at(axis, value)") == true && error?.description.contains("sigma_w2") == true)
        // Held at the stored σ_w² nearest 0.85: the second block of four modes.
        let held = try ColumnSlicing.curves(Self.series(M.meanReal, at: [FixedAxis(axis: "sigma_w2", value: 0.85)]), in: data)
        #expect(held.count == 1 && held[0].y == [5, 6, 7, 8] && held[0].x == [0, 1, 2, 3])
        // One curve per network, at σ_w² = 0.5; |ε_q|² derived from the stored parts.
        let ensemble = try ColumnSlicing.curves(Self.series(M.power, each: M.network, at: [FixedAxis(axis: "sigma_w2", value: 0.5)]), in: data)
        #expect(ensemble.count == 3 && ensemble.allSatisfy { $0.y.count == 4 })
        let re = 0.1 * 5, im = 0.01 * 5      // network 1, q = 0: the fifth value
        #expect(abs(ensemble[1].y[0] - (re * re + im * im)) < 1e-12)
        // x may be a variable over the same axes (histogram bin centres).
        let histogram = try ColumnSlicing.curves(Self.series(M.histogramDensity, x: M.histogramX, at: [FixedAxis(axis: "sigma_w2", value: 0.9)]), in: data)
        #expect(histogram[0].x == [3, 4] && histogram[0].y.map { ($0 * 10).rounded() / 10 } == [0.6, 0.8])
    }

    @Test func curvesTakeLabelsFromColumnsColoursFromTheConventionAndResidualsInErrors() throws {
        let data = try Self.modes(sw2: [0.9])
        let panel = CurvesPanel(title: "σ_w² = {sigma_w2}", series: [
            Self.series(M.variance, error: M.varianceStderr),
            Self.series(M.variancePredicted, drawing: .line, coloring: .theory),
            Self.series(M.power, drawing: .faintLines, each: M.network),
        ], residuals: Residuals(data: 0, theory: 1), references: [], logX: false, logY: true, xLabel: nil, yLabel: nil)
        let drawn = try PanelDrawing(inputs: [data]).panel(.curves(panel))
        #expect(drawn.title?.string == "σ_w² = 0.9")
        #expect(drawn.x.label?.string == "q (rad)")
        #expect(drawn.y.label?.string == "⟨ε_q†ε_q⟩, |ε_q|²")
        #expect(drawn.y.isLogarithmic && drawn.key == .automatic)
        var theoryColors: [Color?] = [], ensembleColors: [Color?] = [], titles: [String] = []
        for layer in drawn.layers {
            guard case .series(let s) = layer else { continue }
            if s.y == [1, 2, 3, 4] { theoryColors.append(s.style.color) } else { ensembleColors.append(s.style.color) }
            if let title = s.title { titles.append(title.string) }
        }
        #expect(theoryColors == [LinePalette.theory])
        // An ensemble's members are interchangeable: one light colour, one key entry.
        #expect(ensembleColors.count == 3 && Set(ensembleColors).count == 1 && ensembleColors[0] != LinePalette.theory)
        #expect(titles.filter { $0.contains("one line per network") } == ["|ε_q|², one line per network (3 of them)"])
        // The measured variance is one above S(q) with error 0.25: four standard errors.
        let strip = try #require(drawn.residuals)
        guard case .series(let residuals) = strip.layers[0] else { Issue.record("no residual points"); return }
        #expect(residuals.y == [4, 4, 4, 4])
    }

    @Test func pointsAtTheSameXAreSpreadAndTheirScriptIsMath() throws {
        let data = try Self.modes(sw2: [0.9])
        let panel = CurvesPanel(title: nil, series: [Self.series(M.meanReal, error: M.meanRealStderr), Self.series(M.meanImaginary, error: M.meanImaginaryStderr)],
                                residuals: nil, references: [.horizontal(0)], logX: false, logY: false, xLabel: nil, yLabel: nil)
        let drawn = try PanelDrawing(inputs: [data]).panel(.curves(panel))
        let xs = drawn.layers.compactMap { layer -> [Double]? in if case .errorBars(let e) = layer { e.x } else { nil } }
        #expect(xs.count == 2 && xs[0] != xs[1])
        #expect(zip(xs[0], xs[1]).allSatisfy { abs($0 - $1) < 0.5 && $0 < $1 })
        let script = try GnuplotScript(figure: Figure(caption: "N = 200", panels: [drawn]), name: "means").text
        #expect(script.contains("set ylabel \"⟨Re ε_{q}⟩, ⟨Im ε_{q}⟩\" enhanced"))
    }

    @Test func orderedParametersRunFromBlueToRedAndAreNamedInTheKey() throws {
        let data = try Self.modes(sw2: [0.5, 0.7, 0.9])
        let panel = CurvesPanel(title: nil, series: [Self.series(M.meanReal, drawing: .line, each: M.sigmaW2)], residuals: nil, references: [],
                                logX: false, logY: false, xLabel: nil, yLabel: nil)
        let drawn = try PanelDrawing(inputs: [data]).panel(.curves(panel))
        let lines = drawn.layers.compactMap { layer -> Series? in if case .series(let s) = layer { s } else { nil } }
        #expect(lines.map(\.style.color) == (0..<3).map { LinePalette.sequential($0, of: 3) })
        #expect(lines.map { $0.title?.string } == ["σ_w² = 0.5", "σ_w² = 0.7", "σ_w² = 0.9"])
    }

    @Test func aHeatmapTakesItsAxesAndColourBarFromTheColumns() throws {
        let data = try Self.modes(sw2: [0.9])
        let panel = HeatmapPanel(title: "|ε_q|² at σ_w² = {sigma_w2}", input: 0, values: ColumnReference(M.power), x: ColumnReference(M.wavevector),
                                 y: ColumnReference(M.network), fixed: [], overlays: [Self.series(M.meanReal, drawing: .line, coloring: .theory)],
                                 logX: false, logY: false, logColor: true)
        let drawn = try PanelDrawing(inputs: [data]).panel(.heatmap(panel))
        guard case .heatmap(let map) = drawn.layers[0] else { Issue.record("no heatmap"); return }
        #expect(map.x == [0, 1, 2, 3] && map.y == [0, 1, 2])
        // values[j][i] at network j, mode i: (0.1 k)² + (0.01 k)² for the k-th stored value.
        let k = 1 * 4 + 2 + 1
        #expect(abs(map.values[1][2] - (pow(0.1 * Double(k), 2) + pow(0.01 * Double(k), 2))) < 1e-12)
        #expect(map.colorBar.label?.string == "|ε_q|²" && map.colorBar.isLogarithmic)
        #expect(drawn.title?.string == "|ε_q|² at σ_w² = 0.9" && drawn.x.label?.string == "q (rad)" && drawn.y.label?.string == "network")
        #expect(drawn.layers.count == 2)
        // A variable that also varies over an axis the panel does not hold is refused.
        let two = try Self.modes()
        #expect(throws: SeriesError.self) { try PanelDrawing(inputs: [two]).panel(.heatmap(panel)) }
    }

    @Test func aFigureThatCannotBeDrawnIsRefusedBeforeItRuns() throws {
        let curves = CurvesPanel(title: nil, series: [Self.series(M.variance, error: M.varianceStderr), Self.series(M.variancePredicted, drawing: .line)],
                                 residuals: Residuals(data: 0, theory: 1), references: [], logX: false, logY: true, xLabel: nil, yLabel: nil)
        let good = PanelFigure.Parameters(name: "fig", title: nil, caption: "", columns: 1, panels: [.curves(curves)], profile: nil)
        try good.check()
        var noColumns = good
        noColumns.columns = 0
        #expect(throws: ParameterCheckError.self) { try noColumns.check() }
        var badStrip = curves
        badStrip.residuals = Residuals(data: 1, theory: 2)
        let outOfRange = PanelFigure.Parameters(name: "fig", title: nil, caption: "", columns: 1, panels: [.curves(badStrip)], profile: nil)
        let error = #expect(throws: ParameterCheckError.self) { try outOfRange.check() }
        #expect(error?.description.contains("residuals compare series 1 and 2") == true)
        badStrip.residuals = Residuals(data: 1, theory: 0)      // series 1 has no errors
        #expect(throws: ParameterCheckError.self) { try PanelFigure.Parameters(name: "fig", title: nil, caption: "", columns: 1, panels: [.curves(badStrip)], profile: nil).check() }
    }
}
