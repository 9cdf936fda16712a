/// A piece of text shown in a figure: a title, an axis label, a key entry, a caption.
///
/// Text is literal by default: every character is drawn as written, so `"σ_w² (ξ_c)"` shows an
/// underscore, not a subscript. The script marks literal strings `noenhanced`, which is more
/// robust than escaping gnuplot's enhanced-mode markup characters (`_ ^ { } @ & ~ \`) one by one.
/// Use UTF-8 characters for symbols (σ, ξ, ², ₁). Where real sub- or superscripts are wanted,
/// opt in to gnuplot's enhanced-text markup with ``enhanced(_:)``:
///
/// ```swift
/// let literal: Text = "weight_variance σ_w²"        // drawn exactly like this
/// let markup = Text.enhanced("σ_w^2 / σ_b^2")         // drawn with a sub- and a superscript
/// ```
public struct Text: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The characters, or enhanced-mode markup when ``isEnhanced`` is true. `\n` breaks a line.
    public var string: String
    /// Whether gnuplot interprets ``string`` as enhanced-text markup.
    public var isEnhanced: Bool

    /// Literal text, drawn exactly as written.
    public init(_ string: String) {
        self.string = string
        self.isEnhanced = false
    }

    /// Literal text from a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Literal text from an interpolated string literal, e.g. `"σ_w² = \(sigma)"`.
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    /// Text written in gnuplot's enhanced-text markup, e.g. `"σ_w^2"` for σ with subscript w and
    /// superscript 2; see `help enhanced` in gnuplot.
    public static func enhanced(_ markup: String) -> Text {
        var text = Text(markup)
        text.isEnhanced = true
        return text
    }

    public var description: String { string }
}
