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
/// MeanField). Other modules count as whole folders, except the `perFile` ones (the artifact
/// formats), which count file by file like the file's own module: editing a caption helper
/// reruns the figures that use it and no training cell, and editing one artifact schema reruns
/// the stages that read or write it, not every stage that imports the module.
struct CodeDependencyDerivation {
    let targets: [String: PackageTarget]
    let scans: [String: SwiftFileScan]
    /// Modules whose code never decides a stage's output (the engine), left out of every set.
    let excluded: Set<String>
    /// Modules another module's files depend on file by file. Reached through a module that
    /// counts whole, such a module counts whole too (which of its files that module uses is not
    /// derived).
    let perFile: Set<String>
    /// What each Swift file provides to the other files of its module (see `provides`).
    private let provided: [String: Set<String>]
    /// The types each module's Swift files declare, by module name.
    private let typeNames: [String: Set<String>]

    init(targets: [String: PackageTarget], scans: [String: SwiftFileScan], excluded: Set<String>, perFile: Set<String> = []) {
        self.targets = targets
        self.scans = scans
        self.excluded = excluded
        self.perFile = perFile
        var provided: [String: Set<String>] = [:], typeNames: [String: Set<String>] = [:]
        for target in targets.values {
            let files = target.files.filter { scans[$0] != nil }
            let declared = files.reduce(into: Set<String>()) { $0.formUnion(scans[$1]!.declaredTypes) }
            typeNames[target.name] = declared
            for path in files { provided[path] = Self.provides(scans[path]!, typeNames: declared) }
        }
        self.provided = provided
        self.typeNames = typeNames
    }

    /// Paths (files, then module folders), sorted within each part.
    func dependencies(of file: String, in target: PackageTarget) -> [String] {
        var files = closure(from: [file], in: target)
        var modules = imports(of: files, excluding: target.name)
        var wholeModules = modules.subtracting(perFile)
        for module in modules.intersection(perFile) {
            guard let other = targets[module] else { continue }
            let reached = foreignClosure(from: files, in: other)
            files.formUnion(reached)
            // The module's own dependencies count whole: a file may use a module it does not
            // import (extension members of transitive imports are visible in Swift 6).
            wholeModules.formUnion(imports(of: reached, excluding: module))
            wholeModules.formUnion(other.dependencies.filter { targets[$0] != nil && !excluded.contains($0) && $0 != target.name })
        }
        modules = wholeModules
        var pending = Array(modules)
        while let module = pending.popLast() {
            for dependency in targets[module]?.dependencies ?? [] where !modules.contains(dependency) && !excluded.contains(dependency) && dependency != target.name {
                modules.insert(dependency)
                pending.append(dependency)
            }
        }
        // A per-file module reached through a whole one counts whole: its files listed above are
        // then inside its folder, which is listed instead.
        let folders = modules.compactMap { targets[$0]?.folder }
        files = files.filter { path in !folders.contains { path.hasPrefix($0 + "/") } }
        return files.sorted() + folders.sorted()
    }

    private func swiftFiles(of target: PackageTarget) -> [String] { target.files.filter { scans[$0] != nil } }

    /// The names a file gives the other files of its module: its types and top-level names, the
    /// members of its non-conformance extensions, and the module's own types (`typeNames`) it extends.
    private static func provides(_ scan: SwiftFileScan, typeNames: Set<String>) -> Set<String> {
        scan.declaredTypes.union(scan.extensionMembers).union(scan.extendedTypes.intersection(typeNames))
    }

    /// `start` and every file of `target` whose names those files use, transitively.
    private func closure(from start: [String], in target: PackageTarget) -> Set<String> {
        let candidates = swiftFiles(of: target)
        var reached = Set(start)
        var queue = start
        while let next = queue.popLast() {
            let references = scans[next]?.references ?? []
            for other in candidates where !reached.contains(other) && !provided[other]!.isDisjoint(with: references) {
                reached.insert(other)
                queue.append(other)
            }
        }
        return reached
    }

    /// The files of `module` (a per-file module other than theirs) that `users` use, and the
    /// files of `module` those use, transitively. Stricter than ``closure(from:in:)`` about
    /// extension members: a file that adds members to one of the module's own types counts when
    /// that type is reached and a member is named, not for a name alone. Schemas declare their
    /// columns as extension members (`sw2`, `depth`, `width`), and a training cell that names its
    /// own `sw2` must not depend on every schema with such a column. Members of extensions of
    /// other modules' types (`extension Array`) count by name, as in the file's own module.
    private func foreignClosure(from users: Set<String>, in module: PackageTarget) -> Set<String> {
        let candidates = swiftFiles(of: module)
        let moduleTypes = typeNames[module.name] ?? []
        var references = users.reduce(into: Set<String>()) { $0.formUnion(scans[$1]?.references ?? []) }
        var reached: Set<String> = []
        var changed = true
        while changed {
            changed = false
            let reachedTypes = reached.reduce(into: references.intersection(moduleTypes)) { $0.formUnion(scans[$1]!.declaredTypes) }
            for file in candidates where !reached.contains(file) {
                let scan = scans[file]!
                let ownExtended = scan.extendedTypes.intersection(moduleTypes)
                let byName = !scan.declaredTypes.isDisjoint(with: references) || !ownExtended.isDisjoint(with: references)
                let byMember = !scan.extensionMembers.isDisjoint(with: references)
                    && (ownExtended.isEmpty || !ownExtended.isDisjoint(with: reachedTypes))
                if byName || byMember {
                    reached.insert(file)
                    references.formUnion(scan.references)
                    changed = true
                }
            }
        }
        return reached
    }

    /// Package modules `files` import, without `module` itself and the excluded ones.
    private func imports(of files: Set<String>, excluding module: String) -> Set<String> {
        Set(files.flatMap { scans[$0]?.imports ?? [] }).filter { targets[$0] != nil && $0 != module && !excluded.contains($0) }
    }
}
