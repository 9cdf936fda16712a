import Foundation
import Pipeline
import Plot

/// A figure as a stage output: the gnuplot script with its data inline (`<name>.gp`) and its
/// renderings (`<name>.png`, `<name>.pdf`), written by rendering with the real gnuplot, and its
/// caption as plain text (`<name>.caption.txt`) for reports that show the figure beside it.
///
/// Read back, it holds the file locations only (a figure is a leaf: nothing consumes its model).
public struct FigureArtifact: ArtifactValue {
    /// The file stem.
    public var name: String
    /// The figure, when this value was made by a stage (nil when read back from the store).
    public var figure: Figure?

    /// A figure to render as `<name>.gp/.png/.pdf`.
    public init(name: String, figure: Figure) {
        self.name = name
        self.figure = figure
    }

    public func write(to directory: URL) throws {
        guard let figure else { throw PlotError.invalidFigure("figure \(name) has no model to render") }
        // Warnings fail the stage: a figure gnuplot complains about is not a result.
        try GnuplotRenderer().render(figure, named: name, in: directory)
        try Data((figure.caption.string + "\n").utf8).write(to: directory.appendingPathComponent(name + Self.captionSuffix))
    }

    public static func read(from directory: URL) throws -> FigureArtifact {
        let script = try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".gp") }
        guard let script else { throw PlotError.outputMissing(directory, script: directory) }
        return FigureArtifact(name: String(script.dropLast(3)), figure: nil)
    }

    private init(name: String, figure: Figure?) {
        self.name = name
        self.figure = figure
    }

    /// The caption file's suffix after the figure's name.
    public static let captionSuffix = Figure.captionFileSuffix

}
