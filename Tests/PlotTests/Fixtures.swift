import Foundation
@testable import Plot

/// Figures shared by the tests, shaped like the project's real figures.
enum Fixtures {
    /// A line plot with error bars (left) and a heatmap with an overlaid curve, a vertical
    /// reference line and a label (right).
    static func twoPanel() -> Figure {
        let depths = [1.0, 2, 4, 8, 16, 32]
        let mean = depths.map { exp(-$0 / 10) }
        let error = depths.map { 0.05 / sqrt($0) }
        var left = Panel(title: "Correlation decay, ξ_c = 10",
                         x: Axis(label: "depth l", isLogarithmic: true),
                         y: Axis(label: "c^l (mean ± s.e.)", minimum: 0, maximum: 1.1),
                         key: .topRight)
        left.layers = [
            .series(Series(x: depths, y: depths.map { exp(-$0 / 10) + 0.02 }, title: "theory exp(-l/ξ_c)",
                           style: Style(color: .blue))),
            .errorBars(ErrorBars(x: depths, y: mean, error: error, title: "simulation, 5 seeds",
                                 style: Style(color: .red, pointType: 7, pointSize: 0.7))),
        ]

        let sigma = stride(from: 0.5, through: 4.0, by: 0.25).map { $0 }
        let depthAxis = [2.0, 4, 8, 16, 32, 64, 128]
        var values = depthAxis.map { l in sigma.map { s in 0.1 + 0.85 * exp(-l / (30 * exp(-pow(s - 1.76, 2)))) } }
        values[2][3] = .nan
        var right = Panel(title: "Trainable depth (tanh, σ_b² = 0.05)",
                          x: Axis(label: "σ_w²"), y: Axis(label: "depth L", isLogarithmic: true),
                          key: .bottomRight)
        right.layers = [
            .heatmap(Heatmap(x: sigma, y: depthAxis, values: values,
                             colorBar: ColorBar(label: "test accuracy", range: 0...1,
                                                marks: [ColorBarMark("chance", at: 0.1)]))),
            .series(Series(x: sigma, y: sigma.map { 6 * 30 * exp(-pow($0 - 1.76, 2)) / 30 + 2 },
                           title: "6 ξ_c", style: Style(color: .white, lineWidth: 2))),
            .reference(ReferenceLine(.vertical(x: 1.76), title: "critical σ_w²",
                                     style: Style(color: .orange, dash: .dashed))),
            .label(TextLabel("ordered", at: .graph(x: 0.04, y: 0.93), color: .white)),
        ]
        return Figure(title: "Signal propagation and trainability",
                      caption: Text("Dataset: Fashion-MNIST (test split). Parameters: tanh, σ_b² = 0.05, width 300, "
                        + "SGD lr 1e-3, 5 seeds; a long caption line that has to wrap around to the next line.\n"
                        + "Profile: quick. Left: mean ± standard error. Right: blank cell = missing run."),
                      size: FigureSize(width: 1100, height: 480),
                      grid: Grid(rows: 1, columns: 2), panels: [left, right])
    }

    static func single(_ layers: [Layer], x: Axis = Axis(label: "x"), y: Axis = Axis(label: "y"),
                       caption: Text = "Test figure. Profile: quick.") -> Figure {
        Figure(caption: caption, size: FigureSize(width: 640, height: 420),
               panels: [Panel(title: "panel", x: x, y: y, layers: layers)])
    }

    /// A fresh empty folder under the temporary directory.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("PlotTests")
            .appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
