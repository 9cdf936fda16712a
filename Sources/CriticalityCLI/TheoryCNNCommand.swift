import ArgumentParser
import MeanField

/// `criticality theory cnn`: the CNN mean field on a ring (002 §3.3): χ_q*, χ_c* and the
/// depth scale of every Fourier mode.
struct TheoryCNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn",
        abstract: "CNN mean field on a ring: chi_q*, chi_c*, and the depth scale of each Fourier mode.")

    @OptionGroup var common: TheoryActivationOption

    @Option(name: .customLong("sw2"), parsing: .unconditional, help: "The weight variance sigma_w^2.")
    var sw2: Double

    @Option(name: .customLong("sb2"), parsing: .unconditional, help: "The bias variance sigma_b^2.")
    var sb2: Double

    @Option(name: .customLong("kernel-half-width"), parsing: .unconditional, help: "k: the kernel has 2k+1 taps.")
    var kernelHalfWidth: Int = 1

    @Option(parsing: .unconditional, help: "n: the spatial size (periodic).")
    var size: Int = 8

    func run() throws { print(try output()) }

    func output() throws -> String {
        let activation = try common.parsed()
        let cnn = try theoryErrors {
            try ConvolutionalMeanField(activation: activation, weightVariance: sw2, biasVariance: sb2,
                                       kernelHalfWidth: kernelHalfWidth, spatialSize: size)
        }
        if case .unbounded = cnn.fullyConnected.varianceFixedPoint {
            throw TheoryFailure("\(activation.rawValue) at sigma_w^2 = \(sw2), sigma_b^2 = \(sb2): "
                                + cnn.fullyConnected.notes.joined(separator: "; "))
        }
        let notes = cnn.fullyConnected.notes
        if common.json {
            var json = TheoryJSON()
            json.add("activation", .string(activation.rawValue))
            json.add("sw2", .number(sw2))
            json.add("sb2", .number(sb2))
            json.add("kernel_half_width", .integer(kernelHalfWidth))
            json.add("size", .integer(size))
            json.add("chi_q", .number(cnn.chiQ))
            json.add("chi_c", .number(cnn.chiC))
            json.add("eigenvalues", .numbers(cnn.eigenvalues))
            json.add("xi_c_modes", .numbers(cnn.offDiagonalDepthScales))
            json.add("xi_q_modes", .numbers(cnn.diagonalDepthScales))
            if !notes.isEmpty { json.add("note", .string(notes.joined(separator: "; "))) }
            return json.text
        }
        var text = TheoryText()
        text.add("activation", activation.rawValue)
        text.add("sigma_w^2", sw2)
        text.add("sigma_b^2", sb2)
        text.add("kernel", "2k+1 = \(2 * kernelHalfWidth + 1) on a ring of \(size)")
        text.add("chi_q*", cnn.chiQ)
        text.add("chi_c*", cnn.chiC)
        for n in notes { text.note(n) }
        let header = "    p  lambda_p                  xi_c,p                    xi_q,p"
        let rows = cnn.eigenvalues.indices.map { p in
            [String(p).leftPadded(to: 5), TheoryText.number(cnn.eigenvalues[p]), TheoryText.number(cnn.offDiagonalDepthScales[p]),
             TheoryText.number(cnn.diagonalDepthScales[p])]
                .enumerated().map { $0.offset == 0 || $0.offset == 3 ? $0.element : $0.element.padding(toLength: 24, withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([text.text, "", header] + rows).joined(separator: "\n")
    }
}
