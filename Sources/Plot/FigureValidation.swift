/// Checks that a figure can be drawn, with messages that say which panel and layer to fix.
enum FigureValidation {
    static func check(_ figure: Figure, name: String) throws {
        func fail(_ message: String) -> PlotError { .invalidFigure(message) }

        if name.isEmpty || name.contains(where: { "/\\\"\n\r\t".contains($0) }) {
            throw fail("figure name \"\(name)\" must be a non-empty file name without slashes, "
                + "quotes or control characters; it names <name>.gp, <name>.png and <name>.pdf.")
        }
        if figure.size.width < 16 || figure.size.height < 16 {
            throw fail("figure size \(figure.size.width)×\(figure.size.height) is too small; "
                + "use FigureSize(width:height:) of at least 16×16 pixels (e.g. 800×560).")
        }
        if figure.grid.rows < 1 || figure.grid.columns < 1 {
            throw fail("grid \(figure.grid.rows)×\(figure.grid.columns) needs at least one row "
                + "and one column.")
        }
        if figure.panels.isEmpty {
            throw fail("the figure has no panels; add at least one Panel.")
        }
        let capacity = figure.grid.rows * figure.grid.columns
        if figure.panels.count > capacity {
            throw fail("\(figure.panels.count) panels do not fit a \(figure.grid.rows)×"
                + "\(figure.grid.columns) grid; enlarge Figure.grid or remove panels.")
        }
        if !(figure.fontSize > 0) {
            throw fail("font size \(figure.fontSize) must be positive.")
        }
        for (p, panel) in figure.panels.enumerated() {
            try check(panel, number: p + 1)
            if let strip = panel.residuals {
                if strip.residuals != nil { throw fail("panel \(p + 1): its residual strip has a strip of its own; strips do not nest.") }
                try check(strip, number: p + 1)
            }
        }
    }

    private static func check(_ panel: Panel, number p: Int) throws {
        func fail(_ message: String) -> PlotError { .invalidFigure("panel \(p): \(message)") }

        for (axisName, axis) in [("x", panel.x), ("y", panel.y)] {
            if let lo = axis.minimum, let hi = axis.maximum, !(lo < hi) {
                throw fail("\(axisName) range [\(lo), \(hi)] must have minimum < maximum.")
            }
            if axis.isLogarithmic, let lo = axis.minimum, !(lo > 0) {
                throw fail("\(axisName) axis is logarithmic but its minimum is \(lo); use a positive minimum.")
            }
        }
        var hasData = false
        for (l, layer) in panel.layers.enumerated() {
            let where_ = "layer \(l + 1)"
            switch layer {
            case .series(let s):
                hasData = true
                if s.x.count != s.y.count {
                    throw fail("\(where_) (series): x has \(s.x.count) values but y has \(s.y.count); pass equal counts.")
                }
            case .errorBars(let e):
                hasData = true
                if e.x.count != e.y.count || e.y.count != e.error.count {
                    throw fail("\(where_) (error bars): x, y and error have \(e.x.count), \(e.y.count) "
                        + "and \(e.error.count) values; pass equal counts.")
                }
            case .band(let b):
                hasData = true
                if b.x.count != b.lower.count || b.x.count != b.upper.count {
                    throw fail("\(where_) (band): x, lower and upper have \(b.x.count), \(b.lower.count) "
                        + "and \(b.upper.count) values; pass equal counts.")
                }
            case .heatmap(let h):
                hasData = true
                if h.x.isEmpty || h.y.isEmpty {
                    throw fail("\(where_) (heatmap): x and y need at least one value each.")
                }
                if h.values.count != h.y.count {
                    throw fail("\(where_) (heatmap): values has \(h.values.count) rows but y has "
                        + "\(h.y.count) values; values[j][i] is the value at (x[i], y[j]).")
                }
                if let row = h.values.firstIndex(where: { $0.count != h.x.count }) {
                    throw fail("\(where_) (heatmap): values[\(row)] has \(h.values[row].count) "
                        + "entries but x has \(h.x.count); values[j][i] is the value at (x[i], y[j]).")
                }
                for (axisName, centres, log) in [("x", h.x, panel.x.isLogarithmic), ("y", h.y, panel.y.isLogarithmic)] {
                    if centres.contains(where: { !$0.isFinite }) {
                        throw fail("\(where_) (heatmap): \(axisName) values must be finite.")
                    }
                    if zip(centres, centres.dropFirst()).contains(where: { !($0 < $1) }) {
                        throw fail("\(where_) (heatmap): \(axisName) values must increase strictly.")
                    }
                    if log, centres.contains(where: { !($0 > 0) }) {
                        throw fail("\(where_) (heatmap): the \(axisName) axis is logarithmic, so "
                            + "\(axisName) values must be positive.")
                    }
                }
                if let range = h.colorBar.range, !(range.lowerBound < range.upperBound) {
                    throw fail("\(where_) (heatmap): colour bar range \(range) must be non-empty.")
                }
                if h.colorBar.isLogarithmic, let range = h.colorBar.range, !(range.lowerBound > 0) {
                    throw fail("\(where_) (heatmap): the colour scale is logarithmic, so its range must be positive.")
                }
            case .reference(let r):
                switch r.placement {
                case .vertical(let x) where !x.isFinite || (panel.x.isLogarithmic && !(x > 0)):
                    throw fail("\(where_) (reference line): x = \(x) cannot be drawn on this x axis.")
                case .horizontal(let y) where !y.isFinite || (panel.y.isLogarithmic && !(y > 0)):
                    throw fail("\(where_) (reference line): y = \(y) cannot be drawn on this y axis.")
                default: break
                }
            case .label:
                break
            }
        }
        if !hasData {
            throw fail("it has no series, error bars or heatmap; gnuplot needs data to draw axes.")
        }
    }
}
