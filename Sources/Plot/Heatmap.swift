/// Values on a grid drawn as coloured cells, with a colour bar.
///
/// `values[j][i]` is the value at `(x[i], y[j])`: one row per y value, like a printed table read
/// from the bottom up. The grid may be uneven; each cell reaches halfway to its neighbours
/// (geometrically on a logarithmic axis), and the plot area spans the outer cells whole unless
/// the panel's axis sets a narrower range. NaN cells are left blank, or drawn in
/// ``missing``'s colour with a key entry when it is set; non-positive cells on a logarithmic
/// colour scale are left blank.
///
/// ```swift
/// let map = Heatmap(x: sigmaW2, y: depths, values: accuracy,   // accuracy[depth][sigma]
///                   colorBar: ColorBar(label: "test accuracy", range: 0...1,
///                                      marks: [ColorBarMark("chance", at: 0.1)]))
/// ```
public struct Heatmap: Sendable, Hashable {
    /// Cell centres along x, increasing.
    public var x: [Double]
    /// Cell centres along y, increasing.
    public var y: [Double]
    /// `values[j][i]` at `(x[i], y[j])`; `y.count` rows of `x.count` values.
    public var values: [[Double]]
    /// Label, scale and range of the colour bar.
    public var colorBar: ColorBar
    /// Colour map.
    public var palette: Palette
    /// How NaN cells are drawn; nil leaves them blank.
    public var missing: MissingCells?

    public init(x: [Double], y: [Double], values: [[Double]], colorBar: ColorBar = ColorBar(),
                palette: Palette = .viridis, missing: MissingCells? = nil) {
        self.x = x
        self.y = y
        self.values = values
        self.colorBar = colorBar
        self.palette = palette
        self.missing = missing
    }
}

/// Cells without a value (NaN), drawn in one colour outside the palette with a key entry, so
/// that "no value" (a diverged training run, say) is not mistaken for a value or for background.
///
/// ```swift
/// Heatmap(x: sw2, y: depths, values: accuracy,
///         missing: MissingCells("diverged", color: Color(hex: 0xd62728)))
/// ```
public struct MissingCells: Sendable, Hashable {
    /// Key entry.
    public var title: Text
    /// Fill colour; pick one the palette does not contain.
    public var color: Color

    public init(_ title: Text, color: Color) {
        self.title = title
        self.color = color
    }
}

/// The colour bar of a heatmap. A panel has one colour bar; with several heatmaps in a panel,
/// the first heatmap's colour bar and palette apply.
public struct ColorBar: Sendable, Hashable {
    /// Label beside the bar; nil for none.
    public var label: Text?
    /// Logarithmic colour scale.
    public var isLogarithmic: Bool
    /// Fixed range of the colour scale; nil spans the data.
    public var range: ClosedRange<Double>?
    /// Values marked with an extra labelled tic, e.g. a chance level.
    public var marks: [ColorBarMark]

    public init(label: Text? = nil, isLogarithmic: Bool = false, range: ClosedRange<Double>? = nil,
                marks: [ColorBarMark] = []) {
        self.label = label
        self.isLogarithmic = isLogarithmic
        self.range = range
        self.marks = marks
    }
}

/// A labelled value on a colour bar (gnuplot `set cbtics add ("chance" 0.1)`).
public struct ColorBarMark: Sendable, Hashable {
    public var label: Text
    public var value: Double

    public init(_ label: Text, at value: Double) {
        self.label = label
        self.value = value
    }
}

/// Colour maps for heatmaps.
public enum Palette: Sendable, Hashable {
    /// Perceptually uniform, dark blue → green → yellow; readable in grey scale.
    case viridis
    /// Diverging blue → white → red, for signed quantities centred on zero.
    case blueWhiteRed
    /// Black → white.
    case grays
}
