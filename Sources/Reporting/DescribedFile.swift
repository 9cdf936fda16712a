/// What the crate says about a particular archived file beyond its digest, size and media type:
/// a name, a description, and whether it is about the crate as a whole (the profiles ask this of
/// README.md). One entry per file; an entry whose file is not in an archive is ignored.
struct DescribedFile {
    /// The file's path inside the archive.
    let path: String
    let name: String
    let description: String
    /// The file describes the whole crate (`about` the root dataset).
    var aboutCrate = false

    static let all: [DescribedFile] = [
        DescribedFile(path: ArchiveReadme.path, name: "README",
                      description: "What this archive holds, where each part lies, and how to check it.", aboutCrate: true),
        DescribedFile(path: "report/index.html", name: "Results report",
                      description: "The HTML report: every figure with its caption, key numbers and provenance.", aboutCrate: true),
        DescribedFile(path: "report/claims.json", name: "Reproduction scorecard",
                      description: "Every quantitative claim of the four papers with our measured value and its verdict (`criticality claims --json`).", aboutCrate: true),
    ]

    static func entry(for path: String) -> DescribedFile? { all.first { $0.path == path } }
}
