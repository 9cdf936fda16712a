/// A named pipeline: a function from a profile to stages and their wiring.
///
/// Pipelines read as the paper's recipe; they hold values and wiring only.
///
/// ```swift
/// let demo = PipelineDefinition("demo", summary: "ReLU variance map") { p in
///     let curve = p.add("curve", VarianceCurve(parameters: .init(points: p.profile.pick(quick: 10, default: 100, paper: 1000))))
///     p.add("figure", CurveFigure(parameters: .init(title: "q map"), curve: curve))
/// }
/// ```
public struct PipelineDefinition: Sendable {
    /// The name used on the command line (`criticality run demo`).
    public let name: String
    /// One line on what the pipeline reproduces, shown by `criticality list`.
    public let summary: String
    let declare: @Sendable (PipelineBuilder) -> Void

    /// A pipeline whose stages `declare` adds to the builder.
    public init(_ name: String, summary: String, _ declare: @escaping @Sendable (PipelineBuilder) -> Void) {
        self.name = name
        self.summary = summary
        self.declare = declare
    }
}
