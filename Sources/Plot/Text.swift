/// A piece of text shown in a figure: a title, an axis label, a key entry, a caption.
///
/// Text is written as a physicist types it and set as math: `"σ_w² (ξ_c)"` draws σ with a
/// subscript w and ξ with a subscript c, `"q^l"` a superscript l (``MathMarkup`` says which `_`
/// and `^` are scripts; the rest, as in `mean_real`, are drawn as written, as are gnuplot's other
/// markup characters `{ } @ & ~ \`). Use UTF-8 characters for symbols (σ, ξ, ², ₁). For anything
/// else, write gnuplot's enhanced-text markup yourself with ``enhanced(_:)``:
///
/// ```swift
/// let typed: Text = "weight_variance σ_w²"          // "weight_variance" as written, σ with subscript w
/// let markup = Text.enhanced("σ_w^2 / σ_b^2")         // markup as written
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
