/// The papers the pipelines reproduce, by the number that prefixes a pipeline's name
/// (`002-fig5-sigmoid` belongs to paper 002), so reports group figures by paper.
public enum PaperCatalog {
    /// Short titles of the papers in `../shared/papers/`.
    public static let titles: [String: String] = [
        "000": "Field theory of signal propagation in deep networks (course report)",
        "001": "Mean-field theory, the edge of chaos and universality (essay)",
        "002": "A Mean-Field Theory of Training Deep Neural Networks (Pabari, Zhou)",
        "003": "Random neural networks as lattice models (Schoenholz, Pennington, Sohl-Dickstein)",
    ]

    /// The paper number of a pipeline (`"002"`), or `"other"` when its name has no number prefix.
    public static func paper(ofPipeline name: String) -> String {
        let prefix = name.prefix { $0.isNumber }
        return prefix.count == 3 ? String(prefix) : "other"
    }

    /// The figure label in a pipeline name (`fig5` → `Fig. 5`), if it names one.
    public static func figureLabel(ofPipeline name: String) -> String? {
        for part in name.split(separator: "-") where part.hasPrefix("fig") {
            let number = part.dropFirst(3)
            if !number.isEmpty, number.allSatisfy({ $0.isNumber }) { return "Fig. \(number)" }
        }
        return nil
    }

    /// The heading for a paper number.
    public static func heading(_ paper: String) -> String {
        guard let title = titles[paper] else { return "Other pipelines" }
        return "Paper \(paper): \(title)"
    }
}
