/// Spelling of values in gnuplot's command language, shared by the emitter's parts.
enum GnuplotSyntax {
    /// A number with full round-trip precision (Swift's shortest exact representation, e.g.
    /// `0.1`, `1e-05`); non-finite values become `NaN`, which gnuplot treats as undefined: a
    /// gap in a line, a blank heatmap cell.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "NaN"
    }

    /// A layout position (screen fraction) rounded to 1e-5, a fiftieth of a pixel at 2000
    /// pixels: short for a reader editing the script. Data never goes through this.
    static func fraction(_ value: Double) -> String {
        number((value * 100_000).rounded() / 100_000)
    }

    /// A double-quoted gnuplot string. Backslash and quote are escaped; a newline becomes `\n`,
    /// which gnuplot draws as a line break; a backquote is escaped too, since gnuplot runs a
    /// backquoted text inside double quotes as a shell command and substitutes its output.
    static func quoted(_ string: String) -> String {
        var out = "\""
        for character in string {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "`": out += "\\`"
            case "\n": out += "\\n"
            case "\r\n": out += "\\n"
            case "\r": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A string in enhanced-text mode, as accepted by titles, labels and key entries: markup as
    /// written, literal text set as math (``MathMarkup``: `σ_w²` with a subscript w, any other
    /// markup character escaped).
    static func text(_ text: Text) -> String {
        quoted(text.isEnhanced ? text.string : MathMarkup.markup(text.string)) + " enhanced"
    }

    /// `rgb "#rrggbb"`.
    static func color(_ color: Color) -> String {
        "rgb \"\(color.hexString)\""
    }

    /// A range bound; nil lets gnuplot autoscale it.
    static func bound(_ value: Double?) -> String {
        value.map(number) ?? "*"
    }
}
