import ArgumentParser
import MeanField

/// The options every `criticality theory` subcommand shares: the activation and the output format.
/// Numbers are read with `.unconditional` parsing, so `--sw2 -1` reaches the variance check (and
/// its message naming --sw2) instead of being taken for an unknown option.
struct TheoryActivationOption: ParsableArguments {
    @Option(help: ArgumentHelp("The activation: \(Activation.knownNames.joined(separator: ", ")).", valueName: "name"))
    var activation: String = "tanh"

    @Flag(help: "JSON instead of text (numbers exact to the last bit, in their shortest form; null where missing).")
    var json = false

    /// The parsed activation; throws the error listing the known names.
    func parsed() throws -> Activation {
        do { return try Activation.parse(activation) } catch { throw TheoryFailure(error) }
    }
}

/// A theory command's failure: ArgumentParser prints the message on stderr and exits 1.
struct TheoryFailure: Error, CustomStringConvertible {
    let description: String
    init(_ error: Error) { description = "\(error)" }
    init(_ message: String) { description = message }
}

/// Runs `body`, turning the theory's errors into a ``TheoryFailure`` (a message, no trace).
func theoryErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as MeanFieldError { throw TheoryFailure(error) }
}
