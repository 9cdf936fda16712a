import Foundation
import Testing
@testable import Plot

/// The rows of datablock `name` in a script.
func datablock(_ name: String, in script: String) -> [String]? {
    let lines = script.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "\(name) << EOD") else { return nil }
    guard let end = lines[start...].firstIndex(of: "EOD") else { return nil }
    return Array(lines[(start + 1)..<end])
}

@Suite struct GnuplotScriptTests {
    @Test func seriesDataIsInlineWithFullPrecision() throws {
        let x = [0.1, 0.2, 0.1 + 0.2]
        let y = [1.0 / 3.0, 2e-17, -4.5]
        let script = try GnuplotScript(figure: Fixtures.single([.series(Series(x: x, y: y))]), name: "s").text
        let rows = try #require(datablock("$panel1_layer1", in: script))
        #expect(rows.count == 3)
        for (row, (xi, yi)) in zip(rows, zip(x, y)) {
            let parts = row.split(separator: " ").compactMap { Double($0) }
            #expect(parts == [xi, yi])
        }
        #expect(script.contains("    plot \\\n        $panel1_layer1 using 1:2 with lines"))
    }

    @Test func nanIsWrittenAsNaNWithoutMissingSetting() throws {
        let figure = Fixtures.single([
            .series(Series(x: [1, 2, 3], y: [1, .nan, .infinity])),
            .errorBars(ErrorBars(x: [1, 2], y: [1, 2], error: [.nan, 0.1])),
        ])
        let script = try GnuplotScript(figure: figure, name: "n").text
        #expect(datablock("$panel1_layer1", in: script) == ["1.0 1.0", "2.0 NaN", "3.0 NaN"])
        #expect(datablock("$panel1_layer2", in: script) == ["1.0 1.0 NaN", "2.0 2.0 0.1"])
        // `set datafile missing NaN` would join lines across gaps and break `with image`.
        #expect(!script.contains("datafile missing"))
    }

    @Test func heatmapRowsPairValuesWithTheirCells() throws {
        let x = [1.0, 2, 4], y = [10.0, 100]
        let values = [[1.0, 2, 3], [4, .nan, 6]]   // values[j][i] at (x[i], y[j])
        let figure = Fixtures.single([.heatmap(Heatmap(x: x, y: y, values: values,
                                                       colorBar: ColorBar(label: "acc")))],
                                     y: Axis(isLogarithmic: true))
        let script = try GnuplotScript(figure: figure, name: "h").text
        let rows = try #require(datablock("$panel1_layer1", in: script))
        #expect(rows.count == 6)
        let xEdges = HeatmapCells.edges(x, logarithmic: false)
        let yEdges = HeatmapCells.edges(y, logarithmic: true)
        for row in rows {
            let c = row.split(separator: " ").map { Double($0)! }
            let i = try #require(x.firstIndex(of: c[0])), j = try #require(y.firstIndex(of: c[1]))
            #expect(Array(c[2...5]) == [xEdges[i], xEdges[i + 1], yEdges[j], yEdges[j + 1]])
            if values[j][i].isNaN { #expect(c[6].isNaN) } else { #expect(c[6] == values[j][i]) }
        }
        // The plot area spans exactly the cells.
        #expect(script.contains("set xrange [0.5:5.0]"))
        #expect(script.contains("set yrange [\(GnuplotSyntax.number(yEdges[0])):\(GnuplotSyntax.number(yEdges[2]))]"))
        #expect(script.contains("with boxxyerror fillstyle solid 1.0 linecolor palette notitle"))
        #expect(script.contains("set cblabel \"acc\" enhanced"))
    }

    @Test func missingCellsGetTheirOwnColourAndKeyEntry() throws {
        // Diverged training runs were NaN cells drawn blank: white on a white background.
        let values = [[0.5, .nan], [0.9, 0.2]]
        let figure = Fixtures.single([.heatmap(Heatmap(x: [1, 2], y: [10, 20], values: values,
                                                       missing: MissingCells("diverged", color: Color(hex: 0xd62728))))])
        let script = try GnuplotScript(figure: figure, name: "m").text
        let rows = try #require(datablock("$panel1_layer1", in: script))
        // The eighth column flags exactly the NaN cell.
        #expect(rows.map { $0.split(separator: " ").last.map(String.init) } == ["0", "1", "0", "0"])
        #expect(script.contains("$panel1_layer1 using ($8 > 0 ? $1 : NaN):2:3:4:5:6 with boxxyerror fillstyle solid 1.0 linecolor rgb \"#d62728\" title \"diverged\""))
        // Without `missing`, the datablock keeps seven columns and no extra plot element.
        let plain = try GnuplotScript(figure: Fixtures.single([.heatmap(Heatmap(x: [1, 2], y: [10, 20], values: values))]), name: "p").text
        #expect(try #require(datablock("$panel1_layer1", in: plain)).allSatisfy { $0.split(separator: " ").count == 7 })
        #expect(!plain.contains("$8"))
    }

    @Test func bandIsATranslucentFilledRegion() throws {
        let figure = Fixtures.single([.band(Band(x: [0, 1, 2], lower: [0.1, 0.2, .nan], upper: [0.3, 0.5, 0.6], title: "spread", color: .red))])
        let script = try GnuplotScript(figure: figure, name: "b").text
        #expect(datablock("$panel1_layer1", in: script) == ["0.0 0.1 0.3", "1.0 0.2 0.5", "2.0 NaN 0.6"])
        #expect(script.contains("$panel1_layer1 using 1:2:3 with filledcurves fillstyle transparent solid 0.25 noborder linecolor rgb \"#d62728\" title \"spread\""))
        let bad = Fixtures.single([.band(Band(x: [0, 1], lower: [0], upper: [1, 2], color: .red))])
        #expect(throws: PlotError.self) { try GnuplotScript(figure: bad, name: "bad") }
    }

    @Test func logarithmicAxesAndColourScale() throws {
        let figure = Fixtures.single(
            [.heatmap(Heatmap(x: [1, 10], y: [1, 10], values: [[1, -2], [3, 4]],
                              colorBar: ColorBar(isLogarithmic: true, range: 0.1...10,
                                                 marks: [ColorBarMark("chance", at: 0.1)])))],
            x: Axis(isLogarithmic: true), y: Axis(minimum: 0.5, maximum: 20, isLogarithmic: true))
        let script = try GnuplotScript(figure: figure, name: "log").text
        #expect(script.contains("set logscale x 10\n"))
        #expect(script.contains("set logscale y 10\n"))
        #expect(script.contains("set logscale cb\n"))
        // Two decades of colour: tics labelled as powers of ten.
        #expect(script.contains("set format cb \"10^{%L}\""))
        #expect(script.contains("set yrange [0.5:20.0]"))
        #expect(script.contains("set cbrange [0.1:10.0]"))
        #expect(script.contains("set cbtics add (\"chance\" 0.1)"))
        // A non-positive value cannot be coloured on a log scale: it becomes a blank cell.
        let rows = try #require(datablock("$panel1_layer1", in: script))
        #expect(rows[1].hasSuffix(" NaN"))
    }

    @Test func multiplotGridPlacesPanelsRowByRow() throws {
        let panel = Panel(layers: [.series(Series(x: [0, 1], y: [0, 1]))])
        let figure = Figure(caption: "", size: FigureSize(width: 800, height: 600),
                            grid: Grid(rows: 2, columns: 2), panels: [panel, panel, panel])
        let script = try GnuplotScript(figure: figure, name: "grid").text
        #expect(script.contains("set multiplot\n"))
        #expect(script.contains("unset multiplot"))
        // No title and no caption: four cells of 0.5 × 0.5, filled row by row from the top.
        let origins = script.components(separatedBy: "\n").filter { $0.hasPrefix("    set origin") }
        #expect(origins == ["    set origin 0.0,0.5", "    set origin 0.5,0.5", "    set origin 0.0,0.0"])
        #expect(script.components(separatedBy: "    set size 0.5,0.5\n").count == 4)
        #expect(script.components(separatedBy: "\n    reset\n    set origin").count == 4)
    }

    @Test func captionGetsAStripBelowThePanels() throws {
        let figure = Figure(caption: "Line one\nLine two", size: FigureSize(width: 1000, height: 500),
                            panels: [Panel(layers: [.series(Series(x: [0, 1], y: [0, 1]))])])
        let layout = FigureLayout(figure: figure)
        #expect(layout.captionLines.map(\.text) == ["Line one", "Line two"])
        // Two lines of 1.3 em plus 0.8 em padding at 11 pt: 37.4 px of 500.
        let strip = (2 * 1.3 * 11 + 0.8 * 11) / 500
        #expect(abs(layout.panels[0].y - strip) < 1e-12)
        #expect(layout.captionLines.allSatisfy { $0.y > 0 && $0.y < strip })
        let script = try GnuplotScript(figure: figure, name: "c").text
        #expect(script.contains("set label 1001 \"Line one\" enhanced at screen"))
        #expect(script.contains("set label 1002 \"Line two\" enhanced at screen"))
        #expect(script.contains("# Caption: Line one\n# Caption: Line two\n"))
    }

    @Test func longCaptionLinesWrap() {
        let words = Array(repeating: "parameter", count: 40).joined(separator: " ")
        let lines = FigureLayout.wrap(words, width: 600, fontSize: 10)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= Int(600 / 7.0) })
        #expect(lines.joined(separator: " ") == words)
    }

    @Test func literalTextIsSetAsMathAndOtherMarkupEscaped() throws {
        var panel = Panel(title: #"σ_w² "quoted" \ back {x} @a &b"#,
                          x: Axis(label: .enhanced("σ_w^2")), y: Axis(label: "ξ_c"),
                          layers: [.series(Series(x: [0, 1], y: [0, 1], title: "q_1 ^2"))])
        panel.layers.append(.label(TextLabel("chance_level", at: .data(x: 0.5, y: 0.1))))
        let figure = Figure(title: "fig_title", caption: "Dataset: x_y", panels: [panel])
        let script = try GnuplotScript(figure: figure, name: "esc").text
        // Scripts of a symbol become sub- and superscripts; every other markup character is
        // escaped (one backslash for enhanced text, doubled inside gnuplot's double quotes).
        #expect(script.contains(#"set title "σ_{w}² \"quoted\" \\\\ back \\{x\\} \\@a \\&b" enhanced"#))
        #expect(script.contains("set xlabel \"σ_w^2\" enhanced"))
        #expect(script.contains("set ylabel \"ξ_{c}\" enhanced"))
        #expect(script.contains(#"title "q_{1} \\^2" enhanced"#))
        #expect(script.contains(#"set label 1 "chance\\_level" enhanced at first 0.5, first 0.1 left"#))
        #expect(script.contains(#"set label 1000 "fig\\_title" enhanced at screen 0.5"#))
    }

    @Test func bothTerminalsShareOneBody() throws {
        let script = try GnuplotScript(figure: Fixtures.twoPanel(), name: "fig").text
        #expect(script.contains("do for [format in \"png pdf\"] {"))
        #expect(script.contains("set terminal pngcairo size 1100,480 enhanced font \"sans,11.0\""))
        #expect(script.contains("set terminal pdfcairo size \(1100.0 / 72)in,\(480.0 / 72)in enhanced fontscale 1 linewidth 2"))
        #expect(script.contains("set output \"fig\" . \".\" . format"))
        #expect(script.hasSuffix("    unset multiplot\n    set output\n}\n"))
    }

    @Test func referenceLinesAndKeyEntries() throws {
        let figure = Fixtures.single([
            .series(Series(x: [1, 2], y: [1, 2])),
            .reference(ReferenceLine(.vertical(x: 1.76), title: "critical σ_w²")),
            .reference(ReferenceLine(.horizontal(y: 0.1), style: Style(color: .gray, dash: .dotted))),
        ])
        let script = try GnuplotScript(figure: figure, name: "r").text
        #expect(script.contains("set arrow 1 from first 1.76, graph 0 to first 1.76, graph 1 nohead front linecolor rgb \"#000000\" linewidth 1.5 dashtype 2"))
        #expect(script.contains("set arrow 2 from graph 0, first 0.1 to graph 1, first 0.1 nohead front linecolor rgb \"#808080\" linewidth 1.5 dashtype 3"))
        #expect(script.contains("NaN with lines linecolor rgb \"#000000\" linewidth 1.5 dashtype 2 title \"critical σ_{w}²\" enhanced"))
    }

    @Test func sameFigureSameBytes() throws {
        let a = try GnuplotScript(figure: Fixtures.twoPanel(), name: "fig").text
        let b = try GnuplotScript(figure: Fixtures.twoPanel(), name: "fig").text
        #expect(a == b)
        var changed = Fixtures.twoPanel()
        changed.caption = "Profile: default."
        #expect(try GnuplotScript(figure: changed, name: "fig").text != a)
    }

    @Test func inconsistentFiguresAreRejectedWithTheirPlace() {
        let bad = Fixtures.single([.series(Series(x: [1, 2, 3], y: [1, 2]))])
        #expect {
            try GnuplotScript(figure: bad, name: "bad")
        } throws: { error in
            "\(error)".contains("panel 1: layer 1 (series): x has 3 values but y has 2")
        }
        let heat = Fixtures.single([.heatmap(Heatmap(x: [1, 2], y: [1], values: [[1, 2, 3]]))])
        #expect(throws: PlotError.self) { try GnuplotScript(figure: heat, name: "h") }
        let crowded = Figure(caption: "", grid: Grid(rows: 1, columns: 1),
                             panels: Array(repeating: Panel(layers: [.series(Series(x: [1], y: [1]))]), count: 2))
        #expect(throws: PlotError.self) { try GnuplotScript(figure: crowded, name: "c") }
        #expect(throws: PlotError.self) { try GnuplotScript(figure: Fixtures.single([]), name: "empty") }
        #expect(throws: PlotError.self) { try GnuplotScript(figure: Fixtures.twoPanel(), name: "a/b") }
    }
}
