import ArgumentParser
import MeanField

/// `criticality theory point`: q*, c*, χ₁, χ_c, ξ_q, ξ_c and the phase at one (σ_w², σ_b²).
struct TheoryPointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "q*, c*, chi1, chi_c, xi_q, xi_c and the phase at one (sigma_w^2, sigma_b^2).")

    @OptionGroup var common: TheoryActivationOption

    @Option(name: .customLong("sw2"), parsing: .unconditional, help: "The weight variance sigma_w^2.")
    var sw2: Double

    @Option(name: .customLong("sb2"), parsing: .unconditional, help: "The bias variance sigma_b^2.")
    var sb2: Double

    func run() throws { print(try output()) }

    /// The text or JSON the command prints. A point where q grows without bound is an error;
    /// the ReLU critical point and semi-critical line are reported with nulls and a note.
    func output() throws -> String {
        let activation = try common.parsed()
        let p = try theoryErrors { try MeanFieldPoint(activation: activation, weightVariance: sw2, biasVariance: sb2) }
        if case .unbounded = p.varianceFixedPoint {
            throw TheoryFailure("\(activation.rawValue) at sigma_w^2 = \(sw2), sigma_b^2 = \(sb2): "
                                + p.notes.joined(separator: "; "))
        }
        // Diverging depth scales and missing quantities are explained by the notes.
        let note = p.notes.isEmpty ? nil : p.notes.joined(separator: "; ")
        if common.json {
            var json = TheoryJSON()
            json.add("activation", .string(activation.rawValue))
            json.add("sw2", .number(sw2))
            json.add("sb2", .number(sb2))
            json.add("q_star", .number(p.qStar))
            json.add("c_star", .number(p.cStar))
            json.add("chi1", .number(p.chi1))
            json.add("chi_c", .number(p.chiC))
            json.add("xi_q", .number(p.xiQ))
            json.add("xi_c", .number(p.xiC))
            json.add("phase", .string(p.phase.rawValue))
            if let note { json.add("note", .string(note)) }
            return json.text
        }
        var text = TheoryText()
        text.add("activation", activation.rawValue)
        text.add("sigma_w^2", sw2)
        text.add("sigma_b^2", sb2)
        text.add("q*", p.qStar)
        text.add("c*", p.cStar)
        text.add("chi1", p.chi1)
        text.add("chi_c", p.chiC)
        text.add("chi_q", p.chiQ)
        text.add("xi_q", p.xiQ)
        text.add("xi_c", p.xiC)
        text.add("phase", p.phase.rawValue)
        for n in p.notes { text.note(n) }
        return text.text
    }
}
