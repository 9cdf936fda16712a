import Foundation
import Synchronization
import Pipeline
import Training

/// Data sets that no Debian package installs and that pipelines use when `--data-dir` gives
/// their folder (002 Fig. 2's CIFAR-10 panel).
public let optionalDataSets: [String] = [Dataset.cifar10.rawValue]

/// Every pipeline `criticality` knows, in the order `make figures` runs them.
public func allPipelines() -> [PipelineDefinition] {
    let pipelines = [phaseDiagram, depthScales, sigmoidTheorem, layerMaps, convolutionalModes,
                     trainabilityFigure1, trainabilityFigure2, learningCurvesFigure3, trainabilityFigure4, reluPlane, latticeNetworks, finiteWidth, dynamicalIsometry, normTrajectories]
    return pipelines + AdditionalPipelines.registered
}

/// Pipelines a build adds to the shipped ones before it starts: the test bed's engine
/// self-tests and the benchmark's synthetic graph (`criticality-testbed`). Empty in the shipped
/// `criticality`, so its graph depends on nothing but its pipeline files.
public enum AdditionalPipelines {
    private static let list = Mutex<[PipelineDefinition]>([])

    /// Adds pipelines to every later ``allPipelines()``.
    public static func register(_ pipelines: [PipelineDefinition]) { list.withLock { $0 += pipelines } }

    /// What has been registered.
    public static var registered: [PipelineDefinition] { list.withLock { $0 } }
}
