import BuiltSources
import Foundation
import Pipeline
import Testing

/// The derived code dependencies checked against what the compiler saw, as Shake's `--lint`
/// checks a rule's declared dependencies against the files it read: for every file of the
/// Stages module, each file of Stages and of Artifacts (derived file by file too) whose symbols
/// its object code needs (transitively), and each other package module those objects call
/// into, must be in its derived set.
@Suite("code dependency lint")
struct CodeDependencyLintTests {
    /// `<target>.build/` folders of this debug build, next to the test bundle.
    static var buildFolder: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent() }

    /// Each object file's strongly defined and undefined global symbols (`nm -g -P -A`).
    struct Objects {
        var defines: [String: Set<String>] = [:]     // object → symbols
        var needs: [String: Set<String>] = [:]       // object → symbols
        var target: [String: String] = [:]           // object → target
        var definer: [String: String] = [:]          // symbol → the one object defining it strongly

        init(targets: [String], in folder: URL) throws {
            var objects: [String] = []
            for name in targets {
                let dir = folder.appendingPathComponent("\(name).build")
                for file in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where file.hasSuffix(".o") {
                    let path = dir.appendingPathComponent(file).path
                    objects.append(path)
                    target[path] = name
                }
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["nm", "-g", "-P", "-A"] + objects
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "nm failed")
            var owners: [String: Set<String>] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                // "<object>: <symbol> <type> [<value> <size>]"
                guard let colon = line.range(of: ": ") else { continue }
                let object = String(line[..<colon.lowerBound])
                let fields = line[colon.upperBound...].split(separator: " ")
                guard fields.count >= 2 else { continue }
                let symbol = String(fields[0]), type = fields[1]
                if type == "U" { needs[object, default: []].insert(symbol) }
                else if "TDRBS".contains(type) { defines[object, default: []].insert(symbol); owners[symbol, default: []].insert(object) }
            }
            for (symbol, objects) in owners where objects.count == 1 { definer[symbol] = objects.first! }
        }
    }

    @Test("every Stages file's derived set covers the Stages files and package modules its object code uses")
    func derivedSetsCoverObjectCode() throws {
        let table = try BuiltSourceTable(parsing: BuiltSources.table)
        let stages = try #require(table.targets["Stages"])
        let artifacts = try #require(table.targets["Artifacts"])
        let stagesFiles = table.files.keys.filter { $0.hasPrefix(stages.folder + "/") && $0.hasSuffix(".swift") }
        let artifactFiles = table.files.keys.filter { $0.hasPrefix(artifacts.folder + "/") && $0.hasSuffix(".swift") }
        let byObjectName = Dictionary(uniqueKeysWithValues: stagesFiles.map { (URL(fileURLWithPath: $0).lastPathComponent + ".o", $0) })
        let artifactByObjectName = Dictionary(artifactFiles.map { (URL(fileURLWithPath: $0).lastPathComponent + ".o", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(artifactByObjectName.count == artifactFiles.count, "two Artifacts files share a name; the lint cannot tell their objects apart")
        let objects = try Objects(targets: Array(table.targets.keys), in: Self.buildFolder)
        // Objects of files deleted since an earlier build linger in the folder; only the table's count.
        let stagesObjects = objects.target.filter { $0.value == "Stages" && byObjectName[URL(fileURLWithPath: $0.key).lastPathComponent] != nil }.map(\.key)
        #expect(stagesObjects.count == stagesFiles.count, "expected one object per Stages file under \(Self.buildFolder.path)/Stages.build")
        var checked = 0
        for object in stagesObjects {
            let file = byObjectName[URL(fileURLWithPath: object).lastPathComponent]!
            let derived = Set(try #require(table.uses[file]))
            var reached: Set<String> = [object], queue = [object], modules: Set<String> = []
            while let next = queue.popLast() {
                for symbol in objects.needs[next] ?? [] {
                    guard let owner = objects.definer[symbol], let target = objects.target[owner] else { continue }
                    if target == "Stages" || target == "Artifacts" {
                        if reached.insert(owner).inserted { queue.append(owner) }
                    } else {
                        modules.insert(target)
                    }
                }
            }
            // The object analysis sees what it must, or the check above would pass vacuously.
            if file.hasSuffix("/TrainingCell.swift") { #expect(modules.isSuperset(of: ["Training", "HDF5"]), "\(modules)") }
            if file.hasSuffix("/LayerMapsFigure.swift") {
                #expect(reached.contains { $0.hasSuffix("/SeriesColors.swift.o") } && modules.contains("Plot"), "\(reached) \(modules)")
            }
            if file.hasSuffix("/TrainingCell.swift") {
                #expect(reached.contains { $0.hasSuffix("/TrainingCellData.swift.o") }, "\(reached)")
            }
            for other in reached {
                let name = URL(fileURLWithPath: other).lastPathComponent
                let path = (objects.target[other] == "Artifacts" ? artifactByObjectName[name] : byObjectName[name]) ?? other
                #expect(derived.contains(path), "\(file) runs code of \(path), which its derived set lacks")
            }
            for module in modules where module != "Pipeline" {
                let folder = try #require(table.targets[module]?.folder)
                #expect(derived.contains(folder), "\(file) calls into \(module), which its derived set lacks")
            }
            checked += 1
        }
        #expect(checked > 30)
    }
}
