import Foundation
import Testing
@testable import Plot

let gnuplotPath = "/usr/bin/gnuplot"
let hasGnuplot = FileManager.default.isExecutableFile(atPath: gnuplotPath)

/// Renders with the real gnuplot; the default policy fails on any warning.
@Suite(.enabled(if: hasGnuplot, "needs gnuplot-nox at /usr/bin/gnuplot"))
struct GnuplotRendererTests {
    let renderer = GnuplotRenderer(executable: gnuplotPath)

    /// Renders and checks both outputs: PNG of the requested size, a complete PDF.
    @discardableResult
    func renderAndCheck(_ figure: Figure, _ name: String) throws -> RenderedFigure {
        let rendered = try renderer.render(figure, named: name, in: try Fixtures.folder(name))
        #expect(rendered.warnings.isEmpty)
        let png = try Data(contentsOf: rendered.png)
        let size = try #require(ImageFiles.pngSize(png), "\(rendered.png.path) is not a PNG")
        #expect(size.width == figure.size.width && size.height == figure.size.height)
        #expect(png.count > 5_000, "a plot with axes and text is more than a few bytes")
        #expect(ImageFiles.isPDF(try Data(contentsOf: rendered.pdf)))
        return rendered
    }

    @Test func residualStripHistogramAndLogAxesRenderWithoutWarnings() throws {
        let q = (0..<12).map { Double($0) * 0.25 + 0.1 }
        let theory = q.map { 1 / (0.05 + $0 * $0) }
        var spectrum = Panel(title: "⟨ε_q†ε_q⟩ against S(q)", x: Axis(label: "q (rad)"), y: Axis(label: "⟨ε_q†ε_q⟩", isLogarithmic: true),
                             layers: [.errorBars(ErrorBars(x: q, y: theory.map { $0 * 1.05 }, error: theory.map { $0 * 0.1 }, title: "measured")),
                                      .series(Series(x: q, y: theory, title: "S(q)", style: Style(color: LinePalette.theory)))])
        spectrum.residuals = Panel(y: Axis(label: "(data − theory)/s.e."), layers: [
            .series(Series(x: q, y: q.map { _ in 0.5 }, kind: .points)),
            .reference(ReferenceLine(.horizontal(y: 0))),
        ])
        let centres = (0..<16).map { -2 + Double($0) * 0.25 }
        let histogram = Panel(title: "q = 0.5", x: Axis(label: "Re ε_q"), y: Axis(label: "density"), layers: [
            .series(Series(x: centres, y: centres.map { exp(-$0 * $0 / 2) / 2.5 }, title: "bars", kind: .boxes, style: Style(color: LinePalette.sequential(0, of: 2)))),
            .series(Series(x: centres, y: centres.map { exp(-$0 * $0 / 2) / 2.6 }, title: "steps", kind: .steps, style: Style(color: LinePalette.sequential(1, of: 2)))),
        ])
        try renderAndCheck(Figure(caption: Text(Array(repeating: "A long caption sentence about sigma_w^2.", count: 30).joined(separator: " ")),
                                  size: FigureSize(width: 1000, height: 560), panels: [spectrum, histogram]), "strip_histogram")
    }

    @Test func twoPanelFigure() throws {
        try renderAndCheck(Fixtures.twoPanel(), "two_panel")
    }

    @Test func heatmapWithOverlaidCurve() throws {
        let x = [0.5, 1, 1.5, 2, 2.5], y = [1.0, 2, 3]
        let values = y.map { b in x.map { a in a * b } }
        try renderAndCheck(Fixtures.single([
            .heatmap(Heatmap(x: x, y: y, values: values, colorBar: ColorBar(label: "a·b"))),
            .series(Series(x: x, y: x.map { 1 + $0 / 2 }, title: "curve", style: Style(color: .white))),
        ]), "heatmap_curve")
    }

    @Test func errorBars() throws {
        try renderAndCheck(Fixtures.single([
            .errorBars(ErrorBars(x: [1, 2, 3, 4], y: [0.2, 0.4, 0.5, 0.55], error: [0.05, 0.04, 0.06, 0.02],
                                 title: "mean ± s.e.", connectsPoints: true)),
        ]), "error_bars")
    }

    @Test func logarithmicAxes() throws {
        let x = (0..<30).map { pow(10, Double($0) / 10) }
        try renderAndCheck(Fixtures.single([.series(Series(x: x, y: x.map { 1 / $0 }, kind: .linesPoints))],
                                           x: Axis(label: "x", isLogarithmic: true),
                                           y: Axis(label: "1/x", isLogarithmic: true)), "log_axes")
    }

    @Test func missingValuesRenderWithoutWarnings() throws {
        var values = [[1.0, 2, 3], [4, 5, 6], [7, 8, 9]]
        values[1][1] = .nan
        try renderAndCheck(Figure(caption: "NaN gaps", grid: Grid(rows: 2, columns: 1), panels: [
            Panel(layers: [.series(Series(x: [1, 2, 3, 4, 5], y: [1, 2, .nan, 4, 5], kind: .linesPoints)),
                           .errorBars(ErrorBars(x: [1, 2, 3], y: [1, 2, 3], error: [0.1, .nan, 0.1]))]),
            Panel(layers: [.heatmap(Heatmap(x: [1, 2, 3], y: [1, 2, 3], values: values,
                                            colorBar: ColorBar(isLogarithmic: true)))]),
        ]), "missing_values")
    }

    @Test func missingCellsRenderWithoutWarnings() throws {
        try renderAndCheck(Fixtures.single([
            .heatmap(Heatmap(x: [1, 2, 3], y: [1, 2], values: [[0.2, .nan, 0.8], [.nan, 0.5, 0.9]],
                             colorBar: ColorBar(range: 0...1), missing: MissingCells("diverged", color: Color(hex: 0xd62728)))),
        ]), "missing_cells")
    }

    @Test func bandUnderACurve() throws {
        let x = (0..<20).map(Double.init)
        try renderAndCheck(Fixtures.single([
            .band(Band(x: x, lower: x.map { 0.5 - 0.1 * sin($0) - 0.05 }, upper: x.map { 0.5 + 0.1 * sin($0) + 0.05 }, title: "min–max", color: .blue)),
            .series(Series(x: x, y: x.map { _ in 0.5 }, title: "mean", style: Style(color: .blue))),
        ]), "band")
    }

    @Test func backquotesInTextAreNotRunAsCommands() throws {
        // gnuplot substitutes `command` inside double-quoted strings: a caption that named
        // "`make figures`" ran make while rendering 002 Fig. 3.
        let folder = try Fixtures.folder("backquotes")
        let marker = folder.appendingPathComponent("ran")
        try renderAndCheck(Figure(caption: "see `touch \(marker.path)` here", panels: [
            Panel(title: "`touch \(marker.path)`", layers: [.series(Series(x: [0, 1], y: [0, 1], title: "`touch \(marker.path)`"))]),
        ]), "backquotes")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "a backquoted command in a caption ran")
    }

    @Test func specialCharactersRenderWithoutWarnings() throws {
        var panel = Panel(title: #"σ_w² "q" \ {x} @a &b ~c"#, x: Axis(label: .enhanced("σ_w^2")),
                          y: Axis(label: "ξ_c"), layers: [.series(Series(x: [0, 1], y: [0, 1], title: "q_1 ^2"))])
        panel.layers.append(.label(TextLabel("chance_level {1}", at: .graph(x: 0.5, y: 0.5), alignment: .center)))
        try renderAndCheck(Figure(title: "title_with_underscores", caption: "Dataset: a_b; 'quotes' \"double\"",
                                  panels: [panel]), "special_characters")
    }

    @Test func rendersAreByteIdentical() throws {
        let first = try renderer.render(Fixtures.twoPanel(), named: "again", in: try Fixtures.folder("again1"))
        let second = try renderer.render(Fixtures.twoPanel(), named: "again", in: try Fixtures.folder("again2"))
        #expect(try Data(contentsOf: first.script) == Data(contentsOf: second.script))
        #expect(try Data(contentsOf: first.png) == Data(contentsOf: second.png))
        #expect(try Data(contentsOf: first.pdf) == Data(contentsOf: second.pdf))
        let pdf = String(decoding: try Data(contentsOf: first.pdf), as: UTF8.self)
        let expected = PDFCreationDate.stamp(GnuplotRenderer.sourceDateEpoch)
        #expect(pdf.contains("/CreationDate (D:\(expected)"))
    }

    @Test func gnuplotWarningsFailByDefaultAndCanBeReported() throws {
        // An empty series makes gnuplot warn ("Skipping data file with no valid points"),
        // though the plot is drawn.
        let figure = Fixtures.single([.series(Series(x: [1, 2], y: [1, 2])),
                                      .series(Series(x: [], y: []))])
        #expect {
            try renderer.render(figure, named: "warns", in: try Fixtures.folder("warns"))
        } throws: { error in
            guard case PlotError.gnuplotWarnings(let lines, _) = error else { return false }
            return !lines.isEmpty
        }
        let reporting = GnuplotRenderer(executable: gnuplotPath, warningPolicy: .report)
        let rendered = try reporting.render(figure, named: "warns", in: try Fixtures.folder("warns_report"))
        #expect(!rendered.warnings.isEmpty)
        #expect(rendered.warnings.contains { $0.contains("no valid points") })
        #expect(FileManager.default.fileExists(atPath: rendered.png.path))
    }

    @Test func gnuplotErrorsCarryItsMessage() throws {
        // Every point lies outside the fixed x range: gnuplot stops with an error.
        let figure = Fixtures.single([.series(Series(x: [1, 2], y: [1, 2]))], x: Axis(minimum: 5, maximum: 6))
        let folder = try Fixtures.folder("fails")
        #expect {
            try renderer.render(figure, named: "fails", in: folder)
        } throws: { error in
            guard case PlotError.gnuplotFailed(let status, let stderr, _) = error else { return false }
            return status != 0 && stderr.contains("all points y value undefined")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fails.gp").path))
    }
}

/// Renderer behaviour that needs no real gnuplot.
@Suite struct GnuplotRendererErrorTests {
    @Test func missingGnuplotNamesThePackageAndStillWritesTheScript() throws {
        let folder = try Fixtures.folder("missing")
        let renderer = GnuplotRenderer(executable: "/nonexistent/bin/gnuplot")
        #expect {
            try renderer.render(Fixtures.twoPanel(), named: "fig", in: folder)
        } throws: { error in
            guard case PlotError.gnuplotNotFound = error else { return false }
            let message = "\(error)"
            return message.contains("apt-get install gnuplot-nox") && message.contains("/nonexistent/bin/gnuplot")
        }
        let script = try String(contentsOf: folder.appendingPathComponent("fig.gp"), encoding: .utf8)
        #expect(script == (try GnuplotScript(figure: Fixtures.twoPanel(), name: "fig").text))
    }

    /// A stand-in gnuplot: a shell script that prints `message` to stderr, optionally writes the
    /// outputs, and exits with `status`.
    func fakeGnuplot(_ folder: URL, message: String, status: Int, writesOutputs: Bool) throws -> String {
        let path = folder.appendingPathComponent("fake-gnuplot").path
        let writes = writesOutputs ? "printf x > fig.png; printf '%%PDF-1.5' > fig.pdf" : ""
        let body = "#!/bin/sh\n\(writes)\necho '\(message)' >&2\nexit \(status)\n"
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func nonZeroExitCarriesStderr() throws {
        let folder = try Fixtures.folder("failing")
        let fake = try fakeGnuplot(folder, message: "line 12: undefined variable: oops", status: 1, writesOutputs: false)
        #expect {
            try GnuplotRenderer(executable: fake).render(Fixtures.twoPanel(), named: "fig", in: folder)
        } throws: { error in
            guard case PlotError.gnuplotFailed(let status, let stderr, _) = error else { return false }
            return status == 1 && stderr.contains("undefined variable: oops")
        }
    }

    @Test func successWithoutOutputsIsAnError() throws {
        let folder = try Fixtures.folder("no_outputs")
        let fake = try fakeGnuplot(folder, message: "", status: 0, writesOutputs: false)
        #expect(throws: PlotError.self) {
            try GnuplotRenderer(executable: fake).render(Fixtures.twoPanel(), named: "fig", in: folder)
        }
    }

    /// A stand-in gnuplot running `body` (a shell script) in the output folder.
    func fakeGnuplot(_ folder: URL, body: String) throws -> String {
        let path = folder.appendingPathComponent("fake-gnuplot").path
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static let validOutputs = #"printf '\211PNG\r\n\032\nrest' > fig.png; printf '%%PDF-1.5 rest' > fig.pdf"#

    @Test func hungGnuplotIsKilledAtTheTimeout() throws {
        let folder = try Fixtures.folder("hung")
        let fake = try fakeGnuplot(folder, body: "echo $$ > gnuplot.pid\nsleep 60 &\necho $! > sleeper.pid\nwait")
        let renderer = GnuplotRenderer(executable: fake, timeout: 1)
        let started = Date()
        #expect {
            try renderer.render(Fixtures.twoPanel(), named: "fig", in: folder)
        } throws: { error in
            guard case PlotError.gnuplotTimedOut = error else { return false }
            return "\(error)".contains("CRITICALITY_GNUPLOT_TIMEOUT")
        }
        #expect(Date().timeIntervalSince(started) < 10)
        // The whole process group is gone, not only the process we started.
        for file in ["gnuplot.pid", "sleeper.pid"] {
            let pid = try #require(Int32(String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            // SIGKILL is delivered at once, but an orphan is reaped by init a moment later.
            let deadline = Date().addingTimeInterval(3)
            while Self.isAlive(pid) && Date() < deadline { usleep(20_000) }
            #expect(!Self.isAlive(pid), "\(file): process \(pid) survived")
        }
    }

    /// Whether `pid` exists and is not a zombie (a killed process not yet reaped).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    /// The standard signals (1…31) set in a `/proc/<pid>/status` mask line such as `SigBlk:`.
    /// glibc keeps its own real-time signals (32 and up) as it needs them in any child.
    static func standardSignals(_ status: String, _ field: String) -> UInt64? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let mask = UInt64(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
        return mask & 0x7FFF_FFFF
    }

    @Test func gnuplotStartsWithNoBlockedOrIgnoredSignals() throws {
        let folder = try Fixtures.folder("signals")
        let fake = try fakeGnuplot(folder, body: "grep -E '^(SigBlk|SigIgn):' /proc/self/status > mask.txt\n\(Self.validOutputs)")
        // What a dispatch worker looks like during a run: most signals blocked, SIGINT ignored.
        var all = sigset_t(), previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, &previous)
        let previousHandler = signal(SIGINT, SIG_IGN)
        defer {
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            signal(SIGINT, previousHandler)
        }
        try GnuplotRenderer(executable: fake, pdfDate: nil).render(Fixtures.twoPanel(), named: "fig", in: folder)
        let mask = try String(contentsOf: folder.appendingPathComponent("mask.txt"), encoding: .utf8)
        #expect(Self.standardSignals(mask, "SigBlk") == 0, "\(mask)")
        #expect(Self.standardSignals(mask, "SigIgn") == 0, "\(mask)")
    }

    @Test func successWithJunkOutputsIsAnError() throws {
        let folder = try Fixtures.folder("junk_outputs")
        let fake = try fakeGnuplot(folder, body: "printf 'not an image' > fig.png; printf 'not a pdf' > fig.pdf")
        #expect {
            try GnuplotRenderer(executable: fake).render(Fixtures.twoPanel(), named: "fig", in: folder)
        } throws: { error in
            guard case PlotError.outputNotAFigure(let url, _) = error else { return false }
            return url.lastPathComponent == "fig.png"
        }
    }

    @Test func pdfDateIsPinnedInPlace() throws {
        let pdf = Data("%PDF-1.5\n<< /CreationDate (D:20261124060447Z) >>\n%%EOF\n".utf8)
        let pinned = try #require(PDFCreationDate.pinned(pdf, to: Date(timeIntervalSince1970: 86_400 * 366 + 3_661)))
        #expect(String(decoding: pinned, as: UTF8.self) == "%PDF-1.5\n<< /CreationDate (D:19710102010101Z) >>\n%%EOF\n")
        #expect(pinned.count == pdf.count)
        #expect(PDFCreationDate.pinned(Data("%PDF-1.5\n%%EOF\n".utf8), to: Date()) == nil)
    }
}
