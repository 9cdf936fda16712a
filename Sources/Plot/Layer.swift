/// Something drawn in a panel. Layers are drawn in order, so a curve listed after a heatmap is
/// drawn over it.
///
/// ```swift
/// panel.layers = [
///     .heatmap(map),
///     .series(Series(x: sigmaW2, y: xi, title: "ξ_c (theory)", style: Style(color: .white))),
///     .reference(ReferenceLine(.vertical(x: 1.76), title: "critical σ_w²")),
///     .label(TextLabel("ordered", at: .graph(x: 0.05, y: 0.9))),
/// ]
/// ```
public enum Layer: Sendable, Hashable {
    /// Lines, points, or lines with points.
    case series(Series)
    /// Points (and optionally a line) with symmetric vertical error bars.
    case errorBars(ErrorBars)
    /// A filled region between a lower and an upper curve, e.g. the spread over seeds.
    case band(Band)
    /// Values on an x × y grid drawn as coloured cells, with a colour bar.
    case heatmap(Heatmap)
    /// A vertical or horizontal line across the whole panel.
    case reference(ReferenceLine)
    /// Text at a position.
    case label(TextLabel)
}

/// How a ``Series`` is drawn.
public enum SeriesKind: Sendable, Hashable {
    case lines, points, linesPoints
    /// A histogram's outline: x are bin centres, each value a flat step across its bin (gnuplot `histeps`).
    case steps
    /// A histogram's bars: x are bin centres, bars as wide as the bins, lightly filled (gnuplot `boxes`).
    case boxes
}

/// A curve or a scatter: paired x and y values. NaN values leave a gap in the line.
public struct Series: Sendable, Hashable {
    public var x: [Double]
    public var y: [Double]
    /// Key entry; nil keeps the series out of the key.
    public var title: Text?
    public var kind: SeriesKind
    public var style: Style

    public init(x: [Double], y: [Double], title: Text? = nil, kind: SeriesKind = .lines,
                style: Style = Style()) {
        self.x = x
        self.y = y
        self.title = title
        self.kind = kind
        self.style = style
    }
}

/// Points with vertical error bars `y ± error`, e.g. a mean ± standard error over seeds.
/// A NaN x or y drops the point; a NaN error draws the point without a bar.
public struct ErrorBars: Sendable, Hashable {
    public var x: [Double]
    public var y: [Double]
    /// Half-length of each bar (same count as `y`).
    public var error: [Double]
    /// Key entry; nil keeps the bars out of the key.
    public var title: Text?
    /// Also join the points with a line (gnuplot `yerrorlines`).
    public var connectsPoints: Bool
    public var style: Style

    public init(x: [Double], y: [Double], error: [Double], title: Text? = nil,
                connectsPoints: Bool = false, style: Style = Style()) {
        self.x = x
        self.y = y
        self.error = error
        self.title = title
        self.connectsPoints = connectsPoints
        self.style = style
    }
}

/// The region between `lower` and `upper` over `x`, filled in a translucent colour, e.g. the
/// min–max of runs over seeds under their mean curve. A NaN bound leaves a gap.
///
/// ```swift
/// Band(x: epochs, lower: minimum, upper: maximum, color: .red)
/// ```
public struct Band: Sendable, Hashable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    /// Key entry; nil keeps the band out of the key.
    public var title: Text?
    public var color: Color
    /// Fill opacity, 0 (invisible) … 1 (opaque).
    public var opacity: Double

    public init(x: [Double], lower: [Double], upper: [Double], title: Text? = nil, color: Color, opacity: Double = 0.25) {
        self.x = x
        self.lower = lower
        self.upper = upper
        self.title = title
        self.color = color
        self.opacity = opacity
    }
}

/// A vertical or horizontal reference line, e.g. the critical σ_w² or a chance level.
public struct ReferenceLine: Sendable, Hashable {
    /// Where the line is.
    public enum Placement: Sendable, Hashable {
        /// A vertical line at this x.
        case vertical(x: Double)
        /// A horizontal line at this y.
        case horizontal(y: Double)
    }

    public var placement: Placement
    /// Key entry; nil keeps the line out of the key.
    public var title: Text?
    public var style: Style

    /// A reference line; dashed black by default.
    public init(_ placement: Placement, title: Text? = nil,
                style: Style = Style(color: .black, lineWidth: 1.5, dash: .dashed)) {
        self.placement = placement
        self.title = title
        self.style = style
    }
}

/// Text placed in a panel.
public struct TextLabel: Sendable, Hashable {
    /// A position in data coordinates or as a fraction of the plot area.
    public enum Position: Sendable, Hashable {
        /// Data coordinates (gnuplot `first`).
        case data(x: Double, y: Double)
        /// Fractions of the plot area, (0, 0) bottom left, (1, 1) top right (gnuplot `graph`).
        case graph(x: Double, y: Double)
    }

    /// Which side of the text the position marks.
    public enum Alignment: Sendable, Hashable {
        case left, center, right
    }

    public var text: Text
    public var position: Position
    public var alignment: Alignment
    /// Text colour; nil for the default (black).
    public var color: Color?

    public init(_ text: Text, at position: Position, alignment: Alignment = .left, color: Color? = nil) {
        self.text = text
        self.position = position
        self.alignment = alignment
        self.color = color
    }
}
