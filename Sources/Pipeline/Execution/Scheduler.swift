/// The scheduler's state for one run, as "Build systems à la carte" has it: which selected
/// stages are ready (every input resolved), which wait, which are blocked by a failed input.
/// It decides order only; whether a ready stage needs running is the ``Rebuilder``'s call, and
/// where it runs is a ``StageRunner``'s.
struct Scheduler {
    private let consumers: [[Int]]
    private let selected: Set<Int>
    private var waiting: [Int: Int]
    /// Ready stages, kept sorted by node index (declaration order).
    private var ready: [Int]
    /// Stages that will not run because an input failed (or an input of an input).
    private(set) var blocked = Set<Int>()

    /// A schedule over `selected` (indices of `graph`, which must include every input of each).
    init(_ graph: StageGraph, selected: [Int]) {
        consumers = graph.consumers
        self.selected = Set(selected)
        waiting = Dictionary(uniqueKeysWithValues: selected.map { ($0, graph.nodes[$0].inputs.count) })
        ready = selected.filter { graph.nodes[$0].inputs.isEmpty }.sorted()
    }

    /// Whether a stage is ready to be taken.
    var hasReady: Bool { !ready.isEmpty }

    /// The ready stage declared first. Taking stages in the order they became ready ran every
    /// source of every pipeline (hundreds of training cells) before any gather or figure, so no
    /// pipeline completed, and none was published, until the end of the run; declaration order
    /// finishes pipelines in the registry's order and publishes each as it completes.
    mutating func takeReady() -> Int? {
        ready.isEmpty ? nil : ready.removeFirst()
    }

    /// Records that a stage's outputs are resolved (up to date or computed): consumers whose
    /// inputs are now all resolved become ready.
    mutating func resolved(_ index: Int) {
        for consumer in consumers[index] where selected.contains(consumer) {
            waiting[consumer]! -= 1
            if waiting[consumer] == 0 && !blocked.contains(consumer) {
                let place = ready.firstIndex { $0 > consumer } ?? ready.endIndex
                ready.insert(consumer, at: place)
            }
        }
    }

    /// Records that a stage failed; returns the stages this newly blocks (its transitive
    /// consumers), which are never made ready.
    mutating func failed(_ index: Int) -> [Int] {
        var newlyBlocked: [Int] = []
        var stack = consumers[index].filter { selected.contains($0) }
        while let next = stack.popLast() {
            guard blocked.insert(next).inserted else { continue }
            newlyBlocked.append(next)
            stack += consumers[next].filter { selected.contains($0) }
        }
        return newlyBlocked.sorted()
    }
}
