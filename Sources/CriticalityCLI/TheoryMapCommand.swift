import ArgumentParser
import MeanField

/// `criticality theory map`: the layer-by-layer (q^l, c^l) of two inputs, l = 0 … layers.
struct TheoryMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Iterate the length and correlation maps: q^l and c^l for l = 0 ... layers.")

    @OptionGroup var common: TheoryActivationOption

    @Option(name: .customLong("sw2"), parsing: .unconditional, help: "The weight variance sigma_w^2.")
    var sw2: Double

    @Option(name: .customLong("sb2"), parsing: .unconditional, help: "The bias variance sigma_b^2.")
    var sb2: Double

    @Option(name: .customLong("q0"), parsing: .unconditional, help: "The input length q^0.")
    var q0: Double = 1

    @Option(name: .customLong("c0"), parsing: .unconditional, help: "The input correlation c^0.")
    var c0: Double = 0.5

    @Option(parsing: .unconditional, help: "The number of layers.")
    var layers: Int = 50

    func run() throws { print(try output()) }

    func output() throws -> String {
        let activation = try common.parsed()
        let t = try theoryErrors {
            try LayerTrajectory(activation: activation, weightVariance: sw2, biasVariance: sb2, q0: q0, c0: c0, layers: layers)
        }
        if common.json {
            var json = TheoryJSON()
            json.add("q", .numbers(t.q))
            json.add("c", .numbers(t.c))
            return json.text
        }
        let rows = zip(t.q, t.c).enumerated().map { l, qc in
            "\(String(l).leftPadded(to: 5))  \(TheoryText.number(qc.0).padding(toLength: 24, withPad: " ", startingAt: 0))  \(TheoryText.number(qc.1))"
        }
        return (["    l  q                         c"] + rows).joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
