import Foundation
import Testing
@testable import Plot

/// Every quoted text a script draws: titles, axis and colour-bar labels, text labels, key entries.
func drawnTexts(in script: String) -> [String] {
    var texts: [String] = []
    for line in script.components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("set title") || trimmed.hasPrefix("set xlabel") || trimmed.hasPrefix("set ylabel")
            || trimmed.hasPrefix("set cblabel") || trimmed.hasPrefix("set label") || trimmed.contains(" title \"") else { continue }
        // The first quoted string after the command or after `title`.
        let start = trimmed.range(of: " title \"")?.upperBound ?? trimmed.range(of: "\"")?.upperBound
        guard let start else { continue }
        var text = "", escaped = false
        for character in trimmed[start...] {
            if escaped { text.append(character); escaped = false; continue }
            if character == "\\" { text.append(character); escaped = true; continue }
            if character == "\"" { break }
            text.append(character)
        }
        texts.append(text)
    }
    return texts
}

/// The presentation rules every figure gets from the emitter (issue 17 item 6).
@Suite struct PresentationRulesTests {
    @Test func mathMarkupSetsScriptsOfSymbolsOnly() {
        #expect(MathMarkup.markup("σ_w²") == "σ_{w}²")
        #expect(MathMarkup.markup("ξ_c (layers)") == "ξ_{c} (layers)")
        #expect(MathMarkup.markup("|z^l|") == "|z^{l}|")
        #expect(MathMarkup.markup("χ₁^L") == "χ₁^{L}")
        #expect(MathMarkup.markup("10^-3") == "10^{-3}")
        #expect(MathMarkup.markup("W^(−1/2)") == "W^{−1/2}")
        #expect(MathMarkup.markup("⟨ε_q†ε_q⟩") == "⟨ε_{q}†ε_{q}⟩")
        #expect(MathMarkup.markup("sigma_b^2 = 0.05") == "σ_{b}^{2} = 0.05")
        #expect(MathMarkup.markup("mean_real_stderr") == #"mean\_real\_stderr"#)
        #expect(MathMarkup.markup("a ^ b, 50 % @ {x}") == #"a \^ b, 50 % \@ \{x\}"#)
    }

    @Test func noTitleLabelOrCaptionShowsRawMarkup() throws {
        var figure = Fixtures.twoPanel()
        figure.caption = "Parameters: sigma_b^2 = 0.05, sigma_w^2 from 1 to 4; file mean_real; q_l against l."
        figure.panels[0].layers.append(.series(Series(x: [1, 2], y: [0.5, 0.6], title: "xi_c^-1 of tanh_short")))
        let script = try GnuplotScript(figure: figure, name: "rules").text
        let texts = drawnTexts(in: script)
        #expect(texts.count > 8)
        for text in texts {
            #expect(!text.contains("sigma_") && !text.contains("xi_"), "ASCII Greek in \(text)")
            // Every `_` and `^` is a script of a braced group or escaped (`\\_` inside the quotes).
            let characters = Array(text)
            for (i, c) in characters.enumerated() where c == "_" || c == "^" {
                let isScript = i + 1 < characters.count && characters[i + 1] == "{"
                let isEscaped = i >= 2 && characters[i - 1] == "\\" && characters[i - 2] == "\\"
                #expect(isScript || isEscaped, "raw \(c) in \(text)")
            }
        }
        #expect(script.contains("set label 1001 \"Parameters: σ_{b}^{2} = 0.05, σ_{w}^{2} from 1 to 4; file mean\\\\_real; q_{l} against l.\" enhanced"))
    }

    @Test func imageCaptionHasAtMostFourLinesAndPointsToTheCaptionFile() throws {
        let long = Array(repeating: "A sentence that says what the figure shows and how its data were made.", count: 20).joined(separator: " ")
        let figure = Fixtures.single([.series(Series(x: [0, 1], y: [0, 1]))], caption: Text(long))
        let layout = FigureLayout(figure: figure, name: "long")
        #expect(layout.captionLines.count == FigureLayout.maximumCaptionLines)
        #expect(layout.captionLines.last?.text.hasSuffix("… (full caption: long.caption.txt)") == true)
        let script = try GnuplotScript(figure: figure, name: "long").text
        #expect(script.contains("set label 1004 "))
        #expect(!script.contains("set label 1005 "))
        // The script's comment keeps the whole caption.
        #expect(script.contains("# Caption: \(long)"))
        // A short caption is drawn whole.
        #expect(FigureLayout(figure: Fixtures.single([.series(Series(x: [0, 1], y: [0, 1]))]), name: "s").captionLines.map(\.text) == ["Test figure. Profile: quick."])
    }

    @Test func keyLeavesACornerThatHasData() throws {
        // y = x runs through the bottom-left and top-right corners: the requested top right is
        // covered, top left is free.
        let x = (0...20).map { Double($0) }
        let rising = Panel(x: Axis(label: "x"), y: Axis(label: "y"), key: .topRight,
                           layers: [.series(Series(x: x, y: x, title: "y = x"))])
        #expect(KeyPlacement.resolve(rising, width: 640, height: 420, fontSize: 11) == .topLeft)
        let script = try GnuplotScript(figure: Figure(caption: "", panels: [rising]), name: "key").text
        #expect(script.contains("set key top left"))
        #expect(!script.contains("set key top right"))

        // Points in every corner: the key goes below the plot.
        let corners = Panel(layers: [.series(Series(x: [0, 0, 1, 1, 0.5], y: [0, 1, 0, 1, 0.5], title: "corners", kind: .points))])
        #expect(KeyPlacement.resolve(corners, width: 640, height: 420, fontSize: 11) == .below)
        // A heatmap fills the plot area.
        let map = Panel(layers: [.heatmap(Heatmap(x: [1, 2], y: [1, 2], values: [[1, 2], [3, 4]])),
                                 .series(Series(x: [1, 2], y: [1, 2], title: "overlay"))])
        #expect(KeyPlacement.resolve(map, width: 640, height: 420, fontSize: 11) == .below)
        // A free requested corner is kept.
        let falling = Panel(key: .topRight, layers: [.series(Series(x: x, y: x.map { 20 - $0 }, title: "y = 20 − x"))])
        #expect(KeyPlacement.resolve(falling, width: 640, height: 420, fontSize: 11) == .topRight)
    }

    @Test func logAxisSpansItsDataWithPowerOfTenLabels() throws {
        let figure = Fixtures.single([.series(Series(x: [1, 2, 3], y: [3e-4, 1e-2, 20]))], y: Axis(label: "y", isLogarithmic: true))
        let script = try GnuplotScript(figure: figure, name: "log").text
        #expect(script.contains("set format y \"10^{%L}\""))
        let line = try #require(script.components(separatedBy: "\n").first { $0.contains("set yrange") })
        let bounds = line.split(whereSeparator: { "[]:".contains($0) }).dropFirst().prefix(2).compactMap { Double($0) }
        #expect(bounds.count == 2)
        // Not rounded out to whole decades (1e-4 … 1e2): 4 % of the 4.8 decades spanned, a factor 1.56.
        #expect(bounds[0] > 1.5e-4 && bounds[0] < 3e-4)
        #expect(bounds[1] > 20 && bounds[1] < 40)

        // Less than two decades: round tics labelled as numbers instead.
        let narrow = Fixtures.single([.series(Series(x: [1, 2], y: [1.1, 2.3]))], y: Axis(label: "y", isLogarithmic: true))
        let narrowScript = try GnuplotScript(figure: narrow, name: "narrow").text
        #expect(narrowScript.contains("set format y \"%g\""))
        let tics = try #require(narrowScript.components(separatedBy: "\n").first { $0.contains("set ytics (") })
        #expect(tics.split(separator: ",").count >= 3)
    }

    @Test func residualStripSharesTheXAxis() throws {
        let x = [1.0, 2, 3, 4]
        var panel = Panel(title: "data against theory", x: Axis(label: "q"), y: Axis(label: "S"),
                          layers: [.errorBars(ErrorBars(x: x, y: [1.1, 1.9, 3.2, 3.9], error: [0.1, 0.1, 0.1, 0.1], title: "data")),
                                   .series(Series(x: x, y: x, title: "theory"))])
        panel.residuals = Panel(y: Axis(label: "(data − theory)/s.e."), layers: [.series(Series(x: x, y: [1, -1, 2, -1], kind: .points))])
        let script = try GnuplotScript(figure: Figure(caption: "", panels: [panel]), name: "strip").text
        #expect(script.contains("$panel1_residual1 << EOD"))
        let lines = script.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let lmargins = lines.filter { $0.hasPrefix("set lmargin at screen") }, xranges = lines.filter { $0.hasPrefix("set xrange") }
        #expect(lmargins.count == 2 && Set(lmargins).count == 1)
        #expect(xranges.count == 2 && Set(xranges).count == 1)
        // The x label is drawn once, under the strip; the panel above has no x tic labels.
        #expect(lines.filter { $0.hasPrefix("set xlabel") }.count == 1)
        #expect(lines.contains("set format x \"\""))
    }

    @Test func orderedSeriesRunFromBlueToRed() {
        let colors = (0..<5).map { LinePalette.sequential($0, of: 5) }
        #expect(colors[0].blue > colors[0].red)
        #expect(colors[4].red > colors[4].blue)
        #expect(zip(colors, colors.dropFirst()).allSatisfy { $0.red <= $1.red })
        #expect(LinePalette.sequential(0, of: 1) == colors[0])
        #expect(LinePalette.qualitative(0) != LinePalette.qualitative(1))
    }
}
