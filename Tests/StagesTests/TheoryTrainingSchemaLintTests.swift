import Foundation
import Testing

/// The theory and training data are read and written through their schemas
/// (Sources/Artifacts/Schema): a string look-up of a column or attribute in a stage, figure,
/// command or pipeline of this area would be a name the compiler cannot check, so a renamed
/// column would break a figure at run time instead of the build.
@Suite("theory and training data: no string look-ups outside their schemas")
struct TheoryTrainingSchemaLintTests {
    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The area's files: its stages, their consumer figures, the command and the pipelines that wire them.
    static let folders = ["Sources/Stages/Theory", "Sources/Stages/Training"]
    static let files = [
        "Sources/Stages/Figures/DepthScalesFigure.swift", "Sources/Stages/Figures/LayerMapsFigure.swift",
        "Sources/Stages/Figures/PhaseDiagramFigure.swift", "Sources/Stages/Figures/SigmoidTheoremFigure.swift",
        "Sources/Stages/Figures/ConvolutionalModesFigure.swift", "Sources/Stages/Figures/TrainabilityFigure.swift",
        "Sources/Stages/Figures/LearningCurvesFigure.swift", "Sources/CriticalityCLI/TrainabilityCommand.swift",
        "Pipelines/TheoryConvolutional.swift", "Pipelines/TheoryDepthScales.swift", "Pipelines/TheoryLayerMaps.swift",
        "Pipelines/TheoryPhaseDiagram.swift", "Pipelines/TheorySigmoid.swift", "Pipelines/TrainabilityFigures.swift",
        "Pipelines/TrainabilityWiring.swift",
    ]
    /// Look-ups by name, and the calls that add a column under a name.
    static let lookUps = ["variable(\"", "axis(\"", "addVariable(", "addAxis(", "attributes[\""]

    @Test("no variable(\"…\"), axis(\"…\"), addVariable(, addAxis( or attributes[\"…\"] in the theory and training stages, figures, command and pipelines")
    func noStringLookUps() throws {
        var paths = Self.files
        for folder in Self.folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            paths += names.filter { $0.hasSuffix(".swift") }.sorted().map { "\(folder)/\($0)" }
        }
        var offenders: [String] = []
        for path in paths {
            let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for pattern in Self.lookUps where line.contains(pattern) {
                    offenders.append("\(path):\(number + 1): \(pattern) — \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(paths.count > Self.files.count, "the area's folders hold no Swift files: is the root \(Self.root.path) right?")
        #expect(offenders.isEmpty, "read and write through the schema's columns and typed fields instead:\n\(offenders.joined(separator: "\n"))")
    }
}
