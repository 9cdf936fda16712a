import Foundation
import Pipeline
import Training

/// Data sets that no Debian package installs and that pipelines use when `--data-dir` gives
/// their folder (002 Fig. 2's CIFAR-10 panel).
public let optionalDataSets: [String] = [Dataset.cifar10.rawValue]

/// Every pipeline `criticality` knows, in the order `make figures` runs them.
public func allPipelines() -> [PipelineDefinition] {
    var pipelines = [phaseDiagram, depthScales, sigmoidTheorem, layerMaps, convolutionalModes,
                     trainabilityFigure1, trainabilityFigure2, learningCurvesFigure3, trainabilityFigure4, reluPlane, latticeNetworks, finiteWidth, dynamicalIsometry, normTrajectories]
    // Engine self-tests and the benchmark's synthetic graph, for tests and `make bench` only.
    if ProcessInfo.processInfo.environment["CRITICALITY_SELFTEST"] == "1" { pipelines += [selftest, synthetic] }
    return pipelines
}
