import Artifacts
import Foundation
import Pipeline

/// Text filled from a figure's data: `{name}` is replaced by a value its inputs hold, so a
/// caption or key entry never restates a number by hand. A name is looked up, in order, as
///
/// 1. a column at the curve being drawn (an axis' value there, or a variable whose axes the
///    curve fixes: `{ks_distance}` in a histogram's key entry);
/// 2. a root attribute of the file (`{width}`, `{sigma_b2}`);
/// 3. a parameter of the stage that wrote it, by dotted path (`{ensemble.networks}`);
/// 4. an axis holding a single value (`{sigma_w2}` of a one-σ_w² ensemble).
///
/// Numbers are printed with up to four significant digits. An unknown name is an error that
/// lists the names the data offers.
///
/// ```swift
/// try TextTemplate.fill("N = {width}, σ_w² = {sigma_w2}, M = {networks}", from: [modes])
/// // "N = 200, σ_w² = 0.9, M = 8"
/// ```
public enum TextTemplate {
    /// `template` with every `{name}` replaced from `inputs` (first match wins) at `selection`
    /// (axis name → index) of the first input.
    public static func fill(_ template: String, from inputs: [LabelledData], at selection: [String: Int] = [:]) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            // A brace followed by a space, a digit or "}" is text, not a name (enhanced markup "^{2}").
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            guard isName(name) else {
                out += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += rest[..<open]
            out += try value(named: name, in: inputs, at: selection)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }

    static func value(named name: String, in inputs: [LabelledData], at selection: [String: Int]) throws -> String {
        for (position, data) in inputs.enumerated() {
            if let found = lookup(name, in: data, at: position == 0 ? selection : [:]) { return found }
        }
        var known = Set<String>()
        for data in inputs {
            known.formUnion(data.axes.map(\.name))
            known.formUnion(data.variables.map(\.name))
            known.formUnion(data.attributes.keys.filter { $0 != "description" })
            known.formUnion(data.provenance?.flattenedParameters.map(\.path) ?? [])
        }
        throw TemplateError(name: name, known: known.sorted())
    }

    static func lookup(_ name: String, in data: LabelledData, at selection: [String: Int]) -> String? {
        if let axis = try? data.axis(name) {
            if let index = selection[name], axis.values.indices.contains(index) { return CaptionNumber.format(axis.values[index]) }
            if axis.values.count == 1 { return CaptionNumber.format(axis.values[0]) }
        }
        if let variable = try? data.variable(name), variable.dimensions.allSatisfy({ selection[$0] != nil || ((try? data.axis($0).values.count) == 1) }) {
            let index = ColumnSlicing.flatIndex(variable.dimensions, in: data) { selection[$0] ?? 0 }
            if let index, variable.values.indices.contains(index) { return CaptionNumber.format(variable.values[index]) }
        }
        if let text = data.attributes[name] { return Double(text).map(CaptionNumber.format) ?? text }
        if let parameter = data.provenance?.flattenedParameters.first(where: { $0.path == name }) {
            switch parameter.value {
            case .int(let i): return "\(i)"
            case .double(let d): return CaptionNumber.format(d)
            case .string(let s): return s
            default: return (try? CanonicalJSON.string(parameter.value)) ?? nil
            }
        }
        return nil
    }
}

/// A template names a value its inputs do not hold.
public struct TemplateError: Error, CustomStringConvertible {
    public let name: String
    public let known: [String]
    public var description: String {
        "figure text names {\(name)}, which its inputs do not hold; use one of: \(known.joined(separator: ", "))"
    }
}
