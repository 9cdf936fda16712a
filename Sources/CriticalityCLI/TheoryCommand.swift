import ArgumentParser

/// `criticality theory …`: the mean-field calculator (paper 002, Eqs. 1–24), no pipeline or store.
struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "Mean-field calculator: fixed points, susceptibilities, depth scales, critical line.",
        discussion: """
        Examples:
          criticality theory point --activation tanh --sw2 1.5 --sb2 0.05
          criticality theory critical --activation tanh --sb2 0.05 --json
          criticality theory map --activation tanh --sw2 1.5 --sb2 0.05 --q0 1 --c0 0.5 --layers 50
          criticality theory theorem1
          criticality theory cnn --activation tanh --sw2 1.5 --sb2 0.05 --kernel-half-width 1 --size 8
        """,
        subcommands: [
            TheoryPointCommand.self, TheoryCriticalCommand.self, TheoryMapCommand.self,
            TheoryTheoremCommand.self, TheoryCNNCommand.self,
        ]
    )
}

/// A theory subcommand: computes the text it prints, so tests can drive it in-process.
protocol TheoryOutputCommand: ParsableCommand {
    /// What `run()` prints (text, or JSON with `--json`); throws a ``TheoryFailure`` on bad input.
    func output() throws -> String
}

extension TheoryPointCommand: TheoryOutputCommand {}
extension TheoryCriticalCommand: TheoryOutputCommand {}
extension TheoryMapCommand: TheoryOutputCommand {}
extension TheoryTheoremCommand: TheoryOutputCommand {}
extension TheoryCNNCommand: TheoryOutputCommand {}
