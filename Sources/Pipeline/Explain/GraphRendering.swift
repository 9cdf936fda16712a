/// Text and Graphviz renderings of a graph for `criticality dag`.
extension StageGraph {
    /// One line per stage in dependency order, with its inputs; grid cells are folded into one
    /// line per grid unless `expandGrids`.
    public func textDiagram(targets: [String] = [], expandGrids: Bool = false) throws -> String {
        let selected = try selection(targets)
        var lines: [String] = []
        var shownGroups = Set<String>()
        for index in selected {
            let node = nodes[index]
            if let group = node.group, !expandGrids {
                guard shownGroups.insert(group).inserted else { continue }
                let cells = selected.filter { nodes[$0].group == group }
                let inputs = Set(cells.flatMap { nodes[$0].inputs }).sorted().map { display(nodes[$0]) }
                lines.append("\(group) (grid of \(cells.count) \(node.kind))" + (inputs.isEmpty ? "" : " ← " + Set(inputs).sorted().joined(separator: ", ")))
                continue
            }
            let inputs = node.inputs.map { expandGrids ? nodes[$0].name : display(nodes[$0]) }
            var unique: [String] = []
            for input in inputs where !unique.contains(input) { unique.append(input) }
            lines.append("\(node.name) (\(node.kind))" + (unique.isEmpty ? "" : " ← " + unique.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    private func display(_ node: StageNode) -> String { node.group.map { "\($0)[…]" } ?? node.name }

    /// The graph in Graphviz dot, one node per stage (grid cells folded into one node per grid).
    public func dot(targets: [String] = []) throws -> String {
        let selected = try selection(targets)
        func id(_ node: StageNode) -> String { "\"\(node.group ?? node.name)\"" }
        var lines = ["digraph criticality {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        var declared = Set<String>(), edges = Set<String>()
        for index in selected {
            let node = nodes[index]
            if declared.insert(id(node)).inserted {
                let label = node.group.map { g in "\(g)\\n(grid of \(selected.filter { nodes[$0].group == g }.count))" } ?? node.name
                lines.append("  \(id(node)) [label=\"\(label)\\n\(node.kind)\"\(node.group == nil ? "" : ", style=\"rounded,filled\", fillcolor=\"#eeeeee\"")];")
            }
            for input in node.inputs where edges.insert("\(id(nodes[input])) -> \(id(node))").inserted {
                lines.append("  \(id(nodes[input])) -> \(id(node));")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
