/// A target of the package as Package.swift declares it: its folder, the package targets it
/// depends on, and its files.
struct PackageTarget {
    var name: String
    /// Relative to the package root, e.g. `Sources/Training`.
    var folder: String
    /// Package targets only; products of other packages are pinned by version in Package.swift.
    var dependencies: [String]
    /// Relative to the package root.
    var files: [String]
}

/// Derives the code a Swift file's behaviour depends on: the file itself, the files of its own
/// module whose declarations it uses (transitively), and every module those files import,
/// closed over the target graph (Training brings CTrainingKernels, CBLAS, BLASThreads, CGzip and
/// MeanField). Other modules count as whole folders; the file's own module counts file by file,
/// so editing a caption helper reruns the figures that use it and no training cell.
struct CodeDependencyDerivation {
    let targets: [String: PackageTarget]
    let scans: [String: SwiftFileScan]
    /// Modules whose code never decides a stage's output (the engine), left out of every set.
    let excluded: Set<String>

    /// Paths (files of `target`, then module folders), sorted within each part.
    func dependencies(of file: String, in target: PackageTarget) -> [String] {
        let swiftFiles = target.files.filter { scans[$0] != nil }
        let typeNames = swiftFiles.reduce(into: Set<String>()) { $0.formUnion(scans[$1]!.declaredTypes) }
        func provides(_ path: String) -> Set<String> {
            let scan = scans[path]!
            return scan.declaredTypes.union(scan.extensionMembers).union(scan.extendedTypes.intersection(typeNames))
        }
        var reached: Set<String> = [file]
        var queue = [file]
        while let next = queue.popLast() {
            let references = scans[next]?.references ?? []
            for other in swiftFiles where !reached.contains(other) && !provides(other).isDisjoint(with: references) {
                reached.insert(other)
                queue.append(other)
            }
        }
        var modules = Set(reached.flatMap { scans[$0]?.imports ?? [] }).filter { targets[$0] != nil }
        modules.remove(target.name)
        modules.subtract(excluded)
        var pending = Array(modules)
        while let module = pending.popLast() {
            for dependency in targets[module]?.dependencies ?? [] where !modules.contains(dependency) && !excluded.contains(dependency) && dependency != target.name {
                modules.insert(dependency)
                pending.append(dependency)
            }
        }
        return reached.sorted() + modules.compactMap { targets[$0]?.folder }.sorted()
    }
}
