import Pipeline

/// The `README.md` at an archive's root: what a person opening the zip reads first (what it
/// holds, where, how to check it, whom to cite). Made from the archive's own content only, so the
/// same results give the same bytes.
struct ArchiveReadme {
    static let path = "README.md"

    let profile: String
    let stages: Int
    let resultFiles: Int
    let leftOut: Int
    let citation: ProjectCitation

    var text: String {
        let authors = citation.authors.map(\.name).joined(separator: ", ")
        var lines = [
            "# Criticality results (profile \(profile))",
            "",
            "A Workflow Run RO-Crate (RO-Crate 1.1, workflow-run-crate 0.5) written by `criticality archive`",
            "(Criticality \(RunEnvironment.toolVersion)). `ro-crate-metadata.json` describes every file with its SHA-256,",
            "and every stage execution as a `CreateAction` with its parameters, inputs, outputs and times.",
            "",
            "- `workflow/Pipelines/`: the pipeline declarations; `Registry.swift` is the main workflow.",
            "- `results/<stage>/`: the outputs of \(stages) stage executions (\(resultFiles) files: HDF5 data, figures, gnuplot scripts, captions).",
            "- `manifests/<stage>/manifest.json`: how each was made (parameters, code digests, library versions, times).",
            "- `report/index.html`: the report of every figure with its provenance; open it from an extracted copy.",
        ]
        if leftOut > 0 {
            lines.append("- \(leftOut) file(s) were left out on request; the metadata lists them with their SHA-256.")
        }
        lines += [
            "",
            "Check it with `criticality verify <zip>` (re-hashes every file against the metadata and the",
            "manifests), or `criticality verify <zip> --rerun` (recomputes the fast stages and compares digests).",
            "",
            "Cite: \(authors), *\(citation.title)*\(citation.version.map { ", version \($0)" } ?? ""); the project's CITATION.cff lists the papers it reproduces.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
