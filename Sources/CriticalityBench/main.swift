import BLASKernel
import Foundation

// Before any BLAS work: a generic OpenBLAS kernel on a CPU that supports better would make every
// table measure the fallback (the restart sets OPENBLAS_CORETYPE; see BLASKernel).
KernelCorrection.applyAtStartup()

// `make bench`: each section prints one table, measured in this run next to a peer measured in
// the same run (machines here are shared and differ in CPU, so only same-run ratios mean much).
let arguments = Array(CommandLine.arguments.dropFirst())
let sections = arguments.isEmpty ? BenchSection.allCases : arguments.compactMap(BenchSection.init(rawValue:))
if sections.count != max(arguments.count, sections.count) || (arguments.count > 0 && sections.isEmpty) {
    FileHandle.standardError.write(Data("usage: criticality-bench [\(BenchSection.allCases.map(\.rawValue).joined(separator: "|"))]…\n".utf8))
    exit(2)
}
print(MachineFacts.describe())
for section in sections {
    do {
        print("")
        print(try section.run())
    } catch {
        print("\(section.rawValue): FAILED: \(error)")
        exit(1)
    }
}
