import Foundation
@testable import Pipeline
import Testing

/// The job script `--executor slurm` submits, without a cluster: every sbatch option the user
/// gave appears in it, the array covers the tasks, and each task runs `exec` on the shared store.
@Suite("SLURM job script")
struct SlurmJobScriptTests {
    @Test("options become #SBATCH lines; the array and the exec line are right")
    func script() throws {
        var options = SlurmExecutor.Options()
        options.partition = "compute"
        options.time = "01:30:00"
        options.memory = "4G"
        options.cpusPerTask = 2
        options.extraArguments = ["--account=phys", "--qos=short"]
        options.cellsPerTask = 10
        let executor = SlurmExecutor(options: options, executable: "/opt/criticality/bin/criticality")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-script-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try Store(root: root)
        let folder = root.appendingPathComponent("slurm/job")
        let text = executor.jobScript(folder: folder, store: store, tasks: 3)
        for line in ["#SBATCH --array=0-2", "#SBATCH --partition=compute", "#SBATCH --time=01:30:00", "#SBATCH --mem=4G",
                     "#SBATCH --cpus-per-task=2", "#SBATCH --account=phys", "#SBATCH --qos=short",
                     "#SBATCH --output=\(folder.path)/task-%A_%a.log"] {
            #expect(text.contains(line + "\n"), "missing \(line) in:\n\(text)")
        }
        #expect(text.contains("exec '/opt/criticality/bin/criticality' exec --store '\(root.path)' $keys"))
        #expect(text.hasPrefix("#!/bin/bash\n"))
        // No option given, no line: the cluster's defaults apply.
        let plain = SlurmExecutor(options: .init(), executable: "/x").jobScript(folder: folder, store: store, tasks: 1)
        #expect(!plain.contains("--partition") && !plain.contains("--time") && plain.contains("#SBATCH --array=0-0"))
    }
}
