/// A figure: one or more panels on a grid, a title, and a caption saying what it shows.
///
/// The PNG is ``size`` pixels; the PDF has the same layout at ``size`` points (1/72 inch), so
/// both files look alike. The caption is drawn in a strip under the panels; long lines wrap, and
/// at most four lines are drawn (the rest is in the caption file, ``captionFileSuffix``).
///
/// ```swift
/// let figure = Figure(
///     title: "Depth scales",
///     caption: "Dataset: none (theory). tanh, σ_b² = 0.05. Profile: quick.",
///     size: FigureSize(width: 1000, height: 450),
///     grid: Grid(rows: 1, columns: 2),
///     panels: [left, right])
/// ```
public struct Figure: Sendable, Hashable {
    /// Title drawn above all panels; nil for none.
    public var title: Text?
    /// What the figure shows (dataset, parameters, profile); `\n` breaks lines.
    public var caption: Text
    /// Size of the PNG in pixels (PDF: the same number of points).
    public var size: FigureSize
    /// How panels are laid out; panels fill it row by row.
    public var grid: Grid
    /// The panels, row-major; at most `grid.rows × grid.columns`.
    public var panels: [Panel]
    /// Base font size in points.
    public var fontSize: Double
    /// Font family handed to cairo (fontconfig name).
    public var fontFamily: String

    /// A figure; `grid` defaults to one row holding all panels.
    public init(title: Text? = nil, caption: Text, size: FigureSize = FigureSize(width: 800, height: 560),
                grid: Grid? = nil, panels: [Panel], fontSize: Double = 11, fontFamily: String = "sans") {
        self.title = title
        self.caption = caption
        self.size = size
        self.grid = grid ?? Grid(rows: 1, columns: max(panels.count, 1))
        self.panels = panels
        self.fontSize = fontSize
        self.fontFamily = fontFamily
    }
}

extension Figure {
    /// The suffix of the file holding a figure's whole caption beside `<name>.png`
    /// (`<name>.caption.txt`); the image shows at most four lines of it.
    public static let captionFileSuffix = ".caption.txt"
}

/// Figure size: pixels in the PNG, points in the PDF.
public struct FigureSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A multiplot grid of panels, `rows × columns`.
public struct Grid: Sendable, Hashable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}
