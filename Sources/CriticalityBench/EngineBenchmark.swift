import Foundation

/// The engine's own overhead on 1000 trivial stages (a 999-cell fan-out and its gather, the
/// hidden `synthetic` pipeline), timed as whole `criticality run` processes, next to GNU make on
/// the same shape of graph in the same run.
struct EngineBenchmark {
    let repeats = 5

    func run() throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("criticality-testbed").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CommandTimer.Failed(description: "criticality-testbed not built next to the bench at \(binary): run `swift build -c release`")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("criticality-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let env: [String: String] = [:]
        let base = ["run", "synthetic", "--quiet", "--store", "store", "--results", "Results"]

        let cold = try CommandTimer.time(binary, base, in: folder, environment: env)
        let noop = median(try (0..<repeats).map { _ in try CommandTimer.time(binary, base, in: folder, environment: env) })
        // A value no other cell has, so the edited cell and the gather really run.
        let edit = median(try (0..<repeats).map { i in
            try CommandTimer.time(binary, base + ["--set", "synthetic/cells[i=500].value=\(100_000 + i)"], in: folder, environment: env)
        })

        var table = Table(title: "engine: 1000 trivial stages (999-cell grid + gather), whole process, median of \(repeats)",
                          header: ["tool", "cold run", "no-op rerun", "one-cell edit", "no-op per stage"])
        table.add(["criticality", seconds(cold), seconds(noop), seconds(edit), String(format: "%.0f µs", noop / 1000 * 1e6)])
        if let make = CommandTimer.which("make") {
            let peer = try makePeer(make: make, folder: folder.appendingPathComponent("make"))
            table.add(["GNU make (peer)", seconds(peer.cold), seconds(peer.noop), seconds(peer.edit), String(format: "%.0f µs", peer.noop / 1000 * 1e6)])
        }
        table.add(["target", "", "< 0.200 s", "", ""])
        return table.text
    }

    /// The same graph as a Makefile: 999 files made by `echo`, one made from all of them.
    private func makePeer(make: String, folder: URL) throws -> (cold: Double, noop: Double, edit: Double) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cells = (0..<999).map { "c\($0).txt" }
        let makefile = """
        all: sum.txt
        sum.txt: \(cells.joined(separator: " "))
        \tcat $^ > $@
        c%.txt: values/c%.in
        \tcp $< $@

        """
        try Data(makefile.utf8).write(to: folder.appendingPathComponent("Makefile"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("values"), withIntermediateDirectories: true)
        for i in 0..<999 { try Data("\(i)\n".utf8).write(to: folder.appendingPathComponent("values/c\(i).in")) }
        let cold = try CommandTimer.time(make, ["-s"], in: folder)
        let noop = median(try (0..<repeats).map { _ in try CommandTimer.time(make, ["-s"], in: folder) })
        let edit = median(try (0..<repeats).map { i in
            try Data("\(100_000 + i)\n".utf8).write(to: folder.appendingPathComponent("values/c500.in"))
            return try CommandTimer.time(make, ["-s"], in: folder)
        })
        return (cold, noop, edit)
    }
}
