import ArgumentParser
import Pipeline
import Pipelines

/// `criticality list`: the pipelines and their stages.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the pipelines, what each reproduces, and its stages.")

    @Option(help: "Profile whose grid sizes to count.")
    var profile: Profile = .default

    func run() throws {
        let pipelines = allPipelines()
        let graph = try StageGraph(pipelines, profile: profile)
        for pipeline in pipelines {
            let diagram = try graph.textDiagram(targets: [pipeline.name])
            print("\(pipeline.name) — \(pipeline.summary)")
            for line in diagram.split(separator: "\n") { print("  \(line)") }
        }
    }
}
