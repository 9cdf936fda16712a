/// One plot of a figure: axes, a key, and layers drawn in order (later layers on top).
///
/// ```swift
/// var panel = Panel(title: "χ₁ against σ_w²",
///                   x: Axis(label: "σ_w²"), y: Axis(label: "χ₁", isLogarithmic: true))
/// panel.layers = [.series(Series(x: xs, y: ys, title: "tanh"))]
/// ```
public struct Panel: Sendable, Hashable {
    /// Title over the panel; nil for none.
    public var title: Text?
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// Where the key (legend) goes.
    public var key: KeyPosition
    /// What is drawn, back to front.
    public var layers: [Layer]
    /// A strip under the panel sharing its x axis, e.g. (data − theory)/error: the way to show
    /// points that would sit on a curve. It takes 30 % of the panel's height; its own title and
    /// x label are not drawn (the panel's x label moves under it).
    public var residuals: Panel? {
        get { residualStorage.first }
        set { residualStorage = newValue.map { [$0] } ?? [] }
    }
    // An array, because a struct cannot hold an optional of itself.
    private var residualStorage: [Panel] = []

    /// A panel; the key goes in a corner free of data (``KeyPosition/automatic``) unless told.
    public init(title: Text? = nil, x: Axis = Axis(), y: Axis = Axis(),
                key: KeyPosition = .automatic, layers: [Layer] = [], residuals: Panel? = nil) {
        self.title = title
        self.x = x
        self.y = y
        self.key = key
        self.layers = layers
        self.residuals = residuals
    }
}

/// An axis: label, range, linear or logarithmic.
public struct Axis: Sendable, Hashable {
    /// Axis label; nil for none.
    public var label: Text?
    /// Lower bound; nil lets gnuplot choose (or the heatmap's extent, when the panel has one).
    public var minimum: Double?
    /// Upper bound; nil lets gnuplot choose (or the heatmap's extent).
    public var maximum: Double?
    /// Logarithmic (base 10) scale. Non-positive values cannot be drawn on it.
    public var isLogarithmic: Bool

    public init(label: Text? = nil, minimum: Double? = nil, maximum: Double? = nil,
                isLogarithmic: Bool = false) {
        self.label = label
        self.minimum = minimum
        self.maximum = maximum
        self.isLogarithmic = isLogarithmic
    }
}

/// Where a panel's key (legend) is placed. A key never covers data: a corner is a preference,
/// and when data lies under it the key moves to a free corner, else below the plot.
public enum KeyPosition: Sendable, Hashable {
    /// The first corner free of data (top right, top left, bottom right, bottom left), else below.
    case automatic
    case topLeft, topRight, bottomLeft, bottomRight
    /// Right of the plot area, outside it.
    case outsideRight
    /// Below the plot area, outside it.
    case below
    /// No key.
    case hidden
}
