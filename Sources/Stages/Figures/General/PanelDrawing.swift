import Artifacts
import Foundation
import Plot

/// Turns a general figure's panel specs into the Plot model: slices the data into curves, picks
/// colours by the palette convention, sets titles from the columns and templates, offsets points
/// that would sit on each other, and computes the residual strip.
struct PanelDrawing {
    /// The figure's inputs, read.
    let inputs: [LabelledData]

    func panel(_ spec: PanelSpec) throws -> Panel {
        switch spec {
        case .curves(let curves): return try curvesPanel(curves)
        case .heatmap(let heatmap): return try heatmapPanel(heatmap)
        }
    }

    // MARK: Curves

    func curvesPanel(_ spec: CurvesPanel) throws -> Panel {
        guard let first = spec.series.first else { throw SeriesError("a curves panel needs at least one series") }
        var sliced = try spec.series.map { try ColumnSlicing.curves($0, in: inputs[$0.input]) }
        sliced = offsetOverlappingPoints(spec, sliced)
        var layers: [Layer] = []
        var qualitative = 0
        var colors: [[Color]] = []
        for (s, series) in spec.series.enumerated() {
            let single = LinePalette.qualitative(qualitative)
            // An `each` axis is an ordered parameter (blue → red), except an ensemble's members,
            // which are interchangeable: one colour.
            let ordered = series.coloring == .automatic && series.each != nil && series.drawing != .faintLines
            if series.coloring != .theory && !ordered { qualitative += 1 }
            var seriesColors: [Color] = []
            for curve in sliced[s] {
                let color: Color
                switch series.coloring {
                case .theory: color = LinePalette.theory
                case .automatic where ordered: color = LinePalette.sequential(curve.index, of: curve.count)
                default: color = single
                }
                seriesColors.append(color)
                layers += try draw(curve, of: series, color: color, logX: spec.logX, logY: spec.logY)
            }
            colors.append(seriesColors)
        }
        for reference in spec.references {
            layers.append(.reference(ReferenceLine(reference.isVertical ? .vertical(x: reference.value) : .horizontal(y: reference.value),
                                                   title: reference.title.map { Text($0) },
                                                   style: Style(color: .gray, lineWidth: 1.2, dash: .dashed))))
        }
        let dataSeries = spec.series.filter { $0.coloring != .theory }
        let yLabels = (dataSeries.isEmpty ? spec.series : dataSeries).map(\.y.axisTitle).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        // The title may name the first curve's fixed axes ("q = {histogram_q}").
        let titleSelection = sliced.first?.first?.selection ?? [:]
        var panel = Panel(title: try spec.title.map { Text(try TextTemplate.fill($0, from: [inputs[first.input]] + inputs, at: titleSelection)) },
                          x: Axis(label: Text(spec.xLabel ?? first.x.axisTitle), isLogarithmic: spec.logX),
                          y: Axis(label: Text(spec.yLabel ?? yLabels.joined(separator: ", ")), isLogarithmic: spec.logY),
                          key: .automatic, layers: layers)
        if let residuals = spec.residuals {
            panel.residuals = try residualPanel(residuals, spec: spec, sliced: sliced, colors: colors)
        }
        return panel
    }

    func draw(_ curve: SlicedCurve, of series: SeriesSpec, color: Color, logX: Bool, logY: Bool) throws -> [Layer] {
        // Points a log axis cannot show are left out rather than handed to gnuplot.
        let keep = curve.x.indices.filter { (!logX || curve.x[$0] > 0) && (!logY || curve.y[$0] > 0) }
        let x = keep.map { curve.x[$0] }, y = keep.map { curve.y[$0] }, error = curve.error.map { e in keep.map { e[$0] } }
        let title = try curveTitle(curve, of: series)
        switch series.drawing {
        case .points:
            if let error {
                return [.errorBars(ErrorBars(x: x, y: y, error: error, title: title, style: Style(color: color, lineWidth: 1, pointType: 7, pointSize: 0.6)))]
            }
            return [.series(Series(x: x, y: y, title: title, kind: .points, style: Style(color: color, pointType: 7, pointSize: 0.6)))]
        case .line, .dashedLine:
            var layers: [Layer] = []
            if let error {
                layers.append(.band(Band(x: x, lower: zip(y, error).map { $0 - $1 }, upper: zip(y, error).map { $0 + $1 }, color: color, opacity: 0.2)))
            }
            let dash: Dash = series.drawing == .dashedLine ? .dashed : .solid
            layers.append(.series(Series(x: x, y: y, title: title, style: Style(color: color, lineWidth: 2, dash: dash))))
            return layers
        case .faintLines:
            let light = Color(red: (Double(color.red) + 2 * 255) / (3 * 255), green: (Double(color.green) + 2 * 255) / (3 * 255),
                              blue: (Double(color.blue) + 2 * 255) / (3 * 255))
            return [.series(Series(x: x, y: y, title: title, style: Style(color: light, lineWidth: 0.7)))]
        case .steps:
            return [.series(Series(x: x, y: y, title: title, kind: .steps, style: Style(color: color, lineWidth: 1.5)))]
        case .bars:
            return [.series(Series(x: x, y: y, title: title, kind: .boxes, style: Style(color: color, lineWidth: 1)))]
        }
    }

    /// The key entry: the series' template, or the `each` axis' value, or the column's label. An
    /// ensemble drawn as faint lines has one entry.
    func curveTitle(_ curve: SlicedCurve, of series: SeriesSpec) throws -> Text? {
        // An ensemble, or one theory drawn per curve, is one key entry.
        if (series.drawing == .faintLines || series.coloring == .theory) && curve.index > 0 { return nil }
        let template: String
        if let given = series.title {
            template = given
        } else if series.drawing == .faintLines, let each = series.each {
            template = "\(series.y.label), one line per \(each.label) ({count} of them)"
        } else if let each = series.each {
            template = "\(each.label) = {\(each.name)}"
        } else {
            template = series.y.label
        }
        let filled = try TextTemplate.fill(template.replacingOccurrences(of: "{count}", with: "\(curve.count)"),
                                           from: [inputs[series.input]] + inputs, at: curve.selection)
        return Text(filled)
    }

    /// Points of several series at the same x are spread sideways by a fraction of the x spacing,
    /// so error bars do not hide each other.
    func offsetOverlappingPoints(_ spec: CurvesPanel, _ sliced: [[SlicedCurve]]) -> [[SlicedCurve]] {
        var groups: [(Int, Int)] = []
        for (s, series) in spec.series.enumerated() where series.drawing == .points {
            for c in sliced[s].indices { groups.append((s, c)) }
        }
        guard groups.count > 1 else { return sliced }
        let reference = sliced[groups[0].0][groups[0].1].x
        guard groups.allSatisfy({ sliced[$0.0][$0.1].x == reference }) else { return sliced }
        let sorted = reference.filter { $0.isFinite && (!spec.logX || $0 > 0) }.sorted()
        let spacing = zip(sorted, sorted.dropFirst()).map { spec.logX ? log10($1 / $0) : $1 - $0 }.filter { $0 > 0 }.min() ?? 0
        guard spacing > 0 else { return sliced }
        var result = sliced
        let step = 0.5 * spacing / Double(groups.count)
        for (k, (s, c)) in groups.enumerated() {
            let shift = (Double(k) - Double(groups.count - 1) / 2) * step
            result[s][c].x = result[s][c].x.map { spec.logX ? $0 * pow(10, shift) : $0 + shift }
        }
        return result
    }

    /// (data − theory)/error, curve by curve, with theory interpolated linearly at the data's x;
    /// its axis reads "Δ/s.e." (the strip is short; the figure's caption says what Δ is).
    func residualPanel(_ residuals: Residuals, spec: CurvesPanel, sliced: [[SlicedCurve]], colors: [[Color]]) throws -> Panel {
        guard sliced.indices.contains(residuals.data), sliced.indices.contains(residuals.theory) else {
            throw SeriesError("residuals compare series \(residuals.data) and \(residuals.theory), but the panel has \(sliced.count)")
        }
        let data = sliced[residuals.data], theory = sliced[residuals.theory]
        guard data.count == theory.count else {
            throw SeriesError("residuals compare \(data.count) measured curves with \(theory.count) predicted ones; give both the same .each and .at")
        }
        var layers: [Layer] = []
        for (k, curve) in data.enumerated() {
            guard let error = curve.error else { throw SeriesError("the residuals' measured series \(spec.series[residuals.data].y.name) has no errors") }
            let line = theory[k]
            let order = line.x.indices.filter { line.x[$0].isFinite && line.y[$0].isFinite }.sorted { line.x[$0] < line.x[$1] }
            let tx = order.map { line.x[$0] }, ty = order.map { line.y[$0] }
            var xs: [Double] = [], rs: [Double] = []
            for i in curve.x.indices where error[i] > 0 && (!spec.logX || curve.x[i] > 0) {
                guard let predicted = Self.interpolate(tx, ty, at: curve.x[i]) else { continue }
                xs.append(curve.x[i])
                rs.append((curve.y[i] - predicted) / error[i])
            }
            layers.append(.series(Series(x: xs, y: rs, kind: .points, style: Style(color: colors[residuals.data][k], pointType: 7, pointSize: 0.45))))
        }
        layers.append(.reference(ReferenceLine(.horizontal(y: 0), style: Style(color: .black, lineWidth: 1))))
        layers.append(.reference(ReferenceLine(.horizontal(y: 2), style: Style(color: .gray, lineWidth: 1, dash: .dashed))))
        layers.append(.reference(ReferenceLine(.horizontal(y: -2), style: Style(color: .gray, lineWidth: 1, dash: .dashed))))
        return Panel(x: Axis(label: Text(spec.xLabel ?? spec.series[residuals.data].x.axisTitle), isLogarithmic: spec.logX),
                     y: Axis(label: "Δ/s.e."), key: .hidden, layers: layers)
    }

    /// Linear interpolation in sorted `x`; nil outside it.
    static func interpolate(_ x: [Double], _ y: [Double], at value: Double) -> Double? {
        guard let first = x.first, let last = x.last, value >= first, value <= last else { return nil }
        guard let upper = x.firstIndex(where: { $0 >= value }) else { return nil }
        if x[upper] == value || upper == 0 { return y[upper] }
        let t = (value - x[upper - 1]) / (x[upper] - x[upper - 1])
        return y[upper - 1] + t * (y[upper] - y[upper - 1])
    }

    // MARK: Heatmap

    func heatmapPanel(_ spec: HeatmapPanel) throws -> Panel {
        let data = inputs[spec.input]
        let grid = try ColumnSlicing.grid(spec, in: data)
        var layers: [Layer] = [.heatmap(Heatmap(x: grid.x, y: grid.y, values: grid.values,
                                                colorBar: ColorBar(label: Text(spec.values.axisTitle), isLogarithmic: spec.logColor)))]
        for (k, series) in spec.overlays.enumerated() {
            for curve in try ColumnSlicing.curves(series, in: inputs[series.input]) {
                let color = series.coloring == .theory ? Color.white : LinePalette.qualitative(k + 1)
                layers += try draw(curve, of: series, color: color, logX: spec.logX, logY: spec.logY)
            }
        }
        return Panel(title: try spec.title.map { Text(try TextTemplate.fill($0, from: [data] + inputs)) },
                     x: Axis(label: Text(spec.x.axisTitle), isLogarithmic: spec.logX),
                     y: Axis(label: Text(spec.y.axisTitle), isLogarithmic: spec.logY), key: .automatic, layers: layers)
    }
}
