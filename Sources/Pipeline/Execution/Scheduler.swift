/// The scheduler's state for one run, as "Build systems à la carte" has it: which selected
/// stages are ready (every input resolved), which wait, which are blocked by a failed input.
/// It decides order only; whether a ready stage needs running is the ``Rebuilder``'s call, and
/// where it runs is a ``StageRunner``'s.
struct Scheduler {
    private let consumers: [[Int]]
    private let selected: Set<Int>
    private var waiting: [Int: Int]
    private var ready: [Int]
    private var next = 0
    /// Stages that will not run because an input failed (or an input of an input).
    private(set) var blocked = Set<Int>()

    /// A schedule over `selected` (indices of `graph`, which must include every input of each).
    init(_ graph: StageGraph, selected: [Int]) {
        consumers = graph.consumers
        self.selected = Set(selected)
        waiting = Dictionary(uniqueKeysWithValues: selected.map { ($0, graph.nodes[$0].inputs.count) })
        ready = selected.filter { graph.nodes[$0].inputs.isEmpty }
    }

    /// Whether a stage is ready to be taken.
    var hasReady: Bool { next < ready.count }

    /// The next ready stage, in the order stages became ready (declaration order among sources).
    mutating func takeReady() -> Int? {
        guard next < ready.count else { return nil }
        defer { next += 1 }
        return ready[next]
    }

    /// Records that a stage's outputs are resolved (up to date or computed): consumers whose
    /// inputs are now all resolved become ready.
    mutating func resolved(_ index: Int) {
        for consumer in consumers[index] where selected.contains(consumer) {
            waiting[consumer]! -= 1
            if waiting[consumer] == 0 && !blocked.contains(consumer) { ready.append(consumer) }
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
