import Foundation

/// Where a panel's key goes so that it never covers data: the requested corner when no data lies
/// under it, else the first free corner, else below the plot area.
///
/// gnuplot cannot measure text, so the key's box is estimated from its entries (0.6 em per
/// character, the sample line, 1.5 em per entry) and the plot area from the panel's share of
/// the figure less typical margins. Data is everything drawn: points with their error bars, lines
/// (sampled between points), bands, reference lines, labels; a heatmap fills the plot area, so
/// its key always goes outside. The data's extent stands in for gnuplot's autoscaled range; the
/// autoscaled range is wider, which only moves data away from the corners.
enum KeyPlacement {
    /// The position to emit for `panel` drawn in a `width` × `height` pixel rectangle.
    static func resolve(_ panel: Panel, width: Double, height: Double, fontSize: Double) -> KeyPosition {
        let entries = keyEntries(panel)
        if entries.isEmpty { return panel.key == .hidden ? .hidden : panel.key }
        let preferred: [KeyPosition]
        switch panel.key {
        case .hidden, .outsideRight, .below: return panel.key
        case .automatic: preferred = [.topRight, .topLeft, .bottomRight, .bottomLeft]
        case .topLeft, .topRight, .bottomLeft, .bottomRight:
            preferred = [panel.key] + [.topRight, .topLeft, .bottomRight, .bottomLeft].filter { $0 != panel.key }
        }
        let hasTitle = panel.title != nil
        let plotWidth = max(width - 14 * fontSize, 4 * fontSize)
        let plotHeight = max(height - (hasTitle ? 7 : 5) * fontSize, 4 * fontSize)
        let longest = Double(entries.map(\.count).max() ?? 0)
        let boxWidth = min(((longest * 0.6) + 6) * fontSize / plotWidth, 1)
        // Measured on pngcairo at 11 pt: entries with sub- or superscripts are about 1.45 em apart.
        let boxHeight = min((Double(entries.count) * 1.5 + 1) * fontSize / plotHeight, 1)
        guard let points = graphPoints(panel) else { return .below }
        for corner in preferred {
            if !points.contains(where: { inside($0, corner: corner, width: boxWidth, height: boxHeight) }) { return corner }
        }
        return .below
    }

    /// The key's entries (their text, for the box's width).
    static func keyEntries(_ panel: Panel) -> [String] {
        panel.layers.compactMap { layer -> String? in
            switch layer {
            case .series(let s): s.title?.string
            case .errorBars(let e): e.title?.string
            case .band(let b): b.title?.string
            case .heatmap(let h): h.missing?.title.string
            case .reference(let r): r.title?.string
            case .label: nil
            }
        }
    }

    static func inside(_ point: (Double, Double), corner: KeyPosition, width: Double, height: Double) -> Bool {
        // A margin of 2 % of the plot area: a point touching the key's edge reads as covered.
        let m = 0.02
        let (x, y) = point
        let right = x >= 1 - width - m, left = x <= width + m
        let top = y >= 1 - height - m, bottom = y <= height + m
        switch corner {
        case .topRight: return right && top
        case .topLeft: return left && top
        case .bottomRight: return right && bottom
        case .bottomLeft: return left && bottom
        default: return false
        }
    }

    /// What a panel draws, in data coordinates: points (with error-bar ends and lines sampled
    /// between points), reference lines, labels placed in graph coordinates, and whether a
    /// heatmap fills the plot area.
    struct DrawnData {
        var points: [(Double, Double)] = []
        var verticals: [Double] = []
        var horizontals: [Double] = []
        var graph: [(Double, Double)] = []
        var filled = false

        /// Every x (or y) value drawn, for an axis' range.
        var xs: [Double] { points.map(\.0) + verticals }
        var ys: [Double] { points.map(\.1) + horizontals }
    }

    static func drawnData(_ panel: Panel) -> DrawnData {
        var drawn = DrawnData()
        func line(_ x: [Double], _ y: [Double]) {
            for i in x.indices {
                drawn.points.append((x[i], y[i]))
                guard i + 1 < x.count else { continue }
                for step in 1..<8 {
                    let t = Double(step) / 8
                    drawn.points.append((x[i] + (x[i + 1] - x[i]) * t, y[i] + (y[i + 1] - y[i]) * t))
                }
            }
        }
        for layer in panel.layers {
            switch layer {
            case .series(let s):
                if s.kind == .points { drawn.points += zip(s.x, s.y).map { ($0, $1) } } else { line(s.x, s.y) }
            case .errorBars(let e):
                for i in e.x.indices {
                    drawn.points.append((e.x[i], e.y[i]))
                    if e.error[i].isFinite { drawn.points += [(e.x[i], e.y[i] - e.error[i]), (e.x[i], e.y[i] + e.error[i])] }
                }
                if e.connectsPoints { line(e.x, e.y) }
            case .band(let b):
                line(b.x, b.lower)
                line(b.x, b.upper)
            case .heatmap:
                drawn.filled = true
            case .reference(let r):
                switch r.placement {
                case .vertical(let x): drawn.verticals.append(x)
                case .horizontal(let y): drawn.horizontals.append(y)
                }
            case .label(let label):
                switch label.position {
                case .data(let x, let y): drawn.points.append((x, y))
                case .graph(let x, let y): drawn.graph.append((x, y))
                }
            }
        }
        return drawn
    }

    /// Every drawn point as a fraction of the plot area, or nil when the data fill it (a heatmap).
    static func graphPoints(_ panel: Panel) -> [(Double, Double)]? {
        let drawn = drawnData(panel)
        if drawn.filled { return nil }
        guard let xRange = range(drawn.xs, axis: panel.x), let yRange = range(drawn.ys, axis: panel.y) else { return drawn.graph }
        func fraction(_ v: Double, _ r: (Double, Double), _ log: Bool) -> Double {
            let (a, b) = log ? (log10(r.0), log10(r.1)) : r
            let u = log ? log10(v) : v
            return b > a ? (u - a) / (b - a) : 0.5
        }
        var points = drawn.graph
        for (x, y) in drawn.points where x.isFinite && y.isFinite && (!panel.x.isLogarithmic || x > 0) && (!panel.y.isLogarithmic || y > 0) {
            points.append((fraction(x, xRange, panel.x.isLogarithmic), fraction(y, yRange, panel.y.isLogarithmic)))
        }
        for x in drawn.verticals where x.isFinite && (!panel.x.isLogarithmic || x > 0) {
            let f = fraction(x, xRange, panel.x.isLogarithmic)
            points += stride(from: 0.0, through: 1, by: 0.05).map { (f, $0) }
        }
        for y in drawn.horizontals where y.isFinite && (!panel.y.isLogarithmic || y > 0) {
            let f = fraction(y, yRange, panel.y.isLogarithmic)
            points += stride(from: 0.0, through: 1, by: 0.05).map { ($0, f) }
        }
        return points.filter { $0.0 >= -0.01 && $0.0 <= 1.01 && $0.1 >= -0.01 && $0.1 <= 1.01 }
    }

    /// The axis's range: its set bounds, else the data's extent (on a log axis, the range the
    /// emitter sets).
    static func range(_ values: [Double], axis: Axis) -> (Double, Double)? {
        if axis.isLogarithmic { return LogAxisRange.range(values, axis: axis) }
        let usable = values.filter(\.isFinite)
        guard let lo = axis.minimum ?? usable.min(), let hi = axis.maximum ?? usable.max() else { return nil }
        return (lo, hi)
    }
}
