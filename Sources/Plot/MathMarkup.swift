/// Sets literal text as math: gnuplot enhanced-text markup in which the sub- and superscripts a
/// physicist types (`σ_w²`, `ξ_c`, `q^l`, `χ₁^L`, `10^-3`) are drawn as such, and every other
/// markup character is drawn as written.
///
/// A `_` or `^` is a script when the token before it is a symbol (a single letter, Greek or Latin,
/// optionally with Unicode scripts, a number, or a closing `)`, `]`, `|`, `⟩`, `*`), and what
/// follows is a run of letters and digits (a `^` may start with a minus), a braced group or a
/// parenthesised one (`W^(−1/2)`, drawn without the parentheses).
/// Anything else (`mean_real`, `tanh_short`) is escaped and drawn literally. ASCII Greek names
/// written as a symbol (`sigma_b^2`) become the Greek letter, so no figure shows `sigma_b^2`.
///
/// ```swift
/// MathMarkup.markup("σ_w² of mean_real")   // "σ_{w}² of mean\_real"
/// MathMarkup.markup("sigma_b^2 = 0.05")    // "σ_{b}^{2} = 0.05"
/// ```
public enum MathMarkup {
    /// The enhanced-text markup that draws `literal` with its scripts set as math.
    public static func markup(_ literal: String) -> String {
        let characters = Array(greekNamesReplaced(literal))
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "_", "^":
                if isSymbol(before: index, in: characters), let (argument, next) = scriptArgument(after: index, in: characters, superscript: character == "^") {
                    out += "\(character){\(argument)}"
                    index = next
                    continue
                }
                out += "\\\(character)"
            case "\\", "{", "}", "@", "&", "~":
                out += "\\\(character)"
            default:
                out.append(character)
            }
            index += 1
        }
        return out
    }

    /// The Greek letters whose ASCII names a symbol may be written with (`sigma_w`, `xi_c`).
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eps": "ε", "lambda": "λ",
        "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
        "chi": "χ", "psi": "ψ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ",
    ]

    /// `sigma_w2`-style names: an ASCII Greek name that is a whole word and carries a script.
    static func greekNamesReplaced(_ text: String) -> String {
        guard text.contains(where: { $0 == "_" || $0 == "^" }) else { return text }
        var out = ""
        var word = ""
        func flush(followedBy next: Character?) {
            if let letter = greek[word], next == "_" || next == "^" { out += letter } else { out += word }
            word = ""
        }
        for character in text {
            if character.isASCII && character.isLetter {
                word.append(character)
            } else {
                flush(followedBy: character)
                out.append(character)
            }
        }
        flush(followedBy: nil)
        return out
    }

    /// Unicode sub- and superscript digits and letters, which extend a symbol (`χ₁`, `σ²`).
    static func isScriptCharacter(_ character: Character) -> Bool {
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻₀₁₂₃₄₅₆₇₈₉₊₋ˡᵢⱼₖₗₘₙₚₛₜ".contains(character)
    }

    /// Whether the text before `index` ends in a symbol that can carry a script.
    static func isSymbol(before index: Int, in characters: [Character]) -> Bool {
        var start = index
        while start > 0 && isScriptCharacter(characters[start - 1]) { start -= 1 }
        guard start > 0 else { return false }
        let last = characters[start - 1]
        if ")]|⟩*".contains(last) { return true }
        if last.isNumber {
            // A number (10^-3): digits back to the token's start.
            var first = start - 1
            while first > 0 && (characters[first - 1].isNumber || characters[first - 1] == ".") { first -= 1 }
            return first == 0 || !characters[first - 1].isLetter
        }
        guard last.isLetter else { return false }
        // A single letter: the token is one letter long.
        return start - 1 == 0 || !(characters[start - 2].isLetter || characters[start - 2].isNumber)
    }

    /// The script after `index` and the index after it: a braced group kept as written, or a run
    /// of letters and digits (after an optional minus for a superscript).
    static func scriptArgument(after index: Int, in characters: [Character], superscript: Bool) -> (String, Int)? {
        var next = index + 1
        guard next < characters.count else { return nil }
        if characters[next] == "{" {
            guard let close = characters[next...].firstIndex(of: "}") else { return nil }
            return (String(characters[(next + 1)..<close]), close + 1)
        }
        if characters[next] == "(" {
            // W^(−1/2): the parentheses only group the script.
            guard let close = characters[next...].firstIndex(of: ")") else { return nil }
            return (String(characters[(next + 1)..<close]), close + 1)
        }
        var argument = ""
        if superscript && (characters[next] == "-" || characters[next] == "−") {
            argument.append(characters[next])
            next += 1
        }
        while next < characters.count && (characters[next].isLetter || characters[next].isNumber) && !isScriptCharacter(characters[next]) {
            argument.append(characters[next])
            next += 1
        }
        guard argument.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return (argument, next)
    }
}
