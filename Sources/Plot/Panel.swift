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

    public init(title: Text? = nil, x: Axis = Axis(), y: Axis = Axis(),
                key: KeyPosition = .topRight, layers: [Layer] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.key = key
        self.layers = layers
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

/// Where a panel's key (legend) is placed.
public enum KeyPosition: Sendable, Hashable {
    case topLeft, topRight, bottomLeft, bottomRight
    /// Right of the plot area, outside it.
    case outsideRight
    /// Below the plot area, outside it.
    case below
    /// No key.
    case hidden
}
