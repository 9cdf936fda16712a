import Foundation

/// A typed handle to the output of a stage declared in a pipeline.
///
/// Pipelines pass handles from producers to consumers; a consumer reads the value with
/// ``StageContext/read(_:)``. The type parameter is what the artifact holds, so wiring a
/// heatmap where a curve is expected does not compile.
public struct Artifact<Value: ArtifactValue>: Sendable, Hashable {
    /// Index of the producing node in the graph being declared.
    let node: Int
    init(node: Int) { self.node = node }
}

/// Lets the engine find input handles inside a stage by reflection, whatever their value type.
protocol ArtifactReference {
    var nodeIndex: Int { get }
}

extension Artifact: ArtifactReference {
    var nodeIndex: Int { node }
}

/// Finds the artifacts a stage reads: every stored property that is an ``Artifact`` or holds
/// some (arrays, optionals, tuples, nested structs), in declaration order. `parameters` is
/// skipped: it holds values, not wiring.
enum InputDiscovery {
    static func inputs(of stage: any Stage) -> [Int] {
        var found: [Int] = []
        for child in Mirror(reflecting: stage).children where child.label != "parameters" {
            collect(child.value, into: &found, depth: 0)
        }
        return found
    }

    private static func collect(_ value: Any, into found: inout [Int], depth: Int) {
        if let reference = value as? ArtifactReference {
            found.append(reference.nodeIndex)
            return
        }
        // Deep structures in a stage are data, not wiring; four levels covers [[Artifact]] in a struct.
        guard depth < 4 else { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .optional?, .tuple?, .struct?, .set?:
            for child in mirror.children { collect(child.value, into: &found, depth: depth + 1) }
        default:
            return
        }
    }
}
