import ArgumentParser
import MeanField

/// `criticality theory critical`: σ_w² on the critical line χ₁ = 1 at a given σ_b².
struct TheoryCriticalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical",
        abstract: "sigma_w^2 on the critical line chi1 = 1 at a given sigma_b^2, with its q*.")

    @OptionGroup var common: TheoryActivationOption

    @Option(name: .customLong("sb2"), parsing: .unconditional, help: "The bias variance sigma_b^2.")
    var sb2: Double

    func run() throws { print(try output()) }

    func output() throws -> String {
        let activation = try common.parsed()
        let p = try theoryErrors { try CriticalLine.point(activation: activation, biasVariance: sb2) }
        if common.json {
            var json = TheoryJSON()
            json.add("activation", .string(activation.rawValue))
            json.add("sb2", .number(sb2))
            json.add("sw2", .number(p.weightVariance))
            json.add("q_star", .number(p.qStar))
            if let note = p.note { json.add("note", .string(note)) }
            return json.text
        }
        var text = TheoryText()
        text.add("activation", activation.rawValue)
        text.add("sigma_b^2", sb2)
        text.add("sigma_w^2", p.weightVariance)
        text.add("q*", p.qStar)
        if let note = p.note { text.note(note) }
        return text.text
    }
}
