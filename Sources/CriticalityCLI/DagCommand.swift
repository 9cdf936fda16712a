import ArgumentParser
import Pipeline

/// `criticality dag`: the stage graph as text or Graphviz dot.
struct DagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dag",
        abstract: "Print the stage graph: one line per stage with its inputs, or Graphviz dot.",
        discussion: "Grid cells are folded into one line per grid unless --expand. Render dot with: criticality dag --dot | dot -Tsvg > dag.svg")

    @Argument(help: "Pipelines, stages or grids (default: all).")
    var targets: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Graphviz dot instead of text.")
    var dot = false

    @Flag(help: "One line per grid cell.")
    var expand = false

    func run() throws {
        do {
            let graph = try workspace.graph()
            print(dot ? try graph.dot(targets: targets) : try graph.textDiagram(targets: targets, expandGrids: expand))
        } catch let error as PipelineError {
            throw CommandFailure(error)
        }
    }
}
